"""knn-distance, second part: real handwritten digits, the cost of nearest neighbours, a shifted copy."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    FadeIn,
    FadeOut,
    Group,
    Rectangle,
    VGroup,
    Write,
    linear,
)

import dlmath as dm
from scenes.ch1.knn_distance_params import KnnDistanceParams
from scenes.data import DigitSplit
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, num, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel
from scenes.kit.words import Word
from scenes.widgets.images import frame, mosaic, pixels

__all__ = ["DigitSteps", "INK"]

#: Digits are stored as 0-16.
INK = 16.0


class DigitSteps(LectureScene[KnnDistanceParams]):
    """The steps of ``knn-distance`` on real digits (the scene class inherits them)."""

    data: DigitSplit
    votes: list[dm.KnnVote]
    cost: dm.KnnCost
    part_one: Group

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
            # the lesson holds when the copy is farther; say so only then
            "verdict": Word(
                "verdict.farther" if s.distance > s.other_distance else "verdict.nearer"
            ),
        }
