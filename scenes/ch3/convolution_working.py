"""The convolution scene's working in the middle column: each output cell's products, the size rule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    FadeIn,
    FadeOut,
    Succession,
    Transform,
    VGroup,
    VMobject,
    Write,
)

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.travel import travel, travel_into
from scenes.widgets.cells import CellGrid
from scenes.widgets.inline import Inline

if TYPE_CHECKING:
    from scenes.ch3.convolution_params import ConvolutionParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[ConvolutionParams]
else:
    _Base = object

__all__ = ["MIDDLE_W", "MIDDLE_X", "Working"]

#: The middle column (the filter, the bias, the working): its centre and width.
MIDDLE_X, MIDDLE_W = 0.35, 4.3
#: Bottom of the middle column's working (the legend sits below).
FLOOR = -3.2
#: The first cells of the first pass (one in later passes) are worked out slowly; the first pass works out every cell (up to
#: MAX_WORKED) at FAST pace; the rest send their value straight to the output.
SLOW_CELLS, MAX_WORKED, FAST = 2, 16, 0.55


class Working(_Base):
    """Output cells worked out and output sizes for :class:`~scenes.ch3.convolution.ConvolutionScene`.

    The scene lays out ``x``, ``k``, ``b``, ``frame`` and ``fshape``, and keeps
    ``out``, ``working`` and ``values`` (what is in the output and the middle column).
    """

    fshape: tuple[int, int]
    x: CellGrid
    k: CellGrid
    b: VMobject
    frame: VMobject
    out: CellGrid | None
    working: VMobject | None
    values: VGroup

    def place(self, lines: VGroup) -> VGroup:
        """Stack working lines in the middle column under the bias."""
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        top = self.b.get_bottom()[1] - 0.35
        fit(lines, MIDDLE_W, top - FLOOR)
        lines.move_to(RIGHT * MIDDLE_X).align_to(UP * top, UP)
        return lines

    def clear_working(self) -> None:
        """Fade out the working lines in the middle column."""
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.3)
            self.working = None

    # one output cell -------------------------------------------------------
    def frame_to(self, r: dm.ConvResult, i: int, j: int) -> list[Any]:
        """The animation moving the filter's frame onto the window of output ``(i, j)`` (if it moves)."""
        rows, cols = r.window(i, j)
        target = self.x.frame(rows.start, cols.start, *self.fshape)
        if np.linalg.norm(self.frame.get_center() - target.get_center()) < 1e-6:
            return []
        return [self.frame.animate.move_to(target)]

    def products(self, r: dm.ConvResult, i: int, j: int) -> VGroup:
        """The working of cell ``(i, j)``: one line of products per filter row, then sum and bias."""
        fh, fw = self.fshape
        window = r.window_values(i, j)
        lines = VGroup()
        for u in range(fh):
            tokens: list[str | tuple[str, float]] = [] if u == 0 else ["+"]
            for v in range(fw):
                if v:
                    tokens.append("+")
                tokens += [(f"x{v}", float(window[u, v])), "dot", (f"k{v}", float(r.weights[u, v]))]
            line = Inline(tokens)
            for v in range(fw):
                part(line, f"k{v}").set_color(theme.FOCUS)
            lines.add(line)
        total = Inline(
            [
                "=",
                ("s", float(r.sums[i, j])),
                "+",
                ("b", float(r.bias[0])),
                "=",
                ("o", float(r.output[i, j])),
            ]
        )
        part(total, "o").set_color(theme.FORWARD)
        lines.add(total)
        return self.place(lines)

    def sweep(self, r: dm.ConvResult, first: bool) -> None:
        """Every output cell of ``r`` in reading order; quick cells of one row in one go."""
        oh, ow = r.output.shape
        quick: list[tuple[int, int]] = []
        for k, (i, j) in enumerate((i, j) for i in range(oh) for j in range(ow)):
            pace = self.pace_of(k, first)
            if pace is None:
                quick.append((i, j))
                if j == ow - 1:
                    self.quick_cells(r, quick)
                    quick = []
            else:
                self.cell_value(r, i, j, pace)
        self.quick_cells(r, quick)

    def quick_cells(self, r: dm.ConvResult, cells: list[tuple[int, int]]) -> None:
        """The frame steps through ``cells``; each value flies from the window into ``Y``."""
        if not cells:
            return
        assert self.out is not None
        steps: list[Any] = []
        for i, j in cells:
            rows, cols = r.window(i, j)
            window = self.x.frame(rows.start, cols.start, *self.fshape)
            target = self.out.number(i, j, r.output[i, j], theme.FORWARD)
            steps += [
                Transform(self.frame, window, run_time=0.25),
                FadeIn(target, target_position=window.get_center(), run_time=0.35),
            ]
            self.values.add(target)
        self.play(Succession(*steps), run_time=0.6 * len(cells))

    def cell_value(self, r: dm.ConvResult, i: int, j: int, pace: float) -> None:
        """Output cell ``(i, j)`` worked out product by product, its value travelling into ``Y``.

        ``pace`` scales the timing (1 for the first cells, less later).
        """
        assert self.out is not None
        target = self.out.number(i, j, r.output[i, j], theme.FORWARD)
        move = self.frame_to(r, i, j)
        rows, cols = r.window(i, j)
        lines = self.products(r, i, j)
        leaving = [FadeOut(self.working)] if self.working is not None else []
        if move or leaving:
            self.play(*move, *leaving, run_time=0.4 * pace)
        fw = self.fshape[1]
        rows_in = []
        for u, line in enumerate(lines[:-1]):
            sources = {}
            for v in range(fw):
                sources[f"x{v}"] = self.x.label(rows.start + u, cols.start + v)
                sources[f"k{v}"] = self.k.label(u, v)
            rows_in.append(travel_into(line, sources, lag_ratio=0.05))
        total = lines[-1]
        rows_in.append(travel_into(total, {"b": part(self.b, "b")}))
        self.play(
            AnimationGroup(*rows_in, lag_ratio=0.7), run_time=(0.5 + 0.6 * len(rows_in)) * pace
        )
        self.play(travel(part(total, "o"), target, path_arc=-0.3), run_time=0.7 * pace)
        self.working = lines
        self.values.add(target)

    @staticmethod
    def pace_of(k: int, first: bool) -> float | None:
        """How cell ``k`` of a pass is worked out: the first pass shows every cell's products."""
        if k < (SLOW_CELLS if first else 1):
            return 1.0
        if first and k < MAX_WORKED:
            return FAST
        return None

    def size_formula(self, g: dm.ConvGeometry, color: str | None = None) -> VMobject:
        """``(W − F + 2P)/S + 1 = out`` with the numbers of ``g``."""
        mob = formula(
            "({w} - {f} + 2 dot {p}) / {s} + 1 = {o}",
            w=g.size,
            f=g.field,
            p=g.pad,
            s=g.stride,
            o=g.output,
        )
        part(mob, "o").set_color(color or theme.FORWARD)
        return mob

    def show_size(self, *sizes: dm.ConvGeometry) -> None:
        """The general size rule and the sizes of this case, in the middle column."""
        self.clear_working()
        rule = formula("(W - F + 2P) / S + 1", color=theme.MUTED)
        lines = self.place(VGroup(rule, *(self.size_formula(g) for g in sizes)))
        self.play(Write(lines), run_time=1.2)
        self.working = lines
