"""Hinge and softmax losses against the true class's score, on ticked axes (a dlmath sweep)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, DashedLine, Dot, VGroup, VMobject

from scenes.kit import theme
from scenes.kit.numbers import formula
from scenes.widgets.axes import TickedAxes, nice_range
from scenes.widgets.legend import Legend

__all__ = ["LossCurves"]


class LossCurves(VGroup):
    """Both losses of a :class:`dlmath.TrueScoreSweep` over ``x_range``, hinge first.

    ``curves`` are drawn in the run colours, named by a legend in the top right;
    ``point(t, loss)`` places data, ``path(k, t)`` is curve ``k`` from ``t`` on (for
    a dot to ride along) and ``zero_mark()`` a dashed line where the hinge reaches 0.
    """

    def __init__(
        self,
        sweep: Any,
        x_range: tuple[float, float, float],
        names: Sequence[str],
        x_label: str,
        y_label: str,
    ) -> None:
        super().__init__()
        self.sweep = sweep
        top = float(max(sweep.hinge.max(), sweep.softmax.max()))
        self.y_range = nice_range(0.0, top, 5)
        self.axes = TickedAxes(
            x_range, self.y_range, width=10.5, height=4.6, x_label=x_label, y_label=y_label
        )
        self.colours = theme.RUNS[:2]
        self.curves = [self.path(k) for k in range(2)]
        for curve, colour in zip(self.curves, self.colours, strict=True):
            curve.set_stroke(colour, width=4)
        self.legend = Legend(list(zip(self.colours, names, strict=True)))
        self.legend.next_to(self.axes.c2p(x_range[1], self.y_range[1]), DOWN + LEFT, buff=0.1)
        self.add(self.axes, *self.curves, self.legend)

    def values(self, k: int) -> np.ndarray:
        """Losses of curve ``k`` (0 hinge, 1 softmax) at the sweep's true scores."""
        return self.sweep.hinge if k == 0 else self.sweep.softmax

    def point(self, t: float, loss: float) -> np.ndarray:
        """Scene position of (true score, loss)."""
        return self.axes.c2p(t, loss)

    def path(self, k: int, start: float | None = None) -> VMobject:
        """Curve ``k`` as a line through the sweep's points from true score ``start`` on."""
        ts = self.sweep.true_scores
        keep = ts >= (ts[0] if start is None else start)
        points = [self.point(t, v) for t, v in zip(ts[keep], self.values(k)[keep], strict=True)]
        return VMobject().set_points_as_corners(points).set_stroke(self.colours[k], width=0)

    def dot(self, k: int, t: float, loss: float) -> Dot:
        """A dot of curve ``k``'s colour at (``t``, ``loss``)."""
        return Dot(self.point(t, loss), radius=0.09, color=self.colours[k])

    def labels(self, t: float, values: Sequence[float], decimals: Sequence[int]) -> list[VMobject]:
        """Each curve's value at true score ``t``, left of its point, apart and clear of the x axis."""
        mobs = [
            formula("{l}", l=v, color=c, decimals=d)
            for v, c, d in zip(values, self.colours, decimals, strict=True)
        ]
        ys = [float(self.point(t, v)[1]) for v in values]
        lowest = float(self.point(t, 0)[1]) + 0.35
        placed = lowest - 1.0
        for k in sorted(range(len(mobs)), key=lambda k: ys[k]):
            mobs[k].next_to(self.point(t, values[k]), LEFT, buff=0.2)
            placed = max(ys[k], lowest, placed + 0.45)
            mobs[k].set_y(placed)
        return mobs

    def zero_mark(self) -> VGroup:
        """A dashed line up from where the hinge reaches 0, its true score above it."""
        zero = self.sweep.hinge_zero_at
        line = DashedLine(
            self.point(zero, 0), self.point(zero, self.y_range[1] * 0.3), color=self.colours[0]
        )
        label = formula("{z}", z=zero, color=self.colours[0]).next_to(line, UP, buff=0.1)
        return VGroup(line, label)

    def corner(self) -> np.ndarray:
        """A point below the legend, at the right: where a note about the curves may go."""
        return self.legend.get_corner(DOWN + RIGHT) + DOWN * 0.35
