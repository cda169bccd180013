"""The knn-vote scene's pieces: class markers, the query's ball, the neighbour table, the shape legend."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    DashedVMobject,
    Dot,
    Intersection,
    Mobject,
    Polygon,
    Square,
    Triangle,
    VGroup,
    VMobject,
)

from scenes.ch1.knn_vote_params import SHAPES
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import num
from scenes.kit.words import Term

if TYPE_CHECKING:
    from scenes.ch1.knn_vote_params import KnnVoteParams
    from scenes.kit.scene import LectureScene
    from scenes.widgets.plane import GridPlane

    _Base = LectureScene[KnnVoteParams]
else:
    _Base = object

__all__ = ["MARK", "PANEL_LEFT", "VotePieces", "marker"]

#: The right-hand panel (table, vote) starts here.
PANEL_LEFT = 1.0
#: Marker size (scene units).
MARK = 0.24


def marker(label: int, size: float = MARK) -> VMobject:
    """The shape of class ``label`` (triangle, square, circle) in its class colour."""
    colour = theme.current().runs[label]
    shape: VMobject
    if label == 0:
        shape = Triangle().scale_to_fit_height(size)
    elif label == 1:
        shape = Square(side_length=size * 0.85)
    else:
        shape = Circle(radius=size * 0.48)
    return shape.set_fill(colour, opacity=1).set_stroke(colour, width=1)


class VotePieces(_Base):
    """The query's ball, the neighbour table and the shape legend of the k-NN vote scene."""

    plane: GridPlane
    title: Mobject
    legend: VGroup

    def ball(self, radius: float, centre: np.ndarray, dashed: bool = False) -> VMobject:
        """The set of points within ``radius`` of the query: a circle (L2) or a diamond (L1)."""
        r = max(radius * self.plane.scale_now, 0.02)
        shape: VMobject
        if self.p.metric == "l2":
            shape = Circle(radius=r)
        else:
            shape = Polygon(RIGHT * r, UP * r, LEFT * r, DOWN * r)
        shape.move_to(centre)
        if shape.width > 0.9 * self.plane.box.width or shape.height > 0.9 * self.plane.box.height:
            shape = Intersection(shape, self.plane.box.copy())  # keep it inside the plane
        shape.set_stroke(theme.FOCUS, width=3).set_fill(opacity=0)
        if dashed:
            return DashedVMobject(shape, num_dashes=28, color=theme.FOCUS)
        return shape

    def shape_word(self, label: int) -> Term:
        """Class ``label``'s name as a glossary term (triangle, square, circle)."""
        return Term(SHAPES[label])

    def table_row(self, rank: int, label: int) -> VGroup:
        """One row of the neighbour table: rank, marker, and an empty slot for the distance."""
        rank_mob = num(rank, size=theme.SMALL_SIZE, color=theme.MUTED)
        mark = marker(label, 0.22)
        row = VGroup(rank_mob, mark)
        rank_mob.move_to(self.columns[0] * RIGHT + self.row_y(rank) * UP)
        mark.move_to(self.columns[1] * RIGHT + self.row_y(rank) * UP)
        return row

    def row_y(self, rank: int) -> float:
        """Height of the table's row ``rank`` (1 = nearest)."""
        return float(self.header.get_y() - 0.5 * rank)

    def shape_legend(self, classes: list[int], query: bool) -> VGroup:
        """A row of the classes' shapes with their names (and the query's mark), top right."""
        entries = [
            VGroup(marker(c), theme.label(self.term(SHAPES[c]), theme.SMALL_SIZE)).arrange(
                RIGHT, buff=0.15
            )
            for c in classes
        ]
        if query:
            mark = VGroup(
                Dot(radius=0.1, color=theme.FOCUS), Circle(radius=0.19, color=theme.FOCUS)
            )
            entries.append(
                VGroup(mark, theme.label(self.t("query"), theme.SMALL_SIZE)).arrange(
                    RIGHT, buff=0.15
                )
            )
        legend = VGroup(*entries).arrange(RIGHT, buff=0.4)
        fit(legend, 6.9 - PANEL_LEFT)
        return legend.next_to(self.title, DOWN, buff=0.3).align_to(RIGHT * PANEL_LEFT, LEFT)

    def lay_out_table(self) -> None:
        """The distance formula and the header of the neighbour table (first vote only)."""
        if self.p.metric == "l2":
            code = "d = sqrt((x_1 - q_1)^2 + (x_2 - q_2)^2)"
        else:
            code = "d = |x_1 - q_1| + |x_2 - q_2|"
        self.rule = theme.math(code, theme.SMALL_SIZE * theme.MATH_SCALE)
        fit(self.rule, 6.9 - PANEL_LEFT).next_to(self.legend, DOWN, buff=0.35)
        self.rule.align_to(RIGHT * PANEL_LEFT, LEFT)
        words = [self.t("table.rank"), self.t("table.class"), self.t("table.distance")]
        heads = [theme.label(w, theme.SMALL_SIZE, theme.MUTED) for w in words]
        self.columns = [PANEL_LEFT + 0.5, PANEL_LEFT + 2.0, PANEL_LEFT + 3.6]
        top = self.rule.get_bottom()[1] - 0.4
        for x, head in zip(self.columns, heads, strict=True):
            head.move_to(RIGHT * x + UP * top)
        self.header = VGroup(*heads)
        self.rows: list[VGroup] = []
        self.radius = 0.0
        self.balls = VGroup()
        self.count_line: Mobject | None = None
