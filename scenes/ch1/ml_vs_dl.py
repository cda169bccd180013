"""Machine learning against deep learning: features made by hand or learned; data sets the ceiling."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    Group,
    Mobject,
    Rectangle,
    RoundedRectangle,
    VGroup,
    VMobject,
)

import dlmath as dm
from scenes.ch1.ml_vs_dl_params import MlVsDlParams
from scenes.data import photo
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.scene import LectureScene, step
from scenes.kit.words import Term
from scenes.widgets.images import frame, pixels

__all__ = ["MlVsDlScene"]

#: Centres of the pipeline's columns: data, features, classifier, answer.
COLUMNS = (-5.3, -1.3, 2.6, 5.5)
#: Heights of the machine-learning and the deep-learning rows.
ROWS = (0.95, -2.25)
#: Histogram bars are drawn in the channel's own colour (data, not the theme).
CHANNEL_COLOURS = ("#E0413A", "#3DB44B", "#3C78D8")


def box(word: str, width: float, height: float, colour: str) -> VGroup:
    """A rounded box with a word in it."""
    frame_ = RoundedRectangle(
        corner_radius=0.12, width=width, height=height, color=colour, stroke_width=2.5
    )
    text = theme.label(word, theme.SMALL_SIZE)
    fit(text, width - 0.25, height - 0.15)
    return VGroup(frame_, text.move_to(frame_))


def arrow(a: Mobject, b: Mobject) -> Arrow:
    """A muted arrow from ``a``'s right edge to ``b``'s left edge."""
    return Arrow(
        a.get_right(), b.get_left(), buff=0.15, color=theme.MUTED, stroke_width=3, tip_length=0.18
    )


class MlVsDlScene(LectureScene[MlVsDlParams]):
    """One photograph, two pipelines (hand-made and learned features), and the ceiling data sets."""

    name = "ml-vs-dl"
    Params = MlVsDlParams

    def construct(self) -> None:
        """The pipeline, the hand-made features, the learned ones, the ceiling."""
        image = photo(self.p.image)
        self.image = image
        self.edges = self.computed(dm.edge_strength(dm.resize(image, (90, 135))))
        self.histogram = self.computed(dm.colour_histogram(image, self.p.bins))
        self.pipeline()
        self.by_hand()
        self.learned()
        self.ceiling()

    def thumb(self, y: float) -> Group:
        """The photograph in the data column at height ``y``."""
        img = pixels(self.image, width=2.0, smooth=True).move_to(RIGHT * COLUMNS[0] + UP * y)
        return Group(img, frame(img))

    def answer(self, y: float) -> Mobject:
        """The classifier's answer (the class name) at height ``y``."""
        return theme.label(self.term(self.p.answer), theme.BODY_SIZE, theme.GOOD).move_to(
            RIGHT * COLUMNS[3] + UP * y
        )

    @step("pipeline")
    def pipeline(self) -> dict[str, Any]:
        """Data, features, classifier, answer: the headers of both rows."""
        self.title = self.heading()
        words = [self.t(f"stage.{k}") for k in ("data", "features", "classifier", "answer")]
        heads = [theme.label(w, theme.BODY_SIZE, theme.MUTED) for w in words]
        for h, x in zip(heads, COLUMNS, strict=True):
            h.move_to(RIGHT * x + UP * 2.75)
        arrows = [
            Arrow(
                heads[k].get_right(),
                heads[k + 1].get_left(),
                buff=0.2,
                color=theme.MUTED,
                stroke_width=3,
                tip_length=0.18,
            )
            for k in range(3)
        ]
        self.heads = VGroup(*heads, *arrows)
        self.play(FadeIn(self.title))
        for k, h in enumerate(heads):
            self.play(FadeIn(h), *([Create(arrows[k - 1])] if k else []), run_time=0.6)
        self.hold(1)
        return {}

    @step("by-hand")
    def by_hand(self) -> dict[str, Any]:
        """Machine learning: a person chooses the features (edges, colour histograms)."""
        y = ROWS[0]
        name = theme.label(self.t("ml"), theme.BODY_SIZE, theme.FOCUS)
        data = self.thumb(y)
        name.next_to(data, UP, buff=0.2)
        edges = pixels(self.edges, height=1.3, vmax=float(self.edges.max()))
        hist = self.histogram_bars(1.3)
        features = Group(Group(edges, frame(edges)), hist).arrange(RIGHT, buff=0.3)
        features.move_to(RIGHT * COLUMNS[1] + UP * y)
        hand = theme.label(self.t("hand"), theme.SMALL_SIZE, theme.FOCUS).next_to(
            features, UP, buff=0.2
        )
        clf = box(self.t("stage.classifier"), 2.0, 1.0, theme.FORWARD).move_to(
            RIGHT * COLUMNS[2] + UP * y
        )
        out = self.answer(y)
        links = [arrow(data, features), arrow(features, clf), arrow(clf, out)]
        self.play(FadeIn(name), FadeIn(data))
        self.play(Create(links[0]), FadeIn(features), FadeIn(hand), run_time=1.2)
        self.play(Create(links[1]), FadeIn(clf))
        self.play(Create(links[2]), FadeIn(out))
        self.hold(1)
        return {}

    def histogram_bars(self, height: float) -> VGroup:
        """The colour histogram: for each channel a row of bars, tallest bin to ``height``."""
        h = self.histogram
        bars = VGroup()
        width = 1.8 / (h.shape[1] * h.shape[0] + h.shape[0] - 1)
        top = float(h.max())
        for c in range(h.shape[0]):
            for k in range(h.shape[1]):
                tall = max(height * float(h[c, k]) / top, 0.01)
                bar = Rectangle(
                    width=width * 0.9,
                    height=tall,
                    stroke_width=0,
                    fill_color=CHANNEL_COLOURS[c % 3],
                    fill_opacity=0.9,
                )
                bar.move_to(RIGHT * width * (c * (h.shape[1] + 1) + k), aligned_edge=DOWN)
                bars.add(bar)
        base = Rectangle(width=bars.width + 0.1, height=0.001, color=theme.MUTED, stroke_width=1.5)
        return VGroup(bars, base.next_to(bars, DOWN, buff=0).align_to(bars, LEFT))

    @step("learned")
    def learned(self) -> dict[str, Any]:
        """Deep learning: layers learn the features from the data, with the classifier."""
        y = ROWS[1]
        name = theme.label(self.t("dl"), theme.BODY_SIZE, theme.FOCUS)
        data = self.thumb(y)
        name.next_to(data, UP, buff=0.2)
        layers = VGroup(
            *(
                box(self.t(f"layer.{k}"), 1.15, 1.0 + 0.2 * i, theme.FORWARD)
                for i, k in enumerate(("edges", "parts", "objects"))
            )
        ).arrange(RIGHT, buff=0.22)
        layers.move_to(RIGHT * COLUMNS[1] + UP * y)
        learnt = theme.label(self.t("learnt"), theme.SMALL_SIZE, theme.FOCUS).next_to(
            layers, UP, buff=0.2
        )
        clf = box(self.t("stage.classifier"), 2.0, 1.0, theme.FORWARD).move_to(
            RIGHT * COLUMNS[2] + UP * y
        )
        out = self.answer(y)
        links = [arrow(data, layers), arrow(layers, clf), arrow(clf, out)]
        self.play(FadeIn(name), FadeIn(data))
        self.play(Create(links[0]))
        self.play(FadeIn(layers, lag_ratio=0.4), FadeIn(learnt), run_time=1.5)
        self.play(Create(links[1]), FadeIn(clf))
        self.play(Create(links[2]), FadeIn(out))
        self.hold(1)
        return {"answer": Term(self.p.answer)}

    @step("ceiling")
    def ceiling(self) -> dict[str, Any]:
        """Data and features set the ceiling; algorithm and parameters only approach it."""
        keep = {id(self.title)}
        self.play(FadeOut(Group(*(m for m in self.mobjects if id(m) not in keep))), run_time=0.8)
        origin = LEFT * 4.6 + DOWN * 2.8
        x_axis = Arrow(origin, origin + RIGHT * 9.6, buff=0, color=theme.MUTED, stroke_width=3)
        y_axis = Arrow(origin, origin + UP * 5.4, buff=0, color=theme.MUTED, stroke_width=3)
        x_name = theme.label(self.t("axes.effort"), theme.SMALL_SIZE, theme.MUTED)
        x_name.next_to(x_axis, DOWN, buff=0.15)
        y_name = theme.label(self.t("axes.quality"), theme.SMALL_SIZE, theme.MUTED)
        y_name.next_to(y_axis, UP, buff=0.12).align_to(y_axis, LEFT)
        self.play(Create(x_axis), Create(y_axis), FadeIn(x_name), FadeIn(y_name))
        for level, colour, key in ((2.6, theme.MUTED, "noisy"), (4.4, theme.GOOD, "clean")):
            cap = DashedLine(origin + UP * level, origin + UP * level + RIGHT * 9.2, color=colour)
            word = theme.label(self.t(f"ceiling.{key}"), theme.SMALL_SIZE, colour)
            word.next_to(cap, UP, buff=0.1).align_to(cap, RIGHT)
            # an illustration, not data: a run that rises fast and levels off under its ceiling
            shape = [(0.0, 0.0), (1.5, 0.55), (3.0, 0.8), (5.0, 0.93), (9.0, 0.985)]
            curve = VMobject(color=colour, stroke_width=4)
            curve.set_points_smoothly([origin + RIGHT * x + UP * level * f for x, f in shape])
            self.play(Create(cap), FadeIn(word), run_time=0.8)
            self.play(Create(curve), run_time=1.4)
        self.hold(1.5)
        return {}
