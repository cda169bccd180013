"""Runs of an optimiser on a curve: shared ticked axes, paths clipped at the box, iterate tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import cast

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    DashedLine,
    Dot,
    Line,
    Mobject,
    VGroup,
    VMobject,
)

from scenes.kit import theme
from scenes.kit.numbers import num
from scenes.widgets.axes import TickedAxes, nice_range

__all__ = ["CurvePlot", "IterateTable", "RunPath", "shared_ranges"]

Range = tuple[float, float, float]


def shared_ranges(reach: float, f: Callable[[float], float]) -> tuple[Range, Range]:
    """Tick-aligned x range ``±reach`` (at least) and y range from 0 to the curve's top there.

    Every plot of a scene built on these ranges has one scale, so runs can be compared.
    """
    x_range = nice_range(-abs(reach), abs(reach), 6)
    top = max(float(f(x_range[0])), float(f(x_range[1])))
    return x_range, nice_range(0.0, top, 5)


class CurvePlot(VGroup):
    """``y = f(x)`` on :class:`~scenes.widgets.axes.TickedAxes` with the y-axis at the left edge.

    ``point(x, y)`` places data; ``exit(a, b)`` says where the move from data
    point ``a`` to ``b`` leaves the axes' box. ``sparse`` numbers every other
    tick (by default when the numbers would touch); ``names`` writes x and y
    at the axes' ends. The curve is drawn faint: it is the ground runs move on.
    """

    def __init__(
        self,
        f: Callable[[float], float],
        x_range: Range,
        y_range: Range,
        *,
        width: float = 6.0,
        height: float = 4.5,
        size: float = theme.SMALL_SIZE,
        names: bool = True,
        sparse: bool | None = None,
    ) -> None:
        super().__init__()
        self.axes = TickedAxes(
            x_range,
            y_range,
            width=width,
            height=height,
            size=size,
            x_label="x" if names else None,
            y_label="y" if names else None,
            y_axis_left=True,
        )
        if sparse is None:  # labels closer than their own width: number every other tick
            gap = width / max(round((x_range[1] - x_range[0]) / x_range[2]), 1)
            sparse = max(m.width for m in self.axes.x_labels) + 0.15 > gap
        if sparse:
            for labels, (_, _, step) in (
                (self.axes.x_labels, x_range),
                (self.axes.y_labels, y_range),
            ):
                odd = [m for m in labels if round(float(getattr(m, "value", 0.0)) / step) % 2]
                labels.remove(*odd)
        # the terrain, fainter than the runs drawn on it
        self.curve = cast(VMobject, self.axes.plot(f, color=theme.TEXT))
        self.curve.set_stroke(opacity=0.5)
        #: The y-axis' name above its top (``None`` without names).
        self.y_name: Mobject | None = self.axes.names[-1] if names else None
        self.add(self.axes, self.curve)

    def point(self, x: float, y: float) -> np.ndarray:
        """Scene position of the data point ``(x, y)``."""
        return self.axes.c2p(x, y)

    def inside(self, x: float, y: float) -> bool:
        """Whether the data point ``(x, y)`` is in the box."""
        return self.axes.inside(x, y)

    @property
    def box_top(self) -> float:
        """Scene y of the top of the box."""
        return float(self.point(self.axes.x_range[0], self.axes.y_range[1])[1])

    def exit(self, a: Sequence[float], b: Sequence[float]) -> np.ndarray:
        """Scene position where the segment from data point ``a`` (inside) to ``b`` leaves the box."""
        (x0, x1, _), (y0, y1, _) = self.axes.x_range, self.axes.y_range
        start, move = np.asarray(a, dtype=float), np.asarray(b, dtype=float) - np.asarray(a)
        t = 1.0
        for k, (low, high) in enumerate(((x0, x1), (y0, y1))):
            if move[k] > 0:
                t = min(t, (high - start[k]) / move[k])
            elif move[k] < 0:
                t = min(t, (low - start[k]) / move[k])
        end = start + max(t, 0.0) * move
        return self.point(end[0], end[1])

    def tangent(self, x: float, y: float, slope: float, color: str, length: float = 1.8) -> Line:
        """A piece of the tangent through ``(x, y)`` with ``slope``, ``length`` long, kept in the box."""
        here = self.point(x, y)
        direction = self.point(x + 1.0, y + slope) - self.point(x, y)
        direction = direction / max(float(np.linalg.norm(direction)), 1e-9)
        ends = []
        for sign in (-1, 1):
            far = here + sign * direction * length / 2
            data = self._data(far)
            ends.append(far if self.inside(*data) else self.exit((x, y), data))
        return Line(ends[0], ends[1], color=color, stroke_width=4)

    def label_above(self, label: VMobject, x: float) -> VMobject:
        """Put ``label`` just above the box, centred on scene ``x`` but kept over the box.

        It stays right of the y-axis' name. Values that leave the axes are written here.
        """
        axes = self.axes
        box_left = float(self.point(axes.x_range[0], axes.y_range[0])[0])
        box_right = float(self.point(axes.x_range[1], axes.y_range[0])[0])
        if self.y_name is not None:
            box_left = max(box_left, float(self.y_name.get_right()[0]) + 0.15)
        lo, hi = box_left + label.width / 2, box_right - label.width / 2
        label.move_to((min(max(x, lo), max(lo, hi)), 0.0, 0.0))
        return label.align_to(UP * (self.box_top + 0.1), DOWN)

    def riser(self, x: float, y0: float, y1: float) -> DashedLine:
        """A dashed vertical line at ``x`` from height ``y0`` to ``y1`` (data units)."""
        return DashedLine(self.point(x, y0), self.point(x, y1), color=theme.MUTED, stroke_width=2)

    def step_arrow(self, start: float, end: float, y: float, color: str) -> tuple[Arrow, bool]:
        """A horizontal arrow at height ``y`` from ``x = start`` to ``x = end`` (cut at the box).

        It shows a step's length on the x scale. The second value says whether
        ``end`` is beyond the box (the arrow then stops at its side).
        """
        low, high, _ = self.axes.x_range
        stop = min(max(end, low), high)
        arrow = Arrow(
            self.point(start, y),
            self.point(stop, y),
            buff=0,
            color=color,
            stroke_width=5,
            tip_length=0.16,
            max_tip_length_to_length_ratio=0.45,
        )
        return arrow, stop != end

    def _data(self, point: np.ndarray) -> tuple[float, float]:
        """The data coordinates of a scene point (inverse of :meth:`point`)."""
        (x0, x1, _), (y0, y1, _) = self.axes.x_range, self.axes.y_range
        origin, right, top = self.point(x0, y0), self.point(x1, y0), self.point(x0, y1)
        u = (point[0] - origin[0]) / (right[0] - origin[0])
        v = (point[1] - origin[1]) / (top[1] - origin[1])
        return x0 + u * (x1 - x0), y0 + v * (y1 - y0)


class RunPath(VGroup):
    """A run's iterates ``(x_t, y_t)`` on a :class:`CurvePlot`: a dot each, joined by moves.

    ``start`` is the first dot; ``hops[t]`` the group (move, dot) that brings
    ``x_t`` (``t >= 1``). The first move that leaves the box is drawn up to the
    edge as an arrow (``hops[exit]`` holds only it) and the path stops there:
    ``exit`` is that iterate's index (``None`` if the run stays in).
    """

    def __init__(
        self,
        plot: CurvePlot,
        xs: Sequence[float] | np.ndarray,
        ys: Sequence[float] | np.ndarray,
        color: str,
        *,
        radius: float = 0.07,
        stroke_width: float = 3.0,
    ) -> None:
        super().__init__()
        self.plot = plot
        self.exit: int | None = None
        self.start = Dot(plot.point(xs[0], ys[0]), radius=radius * 1.3, color=color)
        self.hops: dict[int, VGroup] = {}
        self.add(self.start)
        for t in range(1, len(xs)):
            a, b = (xs[t - 1], ys[t - 1]), (xs[t], ys[t])
            if plot.inside(*b):
                move = Line(plot.point(*a), plot.point(*b), color=color, stroke_width=stroke_width)
                hop = VGroup(move, Dot(plot.point(*b), radius=radius, color=color))
            else:
                edge = plot.exit(a, b)
                hop = VGroup(
                    Arrow(
                        plot.point(*a),
                        edge,
                        buff=0,
                        color=color,
                        stroke_width=stroke_width + 1,
                        tip_length=0.2,
                        max_tip_length_to_length_ratio=0.5,
                    )
                )
                self.exit = t
            self.hops[t] = hop
            self.add(hop)
            if self.exit is not None:
                break

    @property
    def arrow(self) -> Mobject | None:
        """The arrow where the run leaves the box (``None`` if it stays in)."""
        return None if self.exit is None else self.hops[self.exit][0]


class IterateTable(VGroup):
    """A column ``x_0 = …``, ``x_1 = …``: the first iterates, then ``⋮`` and the last one.

    Labels are right-aligned on the ``=``, numbers aligned on the decimal point.
    ``row(t)`` is the row of iterate ``t`` (``None`` for a hidden middle one),
    ``value(t)`` its number, ``gap`` the ``⋮`` row (``None`` when every row shows).
    """

    def __init__(
        self,
        xs: Sequence[float] | np.ndarray,
        *,
        first: int = 5,
        decimals: int = 3,
        size: float = theme.BODY_SIZE,
        color: str | None = None,
        row_height: float = 0.48,
    ) -> None:
        super().__init__()
        color = color or theme.FORWARD
        last = len(xs) - 1
        shown = list(range(last + 1)) if last <= first + 1 else [*range(first + 1), last]
        math = size * theme.MATH_SCALE
        labels = [theme.math(f"x_({t}) =", math, theme.MUTED) for t in shown]
        numbers = [num(xs[t], decimals, size, color) for t in shown]
        heads = [self._head(n) for n in numbers]
        label_width = max(m.width for m in labels)
        point = label_width + 0.2 + max(heads)  # the decimal points line up here
        self.rows: dict[int, VGroup] = {}
        self.gap: Mobject | None = None
        y = 0.0
        for index, (t, lab, value, head) in enumerate(
            zip(shown, labels, numbers, heads, strict=True)
        ):
            if index and t != shown[index - 1] + 1:
                self.gap = theme.math("dots.v", math, theme.MUTED).move_to(
                    (label_width / 2, y, 0.0)
                )
                self.add(self.gap)
                y -= row_height
            lab.move_to((label_width, y, 0.0), aligned_edge=RIGHT)
            value.move_to((point - head, y, 0.0), aligned_edge=LEFT)
            value.align_to(lab, DOWN)
            row = VGroup(lab, value)
            self.rows[t] = row
            self.add(row)
            y -= row_height

    @staticmethod
    def _head(number: Mobject) -> float:
        """How far a number's decimal point is from its left edge (its width without one)."""
        code = str(getattr(number, "typst_code", ""))
        if "." not in code:
            return float(number.width)
        before = len([c for c in code.split(".")[0] if not c.isspace()])
        glyphs = number.family_members_with_points()
        return float(glyphs[before].get_left()[0] - number.get_left()[0])

    def row(self, t: int) -> VGroup | None:
        """The row of iterate ``t``, or ``None`` if it is hidden behind ``⋮``."""
        return self.rows.get(t)

    def value(self, t: int) -> Mobject:
        """The number of iterate ``t`` (shown rows only)."""
        return self.rows[t][1]
