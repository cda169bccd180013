"""A computational graph drawn in layers from dlmath's ``topo_order``: gates, wires, label slots."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Circle,
    Line,
    Mobject,
    Rectangle,
    VGroup,
    VMobject,
)

from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import num
from scenes.widgets.gates import gate_mob, math_name

__all__ = ["GraphDiagram", "layered"]

STROKE = 2.5
#: Room between a wire and its labels, between rows, and inside a gate around its symbol.
PAD, ROW_GAP, GATE_PAD = 0.1, 0.3, 0.09
#: Widest gate symbol (a wider one is scaled down), and the room between wrapped bands.
SYMBOL_WIDTH, CORRIDOR = 0.62, 0.4


def _columns(inputs: list[tuple[int, ...]]) -> list[int]:
    """Gates in the column of their depth; an input sits just left of the gate that uses it."""
    depth: list[int] = []
    for idx in inputs:
        depth.append(1 + max(depth[j] for j in idx) if idx else 0)
    for j, idx in enumerate(inputs):
        if not idx:
            users = [depth[i] for i, other in enumerate(inputs) if j in other]
            depth[j] = min(users) - 1 if users else 0
    return depth


class GraphDiagram(VGroup):
    """A computational graph, read (never computed) from a ``dm.topo_order`` list.

    Every gate is a circle with its symbol (``+``, ``×``, ``×(−1)``, ``exp``,
    ``1/x``…) in the column of its depth; each input is its name at the start of
    a wire in the column just before the gate that uses it (so no wire skips a
    column). Within a column, nodes are ordered by the mean height of their
    inputs, so wires do not cross. Every node has an output wire: its forward
    value sits above it (:meth:`value_label`) and its gradient below
    (:meth:`grad_label`); a column's wires are as long as its widest label, and
    rows are spaced so labels, names and gates never overlap. Arrows run from a
    wire's end to the gates that use it, in the gap between columns. The whole
    drawing (labels included) is scaled down to ``max_width`` × ``max_height``;
    label slots follow it when it is moved or scaled.

    Parameters
    ----------
    nodes : sequence of dm.Value
        ``dm.topo_order(root)``: every node after its inputs, the root last.
    names : sequence of str or None, optional
        One name per node for the drawing (default each node's ``.name``; ``""``
        draws none).
    decimals, size : int, float
        Number format and text size of the value and gradient labels.
    gap : float
        Horizontal room for the arrows between columns.
    max_width, max_height : float
        The most room the drawing (labels included) may take.
    wrap : int, optional
        Draw the columns from ``wrap`` on as a second band under the first, like
        a wrapped line of text: the wire that crosses runs down the right side,
        back along a corridor between the bands, and into its gate (for long
        chains whose labels are wide; see :func:`layered`). The crossing wire
        must leave from the first band's last column.
    """

    def __init__(
        self,
        nodes: Sequence[Any],
        *,
        names: Sequence[str] | None = None,
        decimals: int = 2,
        size: float = theme.SMALL_SIZE,
        gap: float = 0.6,
        max_width: float = 13.0,
        max_height: float = 4.0,
        wrap: int | None = None,
    ) -> None:
        super().__init__()
        self.nodes = list(nodes)
        if not self.nodes:
            raise ValueError("nodes must hold at least one node (use dm.topo_order(root))")
        ids = {id(n): i for i, n in enumerate(self.nodes)}
        if len(ids) != len(self.nodes):
            raise ValueError("nodes must list each node once (use dm.topo_order(root))")
        self.names = list(names) if names is not None else [n.name for n in self.nodes]
        if len(self.names) != len(self.nodes):
            raise ValueError(f"names must have one entry per node ({len(self.nodes)})")
        self.inputs: list[tuple[int, ...]] = []
        for i, node in enumerate(self.nodes):
            idx = tuple(ids.get(id(x), -1) for x in node.inputs)
            if any(not 0 <= j < i for j in idx):
                raise ValueError(
                    "nodes must list every input before its node (use dm.topo_order(root))"
                )
            self.inputs.append(idx)
        self.decimals, self.size, self.gap = decimals, size, gap
        self.level = _columns(self.inputs)
        self.n_columns = max(self.level) + 1
        if wrap is not None and not 0 < wrap < self.n_columns:
            raise ValueError(f"wrap must be a column from 1 to {self.n_columns - 1}, got {wrap}")
        self.wrap = wrap
        self._values = [num(n.data, decimals, size, theme.FORWARD) for n in self.nodes]
        self._grads = [num(n.grad, decimals, size, theme.GRADIENT) for n in self.nodes]
        self.label_height = max(m.height for m in self._values + self._grads)
        self._build_marks()
        self._place_columns()
        self._place_rows()
        self._draw()
        fit(self, max_width, max_height)

    # layout (nominal units) --------------------------------------------
    def _build_marks(self) -> None:
        """Gate symbols, circles' radii and name labels, before anything is placed."""
        self.symbols: list[Any] = []
        self.radius: list[float] = []
        self.name_labels: list[Any] = []
        for i, node in enumerate(self.nodes):
            name = None
            if self.names[i]:
                name = theme.math(math_name(self.names[i]), (self.size + 4) * theme.MATH_SCALE)
            self.name_labels.append(name)
            if not self.inputs[i]:
                self.symbols.append(None)
                self.radius.append(0.0)
                continue
            symbol = fit(gate_mob(node, self.size + 2), SYMBOL_WIDTH * self.size / theme.SMALL_SIZE)
            self.symbols.append(symbol)
            smallest = 0.3 * self.size / theme.SMALL_SIZE
            self.radius.append(
                max(smallest, symbol.width / 2 + GATE_PAD, symbol.height / 2 + GATE_PAD)
            )

    def _place_columns(self) -> None:
        """Each column's left edge, gate room (2·R) and wire length (its widest label)."""
        n = self.n_columns
        members = [[i for i in range(len(self.nodes)) if self.level[i] == c] for c in range(n)]
        self.col_radius = [max([self.radius[i] for i in m] or [0.0]) for m in members]
        self.col_wire = [
            max(max(self._values[i].width, self._grads[i].width) for i in m) + 2 * PAD
            for m in members
        ]
        self.col_left = [0.0]
        for c in range(1, n):
            prev = c - 1
            self.col_left.append(
                self.col_left[prev] + 2 * self.col_radius[prev] + self.col_wire[prev] + self.gap
            )
        self.members = members
        if self.wrap is not None:
            shift = self.col_left[self.wrap] - (self.col_left[0] + self.gap)
            for c in range(self.wrap, n):
                self.col_left[c] -= shift

    def _band(self, i: int) -> int:
        """0 for the first band, 1 for the wrapped one."""
        return int(self.wrap is not None and self.level[i] >= self.wrap)

    def _extent(self, i: int) -> tuple[float, float]:
        """Room node ``i`` needs above and below its wire's height."""
        h, r = self.label_height, self.radius[i]
        name = self.name_labels[i]
        top = r + (name.height + 0.08 if name is not None and self.inputs[i] else 0.0)
        return max(top, PAD + h), max(r, PAD + h)

    def _place_rows(self) -> None:
        """Heights column by column: under the mean of the inputs, pushed apart to clear labels."""
        y: dict[int, float] = {}
        for c, members in enumerate(self.members):
            wanted: dict[int, float] = {}
            if c == 0:
                for k, i in enumerate(members):
                    wanted[i] = -float(k)
            gates = [i for i in members if self.inputs[i]]
            for i in gates:
                wanted[i] = float(np.mean([y[j] for j in self.inputs[i]]))
            for i in members:
                if i in wanted:
                    continue
                users = [u for u, idx in enumerate(self.inputs) if i in idx]
                siblings = [j for u in users for j in self.inputs[u] if j in wanted]
                wanted[i] = float(np.mean([wanted[j] for j in siblings])) if siblings else 0.0
            order = sorted(members, key=lambda i: (-wanted[i], not self.inputs[i], i))
            placed: list[float] = []
            for a, b in zip([None, *order], order, strict=False):
                if a is None:
                    placed.append(wanted[b])
                    continue
                clearance = self._extent(a)[1] + self._extent(b)[0] + ROW_GAP
                placed.append(min(wanted[b], placed[-1] - clearance))
            shift = float(np.mean([wanted[i] for i in order]) - np.mean(placed))
            for i, v in zip(order, placed, strict=True):
                y[i] = v + shift
        self._y = [y[i] for i in range(len(self.nodes))]
        self.corridor_y = 0.0
        if self.wrap is not None:
            first = [i for i in range(len(self.nodes)) if not self._band(i)]
            second = [i for i in range(len(self.nodes)) if self._band(i)]
            floor = min(self._y[i] - self._extent(i)[1] for i in first)
            top = max(self._y[i] + self._extent(i)[0] for i in second)
            self.corridor_y = floor - CORRIDOR / 2
            for i in second:
                self._y[i] += floor - CORRIDOR - top

    # drawing -------------------------------------------------------------
    def _draw(self) -> None:
        self.shapes: list[VGroup] = []
        self.wires: list[Line] = []
        self.edges: list[VGroup] = []
        #: Invisible lines under each node's labels (its column's label span, at its wire).
        self.spans: list[Line] = []
        ends = []
        for i in range(len(self.nodes)):
            c, yi = self.level[i], self._y[i]
            left, big_r = self.col_left[c], self.col_radius[c]
            end = np.array([left + 2 * big_r + self.col_wire[c], yi, 0.0])
            ends.append(end)
            span_start = end + LEFT * self.col_wire[c]
            self.spans.append(Line(span_start, end, stroke_opacity=0, stroke_width=0))
            shape = VGroup()
            name = self.name_labels[i]
            if self.inputs[i]:
                centre = np.array([left + big_r, yi, 0.0])
                circle = Circle(radius=self.radius[i], color=theme.TEXT, stroke_width=STROKE)
                symbol = self.symbols[i]
                assert symbol is not None
                shape.add(circle.move_to(centre), symbol.move_to(centre))
                if name is not None:
                    name.next_to(circle, UP, buff=0.08)
                    shape.add(name)
                start = centre + RIGHT * self.radius[i]
            else:
                start = np.array([left + 2 * big_r, yi, 0.0])
                if name is not None:
                    shape.add(name.next_to(start, LEFT, buff=PAD))
            wire: Line
            if i == len(self.nodes) - 1:
                wire = Arrow(
                    start,
                    end + RIGHT * 0.3,
                    buff=0,
                    stroke_width=STROKE,
                    color=theme.MUTED,
                    tip_length=0.16,
                    max_tip_length_to_length_ratio=0.5,
                )
            else:
                wire = Line(start, end, stroke_width=STROKE, color=theme.MUTED)
            self.shapes.append(shape)
            self.wires.append(wire)
        for i, idx in enumerate(self.inputs):
            arrows = VGroup()
            if idx:
                centre = self.shapes[i][0].get_center()
                for j in idx:
                    tail, path = ends[j], None
                    if self._band(i) != self._band(j):
                        x_down = tail[0] + self.gap / 2
                        x_up = self.col_left[self.level[i]] - self.gap / 2
                        corners = [
                            tail,
                            [x_down, tail[1], 0.0],
                            [x_down, self.corridor_y, 0.0],
                            [x_up, self.corridor_y, 0.0],
                            [x_up, centre[1], 0.0],
                        ]
                        path = VMobject(stroke_width=STROKE, color=theme.MUTED)
                        path.set_points_as_corners(np.array(corners, dtype=float))
                        tail = np.array(corners[-1], dtype=float)
                    direction = (centre - tail) / np.linalg.norm(centre - tail)
                    arrow = Arrow(
                        tail,
                        centre - direction * self.radius[i],
                        buff=0,
                        stroke_width=STROKE,
                        color=theme.MUTED,
                        tip_length=0.16,
                        max_tip_length_to_length_ratio=0.35,
                    )
                    arrows.add(arrow if path is None else VGroup(path, arrow))
            self.edges.append(arrows)
        # an invisible frame around everything, labels that come later included
        tops = [self._y[i] + self._extent(i)[0] for i in range(len(self.nodes))]
        bottoms = [self._y[i] - self._extent(i)[1] for i in range(len(self.nodes))]
        lefts = [s.get_left()[0] for s in self.shapes if s.submobjects] + [0.0]
        right = max(
            m.get_right()[0] for m in [*self.wires, *self.edges] if m.has_points() or m.submobjects
        )
        self.frame = Rectangle(
            width=right - min(lefts), height=max(tops) - min(bottoms), stroke_opacity=0
        ).move_to(np.array([(right + min(lefts)) / 2, (max(tops) + min(bottoms)) / 2, 0.0]))
        self._nominal_height = self.frame.height
        self.add(self.frame)
        for i in range(len(self.nodes)):
            self.add(self.spans[i], self.edges[i], self.wires[i], self.shapes[i])

    # slots ---------------------------------------------------------------
    @property
    def scale_factor(self) -> float:
        """How much the diagram is scaled from its nominal size."""
        return float(self.frame.height / self._nominal_height)

    def value_label(self, i: int) -> Mobject:
        """Node ``i``'s forward value (``num(node.data)``), above its wire (not yet added)."""
        return self._label(self._values[i], i, UP)

    def grad_label(self, i: int) -> Mobject:
        """Node ``i``'s gradient (``num(node.grad)``), below its wire (not yet added)."""
        return self._label(self._grads[i], i, DOWN)

    def _label(self, source: Mobject, i: int, side: np.ndarray) -> Mobject:
        mob = source.copy().scale(self.scale_factor)
        anchor = self.spans[i].get_center() + side * PAD * self.scale_factor
        return mob.move_to(anchor, aligned_edge=-side)

    def gate(self, i: int) -> Mobject:
        """Node ``i``'s circle (a gate) or its name (an input)."""
        return self.shapes[i][0]

    def symbol_mob(self, i: int) -> Mobject | None:
        """The symbol drawn in gate ``i`` (None for an input)."""
        return self.symbols[i]

    def node_parts(self, i: int) -> VGroup:
        """Everything drawn for node ``i``: its gate or name, its wire and the arrows into it."""
        return VGroup(self.shapes[i], self.wires[i], self.edges[i])

    def highlight(self, i: int, color: str | None = None) -> AnimationGroup:
        """Colour node ``i``'s circle, its input arrows and input wires (an animation)."""
        return self._colour(i, color or theme.FOCUS, color or theme.FOCUS)

    def unhighlight(self, i: int) -> AnimationGroup:
        """Undo :meth:`highlight` of node ``i``."""
        return self._colour(i, theme.MUTED, theme.TEXT)

    def _colour(self, i: int, lines: str, circle: str) -> AnimationGroup:
        parts = [self.edges[i], *(self.wires[j] for j in self.inputs[i])]
        anims: list[Any] = [m.animate.set_color(lines) for m in parts]
        if self.inputs[i]:
            anims.append(self.shapes[i][0].animate.set_stroke(circle))
        return AnimationGroup(*anims)

    def consumers(self, i: int) -> list[int]:
        """The nodes that take node ``i`` as an input."""
        return [k for k, idx in enumerate(self.inputs) if i in idx]

    def symbol(self, i: int) -> str | None:
        """Node ``i``'s name as Typst maths, or None when it has none."""
        return math_name(self.names[i]) if self.names[i] else None

    def align_with(self, other: GraphDiagram) -> GraphDiagram:
        """Scale and move so this drawing's first node lies on ``other``'s (same scale as it)."""
        self.scale(other.scale_factor / self.scale_factor)
        self.shift(other.wires[0].get_start() - self.wires[0].get_start())
        return self


def layered(
    nodes: Sequence[Any], *, wrap_at: int | None = None, min_scale: float = 0.75, **kwargs: Any
) -> GraphDiagram:
    """A :class:`GraphDiagram` in one band, or wrapped at column ``wrap_at`` if that is larger.

    One band is kept while its scale stays at least ``min_scale`` (its labels
    legible); wider labels (powers of ten) wrap a long chain onto a second band.
    """
    one = GraphDiagram(nodes, **kwargs)
    if wrap_at is None or one.scale_factor >= min_scale or not 0 < wrap_at < one.n_columns:
        return one
    two = GraphDiagram(nodes, wrap=wrap_at, **kwargs)
    return two if two.scale_factor > one.scale_factor else one
