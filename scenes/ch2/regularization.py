"""L2 regularisation: two weight vectors with the same scores, told apart only by λR(W)."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Create,
    FadeIn,
    FadeOut,
    Rectangle,
    SurroundingRectangle,
    VGroup,
    Write,
)

import dlmath as dm
from scenes.ch2.regularization_params import RegularizationParams
from scenes.ch2.regularization_tables import FLOOR, NAMES, TieTables
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Word
from scenes.widgets.axes import TickedAxes, nice_range
from scenes.widgets.merge import Converge
from scenes.widgets.sums import SumLines

__all__ = ["RegularizationScene"]


class RegularizationScene(TieTables, LectureScene[RegularizationParams]):
    """Same scores, same data loss; the L2 penalty and each λ tell the two vectors apart."""

    name = "regularization"
    Params = RegularizationParams

    def construct(self) -> None:
        """The vectors, their equal scores, the equal data loss, R(w), each λ, the preferred one."""
        p = self.p
        self.result = self.computed(dm.l2_tiebreak(p.x, p.w1, p.w2, p.lams))
        self.lay_out()
        self.vectors()
        self.scores()
        self.data_loss()
        self.penalty()
        for n in range(1, len(p.lams) + 1):
            self.strength(n=n)
        self.spread()

    # steps ---------------------------------------------------------------
    @step("vectors")
    def vectors(self) -> None:
        """The input and the two weight vectors."""
        g = self.grid
        self.play(FadeIn(self.title))
        self.play(FadeIn(VGroup(g.row(0), g.row(1), g.row(2)), lag_ratio=0.05), run_time=1.5)
        self.hold(1)

    @step("scores")
    def scores(self) -> dict[str, Any]:
        """w·x for both, product by product; each score into the w^T x column."""
        r, g = self.result, self.grid
        d = len(r.x)
        sums = []
        for k in range(2):
            pieces = [f"{{w{i}}} dot {{x{i}}}" for i in range(d)]
            values = {f"w{i}": r.w[k, i] for i in range(d)} | {f"x{i}": r.x[i] for i in range(d)}
            lines = SumLines(
                f"{NAMES[k]}^T x = ", pieces, " = {s}", 13.0 / self.zoom, **values, s=r.scores[k]
            )
            lines.find("s").set_color(theme.FORWARD)
            sums.append(lines)
        self.place([line for s in sums for line in s.lines])
        self.swap_working(VGroup(*sums))
        self.play(FadeIn(g.col_labels[d]))
        for k, lines in enumerate(sums):
            sources = {f"w{i}": g.cell(k + 1, i) for i in range(d)}
            sources |= {f"x{i}": g.cell(0, i) for i in range(d)}
            self.play(*lines.arrive(sources), run_time=1.6)
            cell = g.new_cell(k + 1, d, r.scores[k], theme.FORWARD)
            self.play(travel(lines.find("s"), cell, path_arc=0.4), run_time=0.8)
            self.score_cells.append(cell)
        self.hold(1)
        return {"s1": r.scores[0], "s2": r.scores[1]}

    @step("data-loss")
    def data_loss(self) -> None:
        """Equal scores in, equal data loss out, whichever loss."""
        r = self.result
        same = formula('L_"data" ({a}) = L_"data" ({b})', a=r.scores[0], b=r.scores[1])
        self.place([same])
        boxes = VGroup(*(SurroundingRectangle(c, color=theme.FOCUS) for c in self.score_cells))
        self.swap_working(VGroup(same, boxes))
        self.play(Create(boxes))
        self.play(
            travel_into(same, {"a": self.score_cells[0], "b": self.score_cells[1]}), run_time=1.6
        )
        self.hold(1.5)

    @step("penalty")
    def penalty(self) -> dict[str, Any]:
        """R(w) = Σ w² for both: each weight flies into its square; R into its column."""
        r, g = self.result, self.grid
        d = len(r.x)
        sums = []
        for k in range(2):
            pieces = [f"({{w{i}}})^2" if r.w[k, i] < 0 else f"{{w{i}}}^2" for i in range(d)]
            values = {f"w{i}": r.w[k, i] for i in range(d)}
            lines = SumLines(
                f"R({NAMES[k]}) = ", pieces, " = {r}", 13.0 / self.zoom, **values, r=r.R[k]
            )
            lines.find("r").set_color(theme.LOSS)
            sums.append(lines)
        self.place([self.rule, *(line for s in sums for line in s.lines)])
        self.swap_working(VGroup(*sums))
        self.play(Write(self.rule), FadeIn(g.col_labels[d + 1]), run_time=1.5)
        for k, lines in enumerate(sums):
            self.play(*lines.arrive({f"w{i}": g.cell(k + 1, i) for i in range(d)}), run_time=1.6)
            cell = g.new_cell(k + 1, d + 1, r.R[k], theme.LOSS)
            self.play(travel(lines.find("r"), cell, path_arc=0.4), run_time=0.8)
            self.R_cells.append(cell)
        self.hold(1)
        return {"r1": r.R[0], "r2": r.R[1]}

    @step("lambda-{n}")
    def strength(self, n: int) -> dict[str, Any]:
        """One λ: both penalties, and how much less the preferred vector pays."""
        r, i = self.result, n - 1
        p1, p2, saved = self.row_values(i)
        d = saved.decimals
        if n == 1:
            self.table = self.strength_table()
            self.play(FadeOut(self.working), run_time=0.5)
            self.working = VGroup()
            right = self.table.get_right()[0] + 0.8
            self.panel = (right, self.table.get_top()[1])
            spot = self.rule.copy().scale_to_fit_width(min(self.rule.width, 6.8 - right))
            spot.align_to(RIGHT * right, LEFT).align_to(UP * self.panel[1], UP)
            factor = spot.width / self.rule.width
            self.play(self.rule.animate.scale(factor).move_to(spot.get_center()))
            self.play(FadeIn(self.table.col_labels), run_time=0.6)
        t = self.table
        lam = t.cell(i, 0)
        self.play(FadeIn(lam))
        pays = []
        for k, value in enumerate((p1, p2)):
            t.decimals = d
            pays.append(t.new_cell(i, 1 + k, value.value, theme.LOSS))
            t.decimals = 4
        self.play(*(Converge([lam, self.R_cells[k]], pays[k]) for k in range(2)), run_time=1.4)
        worse, better = 1 - r.preferred, r.preferred
        line = formula(
            "{pa} - {pb} = {lam} dot ({ra} - {rb}) = {gap}",
            pa=r.penalties[i, worse],
            pb=r.penalties[i, better],
            lam=r.lams[i],
            ra=r.R[worse],
            rb=r.R[better],
            gap=r.savings[i],
            decimals=d,
        )
        part(line, "gap").set_color(theme.GOOD)
        fit(line.scale(self.zoom), 13.0).next_to(t, DOWN, buff=0.35).set_x(0)
        sources = {
            "pa": pays[worse],
            "pb": pays[better],
            "lam": lam,
            "ra": self.R_cells[worse],
            "rb": self.R_cells[better],
        }
        self.swap_working(VGroup(line))
        self.play(travel_into(line, sources), run_time=1.6)
        t.decimals = d
        gap = t.new_cell(i, 3, r.savings[i], theme.GOOD)
        t.decimals = 4
        self.play(travel(part(line, "gap"), gap, path_arc=0.4), run_time=0.8)
        self.table.add(*pays, gap)
        self.hold(1)
        verdict = (
            Word("ahead", better=f"w{better + 1}", gap=saved, dr=r.R_gap)
            if r.savings[i] > 0
            else Word("even")
        )
        return {"lam": r.lams[i], "p1": p1, "p2": p2, "verdict": verdict}

    @step("spread")
    def spread(self) -> dict[str, Any]:
        """Bars of both vectors on one scale; the preferred one framed."""
        r = self.result
        d = len(r.x)
        self.play(FadeOut(VGroup(self.table, self.working, self.rule)), run_time=0.6)
        self.working = VGroup()
        low, high = float(min(0.0, r.w.min())), float(max(0.0, r.w.max()))
        y_range = nice_range(low, high, 4)
        charts, all_bars = VGroup(), []
        for k in range(2):
            axes = TickedAxes((0, d + 1, 1), y_range, width=4.4, height=2.0)
            bars = VGroup(
                *(
                    Rectangle(
                        width=0.6 * (axes.c2p(1, 0) - axes.c2p(0, 0))[0],
                        height=max(abs((axes.c2p(0, w) - axes.c2p(0, 0))[1]), 1e-3),
                        stroke_width=0,
                        fill_color=self.colours[k],
                        fill_opacity=0.85,
                    ).move_to((axes.c2p(i + 1, 0) + axes.c2p(i + 1, w)) / 2)
                    for i, w in enumerate(r.w[k])
                )
            )
            name = theme.math(NAMES[k], color=self.colours[k]).next_to(axes, UP, buff=0.15)
            charts.add(VGroup(axes, bars, name))
            all_bars.append(bars)
        charts.arrange(RIGHT, buff=1.2)
        fit(charts, 13.0, self.below - FLOOR - 0.3).set_x(0).align_to(UP * (self.below - 0.15), UP)
        frame = SurroundingRectangle(charts[r.preferred], color=theme.GOOD, buff=0.15)
        self.play(*(FadeIn(c[0]) for c in charts), *(FadeIn(c[2]) for c in charts))
        self.play(AnimationGroup(*(Create(b) for b in all_bars), lag_ratio=0.3), run_time=1.5)
        self.play(Create(frame))
        self.hold(1.5)
        return {"better": f"w{r.preferred + 1}", "r1": r.R[0], "r2": r.R[1]}
