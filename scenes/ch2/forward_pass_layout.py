"""The forward pass's layout: a layer's grids, one column's dot product worked below, formulas with shapes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, FadeOut, Mobject, VGroup, VMobject

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.travel import travel, travel_into
from scenes.widgets.matrices import Factors, Layer, layer_block, shape

if TYPE_CHECKING:
    from scenes.ch2.forward_pass_params import ForwardPassParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[ForwardPassParams]
else:
    _Base = object

__all__ = ["BLOCK_TOP", "FLOOR", "ROW", "LayerWorking"]

#: The block of grids sits between the title and BLOCK_FLOOR; the working lines below it.
BLOCK_TOP, FLOOR = 3.0, -3.2
ROW = 0.56


class LayerWorking(_Base):
    """A layer's block of grids, a column's dot product worked under it, a formula with its shapes."""

    r: dm.ForwardPass
    block: Layer
    working: Mobject | None

    def layer(self, values: np.ndarray, W: np.ndarray, b: np.ndarray, k: int) -> Layer:
        """Input row, weights, bias row and output row(s) of layer ``k`` (1 or 2), fitted."""
        r = self.r
        if k == 1:
            fits = [*r.pre, *r.hidden]
            names, rows = ("x", "W_1"), ["b_1", "z = x W_1 + b_1", "h = max(0, z)"]
        else:
            fits, names, rows = list(r.scores), ("h", "W_2"), ["b_2", "s = h W_2 + b_2"]
        layer = layer_block(values, W, b, fits=fits, names=names, row_names=rows, row=ROW)
        fit(layer.group.scale(1.2), 13.2, BLOCK_TOP - FLOOR - 2.2)
        layer.group.set_x(0).align_to(UP * BLOCK_TOP, UP)
        return layer

    def working_area(self, lines: VGroup) -> VGroup:
        """Lay working lines out under the block, left-aligned, fitted to the space left."""
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        lines[1].shift(RIGHT * getattr(lines, "indent", 0.0))
        top = self.block.group.get_bottom()[1] - 0.35
        fit(lines, 13.0, top - FLOOR)
        return lines.set_x(0).align_to(UP * top, UP)

    def dot_lines(
        self,
        name: str,
        inputs: np.ndarray,
        W: np.ndarray,
        b: float,
        products: np.ndarray,
        result: float,
    ) -> VGroup:
        """``name = x1·w1 + … + b`` and ``= p1 + … + b = result`` for one column."""
        terms = " + ".join(f"{{x{i}}} dot {{w{i}}}" for i in range(len(inputs)))
        given: dict[str, Any] = {f"x{i}": float(v) for i, v in enumerate(inputs)}
        given |= {f"w{i}": float(v) for i, v in enumerate(W)}
        first = formula("{{ " + name + " : name }} " + f"= {terms} + {{b}}", b=b, **given)
        sums = " + ".join(f"{{p{i}}}" for i in range(len(inputs)))
        terms_: dict[str, Any] = {f"p{i}": float(v) for i, v in enumerate(products)}
        second = formula(f"= {sums} + {{b}} = {{z}}", b=b, z=result, **terms_)
        part(second, "z").set_color(theme.FORWARD)
        lines = VGroup(first, second)
        setattr(lines, "indent", part(first, "name").width + 0.1)  # noqa: B010
        return lines

    def clear_working(self) -> None:
        """Fade out the working lines (and frames) of the last step."""
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.4)
            self.working = None

    def compute_column(
        self, layer: Layer, j: int, lines: VGroup, value: float, colour: str, run: float = 1.0
    ) -> VMobject:
        """Frames on the input and column ``j``; the terms travel in; the result travels home."""
        first, second = lines
        boxes = VGroup(layer.input_box(), layer.column_box(j))
        self.play(Create(boxes), run_time=0.5 * run)
        sources: dict[str, Mobject] = {}
        for i in range(layer.d):
            sources[f"x{i}"] = layer.inp.cell(0, i)
            sources[f"w{i}"] = layer.mat.cell(i, j)
        sources["b"] = layer.mat.cell(layer.bias_row, j)
        self.play(travel_into(first, sources, lag_ratio=0.08), run_time=1.4 * run)
        self.play(travel_into(second, {"b": part(first, "b")}), run_time=1.0 * run)
        cell = layer.mat.new_cell(layer.out_row, j, value, colour)
        self.play(travel(part(second, "z"), cell, path_arc=0.3), run_time=0.8 * run)
        self.working = VGroup(lines, boxes)
        return cell

    def factors(self, code: str, shapes: dict[str, tuple[int, int]], y: float) -> Factors:
        """A formula with named factors and each factor's shape under it, centred at height ``y``."""
        body = theme.math(code, theme.BODY_SIZE * theme.MATH_SCALE * 1.2)
        marks = VGroup(
            *(
                shape(*dims).next_to(body.select(name), DOWN, buff=0.22)
                for name, dims in shapes.items()
            )
        )
        low = body.get_bottom()[1] - 0.3
        for mark in marks:
            mark.set_y(low)
        ordered = sorted(marks, key=lambda m: m.get_x())
        if any(
            b.get_left()[0] - a.get_right()[0] < 0.12
            for a, b in zip(ordered, ordered[1:], strict=False)
        ):
            for mark in ordered[1::2]:
                mark.shift(DOWN * 0.38)  # stagger shapes that would touch
        group = Factors(body, marks)
        fit(group, 13.0)
        group.move_to(UP * y)
        return group
