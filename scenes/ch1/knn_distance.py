"""The L1 distance between two images, then nearest neighbours among real handwritten digits."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    FadeIn,
    FadeOut,
    Group,
    Mobject,
    Rectangle,
    VGroup,
    Write,
    linear,
)

import dlmath as dm
from scenes.ch1.knn_distance_params import KnnDistanceParams
from scenes.data import digits
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, num, part, rest
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Word
from scenes.widgets.grid import NumberGrid
from scenes.widgets.images import frame, mosaic, pixels

__all__ = ["KnnDistanceScene"]

#: Centres of the three images (test, training, difference) of the first part.
COLUMNS = (-4.7, 0.0, 4.7)
#: Digits are stored as 0-16.
INK = 16.0


def gather(cells: list[Mobject], target: Mobject, run_time: float = 1.6) -> AnimationGroup:
    """Copies of ``cells`` fly into ``target`` and merge there (a sum forming)."""
    flights = [FadeOut(c.copy(), target_position=target.get_center(), scale=0.6) for c in cells]
    return AnimationGroup(
        AnimationGroup(*flights, lag_ratio=0.04, run_time=run_time * 0.8),
        FadeIn(target, scale=1.3, run_time=run_time * 0.2),
        lag_ratio=1.0,
    )


class KnnDistanceScene(LectureScene[KnnDistanceParams]):
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

    # part 2 ---------------------------------------------------------------------
    @step("training-set")
    def training_set(self) -> dict[str, Any]:
        """All training digits at once: what nearest neighbours keep."""
        c = self.cost
        self.play(FadeOut(self.part_one), run_time=0.8)
        tiles = mosaic(self.data.train_images, cols=60, gap=1, fill=INK * 0.15)
        self.mosaic = pixels(tiles, width=12.4, vmax=INK).move_to(UP * 0.3)
        h, w = self.data.train_images.shape[1:]
        self.sizes = formula(
            "N = {n}, quad D = {h} times {w} = {d}", n=c.n_train, h=h, w=w, d=c.dim
        )
        self.sizes.next_to(self.mosaic, DOWN, buff=0.35)
        self.play(FadeIn(self.mosaic), run_time=1.2)
        self.play(Write(self.sizes))
        self.hold(1)
        return {"n": c.n_train}

    def thumb(self, image: np.ndarray, height: float = 1.2, vmax: float = INK) -> Group:
        """An image (a digit unless ``vmax`` says otherwise) with a thin frame."""
        img = pixels(image, height=height, vmax=vmax)
        return Group(img, frame(img))

    @step("digit-{n}")
    def digit(self, n: int) -> dict[str, Any]:
        """One test digit, its k nearest training digits with distances, the vote."""
        p, data = self.p, self.data
        i = p.test_digits[n - 1]
        vote = self.votes[n - 1]
        truth = int(data.test_labels[i])
        if n == 1:
            self.play(FadeOut(self.mosaic), FadeOut(self.sizes), run_time=0.7)
            heads = [self.t("cols.test"), self.t("cols.nearest"), self.t("cols.vote")]
            self.heads = VGroup(*(theme.label(h, theme.SMALL_SIZE, theme.MUTED) for h in heads))
            for h, x in zip(self.heads, (-5.6, 0.1, 5.3), strict=True):
                h.move_to(RIGHT * x + UP * 2.85)
            self.play(FadeIn(self.heads))
            self.rows: list[Group] = []
        y = 1.9 - 2.1 * (n - 1)
        test = self.thumb(data.test_images[i]).move_to(RIGHT * -5.6 + UP * y)
        true_num = num(truth, color=theme.FOCUS).next_to(test, DOWN, buff=0.12)
        arrow = Arrow(LEFT * 4.6, LEFT * 3.9, color=theme.MUTED, buff=0).set_y(y)
        self.play(FadeIn(test), FadeIn(true_num), FadeIn(arrow), run_time=0.8)
        row = Group(test, true_num, arrow)
        xs = np.linspace(-3.1, 3.3, 5)[: p.k]
        labels = []
        for x, j, dist in zip(xs, vote.neighbors, vote.distances, strict=True):
            t = self.thumb(data.train_images[int(j)]).move_to(RIGHT * x + UP * y)
            lab = int(data.train_labels[int(j)])
            colour = theme.GOOD if lab == truth else theme.LOSS
            lab_mob = num(lab, color=colour).next_to(t, DOWN, buff=0.12)
            d_mob = num(float(dist), size=theme.SMALL_SIZE, color=theme.MUTED)
            d_mob.next_to(lab_mob, DOWN, buff=0.08)
            self.play(FadeIn(t), FadeIn(lab_mob), FadeIn(d_mob), run_time=0.5)
            labels.append(lab_mob)
            row.add(t, lab_mob, d_mob)
        right = vote.label == truth
        colour = theme.GOOD if right else theme.LOSS
        verdict = num(vote.label, size=theme.TITLE_SIZE, color=colour).move_to(RIGHT * 4.9 + UP * y)
        word = theme.label(self.t("right" if right else "wrong"), theme.SMALL_SIZE, colour)
        word.next_to(verdict, RIGHT, buff=0.25)
        winners = [
            m
            for m, j in zip(labels, vote.neighbors, strict=True)
            if data.train_labels[int(j)] == vote.label
        ]
        self.play(
            travel(winners[0], verdict),
            *(FadeOut(m.copy(), target_position=verdict.get_center()) for m in winners[1:]),
            run_time=1.0,
        )
        self.play(FadeIn(word))
        row.add(verdict, word)
        self.rows.append(row)
        self.hold(1)
        return {
            "truth": truth,
            "predicted": vote.label,
            "distance": float(vote.distances[0]),
            "result": Word("result.right" if right else "result.wrong"),
        }

    @step("cost")
    def show_cost(self) -> dict[str, Any]:
        """Training keeps the data (O(1)); a prediction compares with all of it (O(N))."""
        c = self.cost
        self.play(FadeOut(Group(self.heads, *self.rows)), run_time=0.7)
        self.mosaic.width = 8.0
        self.mosaic.to_edge(LEFT, buff=0.4).set_y(0.5)
        train = VGroup(
            theme.label(self.t("cost.train"), theme.BODY_SIZE),
            theme.math("O(1)", theme.BODY_SIZE * theme.MATH_SCALE, theme.GOOD),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        work = formula(
            "N times D = {n} times {d} = {ops}", n=c.n_train, d=c.dim, ops=c.subtractions_per_query
        )
        part(work, "ops").set_color(theme.LOSS)
        predict = VGroup(
            theme.label(self.t("cost.predict"), theme.BODY_SIZE),
            work,
            theme.math("O(N)", theme.BODY_SIZE * theme.MATH_SCALE, theme.LOSS),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        panel = VGroup(train, predict).arrange(DOWN, aligned_edge=LEFT, buff=0.6)
        fit(panel, 13.8 - 8.8).next_to(self.mosaic, RIGHT, buff=0.4)
        self.play(FadeIn(self.mosaic), FadeIn(train), run_time=1.0)
        bar = Rectangle(
            width=self.mosaic.width,
            height=0.2,
            stroke_width=0,
            fill_color=theme.FOCUS,
            fill_opacity=0.45,
        ).move_to(self.mosaic.get_top() + DOWN * 0.1)
        self.play(FadeIn(predict[0]), FadeIn(bar), run_time=0.6)
        self.play(
            bar.animate.move_to(self.mosaic.get_bottom() + UP * 0.1),
            rate_func=linear,
            run_time=2.0,
        )
        self.play(FadeOut(bar), Write(predict[1:]), run_time=1.2)
        self.panel = panel
        self.hold(1)
        return {"n": c.n_train, "ops": c.subtractions_per_query}

    @step("shift")
    def shifted(self) -> dict[str, Any]:
        """The first test digit moved by a pixel is farther from itself than a digit of another class."""
        p, data = self.p, self.data
        i = p.test_digits[0]
        s = self.computed(
            dm.shifted_copy(
                data.test_images[i],
                int(data.test_labels[i]),
                data.train_images,
                data.train_labels,
                0,
                p.shift,
                p.metric,
            )
        )
        self.play(FadeOut(Group(self.mosaic, self.panel)), run_time=0.7)
        centre = self.thumb(s.image, 2.0).move_to(DOWN * 0.2)
        moved = self.thumb(s.shifted, 2.0).move_to(LEFT * 4.6 + DOWN * 0.2)
        other = self.thumb(s.other_image, 2.0).move_to(RIGHT * 4.6 + DOWN * 0.2)
        names = [
            theme.label(self.t(k), theme.SMALL_SIZE, theme.MUTED).next_to(m, UP, buff=0.2)
            for k, m in (("shift.moved", moved), ("shift.image", centre), ("shift.other", other))
        ]
        labels = [
            num(s.label, color=theme.FOCUS).next_to(moved, DOWN, buff=0.15),
            num(s.label, color=theme.FOCUS).next_to(centre, DOWN, buff=0.15),
            num(s.other_label, color=theme.MUTED).next_to(other, DOWN, buff=0.15),
        ]
        far = formula("d = {v}", v=s.distance, color=theme.LOSS)
        near = formula("d = {v}", v=s.other_distance, color=theme.GOOD)
        far.move_to((moved.get_right() + centre.get_left()) / 2 + UP * 0.35)
        near.move_to((other.get_left() + centre.get_right()) / 2 + UP * 0.35)
        arrows = [
            Arrow(centre.get_left(), moved.get_right(), color=theme.LOSS, buff=0.15),
            Arrow(centre.get_right(), other.get_left(), color=theme.GOOD, buff=0.15),
        ]
        self.play(FadeIn(centre), FadeIn(names[1]), FadeIn(labels[1]))
        self.play(FadeIn(moved), FadeIn(names[0]), FadeIn(labels[0]))
        self.play(FadeIn(arrows[0]), FadeIn(far))
        self.play(FadeIn(other), FadeIn(names[2]), FadeIn(labels[2]))
        self.play(FadeIn(arrows[1]), FadeIn(near))
        self.hold(1.5)
        return {
            "shift": s.dx,
            "digit": s.label,
            "far": s.distance,
            "other": s.other_label,
            "near": s.other_distance,
        }
