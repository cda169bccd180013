"""A computational graph drawn in layers from dlmath's ``topo_order``: gates, wires, label slots."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from manim import (
    DOWN,
    UP,
    AnimationGroup,
    Mobject,
    VGroup,
)

from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import num
from scenes.widgets.gates import math_name
from scenes.widgets.graph_layout import PAD, GraphLayout, depth_columns

__all__ = ["GraphDiagram", "layered"]


class GraphDiagram(GraphLayout):
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
        self.level = depth_columns(self.inputs)
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
