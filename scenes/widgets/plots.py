"""Plots for the optimisation scenes: a curve on axes fitted to a path of iterates, and a table."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Animation,
    AnimationGroup,
    Axes,
    Create,
    Dot,
    FadeIn,
    Line,
    Mobject,
    VGroup,
)

from scenes.kit import theme
from scenes.kit.numbers import num

__all__ = [
    "MATH_SCALE",
    "CurvePlot",
    "IterateTable",
    "Trajectory",
    "axis_reach",
    "drawable",
    "equation",
]

MATH_SCALE = theme.MATH_SCALE


def equation(
    lhs: str,
    value: float,
    *,
    decimals: int = 2,
    size: float = theme.BODY_SIZE,
    color: str | None = None,
) -> VGroup:
    """``lhs = value``: Typst maths on the left, the number a :func:`~scenes.base.num` label."""
    left = theme.math(f"{lhs} =", size * MATH_SCALE, color)
    return VGroup(left, num(value, decimals, size, color)).arrange(RIGHT, buff=0.15)


def axis_reach(xs: Sequence[float] | np.ndarray, floor: float = 0.1, pad: float = 1.15) -> float:
    """Half-width of an x-axis symmetric about 0 that holds every ``x`` in ``xs`` with a margin."""
    values = np.abs(np.asarray(xs, dtype=float))
    return max(float(values.max()) if values.size else 0.0, floor) * pad


def drawable(xs: Sequence[float] | np.ndarray, limit: float) -> int:
    """How many leading iterates have ``|x| <= limit`` (at least the first).

    A diverging run is drawn up to there; later iterates are shown as numbers only,
    so the axes never have to reach millions.
    """
    inside = np.abs(np.asarray(xs, dtype=float)) <= limit
    return len(inside) if inside.all() else max(1, int(np.argmin(inside)))


class CurvePlot(VGroup):
    """Axes symmetric about ``x = 0`` reaching ``±reach``, with ``y = f(x)`` drawn on them.

    The y-axis spans the curve over that range. ``point(x, y)`` is the scene
    position of a data point (it follows the plot when moved or scaled).
    """

    def __init__(
        self,
        f: Callable[[float], float],
        reach: float,
        *,
        width: float = 6.2,
        height: float = 5.0,
        color: str | None = None,
        axis_labels: bool = True,
    ) -> None:
        super().__init__()
        samples = np.array([float(f(x)) for x in np.linspace(-reach, reach, 101)])
        low, high = min(0.0, float(samples.min())), max(0.0, float(samples.max()))
        span = max(high - low, 1e-9)
        self.axes = Axes(
            x_range=[-reach, reach, reach],
            y_range=[low, high + 0.06 * span, span],
            x_length=width,
            y_length=height,
            tips=True,
            axis_config={
                "include_ticks": False,
                "color": theme.MUTED,
                "stroke_width": 2,
                "tip_width": 0.15,
                "tip_height": 0.15,
            },
        )
        self.curve = self.axes.plot(
            f, x_range=[-reach, reach], color=color or theme.TEXT, stroke_width=3
        )
        self.add(self.axes, self.curve)
        self.labels = VGroup()
        if axis_labels:
            x_label = theme.label("x", theme.SMALL_SIZE, theme.MUTED)
            y_label = theme.label("y", theme.SMALL_SIZE, theme.MUTED)
            x_label.next_to(self.axes.x_axis.get_right(), DOWN, buff=0.15)
            y_label.next_to(self.axes.y_axis.get_top(), LEFT, buff=0.15)
            self.labels.add(x_label, y_label)
            self.add(self.labels)

    def point(self, x: float, y: float) -> np.ndarray:
        """Scene position of the data point ``(x, y)``."""
        return self.axes.c2p(float(x), float(y))

    def tangent(
        self, x: float, y: float, slope: float, length: float = 2.0, color: str | None = None
    ) -> Line:
        """A piece of the line through ``(x, y)`` with ``slope`` (in data units), ``length`` long."""
        here = self.point(x, y)
        direction = self.point(x + 1.0, y + slope) - here
        direction = direction / max(float(np.linalg.norm(direction)), 1e-9)
        half = direction * length / 2
        return Line(here - half, here + half, color=color or theme.GRADIENT, stroke_width=4)


class Trajectory(VGroup):
    """Iterates ``(x_t, y_t)`` as dots on a plot, joined by straight moves (the zig-zag path).

    ``hops(marker)`` yields one animation per move: the move is drawn, the next dot
    appears and ``marker`` (a mobject on screen) jumps to it.
    """

    def __init__(
        self,
        plot: CurvePlot,
        xs: Sequence[float],
        ys: Sequence[float],
        color: str | None = None,
        radius: float = 0.06,
        stroke_width: float = 3,
    ) -> None:
        super().__init__()
        color = color or theme.FOCUS
        points = [plot.point(x, y) for x, y in zip(xs, ys, strict=True)]
        self.dots = VGroup(*(Dot(p, radius=radius, color=color) for p in points))
        self.moves = VGroup(
            *(
                Line(a, b, color=color, stroke_width=stroke_width, stroke_opacity=0.8)
                for a, b in zip(points[:-1], points[1:], strict=True)
            )
        )
        self.add(self.moves, self.dots)

    def hops(self, marker: Mobject) -> Iterator[Animation]:
        """One animation per move, built when asked for (play them one after another)."""
        for move, dot in zip(self.moves, self.dots[1:], strict=True):
            target = dot.get_center()
            yield AnimationGroup(Create(move), FadeIn(dot), marker.animate.move_to(target))


class IterateTable(VGroup):
    """A column ``x_0 = …``, ``x_1 = …`` of the first iterates, then ``⋮`` and the last one.

    Labels are right-aligned against the ``=``, numbers right-aligned so decimals line up.
    ``numbers`` holds the :func:`~scenes.base.num` cells in order.
    """

    def __init__(
        self,
        xs: Sequence[float],
        *,
        first: int = 5,
        decimals: int = 3,
        size: float = theme.BODY_SIZE,
        color: str | None = None,
        row_height: float = 0.5,
    ) -> None:
        super().__init__()
        color = color or theme.FORWARD
        last = len(xs) - 1
        shown = list(range(last + 1)) if last <= first + 1 else [*range(first + 1), last]
        labels, self.numbers = [], VGroup()
        for t in shown:
            labels.append(theme.math(f"x_({t}) =", size * MATH_SCALE, theme.MUTED))
            self.numbers.add(num(xs[t], decimals, size, color))
        label_width = max(m.width for m in labels)
        number_width = max(m.width for m in self.numbers)
        rows = VGroup()
        y = 0.0
        for index, (t, lab, value) in enumerate(zip(shown, labels, self.numbers, strict=True)):
            if index and t != shown[index - 1] + 1:
                dots = theme.math("dots.v", size * MATH_SCALE, theme.MUTED)
                dots.move_to([label_width / 2, y, 0])
                rows.add(dots)
                y -= row_height
            lab.move_to([0, y, 0], aligned_edge=RIGHT).shift(RIGHT * label_width)
            right = label_width + 0.2 + number_width
            value.move_to([0, y, 0], aligned_edge=RIGHT).shift(RIGHT * right)
            rows.add(VGroup(lab, value))
            y -= row_height
        self.add(rows)
        self.rows = rows

    def below(self, mob: Mobject, buff: float = 0.35) -> IterateTable:
        """Place the table under ``mob``, left edges aligned."""
        self.next_to(mob, DOWN, buff=buff, aligned_edge=LEFT)
        return self
