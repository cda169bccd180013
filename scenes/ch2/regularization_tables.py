"""The tables of ``regularization``: x, w1 and w2 with their scores and R(w); λ's penalties; working lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from manim import DOWN, LEFT, UP, FadeOut, VGroup, VMobject

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula
from scenes.kit.words import Num
from scenes.widgets.grid import NumberGrid

if TYPE_CHECKING:
    from scenes.ch2.regularization_params import RegularizationParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[RegularizationParams]
else:
    _Base = object

__all__ = ["FLOOR", "NAMES", "TieTables"]

#: Lowest y of anything on screen.
FLOOR = -3.75
#: The two weight vectors as they are written in maths.
NAMES = ("w_1", "w_2")


class TieTables(_Base):
    """The tables for :class:`~scenes.ch2.regularization.RegularizationScene` (which sets ``result``).

    :meth:`lay_out` builds the vectors' table; :meth:`strength_table` the table of λ's penalties.
    """

    result: dm.L2Tiebreak

    def lay_out(self) -> None:
        """The rule under the title, x, w1 and w2 in a table with their scores and penalties."""
        r = self.result
        d = len(r.x)
        self.title = self.heading()
        self.rule = formula('L = L_"data" + lambda R(W), quad R(W) = sum_k W_k^2')
        self.colours = theme.RUNS[:2]
        rows = [theme.math("x"), *(theme.math(n) for n in NAMES)]
        heads = [*(VMobject() for _ in range(d)), theme.math("w^T x"), theme.math("R(w)")]
        self.grid = NumberGrid(
            np.vstack([r.x, r.w]), rows, heads, extra_cols=2, fits=[*r.scores, *r.R]
        )
        for label, colour in zip(self.grid.row_labels[1:], self.colours, strict=True):
            label.set_color(colour)
        top = self.title.get_bottom()[1] - 0.3
        fit(self.grid.scale(1.3), 13.0, 3.2).set_x(0).align_to(UP * top, UP)
        self.below = self.grid.get_bottom()[1] - 0.35
        self.zoom = self.grid.row_height / 0.62
        self.working = VGroup()
        self.score_cells: list[VMobject] = []
        self.R_cells: list[VMobject] = []

    def place(self, lines: list[VMobject]) -> VGroup:
        """Working lines stacked under the table, left-aligned, at the table's size."""
        group = VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.25).scale(self.zoom)
        fit(group, 13.0, self.below - FLOOR)
        return group.set_x(0).align_to(UP * self.below, UP)

    def swap_working(self, new: VGroup) -> None:
        """Fade out the previous working (``new`` is played in by the caller)."""
        if self.working.get_family():
            self.play(FadeOut(self.working), run_time=0.5)
        self.working = new

    def strength_table(self) -> NumberGrid:
        """λ, λR(w1), λR(w2) and the difference, one row per λ, under the table on the left."""
        r = self.result
        heads = [
            theme.math("lambda"),
            *(
                theme.math(f"lambda R({n})", color=c)
                for n, c in zip(NAMES, self.colours, strict=True)
            ),
            theme.label(self.t("gap"), theme.SMALL_SIZE),
        ]
        # written with each row's decimals, so the columns are as wide as what will arrive
        fits = [round(v.value, v.decimals) for i in range(len(r.lams)) for v in self.row_values(i)]
        table = NumberGrid(r.lams[:, None], None, heads, extra_cols=3, fits=fits, decimals=4)
        fit(table.scale(self.zoom), 6.2, self.below - FLOOR - 0.9)
        return table.to_edge(LEFT, buff=0.6).align_to(UP * self.below, UP)

    def row_values(self, i: int) -> list[Any]:
        """λ's row as numbers, with a third or fourth decimal where it makes a small one exact (0.025)."""
        r = self.result
        values = [r.penalties[i, 0], r.penalties[i, 1], r.savings[i]]
        small = [v for v in values if abs(v) < 1]
        d = next((d for d in (2, 3, 4) if all(abs(round(v, d) - v) < 1e-9 for v in small)), 2)
        return [Num(float(v), d) for v in values]
