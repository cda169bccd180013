"""Why raw pixels fail: the same photograph under six changes, far in pixels; a different one, no farther."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Group,
    Mobject,
    Rectangle,
    VGroup,
    Write,
)

import dlmath as dm
from scenes.ch1.cv_challenges_params import CvChallengesParams
from scenes.data import photo, texture
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part, rest
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel
from scenes.kit.words import Num, Word
from scenes.widgets.axes import nice_range, ticked_line
from scenes.widgets.images import frame, pixels

__all__ = ["CvChallengesScene"]

#: Thumbnail centres: original, six changes, the different photograph (2 rows of 4).
SLOTS = [(x, y) for y in (1.3, -1.95) for x in (-5.25, -1.75, 1.75, 5.25)]
THUMB_WIDTH = 3.1


class CvChallengesScene(LectureScene[CvChallengesParams]):
    """Viewpoint, scale, illumination, occlusion, deformation, clutter; each pixel distance; the gap."""

    name = "cv-challenges"
    Params = CvChallengesParams

    def construct(self) -> None:
        """The original, one step per change, the different photograph, the semantic gap."""
        p = self.p
        self.result = self.computed(
            dm.vision_challenges(photo(p.image), photo(p.other), texture(p.texture), p.strengths())
        )
        self.distances: dict[str, Mobject] = {}
        self.cells: list[Group] = []
        self.original()
        for name in self.result.changes:
            self.change(name=name)
        self.different()
        self.gap()

    def cell(self, k: int, image: Any, word: str, value: float | None) -> Group:
        """Thumbnail ``k`` with its name above and its distance below (when given)."""
        x, y = SLOTS[k]
        img = pixels(image, width=THUMB_WIDTH, smooth=True).move_to(RIGHT * x + UP * y)
        label = theme.label(word, theme.SMALL_SIZE, theme.MUTED).next_to(img, UP, buff=0.12)
        group = Group(img, frame(img), label)
        if value is not None:
            d = formula("d = {d}", d=value, decimals=0, size=theme.SMALL_SIZE)
            part(d, "d").set_color(theme.FOCUS if k == len(SLOTS) - 1 else theme.FORWARD)
            d.next_to(img, DOWN, buff=0.15)
            group.add(d)
        return group

    @step("original")
    def original(self) -> dict[str, Any]:
        """The photograph, and the distance used throughout: L2 over all pixels."""
        self.title = self.heading()
        first = self.cell(0, self.result.original, self.t("original"), None)
        rule = formula("d = sqrt(sum_p (I_p - I'_p)^2)", size=theme.SMALL_SIZE)
        self.slot0 = first.get_center()
        first.scale(2.0).move_to(DOWN * 0.1)
        rule.next_to(first, DOWN, buff=0.25)
        self.rule = rule
        self.play(FadeIn(self.title))
        self.play(FadeIn(first), run_time=1.0)
        self.play(Write(rule))
        self.cells.append(first)
        self.hold(1)
        return {}

    @step("change-{name}")
    def change(self, name: str) -> dict[str, Any]:
        """One change of the photograph, grown from the original, and its pixel distance."""
        r = self.result
        k = r.changes.index(name) + 1
        value = r.distances[name]
        cell = self.cell(k, r.images[name], self.t(f"change.{name}"), value)
        source = self.cells[0][0]
        if k == 1:
            self.play(FadeOut(self.rule), run_time=0.5)
            self.play(self.cells[0].animate.scale(0.5).move_to(self.slot0), run_time=0.8)
        self.play(
            FadeIn(
                cell[0], target_position=source.get_center(), scale=source.width / cell[0].width
            ),
            FadeIn(cell[1:3]),
            run_time=1.0,
        )
        self.play(FadeIn(cell[3]), run_time=0.8)
        self.distances[name] = part(cell[3], "d")
        self.cells.append(cell)
        self.hold(0.5)
        return {"change": Word(f"change.{name}"), "d": Num(value, 0)}

    @step("different")
    def different(self) -> dict[str, Any]:
        """A different photograph altogether, and its distance."""
        r = self.result
        cell = self.cell(len(SLOTS) - 1, r.other, self.t("different"), r.other_distance)
        self.play(FadeIn(cell[:3]), run_time=1.0)
        self.play(FadeIn(cell[3]), run_time=0.8)
        self.distances["other"] = part(cell[3], "d")
        self.cells.append(cell)
        self.hold(0.5)
        return {"d": Num(r.other_distance, 0)}

    @step("gap")
    def gap(self) -> dict[str, Any]:
        """All distances as bars against the different photograph's: pixels miss the meaning."""
        r = self.result
        names = [*r.changes, "other"]
        values = [*(r.distances[n] for n in r.changes), r.other_distance]
        words = [*(self.t(f"change.{n}") for n in r.changes), self.t("different")]
        start, end, tick = nice_range(0.0, max(values), 5)
        axis = ticked_line(start, end, tick, 8.0)
        line = axis.line
        pitch = 0.62
        top = 2.55
        axis.shift(
            RIGHT * (-2.6 - line.get_left()[0])
            + UP * (top - pitch * len(names) - 0.25 - line.get_y())
        )
        bars, labels, targets = VGroup(), VGroup(), []
        for k, (name, value, word) in enumerate(zip(names, values, words, strict=True)):
            y = top - pitch * (k + 0.5)
            colour = theme.FOCUS if name == "other" else theme.FORWARD
            x0, x1 = line.n2p(0.0)[0], line.n2p(value)[0]
            bars.add(
                Rectangle(
                    width=max(x1 - x0, 0.01),
                    height=pitch * 0.6,
                    stroke_width=0,
                    fill_color=colour,
                    fill_opacity=0.85,
                ).move_to(RIGHT * (x0 + x1) / 2 + UP * y)
            )
            labels.add(
                theme.label(word, theme.SMALL_SIZE, theme.MUTED).next_to(
                    RIGHT * (x0 - 0.25) + UP * y, LEFT, buff=0
                )
            )
            target = formula("{d}", d=value, decimals=0, size=theme.SMALL_SIZE, color=colour)
            targets.append(target.next_to(RIGHT * x1 + UP * y, RIGHT, buff=0.15))
        fit(labels, 4.0)
        keep = [self.distances[n] for n in names]
        leaving = Group(*(m for cell in self.cells for m in cell[:3]))
        leaving.add(*(rest(cell[3], "d") for cell in self.cells[1:]))
        self.play(FadeOut(leaving), run_time=0.8)
        self.play(Create(line), FadeIn(axis.labels), FadeIn(labels), run_time=1.0)
        self.play(
            *(FadeIn(b, shift=RIGHT * 0.3) for b in bars),
            *(travel(src, dst) for src, dst in zip(keep, targets, strict=True)),
            *(FadeOut(src) for src in keep),
            run_time=1.5,
        )
        self.hold(1.5)
        worst = max(r.changes, key=lambda n: r.distances[n])
        return {
            "worst": Word(f"changed.{worst}"),
            "d": Num(r.distances[worst], 0),
            "other": Num(r.other_distance, 0),
        }
