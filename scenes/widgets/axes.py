"""Axes with ticks and tick labels (numbers typeset by the kit, never TeX), and nice tick steps."""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil, floor, log10

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, Mobject, NumberLine, VGroup, VMobject

from scenes.kit import theme
from scenes.kit.numbers import num

__all__ = [
    "TickedAxes",
    "TickedLine",
    "nice_range",
    "nice_step",
    "tick_decimals",
    "tick_label",
    "ticked_line",
]


def nice_step(span: float, target: int = 6) -> float:
    """A tick step of 1, 2 or 5 × 10ᵏ giving about ``target`` ticks over ``span``.

    >>> nice_step(10), nice_step(2.5), nice_step(0.3), nice_step(700)
    (2.0, 0.5, 0.05, 100.0)
    """
    span = max(abs(span), 1e-12)
    power = 10.0 ** floor(log10(span / max(target, 1)))
    steps = [f * power for f in (0.5, 1, 2, 5, 10)]
    return float(min(steps, key=lambda step: (abs(span / step - target), -step)))


def nice_range(low: float, high: float, target: int = 6) -> tuple[float, float, float]:
    """``(start, end, step)``: the smallest tick-aligned range holding ``low``–``high``.

    >>> nice_range(-1.7, 5.1)
    (-2.0, 6.0, 1.0)
    """
    if high - low < 1e-12:
        low, high = low - 1, high + 1
    step = nice_step(high - low, target)
    start, end = floor(low / step + 1e-9) * step, ceil(high / step - 1e-9) * step
    return float(start), float(end), step


def tick_decimals(step: float) -> int:
    """Decimals that write every multiple of ``step`` exactly (at least 2).

    >>> tick_decimals(0.5), tick_decimals(0.005), tick_decimals(0.025), tick_decimals(20)
    (2, 3, 3, 2)
    """
    for decimals in range(2, 10):
        if abs(round(step, decimals) - step) <= 1e-9 * abs(step):
            return decimals
    return 10


def tick_label(value: float, size: float, decimals: int = 2) -> VMobject:
    """A tick's number (marked ``.tick``: scale, not data)."""
    mob = num(value, decimals, size, theme.MUTED)
    setattr(mob, "tick", True)  # noqa: B010
    return mob


def _ticks(start: float, end: float, step: float) -> list[float]:
    count = int(round((end - start) / step))
    return [round(start + k * step, 10) for k in range(count + 1)]


class TickedLine(VGroup):
    """A number line with a tick every ``step`` and numbered ticks (see :func:`ticked_line`)."""

    def __init__(
        self,
        start: float,
        end: float,
        step: float,
        length: float,
        *,
        size: float = theme.SMALL_SIZE,
        labels: Sequence[float] | None = None,
    ) -> None:
        super().__init__()
        self.line = NumberLine(
            x_range=[start, end, step],
            length=length,
            color=theme.MUTED,
            stroke_width=2,
            include_ticks=True,
            tick_size=0.07,
            include_tip=False,
        )
        shown = labels if labels is not None else _ticks(start, end, step)
        self.labels = VGroup(
            *(
                tick_label(v, size, tick_decimals(step)).next_to(self.line.n2p(v), DOWN, buff=0.15)
                for v in shown
            )
        )
        self.add(self.line, self.labels)


def ticked_line(
    start: float,
    end: float,
    step: float,
    length: float,
    *,
    size: float = theme.SMALL_SIZE,
    labels: Sequence[float] | None = None,
) -> TickedLine:
    """A number line from ``start`` to ``end`` with a tick every ``step`` and labelled ticks.

    ``labels`` picks which ticks get a number (default all). ``.line`` is the
    :class:`~manim.NumberLine` (``line.n2p(x)`` places data) and ``.labels`` the
    tick numbers (each a :func:`~scenes.kit.numbers.num` marked ``.tick``).
    """
    return TickedLine(start, end, step, length, size=size, labels=labels)


