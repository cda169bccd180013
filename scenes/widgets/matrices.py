"""Matrices on screen: bracketed number grids, shapes under factors, one layer's x·W + b laid out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import DOWN, LEFT, RIGHT, Line, Rectangle, VGroup, VMobject

from scenes.kit import theme
from scenes.kit.numbers import formula
from scenes.widgets.grid import NumberGrid

__all__ = ["Factors", "Layer", "brackets", "layer_block", "shape"]


def brackets(grid: NumberGrid, rows: range, cols: range, pad: float = 0.08) -> VGroup:
    """Square brackets around rows ``rows`` and columns ``cols`` of ``grid`` (a matrix or a vector)."""
    half_w, half_h = grid.col_width / 2, grid.row_height / 2
    left = grid.slot(rows[0], cols[0])[0] - half_w - pad
    right = grid.slot(rows[0], cols[-1])[0] + half_w + pad
    top = grid.slot(rows[0], cols[0])[1] + half_h - 0.05
    bottom = grid.slot(rows[-1], cols[0])[1] - half_h + 0.05
    serif = min(0.14, grid.col_width / 4)
    pair = VGroup()
    for x, inward in ((left, serif), (right, -serif)):
        pair.add(
            VMobject(color=theme.MUTED, stroke_width=2).set_points_as_corners(
                np.array(
                    [[x + inward, top, 0], [x, top, 0], [x, bottom, 0], [x + inward, bottom, 0]]
                )
            )
        )
    return pair


def shape(rows: int, cols: int, color: str | None = None) -> VMobject:
    """A shape ``rows × cols`` in small muted maths (counts, not data)."""
    return formula(
        "{r} times {c}", r=rows, c=cols, size=theme.SMALL_SIZE, color=color or theme.MUTED
    )


@dataclass
class Layer:
    """One layer on screen: the input row left of the weights, the bias, output (and ReLU) rows under them."""

    inp: NumberGrid
    mat: NumberGrid
    dot: VMobject
    frames: VGroup
    labels: VGroup
    captions: VGroup
    rule: Line
    group: VGroup
    d: int
    h: int

    @property
    def bias_row(self) -> int:
        """Row of ``mat`` holding the biases."""
        return self.d

    @property
    def out_row(self) -> int:
        """Row of ``mat`` the sums arrive in."""
        return self.d + 1

    def column_box(self, j: int) -> Rectangle:
        """A frame around column ``j`` of the weights (bias included)."""
        top, bottom = self.mat.slot(0, j), self.mat.slot(self.d, j)
        return Rectangle(
            width=self.mat.col_width * 0.92,
            height=top[1] - bottom[1] + self.mat.row_height * 0.9,
            color=theme.FOCUS,
            stroke_width=3,
        ).move_to((top + bottom) / 2)

    def input_box(self) -> Rectangle:
        """A frame around the input row."""
        return self.inp.row_box(0)


class Factors(VGroup):
    """A formula (``body``) and the shape under each of its factors (``marks``)."""

    def __init__(self, body: VMobject, marks: VGroup) -> None:
        super().__init__(body, marks)
        self.body, self.marks = body, marks


def layer_block(
    values: np.ndarray,
    W: np.ndarray,
    b: np.ndarray,
    *,
    fits: Sequence[float],
    names: tuple[str, str],
    row_names: Sequence[str],
    row: float = 0.56,
) -> Layer:
    """The input row ``values`` left of ``W``, the bias row ``b`` under ``W``, then empty rows.

    ``names`` are the input's and the weights' names (Typst), written with their
    shapes above them; ``row_names`` name the bias row and each empty row after it
    (the rows the results arrive in); ``fits`` are the numbers those rows will hold.
    Nothing is scaled or placed: the caller fits ``.group``.
    """
    d, h = W.shape
    extra = len(row_names) - 1
    rows = np.vstack([W, b[None, :], np.full((extra, h), np.nan)])
    mat = NumberGrid(rows, row_height=row, fits=fits)
    inp = NumberGrid(values[None, :], row_height=row)
    middle = mat.slot(0, 0) + DOWN * (d - 1) / 2 * mat.row_height
    inp.shift(middle - inp.slot(0, inp.n_cols - 1))
    inp.shift(LEFT * (mat.col_width / 2 + inp.col_width / 2 + 0.6))
    dot = theme.math("dot", color=theme.MUTED).move_to((inp.slot(0, inp.n_cols - 1) + middle) / 2)
    left = mat.slot(0, 0)[0] - mat.col_width / 2
    labels = VGroup(
        *(
            theme.math(text, theme.SMALL_SIZE * theme.MATH_SCALE, theme.MUTED)
            .next_to(mat.slot(d + i, 0), LEFT, buff=0)
            .align_to(RIGHT * (left - 0.25), RIGHT)
            for i, text in enumerate(row_names)
        )
    )
    right = mat.slot(0, h - 1)[0] + mat.col_width / 2
    y_rule = (mat.slot(d, 0)[1] + mat.slot(d + 1, 0)[1]) / 2 - 0.04
    rule = Line(
        np.array([left, y_rule, 0]), np.array([right, y_rule, 0]), color=theme.MUTED, stroke_width=2
    )
    captions = VGroup(
        VGroup(theme.math(names[0]), shape(1, d)).arrange(RIGHT, buff=0.2),
        VGroup(theme.math(names[1]), shape(d, h)).arrange(RIGHT, buff=0.2),
    )
    captions[0].move_to(np.array([inp.get_center()[0], inp.slot(-1, 0)[1] + 0.05, 0]))
    captions[1].move_to(np.array([(left + right) / 2, mat.slot(-1, 0)[1] + 0.05, 0]))
    crowd = captions[0].get_right()[0] + 0.4 - captions[1].get_left()[0]
    if crowd > 0:  # narrow grids: move the input left until the captions clear each other
        VGroup(inp, captions[0]).shift(LEFT * crowd)
        dot.shift(LEFT * crowd / 2)
    frames = VGroup(
        brackets(inp, range(1), range(d)),
        brackets(mat, range(d), range(h)),
        brackets(mat, range(d, d + 1), range(h)),
    )
    group = VGroup(inp, dot, mat, frames, labels, rule, captions)
    return Layer(inp, mat, dot, frames, labels, captions, rule, group, d, h)
