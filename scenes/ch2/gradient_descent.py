"""Optimisation scenes: the iterative method and gradient descent on y = x²."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    ReplacementTransform,
    Succession,
    Text,
    VGroup,
    Write,
)

import dlmath as dm
from scenes.ch2.gradient_descent_params import GradientDescentParams
from scenes.kit import theme
from scenes.kit.format import fmt
from scenes.kit.layout import fit
from scenes.kit.numbers import formula
from scenes.kit.scene import LectureScene, step
from scenes.kit.words import Join, Word
from scenes.widgets.plots import (
    MATH_SCALE,
    CurvePlot,
    IterateTable,
    Trajectory,
    axis_reach,
    drawable,
    equation,
)

__all__ = ["GradientDescentScene"]

#: Layout: the plot on the left, words and numbers in a panel on the right.
PLOT_AT = LEFT * 3.55 + DOWN * 0.5
PANEL_CORNER = RIGHT * 0.55 + UP * 2.8
PANEL_WIDTH, PANEL_HEIGHT = 6.3, 6.4
MATH = theme.BODY_SIZE * MATH_SCALE
SMALL_MATH = theme.SMALL_SIZE * MATH_SCALE
#: A diverging run is drawn while |x| <= DRAW_LIMIT·|x0|; later iterates appear as numbers only.
DRAW_LIMIT = 8.0


def status_color(status: str) -> str:
    """The colour of a verdict: converging is good, diverging costs, oscillating is in focus."""
    return {"converged": theme.GOOD, "converging": theme.GOOD, "diverged": theme.LOSS}.get(
        status, theme.FOCUS
    )


def paren(value: float) -> str:
    """A number for a subtitle, parenthesised when negative (it follows an operator)."""
    text = fmt(value)
    return f"({text})" if text.startswith("−") else text


class GradientDescentScene(LectureScene[GradientDescentParams]):
    """From the fixed-step iterative method to gradient descent and its learning-rate regimes."""

    name = "gradient-descent"
    Params = GradientDescentParams

    def construct(self) -> None:
        """The curve, fixed steps, steps proportional to the slope, each rate, a summary."""
        self.obj = dm.objective("parabola")
        self.curve()
        for n, h in enumerate(self.p.fixed_steps, 1):
            self.fixed(n=n, h=h)
        self.slope()
        for n, lr in enumerate(self.p.rates, 1):
            self.rate(n=n, lr=lr)
        self.summary()

    # helpers -------------------------------------------------------------
    def descend(self, lr: float) -> dm.Descent:
        """Gradient descent on the objective from ``x0`` with learning rate ``lr``."""
        return dm.descend(self.obj.grad, self.p.x0, lr, self.p.steps, f=self.obj.f)

    def shown(self, d: dm.Descent) -> int:
        """How many iterates of ``d`` are drawn (a diverging run stops at the chart's edge)."""
        return drawable(d.xs, DRAW_LIMIT * abs(self.p.x0))

    def status(self, d: dm.Descent) -> Word:
        """The verdict of dlmath on a run, as a word (with the zig-zag unless it says so)."""
        verdict = Word(f"status.{d.status}")
        if d.oscillates and d.status != "oscillating":
            return Word("zigzag", status=verdict)
        return verdict

    def status_label(self, d: dm.Descent, size: float = theme.BODY_SIZE) -> Text:
        """The verdict as a coloured label."""
        word = self.status(d)
        return theme.label(self.t(word.key, **word.values), size, status_color(d.status))

    @staticmethod
    def iterates(d: dm.Descent, count: int = 4) -> str:
        """The first iterates after ``x0``, as text for a subtitle."""
        return ", ".join(fmt(x, 3) for x in d.xs[1 : count + 1])

    def show(self, reach: float, panel: VGroup) -> CurvePlot:
        """Swap in a plot reaching ±``reach`` and a new panel; the old path goes."""
        plot = CurvePlot(self.obj.f, reach).move_to(PLOT_AT)
        fit(panel, PANEL_WIDTH, PANEL_HEIGHT).next_to(PANEL_CORNER, DOWN + RIGHT, buff=0)
        self.play(FadeOut(self.panel), FadeOut(self.path), run_time=0.5)
        self.play(ReplacementTransform(self.plot, plot), FadeIn(panel))
        self.plot, self.panel, self.path = plot, panel, VGroup()
        return plot

    def hop(self, d: dm.Descent, color: str) -> None:
        """Draw the drawable iterates of ``d`` on the plot, hopping from dot to dot."""
        k = self.shown(d)
        path = Trajectory(self.plot, d.xs[:k], d.values[:k], color)
        marker = Dot(path.dots[0].get_center(), radius=0.11, color=color)
        self.play(FadeIn(path.dots[0]), FadeIn(marker), run_time=0.3)
        if k > 1:
            self.play(Succession(*path.hops(marker)), run_time=min(0.5 * (k - 1), 3.0))
        self.path = VGroup(path, marker)

    # steps ---------------------------------------------------------------
    @step("curve")
    def curve(self) -> dict[str, Any]:
        """The parabola and the starting point."""
        x0, y0 = self.p.x0, float(self.obj.f(self.p.x0))
        self.plot = CurvePlot(self.obj.f, axis_reach([x0])).move_to(PLOT_AT)
        self.path = Dot(self.plot.point(x0, y0), radius=0.11, color=theme.FOCUS)
        rule = formula(self.obj.formula, size=MATH * 1.2, color=theme.FORWARD)
        goal = theme.label(self.t("goal"), line_spacing=1.2)
        point = VGroup(
            equation("x_0", x0, color=theme.FOCUS), equation("y_0", y0, color=theme.FOCUS)
        ).arrange(RIGHT, buff=0.6)
        self.panel = VGroup(rule, goal, point).arrange(DOWN, aligned_edge=LEFT, buff=0.5)
        fit(self.panel, PANEL_WIDTH).next_to(PANEL_CORNER, DOWN + RIGHT, buff=0)
        self.play(FadeIn(self.heading()), Create(self.plot), Write(rule))
        self.play(FadeIn(self.path, scale=2), FadeIn(goal), FadeIn(point))
        self.wait(0.5)
        return {"x0": x0, "y0": y0}

    @step("fixed-step-{n}")
    def fixed(self, n: int, h: float) -> dict[str, Any]:
        """The iterative method with a fixed step length ``h``."""
        d = dm.fixed_step(self.obj.grad, self.p.x0, h, self.p.steps, f=self.obj.f)
        rule = VGroup(
            formula('x_(t+1) = x_t - h op("sign")(f\'(x_t))', size=SMALL_MATH),
            equation("h", d.lr, color=theme.FOCUS),
        ).arrange(RIGHT, buff=0.5)
        panel = VGroup(
            theme.label(self.t("fixed")), rule, IterateTable(d.xs, decimals=2), self.status_label(d)
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        self.show(axis_reach(d.xs), panel)
        self.hop(d, theme.FOCUS)
        self.wait(0.5)
        return {"h": d.lr, "path": self.iterates(d), "status": self.status(d)}

    @step("slope")
    def slope(self) -> dict[str, Any]:
        """A step proportional to the slope: one or two updates with their numbers."""
        d = self.descend(self.p.rates[0])
        updates = VGroup(
            *(
                formula(
                    f"x_{t + 1} = {{x}} - {{lr}} dot {{g}} = {{y}}",
                    x=d.xs[t],
                    lr=d.lr,
                    g=d.grads[t],
                    y=d.xs[t + 1],
                    size=MATH,
                )
                for t in range(min(2, self.p.steps))
            )
        )
        panel = VGroup(
            theme.label(self.t("slope"), line_spacing=1.2),
            formula("x_(t+1) = x_t - eta f'(x_t)", size=MATH, color=theme.FORWARD),
            theme.label(self.t("eta"), theme.SMALL_SIZE, theme.MUTED),
            *updates,
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        plot = self.show(axis_reach(d.xs[:3]), panel)
        colour, shown = theme.RUNS[0], VGroup()
        for t, update in enumerate(updates):
            tangent = plot.tangent(d.xs[t], d.values[t], d.grads[t])
            slope = formula(
                f"f'(x_{t}) = {{g}}", g=d.grads[t], size=SMALL_MATH, color=theme.GRADIENT
            )
            inward = LEFT if d.xs[t] > 0 else RIGHT  # the open side of the parabola
            slope.next_to(tangent.get_center(), inward, buff=0.35)
            path = Trajectory(plot, d.xs[t : t + 2], d.values[t : t + 2], colour)
            self.play(
                FadeOut(shown), Create(tangent), FadeIn(slope), update.animate.set_color(colour)
            )
            self.play(FadeIn(path.dots[0]), Create(path.moves), FadeIn(path.dots[1]))
            self.path.add(path)
            shown = VGroup(tangent, slope)
        self.path.add(shown)
        self.wait(0.5)
        return {"lr": d.lr, "x0": float(d.xs[0]), "g0": paren(d.grads[0]), "x1": float(d.xs[1])}

    @step("rate-{n}")
    def rate(self, n: int, lr: float) -> dict[str, Any]:
        """Gradient descent with one learning rate: its path, iterates and verdict."""
        d = self.descend(lr)
        colour = theme.RUNS[(n - 1) % len(theme.RUNS)]
        head = VGroup(
            theme.label(self.t("rate"), color=theme.MUTED), equation("eta", d.lr, color=colour)
        ).arrange(RIGHT)
        items = [head, IterateTable(d.xs), self.status_label(d)]
        if self.shown(d) < len(d.xs):
            items.append(theme.label(self.t("off_chart"), theme.SMALL_SIZE, theme.MUTED))
        panel = VGroup(*items).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        self.show(axis_reach(d.xs[: self.shown(d)]), panel)
        self.hop(d, colour)
        self.wait(0.5)
        return {
            "lr": d.lr,
            "path": self.iterates(d),
            "steps": len(d.xs) - 1,
            "xn": float(d.xs[-1]),
            "status": self.status(d),
        }

    @step("summary")
    def summary(self) -> dict[str, Any]:
        """Every learning rate side by side: path, verdict and final x."""
        cells, verdicts = VGroup(), []
        for n, lr in enumerate(self.p.rates, 1):
            d, colour = self.descend(lr), theme.RUNS[(n - 1) % len(theme.RUNS)]
            k = self.shown(d)
            plot = CurvePlot(
                self.obj.f, axis_reach(d.xs[:k]), width=3.4, height=2.6, axis_labels=False
            )
            path = Trajectory(plot, d.xs[:k], d.values[:k], colour, radius=0.05, stroke_width=2)
            text = (
                VGroup(
                    equation("eta", d.lr, color=colour),
                    self.status_label(d),
                    equation(f"x_({len(d.xs) - 1})", d.xs[-1]),
                )
                .arrange(DOWN, aligned_edge=LEFT, buff=0.3)
                .next_to(plot, RIGHT, buff=0.3)
            )
            cells.add(VGroup(plot, path, text))
            verdicts.append(Word("verdict", lr=d.lr, status=self.status(d)))
        cols = 1 if len(cells) == 1 else 2
        cells.arrange_in_grid(cols=cols, buff=(0.7, 0.6), cell_alignment=LEFT)
        fit(cells, 13.6, 6.7).move_to(DOWN * 0.45)
        self.play(FadeOut(self.plot), FadeOut(self.panel), FadeOut(self.path))
        self.play(FadeIn(cells))
        self.wait(1)
        return {"verdicts": Join(verdicts, sep="clause")}
