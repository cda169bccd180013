"""Where a graph diagram's parts go: gates in columns by depth, rows clear of labels, wrapped bands."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circle,
    Line,
    Rectangle,
    VGroup,
    VMobject,
)

from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.widgets.gates import gate_mob, math_name

__all__ = ["GraphLayout", "depth_columns"]

STROKE = 2.5
#: Room between a wire and its labels, between rows, and inside a gate around its symbol.
PAD, ROW_GAP, GATE_PAD = 0.1, 0.3, 0.09
#: Widest gate symbol (a wider one is scaled down), and the room between wrapped bands.
SYMBOL_WIDTH, CORRIDOR = 0.62, 0.4


def depth_columns(inputs: list[tuple[int, ...]]) -> list[int]:
    """Gates in the column of their depth; an input sits just left of the gate that uses it."""
    depth: list[int] = []
    for idx in inputs:
        depth.append(1 + max(depth[j] for j in idx) if idx else 0)
    for j, idx in enumerate(inputs):
        if not idx:
            users = [depth[i] for i, other in enumerate(inputs) if j in other]
            depth[j] = min(users) - 1 if users else 0
    return depth


class GraphLayout(VGroup):
    """A graph diagram's layout and drawing in nominal units (the base of ``GraphDiagram``).

    The subclass sets the attributes below, then calls :meth:`_build_marks`,
    :meth:`_place_columns`, :meth:`_place_rows` and :meth:`_draw` in turn.
    """

    nodes: list[Any]
    names: list[str]
    inputs: list[tuple[int, ...]]
    size: float
    gap: float
    level: list[int]
    n_columns: int
    wrap: int | None
    _values: list[Any]
    _grads: list[Any]
    label_height: float

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
