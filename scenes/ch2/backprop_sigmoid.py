"""A sigmoid neuron as a circuit of elementary gates, backpropagated; then its four right gates as one σ."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    SurroundingRectangle,
    VGroup,
    Write,
)

import dlmath as dm
from scenes.ch2.backprop_sigmoid_params import BackpropSigmoidParams
from scenes.kit import theme
from scenes.kit.format import fmt
from scenes.kit.numbers import formula, part
from scenes.kit.scene import step
from scenes.kit.travel import travel_into
from scenes.kit.words import Num
from scenes.widgets.circuit_lesson import CircuitLesson
from scenes.widgets.graph_diagram import GraphDiagram

__all__ = ["BackpropSigmoidScene"]

#: Where the circuit sits (scene units): under the formula, above the working.
TOP, BOTTOM = 2.3, -1.45
#: The column of the ×−1 gate: where a circuit too wide for one band wraps.
WRAP = 4


class BackpropSigmoidScene(CircuitLesson[BackpropSigmoidParams]):
    """f = 1/(1 + e^−(w0·x0 + w1·x1 + w2)): forward, backward gate by gate, the σ shortcut, rounding."""

    name = "backprop-sigmoid"
    Params = BackpropSigmoidParams
    panel_top = -1.8

    def construct(self) -> None:
        """The circuit, two forward steps, the seed, one step per gate, the σ gate, the rounding note."""
        self.neuron = self.computed(dm.sigmoid_neuron(self.p.w, self.p.x))
        self.note = self.computed(dm.rounded_upstream(self.neuron.gates, "x0"))
        self.circuit = self.neuron.gates
        nodes = self.circuit.nodes
        self.s = self.circuit.index("s")
        self.show_neuron()
        self.forward_sum()
        self.forward_sigmoid()
        self.start_backward()
        gates = [i for i in reversed(range(len(nodes))) if nodes[i].op]
        for n, i in enumerate(gates, start=1):
            self.back_step(n=n, i=i)
        self.gradients()
        self.collapse()
        self.shortcut()
        self.rounding()

    def leaf(self, name: str) -> float:
        """The gradient of input ``name``."""
        return float(self.circuit.node(name).grad)

    @step("neuron")
    def show_neuron(self) -> dict[str, Any]:
        """The neuron's formula, its circuit of six kinds of gate, the given numbers below."""
        title = self.heading()
        expr = theme.math(
            "f(w, x) = 1 \\/ (1 + e^(-(w_0 x_0 + w_1 x_1 + w_2))) = sigma(s)", theme.BODY_SIZE * 1.3
        )
        expr.next_to(title, DOWN, buff=0.25)
        d = self.draw_circuit(list(self.circuit.nodes), top=TOP, bottom=BOTTOM, wrap_at=WRAP)
        w, x = self.p.w, self.p.x
        self.givens = formula(
            "w_0 = {w0}, quad x_0 = {x0}, quad w_1 = {w1}, quad x_1 = {x1}, quad w_2 = {w2}",
            w0=w[0],
            x0=x[0],
            w1=w[1],
            x1=x[1],
            w2=w[2],
        )
        for name in ("w0", "x0", "w1", "x1", "w2"):
            part(self.givens, name).set_color(theme.FORWARD)
        self.place_panel(self.givens)
        self.play(FadeIn(title), Write(expr))
        self.play(Create(d), run_time=2)
        self.play(FadeIn(self.legend()), Write(self.givens))
        self.hold(1)
        return {"w": _list(w), "x": _list(x)}

    @step("forward-sum")
    def forward_sum(self) -> dict[str, float]:
        """The inputs onto their wires; the two products and the sums give s."""
        self.show_inputs(self.givens)
        self.panel = self.givens
        for i in range(self.s + 1):
            if self.circuit.nodes[i].op:
                self.flow(i, run_time=0.5)
        gates = [n.data for n in self.circuit.nodes[: self.s + 1] if n.op]
        return {"a": gates[0], "b": gates[1], "c": gates[2], "s": gates[3]}

    @step("forward-sigmoid")
    def forward_sigmoid(self) -> dict[str, float]:
        """×−1, exp, +1 and 1/x turn s into f."""
        for i in range(self.s + 1, len(self.circuit.nodes)):
            self.flow(i, run_time=0.5)
        n, e, p, f = (float(v.data) for v in self.circuit.nodes[self.s + 1 :])
        return {"n": n, "e": e, "p": p, "f": f}

    @step("seed")
    def start_backward(self) -> dict[str, float]:
        """∂f/∂f = 1 starts the backward pass."""
        return self.seed()

    @step("back-{n}")
    def back_step(self, n: int, i: int) -> dict[str, Any]:
        """Gate ``i``: local gradient, upstream × local, onto the input wires."""
        values = self.back(i)
        self.hold(1)
        return values

    @step("gradients")
    def gradients(self) -> dict[str, float]:
        """The weights' and the inputs' gradients, gathered from their wires."""
        d = self.diagram
        names = ("w0", "w1", "w2", "x0", "x1")
        sources = {name: self.grads[d.names.index(name)] for name in names}
        numbers: dict[str, Any] = {name: self.leaf(name) for name in names}
        grads = formula(
            "partial f \\/ partial w = ({w0}, {w1}, {w2}) \\ partial f \\/ partial x = ({x0}, {x1})",
            color=theme.GRADIENT,
            **numbers,
        )
        self.place_panel(grads)
        self.clear_panel(None)
        self.play(travel_into(grads, sources), run_time=1.5)
        self.panel = grads
        self.hold(1)
        return {name: self.leaf(name) for name in names}

    @step("collapse")
    def collapse(self) -> dict[str, Any]:
        """The four right-hand gates compute σ(s): they make way for one sigmoid gate."""
        full = self.diagram
        small = GraphDiagram(
            list(self.neuron.collapsed.nodes),
            decimals=self.decimals,
            wrap=full.wrap,
            max_width=13.4,
            max_height=TOP - BOTTOM,
        ).align_with(full)
        right = list(range(self.s + 1, len(full.nodes)))
        box = SurroundingRectangle(
            VGroup(*(full.node_parts(i) for i in right)), color=theme.FOCUS, buff=0.12
        )
        rule = theme.math("sigma(s) = 1 \\/ (1 + e^(-s))", theme.BODY_SIZE * theme.MATH_SCALE)
        self.place_panel(rule)
        self.clear_panel(None)
        self.play(Create(box), Write(rule))
        leaving: list[Any] = [full.node_parts(i) for i in right] + [self.vals[i] for i in right]
        leaving += [self.grads[i] for i in [*right, self.s]]
        self.play(FadeOut(VGroup(*leaving, box)))
        # the left part of the small circuit lies exactly on the full one's: swap them unseen
        self.remove(*full.get_family())
        self.add(*(small.node_parts(i) for i in range(self.s + 1)))
        self.diagram = small
        sigma = len(small.nodes) - 1
        for i in right:
            del self.vals[i], self.grads[i]
        del self.grads[self.s]
        self.vals[sigma], self.grads[sigma] = small.value_label(sigma), small.grad_label(sigma)
        self.play(
            FadeIn(small.node_parts(sigma)), FadeIn(self.vals[sigma]), FadeIn(self.grads[sigma])
        )
        self.panel = rule
        self.hold(1)
        return {}

    @step("shortcut")
    def shortcut(self) -> dict[str, Any]:
        """The sigmoid gate's local gradient (1 − σ)σ gives ∂f/∂s in one step."""
        sigma = len(self.diagram.nodes) - 1
        values = self.back(sigma, extra={"om": self.neuron.one_minus})
        self.play(Indicate(self.grads[self.s], color=theme.FOCUS))
        self.hold(1)
        return {
            "sigma": float(self.neuron.sigma),
            "om": float(self.neuron.one_minus),
            "local": float(self.neuron.shortcut),
            "grad": float(self.neuron.collapsed.node("s").grad),
            "up": values["up"],
        }

    @step("rounding")
    def rounding(self) -> dict[str, Any]:
        """Multiplying by the rounded upstream 0.2 gives the often-printed 0.4; exact is 0.39."""
        note, d = self.note, self.diagram
        gate = d.consumers(d.names.index("x0"))[0]
        w0 = d.names.index("w0")
        head = "partial f \\/ partial x_0 = "
        rounded = formula(head + "{l} times {r} = {a}", l=note.local, r=note.rounded, a=note.approx)
        exact = formula(head + "{l} times {g}", l=note.local, g=note.upstream, decimals=3)
        result = formula("= {e}", e=note.exact)
        for mob in (rounded, exact, result):
            mob.set_color(theme.GRADIENT)
        for mob, key in ((rounded, "l"), (exact, "l")):
            part(mob, key).set_color(theme.FORWARD)
        result.next_to(exact, RIGHT, buff=0.18)
        result.shift(DOWN * (part(result, "e").get_bottom()[1] - part(exact, "g").get_bottom()[1]))
        words = VGroup(
            theme.label(self.t("rounded"), theme.SMALL_SIZE, theme.MUTED),
            theme.label(self.t("exact"), theme.SMALL_SIZE, theme.MUTED),
        )
        lines = VGroup(rounded, VGroup(exact, result)).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        for word, line in zip(words, lines, strict=True):
            word.next_to(line, LEFT, buff=0.5)
        panel = self.place_panel(VGroup(words, lines))
        self.clear_panel(gate)
        self.play(
            FadeIn(words[0]),
            travel_into(rounded, {"l": self.vals[w0], "r": self.grads[gate]}),
            run_time=1.5,
        )
        self.play(FadeIn(words[1]), travel_into(exact, {"l": part(rounded, "l")}), FadeIn(result))
        self.play(Indicate(part(result, "e"), color=theme.FOCUS))
        self.panel = panel
        self.hold(1)
        return {
            "r": note.rounded,
            "approx": note.approx,
            "exact": note.exact,
            "g": Num(note.upstream, 3),
        }


def _list(values: list[float]) -> str:
    """``[2, −3, −3]`` written by the number rule (for a subtitle)."""
    return "[" + ", ".join(fmt(v) for v in values) + "]"
