"""Subtitle files of a render: SubRip (``.srt``) and WebVTT (``.vtt``), cut into readable cues.

Each step's subtitle (in the render's language) is cut by
:func:`scenes.kit.pacing.cues` into cues of at most two lines, timed within the
step in proportion to their length; a narrated step's cues are its sentences, timed
from the synthesised speech (:mod:`scenes.production.voices.narrate`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from scenes.kit.pacing import Cue, cues
from scenes.kit.words import glossary

if TYPE_CHECKING:
    from scenes.kit.scene import StepRecord

__all__ = ["srt_text", "step_cues", "timestamp", "vtt_text"]


def timestamp(seconds: float, sep: str = ",") -> str:
    """``HH:MM:SS,mmm`` (SubRip; ``sep="."`` for WebVTT)."""
    millis = max(0, round(seconds * 1000))
    h, rest = divmod(millis, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def step_cues(record: StepRecord, lang: str) -> list[Cue]:
    """The cues of one step's subtitle in ``lang``, within the step's time span.

    A narrated step's cues in its spoken language are those timed from its speech.
    """
    if record.spoken.get(lang):
        return record.spoken[lang]
    text = record.subtitles.get(lang, record.subtitle)
    if not text.strip():
        return []
    return cues(text, glossary()[lang], record.start, record.end)


def _all_cues(records: Iterable[StepRecord], lang: str) -> list[Cue]:
    return [cue for record in records for cue in step_cues(record, lang)]


def srt_text(records: Iterable[StepRecord], lang: str) -> str:
    """Subtitles in SubRip format, numbered from 1."""
    blocks = [
        f"{i}\n{timestamp(c.start)} --> {timestamp(c.end)}\n{c.text}\n"
        for i, c in enumerate(_all_cues(records, lang), start=1)
    ]
    return "\n".join(blocks)


def vtt_text(records: Iterable[StepRecord], lang: str) -> str:
    """Subtitles in WebVTT format (for HTML ``<track>``)."""
    blocks = [
        f"{timestamp(c.start, '.')} --> {timestamp(c.end, '.')}\n{c.text}\n"
        for c in _all_cues(records, lang)
    ]
    return "\n".join(["WEBVTT\n", *blocks])
