"""Write a rendered scene into ``renders/<quality>/``: video, clips, stills, subtitles, manifest.

Everything is produced in a hidden staging folder next to the destination
(:mod:`scenes.production.staging`) and moved into place only when complete: a
render replaces its own outputs whole (every ``<stem>.<ext>`` and the clip
folder ``<stem>/``) and never touches another stem's. Steps are paired with
Manim's section videos by name (``NN_<step>``); a step that plays nothing has
no clip, and the manifest says so.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scenes.kit.scene import LectureScene
from scenes.production.clip_vtt import write_clip_vtt
from scenes.production.gif import GifPalette, mp4_to_gif
from scenes.production.job import QUALITIES, RenderJob, owned_by, step_file, step_stem
from scenes.production.manifest import manifest, manifest_text
from scenes.production.render import run_scene
from scenes.production.staging import faults, make_staging, remove_stale, shielded
from scenes.production.subtitles import srt_text, vtt_text

__all__ = ["RenderJob", "render_job"]


def _sections(scene: LectureScene[Any]) -> dict[str, Path]:
    """Manim's section videos by section name (only those written)."""
    writer = scene.renderer.file_writer
    found = {}
    for section in writer.sections:
        if section.video is not None:
            path = writer.sections_output_dir / section.video
            if path.is_file():
                found[section.name] = path
    return found


def _movie(scene: LectureScene[Any]) -> Path:
    writer = scene.renderer.file_writer
    try:
        return Path(writer.movie_file_path)
    except AttributeError:
        return Path(writer.final_file_path)


def _convert(source: Path, target: Path, job: RenderJob, palette: GifPalette | None) -> None:
    """Put the video ``source`` at ``target`` in the job's format (GIFs are made from MP4s)."""
    if job.fmt == "gif":
        mp4_to_gif(source, target, palette)
    else:
        shutil.move(source, target)


def _collect(job: RenderJob, scene: LectureScene[Any], out: Path) -> list[str]:
    """Gather the outputs under ``out`` with their final names; return them relative to ``out``."""
    stem, records = job.stem, scene.records
    clips_dir = out / stem
    clips_dir.mkdir(parents=True)
    files: list[str] = []
    clips: dict[int, str | None] = {}
    stills: dict[int, str | None] = {}
    notes: dict[int, str] = {}
    vtts: dict[int, str] = {}
    for record in records:
        if record.still is not None and record.still.is_file():
            name = f"{stem}/{step_file(record.index, record.name, 'png')}"
            shutil.move(record.still, out / name)
            stills[record.index] = name
    ext = job.video_ext
    if ext is not None:
        palette = GifPalette.from_video(_movie(scene)) if job.fmt == "gif" else None
        sections = _sections(scene)
        for record in records:
            section = sections.get(step_stem(record.index, record.name))
            if section is None:
                notes[record.index] = "no clip: the step plays no animation"
                continue
            name = f"{stem}/{step_file(record.index, record.name, ext)}"
            _convert(section, out / name, job, palette)
            clips[record.index] = name
            vtts[record.index] = write_clip_vtt(
                out, name, record, job.lang, stills.get(record.index)
            )
        _convert(_movie(scene), out / f"{stem}.{ext}", job, palette)
        files.append(f"{stem}.{ext}")
        for kind, text in (
            ("srt", srt_text(records, job.lang)),
            ("vtt", vtt_text(records, job.lang)),
        ):
            (out / f"{stem}.{kind}").write_text(text, encoding="utf-8")
            files.append(f"{stem}.{kind}")
    last = stills.get(records[-1].index) if records else None
    if last is not None:
        shutil.copyfile(out / last, out / f"{stem}.png")
        files.append(f"{stem}.png")
    for index in sorted(set(clips) | set(stills)):
        files += [n for n in (clips.get(index), vtts.get(index), stills.get(index)) if n]
    files.append(f"{stem}.json")
    data = manifest(job, records, clips, stills, notes, files, vtts)
    (out / f"{stem}.json").write_text(manifest_text(data), encoding="utf-8")
    return files


def _publish(out: Path, target: Path, stem: str, trash: Path) -> None:
    """Replace every output of ``stem`` in ``target`` by those in ``out`` (manifest last).

    The quality folder is locked meanwhile, so two renders finishing at once
    never mix their files: the later one wins whole.
    """
    trash.mkdir()
    folder = os.open(target, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        for old in sorted(target.iterdir()):
            if owned_by(old, stem):
                os.replace(old, trash / old.name)
        new = sorted(out.iterdir(), key=lambda p: (p.suffix == ".json", p.name))
        for path in new:
            os.replace(path, target / path.name)
    finally:
        os.close(folder)  # releases the lock


def _render_narrated(
    job: RenderJob, target: Path, staging: Path, on_step: Callable[[int, str], None] | None
) -> list[Path]:
    """Render ``job`` narrated (:mod:`scenes.production.voices`): sound in the video and each clip."""
    from scenes.production.voices.mux import add_audio
    from scenes.production.voices.narrate import render_narrated

    scene, track = render_narrated(
        job, media_dir=staging / "media", stills_dir=staging / "stills", on_step=on_step
    )
    out = staging / "out"
    files = _collect(job, scene, out)
    if job.fmt in ("mp4", "webm", "mov"):
        add_audio(out / f"{job.stem}.{job.fmt}", track)
        for record in scene.records:
            clip = out / job.stem / step_file(record.index, record.name, job.fmt)
            if clip.is_file():
                add_audio(clip, track, start=record.start)
    with shielded():
        _publish(out, target, job.stem, staging / "old")
    return [target / name for name in files]


def render_job(
    job: RenderJob, renders: Path, on_step: Callable[[int, str], None] | None = None
) -> list[Path]:
    """Render ``job`` into ``renders/<quality>/`` and return the files written.

    Leftover staging folders of killed runs under ``renders`` are removed
    first. Raises :class:`~scenes.production.errors.OutputFault` (nothing
    written) when the disk is full or the folder cannot be written.
    """
    target = renders / job.quality
    with faults(target):
        target.mkdir(parents=True, exist_ok=True)
        remove_stale([renders, *(renders / q for q in QUALITIES)])
        staging = make_staging(target, job.stem)
    try:
        with faults(target):
            (staging / "stills").mkdir()
            if job.voice != "none":
                return _render_narrated(job, target, staging, on_step)
            scene = run_scene(
                job.scene_class(),
                job.params,
                lang=job.lang,
                theme=job.theme,
                pace=job.pace,
                words=job.words,
                media_dir=staging / "media",
                quality=job.quality,
                fmt=job.fmt,
                transparent=job.transparent,
                stills_dir=staging / "stills",
                on_step=on_step,
            )
            out = staging / "out"
            files = _collect(job, scene, out)
            with shielded():
                _publish(out, target, job.stem, staging / "old")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [target / name for name in files]
