"""Momentum's second half: an elongated bowl where plain descent zig-zags and momentum runs along."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    VGroup,
    VMobject,
    linear,
)

import dlmath as dm
from scenes.ch2.momentum_params import MomentumParams
from scenes.kit import theme
from scenes.kit.numbers import formula
from scenes.kit.scene import LectureScene, step
from scenes.kit.words import Num, Word
from scenes.widgets.axes import TickedAxes, nice_range
from scenes.widgets.race import contour_ellipses, log_axes, path_on

__all__ = ["DIGITS", "BowlSteps", "loss"]

DIGITS = 4


def loss(run: dm.Descent) -> np.ndarray:
    """The objective at every iterate of ``run`` (dlmath evaluated it)."""
    assert run.values is not None, "the run was made without its objective"
    return run.values


class BowlSteps(LectureScene[MomentumParams]):
    """The bowl's steps of :class:`~scenes.ch2.momentum.MomentumScene` (which sets ``valley``, ``rings``)."""

    valley: dm.MomentumRace
    rings: dm.Contours
    title: VMobject
    shown: VGroup

    @step("bowl")
    def valley_floor(self) -> dict[str, Any]:
        """An elongated bowl: contour ellipses, both runs' start."""
        v, p = self.valley, self.p
        points = np.concatenate([v.plain.xs, v.heavy.xs])
        reach = float(np.abs(points[:, 1]).max())
        self.bowl_axes = axes = TickedAxes(
            nice_range(*self.span(points[:, 0]), 6),
            nice_range(-reach, reach, 4),
            width=11.5,
            height=4.3,
            x_label="x",
            y_label="y",
            y_axis_left=True,
        )
        axes.move_to(DOWN * 0.45)
        rings = contour_ellipses(axes, self.rings.semi_axes)
        law = formula("f(x, y) = 1/2 (x^2 + {k} y^2)", k=p.bowl_stretch)
        law.next_to(self.title, DOWN, buff=0.3)
        start = Dot(axes.c2p(*v.plain.xs[0]), radius=0.1, color=theme.TEXT)
        self.play(FadeOut(self.shown), run_time=0.6)
        self.play(FadeIn(law), FadeIn(axes), run_time=1.0)
        self.play(Create(rings, lag_ratio=0.1), GrowFromCenter(start), run_time=1.4)
        self.hold(1)
        self.bowl_shown = VGroup(law, axes, rings, start)
        return {"k": p.bowl_stretch}

    @staticmethod
    def span(values: np.ndarray) -> tuple[float, float]:
        """A range holding ``values`` and the minimum at 0, with room on the far side of 0."""
        low, high = float(min(values.min(), 0.0)), float(max(values.max(), 0.0))
        room = 0.12 * (high - low)
        if abs(low) >= abs(high):  # the runs come from the left: show a little right of 0
            return low, max(high, room)
        return min(low, -room), high

    def bowl_run(self, run: dm.Descent, colour: str, knob: VMobject) -> VGroup:
        """Draw one run's path in the bowl with its setting written beside the plot's top."""
        line, dots = path_on(self.bowl_axes, run.xs, colour)
        self.play(FadeIn(knob), run_time=0.5)
        self.play(Create(line), FadeIn(dots, lag_ratio=0.05), run_time=3.0, rate_func=linear)
        return VGroup(line, dots, knob)

    @step("zigzag")
    def zigzag(self) -> dict[str, Any]:
        """Plain descent zig-zags across the valley and creeps along it."""
        v = self.valley
        knob = formula("eta = {eta}", eta=v.plain.lr, color=theme.RUNS[0], decimals=DIGITS)
        knob.next_to(self.bowl_axes, UP, buff=0.1).align_to(self.bowl_axes, RIGHT)
        self.bowl_shown.add(self.bowl_run(v.plain, theme.RUNS[0], knob))
        self.hold(1)
        ys = v.plain.xs[:, 1]
        bounces = bool((np.sign(ys[1:]) * np.sign(ys[:-1]) < 0).any())
        return {
            "how": Word("zigzag.bounces" if bounces else "zigzag.slides"),
            "eta": Num(v.plain.lr, DIGITS),
            "n": len(v.plain.xs) - 1,
            "f": Num(float(loss(v.plain)[-1]), DIGITS),
        }

    @step("along")
    def along(self) -> dict[str, Any]:
        """Momentum: the zig-zags cancel in the velocity, the moves along the valley add up."""
        v = self.valley
        knob = formula("alpha = {alpha}", alpha=v.heavy.momentum, color=theme.RUNS[1])
        knob.next_to(self.bowl_shown[-1][-1], LEFT, buff=0.5)
        self.bowl_shown.add(self.bowl_run(v.heavy, theme.RUNS[1], knob))
        self.hold(1)
        key = "pays" if self.momentum_wins else "worse"
        return {
            "alpha": v.heavy.momentum,
            "f": Num(float(loss(v.heavy)[-1]), DIGITS),
            "how": Word(f"along.{key}"),
        }

    @property
    def momentum_wins(self) -> bool:
        """Whether momentum ends the bowl lower than plain descent."""
        return bool(loss(self.valley.heavy)[-1] < loss(self.valley.plain)[-1])

    @step("losses")
    def losses(self) -> dict[str, Any]:
        """The loss of both runs against the step count, on a log scale."""
        v = self.valley
        n = len(loss(v.plain)) - 1
        values = np.concatenate([loss(v.plain), loss(v.heavy)])
        low = float(values[values > 0].min()) if (values > 0).any() else 1e-12
        axes = log_axes(
            nice_range(0.0, float(n), 6),
            max(low, 1e-12),
            float(values.max()),
            width=10.2,
            height=4.3,
        )
        axes.move_to(DOWN * 0.45 + LEFT * 0.6)
        floor = axes.y_range[0]
        lines, marks, ends = [], [], VGroup()
        for run, colour in ((v.plain, theme.RUNS[0]), (v.heavy, theme.RUNS[1])):
            logs = np.log10(np.maximum(loss(run), 10.0**floor))
            line, dots = path_on(axes, np.column_stack([np.arange(n + 1), logs]), colour, 0.035)
            lines.append(line)
            marks.append(dots)
            end = formula(
                "{f}", f=float(loss(run)[-1]), decimals=DIGITS, size=theme.SMALL_SIZE, color=colour
            )
            ends.add(end.next_to(axes.c2p(float(n), float(logs[-1])), RIGHT, buff=0.15))
        low_end, high_end = sorted(ends, key=lambda m: m.get_y())
        if low_end.get_top()[1] + 0.05 > high_end.get_bottom()[1]:  # ends close: stack them
            low_end.next_to(high_end, DOWN, buff=0.08).align_to(high_end, LEFT)
        name = theme.label(self.t("loss"), theme.SMALL_SIZE, theme.MUTED)
        name.next_to(axes.y_labels, UP, buff=0.25).align_to(axes.y_labels, LEFT)
        self.play(FadeOut(self.bowl_shown[1:]), run_time=0.6)
        self.play(FadeIn(axes), FadeIn(name), run_time=0.8)
        for line, dots, end in zip(lines, marks, ends, strict=True):
            self.play(Create(line), FadeIn(dots, lag_ratio=0.03), run_time=1.6)
            self.play(FadeIn(end), run_time=0.4)
        self.hold(1)
        return {
            "n": n,
            "p": Num(float(loss(v.plain)[-1]), DIGITS),
            "m": Num(float(loss(v.heavy)[-1]), DIGITS),
            "verdict": Word("losses.momentum" if self.momentum_wins else "losses.plain"),
        }
