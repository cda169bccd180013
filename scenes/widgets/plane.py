"""A plane for 2-D points: one scale on both axes, faint grid lines, ticks on the left and bottom edges."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, Line, Rectangle, VGroup

from scenes.kit import theme
from scenes.widgets.axes import nice_range, tick_label

__all__ = ["GridPlane", "plane_ranges"]


def plane_ranges(
    points: Sequence[Sequence[float]], target: int = 7, pad: float = 0.3
) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """Tick-aligned x and y ranges holding ``points`` (with ``pad``), sharing one tick step."""
    pts = np.asarray(points, dtype=float)
    lo, hi = pts.min(axis=0) - pad, pts.max(axis=0) + pad
    span = max(hi - lo)
    _, _, step = nice_range(0.0, float(span), target)
    ranges = []
    for a, b in zip(lo, hi, strict=True):
        start, end = np.floor(a / step) * step, np.ceil(b / step) * step
        ranges.append((float(start), float(end), step))
    return ranges[0], ranges[1]


class GridPlane(VGroup):
    """A box over ``x_range × y_range`` with grid lines at every tick and tick numbers outside it.

    Both axes share one scale (a circle of radius r is round), chosen so that
    the box fits ``width × height``. Tick numbers sit below the bottom edge and
    left of the left edge, out of the data's way. ``c2p(x, y)`` places data;
    ``unit`` is the length of one data unit in scene units.
    """

    def __init__(
        self,
        x_range: tuple[float, float, float],
        y_range: tuple[float, float, float],
        *,
        width: float,
        height: float,
        size: float = theme.SMALL_SIZE,
    ) -> None:
        super().__init__()
        self.x_range, self.y_range = x_range, y_range
        (x0, x1, xs), (y0, y1, ys) = x_range, y_range
        self.unit = min(width / (x1 - x0), height / (y1 - y0))
        self.box = Rectangle(
            width=(x1 - x0) * self.unit,
            height=(y1 - y0) * self.unit,
            color=theme.MUTED,
            stroke_width=2,
        )
        self.grid_lines = VGroup()
        self.x_labels, self.y_labels = VGroup(), VGroup()
        for v in np.arange(x0, x1 + xs / 2, xs):
            bottom, top = self._raw(v, y0), self._raw(v, y1)
            if x0 < v < x1:
                self.grid_lines.add(Line(bottom, top, color=theme.MUTED, stroke_width=1))
            self.x_labels.add(tick_label(float(round(v, 9)), size).next_to(bottom, DOWN, 0.12))
        for v in np.arange(y0, y1 + ys / 2, ys):
            left, right = self._raw(x0, v), self._raw(x1, v)
            if y0 < v < y1:
                self.grid_lines.add(Line(left, right, color=theme.MUTED, stroke_width=1))
            self.y_labels.add(tick_label(float(round(v, 9)), size).next_to(left, LEFT, 0.12))
        self.grid_lines.set_stroke(opacity=0.35)
        self.add(self.grid_lines, self.box, self.x_labels, self.y_labels)

    def _raw(self, x: float, y: float) -> np.ndarray:
        (x0, x1, _), (y0, y1, _) = self.x_range, self.y_range
        return np.array([(x - (x0 + x1) / 2) * self.unit, (y - (y0 + y1) / 2) * self.unit, 0.0])

    def c2p(self, x: float, y: float) -> np.ndarray:
        """Scene position of the data point ``(x, y)`` (follows the plane when moved or scaled)."""
        (x0, x1, _), (y0, y1, _) = self.x_range, self.y_range
        scale = self.box.width / ((x1 - x0) * self.unit)
        centre = self.box.get_center()
        return centre + np.array([(x - (x0 + x1) / 2), (y - (y0 + y1) / 2), 0.0]) * (
            self.unit * scale
        )

    @property
    def scale_now(self) -> float:
        """Scene units per data unit, now (after any scaling of the plane)."""
        (x0, x1, _), _ = self.x_range, self.y_range
        return float(self.box.width / (x1 - x0))
