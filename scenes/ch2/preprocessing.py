"""Preprocessing: the column means are subtracted, each column is divided by its standard deviation."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, Line, VGroup, VMobject

import dlmath as dm
from scenes.ch2.preprocessing_cloud import CloudSteps
from scenes.ch2.preprocessing_params import PreprocessingParams
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Join
from scenes.widgets.grid import NumberGrid
from scenes.widgets.inline import Inline

__all__ = ["PreprocessingScene"]

#: Top of the tables (their titles sit above) and the lowest a working line reaches.
TABLES_TOP, FLOOR = 2.45, -3.85


class PreprocessingScene(CloudSteps, LectureScene[PreprocessingParams]):
    """X, its means, X − μ, σ, (X − μ)/σ; test data with the training statistics; the point cloud."""

    name = "preprocessing"
    Params = PreprocessingParams

    def construct(self) -> None:
        """The table steps, then the same as a point cloud."""
        p = self.p
        self.stats = self.computed(dm.standardize(p.X))
        self.test = self.computed(dm.standardize_with(self.stats, p.test))
        self.lay_out()
        self.show_data()
        self.means()
        self.centre()
        self.stds()
        self.scale()
        self.test_data()
        self.cloud()
        self.cloud_scale()

    # layout --------------------------------------------------------------
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

    # steps ---------------------------------------------------------------
    @step("data")
    def show_data(self) -> dict[str, Any]:
        """The training data: one example per row, two features of very different sizes."""
        self.spent = VGroup()
        self.play(FadeIn(self.title))
        self.play(FadeIn(self.grids[0]), FadeIn(self.names[0]), run_time=1.0)
        self.hold(1)
        lo = [float(np.min(self.stats.centred[:, d] + self.stats.mean[d])) for d in range(2)]
        hi = [float(np.max(self.stats.centred[:, d] + self.stats.mean[d])) for d in range(2)]
        return {"n": self.n, "lo1": lo[0], "hi1": hi[0], "lo2": lo[1], "hi2": hi[1]}

    @step("mean")
    def means(self) -> dict[str, Any]:
        """Each column's mean: its values travel into the sum, the mean into the μ row."""
        s, n = self.stats, self.n
        lines, sources = [], []
        for d in range(2):
            terms = " + ".join(f"{{v{i}}}" for i in range(n))
            values: dict[str, Any] = {f"v{i}": float(self.p.X[i][d]) for i in range(n)}
            line = formula(
                f"mu_{d + 1} = ({terms}) / {{n}} = {{m}}", **values, n=n, m=float(s.mean[d])
            )
            part(line, "m").set_color(theme.FOCUS)
            lines.append(line)
            sources.append({f"v{i}": self.grids[0].cell(i, d) for i in range(n)})
        self.place(*lines)
        self.play(FadeIn(self.rule), FadeIn(self.mu_name), run_time=0.4)
        for d, line in enumerate(lines):
            self.play(travel_into(line, sources[d], lag_ratio=0.08), run_time=1.4)
            target = self.cell(0, n, d, float(s.mean[d]), theme.FOCUS)
            self.play(travel(part(line, "m"), target, path_arc=0.3), run_time=0.8)
        self.hold(1)
        return {"m1": float(s.mean[0]), "m2": float(s.mean[1])}

    @step("centre")
    def centre(self) -> dict[str, Any]:
        """Zero-centring: μ is subtracted from every row; each column's mean becomes 0."""
        s = self.stats
        self.play(FadeIn(self.grids[1]), FadeIn(self.names[1]), run_time=0.8)
        for i in range(self.n):
            self.row_through("-", 0, 0, self.n, 1, i, s.centred[i])
        self.hold(1)
        return {"row": Join([float(v) for v in s.centred[0]])}

    @step("std")
    def stds(self) -> dict[str, Any]:
        """Each column's (population) standard deviation from the centred values, into the σ row."""
        s, n = self.stats, self.n
        lines, sources = [], []
        for d in range(2):
            terms = " + ".join(
                f"({{c{i}}})^2" if s.centred[i, d] < 0 else f"{{c{i}}}^2" for i in range(n)
            )
            values: dict[str, Any] = {f"c{i}": float(s.centred[i, d]) for i in range(n)}
            line = formula(
                f"sigma_{d + 1} = sqrt(({terms}) div {{n}}) = {{s}}",
                **values,
                n=n,
                s=float(s.std[d]),
            )
            part(line, "s").set_color(theme.FOCUS)
            lines.append(line)
            sources.append({f"c{i}": self.source(1, i, d) for i in range(n)})
        self.place(*lines)
        self.play(FadeIn(self.sigma_name), run_time=0.4)
        for d, line in enumerate(lines):
            self.play(travel_into(line, sources[d], lag_ratio=0.08), run_time=1.4)
            target = self.cell(1, n, d, float(s.std[d]), theme.FOCUS)
            self.play(travel(part(line, "s"), target, path_arc=0.3), run_time=0.8)
        self.hold(1)
        return {"s1": float(s.std[0]), "s2": float(s.std[1])}

    @step("scale")
    def scale(self) -> dict[str, Any]:
        """Scaling: each centred column is divided by its σ; both features now have spread 1."""
        s = self.stats
        self.play(FadeIn(self.grids[2]), FadeIn(self.names[2]), run_time=0.8)
        for i in range(self.n):
            self.row_through("div", 1, 1, self.n, 2, i, s.scaled[i])
        self.hold(1)
        return {"row": Join([float(v) for v in s.scaled[0]])}

    @step("test")
    def test_data(self) -> dict[str, Any]:
        """Test rows are centred and scaled with the training μ and σ, never their own."""
        t, n = self.test, self.n
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.4)
            self.working = None
        rows = VGroup()
        for r in range(self.m):
            for d in range(2):
                rows.add(self.cell(0, n + 1 + r, d, float(self.p.test[r][d]), theme.RUNS[0]))
        labels = self.test_names
        note = theme.label(self.t("reuse"), theme.BODY_SIZE)
        self.place(note)
        self.play(FadeIn(rows), FadeIn(labels), FadeIn(note), run_time=0.8)
        for r in range(self.m):
            i = n + 1 + r
            targets = [self.cell(1, i, d, float(t.centred[r, d]), theme.RUNS[0]) for d in range(2)]
            self.play(
                *(
                    a
                    for d in range(2)
                    for a in self.merge(self.source(0, i, d), self.source(0, n, d), targets[d])
                ),
                run_time=0.9,
            )
            targets = [self.cell(2, i, d, float(t.scaled[r, d]), theme.RUNS[0]) for d in range(2)]
            self.play(
                *(
                    a
                    for d in range(2)
                    for a in self.merge(self.source(1, i, d), self.source(1, n, d), targets[d])
                ),
                run_time=0.9,
            )
            self.remove(self.spent)
        self.hold(1)
        return {
            "x": Join([float(v) for v in self.p.test[0]]),
            "z": Join([float(v) for v in t.scaled[0]]),
        }
