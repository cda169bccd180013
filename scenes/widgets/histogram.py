"""A histogram: bars over a ticked value axis, with a ticked share axis (0 to a shared top)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Line, Rectangle, VGroup

from scenes.kit import theme
from scenes.widgets.axes import nice_step, tick_label

__all__ = ["Histogram"]


class Histogram(VGroup):
    """Bars of ``counts`` over the bins ``edges``, heights as shares of all counts.

    The value axis runs from the first edge to the last with ticks (``x_ticks``
    or a nice step); the share axis runs from 0 to ``top`` (give several
    histograms the same ``top`` so their bars compare). ``bars`` holds the
    rectangles, ``x_axis`` and ``y_axis`` the axes with their tick numbers.
    """

    def __init__(
        self,
        counts: Sequence[float] | np.ndarray,
        edges: Sequence[float] | np.ndarray,
        *,
        top: float,
        width: float = 2.4,
        height: float = 1.5,
        color: str | None = None,
        x_ticks: Sequence[float] | None = None,
        size: float = theme.SMALL_SIZE,
    ) -> None:
        super().__init__()
        c = np.asarray(counts, dtype=float)
        e = np.asarray(edges, dtype=float)
        lo, hi = float(e[0]), float(e[-1])

        def at(value: float) -> np.ndarray:
            """Scene position of a value (relative to the span, so huge values stay exact)."""
            return RIGHT * width * (value - lo) / (hi - lo)

        if x_ticks is None:
            step = nice_step(hi - lo, 2)
            first = np.ceil(lo / step - 1e-9) * step
            x_ticks = [float(v) for v in np.arange(first, hi + step * 1e-9, step)]
        axis = Line(at(lo), at(hi), color=theme.MUTED, stroke_width=2)
        marks = VGroup(
            *(Line(at(v), at(v) + DOWN * 0.07, color=theme.MUTED, stroke_width=2) for v in x_ticks)
        )
        numbers = VGroup(
            *(tick_label(v, size * 0.8).next_to(at(v), DOWN, buff=0.12) for v in x_ticks)
        )
        # the end numbers stay within the axis, so neighbouring histograms can sit close
        if len(numbers):
            numbers[-1].shift(LEFT * max(0.0, numbers[-1].get_right()[0] - width))
            numbers[0].shift(RIGHT * max(0.0, -numbers[0].get_left()[0]))
        self.x_axis = VGroup(axis, marks, numbers)
        share = c / max(c.sum(), 1.0)
        self.bars = VGroup()
        for k, s in enumerate(share):
            left, right = at(float(e[k])), at(float(e[k + 1]))
            tall = height * min(float(s) / top, 1.0)
            if tall <= 1e-4:
                continue
            bar = Rectangle(
                width=float(right[0] - left[0]),
                height=tall,
                stroke_width=0,
                fill_color=color or theme.FORWARD,
                fill_opacity=0.85,
            )
            bar.move_to((left + right) / 2, aligned_edge=DOWN)
            self.bars.add(bar)
        base = at(lo)
        y_line = Line(base, base + UP * height, color=theme.MUTED, stroke_width=2)
        labels = VGroup(
            tick_label(0.0, size * 0.8).next_to(base, LEFT, buff=0.08),
            tick_label(top, size * 0.8).next_to(base + UP * height, LEFT, buff=0.08),
        )
        ticks = VGroup(
            *(
                Line(base + UP * y + LEFT * 0.05, base + UP * y, color=theme.MUTED, stroke_width=2)
                for y in (0.0, height)
            )
        )
        self.y_axis = VGroup(y_line, ticks, labels)
        self.add(self.bars, self.x_axis, self.y_axis)
