"""Backpropagation on a computational graph: f = (x + y)·z, local gradient times upstream gradient."""

from __future__ import annotations

from typing import Any

from manim import DOWN, Create, FadeIn, Indicate, VGroup, Write

import dlmath as dm
from scenes.ch2.backprop_simple_params import BackpropSimpleParams
from scenes.kit import theme
from scenes.kit.numbers import formula
from scenes.kit.scene import step
from scenes.kit.travel import travel_into
from scenes.kit.words import Join, Word
from scenes.widgets.circuit_lesson import CircuitLesson
from scenes.widgets.gates import partial

__all__ = ["BackpropSimpleScene"]


class BackpropSimpleScene(CircuitLesson[BackpropSimpleParams]):
    """The chain rule on f = (x + y)·z: values flow forward, then gradients flow back gate by gate."""

    name = "backprop-simple"
    Params = BackpropSimpleParams

    def construct(self) -> None:
        """The graph, the forward pass, the seed, one step per gate backwards, the gradients."""
        p = self.p
        self.circuit = self.computed(dm.simple_circuit(p.x, p.y, p.z))
        self.show_graph()
        self.forward()
        self.start_backward()
        nodes = self.circuit.nodes
        gates = [i for i in reversed(range(len(nodes))) if nodes[i].op]
        for n, i in enumerate(gates, start=1):
            self.back_step(n=n, i=i)
        self.summary()

    def grad_word(self, i: int) -> Word:
        """``∂f/∂x = −4`` for node ``i``, language-neutral."""
        node = self.circuit.nodes[i]
        return Word("grad", name=node.name, value=float(node.grad))

    @step("graph")
    def show_graph(self) -> dict[str, float]:
        """The expression on top, its graph in the middle, the inputs' values below."""
        title = self.heading()
        expr = theme.math("f(x, y, z) = (x + y) dot z, quad q = x + y, quad f = q dot z", 34)
        expr.next_to(title, DOWN, buff=0.3)
        top = expr.get_bottom()[1] - 0.3
        d = self.draw_circuit(list(self.circuit.nodes), top=top, bottom=-0.5, size=30, gap=1.4)
        self.givens = formula(
            "x = {x}, quad y = {y}, quad z = {z}", x=self.p.x, y=self.p.y, z=self.p.z
        )
        for name in "xyz":
            self.givens.select(name).set_color(theme.FORWARD)
        self.place_panel(self.givens)
        self.play(FadeIn(title), Write(expr))
        self.play(Create(d), run_time=1.5)
        self.play(FadeIn(self.legend()), Write(self.givens))
        self.hold(1)
        return {v: float(getattr(self.p, v)) for v in "xyz"}

    @step("forward")
    def forward(self) -> dict[str, float]:
        """Values flow left to right: the inputs onto their wires, then through each gate."""
        self.show_inputs(self.givens)
        self.panel = self.givens
        for i, node in enumerate(self.circuit.nodes):
            if node.op:
                self.flow(i)
        self.hold(1)
        return {"q": float(self.circuit.node("q").data), "f": float(self.circuit.root.data)}

    @step("seed")
    def start_backward(self) -> dict[str, float]:
        """The gradient of the output with respect to itself starts the backward pass."""
        values = self.seed()
        self.hold(1)
        return values

    @step("back-{n}")
    def back_step(self, n: int, i: int) -> dict[str, Any]:
        """Gate ``i``: its local gradients, times the upstream gradient, sent to its inputs."""
        values = self.back(i)
        self.hold(1.5)
        return values

    @step("summary")
    def summary(self) -> dict[str, Any]:
        """The gradient of the output with respect to every input, gathered from the wires."""
        d = self.diagram
        leaves = [i for i, idx in enumerate(d.inputs) if not idx]
        root = d.symbol(len(d.nodes) - 1) or "f"
        parts = ", quad ".join(partial(root, d.symbol(i) or "") + f" = {{g{i}}}" for i in leaves)
        grads = formula(parts, color=theme.GRADIENT, **{f"g{i}": d.nodes[i].grad for i in leaves})
        rule = theme.label(self.t("rule"), theme.SMALL_SIZE, theme.MUTED)
        panel = self.place_panel(VGroup(rule, grads).arrange(DOWN, buff=0.35))
        self.clear_panel(None)
        self.play(
            FadeIn(rule), travel_into(grads, {f"g{i}": self.grads[i] for i in leaves}), run_time=1.5
        )
        self.play(*(Indicate(self.grads[i], color=theme.FOCUS) for i in leaves))
        self.panel = panel
        self.hold(1.5)
        return {"grads": Join([self.grad_word(i) for i in leaves])}
