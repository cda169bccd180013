"""The lecture's scenes in lecture order: the list that `lecture list`, render and build read."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from scenes.base import LectureScene
from scenes.params import ParamError

__all__ = ["SceneEntry", "LECTURE", "CHAPTERS", "get", "names"]

CHAPTERS = {
    1: "From hand-made features to nearest neighbours",
    2: "Forward and backward propagation",
    3: "Convolutional networks",
}


@dataclass(frozen=True)
class SceneEntry:
    """One scene of the lecture: its command-line name, chapter and class (``module:Class``)."""

    name: str
    chapter: int
    target: str

    def load(self) -> type[LectureScene]:
        """Import and return the scene class."""
        module, _, cls = self.target.partition(":")
        return getattr(importlib.import_module(module), cls)


#: Every scene, in the order the lecture shows them (CURRICULUM.md).
LECTURE: tuple[SceneEntry, ...] = (
    SceneEntry("hinge-loss", 2, "scenes.losses:HingeLossScene"),
    SceneEntry("gradient-descent", 2, "scenes.optimization:GradientDescentScene"),
    SceneEntry("backprop-simple", 2, "scenes.backprop:BackpropSimpleScene"),
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
