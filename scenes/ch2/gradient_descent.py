"""Gradient descent on y = x²: the fixed-step method, steps proportional to the slope, learning rates."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromCenter,
    VGroup,
    Write,
)

import dlmath as dm
from scenes.ch2.gradient_descent_params import GradientDescentParams
from scenes.ch2.gradient_descent_runs import (
    BOX_CORNER,
    PANEL_WIDTH,
    PARAM_DECIMALS,
    REACH,
    RunPanel,
    decimals,
)
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel_into
from scenes.kit.words import Join, Num, Word
from scenes.widgets.plots import shared_ranges

__all__ = ["GradientDescentScene"]


class GradientDescentScene(RunPanel, LectureScene[GradientDescentParams]):
    """From the fixed-step iterative method to gradient descent and its learning-rate regimes."""

    name = "gradient-descent"
    Params = GradientDescentParams

    def construct(self) -> None:
        """The curve, fixed steps, steps proportional to the slope, each rate, all on one scale."""
        p = self.p
        self.obj = dm.objective("parabola")
        self.fixed_runs = [
            self.computed(dm.fixed_step(self.obj.grad, p.x0, h, p.steps, f=self.obj.f))
            for h in p.fixed_steps
        ]
        self.runs = [
            self.computed(dm.descend(self.obj.grad, p.x0, lr, p.steps, f=self.obj.f))
            for lr in p.rates
        ]
        self.slopes: dm.SlopeSteps = self.computed(dm.slope_steps(self.obj, p.x0, p.rates[0]))
        self.ranges = shared_ranges(REACH * abs(p.x0), self.obj.f)
        self.curve()
        for n in range(1, len(p.fixed_steps) + 1):
            self.fixed(n=n)
        self.slope()
        for n in range(1, len(p.rates) + 1):
            self.rate(n=n)
        self.summary()

    # steps ---------------------------------------------------------------
    @step("curve")
    def curve(self) -> dict[str, Any]:
        """The parabola on ticked axes and the starting point."""
        s = self.slopes
        self.title = self.heading()
        self.plot = self.make_plot()
        self.plot.shift(BOX_CORNER - self.plot.point(self.ranges[0][0], self.ranges[1][0]))
        rule = formula(self.obj.formula, size=theme.BODY_SIZE * 1.2)
        goal = theme.label(self.t("goal"), line_spacing=1.2)
        places = decimals(self.p.x0, least=2)
        start = formula(
            "x_0 = {x}, quad y_0 = {y}",
            x=float(s.xs[0]),
            y=float(s.values[0]),
            color=theme.FOCUS,
            decimals=places,
        )
        self.place_panel(VGroup(rule, goal, start))
        dot = Dot(self.plot.point(s.xs[0], s.values[0]), radius=0.1, color=theme.FOCUS)
        self.play(FadeIn(self.title), Create(self.plot.axes), Write(rule))
        self.play(Create(self.plot.curve), FadeIn(goal))
        self.remove(self.plot.axes, self.plot.curve)  # on screen as one plot from now on
        self.add(self.plot)
        self.play(FadeIn(start), GrowFromCenter(dot))
        self.hold(1)
        return {"x0": Num(float(s.xs[0]), places), "y0": Num(float(s.values[0]), places)}

    @step("fixed-step-{n}")
    def fixed(self, n: int) -> dict[str, Any]:
        """The iterative method with a fixed step length ``h``."""
        d = self.fixed_runs[n - 1]
        colour = theme.RUNS[(n - 1) % len(theme.RUNS)]
        rule = VGroup(
            formula('x_(t+1) = x_t - h op("sign")(f\'(x_t))'),
            formula("h = {h}", h=d.lr, decimals=PARAM_DECIMALS, color=colour),
        ).arrange(RIGHT, buff=0.5)
        head = VGroup(theme.label(self.t("fixed")), rule).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        sign = "-" if d.grads[0] > 0 else "+"
        working = formula(
            f"x_1 = {{x}} {sign} {{h}} = {{y}}",
            x=float(d.xs[0]),
            h=d.lr,
            y=float(d.xs[1]),
            decimals=self.places(d),
        )
        self.run(d, colour, head, working, {"h": part(rule[1], "h")})
        self.hold(1)
        return {"h": Num(d.lr, PARAM_DECIMALS), "path": self.path(d), "status": self.status(d)}

    @step("slope")
    def slope(self) -> dict[str, Any]:
        """Two places, two slopes: the step is the learning rate times the slope."""
        s = self.slopes
        colour = theme.RUNS[0]
        head = theme.label(self.t("slope"), line_spacing=1.2)
        rule = formula("x_(t+1) = x_t - eta f'(x_t)")
        eta = VGroup(
            formula("eta = {lr}", lr=s.lr, decimals=PARAM_DECIMALS, color=colour),
            theme.label(self.t("learning_rate"), theme.SMALL_SIZE, theme.MUTED),
            formula(self.obj.grad_formula, color=theme.GRADIENT),
        ).arrange(RIGHT, buff=0.3)
        eta[2].shift(RIGHT * 0.3)
        places = []
        for k in range(2):
            slope = formula(
                "f'({x}) = {g}", x=float(s.xs[k]), g=float(s.grads[k]), decimals=PARAM_DECIMALS
            )
            part(slope, "g").set_color(theme.GRADIENT)
            update = formula(
                "{x} - {lr} dot {g} = {x2} - {m} = {y}",
                x=float(s.xs[k]),
                lr=s.lr,
                g=float(s.grads[k]),
                x2=float(s.xs[k]),
                m=float(s.moves[k]),
                y=float(s.nexts[k]),
                decimals=PARAM_DECIMALS,
            )
            part(update, "g").set_color(theme.GRADIENT)
            part(update, "m").set_color(colour)
            places.append(VGroup(slope, update).arrange(DOWN, aligned_edge=LEFT, buff=0.2))
        fit(VGroup(*places), PANEL_WIDTH)  # both places at one size
        self.place_panel(VGroup(head, rule, eta, *places))
        self.clear_stage()
        self.play(FadeIn(head), FadeIn(rule), FadeIn(eta))
        plot = self.plot
        for k, (slope, update) in enumerate(places):
            x, y, g = float(s.xs[k]), float(s.values[k]), float(s.grads[k])
            land, land_y = float(s.nexts[k]), float(s.next_values[k])
            dot = Dot(plot.point(x, y), radius=0.09, color=colour)
            tangent = plot.tangent(x, y, g, theme.GRADIENT)
            self.play(GrowFromCenter(dot), Create(tangent), Write(slope), run_time=1.2)
            sources = {"x": part(slope, "x"), "g": part(slope, "g"), "lr": part(eta[0], "lr")}
            self.play(travel_into(update, sources), run_time=1.5)
            # the step, to scale along x at the point's height; then down (or up) onto the curve
            arrow, beyond = plot.step_arrow(x, land, y, colour)
            self.play(GrowArrow(arrow), run_time=0.8)
            if not beyond:
                self.play(
                    Create(plot.riser(land, y, land_y)),
                    GrowFromCenter(Dot(plot.point(land, land_y), radius=0.07, color=colour)),
                    run_time=0.6,
                )
            else:  # it lands beyond the axes: say where, above the box like a run that leaves
                end = float(arrow.get_end()[0])
                label = self.exit_label(plot, end, "x", land, theme.BODY_SIZE, colour)
                self.play(FadeIn(label), run_time=0.6)
        self.hold(1)
        values = {"x": s.xs, "g": s.grads, "s": s.moves}
        return {
            f"{key}{k + 1}": Num(float(array[k]), PARAM_DECIMALS)
            for key, array in values.items()
            for k in range(2)
        }

    @step("rate-{n}")
    def rate(self, n: int) -> dict[str, Any]:
        """Gradient descent with one learning rate: its path, iterates and verdict."""
        d = self.runs[n - 1]
        colour = theme.RUNS[(n - 1) % len(theme.RUNS)]
        head = VGroup(
            theme.label(self.t("learning_rate"), color=theme.MUTED),
            formula("eta = {lr}", lr=d.lr, decimals=PARAM_DECIMALS, color=colour),
        ).arrange(RIGHT, buff=0.25)
        working = formula(
            "x_1 = {x} - {lr} dot {g} = {y}",
            x=float(d.xs[0]),
            lr=d.lr,
            g=float(d.grads[0]),
            y=float(d.xs[1]),
            decimals=self.places(d),
        )
        part(working, "g").set_color(theme.GRADIENT)
        self.run(d, colour, head, working, {"lr": part(head[1], "lr")})
        self.hold(1)
        return {
            "lr": Num(d.lr, PARAM_DECIMALS),
            "path": self.path(d),
            "steps": len(d.xs) - 1,
            "xn": Num(float(d.xs[-1]), self.places(d)),
            "status": self.status(d),
        }

    @step("summary")
    def summary(self) -> dict[str, Any]:
        """Every learning rate on the same axes: path, verdict and last iterate."""
        count = len(self.runs)
        cols = 1 if count == 1 else 2
        width, height = (3.6, 2.2) if count > 2 else (4.2, 3.0)
        plots, paths, exits, texts, verdicts = VGroup(), VGroup(), VGroup(), VGroup(), VGroup()
        words = []
        for n, d in enumerate(self.runs, 1):
            colour = theme.RUNS[(n - 1) % len(theme.RUNS)]
            row, col = divmod(n - 1, cols)
            corner = (7.0 * col, -3.35 * row, 0.0)
            plot, path, label, text, verdict = self.small_run(d, colour, corner, width, height)
            plots.add(plot)
            paths.add(path)
            if label is not None:
                exits.add(label)
            texts.add(text)
            verdicts.add(verdict)
            words.append(Word("verdict", lr=Num(d.lr, PARAM_DECIMALS), status=self.status(d)))
        everything = VGroup(plots, paths, exits, texts, verdicts)
        fit(everything, 13.8, 6.9)
        everything.move_to((0, -0.45, 0))
        leaving = [m for m in self.mobjects if m is not self.title]
        self.play(*(FadeOut(m) for m in leaving), run_time=0.5)
        self.play(FadeIn(plots), FadeIn(texts), run_time=1.2)
        self.play(*(Create(p) for p in paths), FadeIn(exits), run_time=2.0)
        self.play(FadeIn(verdicts), run_time=0.8)
        self.hold(1.5)
        return {"verdicts": Join(words, sep="clause")}
