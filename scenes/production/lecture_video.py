"""The joined video of a build: title cards, a chapter per scene, a subtitle track per language.

For each built language ``L`` it writes, into ``<out>/<quality>/`` (``<name>``
is ``lecture``, ``ch2`` …, see :func:`scenes.production.build.selection_name`):

- ``<name>[.L][.light].mp4``: a chapter's title card before its first scene,
  the scenes in lecture order (video stream-copied), chapter markers, a
  ``mov_text`` subtitle track for every built language (``L`` first) timed
  to this video's own steps, and sound when any part has it;
- ``<name>[.L][.light].srt`` / ``.vtt`` (language ``L``) and
  ``<name>[.L][.light].chapters.vtt`` (WebVTT chapters);
- ``chapters[.L][.light].txt`` (``<name>.chapters…`` unless ``lecture``):
  ``0:00 Title`` lines as video sites read them from a description;
- ``<name>[.L][.light].json``: the parts with their start and end, the chapters.

Nothing is redone when the parts are unchanged (their content keys are recorded).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenes.kit import registry
from scenes.kit.pacing import cues
from scenes.kit.words import glossary
from scenes.production.job import stem_of
from scenes.production.staging import faults, make_staging, shielded
from scenes.production.subtitles import timestamp
from scenes.production.titlecard import TitleJob, chapter_heading

if TYPE_CHECKING:
    from scenes.production.build import Planned
    from scenes.production.buildprogress import BuildProgress
    from scenes.production.cache import Cache
    from scenes.production.join import Chapter, SubtitleTrack

__all__ = ["assemble_videos", "chapters_text"]

Cue = tuple[float, float, str]


def chapters_text(chapters: list[Chapter]) -> str:
    """``0:00 Title`` lines (``0:00:00`` from an hour on), the first at 0:00."""
    hours = bool(chapters) and chapters[-1].start >= 3600

    def clock(seconds: float) -> str:
        s = int(seconds)
        return (
            f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if hours else f"{s // 60}:{s % 60:02d}"
        )

    return "".join(f"{clock(c.start)} {c.title}\n" for c in chapters)


def _vtt(cues: list[Cue]) -> str:
    blocks = [f"{timestamp(a, '.')} --> {timestamp(b, '.')}\n{t}\n" for a, b, t in cues]
    return "\n".join(["WEBVTT\n", *blocks])


def _srt(cues: list[Cue]) -> str:
    return "\n".join(
        f"{i}\n{timestamp(a)} --> {timestamp(b)}\n{t}\n" for i, (a, b, t) in enumerate(cues, 1)
    )


def _cues(entry: Path, stem: str, shift: float, until: float) -> list[Cue]:
    """The cues of the part ``stem`` (in its own language), shifted to where it starts."""
    data = json.loads((entry / f"{stem}.json").read_text(encoding="utf-8"))
    return [
        (shift + c["start"], min(shift + c["end"], until), "\n".join(c["lines"]))
        for step in data["steps"]
        for c in step["cues"]
    ]


def _cues_in(entry: Path, stem: str, code: str, shift: float, until: float) -> list[Cue] | None:
    """Language ``code``'s subtitles timed to the steps of the part ``stem`` (another language's).

    A narrated part has its own timeline per language, so another language's
    track cannot take that language's own cue times: each step's text in
    ``code`` (the manifest keeps every language's) is cut into cues within this
    part's step. None where the manifest has no text in ``code``.
    """
    data = json.loads((entry / f"{stem}.json").read_text(encoding="utf-8"))
    lang = glossary()[code]
    out: list[Cue] = []
    for step in data["steps"]:
        text = step.get("subtitles", {}).get(code)
        if text is None:
            return None
        for c in cues(text, lang, shift + step["start"], min(shift + step["end"], until)):
            out.append((c.start, c.end, c.text))
    return out


def _scene_title(plan: Planned) -> str:
    job = plan.job
    words = job.words or registry.get(job.name).words()
    return str(words[job.lang]["title"])


def _sequence(plans: list[Planned], titles: list[Planned], lang: str) -> list[Planned]:
    """The parts of ``lang``'s video: each chapter's title card, then its scenes."""
    cards = {p.job.chapter: p for p in titles if isinstance(p.job, TitleJob) and p.job.lang == lang}
    chapters = {e.name: e.chapter for e in registry.LECTURE}
    parts: list[Planned] = []
    current = None
    for plan in plans:
        if plan.job.lang != lang:
            continue
        chapter = chapters[plan.job.name]
        if chapter != current and chapter in cards:
            parts.append(cards[chapter])
        current = chapter
        parts.append(plan)
    return parts


def _twin(part: Planned, lang: str, pool: list[Planned]) -> Planned:
    """The same part in another language."""
    job = part.job
    for other in pool:
        if other.job.lang == lang and other.job.name == job.name:
            return other
    raise LookupError(job.name)


def _video_key(name: str, lang: str, langs: list[str], pool: list[Planned]) -> str:
    text = json.dumps([name, lang, langs, sorted(p.key for p in pool)])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _assemble(cache: Cache, name: str, lang: str, langs: list[str], pool: list[Planned]) -> Path:
    from scenes.production.join import Chapter, SubtitleTrack, join_videos, part_duration

    parts = _sequence([p for p in pool if not isinstance(p.job, TitleJob)], pool, lang)
    job = parts[0].job
    videos = [cache.entry(p.key) / f"{p.job.stem}.mp4" for p in parts]
    lengths = [part_duration(v) for v in videos]
    starts = [sum(lengths[:i]) for i in range(len(parts))]
    total = sum(lengths)
    chapters: list[Chapter] = []
    opening = ""
    for part, start, length in zip(parts, starts, lengths, strict=True):
        if isinstance(part.job, TitleJob):
            opening, opened_at = chapter_heading(part.job.chapter, lang), start
            continue
        title = _scene_title(part)
        if opening:
            chapters.append(Chapter(opened_at, start + length, f"{opening} · {title}"))
            opening = ""
        else:
            chapters.append(Chapter(start, start + length, title))
    tracks: list[SubtitleTrack] = []
    for code in [lang, *[c for c in langs if c != lang]]:
        track: list[Cue] = []
        for part, start, length in zip(parts, starts, lengths, strict=True):
            timed = None
            if code != lang:
                timed = _cues_in(cache.entry(part.key), part.job.stem, code, start, start + length)
            if timed is None:
                twin = _twin(part, code, pool)
                timed = _cues(cache.entry(twin.key), twin.job.stem, start, start + length)
            track += timed
        tracks.append(SubtitleTrack(code, glossary()[code].name, tuple(track)))
    stem = stem_of(name, lang, job.theme)
    notes = stem_of("chapters" if name == "lecture" else f"{name}.chapters", lang, job.theme)
    target = cache.out / job.quality
    staging = make_staging(target, stem)
    try:
        join_videos(videos, staging / f"{stem}.mp4", chapters=chapters, tracks=tracks)
        own = tracks[0].cues
        chapter_cues = [(c.start, c.end, c.title) for c in chapters]
        files = {
            f"{stem}.srt": _srt(list(own)),
            f"{stem}.vtt": _vtt(list(own)),
            f"{stem}.chapters.vtt": _vtt(chapter_cues),
            f"{notes}.txt": chapters_text(chapters),
            f"{stem}.json": json.dumps(
                {
                    "video": f"{stem}.mp4",
                    "language": lang,
                    "languages": [t.lang for t in tracks],
                    "duration": round(total, 3),
                    "parts": [
                        {"stem": p.job.stem, "start": round(s, 3), "end": round(s + n, 3)}
                        for p, s, n in zip(parts, starts, lengths, strict=True)
                    ],
                    "chapters": [
                        {"start": round(c.start, 3), "end": round(c.end, 3), "title": c.title}
                        for c in chapters
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n",
        }
        for file, text in files.items():
            (staging / file).write_text(text, encoding="utf-8")
        with shielded():
            for path in sorted(staging.iterdir(), key=lambda p: p.suffix == ".mp4"):
                os.replace(path, target / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target / f"{stem}.mp4"


def _state(cache: Cache, name: str, lang: str, langs: list[str], pool: list[Planned]) -> Any:
    """``(video path, its key, its record, whether it is up to date)``."""
    job = next(p.job for p in pool if p.job.lang == lang)
    stem = stem_of(name, lang, job.theme)
    target = cache.out / job.quality / f"{stem}.mp4"
    key = _video_key(name, lang, langs, pool)
    record = cache.root / "published" / job.quality / f"{stem}.video.json"
    try:
        stat = target.stat()
        fresh = json.loads(record.read_text()) == {
            "key": key,
            "stat": [stat.st_size, stat.st_mtime_ns],
        }
    except (OSError, ValueError):
        fresh = False
    return target, key, record, fresh


def _langs(plans: list[Planned]) -> list[str]:
    return list(dict.fromkeys(p.job.lang for p in plans if p.job.fmt == "mp4"))


def videos_fresh(cache: Cache, name: str, plans: list[Planned], titles: list[Planned]) -> bool:
    """Whether every language's joined video is in place for exactly these parts."""
    langs, pool = _langs(plans), [p for p in plans if p.job.fmt == "mp4"] + titles
    return all(_state(cache, name, lang, langs, pool)[3] for lang in langs)


def assemble_videos(
    cache: Cache, name: str, plans: list[Planned], titles: list[Planned], show: BuildProgress
) -> list[Path]:
    """Join the built scenes into ``<name>[.<lang>][.light].mp4`` per language; return the videos."""
    mp4 = [p for p in plans if p.job.fmt == "mp4"]
    langs, pool = _langs(plans), mp4 + titles
    videos = []
    for lang in langs:
        target, key, record, fresh = _state(cache, name, lang, langs, pool)
        if fresh:
            show.note(f"{target.name}: up to date")
        else:
            with faults(target.parent):
                _assemble(cache, name, lang, langs, pool)
                stat = target.stat()
                record.parent.mkdir(parents=True, exist_ok=True)
                record.write_text(
                    json.dumps({"key": key, "stat": [stat.st_size, stat.st_mtime_ns]})
                )
            show.note(f"{target.name}: joined {len(_sequence(mp4, titles, lang))} parts")
        videos.append(target)
    return videos
