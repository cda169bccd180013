"""The softmax loss column by column (scores, exp, probabilities, −ln), then against the hinge loss."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    Line,
    MoveAlongPath,
    ReplacementTransform,
    Transform,
    VGroup,
)

import dlmath as dm
from scenes.ch2.softmax_layout import FLOOR, TableWorking
from scenes.ch2.softmax_params import SoftmaxParams
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part, rest
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Join, Num, Term
from scenes.widgets.loss_curves import LossCurves
from scenes.widgets.merge import Converge

__all__ = ["SoftmaxScene"]


class SoftmaxScene(TableWorking, LectureScene[SoftmaxParams]):
    """Scores → exp → normalise → −ln p of the true class; then hinge and softmax side by side."""

    name = "softmax"
    Params = SoftmaxParams

    def construct(self) -> None:
        """The table's columns one by one, the loss and its base-10 slip, then hinge against softmax."""
        self.result = self.computed(dm.softmax_loss(self.p.scores, self.p.label))
        self.hinge = self.computed(dm.hinge_loss(self.p.scores, self.p.label))
        self.lay_out()
        self.show_scores()
        self.exponentiate()
        self.normalise()
        self.loss()
        self.base_ten()
        self.versus()
        self.grow()
        self.never_zero()

    # steps ---------------------------------------------------------------
    @step("scores")
    def show_scores(self) -> dict[str, Any]:
        """The scores, one row per class; the true class framed."""
        self.play(FadeIn(self.title))
        table = VGroup(self.grid.body, self.grid.row_labels[:-1], self.grid.col_labels[0])
        self.play(FadeIn(table, lag_ratio=0.05), run_time=1.2)
        self.play(Create(self.true_box))
        self.hold(1)
        return {"name": Term(self.p.classes[self.p.label])}

    @step("exp")
    def exponentiate(self) -> dict[str, Any]:
        """Each score flies into e^s; each result into the e^s column."""
        r = self.result
        n = len(r.scores)
        lines = [formula("e^({s}) = {e}", s=r.scores[c], e=r.exp[c]) for c in range(n)]
        for line in lines:
            part(line, "e").set_color(theme.FORWARD)
        self.working = self.beside_rows(lines)
        wider = self.grid.row_box(self.p.label, cols=2)
        self.play(FadeIn(self.grid.col_labels[1]), Transform(self.true_box, wider))
        self.play(
            AnimationGroup(
                *(travel_into(line, {"s": self.grid.cell(c, 0)}) for c, line in enumerate(lines)),
                lag_ratio=0.3,
            ),
            run_time=2,
        )
        flights = [
            travel(part(line, "e"), self.cell(c, 1, r.exp[c])) for c, line in enumerate(lines)
        ]
        self.play(AnimationGroup(*flights, lag_ratio=0.2), run_time=1.5)
        self.hold(1)
        return {"exps": Join([float(v) for v in r.exp])}

    @step("normalise")
    def normalise(self) -> dict[str, Any]:
        """The sum of e^s, then each e^s divided by it: the probabilities."""
        r = self.result
        n = len(r.scores)
        self.clear_working()
        half = self.grid.col_width * 0.45
        below = self.grid.slot(n - 1, 1) + DOWN * self.grid.row_height / 2
        rule = Line(below + LEFT * half, below + RIGHT * half, color=theme.MUTED, stroke_width=2)
        self.play(FadeIn(self.grid.row_labels[-1]), Create(rule), run_time=0.6)
        footer = self.cell(n, 1, float(r.exp_sum))
        self.play(Converge([self.cells[c, 1] for c in range(n)], footer), run_time=1.5)
        self.table_extras = VGroup(rule)
        lines = [
            formula(
                "{e} slash {t} = {p}",
                e=r.exp[c],
                t=float(r.exp_sum),
                p=r.probs[c],
                decimals=self.places(c),
            )
            for c in range(n)
        ]
        for line in lines:
            part(line, "p").set_color(theme.FORWARD)
        self.working = self.beside_rows(lines)
        wider = self.grid.row_box(self.p.label, cols=3)
        self.play(FadeIn(self.grid.col_labels[2]), Transform(self.true_box, wider))
        arrivals = [
            travel_into(line, {"e": self.cells[c, 1], "t": footer}) for c, line in enumerate(lines)
        ]
        self.play(AnimationGroup(*arrivals, lag_ratio=0.2), run_time=2)
        flights = [
            travel(part(line, "p"), self.cell(c, 2, r.probs[c], decimals=self.places(c)))
            for c, line in enumerate(lines)
        ]
        self.play(AnimationGroup(*flights, lag_ratio=0.2), run_time=1.5)
        self.hold(1)
        probs = [Num(float(v), self.places(c)) for c, v in enumerate(r.probs)]
        return {"total": float(r.exp_sum), "probs": Join(probs)}

    @step("loss")
    def loss(self) -> dict[str, Any]:
        """−ln of the true class's probability (its base-10 slip is laid out below, unseen)."""
        r, y = self.result, self.p.label
        self.clear_working()
        d = self.places(y)
        words, line, slip = self.loss_lines()
        self.slip = (words[1], slip)
        self.play(FadeIn(words[0]), travel_into(line, {"p": self.cells[y, 2]}), run_time=1.6)
        self.working = VGroup(words[0], line)
        self.hold(1)
        return {"p": Num(float(r.probs[y]), d), "loss": Num(r.loss, d)}

    @step("base-ten")
    def base_ten(self) -> dict[str, Any]:
        """The base-10 slip of older slides, struck through."""
        r, y = self.result, self.p.label
        word, slip = self.slip
        number = part(slip, "slip")
        strike = Line(number.get_left(), number.get_right(), color=theme.LOSS, stroke_width=4)
        self.play(FadeIn(word), travel_into(slip, {"p": self.cells[y, 2]}), run_time=1.6)
        self.play(Create(strike), run_time=0.6)
        self.working.add(word, slip, strike)
        self.hold(1)
        d = self.places(y)
        return {"slip": Num(float(r.log10_losses), d), "loss": Num(r.loss, d)}

    @step("versus")
    def versus(self) -> dict[str, Any]:
        """Hinge and softmax on the same scores."""
        r, h, y = self.result, self.hinge, self.p.label
        self.clear_working()
        wrong, hinge_lines, heads, panel = self.versus_panel()
        self.play(FadeIn(heads[0]))
        for j, line in zip(wrong, hinge_lines, strict=True):
            sources = {"sj": self.grid.cell(j, 0), "sy": self.grid.cell(y, 0)}
            self.play(travel_into(line, sources), run_time=1.0)
        self.play(FadeIn(self.hinge_total))
        self.play(FadeIn(heads[1]), travel_into(self.soft_total, {"p": self.cells[y, 2]}))
        self.working = panel
        self.hold(1)
        return {"hinge": h.loss, "softmax": Num(r.loss, self.places(y))}

    @step("grow")
    def grow(self) -> dict[str, Any]:
        """Both losses as the true score grows: hinge reaches 0 and stays, softmax keeps falling."""
        r, y = self.result, self.p.label
        x_range = self.score_range()
        sweep = self.computed(self.sweep(x_range))
        names = [self.t("hinge"), self.t("softmax")]
        plot = LossCurves(sweep, x_range, names, self.t("axis_x"), self.t("axis_y"))
        top = self.title.get_bottom()[1] - 0.4
        fit(plot, 13.0, top - FLOOR).set_x(0).align_to(UP * top, UP)
        s_y = float(r.scores[y])
        starts = [self.hinge.loss, r.loss]
        dots = [plot.dot(k, s_y, v) for k, v in enumerate(starts)]
        marks = [d.copy().set_opacity(0.5) for d in dots]
        labels = plot.labels(s_y, starts, [2, self.places(y)])
        totals = [self.hinge_total, self.soft_total]
        numbers = [part(t, "l") for t in totals]
        leaving = VGroup(self.grid, self.true_box, self.table_extras, *self.cells.values())
        leaving.add(*(m for m in self.working if m not in totals), *(rest(t, "l") for t in totals))
        self.play(FadeOut(leaving), run_time=0.6)
        self.play(
            FadeIn(plot.axes),
            FadeIn(plot.legend),
            *(
                ReplacementTransform(n, lab, path_arc=0.3)
                for n, lab in zip(numbers, labels, strict=True)
            ),
            run_time=1.2,
        )
        self.play(*(Create(c) for c in plot.curves), FadeIn(VGroup(*dots, *marks)), run_time=2)
        paths = [plot.path(k, s_y) for k in range(2)]
        self.play(*(MoveAlongPath(d, p) for d, p in zip(dots, paths, strict=True)), run_time=3)
        zero = plot.zero_mark()
        self.play(Create(zero[0]), FadeIn(zero[1]))
        self.plot, self.dots = plot, dots
        self.hold(1)
        return {"name": Term(self.p.classes[y]), "zero": sweep.hinge_zero_at}

    @step("never-zero")
    def never_zero(self) -> dict[str, Any]:
        """At the end of the range hinge is 0, softmax still positive."""
        sweep = self.plot.sweep
        end = float(sweep.true_scores[-1])
        values = (float(sweep.hinge[-1]), float(sweep.softmax[-1]))
        head = formula("s_y = {t}", t=end, color=theme.MUTED)
        lines = [
            formula("L = {l}", l=v, color=c, decimals=4)
            for v, c in zip(values, self.plot.colours, strict=True)
        ]
        block = VGroup(head, *lines).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        block.next_to(self.plot.corner(), DOWN + LEFT, buff=0)
        ends = [self.plot.point(end, v) for v in values]
        pointer = DashedLine(
            block.get_bottom() + DOWN * 0.1, ends[1] + UP * 0.15, color=theme.MUTED
        )
        self.play(FadeIn(block), Create(pointer))
        self.hold(1.5)
        return {"end": end, "soft": Num(values[1], 4)}
