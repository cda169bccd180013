"""A photograph is a grid of numbers: zoom into pixels, three channels, 3072 values, ten class scores."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Group,
    Line,
    Rectangle,
    VGroup,
    Write,
)

import dlmath as dm
from scenes.ch1.image_as_numbers_params import ImageAsNumbersParams
from scenes.data import photo
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, num, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.words import Term
from scenes.widgets.axes import nice_range, ticked_line
from scenes.widgets.grid import NumberGrid
from scenes.widgets.images import frame, pixels

__all__ = ["ImageAsNumbersScene"]

#: Side of the small copy (CIFAR-10 images are 32 × 32).
SMALL = 32


def tinted(channel: np.ndarray, c: int) -> np.ndarray:
    """One colour channel drawn in its own colour (red, green or blue); pixel colours are data."""
    rgb = np.zeros((*channel.shape, 3))
    rgb[..., c] = channel
    return rgb


class ImageAsNumbersScene(LectureScene[ImageAsNumbersParams]):
    """Chelsea the cat becomes numbers, then 3072 numbers become ten (untrained) class scores."""

    name = "image-as-numbers"
    Params = ImageAsNumbersParams

    def construct(self) -> None:
        """Photo, zoom, channels, the 32 × 32 copy, the flat vector, the linear classifier."""
        p = self.p
        self.photo_array = photo(p.image)
        self.nums = self.computed(
            dm.image_numbers(self.photo_array, p.patch, p.patch_size, small=SMALL)
        )
        n_classes = len(p.classes)
        self.W = self.computed(
            dm.init_weights((n_classes, self.nums.small_values), p.weight_scale, seed=p.seed)
        )
        self.b = np.zeros(n_classes)
        self.scores = self.computed(dm.linear_scores(self.W, self.nums.x, self.b))
        self.show_photo()
        self.zoom()
        self.channels()
        self.small()
        self.flatten()
        self.classify()

    @step("photo")
    def show_photo(self) -> dict[str, Any]:
        """The photograph and how many numbers it is."""
        h, w, c = self.nums.shape
        self.title = self.heading()
        self.image = pixels(self.photo_array, height=5.2, smooth=True)
        fit(self.image, 12.0, 5.2).move_to(DOWN * 0.15)
        self.size = formula("{h} times {w} times {c} = {n}", h=h, w=w, c=c, n=self.nums.values)
        self.size.next_to(self.image, DOWN, buff=0.2)
        part(self.size, "n").set_color(theme.FORWARD)
        self.play(FadeIn(self.title))
        self.play(FadeIn(self.image), run_time=1.2)
        self.play(Write(self.size))
        self.hold(1)
        return {"h": h, "w": w, "n": self.nums.values}

    @step("zoom")
    def zoom(self) -> dict[str, Any]:
        """A patch of the photo, enlarged until each pixel is a square; one pixel's three numbers."""
        r0, c0 = self.nums.origin
        n = self.p.patch_size
        h, w = self.nums.shape[:2]
        self.play(FadeOut(self.size), run_time=0.4)
        self.play(self.image.animate.scale_to_fit_height(4.6).move_to(LEFT * 3.5 + DOWN * 0.3))
        img = self.image
        unit = img.height / h
        corner = img.get_corner(UP + LEFT)
        box = Rectangle(width=n * unit, height=n * unit, color=theme.FOCUS, stroke_width=3)
        box.move_to(corner + RIGHT * (c0 + n / 2) * unit + DOWN * (r0 + n / 2) * unit)
        if box.width < 0.18:  # a few pixels of a large photo: a visible marker around them
            box.scale(0.18 / box.width)
        self.big = pixels(self.nums.patch, height=4.4).move_to(RIGHT * 3.6 + DOWN * 0.3)
        big_frame = frame(self.big, theme.FOCUS)
        lines = VGroup(
            *(
                Line(
                    box.get_corner(v), big_frame.get_corner(v), color=theme.MUTED, stroke_width=1.5
                )
                for v in (UP + LEFT, DOWN + LEFT)
            )
        )
        cell = self.big.height / n
        pixel = Rectangle(width=cell, height=cell, color=theme.FOCUS, stroke_width=4)
        pixel.move_to(self.big.get_corner(UP + LEFT) + (RIGHT + DOWN) * cell / 2)
        r, g, b = (float(v) for v in self.nums.patch[0, 0])
        rgb = formula("(R, G, B) = ({r}, {g}, {b})", r=r, g=g, b=b)
        rgb.next_to(self.big, DOWN, buff=0.25)
        self.play(Create(box))
        self.play(Create(lines), FadeIn(self.big), Create(big_frame), run_time=1.3)
        self.play(Create(pixel))
        self.play(Write(rgb))
        self.zoomed = Group(img, box, lines, big_frame, pixel, rgb)
        self.hold(1)
        return {"r": r, "g": g, "b": b}

    @step("channels")
    def channels(self) -> dict[str, Any]:
        """Red, green and blue apart: three grids of numbers, one per channel."""
        patch = self.nums.patch
        self.play(FadeOut(self.zoomed), run_time=0.6)
        names = ["R", "G", "B"]
        grids = [
            NumberGrid(patch[..., c], decimals=0, size=theme.SMALL_SIZE, row_height=0.5, pad=0.25)
            for c in range(3)
        ]
        scale = min(1.0, *(3.9 / g.width for g in grids), *(3.9 / g.height for g in grids))
        columns = []
        for c, (x, grid) in enumerate(zip((-4.5, 0.0, 4.5), grids, strict=True)):
            img = pixels(tinted(patch[..., c], c), height=1.6)
            grid.scale(scale)
            head = theme.math(names[c], theme.BODY_SIZE * theme.MATH_SCALE, theme.MUTED)
            col = Group(head, Group(img, frame(img)), grid).arrange(DOWN, buff=0.2)
            col.move_to(RIGHT * x).align_to(UP * 2.95, UP)
            columns.append(col)
        self.play(FadeIn(self.big), run_time=0.3)
        self.play(
            *(self.big.copy().animate.move_to(col[1]).set_opacity(0) for col in columns),
            *(FadeIn(col[:2]) for col in columns),
            run_time=1.0,
        )
        self.remove(self.big)
        for col in columns:
            self.play(FadeIn(col[2], lag_ratio=0.02), run_time=0.8)
        self.columns = Group(*columns)
        self.hold(1)
        return {}

    @step("small")
    def small(self) -> dict[str, Any]:
        """The photo at CIFAR-10's size: 32 × 32 × 3 = 3072 numbers."""
        s = self.nums.small
        self.play(FadeOut(self.columns), run_time=0.6)
        self.tiny = pixels(s, height=4.6).move_to(LEFT * 3.6 + DOWN * 0.3)
        count = formula(
            "{a} times {b} times {c} = {n}",
            a=s.shape[0],
            b=s.shape[1],
            c=s.shape[2],
            n=self.nums.small_values,
        )
        part(count, "n").set_color(theme.FORWARD)
        count.move_to(RIGHT * 3.4 + UP * 0.3)
        self.count = count
        self.play(FadeIn(self.tiny), run_time=1.0)
        self.play(Write(count))
        self.hold(1)
        return {"side": s.shape[0], "n": self.nums.small_values}

    @step("flatten")
    def flatten(self) -> dict[str, Any]:
        """All the numbers in one column x: pixel by pixel, red, green, blue."""
        x = self.nums.x
        cell = self.tiny.height / SMALL
        first = Rectangle(width=cell, height=cell, color=theme.FOCUS, stroke_width=3)
        first.move_to(self.tiny.get_corner(UP + LEFT) + (RIGHT + DOWN) * cell / 2)
        vec = formula(
            "x = vec({a}, {b}, {c}, {d}, dots.v, {z})",
            a=float(x[0]),
            b=float(x[1]),
            c=float(x[2]),
            d=float(x[3]),
            z=float(x[-1]),
        )
        fit(vec, 5.5, 5.8).move_to(RIGHT * 3.4 + DOWN * 0.3)
        self.play(FadeOut(self.count), Create(first), run_time=0.6)
        self.play(
            FadeIn(vec, target_position=first.get_center(), scale=0.3),
            run_time=1.4,
        )
        self.vec, self.first = vec, first
        self.hold(1)
        return {"n": self.nums.small_values, "a": float(x[0]), "b": float(x[1]), "c": float(x[2])}

    @step("classify")
    def classify(self) -> dict[str, Any]:
        """The scores W x + b with random, untrained weights: they mean nothing yet."""
        scores = self.scores
        n_cls, dim = self.W.shape
        self.play(FadeOut(Group(self.tiny, self.first)), run_time=0.5)
        self.play(self.vec.animate.scale(0.75).to_edge(LEFT, buff=0.5).set_y(-0.3))
        rule = formula("s = W x + b", size=theme.BODY_SIZE)
        shapes = formula(
            "({c} times {d}) ({d} times 1) + ({c} times 1)", c=n_cls, d=dim, size=theme.SMALL_SIZE
        )
        untrained = theme.label(self.t("untrained"), theme.SMALL_SIZE, theme.LOSS)
        left = VGroup(rule, shapes, untrained).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        fit(left, 0.5 - (self.vec.get_right()[0] + 0.4))
        left.next_to(self.vec, RIGHT, buff=0.4)
        low, high = min(0.0, float(scores.min())), max(0.0, float(scores.max()))
        start, end, tick = nice_range(low, high, 4)
        # ticks at every step, numbers at the ends and at zero (they would crowd a short axis)
        axis = ticked_line(start, end, tick, 3.0, labels=sorted({start, 0.0, end}))
        line = axis.line
        pitch = min(0.55, 5.6 / n_cls)
        top = min(2.75, pitch * n_cls / 2 + 0.6)
        axis.shift(
            RIGHT * (2.7 - line.get_left()[0]) + UP * (top - pitch * n_cls - 0.2 - line.get_y())
        )
        best = int(np.argmax(scores))
        zero = line.n2p(0.0)[0]
        rows = []
        for k, (name, value) in enumerate(zip(self.p.classes, scores, strict=True)):
            y = top - pitch * (k + 0.5)
            colour = theme.FOCUS if k == best else theme.FORWARD
            tip = line.n2p(float(value))[0]
            bar = Rectangle(
                width=max(abs(tip - zero), 0.01),
                height=pitch * 0.6,
                stroke_width=0,
                fill_color=colour,
                fill_opacity=0.85,
            ).move_to(RIGHT * (zero + tip) / 2 + UP * y)
            word = theme.label(self.term(name), theme.SMALL_SIZE, theme.MUTED)
            word.next_to(RIGHT * 2.5 + UP * y, LEFT, buff=0)
            value_mob = num(float(value), size=theme.SMALL_SIZE, color=colour)
            value_mob.next_to(RIGHT * line.get_right()[0] + UP * y, RIGHT, buff=0.2)
            rows.append((word, bar, value_mob))
        zero_line = Line(
            RIGHT * zero + UP * top,
            RIGHT * zero + UP * line.get_y(),
            color=theme.MUTED,
            stroke_width=1.5,
        )
        self.play(Write(rule), FadeIn(shapes), run_time=1.2)
        self.play(FadeIn(untrained))
        self.play(
            Create(line),
            FadeIn(axis.labels),
            Create(zero_line),
            FadeIn(VGroup(*(r[0] for r in rows))),
        )
        self.play(
            *(FadeIn(r[1], target_position=self.vec.get_right()) for r in rows),
            *(FadeIn(r[2]) for r in rows),
            run_time=1.5,
        )
        self.hold(1.5)
        return {
            "classes": n_cls,
            "top": Term(self.p.classes[best]),
            "score": float(scores[best]),
        }
