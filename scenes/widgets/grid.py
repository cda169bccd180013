"""A grid of numbers with row and column headers, whose cells numbers can travel into and out of."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, ORIGIN, RIGHT, Dot, Rectangle, VGroup, VMobject

from scenes.kit import theme
from scenes.kit.numbers import num

__all__ = ["NumberGrid"]


class NumberGrid(VGroup):
    """A matrix of numbers with optional row and column headers.

    Cells are :func:`~scenes.base.num` labels (each keeps its value) laid out on a
    regular grid; ``cell(i, j)`` returns one, ``box(i, j)`` a rectangle around
    it, ``slot(i, j)`` the centre of a cell (also of the ``extra_cols`` columns
    left empty for numbers that arrive later; ``fits`` lists those numbers so
    the columns are wide enough). Columns are also as wide as their headers.
    Slots follow the grid when it is moved or scaled. ``NaN`` leaves a cell empty.
    """

    def __init__(
        self,
        values: Sequence[Sequence[float]] | np.ndarray,
        row_labels: Sequence[VMobject] | None = None,
        col_labels: Sequence[VMobject] | None = None,
        *,
        decimals: int = 2,
        size: float = theme.BODY_SIZE,
        pad: float = 0.35,
        row_height: float = 0.62,
        extra_cols: int = 0,
        fits: Sequence[float] | np.ndarray = (),
    ) -> None:
        super().__init__()
        data = np.asarray(values, dtype=float)
        self.decimals, self.size = decimals, size
        self.n_rows, self.n_cols = data.shape[0], data.shape[1] + extra_cols
        self.cells: list[list[VMobject | None]] = [
            [None if np.isnan(v) else num(v, decimals, size) for v in row] for row in data
        ]
        shown = [c for row in self.cells for c in row if c is not None]
        later = [num(v, decimals, size) for v in fits]
        headers = list(col_labels or [])
        col_width = max(c.width for c in [*shown, *later, *headers]) + pad
        # two invisible anchors: slot (0, 0) and slot (1, 1); slots are read from them
        self._o = Dot(ORIGIN, radius=0.001, fill_opacity=0, stroke_opacity=0)
        self._u = Dot(
            RIGHT * col_width + DOWN * row_height, radius=0.001, fill_opacity=0, stroke_opacity=0
        )
        self.add(self._o, self._u)
        self._row_height0 = row_height
        for i, row in enumerate(self.cells):
            for j, cell in enumerate(row):
                if cell is not None:
                    cell.move_to(self.slot(i, j))
        self.body = VGroup(*shown)
        self.col_labels = VGroup(*(col_labels or []))
        for j, lab in enumerate(self.col_labels):
            lab.set_color(theme.MUTED).move_to(self.slot(-1, j))
        self.row_labels = VGroup(*(row_labels or []))
        for i, lab in enumerate(self.row_labels):
            lab.set_color(theme.MUTED).next_to(
                self.slot(i, 0) + LEFT * col_width / 2, LEFT, buff=0.15
            )
        self.add(self.body, self.col_labels, self.row_labels)

    @property
    def col_width(self) -> float:
        """Current distance between column centres."""
        return float(self._u.get_center()[0] - self._o.get_center()[0])

    @property
    def right_edge(self) -> float:
        """X of the right edge of the last column (empty columns included)."""
        return float(self.slot(0, self.n_cols - 1)[0] + self.col_width / 2)

    @property
    def row_height(self) -> float:
        """Current distance between row centres."""
        return float(self._o.get_center()[1] - self._u.get_center()[1])

    def slot(self, i: int, j: int) -> np.ndarray:
        """Centre of cell ``(i, j)``; row ``-1`` is the column-header row."""
        return self._o.get_center() + RIGHT * j * self.col_width + DOWN * i * self.row_height

    def cell(self, i: int, j: int) -> VMobject:
        """The number label of cell ``(i, j)``."""
        mob = self.cells[i][j]
        if mob is None:
            raise IndexError(f"cell ({i}, {j}) is empty")
        return mob

    def row(self, i: int) -> VGroup:
        """Row ``i``: its label (if any) and its number cells."""
        cells = [c for c in self.cells[i] if c is not None]
        label = [self.row_labels[i]] if i < len(self.row_labels) else []
        return VGroup(*label, *cells)

    def box(self, i: int, j: int, color: str | None = None) -> Rectangle:
        """A rectangle framing cell ``(i, j)`` (in the focus colour unless told)."""
        return Rectangle(
            width=self.col_width * 0.96,
            height=self.row_height * 0.88,
            color=color or theme.FOCUS,
            stroke_width=3,
        ).move_to(self.slot(i, j))

    def row_box(self, i: int, cols: int | None = None, color: str | None = None) -> Rectangle:
        """A rectangle framing the first ``cols`` cells (default all) of row ``i``."""
        n = self.n_cols if cols is None else cols
        centre = (self.slot(i, 0) + self.slot(i, n - 1)) / 2
        return Rectangle(
            width=self.col_width * n,
            height=self.row_height * 0.96,
            color=color or theme.FOCUS,
            stroke_width=3,
        ).move_to(centre)

    def new_cell(self, i: int, j: int, value: float, color: str | None = None) -> VMobject:
        """A number label for cell ``(i, j)``, at the grid's current scale (not yet added)."""
        mob = num(value, self.decimals, self.size, color)
        mob.scale(self.row_height / self._row_height0).move_to(self.slot(i, j))
        return mob
