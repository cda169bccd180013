"""Run a lecture scene with Manim: in a private media folder, with given parameters and language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from manim import tempconfig

from scenes.base import LectureScene
from scenes.params import SceneParams

__all__ = ["QUALITIES", "FORMATS", "run_scene"]

#: Command-line quality names and Manim's.
QUALITIES: dict[str, str] = {
    "low": "low_quality",
    "medium": "medium_quality",
    "high": "high_quality",
    "4k": "fourk_quality",
}
#: Output formats; ``png`` renders stills (one per step) without a video; ``gif`` is
#: rendered as MP4 and converted by :mod:`scenes.gif` (Manim's own GIFs are huge).
FORMATS = ("mp4", "webm", "mov", "gif", "png")


def run_scene(
    cls: type[LectureScene],
    params: SceneParams | None = None,
    *,
    lang: str = "en",
    media_dir: str | Path,
    quality: str = "low",
    fmt: str = "mp4",
    transparent: bool = False,
    on_step: Callable[[int, str], None] | None = None,
) -> LectureScene:
    """Render ``cls`` with ``params`` and return the finished scene.

    Videos go to Manim's layout under ``media_dir`` (with one section video per
    step). ``fmt="png"`` skips the animations and keeps the last frame of every
    step in ``scene.records[i].frame``; the scene's step records always carry
    subtitles, times and label boxes.
    """
    stills = fmt == "png"
    sub = type(
        cls.__name__,
        (cls,),
        {
            "params": params,
            "lang": lang,
            "capture_stills": stills,
            "on_step": staticmethod(on_step) if on_step else None,
            "__module__": cls.__module__,
        },
    )
    options: dict[str, Any] = {
        "media_dir": str(media_dir),
        "quality": QUALITIES[quality],
        "transparent": transparent,
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "ERROR",
        "write_to_movie": not stills,
        "save_sections": not stills,
    }
    if not stills:
        options["format"] = "mp4" if fmt == "gif" else fmt
    with tempconfig(options):
        # manim 0.22 reads skip_animations from the constructor, not from config
        scene = sub(skip_animations=stills)
        scene.render()
    return scene
