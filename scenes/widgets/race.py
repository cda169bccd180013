"""Two runs side by side: a table of their iterates, paths on ticked axes, contour ellipses, a log scale."""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil, floor, log10

import numpy as np
from manim import LEFT, Dot, VGroup, VMobject

from scenes.kit import theme
from scenes.widgets.axes import TickedAxes, tick_label
from scenes.widgets.grid import NumberGrid

__all__ = ["RaceTable", "contour_ellipses", "log_axes", "path_on", "rows_shown"]


def rows_shown(steps: int, first: int, also: Sequence[int] = ()) -> list[int]:
    """Steps a table shows: 0 to ``first``, then each of ``also`` and the last, in order."""
    head = list(range(min(first, steps) + 1))
    return sorted({*head, *(t for t in also if 0 <= t <= steps), steps})


class RaceTable(NumberGrid):
    """Rows ``t | run A | run B`` for the steps in ``ts`` (a ``⋮`` row where steps are skipped).

    Cells are made at once but nothing is shown: ``cell(t, k)`` (``k`` 0 or 1)
    is the number of run ``k`` at step ``t``, ``step(t)`` the step's label.
    """

    def __init__(
        self,
        ts: Sequence[int],
        a: Sequence[float] | np.ndarray,
        b: Sequence[float] | np.ndarray,
        headers: Sequence[VMobject],
        *,
        decimals: int = 4,
        size: float = theme.BODY_SIZE,
    ) -> None:
        rows: list[list[float]] = []
        self.index: dict[int, int] = {}
        self.gaps: list[int] = []
        for n, t in enumerate(ts):
            if n and t != ts[n - 1] + 1:
                self.gaps.append(len(rows))
                rows.append([np.nan] * 3)
            self.index[t] = len(rows)
            rows.append([float(t), float(a[t]), float(b[t])])
        super().__init__(rows, col_labels=headers, decimals=decimals, size=size, row_height=0.46)
        for i in self.gaps:
            self.add(theme.math("dots.v", color=theme.MUTED).move_to(self.slot(i, 0)))
        for t in ts:
            self.step(t).set_color(theme.MUTED)

    def at(self, t: int, k: int) -> VMobject:
        """The number of run ``k`` (0 or 1) at step ``t``."""
        return self.cell(self.index[t], k + 1)

    def step(self, t: int) -> VMobject:
        """The label of step ``t``."""
        return self.cell(self.index[t], 0)


def path_on(
    axes: TickedAxes, points: np.ndarray, color: str, radius: float = 0.045
) -> tuple[VMobject, VGroup]:
    """A polyline through ``points`` (N, 2) in data units, and a dot at each point."""
    scene = np.array([axes.c2p(x, y) for x, y in points])
    line = VMobject(color=color, stroke_width=3).set_points_as_corners(scene)
    dots = VGroup(*(Dot(p, radius=radius, color=color) for p in scene))
    return line, dots


def contour_ellipses(
    axes: TickedAxes, semi_axes: np.ndarray, color: str | None = None, samples: int = 240
) -> VGroup:
    """Ellipses centred on the origin with half-axes ``semi_axes`` (L, 2), cut at the axes' box."""
    (x0, x1, _), (y0, y1, _) = axes.x_range, axes.y_range
    angles = np.linspace(0.0, 2.0 * np.pi, samples + 1)
    rings = VGroup()
    for a, b in semi_axes:
        xs, ys = a * np.cos(angles), b * np.sin(angles)
        inside = (xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1)
        if not inside.any():
            continue
        # start the walk where the ellipse is outside, so every piece is one run of inside points
        shift = int(np.argmin(inside[:-1])) if not inside.all() else 0
        order = np.roll(np.arange(samples), -shift)
        piece: list[np.ndarray] = []
        for k in [*order, order[0]]:
            if inside[k]:
                piece.append(axes.c2p(xs[k], ys[k]))
            elif len(piece) > 1:
                rings.add(_line(piece, color))
                piece = []
            else:
                piece = []
        if len(piece) > 1:
            rings.add(_line(piece, color))
    return rings


def _line(points: list[np.ndarray], color: str | None) -> VMobject:
    line = VMobject(color=color or theme.MUTED, stroke_width=2, stroke_opacity=0.6)
    return line.set_points_smoothly(np.array(points))


def log_axes(
    x_range: tuple[float, float, float],
    low: float,
    high: float,
    *,
    width: float,
    height: float,
    size: float = theme.SMALL_SIZE,
) -> TickedAxes:
    """Axes whose y-axis is logarithmic from the decade below ``low`` to the one above ``high``.

    Plot ``log10(value)`` on them: the y tick labels read 0.01, 0.1, 1, 10 … (scale, not data).
    """
    bottom = floor(log10(max(low, 1e-300)) + 1e-9)
    top = max(ceil(log10(max(high, 1e-300)) - 1e-9), bottom + 1)
    axes = TickedAxes(
        x_range,
        (float(bottom), float(top), 1.0),
        width=width,
        height=height,
        size=size,
        y_axis_left=True,
    )
    axes.remove(axes.y_labels)
    labels = VGroup()
    for k in range(bottom, top + 1):
        value = 10.0**k
        label = tick_label(value, size, max(2, -k))
        labels.add(label.next_to(axes.c2p(x_range[0], k), LEFT, buff=0.12))
    axes.y_labels = labels
    axes.add(labels)
    return axes
