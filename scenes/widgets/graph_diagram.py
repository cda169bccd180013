"""A computational graph drawn from dlmath's ``topo_order``: inputs, gates, edges and label slots."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Circle,
    Dot,
    Line,
    Mobject,
    VGroup,
    VMobject,
)

from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import num

__all__ = ["GraphDiagram", "gate_text", "local_symbol", "math_name", "partial"]

#: How a dlmath gate label is written inside its circle.
GATE_TEXT = {"sigmoid": "σ", "relu": "ReLU", "sum": "Σ"}
STROKE = 2.5


SUPERSCRIPT = str.maketrans("0123456789-.", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻·")


def gate_text(label: str) -> str:
    """A gate label for the screen: ``*`` → ``×``, ``-`` → ``−``, ``x^2`` → ``x²``, ``sigmoid`` → ``σ``."""
    if label in GATE_TEXT:
        return GATE_TEXT[label]
    label = re.sub(r"\^([-.\d]+)", lambda m: m[1].translate(SUPERSCRIPT), label)
    return label.replace("^x", "ˣ").replace("*", "×").replace("-", "−")


def math_name(name: str) -> str:
    """A node name as Typst maths: ``x`` → ``x``, ``w0`` → ``w_0``, ``loss`` → ``"loss"``."""
    match = re.fullmatch(r"([A-Za-z])_?(\d+)", name)
    if match:
        return f"{match[1]}_{match[2]}"
    if re.fullmatch(r"[A-Za-z]", name):
        return name
    return '"' + re.sub(r'["\\{}]', "", name) + '"'


def local_symbol(diagram: GraphDiagram, i: int, k: int) -> str | None:
    """The local gradient of node ``i`` for its input ``k`` as Typst maths, where there is a rule."""
    node, idx = diagram.nodes[i], diagram.inputs[i]
    if node.op == "*" and len(idx) == 2:
        return diagram.symbol(idx[1 - k])
    rules = {
        "exp": "e^({x})",
        "sigmoid": "(1 - sigma) sigma",
        "log": "1 / {x}",
        "tanh": "1 - tanh^2",
    }
    rule = rules.get(node.op)
    return rule.replace("{x}", diagram.symbol(idx[k])) if rule else None


def partial(top: str, bottom: str) -> str:
    """Typst maths for ∂top/∂bottom (names already as Typst maths)."""
    return f"(partial {top})/(partial {bottom})"


def _anchor(point: np.ndarray) -> Dot:
    return Dot(point, radius=0.001, fill_opacity=0, stroke_opacity=0)


class GraphDiagram(VGroup):
    """A computational graph, read (never computed) from a ``dm.topo_order`` list.

    Leaves are their names at the left; every op node is a circle with its gate
    label, in the column of its depth (longest path from a leaf). Leaves are
    spread evenly from top to bottom in graph order; an op node sits at the mean
    height of its inputs, pushed apart from its column neighbours. Each node
    has an output line (its "wire"): the forward value goes above it
    (:meth:`value_label`, green) and the gradient below it (:meth:`grad_label`,
    red); arrows run from the end of the wire to the gates that use it. The
    wire is as long as the widest of all values and gradients, so labels never
    overlap, and the whole drawing is scaled down to ``max_width`` ×
    ``max_height``. Label slots follow the diagram when it is moved or scaled.

    Parameters
    ----------
    nodes : sequence of dm.Value
        ``dm.topo_order(root)``: every node after its inputs, the root last.
    names : sequence of str, optional
        One name per node for the drawing (default each node's ``.name``).
    decimals, size : int, float
        Number format and font size of the value and gradient labels.
    radius, gap : float
        Gate circle radius and the horizontal room for the arrows between columns.
    """

    def __init__(
        self,
        nodes: Sequence[Any],
        *,
        names: Sequence[str] | None = None,
        decimals: int = 2,
        size: float = theme.SMALL_SIZE,
        radius: float = 0.28,
        gap: float = 0.5,
        max_width: float = 13.0,
        max_height: float = 4.0,
    ) -> None:
        super().__init__()
        self.nodes = list(nodes)
        if not self.nodes:
            raise ValueError("nodes must hold at least one node (use dm.topo_order(root))")
        self._ids = {id(n): i for i, n in enumerate(self.nodes)}
        if len(self._ids) != len(self.nodes):
            raise ValueError("nodes must list each node once (use dm.topo_order(root))")
        self.names = list(names) if names is not None else [n.name for n in self.nodes]
        if len(self.names) != len(self.nodes):
            raise ValueError(f"names must have one entry per node ({len(self.nodes)})")
        self.decimals, self.size, self.radius = decimals, size, radius
        self.inputs: list[tuple[int, ...]] = []
        for i, node in enumerate(self.nodes):
            idx = tuple(self._ids.get(id(x), -1) for x in node.inputs)
            if any(not 0 <= j < i for j in idx):
                raise ValueError(
                    "nodes must list every input before its node (use dm.topo_order(root))"
                )
            self.inputs.append(idx)
        self.level = self._levels()
        self.n_columns = max(self.level) + 1
        self._values = [num(n.data, decimals, size, theme.FORWARD) for n in self.nodes]
        self._grads = [num(n.grad, decimals, size, theme.GRADIENT) for n in self.nodes]
        self._pad = 0.1
        self.wire_length = max(m.width for m in self._values + self._grads) + 2 * self._pad
        self._label_height = max(m.height for m in self._values + self._grads)
        self._xy = self._positions(gap)
        self._build()
        self._o, self._u = _anchor(self._xy[0]), _anchor(self._xy[0] + RIGHT)  # inside the drawing
        self.add(self._o, self._u)
        fit(self, max_width, max_height)
        self.move_to(ORIGIN)

    # layout ------------------------------------------------------------
    def _levels(self) -> list[int]:
        depth: list[int] = []
        for idx in self.inputs:
            depth.append(1 + max(depth[j] for j in idx) if idx else 0)
        return depth

    def _positions(self, gap: float) -> list[np.ndarray]:
        """Nominal centre of every node's circle (a leaf: where its circle would be).

        An edge that skips columns gets a bend point in each column it crosses
        (``self._bends[(i, k)]``, heights), which takes room in that column like
        a node, so the line passes clear of the labels there.
        """
        r, pad, h = self.radius, self._pad, self._label_height
        leaf_row = 2 * (h + 2 * pad) + pad  # a value above and a gradient below each wire
        self.row_height = max(leaf_row, 2 * r + h + 3 * pad)  # and a named circle between gates
        above, below = max(r + h + 0.08, pad + h) + pad, max(r, pad + h) + pad
        self._step = 2 * r + self.wire_length + gap
        ys: dict[Any, float] = {}
        leaves = [i for i, idx in enumerate(self.inputs) if not idx]
        for row, i in enumerate(leaves):
            ys[i] = -row * leaf_row
        edges = [(i, k, j) for i, idx in enumerate(self.inputs) for k, j in enumerate(idx)]

        def before(i: int, k: int, col: int) -> Any:
            """The slot an edge passes in column ``col - 1``: its input, or its own bend."""
            j = self.inputs[i][k]
            return j if self.level[j] == col - 1 else (i, k, col - 1)

        def gap_between(a: Any, b: Any) -> float:
            if isinstance(a, int) and isinstance(b, int):
                return self.row_height
            if isinstance(a, int):
                return below
            return above if isinstance(b, int) else 2 * pad

        for col in range(1, self.n_columns):
            wanted: dict[Any, float] = {}
            for i in range(len(self.nodes)):
                if self.level[i] == col:
                    wanted[i] = float(
                        np.mean([ys[before(i, k, col)] for k in range(len(self.inputs[i]))])
                    )
            for i, k, j in edges:
                if self.level[j] < col < self.level[i]:
                    wanted[(i, k, col)] = ys[before(i, k, col)]
            members = sorted(
                wanted, key=lambda m: (-wanted[m], m if isinstance(m, tuple) else (m, -1, 0))
            )
            placed: list[float] = []
            for a, b in zip([None, *members], members, strict=False):
                y = wanted[b] if a is None else min(wanted[b], placed[-1] - gap_between(a, b))
                placed.append(y)
            shift = float(np.mean(list(wanted.values())) - np.mean(placed))
            for m, y in zip(members, placed, strict=True):
                ys[m] = y + shift
        self._bends = {
            (i, k): [ys[(i, k, c)] for c in range(self.level[j] + 1, self.level[i])]
            for i, k, j in edges
        }
        return [np.array([self.level[i] * self._step, ys[i], 0.0]) for i in range(len(self.nodes))]

    def _build(self) -> None:
        r, pad = self.radius, self._pad
        self.shapes: list[VGroup] = []
        self.wires: list[Line] = []
        self.name_labels: list[Mobject | None] = []
        for i, node in enumerate(self.nodes):
            centre = self._xy[i]
            start = centre + RIGHT * r
            end = start + RIGHT * self.wire_length
            root = i == len(self.nodes) - 1
            if root:
                wire = Arrow(
                    start,
                    end + RIGHT * 0.25,
                    buff=0,
                    stroke_width=STROKE,
                    color=theme.MUTED,
                    tip_length=0.16,
                    max_tip_length_to_length_ratio=0.5,
                )
            else:
                wire = Line(start, end, stroke_width=STROKE, color=theme.MUTED)
            name = None
            if self.names[i]:
                name = theme.math(math_name(self.names[i]), self.size + 4, theme.TEXT)
            if self.inputs[i]:
                circle = Circle(radius=r, color=theme.TEXT, stroke_width=STROKE).move_to(centre)
                gate = theme.label(gate_text(node.label), size=self.size + 8)
                fit(gate, 1.4 * r, 1.1 * r).move_to(centre)
                shape = VGroup(circle, gate)
                if name is not None:
                    name.next_to(circle, UP, buff=0.08)
            else:
                shape = VGroup()
                if name is not None:
                    name.next_to(start, LEFT, buff=pad)
                    shape.add(name)
                else:
                    shape.add(_anchor(start))
            self.shapes.append(shape)
            self.wires.append(wire)
            self.name_labels.append(name if self.inputs[i] else None)
        self.edges: list[VGroup] = []
        for i, idx in enumerate(self.inputs):
            centre = self._xy[i]
            arrows = VGroup()
            for k, j in enumerate(idx):
                tail = self.wires[j].get_end()
                corners = [tail]
                for c, y in zip(
                    range(self.level[j] + 1, self.level[i]), self._bends[(i, k)], strict=True
                ):
                    x = c * self._step
                    corners += [
                        np.array([x - r, y, 0.0]),
                        np.array([x + r + self.wire_length, y, 0.0]),
                    ]
                tail = corners[-1]
                direction = (centre - tail) / np.linalg.norm(centre - tail)
                arrow = Arrow(
                    tail,
                    centre - direction * r,
                    buff=0,
                    stroke_width=STROKE,
                    color=theme.MUTED,
                    tip_length=0.16,
                    max_tip_length_to_length_ratio=0.35,
                )
                if len(corners) > 1:
                    path = VMobject(stroke_width=STROKE, color=theme.MUTED).set_points_as_corners(
                        corners
                    )
                    arrows.add(VGroup(path, arrow))
                else:
                    arrows.add(arrow)
            self.edges.append(arrows)
        for i in range(len(self.nodes)):
            self.add(self.shapes[i], self.wires[i], self.edges[i])
            if self.name_labels[i] is not None:
                self.add(self.name_labels[i])

    # slots ---------------------------------------------------------------
    @property
    def scale_factor(self) -> float:
        """How much the diagram is scaled from its nominal size."""
        return float(np.linalg.norm(self._u.get_center() - self._o.get_center()))

    def index(self, node: Any) -> int:
        """Position of ``node`` in the diagram's node list."""
        return self._ids[id(node)]

    def value_point(self, i: int) -> np.ndarray:
        """Bottom centre of node ``i``'s value label: above the middle of its wire."""
        wire = self.wires[i]
        mid = (
            wire.get_start() + wire.get_start() + RIGHT * self.wire_length * self.scale_factor
        ) / 2
        return mid + UP * self._pad * self.scale_factor

    def grad_point(self, i: int) -> np.ndarray:
        """Top centre of node ``i``'s gradient label: below the middle of its wire."""
        return self.value_point(i) + DOWN * 2 * self._pad * self.scale_factor

    def value_label(self, i: int) -> Mobject:
        """Node ``i``'s forward value (``num(node.data)``, green), placed above its wire.

        Labels have an opaque background, so an arrow that passes behind one is hidden.
        """
        mob = self._values[i].copy().scale(self.scale_factor)
        mob.add_background_rectangle(color=theme.BACKGROUND, opacity=1, buff=0.03)
        return mob.move_to(self.value_point(i), aligned_edge=DOWN)

    def grad_label(self, i: int) -> Mobject:
        """Node ``i``'s gradient (``num(node.grad)``, red), placed below its wire."""
        mob = self._grads[i].copy().scale(self.scale_factor)
        mob.add_background_rectangle(color=theme.BACKGROUND, opacity=1, buff=0.03)
        return mob.move_to(self.grad_point(i), aligned_edge=UP)

    def focus(self, i: int) -> VGroup:
        """Node ``i`` with the arrows into it and the wires of its inputs."""
        return VGroup(self.shapes[i], self.edges[i], *(self.wires[j] for j in self.inputs[i]))

    def highlight(self, i: int, color: str | None = None) -> AnimationGroup:
        """Colour node ``i``'s circle, its input arrows and input wires (an animation)."""
        parts = [self.edges[i], *(self.wires[j] for j in self.inputs[i])]
        color = color or theme.FOCUS
        anims = [m.animate.set_color(color) for m in parts]
        if self.inputs[i]:
            anims.append(self.shapes[i][0].animate.set_stroke(color))
        return AnimationGroup(*anims)

    def unhighlight(self, i: int) -> AnimationGroup:
        """Undo :meth:`highlight` of node ``i``."""
        parts = [self.edges[i], *(self.wires[j] for j in self.inputs[i])]
        anims = [m.animate.set_color(theme.MUTED) for m in parts]
        if self.inputs[i]:
            anims.append(self.shapes[i][0].animate.set_stroke(theme.TEXT))
        return AnimationGroup(*anims)

    def positions(self) -> np.ndarray:
        """Current centres of all nodes (a leaf: its wire's start), one row per node."""
        return np.array(
            [
                self.shapes[i][0].get_center() if self.inputs[i] else self.wires[i].get_start()
                for i in range(len(self.nodes))
            ]
        )

    def consumers(self, i: int) -> list[int]:
        """The nodes that take node ``i`` as an input."""
        return [k for k, idx in enumerate(self.inputs) if i in idx]

    def symbol(self, i: int) -> str:
        """Node ``i``'s name as Typst maths (``v_i`` when it has none)."""
        return math_name(self.names[i]) if self.names[i] else f"v_{i}"
