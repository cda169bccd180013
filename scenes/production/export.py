"""Write a rendered scene into ``renders/``: video, subtitles, thumbnail and per-step clips.

Everything is produced in a hidden staging folder next to the destination and
moved into place with ``os.replace`` only when the render is complete, so an
error or Ctrl-C never leaves a half-written file in ``renders/``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from scenes.kit.params import SceneParams
from scenes.kit.scene import LectureScene, StepRecord
from scenes.production.gif import mp4_to_gif
from scenes.production.render import run_scene

__all__ = ["RenderJob", "render_job", "srt_text", "clip_name"]


@dataclass(frozen=True)
class RenderJob:
    """One scene to render, with validated parameters and output options."""

    name: str
    scene: type[LectureScene[Any]]
    params: SceneParams
    quality: str = "low"
    fmt: str = "mp4"
    transparent: bool = False
    lang: str = "en"
    theme: str = "dark"
    pace: float = 1.0
    words: dict[str, Any] | None = None


def _timestamp(seconds: float) -> str:
    millis = max(0, round(seconds * 1000))
    h, rest = divmod(millis, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def srt_text(records: Iterable[StepRecord]) -> str:
    """Subtitles in SubRip format: one cue per step, spanning the step."""
    cues = []
    for i, r in enumerate(records, start=1):
        cues.append(f"{i}\n{_timestamp(r.start)} --> {_timestamp(r.end)}\n{r.subtitle}\n")
    return "\n".join(cues)


def clip_stem(record: StepRecord) -> str:
    """File name of a step's clip or still without extension: ``NN_<step>`` (NN from 01)."""
    return f"{record.index + 1:02d}_{record.name}"


def clip_name(record: StepRecord, ext: str) -> str:
    """File name of a step's clip or still: ``NN_<step>.<ext>``."""
    return f"{clip_stem(record)}.{ext}"


def _save_png(frame, path: Path) -> None:
    Image.fromarray(frame).save(path)


def _collect(job: RenderJob, scene: LectureScene[Any], out: Path) -> None:
    """Gather the scene's outputs under ``out`` with their final names."""
    clips = out / job.name
    clips.mkdir(parents=True)
    if job.fmt == "png":
        for record in scene.records:
            shutil.copy(record.still, clips / clip_name(record, "png"))
        shutil.copy(scene.records[-1].still, out / f"{job.name}.png")
        return
    writer = scene.renderer.file_writer
    sections = [s for s in writer.sections if s.video is not None]
    videos = [(Path(writer.final_file_path), out / job.name)]
    for record, section in zip(scene.records, sections, strict=True):
        videos.append((writer.sections_output_dir / section.video, clips / clip_stem(record)))
    for source, stem in videos:
        if job.fmt == "gif":  # Manim renders MP4 for us; we make the GIF
            mp4_to_gif(source, stem.with_name(stem.name + ".gif"))
        else:
            shutil.move(source, stem.with_name(stem.name + source.suffix))
    (out / f"{job.name}.srt").write_text(srt_text(scene.records), encoding="utf-8")
    scene.renderer.update_frame(scene, ignore_skipping=True)
    _save_png(scene.renderer.get_frame(), out / f"{job.name}.png")


def _publish(staged: Path, target: Path, name: str) -> list[Path]:
    """Move staged files into ``target``; a clip folder keeps files of other formats."""
    written = []
    clips = target / name
    clips.mkdir(parents=True, exist_ok=True)
    new_clips = sorted((staged / name).iterdir())
    for ext in {p.suffix for p in new_clips}:
        for old in clips.glob(f"*{ext}"):
            old.unlink()
    for path in new_clips:
        os.replace(path, clips / path.name)
        written.append(clips / path.name)
    for path in sorted(staged.iterdir()):
        if path.is_file():
            os.replace(path, target / path.name)
            written.append(target / path.name)
    return written


def render_job(
    job: RenderJob, renders: Path, on_step: Callable[[int, str], None] | None = None
) -> list[Path]:
    """Render ``job`` into ``renders/<quality>/`` and return the files written."""
    target = renders / job.quality
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".tmp-{job.name}-", dir=target))
    (staging / "stills").mkdir()
    try:
        scene = run_scene(
            job.scene,
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
        _collect(job, scene, out)
        return _publish(out, target, job.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
