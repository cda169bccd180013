"""Pooling: each window's maximum (or mean) moves into the output; the gradient goes back to it."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    VGroup,
    VMobject,
)

import dlmath as dm
from scenes.ch3.pooling_moves import GridMoves
from scenes.ch3.pooling_params import PoolingParams
from scenes.kit import theme
from scenes.kit.numbers import formula, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Join, Word
from scenes.widgets.cells import CellGrid
from scenes.widgets.legend import Legend

__all__ = ["PoolingScene"]

#: The map's and the output's centres.
MAP_AT, OUT_AT = LEFT * 3.2 + UP * 0.45, RIGHT * 3.0 + UP * 0.45
#: The highest a grid's top edge goes (its name sits above it, under the title).
TOP = 2.6
#: Windows worked out with their formula; later ones only move their result.
SHOWN_FORMULAS = 4


class PoolingScene(GridMoves, LectureScene[PoolingParams]):
    """Max pooling forward and backward, then average pooling, on one map."""

    name = "pooling"
    Params = PoolingParams

    def construct(self) -> None:
        """The map and its windows; for each pooling its forward and its backward pass."""
        p = self.p
        self.results = {
            mode: self.computed(dm.pool2d(p.map, p.window, p.stride, mode=mode, dout=p.grad))
            for mode in p.modes
        }
        self.geometry = [
            self.computed(dm.conv_geometry(n, p.window, 0, p.stride))
            for n in (len(p.map), len(p.map[0]))
        ]
        self.lay_out()
        self.show_map()
        for mode in p.modes:
            if mode == "max":
                self.max_forward()
                self.max_backward()
            else:
                self.average_forward()
                self.average_backward()

    # layout --------------------------------------------------------------
    def lay_out(self) -> None:
        """Title, the input map and the (empty) output side by side, the legend at the bottom."""
        r = next(iter(self.results.values()))
        rows, cols = r.x.shape
        oh, ow = r.output.shape
        cell = min(0.95, 4.5 / rows, 5.4 / cols)
        self.title = self.heading()
        self.map = CellGrid(r.x, cell=cell).move_to(MAP_AT)
        self.map.shift(DOWN * max(0.0, self.map.get_top()[1] - TOP))
        empty = [[float("nan")] * ow for _ in range(oh)]
        self.out = CellGrid(empty, cell=min(1.1, 4.7 / oh, 4.6 / ow)).move_to(OUT_AT)
        self.map_name = theme.label(self.t("map"), theme.SMALL_SIZE, theme.MUTED)
        self.map_name.next_to(self.map, UP, buff=0.15)
        self.out_name = theme.label(self.t("output"), theme.SMALL_SIZE, theme.MUTED)
        self.out_name.next_to(self.out, UP, buff=0.15)
        self.arrow = Arrow(
            self.map.get_right(), self.out.get_left(), color=theme.MUTED, buff=0.3, stroke_width=3
        )
        self.legend = Legend(
            [
                (theme.FOCUS, self.t("legend.window")),
                (theme.FORWARD, self.t("legend.output")),
                (theme.GRADIENT, self.t("legend.gradient")),
            ]
        ).to_corner(DOWN + LEFT, buff=0.3)
        self.working: VMobject | None = None
        self.shrunk = False  # values moved up in their cells to make room for gradients
        self.values = VGroup()  # output numbers on screen
        self.absorbed = VGroup()  # gradient copies absorbed by an occupied cell
        self.grads = VGroup()  # gradient numbers on screen

    # steps ---------------------------------------------------------------
    @step("map")
    def show_map(self) -> dict[str, Any]:
        """The map, the first window, and how many windows fit: (H − F)/S + 1."""
        r = next(iter(self.results.values()))
        g = self.geometry[0]
        self.shrunk = False
        self.play(FadeIn(self.title))
        self.play(FadeIn(self.map), FadeIn(self.map_name), run_time=1.0)
        self.frame = self.map.frame(0, 0, r.size, r.size)
        size = formula(
            "F = {f}, quad S = {s}, quad ({h} - {f})/{s} + 1 = {o}",
            f=g.field,
            s=g.stride,
            h=g.size,
            o=g.output,
        )
        self.set_working(size)
        self.play(Create(self.frame), FadeIn(size))
        self.play(Create(self.arrow), FadeIn(self.out), FadeIn(self.out_name), FadeIn(self.legend))
        self.working = size
        self.hold(1)
        return {"f": g.field, "s": g.stride, "n": len(self.windows())}

    def forward(self, r: dm.Pooling, template: str) -> None:
        """Each window: its values travel into ``template``, the result travels into the output."""
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.4)
            self.working = None
        for k, (i, j) in enumerate(self.windows()):
            self.focus(r, i, j)
            cells = self.window_cells(r, i, j)
            target = self.out.number(i, j, r.output[i, j], theme.FORWARD)
            if r.mode == "max":
                winner = (int(r.rows[i, j]), int(r.cols[i, j]))
                self.play(self.map.label(*winner).animate.set_color(theme.FOCUS), run_time=0.3)
            if k < SHOWN_FORMULAS:
                names: dict[str, Any] = {f"v{n}": float(r.x[c]) for n, c in enumerate(cells)}
                if r.mode == "average":
                    names["c"] = r.count
                slots = ", " if r.mode == "max" else " + "
                joined = slots.join(f"{{{n}}}" for n in names if n != "c")
                line = formula(template.format(joined), **names, o=r.output[i, j])
                part(line, "o").set_color(theme.FORWARD)
                self.set_working(line)
                if self.working is not None:
                    self.play(FadeOut(self.working), run_time=0.3)
                sources = {f"v{n}": self.map.label(*c) for n, c in enumerate(cells)}
                self.play(travel_into(line, sources, lag_ratio=0.05), run_time=1.0)
                self.play(travel(part(line, "o"), target, path_arc=0.3), run_time=0.7)
                self.working = line
            else:
                if r.mode == "max":
                    source = self.map.label(*winner)
                else:
                    source = VGroup(*(self.map.label(*c) for c in cells))
                self.play(travel(source, target, path_arc=0.3), run_time=0.5)
            self.values.add(target)

    @step("max")
    def max_forward(self) -> dict[str, Any]:
        """Max pooling: each window's largest value moves into the output."""
        r = self.results["max"]
        self.reset()
        self.forward(r, "max({}) = {{o}}")
        self.hold(1)
        return {"f": r.size, "outputs": self.listing(r.output)}

    @step("average")
    def average_forward(self) -> dict[str, Any]:
        """Average pooling: each window's mean moves into the output."""
        r = self.results["average"]
        self.reset()
        self.forward(r, "({}) / {{c}} = {{o}}")
        self.hold(1)
        return {"f": r.size, "outputs": self.listing(r.output)}

    def listing(self, values: Any) -> Word:
        """A subtitle's list of output values (the first one only for long outputs)."""
        flat = [float(v) for v in values.ravel()]
        if len(flat) <= 4:
            return Word("listing.all", values=Join(flat))
        return Word("listing.first", first=flat[0], count=len(flat))

    @step("max-back")
    def max_backward(self) -> dict[str, Any]:
        """The upstream gradient of each output cell goes to its window's maximum; the rest get 0."""
        r = self.results["max"]
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.4)
        note = theme.label(self.t("gate"), theme.BODY_SIZE)
        self.working = self.set_working(note)
        self.make_room()
        dout = self.upstream(r)
        self.play(FadeIn(note), run_time=0.5)
        arrived: dict[tuple[int, int], list[VMobject]] = {}
        for k, (i, j) in enumerate(self.windows()):
            self.focus(r, i, j)
            winner = (int(r.rows[i, j]), int(r.cols[i, j]))
            self.arrive(arrived, winner, dout[k], r.dout[i, j])
        self.settle(r, arrived)
        self.grads.add(dout)
        self.hold(1)
        i, j = self.windows()[0]
        return {
            "g": float(r.dout[i, j]),
            "v": float(r.output[i, j]),
        }

    @step("average-back")
    def average_backward(self) -> dict[str, Any]:
        """The upstream gradient of each output cell is shared equally by its window's cells."""
        r = self.results["average"]
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.4)
            self.working = None
        self.make_room()
        dout = self.upstream(r)
        arrived: dict[tuple[int, int], list[VMobject]] = {}
        for k, (i, j) in enumerate(self.windows()):
            self.focus(r, i, j)
            source = dout[k]
            if k < SHOWN_FORMULAS:
                line = formula("{g} / {c} = {s}", g=r.dout[i, j], c=r.count, s=r.shares[i, j])
                part(line, "g").set_color(theme.GRADIENT)
                part(line, "s").set_color(theme.GRADIENT)
                self.set_working(line)
                if self.working is not None:
                    self.play(FadeOut(self.working), run_time=0.3)
                self.play(travel_into(line, {"g": dout[k]}), run_time=0.8)
                self.working = line
                source = part(line, "s")
            self.arrive(arrived, self.window_cells(r, i, j), source, r.shares[i, j])
        self.settle(r, arrived)
        self.grads.add(dout)
        self.hold(1)
        i, j = self.windows()[0]
        return {"g": float(r.dout[i, j]), "c": r.count, "s": float(r.shares[i, j])}
