"""Momentum's first half on y = x²: the parabola, the race table, the ball rolled update by update."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    ReplacementTransform,
    VGroup,
    VMobject,
    linear,
)

import dlmath as dm
from scenes.ch2.momentum_bowl import DIGITS
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.widgets.axes import TickedAxes, nice_range
from scenes.widgets.plots import CurvePlot
from scenes.widgets.race import RaceTable

if TYPE_CHECKING:
    from scenes.ch2.momentum_params import MomentumParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[MomentumParams]
else:
    _Base = object

__all__ = ["FIRST", "BallRun"]

#: The plot (left) and the table (right) of the one-variable part; working lines under the plot.
PLOT_LEFT, PLOT_TOP, TABLE_LEFT = -6.55, 2.1, 1.0
FLOOR = -3.2
#: Iterates shown in the table before the gap.
FIRST = 6


class BallRun(_Base):
    """The parabola's pieces for :class:`~scenes.ch2.momentum.MomentumScene` (which sets ``race``).

    Its first step builds ``plot``, ``table`` and ``ball``; each update rolls the ball.
    """

    race: dm.MomentumRace
    plot: CurvePlot
    table: RaceTable
    ball: Dot
    trail: VGroup
    terms: VGroup
    last_move: VMobject | None

    # layout --------------------------------------------------------------
    def parabola_plot(self) -> CurvePlot:
        """The parabola at the top left, on ranges symmetric about its minimum that hold both runs."""
        r = self.race
        xs = np.concatenate([r.plain.xs, r.heavy.xs])
        reach = float(np.abs(xs).max())  # symmetric about the minimum at 0
        x_range = nice_range(-reach, reach, 4)
        reach = max(abs(x_range[0]), abs(x_range[1]))
        y_range = nice_range(0.0, reach * reach, 4)
        plot = CurvePlot(lambda x: x * x, x_range, y_range, width=6.0, height=3.0)
        return plot.align_to(RIGHT * PLOT_LEFT, LEFT).align_to(UP * PLOT_TOP, UP)

    def race_table(self, rows: list[int]) -> RaceTable:
        """Both runs' iterates at ``rows``, each in its run's colour, right of the plot."""
        r = self.race
        headers = [
            theme.math("t", color=theme.MUTED),
            theme.label(self.t("legend.plain"), theme.SMALL_SIZE, theme.RUNS[0]),
            theme.label(self.t("legend.momentum"), theme.SMALL_SIZE, theme.RUNS[1]),
        ]
        table = RaceTable(rows, r.plain.xs, r.heavy.xs, headers, decimals=DIGITS)
        for t in rows:
            table.at(t, 0).set_color(theme.RUNS[0])
            table.at(t, 1).set_color(theme.RUNS[1])
        fit(table, 6.9 - TABLE_LEFT, PLOT_TOP + 0.3 - FLOOR)
        table.align_to(RIGHT * TABLE_LEFT, LEFT).align_to(UP * (PLOT_TOP + 0.3), UP)
        return table

    def step_axes(self) -> TickedAxes:
        """Axes for both runs against the step count, where the parabola was."""
        r = self.race
        n = len(r.heavy.xs) - 1
        xs = np.concatenate([r.plain.xs, r.heavy.xs])
        axes = TickedAxes(
            nice_range(0.0, float(n), 4),
            nice_range(float(xs.min()), float(xs.max()), 4),
            width=6.0,
            height=3.0,
            x_label="t",
            y_label="w",
            y_axis_left=True,
        )
        axes.align_to(RIGHT * PLOT_LEFT, LEFT).align_to(UP * PLOT_TOP, UP)
        return axes

    # the ball ------------------------------------------------------------
    @property
    def ball_colour(self) -> str:
        """Momentum's run colour."""
        return str(theme.RUNS[1])

    def ball_at(self, w: float) -> np.ndarray:
        """Where the ball sits on the parabola at ``w``."""
        return self.plot.point(w, w * w)

    def arrow_y(self) -> float:
        """Height (data units) of the update arrows, just above the x-axis."""
        low, high, _ = self.plot.axes.y_range
        return low + 0.1 * (high - low)

    def arrows(self, t: int) -> tuple[Arrow | None, Arrow]:
        """Update ``t``'s velocity arrow (None when it is 0) and gradient arrow, tip to tail."""
        r, y = self.race, self.arrow_y()
        w, v = float(r.heavy.xs[t - 1]), float(r.velocity_terms[t - 1])
        velocity = None
        if abs(v) > 1e-12:
            velocity = self.plot.step_arrow(w, w + v, y, theme.FOCUS)[0]
        gradient = self.plot.step_arrow(w + v, float(r.heavy.xs[t]), y, theme.GRADIENT)[0]
        return velocity, gradient

    def move_arrow(self, t: int) -> Arrow:
        """The whole move of update ``t`` (what the next update carries over), above the arrows."""
        r = self.race
        y = self.arrow_y() + 0.12 * (self.plot.axes.y_range[1] - self.plot.axes.y_range[0])
        arrow = self.plot.step_arrow(
            float(r.heavy.xs[t - 1]), float(r.heavy.xs[t]), y, self.ball_colour
        )[0]
        return arrow.set_stroke(opacity=0.7)

    def step_ball(self, t: int, run: float) -> None:
        """Carry the last move over (×α), add the gradient step, roll the ball, fill the table."""
        velocity, gradient = self.arrows(t)
        if self.terms.submobjects:  # the last update's two terms go; its whole move stays
            self.play(FadeOut(self.terms), run_time=0.3 * run)
        if velocity is not None and self.last_move is not None:
            self.play(ReplacementTransform(self.last_move, velocity), run_time=0.7 * run)
        elif self.last_move is not None:
            self.play(FadeOut(self.last_move), run_time=0.3 * run)
        self.play(GrowArrow(gradient), run_time=0.5 * run)
        trail = Dot(self.ball.get_center(), radius=0.05, color=self.ball_colour).set_opacity(0.5)
        self.add(trail)
        self.trail.add(trail)
        move = self.move_arrow(t)
        self.play(
            self.ball.animate.move_to(self.ball_at(float(self.race.heavy.xs[t]))),
            GrowArrow(move),
            run_time=0.6 * run,
            rate_func=linear,
        )
        self.terms = VGroup(*(a for a in (velocity, gradient) if a is not None))
        self.last_move = move

    def place_working(self, lines: VGroup) -> VGroup:
        """Working lines under the plot, left-aligned with it."""
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        top = self.plot.get_bottom()[1] - 0.3
        fit(lines, TABLE_LEFT - 0.3 - PLOT_LEFT, top - FLOOR)
        return lines.align_to(RIGHT * PLOT_LEFT, LEFT).align_to(UP * top, UP)

    def fill_plain(self, t: int) -> Any:
        """Plain descent's iterate ``t`` appears in its column."""
        return FadeIn(self.table.at(t, 0))
