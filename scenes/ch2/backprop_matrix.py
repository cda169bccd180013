"""Gradients of a matrix and a vector: f = ‖W·x‖², each gradient the shape of its variable."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import DOWN, RIGHT, UP, FadeIn, FadeOut, Indicate, Mobject, VGroup, VMobject, Write

import dlmath as dm
from scenes.ch2.backprop_matrix_params import BackpropMatrixParams
from scenes.kit import theme
from scenes.kit.format import fmt
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Num
from scenes.widgets.grid import NumberGrid

__all__ = ["BackpropMatrixScene"]

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


class BackpropMatrixScene(LectureScene[BackpropMatrixParams]):
    """f = ‖W·x‖²: q = W·x, f, ∂f/∂q = 2q, ∂f/∂W = 2q·xᵀ cell by cell, ∂f/∂x = Wᵀ·2q, shapes."""

    name = "backprop-matrix"
    Params = BackpropMatrixParams

    def construct(self) -> None:
        """The problem, forward q and f, ∂q, the shape rule, ∂W and ∂x with their dimension analysis."""
        self.r = self.computed(dm.matrix_norm(self.p.W, self.p.x))
        self.m, self.n = self.r.W.shape
        self.working: Mobject | None = None
        self.lay_out()
        self.problem()
        self.forward_q()
        self.forward_f()
        self.grad_q()
        self.shape_rule()
        self.dims_w()
        self.grad_w()
        self.dims_x()
        self.grad_x()

    # layout --------------------------------------------------------------
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

    # steps ---------------------------------------------------------------
    @step("problem")
    def problem(self) -> dict[str, Any]:
        """The function, W and x with their shapes."""
        self.play(FadeIn(self.title), Write(self.expr))
        self.play(
            FadeIn(self.parts_of(self.W)),
            FadeIn(self.W),
            FadeIn(self.parts_of(self.x)),
            FadeIn(self.x),
            run_time=1.5,
        )
        self.hold(1)
        return {"m": self.m, "n": self.n}

    @step("forward-q")
    def forward_q(self) -> dict[str, Any]:
        """q_i = Σ_j W_ij x_j, one row of W at a time."""
        r = self.r
        self.play(FadeIn(self.parts_of(self.q)))
        for i in range(self.m):
            terms = " + ".join(f"{{w{j}}} times {{x{j}}}" for j in range(self.n))
            numbers: dict[str, Any] = {"q": float(r.q[i])}
            numbers |= {f"w{j}": float(r.W[i, j]) for j in range(self.n)}
            numbers |= {f"x{j}": float(r.x[j]) for j in range(self.n)}
            line = formula(f"q_{i + 1} = {terms} = {{q}}", decimals=DECIMALS, **numbers)
            sources = {f"w{j}": self.cell(self.W, i, j) for j in range(self.n)}
            sources |= {f"x{j}": self.cell(self.x, j) for j in range(self.n)}
            box = self.W.row_box(i)
            self.play(FadeIn(box), run_time=0.4)
            self.show_working(line, sources, run_time=1.2)
            target = self.fill(self.q, i, 0, float(r.q[i]), theme.FORWARD)
            self.play(travel(part(line, "q"), target, path_arc=0.3), FadeOut(box), run_time=0.9)
        return {"q": _vector(r.q)}

    @step("forward-f")
    def forward_f(self) -> dict[str, Any]:
        """The sum of the squares: f = Σ q_i²."""
        r = self.r
        terms = " + ".join(f"{{q{i}}}^2" for i in range(self.m))
        numbers: dict[str, Any] = {"f": r.f} | {f"q{i}": float(r.q[i]) for i in range(self.m)}
        line = formula(f"f = {terms} = {{f}}", decimals=DECIMALS, **numbers)
        self.show_working(line, {f"q{i}": self.cell(self.q, i) for i in range(self.m)})
        self.play(travel(part(line, "f"), self.f_label, path_arc=0.3))
        self.hold(1)
        return {"f": Num(r.f, DECIMALS)}

    @step("grad-q")
    def grad_q(self) -> dict[str, Any]:
        """∂f/∂q_i = 2 q_i."""
        r = self.r
        self.play(FadeIn(self.parts_of(self.dq)))
        for i in range(self.m):
            line = formula(
                f"partial f \\/ partial q_{i + 1} = 2 q_{i + 1} = 2 times {{q}} = {{g}}",
                decimals=DECIMALS,
                q=float(r.q[i]),
                g=float(r.dq[i]),
            )
            part(line, "g").set_color(theme.GRADIENT)
            self.show_working(line, {"q": self.cell(self.q, i)}, run_time=0.9)
            target = self.fill(self.dq, i, 0, float(r.dq[i]), theme.GRADIENT)
            self.play(travel(part(line, "g"), target, path_arc=0.3), run_time=0.8)
        return {"dq": _vector(r.dq)}

    @step("shape-rule")
    def shape_rule(self) -> dict[str, Any]:
        """A gradient has the shape of its variable: empty ∂W and ∂x the size of W and x."""
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.4)
            self.working = None
        rule = theme.label(self.t("rule"), theme.BODY_SIZE, theme.FOCUS)
        fit(rule, 13.4).move_to(np.array([0.0, WORK_Y, 0.0]))
        self.play(FadeIn(self.parts_of(self.dW)), FadeIn(self.parts_of(self.dx)), FadeIn(rule))
        self.play(
            Indicate(self.shapes[id(self.W)], color=theme.FOCUS),
            Indicate(self.shapes[id(self.dW)], color=theme.FOCUS),
            Indicate(self.shapes[id(self.x)], color=theme.FOCUS),
            Indicate(self.shapes[id(self.dx)], color=theme.FOCUS),
        )
        self.working = rule
        self.hold(1)
        return {"m": self.m, "n": self.n}

    def dims(self, template: str) -> None:
        """A dimension analysis line: the only product of the known shapes that has the right one."""
        line = formula(template, m=self.m, n=self.n, color=theme.TEXT)
        fit(line, 13.4).move_to(np.array([0.0, WORK_Y, 0.0]), aligned_edge=UP).shift(UP * 0.25)
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.4)
        self.play(Write(line), run_time=1.5)
        self.working = line

    @step("dims-W")
    def dims_w(self) -> dict[str, Any]:
        """∂f/∂W (m×n) can only be ∂f/∂q (m×1) times xᵀ (1×n)."""
        self.dims(
            "underbrace(partial f \\/ partial W, {m} times {n}) = "
            "underbrace(partial f \\/ partial q, {m} times 1) dot underbrace(x^T, 1 times {n})"
        )
        self.hold(1)
        return {"m": self.m, "n": self.n}

    @step("grad-W")
    def grad_w(self) -> dict[str, Any]:
        """∂f/∂W_ij = ∂f/∂q_i · x_j, cell by cell: an outer product."""
        r = self.r
        for i in range(self.m):
            for j in range(self.n):
                line = formula(
                    f"partial f \\/ partial W_({i + 1}{j + 1}) = {{g}} times {{x}} = {{w}}",
                    decimals=DECIMALS,
                    g=float(r.dq[i]),
                    x=float(r.x[j]),
                    w=float(r.dW[i, j]),
                )
                part(line, "w").set_color(theme.GRADIENT)
                part(line, "g").set_color(theme.GRADIENT)
                part(line, "x").set_color(theme.FORWARD)
                self.show_working(
                    line, {"g": self.cell(self.dq, i), "x": self.cell(self.x, j)}, 0.8
                )
                target = self.fill(self.dW, i, j, float(r.dW[i, j]), theme.GRADIENT)
                self.play(travel(part(line, "w"), target, path_arc=0.3), run_time=0.7)
        return {"dW": _matrix(r.dW)}

    @step("dims-x")
    def dims_x(self) -> dict[str, Any]:
        """∂f/∂x (n×1) can only be Wᵀ (n×m) times ∂f/∂q (m×1)."""
        self.dims(
            "underbrace(partial f \\/ partial x, {n} times 1) = "
            "underbrace(W^T, {n} times {m}) dot underbrace(partial f \\/ partial q, {m} times 1)"
        )
        self.hold(1)
        return {"m": self.m, "n": self.n}

    @step("grad-x")
    def grad_x(self) -> dict[str, Any]:
        """∂f/∂x_j = Σ_i W_ij ∂f/∂q_i: a column of W against ∂f/∂q."""
        r = self.r
        for j in range(self.n):
            terms = " + ".join(f"{{w{i}}} times {{g{i}}}" for i in range(self.m))
            numbers: dict[str, Any] = {"d": float(r.dx[j])}
            numbers |= {f"w{i}": float(r.W[i, j]) for i in range(self.m)}
            numbers |= {f"g{i}": float(r.dq[i]) for i in range(self.m)}
            line = formula(
                f"partial f \\/ partial x_{j + 1} = {terms} = {{d}}", decimals=DECIMALS, **numbers
            )
            part(line, "d").set_color(theme.GRADIENT)
            sources = {f"w{i}": self.cell(self.W, i, j) for i in range(self.m)}
            sources |= {f"g{i}": self.cell(self.dq, i) for i in range(self.m)}
            self.show_working(line, sources, run_time=1.2)
            target = self.fill(self.dx, j, 0, float(r.dx[j]), theme.GRADIENT)
            self.play(travel(part(line, "d"), target, path_arc=0.3), run_time=0.8)
        self.hold(1)
        return {"dx": _vector(r.dx)}


def _vector(values: np.ndarray) -> str:
    """``[0.44, 0.52]`` by the number rule (3 decimals), for a subtitle."""
    return "[" + ", ".join(fmt(float(v), DECIMALS) for v in values) + "]"


def _matrix(values: np.ndarray) -> str:
    """``[[0.088, 0.176], [0.104, 0.208]]`` by the number rule, for a subtitle."""
    return "[" + ", ".join(_vector(row) for row in values) + "]"
