"""The L1 distance between two images, then nearest neighbours among real handwritten digits."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    RIGHT,
    UP,
    AnimationGroup,
    FadeIn,
    FadeOut,
    Group,
    Mobject,
    Write,
)

import dlmath as dm
from scenes.ch1.knn_distance_digits import DigitSteps
from scenes.ch1.knn_distance_params import KnnDistanceParams
from scenes.data import digits
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part, rest
from scenes.kit.scene import step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Word
from scenes.widgets.grid import NumberGrid

__all__ = ["KnnDistanceScene"]

#: Centres of the three images (test, training, difference) of the first part.
COLUMNS = (-4.7, 0.0, 4.7)


def gather(cells: list[Mobject], target: Mobject, run_time: float = 1.6) -> AnimationGroup:
    """Copies of ``cells`` fly into ``target`` and merge there (a sum forming)."""
    flights = [FadeOut(c.copy(), target_position=target.get_center(), scale=0.6) for c in cells]
    return AnimationGroup(
        AnimationGroup(*flights, lag_ratio=0.04, run_time=run_time * 0.8),
        FadeIn(target, scale=1.3, run_time=run_time * 0.2),
        lag_ratio=1.0,
    )


class KnnDistanceScene(DigitSteps):
    """The notes' 4 × 4 images and their L1 distance 456; nearest digits; cost; a shifted copy."""

    name = "knn-distance"
    Params = KnnDistanceParams

    def construct(self) -> None:
        """Two small images and their distance, then real digits, the cost, a shifted copy."""
        p = self.p
        self.d = self.computed(dm.image_distance(p.test, p.train, "l1"))
        data = digits()
        self.data = data
        n_train = len(data.train_labels)
        self.train_X = data.train_images.reshape(n_train, -1)
        self.votes = [
            self.computed(
                dm.knn_vote(
                    self.train_X, data.train_labels, data.test_images[i].ravel(), p.k, p.metric
                )
            )
            for i in p.test_digits
        ]
        self.cost = self.computed(dm.knn_cost(self.train_X))
        self.show_images()
        self.differences()
        self.l1()
        self.l2()
        self.training_set()
        for n in range(1, len(p.test_digits) + 1):
            self.digit(n=n)
        self.show_cost()
        self.shifted()

    # part 1 ---------------------------------------------------------------------
    def grid(self, values: np.ndarray, fits: np.ndarray | None = None) -> NumberGrid:
        """A number grid of pixel values (empty cells where ``values`` is NaN)."""
        extra = [] if fits is None else list(fits.ravel())
        return NumberGrid(values, decimals=0, row_height=0.55, pad=0.3, fits=extra)

    @step("images")
    def show_images(self) -> None:
        """The test and training images: pixels and their values."""
        d = self.d
        test, train = np.asarray(self.p.test, float), np.asarray(self.p.train, float)
        self.title = self.heading()
        self.grids = [self.grid(test), self.grid(train), self.grid(test * np.nan, d.diff)]
        scale = min(1.0, 3.7 / max(g.width for g in self.grids[:2]), 2.3 / self.grids[0].height)
        rows, cols = test.shape
        for g, x in zip(self.grids, COLUMNS, strict=True):
            g.scale(scale)
            middle = (g.slot(0, 0) + g.slot(rows - 1, cols - 1)) / 2
            g.shift(RIGHT * x - middle)
        lift = 0.85 - self.grids[0].get_top()[1]
        for g in self.grids:
            g.shift(UP * lift)
        top = self.grids[0].get_top()[1]
        self.floor = self.grids[0].get_bottom()[1]
        self.thumbs = [self.thumb(img, 1.6, vmax=255.0) for img in (test, train, d.diff)]
        self.names = [
            theme.label(self.t(key), theme.SMALL_SIZE, theme.MUTED)
            for key in ("test", "train", "diff")
        ]
        for thumb, name, x in zip(self.thumbs, self.names, COLUMNS, strict=True):
            thumb.move_to(RIGHT * x + UP * (top + 0.25 + 0.8))
            name.next_to(thumb, UP, buff=0.15)
        self.minus = theme.math("-", theme.TITLE_SIZE * theme.MATH_SCALE, theme.MUTED)
        self.minus.move_to(RIGHT * (COLUMNS[0] + COLUMNS[1]) / 2 + UP * self.grids[0].get_y())
        self.play(FadeIn(self.title))
        self.play(
            *(FadeIn(Group(t, n)) for t, n in zip(self.thumbs[:2], self.names[:2], strict=True)),
            run_time=0.8,
        )
        self.play(FadeIn(self.grids[0]), FadeIn(self.grids[1]), FadeIn(self.minus), run_time=1.2)
        self.hold(1)

    @step("differences")
    def differences(self) -> dict[str, Any]:
        """|test − train| cell by cell: the first worked out, then every difference travels in."""
        d = self.d
        g_test, g_train, g_diff = self.grids
        rows, cols = d.diff.shape
        first = formula(
            "|{a} - {b}| = {c}",
            a=float(self.p.test[0][0]),
            b=float(self.p.train[0][0]),
            c=float(d.diff[0, 0]),
        )
        first.set_x(0).align_to(UP * (self.floor - 0.45), UP)
        part(first, "c").set_color(theme.FORWARD)
        self.play(FadeIn(Group(self.thumbs[2], self.names[2])), run_time=0.6)
        self.play(
            travel_into(first, {"a": g_test.cell(0, 0), "b": g_train.cell(0, 0)}), run_time=1.3
        )
        self.cells: list[Mobject] = []
        cell = g_diff.new_cell(0, 0, float(d.diff[0, 0]), theme.FORWARD)
        self.play(travel(part(first, "c"), cell, path_arc=-0.4), run_time=0.9)
        self.cells.append(cell)
        flights = []
        for i in range(rows):
            for j in range(cols):
                if i == j == 0:
                    continue
                cell = g_diff.new_cell(i, j, float(d.diff[i, j]), theme.FORWARD)
                flights.append(
                    AnimationGroup(
                        travel(g_test.cell(i, j), cell),
                        FadeOut(g_train.cell(i, j).copy(), target_position=cell.get_center()),
                    )
                )
                self.cells.append(cell)
        self.play(AnimationGroup(*flights, lag_ratio=0.12), run_time=3.0)
        self.play(FadeOut(first), run_time=0.5)
        self.hold(0.5)
        return {
            "a": float(self.p.test[0][0]),
            "b": float(self.p.train[0][0]),
            "c": float(d.diff[0, 0]),
        }

    def distance_line(self, code: str, key: str, value: float, x: float, chosen: bool) -> Mobject:
        """A distance formula whose value part is ``key``, centred at ``x`` under the grids."""
        numbers: dict[str, Any] = {key: value}
        line = formula(code, **numbers)
        part(line, key).set_color(theme.FOCUS if chosen else theme.FORWARD)
        return fit(line, 6.6).set_x(x).align_to(UP * (self.floor - 0.45), UP)

    @step("l1")
    def l1(self) -> dict[str, Any]:
        """Every difference travels into the sum: the L1 distance."""
        line = self.distance_line(
            "d_1 (I_1, I_2) = sum_p |I_1^p - I_2^p| = {l1}",
            "l1",
            self.d.l1,
            -3.45,
            self.p.metric == "l1",
        )
        self.play(Write(rest(line, "l1")), run_time=1.0)
        self.play(gather(self.cells, part(line, "l1")))
        self.add(line)
        self.line1 = line
        self.hold(1)
        return {"l1": self.d.l1}

    @step("l2")
    def l2(self) -> dict[str, Any]:
        """The same differences squared, summed, square-rooted: the L2 distance."""
        line = self.distance_line(
            "d_2 (I_1, I_2) = sqrt(sum_p (I_1^p - I_2^p)^2) = {l2}",
            "l2",
            self.d.l2,
            3.45,
            self.p.metric == "l2",
        )
        self.play(Write(rest(line, "l2")), run_time=1.0)
        self.play(gather(self.cells, part(line, "l2")))
        self.add(line)
        self.hold(1)
        self.part_one = Group(
            *self.grids, *self.thumbs, *self.names, self.minus, *self.cells, self.line1, line
        )
        return {"l2": self.d.l2, "metric": Word(f"metric.{self.p.metric}")}
