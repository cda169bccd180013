"""A map of square cells holding numbers (an image, a filter, a feature map) with frames for windows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Rectangle, Square, VGroup, VMobject

from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import num

__all__ = ["CellGrid"]


class CellGrid(VGroup):
    """Square cells in rows and columns, each with its number (a :func:`~scenes.kit.numbers.num`).

    ``square(i, j)`` is a cell's square, ``label(i, j)`` its number (``None`` for
    ``NaN``: an empty cell); ``frame(i, j, h, w)`` a rectangle around a block of
    cells (a filter's or a pooling window); ``spot(i, j, where)`` a point inside a
    cell (its centre, or its upper or lower half when a cell shows two numbers).
    Cells listed in ``muted`` (zero padding, say) are drawn dimmer. Positions are
    read from the squares, so they follow the grid when it moves or scales.
    """

    def __init__(
        self,
        values: Sequence[Sequence[float]] | np.ndarray,
        *,
        cell: float = 0.8,
        size: float = theme.BODY_SIZE,
        decimals: int = 2,
        color: str | None = None,
        muted: Sequence[tuple[int, int]] = (),
        fill: str | None = None,
    ) -> None:
        super().__init__()
        data = np.asarray(values, dtype=float)
        self.n_rows, self.n_cols = data.shape
        self.cell, self.size, self.decimals = cell, size, decimals
        dim = set(muted)
        self.squares = VGroup()
        self.labels: list[list[VMobject | None]] = []
        for i in range(self.n_rows):
            row: list[VMobject | None] = []
            for j in range(self.n_cols):
                square = Square(
                    side_length=cell,
                    stroke_color=theme.MUTED,
                    stroke_width=1.5,
                    fill_color=fill or theme.PANEL,
                    fill_opacity=0.35 if (i, j) in dim else 1.0,
                ).move_to(RIGHT * j * cell + DOWN * i * cell)
                self.squares.add(square)
                value = data[i, j]
                if np.isnan(value):
                    row.append(None)
                    continue
                colour = theme.MUTED if (i, j) in dim else color
                row.append(self._fit(num(value, decimals, size, colour)).move_to(square))
            self.labels.append(row)
        self.numbers = VGroup(*(m for row in self.labels for m in row if m is not None))
        self.add(self.squares, self.numbers)
        self.center()

    def _fit(self, mob: VMobject, share: float = 0.86) -> VMobject:
        """Scale a number down (never up) so it fits inside a cell with a margin."""
        fit(mob, self.side * share)
        return mob

    def square(self, i: int, j: int) -> Square:
        """The square of cell ``(i, j)``."""
        return cast(Square, self.squares[i * self.n_cols + j])

    def label(self, i: int, j: int) -> VMobject:
        """The number of cell ``(i, j)``."""
        mob = self.labels[i][j]
        if mob is None:
            raise IndexError(f"cell ({i}, {j}) is empty")
        return mob

    @property
    def side(self) -> float:
        """The current side of one cell."""
        return float(self.square(0, 0).width)

    def spot(self, i: int, j: int, where: str = "centre") -> np.ndarray:
        """A point in cell ``(i, j)``: its ``centre``, or the middle of its ``top`` or ``bottom`` half."""
        centre = self.square(i, j).get_center()
        shift = {"centre": 0.0, "top": 0.22, "bottom": -0.22}[where] * self.side
        return centre + UP * shift

    def frame(
        self, i: int, j: int, height: int = 1, width: int = 1, color: str | None = None
    ) -> Rectangle:
        """A rectangle around the ``height`` × ``width`` block of cells whose top-left is ``(i, j)``.

        The block may reach past the grid's edge (a filter that does not fit).
        """
        side = self.side
        top_left = self.square(0, 0).get_corner(UP + LEFT) + side * (RIGHT * j + DOWN * i)
        rect = Rectangle(width=side * width, height=side * height, color=color or theme.FOCUS)
        rect.set_stroke(width=5)
        return rect.move_to(top_left + side * (RIGHT * width + DOWN * height) / 2)

    def number(
        self,
        i: int,
        j: int,
        value: float,
        color: str | None = None,
        *,
        where: str = "centre",
        scale: float = 1.0,
    ) -> VMobject:
        """A new number for cell ``(i, j)`` at the grid's current scale (not yet added)."""
        mob = num(value, self.decimals, self.size * scale, color)
        mob.scale(self.side / self.cell)
        return self._fit(mob).move_to(self.spot(i, j, where))
