"""The hinge-loss scene's table: rows and classes by name, the layout, the working beside or below, a row in focus."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from manim import DOWN, LEFT, RIGHT, UP, FadeOut, VGroup, VMobject

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula
from scenes.kit.words import Term, Word
from scenes.widgets.grid import NumberGrid
from scenes.widgets.legend import Legend

if TYPE_CHECKING:
    from scenes.ch2.hinge_loss_params import HingeLossParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[HingeLossParams]
else:
    _Base = object

__all__ = ["FLOOR", "HingeTable"]

#: Bottom of the working area (the legend sits below it).
FLOOR = -3.25


class HingeTable(_Base):
    """The table of scores with its names and legend, where the working goes, a row in focus, clearing it."""

    result: dm.HingeLoss

    # names ---------------------------------------------------------------
    def row_word(self, i: int) -> Word:
        """Row ``i``'s name, language-neutral: ``cat image`` (``cat image 2`` if the label repeats)."""
        labels = [int(y) for y in self.result.y]
        name = Term(self.p.classes[labels[i]])
        if labels.count(labels[i]) == 1:
            return Word("row", name=name)
        return Word("row_k", name=name, k=labels[: i + 1].count(labels[i]))

    def row_name(self, i: int) -> str:
        """Row ``i``'s name in the scene's language."""
        word = self.row_word(i)
        return self.t(word.key, **word.values)

    def class_name(self, j: int) -> str:
        """Class ``j``'s name in the scene's language."""
        return self.term(self.p.classes[j])

    # layout --------------------------------------------------------------
    def lay_out(self) -> None:
        """Title, the general formula under it, the table under that, the legend at the bottom."""
        r = self.result
        n_cols = r.scores.shape[1]
        self.title = self.heading()
        self.general = formula(
            "L_i = sum_(j != y_i) max(0, s_j - s_(y_i) + Delta), quad Delta = {d}",
            d=r.delta,
            size=theme.BODY_SIZE,
        )
        fit(self.general, 13.0).next_to(self.title, DOWN, buff=0.3)
        cols: list[VMobject] = [
            theme.label(self.class_name(j), theme.SMALL_SIZE) for j in range(n_cols)
        ]
        cols.append(theme.math("L_i", theme.BODY_SIZE * theme.MATH_SCALE))
        rows = [theme.label(self.row_name(i), theme.SMALL_SIZE) for i in range(len(r.y))]
        self.grid = NumberGrid(r.scores, rows, cols, extra_cols=1, fits=r.losses)
        top = self.general.get_bottom()[1] - 0.35
        # a narrow table sits on the left with the working on its right; a wide one
        # spans the frame with the working below it
        self.side = self.grid.width * 1.2 <= 7.6
        if self.side:
            fit(self.grid.scale(1.2), 7.6, top - FLOOR)
            self.grid.to_edge(LEFT, buff=0.5).align_to(UP * top, UP)
        else:
            fit(self.grid, 13.2, (top - FLOOR) * 0.5).set_x(0).align_to(UP * top, UP)
        self.true_boxes = VGroup(*(self.grid.box(i, int(y)) for i, y in enumerate(r.y)))
        self.legend = Legend(
            [
                (theme.FOCUS, self.t("legend.true")),
                (theme.LOSS, self.t("legend.costs")),
                (theme.GOOD, self.t("legend.free")),
            ]
        ).to_corner(DOWN + LEFT, buff=0.35)
        self.loss_cells: dict[int, VMobject] = {}
        self.working: VMobject | None = None

    def place_working(self, lines: VGroup) -> VGroup:
        """Lay out working lines beside a narrow table, or in two columns below a wide one."""
        if self.side:
            lines.arrange(DOWN, aligned_edge=LEFT, buff=0.4)
            left = self.grid.right_edge + 0.6
            top = self.grid.body.get_top()[1]
            fit(lines, 6.9 - left, top - FLOOR)
            return lines.align_to(UP * top, UP).align_to(RIGHT * left, LEFT)
        *terms, last = lines
        half = (len(terms) + 1) // 2
        columns = VGroup(
            VGroup(*terms[:half]).arrange(DOWN, aligned_edge=LEFT, buff=0.3),
            VGroup(*terms[half:]).arrange(DOWN, aligned_edge=LEFT, buff=0.3),
        ).arrange(RIGHT, aligned_edge=UP, buff=0.8)
        block = VGroup(*([columns] if terms else []), last).arrange(DOWN, buff=0.35)
        top = self.grid.get_bottom()[1] - 0.35
        fit(block, 13.0, top - FLOOR)
        block.set_x(0).align_to(UP * top, UP)
        return lines

    def focus_row(self, i: int | None) -> list[Any]:
        """Animations that dim every row but ``i`` (all rows back to full with ``None``)."""
        anims = []
        for k in range(self.grid.n_rows):
            opacity = 1.0 if i is None or k == i else 0.3
            members = [*self.grid.row(k)]
            if k in self.loss_cells:
                members.append(self.loss_cells[k])
            anims += [m.animate.set_opacity(opacity) for m in members]
        return anims

    def clear_table(self) -> None:
        """Fade out the table and its working; the title and the rule stay."""
        leaving = VGroup(self.grid, self.true_boxes, self.legend, *self.loss_cells.values())
        if self.working is not None:
            leaving.add(self.working)
        self.play(FadeOut(leaving), run_time=0.7)
