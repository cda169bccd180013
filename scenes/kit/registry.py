"""The lecture's scenes in lecture order: the list that ``lecture list``, render and build read.

A scene called ``hinge-loss`` in chapter 2 lives in three files:
``scenes/ch2/hinge_loss.py`` (the scene, ``HingeLossScene``, the only one that
imports Manim), ``scenes/ch2/hinge_loss_params.py`` (``HingeLossParams``) and
``scenes/ch2/hinge_loss.toml`` (its words). Listing scenes, resolving a selection
and checking parameters never import Manim.
"""

from __future__ import annotations

import importlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenes.kit.errors import ParamError

if TYPE_CHECKING:
    from scenes.kit.params import SceneParams
    from scenes.kit.scene import LectureScene

__all__ = ["CHAPTERS", "LECTURE", "SceneEntry", "get", "names", "select"]

ROOT = Path(__file__).resolve().parents[1]
#: Chapter numbers; their titles are in the glossary (one per language).
CHAPTERS = (1, 2, 3)


@dataclass(frozen=True)
class SceneEntry:
    """One scene of the lecture: its command-line name and chapter; its files follow from them."""

    name: str
    chapter: int

    @property
    def module(self) -> str:
        """Dotted module of the scene (``scenes.ch2.hinge_loss``)."""
        return f"scenes.ch{self.chapter}.{self.name.replace('-', '_')}"

    @property
    def stem(self) -> str:
        """CamelCase name: ``hinge-loss`` → ``HingeLoss``."""
        return "".join(word.capitalize() for word in self.name.split("-"))

    @property
    def class_name(self) -> str:
        """The scene class's name (``HingeLossScene``)."""
        return f"{self.stem}Scene"

    @property
    def source(self) -> Path:
        """The scene's module file (what plain ``manim`` renders)."""
        return ROOT / f"ch{self.chapter}" / f"{self.name.replace('-', '_')}.py"

    @property
    def words_path(self) -> Path:
        """The scene's words file."""
        return self.source.with_suffix(".toml")

    def load(self) -> type[LectureScene[Any]]:
        """Import and return the scene class (imports Manim)."""
        cls: type[LectureScene[Any]] = getattr(
            importlib.import_module(self.module), self.class_name
        )
        return cls

    def params_class(self) -> type[SceneParams]:
        """The scene's parameter class (never imports Manim)."""
        module = importlib.import_module(f"{self.module}_params")
        cls: type[SceneParams] = getattr(module, f"{self.stem}Params")
        return cls

    def words(self) -> dict[str, Any]:
        """The scene's words file as tables per language (title, description, steps …)."""
        return tomllib.loads(self.words_path.read_text(encoding="utf-8"))


#: Every scene, in the order the lecture shows them (docs/curriculum.md).
LECTURE: tuple[SceneEntry, ...] = (
    SceneEntry("ml-vs-dl", 1),
    SceneEntry("image-as-numbers", 1),
    SceneEntry("cv-challenges", 1),
    SceneEntry("knn-vote", 1),
    SceneEntry("knn-distance", 1),
    SceneEntry("score-function", 2),
    SceneEntry("activations", 2),
    SceneEntry("hinge-loss", 2),
    SceneEntry("regularization", 2),
    SceneEntry("softmax", 2),
    SceneEntry("gradient-descent", 2),
    SceneEntry("momentum", 2),
    SceneEntry("forward-pass", 2),
    SceneEntry("neuron-count", 2),
    SceneEntry("backprop-simple", 2),
    SceneEntry("backprop-sigmoid", 2),
    SceneEntry("gate-patterns", 2),
    SceneEntry("backprop-matrix", 2),
    SceneEntry("preprocessing", 2),
    SceneEntry("initialization", 2),
    SceneEntry("dropout", 2),
    SceneEntry("convolution", 3),
    SceneEntry("pooling", 3),
)


def names() -> list[str]:
    """Scene names in lecture order."""
    return [entry.name for entry in LECTURE]


def get(name: str) -> SceneEntry:
    """The entry called ``name``; :class:`ParamError` naming the accepted scenes otherwise."""
    for entry in LECTURE:
        if entry.name == name:
            return entry
    raise ParamError(f"unknown scene {name!r}; accepted: {', '.join(names())}")


def select(words: list[str] | tuple[str, ...]) -> list[SceneEntry]:
    """Scenes named by ``words`` (scene names, chapters ``ch1``–``ch3``, ``all``), in lecture order."""
    wanted: set[str] = set()
    for word in words:
        if word == "all":
            wanted.update(names())
        elif word.startswith("ch") and word[2:].isdigit():
            chapter = int(word[2:])
            if chapter not in CHAPTERS:
                chapters = ", ".join(f"ch{c}" for c in CHAPTERS)
                raise ParamError(f"unknown chapter {word!r}; accepted: {chapters}")
            wanted.update(e.name for e in LECTURE if e.chapter == chapter)
        else:
            wanted.add(get(word).name)
    return [entry for entry in LECTURE if entry.name in wanted]
