"""A narrated render: speech per step, steps timed to their speech, one normalised track per language.

Two passes of the scene. A stills pass (animations skipped, cheap) gives each
step's narration text and its natural length. Each step's narration is spoken
sentence by sentence (cached), and the step gets a length of at least its
speech plus a pause; its run times and holds are stretched (up to
:data:`MAX_STRETCH`) so its animations spread over the speech instead of being
followed by a still frame. The video pass renders with that timing; the speech
is laid on its steps' times, normalised to -16 LUFS, and the subtitles become
the narration, one cue per sentence (two lines at most), timed from the audio.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from scenes.kit.pacing import Cue, cues, reading_time
from scenes.kit.words import glossary
from scenes.production.voices import split_voice
from scenes.production.voices.cache import speak
from scenes.production.voices.engine import Engine
from scenes.production.voices.loudness import RATE, normalise, resample
from scenes.production.voices.speakable import speakable

if TYPE_CHECKING:
    from collections.abc import Callable

    from scenes.kit.scene import LectureScene, StepRecord
    from scenes.production.job import RenderJob

__all__ = [
    "GAP",
    "LEAD",
    "MAX_STRETCH",
    "PAUSE",
    "StepSpeech",
    "lay_track",
    "plan",
    "render_narrated",
    "sentences",
    "speak_step",
    "spoken_cues",
]

#: Seconds from a step's start to its first word, between sentences, and after its last word.
LEAD, GAP, PAUSE = 0.2, 0.3, 0.6
#: At most this factor slower than written: a longer narration holds the step's last frame.
MAX_STRETCH = 3.0
#: Samples quieter than this share of the loudest are silence at a sentence's edges.
_QUIET = 0.02
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)|(?<=[。！？])")


def sentences(text: str) -> list[str]:
    """``text`` cut after every sentence end (``.``, ``!``, ``?`` and a space; ``。！？``)."""
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if s.strip()]


@dataclass
class StepSpeech:
    """One step's speech at :data:`RATE`, and each sentence's span in it (seconds) and text."""

    samples: np.ndarray
    spans: list[tuple[float, float, str]] = field(default_factory=list)

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.samples) / RATE


def _trim(samples: np.ndarray) -> np.ndarray:
    loud = np.flatnonzero(
        np.abs(samples) > _QUIET * (np.max(np.abs(samples)) if len(samples) else 0)
    )
    return samples[loud[0] : loud[-1] + 1] if len(loud) else samples[:0]


def speak_step(
    engine: Engine, voice: str, text: str, lang: str, cache: Path | None = None
) -> StepSpeech:
    """``text`` spoken in ``lang`` sentence by sentence (each cached), :data:`GAP` apart.

    Each sentence's maths is written out for the voice (:func:`speakable`); the
    spans keep the written sentence for the subtitles.
    """
    parts: list[np.ndarray] = []
    spans = []
    t = 0.0
    for sentence in sentences(text):
        speech = speak(engine, voice, speakable(sentence, lang), cache)
        samples = _trim(resample(speech.samples, speech.rate))
        if not len(samples):
            continue
        if parts:
            parts.append(np.zeros(round(GAP * RATE), np.float32))
            t += GAP
        parts.append(samples)
        spans.append((t, t + len(samples) / RATE, sentence))
        t += len(samples) / RATE
    samples = np.concatenate(parts) if parts else np.zeros(0, np.float32)
    return StepSpeech(samples, spans)


def plan(
    records: list[StepRecord], speech: dict[int, StepSpeech], lang: str, pace: float = 1.0
) -> dict[int, tuple[float, float]]:
    """Each step's (stretch, length) for :attr:`LectureScene.timing`.

    The length covers the speech (with :data:`LEAD` and a pause scaled by
    ``pace``) and the narration's reading time in ``lang``; the stretch spreads
    the step's own animations (``record.motion`` seconds) over that length.
    """
    language = glossary()[lang]
    timing = {}
    for record in records:
        spoken = speech[record.index]
        text = record.narrations.get(lang, record.subtitle)
        length = reading_time(text, language) * pace
        if spoken.duration > 0:
            length = max(length, LEAD + spoken.duration + PAUSE * pace)
        stretch = 1.0
        if 0.05 < record.motion < length:
            stretch = min(MAX_STRETCH, length / record.motion)
        timing[record.index] = (stretch, length)
    return timing


def spoken_cues(record: StepRecord, spoken: StepSpeech, lang: str) -> list[Cue]:
    """The step's subtitle cues: one per sentence (cut to two lines), shown while it is said.

    A cue starts when its sentence starts (the first at the step's start) and
    lasts until the next sentence starts (the last until the step's end).
    """
    language = glossary()[lang]
    starts = [record.start + LEAD + s for s, _, _ in spoken.spans]
    if starts:
        starts[0] = record.start
    out: list[Cue] = []
    for i, (_, _, text) in enumerate(spoken.spans):
        end = starts[i + 1] if i + 1 < len(starts) else record.end
        out += cues(text, language, starts[i], end)
    return out


def lay_track(
    records: list[StepRecord], speech: dict[int, StepSpeech], duration: float
) -> np.ndarray:
    """One track of ``duration`` seconds: each step's speech from its start plus :data:`LEAD`."""
    track = np.zeros(math.ceil(duration * RATE), np.float32)
    for record in records:
        samples = speech[record.index].samples
        at = round((record.start + LEAD) * RATE)
        room = max(0, min(len(samples), len(track) - at))
        track[at : at + room] += samples[:room]
    return normalise(track)


def render_narrated(
    job: RenderJob,
    *,
    media_dir: Path,
    stills_dir: Path | None = None,
    on_step: Callable[[int, str], None] | None = None,
    cache: Path | None = None,
) -> tuple[LectureScene[Any], np.ndarray]:
    """Render ``job`` narrated by ``job.voice``: the finished scene and its audio track.

    The scene's records carry the narration as the subtitle in ``job.lang`` and
    cues timed from the speech (``record.spoken``).
    """
    from scenes.production.render import run_scene

    engine, voice = split_voice(job.voice)
    cls = job.scene_class()
    common: dict[str, Any] = {"lang": job.lang, "theme": job.theme, "pace": job.pace}
    probe = run_scene(
        cls, job.params, words=job.words, media_dir=media_dir / "probe", fmt="png", **common
    )
    speech = {
        r.index: speak_step(
            engine, voice.name, r.narrations.get(job.lang, r.subtitle), job.lang, cache
        )
        for r in probe.records
    }
    timed = type(
        cls.__name__,
        (cls,),
        {"timing": plan(probe.records, speech, job.lang, job.pace), "__module__": cls.__module__},
    )
    scene = run_scene(
        timed,
        job.params,
        words=job.words,
        media_dir=media_dir,
        quality=job.quality,
        fmt=job.fmt,
        transparent=job.transparent,
        stills_dir=stills_dir,
        on_step=on_step,
        **common,
    )
    if [r.name for r in scene.records] != [r.name for r in probe.records]:
        raise RuntimeError(
            f"{job.name}: its steps differ between two runs (a scene must be deterministic)"
        )
    for record in scene.records:
        text = record.narrations.get(job.lang, record.subtitle)
        record.subtitles[job.lang] = record.subtitle = text
        record.spoken[job.lang] = spoken_cues(record, speech[record.index], job.lang)
    duration = scene.records[-1].end if scene.records else 0.0
    return scene, lay_track(scene.records, speech, duration)
