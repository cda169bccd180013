"""Backpropagation on a computational graph: f = (x + y)·z, local gradient times upstream gradient."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    VGroup,
    Write,
)

import dlmath as dm
from scenes.ch2.backprop_simple_params import BackpropSimpleParams
from scenes.kit import theme
from scenes.kit.format import fmt
from scenes.kit.layout import fit
from scenes.kit.numbers import formula
from scenes.kit.scene import LectureScene, step
from scenes.kit.words import Join, Word
from scenes.widgets.graph_diagram import GraphDiagram, gate_text, local_symbol, partial

__all__ = ["BackpropSimpleScene"]


class BackpropSimpleScene(LectureScene[BackpropSimpleParams]):
    """The chain rule on f = (x + y)·z: forward values, then gradients right to left."""

    name = "backprop-simple"
    Params = BackpropSimpleParams

    def construct(self) -> None:
        """The graph, the forward pass, the seed, one step per gate backwards, the gradients."""
        self.nodes = self.circuit()
        self.show_graph()
        self.forward()
        self.seed()
        gates = [i for i in reversed(range(len(self.nodes))) if self.nodes[i].inputs]
        for n, i in enumerate(gates, start=1):
            self.back(n=n, i=i)
        self.summary()

    def circuit(self) -> list[dm.Value]:
        """The circuit f = (x + y)·z in dlmath, with gradients, in evaluation order."""
        x, y, z = (dm.Value(getattr(self.p, v), name=v) for v in "xyz")
        q = x + y
        q.name = "q"
        f = q * z
        f.name = "f"
        f.backward()
        return dm.topo_order(f)

    def swap_panel(self, panel: VGroup, *anims: Any) -> None:
        """Replace the explanation at the bottom of the frame by ``panel``."""
        fit(panel, 13.0, 2.2).to_edge(DOWN, buff=0.35).set_x(0)
        old = getattr(self, "panel", None)
        self.play(*([FadeOut(old)] if old is not None else []), FadeIn(panel), *anims, run_time=1.2)
        self.panel = panel

    @step("graph")
    def show_graph(self) -> dict[str, float]:
        """The expression on top, its computational graph below."""
        title = self.heading()
        expr = theme.math("f(x, y, z) = (x + y) dot z, quad q = x + y, quad f = q dot z", 32)
        expr.next_to(title, DOWN, buff=0.3)
        self.diagram = GraphDiagram(
            self.nodes, size=theme.BODY_SIZE, radius=0.4, gap=1.2, max_width=12.5, max_height=3.3
        )
        self.diagram.move_to(UP * 0.55)
        self.play(FadeIn(title), Write(expr))
        self.play(Create(self.diagram), run_time=2)
        self.wait(1.5)
        return {v: float(getattr(self.p, v)) for v in "xyz"}

    @step("forward")
    def forward(self) -> dict[str, float]:
        """Values flow left to right: the inputs, then each gate's output."""
        d = self.diagram
        self.values = [d.value_label(i) for i in range(len(self.nodes))]
        leaves = [i for i, idx in enumerate(d.inputs) if not idx]
        self.play(*(FadeIn(self.values[i], shift=RIGHT * 0.2) for i in leaves))
        for i, idx in enumerate(d.inputs):
            if idx:
                self.play(d.highlight(i, theme.FORWARD), run_time=0.6)
                self.play(FadeIn(self.values[i], shift=RIGHT * 0.2), d.unhighlight(i), run_time=0.9)
        self.wait(1.5)
        return {n.name: float(n.data) for n in self.nodes if n.name}

    @step("seed")
    def seed(self) -> dict[str, float]:
        """The gradient of the output with respect to itself starts the backward pass."""
        d, root = self.diagram, len(self.nodes) - 1
        self.grads: dict[int, Any] = {root: d.grad_label(root)}
        name = d.symbol(root)
        panel = VGroup(
            formula(
                partial(name, name) + " = {g}",
                g=self.nodes[root].grad,
                color=theme.GRADIENT,
                size=34,
            )
        )
        self.swap_panel(panel, FadeIn(self.grads[root], shift=DOWN * 0.2))
        self.wait(1.5)
        return {"seed": float(self.nodes[root].grad)}

    @step("back-{n}")
    def back(self, n: int, i: int) -> dict[str, Any]:
        """Gate ``i``: its local gradients, times the upstream gradient, sent to its inputs."""
        d, node = self.diagram, self.nodes[i]
        root = d.symbol(len(self.nodes) - 1)
        rows, local_words, sent_words = [], [], []
        for k, j in enumerate(d.inputs[i]):
            local, sent = node.local_grads[k], node.input_grads[k]
            rule = local_symbol(d, i, k)
            head = partial(d.symbol(i), d.symbol(j))
            lhs = formula(head + (f" = {rule}" if rule else "") + " = {l}", l=local)
            rhs = formula(
                partial(root, d.symbol(j)) + " = {u} times {l} = {s}",
                u=node.grad,
                l=local,
                s=sent,
                color=theme.GRADIENT,
            )
            rows.append((lhs, rhs))
            local_words.append(f"∂{d.names[i]}/∂{d.names[j]} = {fmt(local)}")
            sent_words.append(f"∂{d.names[-1]}/∂{d.names[j]} = {fmt(sent)}")
        panel = self.table(rows)
        previous = getattr(self, "focused", None)
        unfocus = [d.unhighlight(previous)] if previous is not None else []
        self.play(d.highlight(i), *unfocus, run_time=0.6)
        self.focused = i
        self.swap_panel(panel)
        done = [j for j in d.inputs[i] if min(d.consumers(j)) == i and j not in self.grads]
        for j in done:
            self.grads[j] = d.grad_label(j)
        self.play(*(FadeIn(self.grads[j], shift=DOWN * 0.2) for j in done))
        self.wait(2.5)
        return {
            "gate": gate_text(node.label),
            "up": float(node.grad),
            "local": Join(local_words),
            "sent": Join(sent_words),
            "note": Word(f"notes.{node.op}")
            if self.words.has(self.lang, f"notes.{node.op}")
            else "",
        }

    def table(self, rows: list[tuple[Any, Any]]) -> VGroup:
        """Two columns under headers: local gradients | upstream × local."""
        heads = (
            theme.label(self.t("local"), theme.SMALL_SIZE, theme.MUTED),
            theme.label(self.t("chain"), theme.SMALL_SIZE, theme.MUTED),
        )
        left_w = max(max(r[0].width for r in rows), heads[0].width) + 0.9
        grid = VGroup()
        y = 0.0
        for cells in [heads, *rows]:
            height = max(c.height for c in cells)
            for col, cell in enumerate(cells):
                cell.move_to([col * left_w, y - height / 2, 0], aligned_edge=LEFT)
                grid.add(cell)
            y -= height + 0.3
        return grid

    @step("summary")
    def summary(self) -> dict[str, str]:
        """The gradient of the output with respect to every input, and the rule."""
        d = self.diagram
        root = d.symbol(len(self.nodes) - 1)
        leaves = [i for i, idx in enumerate(d.inputs) if not idx]
        parts = ", quad ".join(partial(root, d.symbol(i)) + f" = {{g{i}}}" for i in leaves)
        grads = formula(
            parts, color=theme.GRADIENT, size=32, **{f"g{i}": self.nodes[i].grad for i in leaves}
        )
        rule = theme.label(self.t("rule"), theme.SMALL_SIZE, theme.MUTED)
        panel = VGroup(rule, grads).arrange(DOWN, buff=0.35)
        unfocus = (
            [d.unhighlight(self.focused)] if getattr(self, "focused", None) is not None else []
        )
        self.swap_panel(panel, *unfocus)
        # flash copies of the digits: the labels' opaque backdrops stay as they are
        glyphs = [VGroup(*self.grads[i].submobjects[1:]).copy() for i in leaves if i in self.grads]
        self.play(*(Indicate(g, color=theme.FOCUS) for g in glyphs))
        self.remove(*glyphs)
        self.wait(2.5)
        words = [f"∂{d.names[-1]}/∂{d.names[i]} = {fmt(self.nodes[i].grad)}" for i in leaves]
        return {"grads": Join(words)}
