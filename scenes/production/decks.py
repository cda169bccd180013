"""What every slide deck is made of: the built clips' manifests read into slides, and deck names.

A deck holds one slide per step of the selected scenes, in lecture order, in
one language and theme at one quality. It is read from the manifests that a
render or build left in ``renders/<quality>/`` (never imports Manim). Decks
live in ``renders/<quality>/decks/`` (a folder no scene's outputs own, so a
re-render never removes them) and are named after what they hold and their
language and theme, like a scene's stem: ``lecture.html``, ``ch2.zh.pptx``,
``hinge-loss+softmax.light.pdf``. Each deck file is written to a temporary
name and moved into place whole.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from scenes.kit import registry
from scenes.kit.words import load_words
from scenes.production.job import stem_of

__all__ = [
    "DECK_FORMATS",
    "Deck",
    "Slide",
    "deck_stem",
    "decks_dir",
    "group_manifests",
    "read_deck",
    "scene_title",
    "write_whole",
]

#: Deck formats of ``lecture slides --to``.
DECK_FORMATS = ("html", "pptx", "pdf")


@dataclass(frozen=True)
class Slide:
    """One step of one scene: its clip, still (the step's last frame), WebVTT and subtitle.

    Paths are relative to the quality folder (``hinge-loss/01_scores.mp4``);
    ``clip`` and ``vtt`` are None for a step that plays nothing.
    """

    scene: str
    title: str
    index: int
    step: str
    start: float
    end: float
    subtitle: str
    clip: str | None
    still: str | None
    vtt: str | None

    @property
    def duration(self) -> float:
        """The step's length in seconds (its clip's)."""
        return max(0.0, self.end - self.start)


@dataclass(frozen=True)
class Deck:
    """The slides of one deck, with what the deck needs to lay them out."""

    name: str
    lang: str
    theme: str
    quality: str
    folder: Path
    slides: tuple[Slide, ...]
    width: int
    height: int
    background: str

    @property
    def stem(self) -> str:
        """File stem: the name with the language and theme suffixes (``ch2.zh.light``)."""
        return deck_stem(self.name, self.lang, self.theme)


def deck_stem(name: str, lang: str, theme: str) -> str:
    """The stem of deck ``name`` in ``lang`` and ``theme`` (as :func:`stem_of` names renders)."""
    return stem_of(name, lang, theme)


def decks_dir(quality_folder: Path) -> Path:
    """The folder of a quality folder's decks."""
    return quality_folder / "decks"


def scene_title(scene: str, lang: str) -> str:
    """The scene's title in ``lang`` from its words file (its name when unknown)."""
    try:
        words = load_words(registry.get(scene).words_path)
        return str(words[lang]["title"])
    except Exception:  # an unregistered scene (tests) or words without a title
        return scene


def _read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _look(still: Path) -> tuple[int, int, str]:
    """Width, height and background colour (the top-left pixel) of a still."""
    with Image.open(still) as image:
        pixel = image.convert("RGB").getpixel((0, 0))
        width, height = image.size
    assert isinstance(pixel, tuple)
    return width, height, "#{:02X}{:02X}{:02X}".format(*pixel[:3])


def read_deck(name: str, manifests: Iterable[Path]) -> Deck:
    """The deck ``name`` of ``manifests`` (one language, theme and quality folder, in order)."""
    paths = list(manifests)
    if not paths:
        raise ValueError("a deck needs at least one built scene")
    datas = [_read(p) for p in paths]
    kinds = {(d["language"], d["theme"], d["quality"]) for d in datas}
    folders = {p.parent.resolve() for p in paths}
    if len(kinds) != 1 or len(folders) != 1:
        raise ValueError("a deck's scenes must share one language, theme and quality folder")
    (lang, theme, quality), (folder,) = kinds.pop(), folders
    slides = []
    for data in datas:
        title = scene_title(data["scene"], lang)
        for step in data["steps"]:
            slides.append(
                Slide(
                    scene=data["scene"],
                    title=title,
                    index=int(step["index"]),
                    step=step["name"],
                    start=float(step["start"]),
                    end=float(step["end"]),
                    subtitle=step["subtitle"],
                    clip=step.get("clip"),
                    still=step.get("still"),
                    vtt=step.get("vtt"),
                )
            )
    still = next((s.still for s in slides if s.still), None)
    width, height, background = _look(folder / still) if still else (1920, 1080, "#000000")
    return Deck(name, lang, theme, quality, folder, tuple(slides), width, height, background)


def group_manifests(manifests: Iterable[Path]) -> dict[tuple[str, str, str], list[Path]]:
    """Manifests by (quality, language, theme), each group in the given (lecture) order."""
    groups: dict[tuple[str, str, str], list[Path]] = {}
    for path in manifests:
        data = _read(path)
        key = (data["quality"], data["language"], data["theme"])
        groups.setdefault(key, []).append(path)
    return groups


def write_whole(target: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``target``, then move it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
