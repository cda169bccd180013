"""The multiclass hinge (SVM) loss, row by row on a table of scores, and why the margin."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    RIGHT,
    UP,
    Create,
    Dot,
    DoubleArrow,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Rectangle,
    VGroup,
    Write,
)

import dlmath as dm
from scenes.ch2.hinge_loss_params import HingeLossParams
from scenes.ch2.hinge_loss_table import HingeTable
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Term, Word
from scenes.widgets.axes import nice_range, ticked_line

__all__ = ["HingeLossScene"]


class HingeLossScene(HingeTable, LectureScene[HingeLossParams]):
    """The hinge loss of a few images, one example at a time, then the mean and the margin."""

    name = "hinge-loss"
    Params = HingeLossParams

    def construct(self) -> None:
        """Scores, the formula, each example's loss, the mean, why the margin."""
        self.result = self.computed(dm.hinge_loss(self.p.scores, self.p.labels, self.p.delta))
        self.lay_out()
        self.show_scores()
        self.show_formula()
        for n in range(1, len(self.p.scores) + 1):
            self.example(n=n)
        self.mean()
        if self.p.delta > 0:
            self.margin()
        else:
            self.no_margin()

    # steps ---------------------------------------------------------------
    @step("scores")
    def show_scores(self) -> None:
        """The table of scores, true classes framed."""
        self.play(FadeIn(self.title))
        self.play(FadeIn(self.grid, lag_ratio=0.05), run_time=1.5)
        self.play(Create(self.true_boxes), FadeIn(self.legend))
        self.hold(1)

    @step("formula")
    def show_formula(self) -> dict[str, Any]:
        """The hinge loss formula with this Δ."""
        self.play(Write(self.general), run_time=2)
        self.play(part(self.general, "d").animate.set_color(theme.FOCUS))
        self.hold(1)
        return {"delta": self.result.delta}

    @step("example-{n}")
    def example(self, n: int) -> dict[str, Any]:
        """One image: each wrong class's margin (its scores travel in), then its loss."""
        r, i = self.result, n - 1
        y = int(r.y[i])
        wrong = [j for j in range(r.scores.shape[1]) if j != y]
        lines = VGroup()
        for j in wrong:
            line = formula(
                "max(0, {sj} - {sy} + {d}) = {m}",
                sj=r.scores[i, j],
                sy=r.scores[i, y],
                d=r.delta,
                m=r.margins[i, j],
            )
            part(line, "sy").set_color(theme.FOCUS)
            part(line, "m").set_color(theme.LOSS if r.margins[i, j] > 0 else theme.GOOD)
            lines.add(line)
        terms = " + ".join(f"{{m{j}}}" for j in wrong)
        total = formula(
            f"L_{n} = {terms} = {{loss}}",
            **{f"m{j}": r.margins[i, j] for j in wrong},
            loss=r.losses[i],
        )
        colour = theme.LOSS if r.losses[i] > 0 else theme.GOOD
        part(total, "loss").set_color(colour)
        self.place_working(VGroup(*lines, total))
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.5)
        self.play(*self.focus_row(i), run_time=0.6)
        for j, line in zip(wrong, lines, strict=True):
            sources = {
                "sj": self.grid.cell(i, j),
                "sy": self.grid.cell(i, y),
                "d": part(self.general, "d"),
            }
            self.play(travel_into(line, sources), run_time=1.3)
        sources = {f"m{j}": part(line, "m") for j, line in zip(wrong, lines, strict=True)}
        self.play(travel_into(total, sources), run_time=1.3)
        cell = self.grid.new_cell(i, r.scores.shape[1], r.losses[i], colour)
        self.play(travel(part(total, "loss"), cell, path_arc=0.4), run_time=1.0)
        self.loss_cells[i] = cell
        self.working = VGroup(*lines, total)
        self.hold(1)
        return {"name": self.row_word(i), "loss": float(r.losses[i])}

    @step("mean")
    def mean(self) -> dict[str, Any]:
        """The mean of the per-image losses: each L_i travels into the sum."""
        r = self.result
        n = len(r.losses)
        parts = " + ".join(f"{{l{i}}}" for i in range(n))
        mean = formula(
            f"L = 1/{n} ({parts}) = {{loss}}",
            **{f"l{i}": r.losses[i] for i in range(n)},
            loss=r.loss,
            size=theme.BODY_SIZE * 1.15,
        )
        part(mean, "loss").set_color(theme.LOSS if r.loss > 0 else theme.GOOD)
        self.place_working(VGroup(mean))
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.5)
        self.play(*self.focus_row(None), run_time=0.5)
        sources = {f"l{i}": self.loss_cells[i] for i in range(n)}
        self.play(travel_into(mean, sources), run_time=1.5)
        self.working = mean
        self.hold(1.5)
        return {"count": n, "loss": r.loss}

    @step("margin")
    def margin(self) -> dict[str, Any]:
        """A true class that wins by less than Δ still costs: a number line with the Δ band."""
        case = self.computed(dm.narrow_win(self.p.scores, self.p.labels, self.p.delta))
        d, y = case.loss.delta, int(self.result.y[case.row])
        self.clear_table()
        start, end, tick = nice_range(case.s_y - 1.7 * d, case.s_y + 0.7 * d, 7)
        axis = ticked_line(start, end, tick, 11.0).move_to(DOWN * 0.2)
        line = axis.line
        band = Rectangle(
            width=line.n2p(case.s_y)[0] - line.n2p(case.s_y - d)[0],
            height=0.55,
            stroke_width=0,
            fill_color=theme.LOSS,
            fill_opacity=0.3,
        ).move_to((line.n2p(case.s_y) + line.n2p(case.s_y - d)) / 2)
        width = DoubleArrow(
            line.n2p(case.s_y - d),
            line.n2p(case.s_y),
            buff=0,
            color=theme.LOSS,
            stroke_width=3,
            tip_length=0.15,
        ).shift(UP * 0.55)
        delta = formula("Delta = {d}", d=d, color=theme.LOSS).next_to(width, UP, buff=0.1)
        marks = VGroup()
        for value, name, color, symbol in (
            (case.s_y, self.class_name(y), theme.FOCUS, "s_y"),
            (case.s_j, self.class_name(case.j), theme.LOSS, "s_j"),
        ):
            dot = Dot(line.n2p(value), radius=0.09, color=color)
            label = formula(f"{symbol} = {{v}}", v=value, color=color)
            word = theme.label(name, theme.SMALL_SIZE, color)
            marks.add(VGroup(dot, label, word))
        # labels below the line, under the tick numbers, so the band above stays clear
        for k, mark in enumerate(marks):
            mark[1].next_to(axis.labels, DOWN, buff=0.3 + 0.55 * k).set_x(mark[0].get_x())
            mark[2].next_to(mark[1], RIGHT, buff=0.2)
        caption_key = "case.data" if case.from_data else "case.built"
        caption_word = Word(
            caption_key,
            row=self.row_word(case.row),
            true=Term(self.p.classes[y]),
            wrong=Term(self.p.classes[case.j]),
        )
        caption = theme.label(self.t(caption_word.key, **caption_word.values), theme.BODY_SIZE)
        fit(caption, 13.0).next_to(self.general, DOWN, buff=0.45)
        working = formula(
            "max(0, {sj} - {sy} + {d}) = {m}",
            sj=case.s_j,
            sy=case.s_y,
            d=d,
            m=float(case.loss.margins[1]),
        )
        part(working, "m").set_color(theme.LOSS)
        working.to_edge(DOWN, buff=0.6)
        self.play(FadeIn(caption))
        self.play(Create(line), FadeIn(axis.labels))
        self.play(*(GrowFromCenter(m[0]) for m in marks), *(FadeIn(m[1:]) for m in marks))
        self.play(FadeIn(band), GrowFromCenter(width), FadeIn(delta))
        sources = {
            "sj": part(marks[1][1], "v"),
            "sy": part(marks[0][1], "v"),
            "d": part(delta, "d"),
        }
        self.play(travel_into(working, sources), run_time=1.5)
        self.hold(1.5)
        return {
            "case": caption_word,
            "sy": case.s_y,
            "sj": case.s_j,
            "lead": case.lead,
            "delta": d,
            "loss": float(case.loss.loss),
        }

    @step("no-margin")
    def no_margin(self) -> dict[str, Any]:
        """With Δ = 0 a win by any amount costs nothing."""
        self.clear_table()
        note = theme.label(self.t("no_margin"), theme.BODY_SIZE, line_spacing=1.2)
        fit(note, 13.0).move_to(DOWN * 0.3)
        self.play(FadeIn(note))
        self.hold(1.5)
        return {"delta": self.result.delta}
