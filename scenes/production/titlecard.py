"""Chapter title cards of a joined video: jobs rendered like scenes, kept in the cache only.

A title card is a tiny :class:`~scenes.kit.scene.LectureScene` (one step, the
chapter's number and title from the glossary's ``chapter``, ``chapters`` and
``lecture`` words in every language) rendered by the same pipeline as the
scenes, at the same quality and theme, so its video can be stream-copied
beside theirs. Never imports Manim (the scene lives in
:mod:`scenes.production.titlecard_scene`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import Field

from scenes.kit import registry
from scenes.kit.params import SceneParams
from scenes.kit.words import glossary
from scenes.production.job import RenderJob

if TYPE_CHECKING:
    from scenes.kit.scene import LectureScene

__all__ = [
    "TitleCardParams",
    "TitleJob",
    "chapter_heading",
    "chapter_title",
    "title_jobs",
    "title_words",
]


class TitleCardParams(SceneParams):
    """Which chapter the card opens, and how long it holds at least (seconds)."""

    chapter: int = Field(1, ge=1, description="chapter number (its title is in the glossary)")
    hold: float = Field(2.0, ge=0.5, le=10.0, description="shortest time on screen, seconds")


def chapter_title(chapter: int, lang: str) -> tuple[str, str]:
    """``("Chapter 2", "Forward and backward propagation")`` in ``lang``."""
    table = glossary()[lang].table
    titles = table.get("chapters", [])
    title = titles[chapter - 1] if 0 < chapter <= len(titles) else ""
    return str(table.get("chapter", "{n}")).format(n=chapter), str(title)


def chapter_heading(chapter: int, lang: str) -> str:
    """``"Chapter 2: Forward and backward propagation"`` (the glossary's ``chapter_heading``)."""
    number, title = chapter_title(chapter, lang)
    form = str(glossary()[lang].table.get("chapter_heading", "{chapter}: {title}"))
    return form.format(chapter=number, title=title)


def title_words(chapter: int) -> dict[str, Any]:
    """Words tables of the card in every language (its one step's subtitle names the chapter)."""
    tables: dict[str, Any] = {}
    for code, language in glossary().items():
        number, title = chapter_title(chapter, code)
        lecture = str(language.table.get("lecture", ""))
        tables[code] = {
            "title": lecture,
            "description": chapter_heading(chapter, code),
            "number": number,
            "chapter": title,
            "steps": {"card": chapter_heading(chapter, code)},
        }
    return tables


@dataclass(frozen=True)
class TitleJob(RenderJob):
    """The render job of one chapter's title card (stem ``title-chN``; never published)."""

    @property
    def chapter(self) -> int:
        """The chapter the card opens."""
        return int(getattr(self.params, "chapter", 0))

    def scene_class(self) -> type[LectureScene[Any]]:
        """The title-card scene (imports Manim)."""
        from scenes.production.titlecard_scene import TitleCardScene

        return TitleCardScene


def title_jobs(jobs: tuple[RenderJob, ...] | list[RenderJob]) -> list[TitleJob]:
    """One title card per chapter that the jobs begin, per language and theme, at their quality."""
    chapters = {e.name: e.chapter for e in registry.LECTURE}
    seen: dict[tuple[int, str, str, str], TitleJob] = {}
    for job in jobs:
        chapter = chapters.get(job.name)
        if chapter is None or job.video_ext != "mp4":
            continue
        k = (chapter, job.lang, job.theme, job.quality)
        if k not in seen:
            seen[k] = TitleJob(
                f"title-ch{chapter}",
                TitleCardParams(chapter=chapter, hold=2.0),
                quality=job.quality,
                fmt="mp4",
                lang=job.lang,
                theme=job.theme,
                pace=job.pace,
                words=title_words(chapter),
            )
    return list(seen.values())
