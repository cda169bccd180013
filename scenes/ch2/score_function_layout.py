"""The score function's layout: W, x, + b, = s as one block, rows in focus, the working below, the templates' rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeOut, Mobject, VGroup

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula
from scenes.widgets.grid import NumberGrid
from scenes.widgets.picture import PixelPicture

if TYPE_CHECKING:
    from scenes.ch2.score_function_params import ScoreFunctionParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[ScoreFunctionParams]
else:
    _Base = object

__all__ = ["BLOCK_BOTTOM", "FLOOR", "EquationLayout", "arrange_blocks"]

#: Bottom of the equation block; the working lines sit below it, down to FLOOR.
BLOCK_BOTTOM, FLOOR = -1.25, -3.75


def arrange_blocks(blocks: list[Any], width: float, height: float, most: float) -> VGroup:
    """The image block then the templates in one row, or the templates in two rows beside it.

    Whichever lets the blocks be larger; scaled to fit ``width`` × ``height``, at most by ``most``.
    """

    def one_row() -> VGroup:
        return VGroup(*blocks).arrange(RIGHT, buff=0.7, aligned_edge=UP)

    def two_rows() -> VGroup:
        plates = blocks[1:]
        half = (len(plates) + 1) // 2
        rows = VGroup(
            VGroup(*plates[:half]).arrange(RIGHT, buff=0.7, aligned_edge=UP),
            VGroup(*plates[half:]).arrange(RIGHT, buff=0.7, aligned_edge=UP),
        ).arrange(DOWN, buff=0.5, aligned_edge=LEFT)
        return VGroup(blocks[0], rows).arrange(RIGHT, buff=0.9)

    def factor(group: VGroup) -> float:
        return min(most, width / group.width, height / group.height)

    first = factor(one_row())
    group = one_row() if len(blocks) < 4 or first >= factor(two_rows()) else two_rows()
    return group.scale(factor(group))


class EquationLayout(_Base):
    """The equation block W x + b = s, the image beside it, a row of W in focus, the working under it."""

    result: dm.ScoreFunction

    def class_name(self, c: int) -> str:
        """Class ``c``'s name in the scene's language."""
        return self.term(self.p.classes[c])

    def lay_out(self) -> None:
        """W, x, + b, = s as in the CS231n figure, rows of W, b and s on one line each."""
        r = self.result
        n_classes, d = r.W.shape
        self.title = self.heading()
        self.rule = formula("f(x, W, b) = W x + b")
        fit(self.rule, 13.0).next_to(self.title, DOWN, buff=0.25)
        names = [theme.label(self.class_name(c), theme.SMALL_SIZE) for c in range(n_classes)]
        self.W_grid = NumberGrid(r.W, names)
        self.x_grid = NumberGrid(r.x[:, None])
        self.b_grid = NumberGrid(r.b[:, None])
        self.s_grid = NumberGrid(np.full((n_classes, 1), np.nan), fits=r.scores)
        plus, equals = theme.math("+"), theme.math("=")
        row = VGroup(self.W_grid, self.x_grid, plus, self.b_grid, equals, self.s_grid)
        row.arrange(RIGHT, buff=0.35)
        row[1:].shift(RIGHT * 0.2)  # room for the box around a row of W
        # an empty grid's box starts at its first column's centre: move it clear of "="
        self.s_grid.shift(RIGHT * self.s_grid.col_width / 2)
        rh = self.W_grid.row_height
        for grid in (self.W_grid, self.b_grid, self.s_grid):
            grid.shift(UP * (0 - grid.slot(0, 0)[1]))
        middle = -(n_classes - 1) / 2 * rh
        self.x_grid.shift(UP * (middle + (d - 1) / 2 * rh - self.x_grid.slot(0, 0)[1]))
        for mob in (plus, equals):
            mob.set_y(middle)
        top = max(self.W_grid.body.get_top()[1], self.x_grid.get_top()[1])
        self.headers = VGroup(
            *(
                theme.math(sym, color=theme.MUTED).move_to(
                    np.array([g.get_center()[0], top + 0.4, 0.0])
                )
                for sym, g in (("W", self.W_grid.body), ("x", self.x_grid), ("b", self.b_grid))
            ),
            theme.math("s", color=theme.FORWARD).move_to(
                np.array([self.s_grid.slot(0, 0)[0], top + 0.4, 0.0])
            ),
        )
        self.operators = VGroup(plus, equals)
        self.block = VGroup(row, self.headers)
        space_top = self.rule.get_bottom()[1] - 0.3
        fit(self.block.scale(1.3), 13.2, space_top - BLOCK_BOTTOM)
        self.block.set_x(0).align_to(UP * space_top, UP)
        self.image = PixelPicture(r.x).scale(1.5)
        self.caption = theme.label(self.t("image_of", name=self.class_name(self.p.label)))
        self.caption.set_color(theme.FOCUS)
        shown = VGroup(self.caption, self.image).arrange(DOWN, buff=0.3)
        right = self.x_grid.get_left()[0] - 0.5
        fit(shown, right + 6.9, space_top - BLOCK_BOTTOM)
        shown.move_to(np.array([(right - 6.9) / 2, self.block.get_center()[1], 0.0]))
        self.score_cells: dict[int, Mobject] = {}
        self.working: VGroup | None = None
        self.marks = VGroup()

    def focus(self, i: int | None) -> list[Any]:
        """Animations that dim every class but ``i`` in W and b (all back with ``None``)."""
        anims = []
        for k in range(self.W_grid.n_rows):
            opacity = 1.0 if i is None or k == i else 0.3
            members = [*self.W_grid.row(k), self.b_grid.cell(k, 0)]
            anims += [m.animate.set_opacity(opacity) for m in members]
        return anims

    def frame_row(self, i: int) -> VGroup:
        """Boxes around row ``i`` of W and its bias."""
        return VGroup(self.W_grid.row_box(i), self.b_grid.box(i, 0))

    def place_working(self, lines: VGroup) -> VGroup:
        """Working lines below the equation block, left-aligned, centred as a block."""
        top = self.block.get_bottom()[1] - 0.35
        fit(lines, 13.2, top - FLOOR)
        return lines.set_x(0).align_to(UP * top, UP)

    def clear_working(self) -> None:
        """Fade out the previous row's working and boxes."""
        leaving = VGroup(*([self.working] if self.working is not None else []), self.marks)
        if leaving.get_family():
            self.play(FadeOut(leaving), run_time=0.5)
        self.working, self.marks = None, VGroup()
