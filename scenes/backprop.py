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
from pydantic import Field

import dlmath as dm
from scenes import theme
from scenes.base import LectureScene, formula, step
from scenes.graph_diagram import GraphDiagram, gate_text, local_symbol, partial
from scenes.params import SceneParams
from scenes.widgets import fit

__all__ = ["BackpropSimpleParams", "BackpropSimpleScene"]

LIMIT = 99.99


def _coordinate(default: float, name: str) -> Any:
    return Field(
        default,
        ge=-LIMIT,
        le=LIMIT,
        allow_inf_nan=False,
        description=f"input {name} of f = (x + y)·z, from -99.99 to 99.99",
    )


class BackpropSimpleParams(SceneParams):
    """Parameters of ``backprop-simple``; defaults are the CS231n example x = -2, y = 5, z = -4."""

    x: float = _coordinate(-2.0, "x")
    y: float = _coordinate(5.0, "y")
    z: float = _coordinate(-4.0, "z")


TEXT: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Backpropagation: a simple example",
        "description": "f = (x + y)·z as a graph: forward values, then upstream × local gradients, gate by gate",
        "local": "local gradient",
        "sep": ", ",
        "chain": "gradient = upstream × local",
        "rule": "chain rule, gate by gate: gradient = upstream gradient × local gradient",
        "notes": {
            "+": " The add gate distributes: each input gets the upstream gradient unchanged.",
            "*": " The multiply gate swaps: each input's local gradient is the other input.",
        },
        "steps": {
            "graph": "f = (x + y)·z as a computational graph, at x = {x}, y = {y}, z = {z}.",
            "forward": "Forward pass, left to right: q = x + y = {q}, then f = q · z = {f}.",
            "seed": "The backward pass starts at the output: ∂f/∂f = {seed}.",
            "back-{n}": "Gate {gate}: local gradients {local}; upstream {up} × local gives {sent}.{note}",
            "summary": "Each input's effect on f: {grads}.",
        },
    },
    "zh": {
        "title": "反向传播：简单实例",
        "description": "把 f = (x + y)·z 画成计算图：先前向求值，再逐个门用上游梯度 × 局部梯度",
        "local": "局部梯度",
        "sep": "，",
        "chain": "梯度 = 上游梯度 × 局部梯度",
        "rule": "链式法则，一步一步传：梯度 = 上游梯度 × 局部梯度",
        "notes": {
            "+": "加法门把上游梯度原样分给每个输入。",
            "*": "乘法门交换：每个输入的局部梯度是另一个输入的值。",
        },
        "steps": {
            "graph": "把 f = (x + y)·z 画成计算图，x = {x}，y = {y}，z = {z}。",
            "forward": "前向传播，从左到右：q = x + y = {q}，f = q · z = {f}。",
            "seed": "反向传播从输出开始：∂f/∂f = {seed}。",
            "back-{n}": "{gate} 门：局部梯度 {local}；上游梯度 {up} × 局部梯度 得到 {sent}。{note}",
            "summary": "每个输入对 f 的影响：{grads}。",
        },
    },
}


class BackpropSimpleScene(LectureScene):
    """The chain rule on f = (x + y)·z: forward values, then gradients right to left."""

    name = "backprop-simple"
    Params = BackpropSimpleParams
    TEXT = TEXT

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
                color=theme.BACKWARD,
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
                color=theme.BACKWARD,
            )
            rows.append((lhs, rhs))
            local_words.append(f"∂{d.names[i]}/∂{d.names[j]} = {theme.fmt(local)}")
            sent_words.append(f"∂{d.names[-1]}/∂{d.names[j]} = {theme.fmt(sent)}")
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
            "local": self.t("sep").join(local_words),
            "sent": self.t("sep").join(sent_words),
            "note": self.words["notes"].get(node.op, ""),
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
            parts, color=theme.BACKWARD, size=32, **{f"g{i}": self.nodes[i].grad for i in leaves}
        )
        rule = theme.label(self.t("rule"), theme.SMALL_SIZE, theme.MUTED)
        panel = VGroup(rule, grads).arrange(DOWN, buff=0.35)
        unfocus = (
            [d.unhighlight(self.focused)] if getattr(self, "focused", None) is not None else []
        )
        self.swap_panel(panel, *unfocus)
        # flash copies of the digits: the labels' opaque backdrops stay as they are
        glyphs = [VGroup(*self.grads[i].submobjects[1:]).copy() for i in leaves if i in self.grads]
        self.play(*(Indicate(g, color=theme.ACCENT) for g in glyphs))
        self.remove(*glyphs)
        self.wait(2.5)
        words = [f"∂{d.names[-1]}/∂{d.names[i]} = {theme.fmt(self.nodes[i].grad)}" for i in leaves]
        return {"grads": self.t("sep").join(words)}
