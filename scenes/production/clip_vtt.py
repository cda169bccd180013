"""Per-clip WebVTT subtitles: a step's cues timed to its own clip, its still named as poster.

A step's clip starts at the step's start, so each cue of the step is shifted by
``-start`` and clipped to the step's length. The file sits beside the clip
(``<stem>/NN_<step>.vtt``) and names the step's still (its last frame, the
poster of the clip) in a ``NOTE`` block, so a player or slide deck that shows
one clip alone has its subtitles and poster without re-timing anything.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from scenes.production.subtitles import step_cues, timestamp

if TYPE_CHECKING:
    from scenes.kit.pacing import Cue
    from scenes.kit.scene import StepRecord

__all__ = ["clip_vtt_text", "vtt_name", "write_clip_vtt"]


def clip_vtt_text(
    cues: list[Cue], start: float, end: float, poster: str | None = None, lang: str | None = None
) -> str:
    """WebVTT of ``cues`` (timed on the whole video) re-timed to a clip spanning ``start``–``end``.

    Parameters
    ----------
    cues : list of Cue
        The step's cues, in seconds from the start of the whole video.
    start, end : float
        The clip's span in the whole video (the step's start and end).
    poster : str, optional
        File name of the clip's poster (the step's still), written as a ``NOTE``.
    lang : str, optional
        Language code, written as a ``Language:`` header.

    Returns
    -------
    str
        ``WEBVTT`` text; every cue lies within ``0``–``end - start``.
    """
    length = max(0.0, end - start)
    head = "WEBVTT" + (f"\nLanguage: {lang}" if lang else "") + "\n"
    blocks = [head]
    if poster:
        blocks.append(f"NOTE poster: {poster}\n")
    for cue in cues:
        a = min(max(cue.start - start, 0.0), length)
        b = min(max(cue.end - start, 0.0), length)
        if b > a:
            blocks.append(f"{timestamp(a, '.')} --> {timestamp(b, '.')}\n{cue.text}\n")
    return "\n".join(blocks)


def vtt_name(clip: str) -> str:
    """The WebVTT file beside ``clip`` (``hinge-loss/01_scores.mp4`` → ``…/01_scores.vtt``)."""
    return str(PurePosixPath(clip).with_suffix(".vtt"))


def write_clip_vtt(out: Path, clip: str, record: StepRecord, lang: str, still: str | None) -> str:
    """Write the WebVTT of ``record``'s clip ``clip`` (relative to ``out``); return its name."""
    name = vtt_name(clip)
    poster = PurePosixPath(still).name if still else None
    text = clip_vtt_text(step_cues(record, lang), record.start, record.end, poster, lang)
    (out / name).write_text(text, encoding="utf-8")
    return name
