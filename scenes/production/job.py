"""A render job and the names of what it writes (never imports Manim).

Outputs of a scene in one language and theme share a *stem*: English and the
dark theme carry no suffix (``hinge-loss``), another language its code
(``hinge-loss.zh``), the light theme ``.light`` (``hinge-loss.zh.light``). In
``renders/<quality>/`` the stem owns ``<stem>.<ext>`` (video, ``.srt``, ``.vtt``,
thumbnail ``.png``, manifest ``.json``) and the clip folder ``<stem>/`` (one clip
and one still per step, ``NN_<step>.<ext>``), and nothing else: ``hinge-loss.*``
never matches ``hinge-loss.zh.*``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenes.kit import registry
from scenes.kit.params import SceneParams

if TYPE_CHECKING:
    from scenes.kit.scene import LectureScene

__all__ = [
    "DEFAULT_LANG",
    "DEFAULT_THEME",
    "FORMATS",
    "QUALITIES",
    "THEMES",
    "TRANSPARENT_FORMATS",
    "RenderJob",
    "owned_by",
    "step_file",
    "step_stem",
    "stem_of",
]

#: Command-line quality names (Manim's low, medium, high and 4k presets).
QUALITIES = ("low", "medium", "high", "4k")
#: Output formats; ``png`` renders one still per step and no video.
FORMATS = ("mp4", "webm", "mov", "gif", "png")
#: Formats with an alpha channel (``--transparent``).
TRANSPARENT_FORMATS = ("webm", "mov", "png")
THEMES = ("dark", "light")
#: The language and theme whose outputs carry no suffix.
DEFAULT_LANG = "en"
DEFAULT_THEME = "dark"

_EXT = re.compile(r"[A-Za-z0-9]+")


def stem_of(name: str, lang: str = DEFAULT_LANG, theme: str = DEFAULT_THEME) -> str:
    """The file stem of scene ``name`` in ``lang`` and ``theme``: ``hinge-loss.zh.light``."""
    stem = name
    if lang != DEFAULT_LANG:
        stem += f".{lang}"
    if theme != DEFAULT_THEME:
        stem += f".{theme}"
    return stem


def owned_by(path: Path, stem: str) -> bool:
    """Whether ``path`` (in a quality folder) is an output of ``stem``.

    That is the clip folder ``<stem>`` or a file ``<stem>.<ext>`` whose extension
    holds no dot, so ``hinge-loss.zh.mp4`` is not an output of ``hinge-loss``.
    """
    if path.name == stem:
        return path.is_dir()
    head, dot, ext = path.name.rpartition(".")
    return bool(dot) and head == stem and bool(_EXT.fullmatch(ext)) and not path.is_dir()


def step_stem(index: int, name: str) -> str:
    """Step ``index``'s section name and file stem: ``NN_<step>`` (NN from 01)."""
    return f"{index + 1:02d}_{name}"


def step_file(index: int, name: str, ext: str) -> str:
    """File name of step ``index``'s clip or still: ``NN_<step>.<ext>``."""
    return f"{step_stem(index, name)}.{ext}"


@dataclass(frozen=True)
class RenderJob:
    """One scene to render in one language and theme, with validated parameters and options.

    ``words`` replaces the scene's words tables (a ``--words`` override merged
    in); ``scene`` replaces the registry's class (tests). Writes go to
    ``<renders>/<quality>/`` under :attr:`stem`.
    """

    name: str
    params: SceneParams
    quality: str = "low"
    fmt: str = "mp4"
    transparent: bool = False
    lang: str = DEFAULT_LANG
    theme: str = DEFAULT_THEME
    pace: float = 1.0
    words: dict[str, Any] | None = None
    scene: type[LectureScene[Any]] | None = None
    #: Narration voice, ``ENGINE:VOICE`` (resolved for ``lang``), or ``none`` (silent).
    voice: str = "none"

    @property
    def stem(self) -> str:
        """The stem of every file this job writes."""
        return stem_of(self.name, self.lang, self.theme)

    @property
    def video_ext(self) -> str | None:
        """Extension of the video (None for ``png``: stills only)."""
        return None if self.fmt == "png" else self.fmt

    def scene_class(self) -> type[LectureScene[Any]]:
        """The scene class to render (imports Manim)."""
        return self.scene if self.scene is not None else registry.get(self.name).load()

    def options(self) -> dict[str, Any]:
        """The job's output options, as the manifest records them."""
        return {
            "quality": self.quality,
            "format": self.fmt,
            "transparent": self.transparent,
            "lang": self.lang,
            "theme": self.theme,
            "pace": self.pace,
            "voice": self.voice,
        }
