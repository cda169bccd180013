"""The activations' plots: the overview's small panels, the large plot, and the reading lines beside it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from manim import DOWN, LEFT, RIGHT, UP, VGroup, VMobject

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula
from scenes.widgets.axes import TickedAxes

if TYPE_CHECKING:
    from scenes.ch2.activations_params import ActivationsParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[ActivationsParams]
else:
    _Base = object

__all__ = ["PANEL_LEFT", "PANEL_TOP", "PLOT_CENTRE", "PlotPieces", "plot"]

#: Where the big plot and the reading panel go.
PLOT_CENTRE = LEFT * 3.3 + DOWN * 0.35
PANEL_LEFT, PANEL_TOP = 0.9, 2.6


def plot(axes: TickedAxes, f: Callable[[float], Any], colour: str) -> VMobject:
    """The curve ``y = f(x)`` on ``axes`` in ``colour``."""
    return cast(VMobject, axes.plot(f, colour))


class PlotPieces(_Base):
    """Plots of an activation and its slope, and the panel of lines that reads them."""

    def panel(self, kind: str, name: str) -> VGroup:
        """One small plot of the overview: the function and its slope on shared axes."""
        f, df = dm.vanishing.activation(kind, self.p.leak)
        axes = TickedAxes(
            (-4.0, 4.0, 2.0), (-1.0, 2.0, 1.0), width=5.6, height=2.2, y_axis_left=True
        )
        curve, slope = plot(axes, f, theme.FORWARD), plot(axes, df, theme.GRADIENT)
        if name:
            head = theme.math(name, color=theme.FORWARD)
        else:
            head = formula("max({a} x, x)", a=self.p.leak, color=theme.FORWARD)
        word = theme.label(self.t(f"names.{kind}"), theme.SMALL_SIZE, theme.MUTED)
        title = VGroup(word, head).arrange(RIGHT, buff=0.25)
        title.next_to(axes, UP, buff=0.15)
        return VGroup(title, axes, curve, slope)

    def big_axes(self, y_range: tuple[float, float, float]) -> TickedAxes:
        """The large plot on the left (x from −6 to 6)."""
        axes = TickedAxes((-6.0, 6.0, 2.0), y_range, width=6.0, height=4.6, y_axis_left=True)
        return axes.move_to(PLOT_CENTRE)

    def place_lines(self, lines: VGroup) -> VGroup:
        """Stack reading lines in the panel on the right."""
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.32)
        fit(lines, 6.9 - PANEL_LEFT, PANEL_TOP + 3.1)
        return lines.align_to(RIGHT * PANEL_LEFT, LEFT).align_to(UP * PANEL_TOP, UP)
