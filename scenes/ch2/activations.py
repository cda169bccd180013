"""Activation functions and their slopes: σ′ = σ(1 − σ) read off, gradients vanishing along sigmoids, ReLU."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    VGroup,
)

import dlmath as dm
from scenes.ch2.activations_chain import DIGITS, ChainRuns
from scenes.ch2.activations_params import ActivationsParams
from scenes.ch2.activations_plots import PlotPieces, plot
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, num, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Num, Word
from scenes.widgets.layer_chain import LayerChain
from scenes.widgets.legend import Legend

__all__ = ["ActivationsScene"]

#: The four activations of the overview, with their Typst names.
CURVES = (("sigmoid", "sigma(x)"), ("tanh", "tanh(x)"), ("relu", "max(0, x)"), ("leaky_relu", ""))
#: The gradient left after the chain and its bound: small numbers, one more decimal.
FINE = 5


class ActivationsScene(PlotPieces, ChainRuns, LectureScene[ActivationsParams]):
    """Four activations, σ′ read off at a few points, a chain of sigmoids, ReLU and dead units."""

    name = "activations"
    Params = ActivationsParams

    def construct(self) -> None:
        """Overview, σ′ at each point, its peak, the chain forward and back, ReLU, dead units."""
        p = self.p
        self.sig = self.computed(dm.readout("sigmoid", p.points))
        self.rel = self.computed(dm.readout("relu", p.points))
        self.chain_s = self.computed(dm.gradient_chain("sigmoid", p.chain_input, p.chain))
        self.chain_r = self.computed(dm.gradient_chain("relu", p.relu_input, p.chain))
        self.dead_r = self.computed(dm.gradient_chain("relu", p.dead_input, 1))
        self.dead_l = self.computed(dm.gradient_chain("leaky_relu", p.dead_input, 1, p.leak))
        self.computed(p.leak)
        self.title = self.heading()
        self.legend = Legend(
            [
                (theme.FORWARD, self.t("legend.value")),
                (theme.GRADIENT, self.t("legend.slope")),
                (theme.FOCUS, self.t("legend.peak")),
            ]
        ).to_corner(DOWN + LEFT, buff=0.3)
        self.curves()
        self.sigmoid()
        for n in range(1, len(p.points) + 1):
            self.point(n=n)
        self.peak()
        self.chain()
        self.backward()
        self.relu()
        self.relu_chain()
        self.dead()

    # steps ---------------------------------------------------------------
    @step("curves")
    def curves(self) -> None:
        """Sigmoid, tanh, ReLU and leaky ReLU with their slopes, on the same axes."""
        panels = VGroup(*(self.panel(kind, name) for kind, name in CURVES))
        panels.arrange_in_grid(rows=2, cols=2, buff=(1.0, 0.55))
        fit(panels, 13.4, 6.2).move_to(DOWN * 0.05)
        self.play(FadeIn(self.title), FadeIn(self.legend))
        for panel in panels:
            title, axes, curve, slope = panel
            self.play(FadeIn(title), FadeIn(axes), Create(curve), run_time=0.8)
            self.play(Create(slope), run_time=0.6)
        self.hold(1)
        self.shown = panels

    @step("sigmoid")
    def sigmoid(self) -> None:
        """The sigmoid and its slope, large; the shortcut σ′ = σ(1 − σ)."""
        axes = self.big_axes((0.0, 1.0, 0.25))
        self.axes = axes
        curve, slope = (
            plot(axes, dm.sigmoid, theme.FORWARD),
            plot(axes, dm.sigmoid_grad, theme.GRADIENT),
        )
        names = VGroup(
            theme.math("sigma(x)", color=theme.FORWARD).next_to(
                axes.c2p(6, 1), DOWN + LEFT, buff=0.1
            ),
            theme.math("sigma'(x)", color=theme.GRADIENT).next_to(
                axes.c2p(2.4, float(dm.sigmoid_grad(2.4))), UP + RIGHT, buff=0.1
            ),
        )
        rule = theme.math("sigma'(x) = sigma(x) (1 - sigma(x))")
        self.lines = VGroup(rule)
        self.place_lines(self.lines)
        self.play(FadeOut(self.shown), run_time=0.5)
        self.play(FadeIn(axes), Create(curve), Create(slope), FadeIn(names), run_time=1.5)
        self.play(FadeIn(rule))
        self.hold(1)
        self.shown = VGroup(axes, curve, slope, names)
        self.marks = VGroup()

    @step("point-{n}")
    def point(self, n: int) -> dict[str, Any]:
        """At one x: σ(x) on the curve travels into σ(x)(1 − σ(x)); the slope lands on σ′."""
        r, k, axes = self.sig, n - 1, self.axes
        assert r.complement is not None  # the sigmoid's readout keeps 1 − σ
        x, s, c, g = (float(v) for v in (r.x[k], r.value[k], r.complement[k], r.grad[k]))
        drop = DashedLine(axes.c2p(x, 0), axes.c2p(x, s), color=theme.MUTED, stroke_width=2)
        dot = Dot(axes.c2p(x, s), radius=0.07, color=theme.FORWARD)
        label = num(s, DIGITS, theme.SMALL_SIZE, theme.FORWARD)
        label.next_to(dot, UP + (LEFT if x > 0 else RIGHT), buff=0.08)
        line = formula("sigma'({x}) = {s} dot {c} = {g}", x=x, s=s, c=c, g=g, decimals=DIGITS)
        part(line, "s").set_color(theme.FORWARD)
        part(line, "g").set_color(theme.GRADIENT)
        self.lines.add(line)
        self.place_lines(self.lines)
        landing = Dot(axes.c2p(x, g), radius=0.07, color=theme.GRADIENT)
        self.play(Create(drop), GrowFromCenter(dot), FadeIn(label), run_time=0.8)
        self.play(travel_into(line, {"s": label}), run_time=1.2)
        self.play(travel(part(line, "g"), landing), run_time=0.8)
        self.play(FadeOut(label), run_time=0.3)
        self.marks.add(drop, dot, landing)
        self.hold(0.5)
        return {"x": x, "s": Num(s, DIGITS), "c": Num(c, DIGITS), "g": Num(g, DIGITS)}

    @step("peak")
    def peak(self) -> dict[str, Any]:
        """σ′ is never above 0.25, at x = 0."""
        top, axes = self.sig.peak, self.axes
        ceiling = DashedLine(axes.c2p(-6, top), axes.c2p(6, top), color=theme.FOCUS, stroke_width=3)
        bound = formula("sigma'(x) <= {p}", p=top, color=theme.FOCUS)
        bound.next_to(axes.c2p(-6, top), UP + RIGHT, buff=0.12)
        summit = Dot(axes.c2p(0, top), radius=0.09, color=theme.FOCUS)
        self.play(Create(ceiling), FadeIn(bound), GrowFromCenter(summit))
        self.hold(1)
        self.shown.add(ceiling, bound, summit, self.marks)
        return {"peak": top}

    @step("chain")
    def chain(self) -> dict[str, Any]:
        """A chain of sigmoid layers, forward: each output is the next input."""
        run = self.chain_s
        self.play(FadeOut(self.shown), FadeOut(self.lines), run_time=0.6)
        self.sig_chain = chain = self.lay_chain(run.inputs.size, "sigma")
        self.play(FadeIn(chain), run_time=0.8)
        self.fwd = self.forward_values(chain, run, 1.0)
        self.hold(0.5)
        return {"n": chain.n, "x": float(run.inputs[0]), "out": Num(float(run.outputs[-1]), DIGITS)}

    @step("backward")
    def backward(self) -> dict[str, Any]:
        """Backward along the chain: each sigmoid multiplies by its σ′ ≤ 0.25."""
        run, chain = self.chain_s, self.sig_chain
        back = self.backward_values(chain, run, 0.8)
        bound = formula(
            "{g} <= {p}^{n} = {b}",
            g=float(run.upstream[0]),
            p=self.sig.peak,
            n=chain.n,
            b=float(run.bound[0]),
            decimals=FINE,
        )
        part(bound, "g").set_color(theme.GRADIENT)
        part(bound, "p").set_color(theme.FOCUS)
        bound.next_to(chain, DOWN, buff=1.6)
        self.play(travel_into(bound, {"g": back[0][0]}), run_time=1.2)
        self.hold(1)
        self.shown = VGroup(chain, self.fwd, back, bound)
        return {
            "n": chain.n,
            "g": Num(float(run.upstream[0]), FINE),
            "b": Num(float(run.bound[0]), FINE),
        }

    @step("relu")
    def relu(self) -> dict[str, Any]:
        """ReLU and its slope: 1 for positive inputs, 0 otherwise, read at the same points."""
        r = self.rel
        self.play(FadeOut(self.shown), run_time=0.6)
        axes = self.big_axes((-1.0, 6.0, 1.0))
        curve, slope = plot(axes, dm.relu, theme.FORWARD), plot(axes, dm.relu_grad, theme.GRADIENT)
        names = VGroup(
            theme.math("max(0, x)", color=theme.FORWARD).next_to(axes.c2p(5, 5), LEFT, buff=0.2),
            theme.math('"ReLU"\'(x)', color=theme.GRADIENT).next_to(axes.c2p(4, 1), UP, buff=0.15),
        )
        lines = VGroup()
        dots = VGroup()
        for x, g in zip(r.x, r.grad, strict=True):
            lines.add(formula('"ReLU"\'({x}) = {g}', x=float(x), g=float(g)))
            part(lines[-1], "g").set_color(theme.GRADIENT)
            dots.add(Dot(axes.c2p(float(x), float(g)), radius=0.08, color=theme.GRADIENT))
        self.place_lines(lines)
        self.play(FadeIn(axes), Create(curve), Create(slope), FadeIn(names), run_time=1.5)
        self.play(
            AnimationGroup(
                *(travel(part(line, "g"), dot) for line, dot in zip(lines, dots, strict=True)),
                lag_ratio=0.3,
            ),
            FadeIn(lines, lag_ratio=0.3),
            run_time=1.8,
        )
        self.hold(1)
        self.shown = VGroup(axes, curve, slope, names, lines, dots)
        return {}

    @step("relu-chain")
    def relu_chain(self) -> dict[str, Any]:
        """The same chain with ReLUs: the gradient comes back whole (or not at all)."""
        run = self.chain_r
        self.play(FadeOut(self.shown), run_time=0.6)
        chain = self.lay_chain(run.inputs.size, '"ReLU"')
        self.play(FadeIn(chain), run_time=0.6)
        fwd = self.forward_values(chain, run, 0.6)
        back = self.backward_values(chain, run, 0.5)
        self.hold(1)
        self.shown = VGroup(chain, fwd, back)
        key = "passes" if run.upstream[0] == 1 else "stops"
        return {"n": chain.n, "verdict": Word(f"relu_chain.{key}"), "g": float(run.upstream[0])}

    @step("dead")
    def dead(self) -> dict[str, Any]:
        """A negative input: ReLU passes back 0 (a dead unit), leaky ReLU passes its slope."""
        self.play(FadeOut(self.shown), run_time=0.6)
        chains = [LayerChain(1, '"ReLU"', gap=2.0), LayerChain(1, '"leaky"', gap=2.0)]
        words = [
            theme.label(self.t(f"cases.{key}"), theme.SMALL_SIZE, theme.MUTED).next_to(
                chain, DOWN, buff=1.5
            )
            for key, chain in zip(("dead", "leaky"), chains, strict=True)
        ]
        cases = VGroup(*(VGroup(c, w) for c, w in zip(chains, words, strict=True)))
        cases.arrange(RIGHT, buff=1.5)
        fit(cases, 13.0, 5.0).move_to(DOWN * 0.2)
        self.play(FadeIn(VGroup(*chains)), run_time=0.6)
        for chain, word, run in zip(chains, words, (self.dead_r, self.dead_l), strict=True):
            self.forward_values(chain, run, 0.5)
            self.backward_values(chain, run, 0.5)
            self.play(FadeIn(word), run_time=0.4)
        self.hold(1)
        return {
            "x": float(self.dead_r.inputs[0]),
            "leak": float(self.dead_l.upstream[0]),
        }
