"""The chapter title card as a lecture scene: the lecture's name, the chapter's number and title."""

from __future__ import annotations

from typing import Any

from manim import DOWN, UP, FadeIn, VGroup, config

from scenes.kit import theme
from scenes.kit.scene import LectureScene, step
from scenes.production.titlecard import TitleCardParams

__all__ = ["TitleCardScene"]


class TitleCardScene(LectureScene[TitleCardParams]):
    """One step: the lecture's title, then "Chapter N" over the chapter's title (the scene cuts in)."""

    name = "title-card"
    Params = TitleCardParams

    def construct(self) -> None:
        """The card."""
        self.card()

    @step("card")
    def card(self) -> dict[str, Any]:
        """Show the chapter and hold it."""
        lecture = theme.label(self.t("title"), size=theme.SMALL_SIZE, color=theme.MUTED)
        number = theme.label(self.t("number"), size=theme.BODY_SIZE, color=theme.FOCUS)
        title = theme.label(self.t("chapter"), size=theme.TITLE_SIZE)
        room = config.frame_width - 2 * (theme.FRAME_MARGIN + 0.4)
        for line in (lecture, title):
            if line.width > room:  # a long title (another language) shrinks to fit
                line.scale_to_fit_width(room)
        body = VGroup(number, title).arrange(DOWN, buff=0.35)
        lecture.to_edge(UP, buff=0.6)
        self.play(FadeIn(lecture), FadeIn(body, shift=0.2 * UP), run_time=0.6)
        self.hold(self.p.hold)
        return {}
