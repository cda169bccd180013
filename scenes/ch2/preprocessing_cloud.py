"""The point-cloud steps of ``preprocessing``: original → zero-centred → normalised, on ticked axes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
    Line,
    Transform,
    VGroup,
    VMobject,
)

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.scene import step
from scenes.kit.words import Join
from scenes.widgets.axes import TickedAxes, nice_range
from scenes.widgets.legend import Legend

if TYPE_CHECKING:
    from scenes.ch2.preprocessing_params import PreprocessingParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[PreprocessingParams]
else:
    _Base = object

__all__ = ["CloudSteps"]

PANEL_W, PANEL_H = 3.7, 3.5
PANELS_Y = -0.2


class CloudSteps(_Base):
    """Steps ``cloud`` and ``cloud-scale``: the data as points, centred, then scaled."""

    title: VMobject
    stats: dm.Standardized
    working: VMobject | None

    def cloud_data(self) -> tuple[dm.Standardized, dm.Standardized]:
        """The points shown (X, or a generated cloud like X) and the test points, preprocessed."""
        p, s = self.p, self.stats
        if p.cloud:
            points = dm.gaussian_cloud(p.cloud, s.mean, s.std, corr=p.corr, seed=p.seed)
            stats = dm.standardize(points)
        else:
            stats = s
        return self.computed(stats), self.computed(dm.standardize_with(stats, p.test))

    def panel(self, points: list[np.ndarray], square: bool) -> TickedAxes:
        """Ticked axes holding every array of ``points`` (the same range on both axes if ``square``)."""
        both = np.vstack(points)
        if square:
            reach = float(np.max(np.abs(both))) * 1.1
            rx = ry = nice_range(-reach, reach, 4)
        else:
            rx = nice_range(float(both[:, 0].min()), float(both[:, 0].max()), 4)
            ry = nice_range(float(both[:, 1].min()), float(both[:, 1].max()), 4)
        return TickedAxes(rx, ry, width=PANEL_W, height=PANEL_H, x_label="x₁", y_label="x₂")

    def dots(self, axes: TickedAxes, train: np.ndarray, test: np.ndarray) -> VGroup:
        """Training points (forward colour) and test points (run colour) on ``axes``."""
        small = 0.045 if len(train) > 40 else 0.08
        group = VGroup(
            *(Dot(axes.c2p(x, y), radius=small, color=theme.FORWARD) for x, y in train),
            *(Dot(axes.c2p(x, y), radius=0.09, color=theme.RUNS[0]) for x, y in test),
        )
        return group

    def mean_mark(self, axes: TickedAxes, x: float, y: float) -> VGroup:
        """A cross in the focus colour at the mean."""
        centre, arm = axes.c2p(x, y), 0.16
        return VGroup(
            Line(
                centre + (UP + RIGHT) * arm,
                centre - (UP + RIGHT) * arm,
                color=theme.FOCUS,
                stroke_width=4,
            ),
            Line(
                centre + (UP - RIGHT) * arm,
                centre - (UP - RIGHT) * arm,
                color=theme.FOCUS,
                stroke_width=4,
            ),
        )

    @step("cloud")
    def cloud(self) -> dict[str, Any]:
        """The data as points; zero-centring moves the cloud's mean to the origin."""
        train, test = self.cloud_data()
        self.cloud_stats, self.cloud_test = train, test
        raw = train.centred + train.mean
        self.axes = [
            self.panel([raw, test.centred + test.mean], False),
            self.panel([train.centred, test.centred], False),
            self.panel([train.scaled, test.scaled], True),
        ]
        row = VGroup(*self.axes).arrange(RIGHT, buff=1.0)
        fit(row, 13.4).move_to(UP * PANELS_Y)
        self.headings = [
            theme.label(self.t(f"panels.{name}"), theme.BODY_SIZE, theme.MUTED).next_to(
                axes, UP, buff=0.35
            )
            for name, axes in zip(("original", "centred", "scaled"), self.axes, strict=True)
        ]
        self.legend = Legend(
            [
                (theme.FORWARD, self.t("legend.train")),
                (theme.RUNS[0], self.t("legend.test")),
                (theme.FOCUS, self.t("legend.mean")),
            ]
        ).to_corner(DOWN + LEFT, buff=0.3)
        leaving = [m for m in self.mobjects if m is not self.title]
        self.play(*(FadeOut(m) for m in leaving), run_time=0.6)
        self.working = None
        first = self.dots(self.axes[0], raw, test.centred + test.mean)
        mark = self.mean_mark(self.axes[0], *train.mean)
        self.play(Create(self.axes[0]), FadeIn(self.headings[0]), run_time=1.0)
        self.play(FadeIn(first), FadeIn(mark), FadeIn(self.legend), run_time=0.8)
        second = self.dots(self.axes[1], train.centred, test.centred)
        self.play(Create(self.axes[1]), FadeIn(self.headings[1]), run_time=1.0)
        moving, mark2 = first.copy(), mark.copy()
        self.play(
            Transform(moving, second),
            Transform(mark2, self.mean_mark(self.axes[1], 0.0, 0.0)),
            run_time=1.5,
        )
        self.cloud_dots, self.cloud_mark = moving, mark2
        self.hold(1)
        return {"n": len(raw), "m": Join([float(v) for v in train.mean])}

    @step("cloud-scale")
    def cloud_scale(self) -> dict[str, Any]:
        """Dividing by σ gives both features the same scale: the axes' ticks show it."""
        train, test = self.cloud_stats, self.cloud_test
        third = self.dots(self.axes[2], train.scaled, test.scaled)
        self.play(Create(self.axes[2]), FadeIn(self.headings[2]), run_time=1.0)
        moving, mark = self.cloud_dots.copy(), self.cloud_mark.copy()
        self.play(
            Transform(moving, third),
            Transform(mark, self.mean_mark(self.axes[2], 0.0, 0.0)),
            run_time=1.5,
        )
        self.hold(1.5)
        return {"s": Join([float(v) for v in train.std])}
