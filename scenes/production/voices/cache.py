"""Synthesised speech cached on disk by engine, voice, settings and text: a rebuild speaks nothing."""

from __future__ import annotations

import hashlib
import json
import os
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scenes.production.voices.engine import Engine, Speech

__all__ = ["CacheStats", "cache_dir", "speak", "speech_key", "stats"]


@dataclass
class CacheStats:
    """Sentences found in the cache and synthesised, since the process started."""

    hits: int = 0
    misses: int = 0


stats = CacheStats()


def cache_dir() -> Path:
    """``$LECTURE_VOICE_CACHE``, else ``$XDG_CACHE_HOME/dl-lecture-videos/voices`` (~/.cache)."""
    if os.environ.get("LECTURE_VOICE_CACHE"):
        return Path(os.environ["LECTURE_VOICE_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "dl-lecture-videos" / "voices"


def speech_key(engine: Engine, voice: str, text: str) -> str:
    """The content key of ``text`` spoken by ``engine``'s ``voice`` with its settings."""
    data = {"engine": engine.name, "voice": voice, "settings": engine.settings(voice), "text": text}
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:32]


def _read(path: Path) -> Speech:
    with wave.open(str(path), "rb") as wav:
        rate, frames = wav.getframerate(), wav.readframes(wav.getnframes())
    return Speech((np.frombuffer(frames, np.int16) / 32768.0).astype(np.float32), rate)


def _write(path: Path, speech: Speech) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pcm = np.clip(np.round(speech.samples * 32767), -32768, 32767).astype(np.int16)
    with wave.open(str(tmp), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(speech.rate)
        wav.writeframes(pcm.tobytes())
    os.replace(tmp, path)  # whole or not at all, even with parallel builds


def speak(engine: Engine, voice: str, text: str, folder: Path | None = None) -> Speech:
    """``text`` spoken by ``engine``'s ``voice``: from the cache, or synthesised and cached."""
    path = (folder or cache_dir()) / engine.name / f"{speech_key(engine, voice, text)}.wav"
    if path.is_file():
        try:
            speech = _read(path)
        except (OSError, EOFError, wave.Error):
            pass  # a damaged entry is spoken again
        else:
            stats.hits += 1
            return speech
    speech = engine.synthesize(text, voice)
    stats.misses += 1
    try:
        _write(path, speech)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return speech
