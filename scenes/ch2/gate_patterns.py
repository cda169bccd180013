"""Patterns in the backward flow: add distributes, max routes, multiply swaps, on f = 2·(x·y + max(z, w))."""

from __future__ import annotations

from typing import Any

from manim import DOWN, RIGHT, UP, Create, FadeIn, Indicate, VGroup, Write

import dlmath as dm
from scenes.ch2.gate_patterns_params import GatePatternsParams
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.scene import step
from scenes.kit.travel import travel_into
from scenes.widgets.circuit_lesson import CircuitLesson

__all__ = ["GatePatternsScene"]

#: Where the circuit sits (scene units): under the formula, above the working.
TOP, BOTTOM = 2.35, -0.75


class GatePatternsScene(CircuitLesson[GatePatternsParams]):
    """One circuit with an add, a max and a multiply gate; each pattern shown as its gradient passes."""

    name = "gate-patterns"
    Params = GatePatternsParams
    panel_top = -1.05

    def construct(self) -> None:
        """The circuit, forward, the seed, the four gates backwards, the three patterns."""
        p = self.p
        self.circuit = self.computed(dm.gate_patterns(p.x, p.y, p.z, p.w, p.factor))
        self.at = {n.name: i for i, n in enumerate(self.circuit.nodes)}
        self.show_circuit()
        self.forward()
        self.start_backward()
        self.scale_gate()
        self.add_gate()
        self.max_gate()
        self.mul_gate()
        self.summary()

    def grad(self, name: str) -> float:
        """∂f/∂(node ``name``)."""
        return float(self.circuit.node(name).grad)

    def value(self, name: str) -> float:
        """The forward value of node ``name``."""
        return float(self.circuit.node(name).data)

    def tag(self, key: str) -> Any:
        """The pattern's name heading the working, in the focus colour."""
        return theme.label(self.t(f"patterns.{key}.name"), theme.BODY_SIZE, theme.FOCUS)

    @step("circuit")
    def show_circuit(self) -> dict[str, float]:
        """The expression and its circuit; the inputs below."""
        title = self.heading()
        expr = formula(
            "f(x, y, z, w) = {c} dot (x y + max(z, w))",
            c=self.p.factor,
            size=theme.BODY_SIZE,
        )
        expr.next_to(title, DOWN, buff=0.3)
        d = self.draw_circuit(list(self.circuit.nodes), top=TOP, bottom=BOTTOM, size=26, gap=0.9)
        p = self.p
        self.givens = formula(
            "x = {x}, quad y = {y}, quad z = {z}, quad w = {w}", x=p.x, y=p.y, z=p.z, w=p.w
        )
        for name in "xyzw":
            part(self.givens, name).set_color(theme.FORWARD)
        self.place_panel(self.givens)
        self.play(FadeIn(title), Write(expr))
        self.play(Create(d), run_time=1.5)
        self.play(FadeIn(self.legend()), Write(self.givens))
        self.hold(1)
        return {"factor": p.factor, "x": p.x, "y": p.y, "z": p.z, "w": p.w}

    @step("forward")
    def forward(self) -> dict[str, float]:
        """Values flow through ×, max, + and the outer factor."""
        self.show_inputs(self.givens)
        self.panel = self.givens
        for i, node in enumerate(self.circuit.nodes):
            if node.op:
                self.flow(i, run_time=0.5)
        return {k: self.value(k) for k in ("q", "m", "s", "f")} | {"factor": self.p.factor}

    @step("seed")
    def start_backward(self) -> dict[str, float]:
        """∂f/∂f = 1."""
        return self.seed()

    @step("scale")
    def scale_gate(self) -> dict[str, Any]:
        """The outer factor scales the gradient."""
        self.back(self.at["f"])
        self.hold(1)
        return {"factor": self.p.factor, "g": self.grad("s")}

    @step("add")
    def add_gate(self) -> dict[str, Any]:
        """The add gate hands its gradient to both inputs unchanged."""
        self.back(self.at["s"], tag=self.tag("add"))
        self.hold(1)
        return {"g": self.grad("s")}

    @step("max")
    def max_gate(self) -> dict[str, Any]:
        """The max gate sends its gradient to the larger input only."""
        self.back(self.at["m"], tag=self.tag("max"))
        win, lose = ("z", "w") if self.p.z >= self.p.w else ("w", "z")
        self.play(Indicate(self.grads[self.at[win]], color=theme.FOCUS))
        self.hold(1)
        return {"g": self.grad("m"), "win": win, "lose": lose, "gw": self.grad(win)}

    @step("mul")
    def mul_gate(self) -> dict[str, Any]:
        """The multiply gate swaps: each input's gradient is the other input times the upstream."""
        self.back(self.at["q"], tag=self.tag("mul"))
        self.hold(1)
        return {
            "x": self.p.x,
            "y": self.p.y,
            "g": self.grad("q"),
            "gx": self.grad("x"),
            "gy": self.grad("y"),
        }

    @step("summary")
    def summary(self) -> dict[str, Any]:
        """The three patterns side by side, each with this circuit's numbers."""
        g, v = self.grads, self.vals
        add = formula(
            "partial f \\/ partial q = partial f \\/ partial m = {g}",
            g=self.grad("q"),
            color=theme.GRADIENT,
        )
        route = formula(
            "partial f \\/ partial z = {a}, quad partial f \\/ partial w = {b}",
            a=self.grad("z"),
            b=self.grad("w"),
            color=theme.GRADIENT,
        )
        swap = VGroup(
            formula(
                "partial f \\/ partial x = {o} dot {g} = {a}",
                o=self.p.y,
                g=self.grad("q"),
                a=self.grad("x"),
            ),
            formula(
                "partial f \\/ partial y = {o} dot {g} = {a}",
                o=self.p.x,
                g=self.grad("q"),
                a=self.grad("y"),
            ),
        ).arrange(DOWN, buff=0.2)
        for line in swap:
            line.set_color(theme.GRADIENT)
            part(line, "o").set_color(theme.FORWARD)
        cards: Any = VGroup()
        pairs: list[tuple[str, Any]] = [("add", add), ("max", route), ("mul", swap)]
        for key, maths in pairs:
            head = theme.label(self.t(f"patterns.{key}.name"), theme.BODY_SIZE, theme.FOCUS)
            rule = theme.label(self.t(f"patterns.{key}.rule"), theme.SMALL_SIZE, theme.MUTED)
            card: Any = VGroup(head, rule, maths).arrange(DOWN, buff=0.25)
            cards.add(fit(card, 4.1))
        cards.arrange(RIGHT, buff=0.35, aligned_edge=UP)
        panel = self.place_panel(cards)
        self.clear_panel(None)
        at = self.at
        self.play(*(FadeIn(c[0], c[1]) for c in cards))
        self.play(
            travel_into(add, {"g": g[at["q"]]}),
            travel_into(route, {"a": g[at["z"]], "b": g[at["w"]]}),
            travel_into(swap[0], {"o": v[at["y"]], "g": g[at["q"]], "a": g[at["x"]]}),
            travel_into(swap[1], {"o": v[at["x"]], "g": g[at["q"]], "a": g[at["y"]]}),
            run_time=1.8,
        )
        self.panel = panel
        self.hold(1.5)
        return {}
