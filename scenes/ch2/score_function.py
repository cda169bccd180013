"""The linear score function f(x, W, b) = Wx + b, row by row on a tiny image; rows as templates."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    AnimationGroup,
    Create,
    FadeIn,
    FadeOut,
    Line,
    Mobject,
    ReplacementTransform,
    SurroundingRectangle,
    VGroup,
    Write,
)

import dlmath as dm
from scenes.ch2.score_function_layout import FLOOR, EquationLayout, arrange_blocks
from scenes.ch2.score_function_params import ScoreFunctionParams
from scenes.kit import theme
from scenes.kit.numbers import formula, num, part, rest
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Term, Word
from scenes.widgets.legend import Legend
from scenes.widgets.picture import PixelPicture
from scenes.widgets.sums import SumLines

__all__ = ["ScoreFunctionScene"]


class ScoreFunctionScene(EquationLayout, LectureScene[ScoreFunctionParams]):
    """Pixels into a column, Wx + b one class at a time, the missing-bias slip, templates."""

    name = "score-function"
    Params = ScoreFunctionParams

    def construct(self) -> None:
        """Image, equation, each class's score, the bias, templates, the verdict."""
        self.result = self.computed(dm.score_function(self.p.W, self.p.x, self.p.b))
        self.lay_out()
        self.show_image()
        self.equation()
        for n in range(1, len(self.p.W) + 1):
            self.row(n=n)
        biased = np.flatnonzero(self.result.b != 0)
        if biased.size:
            self.bias(i=int(biased[-1]))
        else:
            self.no_bias()
        self.templates()
        self.verdict()

    # steps ---------------------------------------------------------------
    @step("image")
    def show_image(self) -> dict[str, Any]:
        """The image's pixels, then each pixel flies into its place in the column x."""
        self.play(FadeIn(self.title), FadeIn(self.caption), FadeIn(self.image))
        self.hold(0.5)
        flights = [
            travel(self.image.pixel(k), self.x_grid.cell(k, 0)) for k in range(len(self.result.x))
        ]
        self.play(AnimationGroup(*flights, lag_ratio=0.25), FadeIn(self.headers[1]), run_time=2)
        self.hold(1)
        return {"count": len(self.result.x)}

    @step("equation")
    def equation(self) -> None:
        """The rule f = Wx + b and its pieces: W with a row per class, b, the empty scores."""
        self.play(FadeOut(VGroup(self.caption, self.image)), run_time=0.5)
        self.play(Write(self.rule), run_time=1.5)
        self.play(
            FadeIn(self.W_grid, lag_ratio=0.03),
            FadeIn(self.b_grid),
            FadeIn(self.operators),
            FadeIn(self.headers[0]),
            FadeIn(self.headers[2:]),
            run_time=1.5,
        )
        self.hold(1)

    @step("row-{n}")
    def row(self, n: int) -> dict[str, Any]:
        """Class ``n``: each weight times its pixel, summed, plus the bias; the score flies out."""
        r, i = self.result, n - 1
        d = len(r.x)
        name = theme.label(self.class_name(i), theme.BODY_SIZE, theme.FOCUS)
        width = 13.2 / 1.15 - name.width - 0.35
        values = {f"w{k}": r.W[i, k] for k in range(d)} | {f"x{k}": r.x[k] for k in range(d)}
        products = [f"{{w{k}}} dot {{x{k}}}" for k in range(d)]
        first = SumLines("s = ", [*products, "{b}"], "", width, **values, b=r.b[i])
        values = {f"p{k}": r.products[i, k] for k in range(d)}
        sums = [f"{{p{k}}}" for k in range(d)]
        second = SumLines("= ", [*sums, "{b}"], " = {s}", width, **values, b=r.b[i], s=r.scores[i])
        second.find("s").set_color(theme.FORWARD)
        lines = VGroup(*first.lines, *second.lines).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        equals = rest(first.lines[0], *first.names[0])[1]
        for line in lines[1:]:
            line.align_to(equals, LEFT)
        name.next_to(first.lines[0], LEFT, buff=0.35)
        working = self.place_working(VGroup(name, lines).scale(1.15))
        self.clear_working()
        self.marks = self.frame_row(i)
        self.play(*self.focus(i), Create(self.marks), run_time=0.6)
        sources: dict[str, Mobject] = {"b": self.b_grid.cell(i, 0)}
        for k in range(d):
            sources[f"w{k}"] = self.W_grid.cell(i, k)
            sources[f"x{k}"] = self.x_grid.cell(k, 0)
        slow = 2.2 if n == 1 else 1.4
        self.play(FadeIn(name), *first.arrive(sources), run_time=slow)
        pairs: dict[str, Mobject] = {"b": first.find("b")}
        for k in range(d):
            pairs[f"p{k}"] = VGroup(first.find(f"w{k}"), first.find(f"x{k}"))
        self.play(*second.arrive(pairs), run_time=slow)
        cell = self.s_grid.new_cell(i, 0, r.scores[i], theme.FORWARD)
        self.play(travel(second.find("s"), cell, path_arc=0.4), run_time=1.0)
        self.score_cells[i] = cell
        self.working = working
        self.hold(1)
        return {"name": Term(self.p.classes[i]), "b": r.b[i], "score": r.scores[i]}

    @step("bias")
    def bias(self, i: int) -> dict[str, Any]:
        """The slip: class ``i``'s score without its bias, then with it."""
        r = self.result
        without = formula("s = {dot}", dot=r.dots[i])
        part(without, "dot").set_color(theme.LOSS)
        with_b = formula("s = {dot} + {b} = {s}", dot=r.dots[i], b=r.b[i], s=r.scores[i])
        part(with_b, "s").set_color(theme.FORWARD)
        words = [
            theme.label(self.t("without"), theme.BODY_SIZE, theme.LOSS),
            theme.label(self.t("with"), theme.BODY_SIZE, theme.FORWARD),
        ]
        VGroup(without, with_b).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        for word, line in zip(words, (without, with_b), strict=True):
            word.next_to(line, LEFT, buff=0.35)
        left = min(word.get_left()[0] for word in words)
        for word in words:
            word.align_to(RIGHT * left, LEFT)
        table = VGroup(*words, without, with_b)
        self.place_working(table.scale(1.15))
        self.clear_working()
        self.marks = self.frame_row(i)
        self.play(*self.focus(i), Create(self.marks), run_time=0.6)
        self.play(FadeIn(words[0]), FadeIn(without))
        number = part(without, "dot")
        strike = Line(
            number.get_left() + LEFT * 0.04, number.get_right() + RIGHT * 0.04, color=theme.LOSS
        )
        self.play(Create(strike), run_time=0.6)
        sources = {
            "dot": number,
            "b": self.b_grid.cell(i, 0),
            "s": self.score_cells[i],
        }
        self.play(FadeIn(words[1]), travel_into(with_b, sources), run_time=1.8)
        self.working = VGroup(table, strike)
        self.hold(1)
        return {
            "name": Term(self.p.classes[i]),
            "dot": r.dots[i],
            "b": r.b[i],
            "score": r.scores[i],
        }

    @step("no-bias")
    def no_bias(self) -> None:
        """Every bias is 0: Wx alone gives the scores."""
        self.clear_working()
        self.play(*self.focus(None), self.b_grid.animate.set_color(theme.MUTED))
        self.hold(1)

    @step("templates")
    def templates(self) -> None:
        """Each row of W folds into the image's shape beside the image; its score below it."""
        r = self.result
        n_classes, d = r.W.shape
        self.clear_working()
        image = PixelPicture(r.x)
        caption = theme.label(self.t("image_of", name=self.class_name(self.p.label)))
        caption.set_color(theme.FOCUS)
        blocks = [VGroup(caption, image).arrange(DOWN, buff=0.25)]
        names, plates, scores = [], [], []
        for c in range(n_classes):
            plate = PixelPicture(r.W[c])
            name = theme.label(self.class_name(c), theme.SMALL_SIZE)
            score = num(r.scores[c], color=theme.FORWARD)
            blocks.append(VGroup(name, plate, score).arrange(DOWN, buff=0.25))
            names.append(name)
            plates.append(plate)
            scores.append(score)
        top, bottom = self.rule.get_bottom()[1] - 0.6, FLOOR + 0.55
        row = arrange_blocks(blocks, 13.2, top - bottom, most=1.4)
        row.move_to(np.array([0.0, (top + bottom) / 2, 0.0]))
        self.play(
            FadeOut(VGroup(self.operators, self.headers, self.b_grid)),
            *self.focus(None),
            run_time=0.6,
        )
        self.remove(self.W_grid, self.x_grid)
        moves = [ReplacementTransform(self.x_grid.cell(k, 0), image.pixel(k)) for k in range(d)]
        for c in range(n_classes):
            moves.append(ReplacementTransform(self.W_grid.row_labels[c], names[c]))
            moves += [
                ReplacementTransform(self.W_grid.cell(c, k), plates[c].pixel(k)) for k in range(d)
            ]
            moves.append(ReplacementTransform(self.score_cells[c], scores[c]))
        outlines = [image.squares, *(p.squares for p in plates)]
        self.play(*moves, FadeIn(caption), *(Create(o) for o in outlines), run_time=2.2)
        self.blocks, self.names, self.scores = blocks, names, scores
        self.hold(1.5)

    @step("verdict")
    def verdict(self) -> dict[str, Any]:
        """The highest score: right if it is the true class, else the weights are untrained."""
        r, y = self.result, self.p.label
        right = r.best == y
        colour = theme.GOOD if right else theme.LOSS
        frame = SurroundingRectangle(self.blocks[r.best + 1], color=colour)
        legend = Legend([(colour, self.t("legend.best")), (theme.FOCUS, self.t("legend.true"))])
        legend.to_corner(DOWN + LEFT, buff=0.35)
        self.play(Create(frame), FadeIn(legend), self.names[y].animate.set_color(theme.FOCUS))
        self.hold(1.5)
        values = {
            "best": Term(self.p.classes[r.best]),
            "top": r.scores[r.best],
            "true": Term(self.p.classes[y]),
            "own": r.scores[y],
        }
        key = "verdict_right" if right else "verdict_wrong"
        return {"verdict": Word(key, **values)}