class TickedAxes(VGroup):
    """Axes with ticks and numbered tick labels on both axes, on a fixed data range.

    ``x_range`` and ``y_range`` are ``(start, end, step)``; use :func:`nice_range`
    to get them from data. Several plots that share ranges share a scale, so a
    diverging run visibly leaves and a converging one visibly shrinks.
    ``c2p(x, y)`` places data; ``clip(x, y)`` clamps a point to the axes' box.
    ``y_axis_left`` stands the y-axis at the left end of the x range rather than
    at ``x = 0``, so its tick labels sit outside what is plotted.
    """

    def __init__(
        self,
        x_range: tuple[float, float, float],
        y_range: tuple[float, float, float],
        *,
        width: float = 6.0,
        height: float = 4.5,
        size: float = theme.SMALL_SIZE,
        x_label: str | None = None,
        y_label: str | None = None,
        y_axis_left: bool = False,
    ) -> None:
        super().__init__()
        self.x_range, self.y_range = x_range, y_range
        # Manim's axes cross at x = 0 when the range holds it; to stand the y-axis at
        # the left end instead, the inner axes count x from the range's start
        self._dx = x_range[0] if y_axis_left else 0.0
        self.axes = Axes(
            x_range=[x_range[0] - self._dx, x_range[1] - self._dx, x_range[2]],
            y_range=list(y_range),
            x_length=width,
            y_length=height,
            tips=False,
            axis_config={"color": theme.MUTED, "stroke_width": 2, "tick_size": 0.06},
        )
        x0 = x_range[0] if y_axis_left else self._origin(x_range)
        y0 = self._origin(y_range)
        self.x_labels = VGroup(
            *(
                tick_label(v, size, tick_decimals(x_range[2])).next_to(
                    self.c2p(v, y0), DOWN, buff=0.12
                )
                for v in _ticks(*x_range)
                if abs(v - x0) > 1e-9 or y0 == y_range[0]
            )
        )
        self.y_labels = VGroup(
            *(
                tick_label(v, size, tick_decimals(y_range[2])).next_to(
                    self.c2p(x0, v), LEFT, buff=0.12
                )
                for v in _ticks(*y_range)
                if abs(v - y0) > 1e-9 or x0 == x_range[0]
            )
        )
        self.add(self.axes, self.x_labels, self.y_labels)
        self.names = VGroup()
        if x_label:
            name = theme.label(x_label, size, theme.MUTED)
            name.next_to(self.axes.x_axis.get_right(), RIGHT, buff=0.15)
            self.names.add(name)
        if y_label:
            name = theme.label(y_label, size, theme.MUTED)
            name.next_to(self.axes.y_axis.get_top(), UP, buff=0.15)
            self.names.add(name)
        self.add(self.names)

    @staticmethod
    def _origin(rng: tuple[float, float, float]) -> float:
        """Where the other axis crosses: at 0 if the range holds it, else at its low end."""
        return 0.0 if rng[0] <= 0 <= rng[1] else rng[0]

    def c2p(self, x: float, y: float) -> np.ndarray:
        """Scene position of the data point ``(x, y)`` (use this, not ``.axes.c2p``)."""
        return self.axes.c2p(float(x) - self._dx, float(y))

    def inside(self, x: float, y: float) -> bool:
        """Whether ``(x, y)`` lies within the axes' ranges."""
        (x0, x1, _), (y0, y1, _) = self.x_range, self.y_range
        return x0 - 1e-9 <= x <= x1 + 1e-9 and y0 - 1e-9 <= y <= y1 + 1e-9

    def clip(self, x: float, y: float) -> np.ndarray:
        """Scene position of ``(x, y)`` clamped to the axes' box (where a path leaves it)."""
        (x0, x1, _), (y0, y1, _) = self.x_range, self.y_range
        return self.c2p(min(max(x, x0), x1), min(max(y, y0), y1))

    def plot(self, f: object, color: str | None = None, **kwargs: object) -> Mobject:
        """The curve ``y = f(x)`` over the x range, clipped to the y range."""
        (x0, x1, _), (y0, y1, _) = self.x_range, self.y_range
        xs = np.linspace(x0, x1, 201)
        ys = np.array([float(f(x)) for x in xs])  # type: ignore[operator]
        keep = (ys >= y0 - 1e-9) & (ys <= y1 + 1e-9)
        xs, ys = xs[keep], ys[keep]
        curve = self.axes.plot_line_graph(
            xs - self._dx, ys, add_vertex_dots=False, line_color=color or theme.TEXT, stroke_width=3
        )
        return curve
