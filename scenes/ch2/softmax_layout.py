"""The softmax scene's layout: the table of s, e^s and p, its working beside it, the panels, the sweep."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeOut, Text, VGroup, VMobject

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.widgets.axes import nice_range
from scenes.widgets.grid import NumberGrid

if TYPE_CHECKING:
    from scenes.ch2.softmax_params import SoftmaxParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[SoftmaxParams]
else:
    _Base = object

__all__ = ["FLOOR", "TableWorking"]

#: Lowest y of anything on screen but the frame's margin.
FLOOR = -3.75


class TableWorking(_Base):
    """The table (one row per class), working lines beside its rows or in the panel, the loss sweep."""

    result: dm.SoftmaxLoss
    hinge: dm.HingeLoss

    def lay_out(self) -> None:
        """The table (s, e^s, p; one row per class) on the left, its working on the right."""
        r, y = self.result, self.p.label
        n = len(r.scores)
        self.title = self.heading()
        rows = [theme.label(self.term(self.p.classes[c]), theme.SMALL_SIZE) for c in range(n)]
        heads = [theme.math(code) for code in ("s", "e^s", "p")]
        self.grid = NumberGrid(
            np.vstack([r.scores[:, None], [[np.nan]]]),
            [*rows, theme.label(self.t("total"), theme.SMALL_SIZE)],
            heads,
            extra_cols=2,
            fits=[*r.exp, *r.probs, float(r.exp_sum)],
        )
        top = self.title.get_bottom()[1] - 0.35
        fit(self.grid.scale(1.5), 6.6, top - FLOOR).to_edge(LEFT, buff=0.5)
        self.grid.set_y((top + FLOOR) / 2 + 0.3).align_to(UP * min(top, self.grid.get_top()[1]), UP)
        self.grid.row_labels[y].set_color(theme.FOCUS)
        #: Frames the true class's row; it widens as the e^s and p columns arrive.
        self.true_box = self.grid.row_box(y, cols=1)
        self.left = self.grid.right_edge + 0.6
        #: How much the table was enlarged (its working is written at the same size).
        self.zoom = self.grid.row_height / 0.62
        self.cells: dict[tuple[int, int], VMobject] = {}
        self.working = VGroup()

    def cell(
        self, i: int, j: int, value: float, color: str | None = None, decimals: int = 2
    ) -> VMobject:
        """A new number for column ``j`` of row ``i`` (kept, so it can travel on later)."""
        self.grid.decimals = decimals
        mob = self.grid.new_cell(i, j, value, color or theme.FORWARD)
        self.grid.decimals = 2
        self.cells[i, j] = mob
        return mob

    def places(self, c: int) -> int:
        """Decimals for class ``c``'s probability: 2, more if it would read as 1 (−ln 1 is 0)."""
        p = float(self.result.probs[c])
        d = 2
        while d < 6 and p < 1.0 and round(p, d) >= 1.0:
            d += 1
        return d

    def beside_rows(self, lines: list[VMobject]) -> VGroup:
        """Working lines, one beside each row of the table (line ``k`` at row ``k``), at its scale."""
        group = VGroup(*lines)
        width = 6.9 - self.left
        factor = min(self.zoom, width / max(line.width for line in lines))
        for k, line in enumerate(lines):
            line.scale(factor).set_y(self.grid.slot(k, 0)[1]).align_to(RIGHT * self.left, LEFT)
        return group

    def in_panel(self, group: VGroup) -> VGroup:
        """Fit ``group`` into the working area right of the table, top-aligned, at its scale."""
        top = self.grid.get_top()[1]
        fit(group.scale(self.zoom), 6.9 - self.left, top - FLOOR)
        return group.align_to(RIGHT * self.left, LEFT).align_to(UP * top, UP)

    def clear_working(self) -> None:
        """Fade out the working."""
        if self.working.get_family():
            self.play(FadeOut(self.working), run_time=0.5)
        self.working = VGroup()

    def loss_lines(self) -> tuple[list[Text], VMobject, VMobject]:
        """The loss −ln p and its base-10 slip under it, each after its word, fitted in the panel."""
        r, y = self.result, self.p.label
        d = self.places(y)
        line = formula("L = -ln {p} = {loss}", p=r.probs[y], loss=r.loss, decimals=d)
        part(line, "loss").set_color(theme.LOSS)
        slip = formula("-log_10 {p} = {slip}", p=r.probs[y], slip=float(r.log10_losses), decimals=d)
        slip.set_color(theme.MUTED)
        words = [theme.label(self.t(k), theme.BODY_SIZE, theme.MUTED) for k in ("natural", "slip")]
        VGroup(line, slip).arrange(DOWN, aligned_edge=LEFT, buff=0.5)
        for word, formula_ in zip(words, (line, slip), strict=True):
            word.next_to(formula_, LEFT, buff=0.3)
        left = min(word.get_left()[0] for word in words)
        for word in words:
            word.align_to(RIGHT * left, LEFT)
        self.in_panel(VGroup(*words, line, slip)).shift(DOWN * 0.4)
        return words, line, slip

    def versus_panel(self) -> tuple[list[int], list[VMobject], list[Text], VGroup]:
        """Hinge's margins and total over softmax's loss, each under its name, fitted in the panel.

        Returns the wrong classes, their margin lines, the two names and the whole panel; the totals
        are kept as ``hinge_total`` and ``soft_total``.
        """
        r, h, y = self.result, self.hinge, self.p.label
        wrong = [j for j in range(len(r.scores)) if j != y]
        hinge_lines = []
        for j in wrong:
            line = formula(
                "max(0, {sj} - {sy} + {d}) = {m}",
                sj=h.scores[j],
                sy=h.scores[y],
                d=h.delta,
                m=h.margins[j],
            )
            part(line, "m").set_color(theme.LOSS if h.margins[j] > 0 else theme.GOOD)
            hinge_lines.append(line)
        colours = theme.RUNS
        self.hinge_total = formula("L = {l}", l=h.loss, color=colours[0])
        self.soft_total = formula(
            "L = -ln {p} = {l}", p=r.probs[y], l=r.loss, decimals=self.places(y)
        )
        part(self.soft_total, "l").set_color(colours[1])
        heads = [
            theme.label(self.t("hinge"), theme.BODY_SIZE, colours[0]),
            theme.label(self.t("softmax"), theme.BODY_SIZE, colours[1]),
        ]
        panel = VGroup(heads[0], *hinge_lines, self.hinge_total, heads[1], self.soft_total)
        panel.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        heads[1].shift(DOWN * 0.2)
        self.soft_total.shift(DOWN * 0.2)
        self.in_panel(panel)
        return wrong, hinge_lines, heads, panel

    def score_range(self) -> tuple[float, float, float]:
        """True scores from a little below the example's to well past where the hinge reaches 0."""
        s, y, d = self.result.scores, self.p.label, self.hinge.delta
        zero = float(np.delete(s, y).max() + d)
        return nice_range(min(float(s[y]), zero - d) - 2.0, max(zero, float(s[y])) + 4.0, 6)

    def sweep(self, x_range: tuple[float, float, float]) -> dm.TrueScoreSweep:
        """Both losses over the range, the example's true score and the hinge's zero included."""
        s, y = self.result.scores, self.p.label
        zero = float(np.delete(s, y).max() + self.hinge.delta)
        grid = np.union1d(np.linspace(x_range[0], x_range[1], 241), [s[y], zero])
        return dm.true_score_sweep(s, y, grid, self.hinge.delta)
