"""The matrix-gradient scene's layout: W, x, q with their gradients in brackets, shapes, the working line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from manim import DOWN, RIGHT, UP, FadeOut, Mobject, VGroup, VMobject, Write

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.travel import travel_into
from scenes.widgets.grid import NumberGrid

if TYPE_CHECKING:
    from scenes.ch2.backprop_matrix_params import BackpropMatrixParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[BackpropMatrixParams]
else:
    _Base = object

__all__ = ["DECIMALS", "WORK_Y", "GridLayout", "brackets"]

DECIMALS = 3
#: The working line's height (scene units), under everything else.
WORK_Y = -3.3


def brackets(grid: NumberGrid, color: str) -> VGroup:
    """Square brackets around a grid's cells (empty cells included)."""
    top = grid.slot(0, 0)[1] + grid.row_height / 2
    bottom = grid.slot(grid.n_rows - 1, 0)[1] - grid.row_height / 2
    left = grid.slot(0, 0)[0] - grid.col_width / 2
    right = grid.slot(0, grid.n_cols - 1)[0] + grid.col_width / 2
    tick = 0.12
    marks = VGroup()
    for x, sign in ((left, 1), (right, -1)):
        corners = [
            [x + sign * tick, top, 0],
            [x, top, 0],
            [x, bottom, 0],
            [x + sign * tick, bottom, 0],
        ]
        marks.add(
            VMobject(stroke_width=2.5, color=color).set_points_as_corners(np.array(corners, float))
        )
    return marks


class GridLayout(_Base):
    """Each variable over its gradient, in brackets with its shape; one working line under them."""

    r: dm.MatrixNorm
    m: int
    n: int
    working: Mobject | None

    def grid(self, values: np.ndarray, fits: np.ndarray, color: str) -> NumberGrid:
        """A column or matrix of numbers (NaN: empty) wide enough for ``fits``."""
        table = np.atleast_2d(values.T).T if values.ndim == 1 else values
        g = NumberGrid(
            table, decimals=DECIMALS, size=theme.BODY_SIZE, row_height=0.58, fits=list(fits.ravel())
        )
        for cell in g.body:
            cell.set_color(color)
        return g

    def lay_out(self) -> None:
        """Variables on top (W, x, q, f), their gradients under them, a shape under each."""
        r, m, n = self.r, self.m, self.n
        nan = np.full
        every = np.concatenate([r.W.ravel(), r.dW.ravel()])
        self.W = self.grid(r.W, every, theme.FORWARD)
        self.dW = self.grid(nan((m, n), np.nan), every, theme.GRADIENT)
        both_x = np.concatenate([r.x, r.dx])
        self.x = self.grid(r.x, both_x, theme.FORWARD)
        self.dx = self.grid(nan(n, np.nan), both_x, theme.GRADIENT)
        both_q = np.concatenate([r.q, r.dq])
        self.q = self.grid(nan(m, np.nan), both_q, theme.FORWARD)
        self.dq = self.grid(nan(m, np.nan), both_q, theme.GRADIENT)
        size = theme.BODY_SIZE * theme.MATH_SCALE
        names = [
            (self.W, "W", self.dW, "partial f \\/ partial W", (m, n)),
            (self.x, "x", self.dx, "partial f \\/ partial x", (n, 1)),
            (self.q, "q = W x", self.dq, "partial f \\/ partial q", (m, 1)),
        ]
        self.blocks = VGroup()
        self.labels, self.shapes, self.frames = {}, {}, {}
        for top, top_name, bottom, bottom_name, shape in names:
            column = VGroup()
            for g, text in ((top, top_name), (bottom, bottom_name)):
                label = theme.math(text, size)
                frame = brackets(g, theme.MUTED)
                tag = formula(
                    "{a} times {b}",
                    a=shape[0],
                    b=shape[1],
                    size=theme.SMALL_SIZE,
                    color=theme.MUTED,
                )
                body = VGroup(g, frame)
                label.next_to(body, UP, buff=0.15)
                tag.next_to(body, DOWN, buff=0.15)
                self.labels[id(g)], self.shapes[id(g)], self.frames[id(g)] = label, tag, frame
                column.add(VGroup(label, body, tag))
            column.arrange(DOWN, buff=0.45)
            self.blocks.add(column)
        self.f_label = formula("f = {f}", f=r.f, decimals=DECIMALS)
        part(self.f_label, "f").set_color(theme.FORWARD)
        self.blocks.add(VGroup(self.f_label))
        self.blocks.arrange(RIGHT, buff=1.0, aligned_edge=UP)
        # each row's brackets on one line, whatever the heights of the names above them
        for row in (0, 1):
            blocks = [column[row] for column in self.blocks[:3]]
            y = min(block[1].get_center()[1] for block in blocks)
            for block in blocks:
                block.shift(DOWN * (block[1].get_center()[1] - y))
        self.title = self.heading()
        self.expr = theme.math(
            "f(W, x) = norm(W dot x)^2 = sum_(i=1)^m q_i^2, quad q = W dot x", theme.BODY_SIZE * 1.3
        )
        self.expr.next_to(self.title, DOWN, buff=0.25)
        top = self.expr.get_bottom()[1] - 0.35
        floor = WORK_Y + 0.6
        fit(self.blocks, 13.4, top - floor)
        self.blocks.move_to(np.array([0.0, (top + floor) / 2, 0.0]))
        self.f_label.match_y(self.q)

    def parts_of(self, g: NumberGrid) -> VGroup:
        """A grid's name, brackets and shape (not its numbers)."""
        return VGroup(self.labels[id(g)], self.frames[id(g)], self.shapes[id(g)])

    def show_working(
        self, line: Mobject, sources: dict[str, Mobject], run_time: float = 1.0
    ) -> None:
        """Fade the last working out, then write ``line`` at the bottom with numbers travelling in."""
        fit(line, 13.4).move_to(np.array([0.0, WORK_Y, 0.0]))
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.4)
        self.play(travel_into(line, sources), run_time=run_time)
        self.working = line

    def cell(self, g: NumberGrid, i: int, j: int = 0) -> Mobject:
        """Cell ``(i, j)`` of a grid (a column's entries are ``(i, 0)``)."""
        return g.cell(i, j)

    def fill(self, g: NumberGrid, i: int, j: int, value: float, color: str) -> Mobject:
        """A new number for the empty cell ``(i, j)`` of ``g`` (not yet added)."""
        mob = g.new_cell(i, j, value, color)
        g.cells[i][j] = mob
        return mob

    def dims(self, template: str) -> None:
        """A dimension analysis line: the only product of the known shapes that has the right one."""
        line = formula(template, m=self.m, n=self.n, color=theme.TEXT)
        fit(line, 13.4).move_to(np.array([0.0, WORK_Y, 0.0]), aligned_edge=UP).shift(UP * 0.25)
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.4)
        self.play(Write(line), run_time=1.5)
        self.working = line
