"""Convolution: a filter slides over the input, each output cell a dot product plus the bias."""

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
    ReplacementTransform,
    VGroup,
    VMobject,
    Write,
)

import dlmath as dm
from scenes.ch3.convolution_params import ConvolutionParams
from scenes.ch3.convolution_volume import VolumeDemo
from scenes.ch3.convolution_working import MIDDLE_W, MIDDLE_X, Working
from scenes.kit import theme
from scenes.kit.numbers import formula
from scenes.kit.scene import LectureScene, step
from scenes.kit.words import Join
from scenes.widgets.cells import CellGrid
from scenes.widgets.legend import Legend

__all__ = ["ConvolutionScene"]

#: Centres of the input (left) and output (right) columns; the middle column holds the filter.
INPUT_AT, OUTPUT_AT = LEFT * 4.45 + DOWN * 0.1, RIGHT * 4.75 + DOWN * 0.1
FILTER_TOP = 2.75


class ConvolutionScene(VolumeDemo, Working, LectureScene[ConvolutionParams]):
    """Stride 1, stride 2, zero padding, a stride that does not fit, then several channels."""

    name = "convolution"
    Params = ConvolutionParams

    def construct(self) -> None:
        """The input and filter; each stride; padding; a misfit stride; the multi-channel demo."""
        p = self.p
        self.runs = [
            self.computed(dm.conv2d(p.input, p.filter, p.bias, stride=s)) for s in p.strides
        ]
        self.padded = [
            self.computed(dm.conv2d(p.input, p.filter, p.bias, stride=s, pad=p.padding))
            for s in p.strides
        ]
        h, w = len(p.input), len(p.input[0])
        fh, fw = len(p.filter), len(p.filter[0])
        self.shape, self.fshape = (h, w), (fh, fw)
        self.sizes = {
            (pad, s): self.computed(dm.conv_geometry(w, fw, pad, s))
            for pad in (0, p.padding)
            for s in p.strides
        }
        self.misfit = dm.misfit_stride(w, fw, 0)
        self.lay_out()
        self.show_input()
        for n, stride in enumerate(p.strides, 1):
            self.slide(n=n, stride=stride)
        if p.padding > 0:
            self.pad()
        if self.misfit is not None:
            self.no_fit()
        self.channels()
        self.channels_slide()

    # layout --------------------------------------------------------------
    def lay_out(self) -> None:
        """Title, the input on the left, the filter and bias in the middle, the legend."""
        p, (h, w) = self.p, self.shape
        self.cell = min(0.72, 4.6 / (max(h, w) + 2 * p.padding))
        self.title = self.heading()
        self.x = CellGrid(p.input, cell=self.cell).move_to(INPUT_AT)
        self.x_name = formula("X").next_to(self.x, UP, buff=0.15)
        self.k = CellGrid(p.filter, cell=min(0.6, MIDDLE_W / max(self.fshape)), color=theme.FOCUS)
        self.k.move_to(RIGHT * MIDDLE_X).align_to(UP * FILTER_TOP, UP)
        self.k_name = formula("K").next_to(self.k, LEFT, buff=0.2)
        self.b = formula("b = {b}", b=p.bias).next_to(self.k, DOWN, buff=0.25)
        self.legend = Legend(
            [
                (theme.FOCUS, self.t("legend.filter")),
                (theme.FORWARD, self.t("legend.output")),
                (theme.MUTED, self.t("legend.padding")),
            ]
        ).to_corner(DOWN + LEFT, buff=0.3)
        self.out: CellGrid | None = None
        self.working: VMobject | None = None
        self.values = VGroup()
        self.frame = self.x.frame(0, 0, *self.fshape)

    def output_grid(self, r: dm.ConvResult) -> CellGrid:
        """An empty output grid for ``r`` in the right column."""
        oh, ow = r.output.shape
        empty = np.full((oh, ow), np.nan)
        return CellGrid(empty, cell=min(0.72, 4.0 / max(oh, ow))).move_to(OUTPUT_AT)

    def swap_output(self, r: dm.ConvResult) -> None:
        """The old output and working fade out; an empty output for ``r`` fades in."""
        leaving = VGroup(self.values)
        for mob in (self.out, self.working, getattr(self, "out_name", None)):
            if mob is not None:
                leaving.add(mob)
        if leaving.family_members_with_points():
            self.play(FadeOut(leaving), run_time=0.5)
        self.out, self.values, self.working = self.output_grid(r), VGroup(), None
        self.out_name = formula("Y").next_to(self.out, UP, buff=0.15)
        self.play(FadeIn(self.out), FadeIn(self.out_name), run_time=0.5)

    # steps ---------------------------------------------------------------
    @step("input")
    def show_input(self) -> dict[str, Any]:
        """The input, the filter and the bias."""
        (h, w), (fh, fw) = self.shape, self.fshape
        self.play(FadeIn(self.title))
        self.play(FadeIn(self.x), FadeIn(self.x_name))
        self.play(FadeIn(self.k), FadeIn(self.k_name), FadeIn(self.b), FadeIn(self.legend))
        self.hold(1)
        return {"h": h, "w": w, "fh": fh, "fw": fw, "b": self.p.bias}

    @step("stride-{n}")
    def slide(self, n: int, stride: int) -> dict[str, Any]:
        """The filter slides with one stride: each output cell in turn, then the output size."""
        r = self.runs[n - 1]
        self.swap_output(r)
        if n == 1:
            self.play(Create(self.frame), run_time=0.5)
        self.sweep(r, first=n == 1)
        g = self.sizes[(0, stride)]
        self.show_size(g)
        self.hold(1)
        rows, cols = r.output.shape
        return {
            "s": stride,
            "first": float(r.output[0, 0]),
            "size": int(g.output),
            "rows": int(rows),
            "cols": int(cols),
        }

    @step("padding")
    def pad(self) -> dict[str, Any]:
        """A ring of zeros around the input: the output keeps the input's size with stride 1."""
        p, r = self.p, self.padded[0]
        ring = [
            (a, c)
            for a in range(r.padded.shape[0])
            for c in range(r.padded.shape[1])
            if not (p.padding <= a < p.padding + self.shape[0])
            or not (p.padding <= c < p.padding + self.shape[1])
        ]
        padded = CellGrid(r.padded, cell=self.cell, muted=ring).move_to(self.x)
        self.play(FadeOut(self.frame), run_time=0.3)
        self.swap_output(r)
        self.regrid(padded, p.padding)
        self.frame = self.x.frame(0, 0, *self.fshape)
        self.play(Create(self.frame), run_time=0.4)
        self.sweep(r, first=False)
        sizes = [self.sizes[(p.padding, s)] for s in p.strides]
        self.show_size(*sizes)
        self.hold(1)
        return {"p": p.padding, "sizes": Join([int(g.output) for g in sizes])}

    def regrid(self, new: CellGrid, offset: int) -> None:
        """Swap the input grid for ``new`` (padded when ``offset > 0``, unpadded when < 0).

        The input's numbers move across; the padding's zeros fade out or in.
        """
        old, (h, w) = self.x, self.shape
        pairs = [
            ((a + max(0, -offset), c + max(0, -offset)), (a + max(0, offset), c + max(0, offset)))
            for a in range(h)
            for c in range(w)
        ]
        moved_old = {ij for ij, _ in pairs}
        moved_new = {ij for _, ij in pairs}
        leaving = VGroup(
            *(
                old.label(a, c)
                for a in range(old.n_rows)
                for c in range(old.n_cols)
                if (a, c) not in moved_old
            )
        )
        arriving = VGroup(
            *(
                new.label(a, c)
                for a in range(new.n_rows)
                for c in range(new.n_cols)
                if (a, c) not in moved_new
            )
        )
        if leaving.submobjects:
            self.play(FadeOut(leaving), run_time=0.4)
        self.play(
            FadeOut(old.squares),
            FadeIn(new.squares),
            *(ReplacementTransform(old.label(*a), new.label(*b)) for a, b in pairs),
            self.x_name.animate.next_to(new, UP, buff=0.15),
            run_time=0.8,
        )
        if arriving.submobjects:
            self.play(FadeIn(arriving), run_time=0.4)
        self.remove(old, new.squares, arriving, *new.numbers)
        self.add(new)
        self.x = new

    @step("no-fit")
    def no_fit(self) -> dict[str, Any]:
        """A stride that does not divide W − F: the filter would hang over the edge."""
        assert self.misfit is not None
        g = self.computed(dm.conv_geometry(self.shape[1], self.fshape[1], 0, self.misfit))
        leaving = VGroup(self.frame, self.values)
        for mob in (self.out, self.working, self.out_name):
            if mob is not None:
                leaving.add(mob)
        self.play(FadeOut(leaving), run_time=0.5)
        self.out, self.working, self.values = None, None, VGroup()
        if self.p.padding > 0:
            self.regrid(CellGrid(self.p.input, cell=self.cell).move_to(self.x), -self.p.padding)
        frame = self.x.frame(0, 0, *self.fshape)
        over = self.x.frame(0, (g.span // g.stride + 1) * g.stride, *self.fshape, color=theme.LOSS)
        self.play(Create(frame), run_time=0.4)
        self.play(ReplacementTransform(frame, over), run_time=0.8)
        size = self.size_formula(g, theme.LOSS)
        note = theme.label(self.t("misfit"), theme.SMALL_SIZE, theme.LOSS)
        lines = self.place(VGroup(formula("(W - F + 2P) / S + 1", color=theme.MUTED), size, note))
        self.play(Write(lines), run_time=1.2)
        self.working = VGroup(lines, over)
        self.hold(1.5)
        return {"s": g.stride, "o": g.output}
