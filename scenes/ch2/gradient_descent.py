"""Gradient descent on y = x²: the fixed-step method, steps proportional to the slope, learning rates."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromCenter,
    Mobject,
    VGroup,
    VMobject,
    Write,
)

import dlmath as dm
from scenes.ch2.gradient_descent_params import GradientDescentParams
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Join, Num, Word
from scenes.widgets.plots import CurvePlot, IterateTable, RunPath, shared_ranges

__all__ = ["GradientDescentScene"]

#: The plot's box: lower-left corner and size (tick labels go outside it).
BOX_CORNER = (-6.1, -2.95, 0.0)
BOX_WIDTH, BOX_HEIGHT = 5.6, 5.4
#: The panel of words and numbers on the right: top-left corner and size.
PANEL_CORNER = (0.55, 2.95, 0.0)
PANEL_WIDTH, PANEL_HEIGHT = 6.35, 6.75
#: The x axis reaches this multiple of |x0| each way (a run that leaves it diverges).
REACH = 1.5
#: Iterates are written with 3 decimals (0.512, −0.064), or as many as x0 and the rate
#: have, up to 4 (η = 1.4999); parameters and the slope step's arithmetic with up to 4
#: (η = 0.125: 0.75 − 0.1875 = 0.5625).
DECIMALS, PARAM_DECIMALS = 3, 4
#: Hops of one run take at most this long together (seconds).
HOPS_TIME = 3.2


def decimals(*values: float, least: int = DECIMALS) -> int:
    """Decimals that write ``values`` as given (at least ``least``, at most 4)."""
    need = least
    for value in values:
        for d in range(least, PARAM_DECIMALS + 1):
            need = max(need, d)
            if abs(round(value, d) - value) <= 1e-12 * max(1.0, abs(value)):
                break
    return need


def heights(d: dm.Descent) -> np.ndarray:
    """The objective at every iterate of a run (dlmath evaluated it)."""
    if d.values is None:
        raise ValueError("the run was made without its objective")
    return d.values


class GradientDescentScene(LectureScene[GradientDescentParams]):
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

    # words ---------------------------------------------------------------
    def status(self, d: dm.Descent) -> Word:
        """The verdict of dlmath on a run, as a word (with the zig-zag where it is not the verdict)."""
        verdict = Word(f"status.{d.status}")
        if d.oscillates and d.status in ("converging", "diverged"):
            return Word("zigzag", status=verdict)
        return verdict

    def verdict(self, d: dm.Descent, size: float = theme.BODY_SIZE) -> VMobject:
        """The verdict as a label in its status colour."""
        word = self.status(d)
        colour = {"diverged": theme.LOSS, "oscillating": theme.FOCUS}.get(d.status, theme.GOOD)
        return theme.label(self.t(word.key, **word.values), size, colour)

    def places(self, d: dm.Descent) -> int:
        """Decimals for a run's iterates: 3, or as many as ``x0`` and its rate or step have."""
        return decimals(self.p.x0, d.lr)

    def path(self, d: dm.Descent, count: int = 3) -> Join:
        """The first iterates after ``x0``, for a subtitle."""
        return Join([Num(float(x), self.places(d)) for x in d.xs[1 : count + 1]])

    # layout --------------------------------------------------------------
    def make_plot(
        self, width: float = BOX_WIDTH, height: float = BOX_HEIGHT, **kw: Any
    ) -> CurvePlot:
        """The curve on the scene's one pair of ranges."""
        return CurvePlot(self.obj.f, *self.ranges, width=width, height=height, **kw)

    def place_panel(self, panel: VGroup) -> VGroup:
        """Stack ``panel``'s items down the right side of the frame (a wide one shrinks alone)."""
        for item in panel:
            fit(item, PANEL_WIDTH)
        panel.arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        fit(panel, PANEL_WIDTH, PANEL_HEIGHT)
        return panel.next_to(PANEL_CORNER, DOWN + RIGHT, buff=0)

    def clear_stage(self) -> None:
        """Fade out everything but the title and the plot (what leaves goes before what comes)."""
        keep = {id(m) for m in (self.title, self.plot)}
        leaving = [m for m in self.mobjects if id(m) not in keep]
        if leaving:
            self.play(*(FadeOut(m) for m in leaving), run_time=0.5)

    def exit_label(
        self,
        plot: CurvePlot,
        x: float,
        lhs: str,
        value: float,
        size: float,
        colour: str,
        places: int = DECIMALS,
    ) -> VMobject:
        """``lhs = value`` above the box at scene ``x``: where a run left the axes."""
        label = formula(f"{lhs} = {{v}}", v=value, decimals=places, color=colour, size=size)
        return plot.label_above(label, x)

    # one run, hop by hop ---------------------------------------------------
    def run(
        self,
        d: dm.Descent,
        colour: str,
        head: VGroup,
        working: VMobject,
        sources: dict[str, Mobject],
    ) -> None:
        """Show a run: its first update worked out, then each hop with its row; the verdict last.

        ``working`` is ``x_1 = …`` with parts ``x`` (from the table's ``x_0``),
        ``y`` (``x_1``, travelling back into the table) and those in ``sources``.
        """
        table = IterateTable(d.xs, decimals=self.places(d))
        verdict = self.verdict(d)
        self.place_panel(VGroup(head, working, table, verdict))
        path = RunPath(self.plot, d.xs, heights(d), colour)
        exit_label = None
        if path.exit is not None and path.arrow is not None:
            t, end = path.exit, float(path.arrow.get_end()[0])
            exit_label = self.exit_label(
                self.plot, end, f"x_({t})", float(d.xs[t]), theme.BODY_SIZE, colour, self.places(d)
            )
        self.clear_stage()
        row0 = table.rows[0]
        self.play(FadeIn(head), FadeIn(row0), GrowFromCenter(path.start))
        self.play(travel_into(working, {"x": table.value(0), **sources}), run_time=1.5)
        steps = len(d.xs) - 1
        each = min(0.6, HOPS_TIME / steps)
        for t in range(1, steps + 1):
            anims: list[Any] = []
            if t in path.hops:
                hop = path.hops[t]
                anims.append(
                    AnimationGroup(
                        Create(hop[0]), *(GrowFromCenter(m) for m in hop[1:]), lag_ratio=0.7
                    )
                )
                if t == path.exit and exit_label is not None:
                    anims.append(FadeIn(exit_label))
            row = table.row(t)
            if t == 1 and row is not None:
                anims += [FadeIn(row[0]), travel(part(working, "y"), row[1], path_arc=-0.6)]
            elif row is not None:
                anims.append(FadeIn(row))
            elif t == 6 and table.gap is not None:
                anims.append(FadeIn(table.gap))
            if anims:
                self.play(*anims, run_time=0.9 if t == 1 else each)
        self.play(FadeIn(verdict, shift=UP * 0.1), run_time=0.6)

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
        small = theme.SMALL_SIZE
        width, height = (3.6, 2.2) if count > 2 else (4.2, 3.0)
        plots, paths, exits, texts, verdicts = VGroup(), VGroup(), VGroup(), VGroup(), VGroup()
        words = []
        for n, d in enumerate(self.runs, 1):
            colour = theme.RUNS[(n - 1) % len(theme.RUNS)]
            plot = self.make_plot(width=width, height=height, size=small, names=False, sparse=True)
            row, col = divmod(n - 1, cols)
            corner = (7.0 * col, -3.35 * row, 0.0)
            plot.shift(corner - plot.point(self.ranges[0][0], self.ranges[1][0]))
            path = RunPath(plot, d.xs, heights(d), colour, radius=0.045, stroke_width=2.5)
            label = None
            if path.exit is not None and path.arrow is not None:
                t, end = path.exit, float(path.arrow.get_end()[0])
                label = self.exit_label(
                    plot, end, f"x_({t})", float(d.xs[t]), small, colour, self.places(d)
                )
            last = len(d.xs) - 1
            text = VGroup(
                formula("eta = {lr}", lr=d.lr, decimals=PARAM_DECIMALS, color=colour, size=small),
                formula(
                    f"x_({last}) = {{v}}", v=float(d.xs[-1]), decimals=self.places(d), size=small
                ),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
            part(text[1], "v").set_color(theme.FORWARD)
            verdict = self.verdict(d, small)
            column = VGroup(text, verdict).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
            column.next_to(plot.axes.axes, RIGHT, buff=0.35).align_to(plot.axes.axes, UP)
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
