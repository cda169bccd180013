"""Run a lecture scene with Manim: in a private media folder, with given parameters, words and look."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from manim import tempconfig

from scenes.kit.params import SceneParams
from scenes.kit.scene import LectureScene
from scenes.production.staging import deferred, interruption_point

__all__ = ["QUALITIES", "FORMATS", "run_scene"]

#: Command-line quality names and Manim's.
QUALITIES: dict[str, str] = {
    "low": "low_quality",
    "medium": "medium_quality",
    "high": "high_quality",
    "4k": "fourk_quality",
}
#: Output formats; ``png`` renders stills (one per step) without a video; ``gif`` is
#: rendered as MP4 and converted by :mod:`scenes.production.gif` (Manim's own GIFs are huge).
FORMATS = ("mp4", "webm", "mov", "gif", "png")


def run_scene(
    cls: type[LectureScene[Any]],
    params: SceneParams | None = None,
    *,
    media_dir: str | Path,
    lang: str = "en",
    theme: str = "dark",
    pace: float = 1.0,
    words: dict[str, Any] | None = None,
    quality: str = "low",
    fmt: str = "mp4",
    transparent: bool = False,
    stills_dir: str | Path | None = None,
    check_layout: bool = False,
    keep_frames: bool = False,
    on_step: Callable[[int, str], None] | None = None,
) -> LectureScene[Any]:
    """Render ``cls`` with ``params`` and return the finished scene.

    Videos go to Manim's layout under ``media_dir`` (with one section video per
    step). Each step's last frame is saved into ``stills_dir`` when given.
    ``fmt="png"`` skips the animations (no video) and checks the layout after
    every ``play``. The scene's step records always carry subtitles in every
    language, times and label boxes. An interruption (Ctrl-C, SIGTERM or SIGHUP
    under :func:`~scenes.production.staging.interrupts`) is raised at the next
    ``play``, where Manim stops its encoder threads cleanly.
    """
    stills = fmt == "png"

    def play(self: LectureScene[Any], *animations: Any, **kwargs: Any) -> None:
        interruption_point()  # a safe point: Manim aborts its encoders from here
        cls.play(self, *animations, **kwargs)

    sub = type(
        cls.__name__,
        (cls,),
        {
            "params": params,
            "lang": lang,
            "theme_name": theme,
            "pace": pace,
            "words_tables": words,
            "stills_dir": Path(stills_dir) if stills_dir is not None else None,
            "keep_frames": keep_frames,
            "check_layout": check_layout or stills,
            "on_step": staticmethod(on_step) if on_step else None,
            "play": play,
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
        with deferred():
            scene.render()
    return scene
