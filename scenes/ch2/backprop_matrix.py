"""Gradients of a matrix and a vector: f = ‖W·x‖², each gradient the shape of its variable."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import FadeIn, FadeOut, Indicate, Mobject, Write

import dlmath as dm
from scenes.ch2.backprop_matrix_layout import DECIMALS, WORK_Y, GridLayout
from scenes.ch2.backprop_matrix_params import BackpropMatrixParams
from scenes.kit import theme
from scenes.kit.format import fmt
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel
from scenes.kit.words import Num

__all__ = ["BackpropMatrixScene"]


class BackpropMatrixScene(GridLayout, LectureScene[BackpropMatrixParams]):
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
