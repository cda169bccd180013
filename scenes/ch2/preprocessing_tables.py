"""The tables of ``preprocessing``: X, X − μ and (X − μ)/σ side by side, working lines, rows carried through."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeOut, Line, VGroup, VMobject

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.travel import travel, travel_into
from scenes.widgets.grid import NumberGrid
from scenes.widgets.inline import Inline

if TYPE_CHECKING:
    from scenes.ch2.preprocessing_params import PreprocessingParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[PreprocessingParams]
else:
    _Base = object

__all__ = ["TableWorking"]

#: Top of the tables (their titles sit above) and the lowest a working line reaches.
TABLES_TOP, FLOOR = 2.45, -3.85


class TableWorking(_Base):
    """The tables for :class:`~scenes.ch2.preprocessing.PreprocessingScene` (which sets ``stats``, ``test``).

    :meth:`lay_out` builds the tables; the steps write cells and working lines with the rest.
    """

    title: VMobject
    stats: dm.Standardized
    test: dm.Standardized
    spent: VGroup

    def lay_out(self) -> None:
        """Three tables side by side: X (with μ under it), X − μ (with σ), (X − μ)/σ; test rows last."""
        s, t = self.stats, self.test
        n, m = len(s.centred), len(t.centred)
        self.n, self.m = n, m
        self.title = self.heading()
        nan = np.full((1, 2), np.nan)
        heads = [
            [formula("x_1"), formula("x_2")],
            [formula("x_1"), formula("x_2")],
            [formula("x_1"), formula("x_2")],
        ]
        rows: list[list[VMobject]] = [
            [VMobject() for _ in range(n)]
            + [formula("mu")]
            + [theme.label(self.t("test"), theme.SMALL_SIZE) for _ in range(m)],
            [VMobject() for _ in range(n)] + [formula("sigma")] + [VMobject() for _ in range(m)],
            [VMobject() for _ in range(n + 1 + m)],
        ]
        x_values = np.vstack([np.asarray(self.p.X, float), nan, np.full((m, 2), np.nan)])
        blank = np.full((n + 1 + m, 2), np.nan)
        self.grids = [
            NumberGrid(x_values, rows[0], heads[0], fits=[*s.mean, *np.ravel(self.p.test)]),
            NumberGrid(
                blank, rows[1], heads[1], fits=[*np.ravel(s.centred), *s.std, *np.ravel(t.centred)]
            ),
            NumberGrid(blank, rows[2], heads[2], fits=[*np.ravel(s.scaled), *np.ravel(t.scaled)]),
        ]
        self.tables = VGroup(*self.grids).arrange(RIGHT, buff=1.2, aligned_edge=UP)
        room = (13.2, TABLES_TOP - FLOOR - 1.9)
        self.tables.scale(min(1.1, room[0] / self.tables.width, room[1] / self.tables.height))
        self.tables.move_to(UP * (TABLES_TOP - self.tables.height / 2)).set_x(0.3)
        names = ["X", "X - mu", "(X - mu) div sigma"]
        self.names = VGroup(
            *(
                formula(name, color=theme.MUTED).next_to(g.col_labels, UP, buff=0.15)
                for name, g in zip(names, self.grids, strict=True)
            )
        )
        top = max(nm.get_bottom()[1] for nm in self.names)
        for nm in self.names:
            nm.align_to(UP * top, DOWN)
        g = self.grids[0]
        y = g.slot(n, 0)[1] + g.row_height / 2
        left, right = self.tables.get_left()[0] - 0.9, self.tables.get_right()[0]
        self.rule = Line(
            RIGHT * left + UP * y, RIGHT * right + UP * y, color=theme.MUTED, stroke_width=1.5
        )
        # μ, σ and the test rows' names appear with their numbers, not with the tables
        self.mu_name, self.sigma_name = self.grids[0].row_labels[n], self.grids[1].row_labels[n]
        self.test_names = VGroup(*self.grids[0].row_labels[n + 1 :])
        self.grids[0].row_labels.remove(self.mu_name, *self.test_names)
        self.grids[1].row_labels.remove(self.sigma_name)
        self.working: VMobject | None = None
        self.cells: dict[tuple[int, int, int], VMobject] = {}  # (table, row, column) → number

    def cell(self, k: int, i: int, j: int, value: float, color: str | None = None) -> VMobject:
        """A number for cell ``(i, j)`` of table ``k`` (remembered once shown)."""
        mob = self.grids[k].new_cell(i, j, value, color)
        self.cells[(k, i, j)] = mob
        return mob

    def source(self, k: int, i: int, j: int) -> VMobject:
        """The number on screen in cell ``(i, j)`` of table ``k``."""
        if (k, i, j) in self.cells:
            return self.cells[(k, i, j)]
        return self.grids[k].cell(i, j)

    def place(self, *lines: VMobject) -> VGroup:
        """Working lines under the tables, side by side if they fit (the previous working fades)."""
        group = VGroup(*lines).arrange(RIGHT, buff=0.9, aligned_edge=DOWN)
        if group.width > 13.4:
            group.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        g = self.grids[0]
        top = g.slot(self.n + self.m, 0)[1] - g.row_height / 2 - 0.35
        fit(group, 13.4, top - FLOOR)
        group.move_to(UP * (top - group.height / 2)).set_x(0)
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.4)
        self.working = group
        return group

    def merge(self, main: VMobject, factor: VMobject, target: VMobject) -> list[Any]:
        """``main`` travels onto ``target``; a copy of ``factor`` flies in with it and fades."""
        flyer = factor.copy()
        self.spent.add(flyer)
        return [travel(main, target, path_arc=-0.2), flyer.animate.move_to(target).set_opacity(0)]

    def row_line(self, op: str, a: Any, b: Any, c: Any, colors: tuple[str | None, ...]) -> Inline:
        """``[a1, a2] op [b1, b2] = [c1, c2]`` from cached pieces; parts ``a0 a1 b0 b1 c0 c1``."""
        tokens: list[str | tuple[str, float]] = []
        for name, vec in (("a", a), ("b", b), ("c", c)):
            if name == "b":
                tokens.append(op)
            if name == "c":
                tokens.append("=")
            tokens += ["[", (f"{name}0", float(vec[0])), ",", (f"{name}1", float(vec[1])), "]"]
        line = Inline(tokens)
        for name, colour in zip("abc", colors, strict=True):
            if colour is not None:
                for d in range(2):
                    part(line, f"{name}{d}").set_color(colour)
        return line

    def row_through(
        self, op: str, k_in: int, k_by: int, by_row: int, k_out: int, i: int, out: Any
    ) -> None:
        """Row ``i`` of table ``k_in`` combined with row ``by_row`` of ``k_by`` into table ``k_out``.

        The first row is written out (its numbers travel into a working line and
        the result travels into its place); the other rows travel directly.
        """
        ins = [self.source(k_in, i, d) for d in range(2)]
        bys = [self.source(k_by, by_row, d) for d in range(2)]
        colour = theme.RUNS[0] if i > self.n else theme.FORWARD
        targets = [self.cell(k_out, i, d, float(out[d]), colour) for d in range(2)]
        if i == 0:
            line = self.row_line(
                op, [m.value for m in ins], [m.value for m in bys], out, (None, theme.FOCUS, colour)
            )
            self.place(line)
            sources = {"a0": ins[0], "a1": ins[1], "b0": bys[0], "b1": bys[1]}
            self.play(travel_into(line, sources), run_time=1.4)
            self.play(*(travel(part(line, f"c{d}"), targets[d], path_arc=0.3) for d in range(2)))
            return
        self.play(
            *(a for d in range(2) for a in self.merge(ins[d], bys[d], targets[d])), run_time=0.7
        )
        self.remove(self.spent)
