"""A tiny image drawn as numbers in square pixels, in the image's shape (rows filled in order)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import Mobject, VGroup

from scenes.kit import theme
from scenes.kit.numbers import num
from scenes.widgets.grid import NumberGrid

__all__ = ["PixelPicture", "image_shape"]


def image_shape(d: int) -> tuple[int, int]:
    """Rows and columns of the picture of ``d`` pixels: ``floor(√d)`` rows, filled row by row.

    >>> [image_shape(d) for d in (2, 3, 4, 5, 6)]
    [(1, 2), (1, 3), (2, 2), (2, 3), (2, 3)]
    """
    rows = int(np.floor(np.sqrt(d)))
    return rows, -(-d // rows)


class PixelPicture(VGroup):
    """Values (pixels, or the weights of a class template) as numbers in squares.

    ``pixel(k)`` is the number of value ``k`` (row-major order), so a column of
    pixel values can fly into the picture or out of it; ``squares`` are the outlines.
    """

    def __init__(
        self, values: Sequence[float] | np.ndarray, *, row_height: float = 0.8, pad: float = 0.3
    ) -> None:
        super().__init__()
        data = np.asarray(values, dtype=float)
        self.count = len(data)
        self.rows, self.cols = image_shape(self.count)
        cells = np.full(self.rows * self.cols, np.nan)
        cells[: self.count] = data
        # pixels are square: short numbers get a wider pad
        widest = max(num(v).width for v in data)
        pad = max(pad, row_height - widest)
        self.grid = NumberGrid(cells.reshape(self.rows, self.cols), row_height=row_height, pad=pad)
        self.squares = VGroup(
            *(
                self.grid.box(k // self.cols, k % self.cols, theme.MUTED)
                .stretch_to_fit_height(self.grid.row_height * 0.96)
                .set_stroke(width=2)
                for k in range(self.count)
            )
        )
        self.add(self.squares, self.grid)

    def pixel(self, k: int) -> Mobject:
        """The number of value ``k`` (row-major order)."""
        return self.grid.cell(k // self.cols, k % self.cols)
