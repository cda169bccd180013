"""The CS231n demo of ``convolution``: an input of several channels, two filters, an output volume."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Rectangle,
    Succession,
    Transform,
    VGroup,
    VMobject,
)

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.scene import step
from scenes.kit.travel import travel, travel_into
from scenes.widgets.cells import CellGrid

if TYPE_CHECKING:
    from scenes.ch3.convolution_params import ConvolutionParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[ConvolutionParams]
else:
    _Base = object

__all__ = ["VolumeDemo"]

#: The demo's geometry (CS231n): 5×5 inputs, 3×3 filters, stride 2, padding 1.
SIZE, FIELD, STRIDE, PAD = 5, 3, 2, 1
INPUT_CELL, FILTER_CELL, OUTPUT_CELL = 0.44, 0.42, 0.55
#: The demo's grids lie between these heights; the sum line sits under them.
TOP, BOTTOM = 3.15, -2.6


class VolumeDemo(_Base):
    """Steps ``channels`` and ``channels-slide`` of the convolution scene."""

    title: VMobject  #: the scene's heading (stays on screen)

    def demo(self) -> dm.ConvResult:
        """The demo's seeded input (0..2) and weights (−1..1), convolved with stride 2, padding 1."""
        p = self.p
        c, k = p.demo_channels, p.demo_filters
        x = dm.random_grid((c, SIZE, SIZE), 0, 2, seed=p.demo_seed)
        w = dm.random_grid((k, c, FIELD, FIELD), -1, 1, seed=p.demo_seed + 1)
        return dm.conv2d(x, w, p.demo_bias[:k], stride=STRIDE, pad=PAD)

    def lay_out_volume(self, r: dm.ConvResult) -> None:
        """A column per input channel (the channel, each filter's slice for it under it); outputs right."""
        channels, filters = r.padded.shape[0], r.weights.shape[0]
        ring = [
            (a, b)
            for a in range(r.padded.shape[1])
            for b in range(r.padded.shape[2])
            if not (PAD <= a < PAD + SIZE and PAD <= b < PAD + SIZE)
        ]
        self.xs = [CellGrid(r.padded[c], cell=INPUT_CELL, muted=ring) for c in range(channels)]
        self.ws: list[list[CellGrid]] = [
            [
                CellGrid(r.weights[k, c], cell=FILTER_CELL, color=theme.FOCUS)
                for c in range(channels)
            ]
            for k in range(filters)
        ]
        columns = VGroup()
        self.x_names, self.w_names = VGroup(), VGroup()
        for c, grid in enumerate(self.xs):
            slices = VGroup(*(self.ws[k][c] for k in range(filters))).arrange(RIGHT, buff=0.3)
            names = VGroup(
                *(
                    theme.math(f"W_{k + 1}[{c + 1}]", theme.SMALL_SIZE * theme.MATH_SCALE)
                    for k in range(filters)
                )
            )
            for name, w in zip(names, slices, strict=True):
                name.next_to(w, UP, buff=0.1)
            x_name = theme.math(f"X[{c + 1}]").next_to(grid, UP, buff=0.1)
            self.x_names.add(x_name)
            self.w_names.add(names)
            columns.add(VGroup(x_name, grid, VGroup(names, slices)).arrange(DOWN, buff=0.3))
        columns.arrange(RIGHT, buff=0.5, aligned_edge=UP)
        self.outs = [
            CellGrid(np.full(r.output.shape[1:], np.nan), cell=OUTPUT_CELL) for _ in range(filters)
        ]
        self.o_names = VGroup(*(theme.math(f"Y[{k + 1}]") for k in range(filters)))
        self.biases = VGroup(
            *(
                formula(f"b_{k + 1} = {{b}}", b=float(r.bias[k]), size=theme.SMALL_SIZE)
                for k in range(filters)
            )
        )
        outputs = VGroup(
            *(
                VGroup(name, grid, bias).arrange(DOWN, buff=0.12)
                for name, grid, bias in zip(self.o_names, self.outs, self.biases, strict=True)
            )
        ).arrange(DOWN, buff=0.4)
        self.volume = VGroup(columns, outputs).arrange(RIGHT, buff=0.9, aligned_edge=UP)
        fit(self.volume, 13.6, TOP - BOTTOM)
        self.volume.move_to(RIGHT * 0).align_to(UP * TOP, UP)

    def frames(self, r: dm.ConvResult, k: int, i: int, j: int) -> VGroup:
        """Frames on every input channel's window for output ``(i, j)`` and on filter ``k``."""
        rows, cols = r.window(i, j)
        on_x = [g.frame(rows.start, cols.start, FIELD, FIELD) for g in self.xs]
        on_w = [
            Rectangle(width=g.width + 0.12, height=g.height + 0.12, color=theme.FOCUS)
            .set_stroke(width=4)
            .move_to(g)
            for g in self.ws[k]
        ]
        return VGroup(VGroup(*on_x), VGroup(*on_w))

    def sum_line(self, r: dm.ConvResult, k: int, i: int, j: int) -> VMobject:
        """Filter ``k`` at output ``(i, j)``: each channel's dot product, plus the bias."""
        channels = r.padded.shape[0]
        terms = " + ".join(f"{{c{c}}}" for c in range(channels))
        values: dict[str, Any] = {
            f"c{c}": float(r.channel_sums[k, c, i, j]) for c in range(channels)
        }
        values |= {"b": float(r.bias[k]), "o": float(r.output[k, i, j])}
        line = formula(f"{terms} + {{b}} = {{o}}", **values)
        part(line, "o").set_color(theme.FORWARD)
        fit(line, 9.0)
        return line.move_to(UP * (BOTTOM - 0.55)).set_x(self.volume[0].get_x())

    @step("channels")
    def channels(self) -> dict[str, Any]:
        """Three input channels and two filters: the first output cell sums over every channel."""
        r = self.volume_result = self.computed(self.demo())
        keep = [m for m in self.mobjects if m is not self.title]
        self.play(*(FadeOut(m) for m in keep), run_time=0.6)
        self.lay_out_volume(r)
        self.play(FadeIn(VGroup(*self.xs)), FadeIn(self.x_names), run_time=0.8)
        ws = VGroup(*(g for row in self.ws for g in row))
        self.play(FadeIn(ws), FadeIn(self.w_names), FadeIn(self.biases))
        self.play(*(FadeIn(o) for o in self.outs), FadeIn(self.o_names))
        self.box = self.frames(r, 0, 0, 0)
        self.play(Create(self.box), run_time=0.6)
        line = self.sum_line(r, 0, 0, 0)
        sources = {f"c{c}": frame for c, frame in enumerate(self.box[0])}
        sources["b"] = part(self.biases[0], "b")
        self.play(travel_into(line, sources, lag_ratio=0.1), run_time=1.4)
        target = self.outs[0].number(0, 0, r.output[0, 0, 0], theme.FORWARD)
        self.play(travel(part(line, "o"), target, path_arc=-0.3), run_time=0.8)
        self.volume_values = VGroup(target)
        self.volume_line = line
        self.hold(1)
        c, k = r.padded.shape[0], r.weights.shape[0]
        return {"c": c, "k": k, "o": float(r.output[0, 0, 0])}

    @step("channels-slide")
    def channels_slide(self) -> dict[str, Any]:
        """Every other output cell of every filter: one depth slice of the output per filter."""
        r = self.volume_result
        filters, oh, ow = r.output.shape
        self.play(FadeOut(self.volume_line), run_time=0.3)
        for k in range(filters):
            for i in range(oh):
                steps: list[Any] = []
                for j in range(ow):
                    if (k, i, j) == (0, 0, 0):
                        continue
                    box = self.frames(r, k, i, j)
                    target = self.outs[k].number(i, j, r.output[k, i, j], theme.FORWARD)
                    origin = box[0][len(self.xs) // 2].get_center()
                    steps += [
                        Transform(self.box, box, run_time=0.25),
                        FadeIn(target, target_position=origin, run_time=0.3),
                    ]
                    self.volume_values.add(target)
                self.play(Succession(*steps), run_time=0.55 * len(steps) / 2)
        self.hold(1)
        shape = r.output.shape
        return {"k": shape[0], "h": shape[1], "w": shape[2]}
