"""The manifest beside a render: what was made, from which parameters, with which tools.

``<stem>.json`` records the scene, language, quality, format, theme, pace,
transparency, the full resolved parameters, every step (index, name, start,
end, subtitle, cues, clip, still and clip WebVTT files), the files written (relative to the
quality folder), the versions of the project, Manim and Typst, and the time it
was created.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import metadata
from typing import TYPE_CHECKING, Any

from scenes.production.job import RenderJob
from scenes.production.subtitles import step_cues

if TYPE_CHECKING:
    from scenes.kit.scene import StepRecord

__all__ = ["PROJECT", "installed_version", "manifest", "manifest_text", "versions"]

#: The project's distribution name (``pyproject.toml``).
PROJECT = "dl-lecture-videos"


def installed_version(dist: str) -> str | None:
    """The installed version of distribution ``dist`` (None where it is not installed)."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def versions() -> dict[str, str | None]:
    """Versions of the project, Manim and Typst (None where not installed)."""
    return {
        "project": installed_version(PROJECT),
        "manim": installed_version("manim"),
        "typst": installed_version("typst"),
    }


def _step(
    record: StepRecord,
    lang: str,
    clip: str | None,
    still: str | None,
    note: str | None,
    vtt: str | None = None,
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "index": record.index + 1,
        "name": record.name,
        "start": round(record.start, 3),
        "end": round(record.end, 3),
        "subtitle": record.subtitles.get(lang, record.subtitle),
        # every language's subtitle: a joined video times other languages' tracks to these steps
        "subtitles": dict(record.subtitles),
        "cues": [
            {"start": round(c.start, 3), "end": round(c.end, 3), "lines": list(c.lines)}
            for c in step_cues(record, lang)
        ],
        "clip": clip,
        "still": still,
        "vtt": vtt,
    }
    if note:
        entry["note"] = note
    return entry


def manifest(
    job: RenderJob,
    records: list[StepRecord],
    clips: dict[int, str | None],
    stills: dict[int, str | None],
    notes: dict[int, str],
    files: list[str],
    vtts: dict[int, str] | None = None,
) -> dict[str, Any]:
    """The manifest of ``job``.

    ``clips``, ``stills`` and ``notes`` map a step's index to its clip and still
    (relative to the quality folder) and to a remark (a step without a clip);
    ``files`` lists every file written, relative to the quality folder;
    ``vtts`` maps a step's index to its clip's WebVTT (:mod:`scenes.production.clip_vtt`).
    """
    vtts = vtts or {}
    return {
        "scene": job.name,
        "stem": job.stem,
        "language": job.lang,
        "quality": job.quality,
        "format": job.fmt,
        "theme": job.theme,
        "pace": job.pace,
        "voice": job.voice,
        "transparent": job.transparent,
        "parameters": job.params.model_dump(mode="json"),
        "reworded": job.words is not None,
        "duration": round(records[-1].end, 3) if records else 0.0,
        "steps": [
            _step(
                r,
                job.lang,
                clips.get(r.index),
                stills.get(r.index),
                notes.get(r.index),
                vtts.get(r.index),
            )
            for r in records
        ],
        "files": files,
        "versions": versions(),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def manifest_text(data: dict[str, Any]) -> str:
    """The manifest as indented JSON (UTF-8, Chinese kept readable)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
