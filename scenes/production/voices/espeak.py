"""The espeak-ng engine: libespeak-ng 1.52 from the PyPI package ``espeakng-loader`` (draft voices)."""

from __future__ import annotations

import ctypes
import functools
import threading
from typing import Any

import numpy as np

from scenes.production.voices.engine import Engine, Speech, VoiceInfo

__all__ = ["RATES", "EspeakEngine"]

#: Words per minute of each voice (espeak's default is 175). Mandarin at 175 speaks
#: about 5 characters/s, below the 7/s a viewer reads; English at 165 about 13/s.
RATES = {"cmn": 175, "en-us": 165}
_SYNCHRONOUS = 2  # AUDIO_OUTPUT_SYNCHRONOUS
_UTF8 = 1  # espeakCHARS_UTF8
_RATE = 1  # espeakRATE
_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)
_LOCK = threading.Lock()


class _Library:
    """libespeak-ng loaded once, with a callback that collects the synthesised samples."""

    def __init__(self) -> None:
        import espeakng_loader

        self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
        data = espeakng_loader.get_data_path().encode()
        self.rate = int(self.lib.espeak_Initialize(_SYNCHRONOUS, 0, data, 0))
        if self.rate <= 0:
            raise RuntimeError("libespeak-ng could not start (espeak_Initialize failed)")
        self.lib.espeak_Info.restype = ctypes.c_char_p
        self.version = self.lib.espeak_Info(None).decode()
        self.chunks: list[np.ndarray] = []
        self.callback = _CALLBACK(self._collect)  # kept alive as long as the library
        self.lib.espeak_SetSynthCallback(self.callback)

    def _collect(self, wav: Any, count: int, events: Any) -> int:
        if count > 0:
            self.chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0

    def speak(self, text: str, voice: str, rate: int) -> np.ndarray:
        if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise RuntimeError(f"libespeak-ng has no voice {voice!r}")
        self.lib.espeak_SetParameter(_RATE, rate, 0)
        data = text.encode()
        self.chunks = []
        self.lib.espeak_Synth(data, ctypes.c_size_t(len(data) + 1), 0, 0, 0, _UTF8, None, None)
        self.lib.espeak_Synchronize()
        if not self.chunks:
            return np.zeros(0, np.float32)
        return (np.concatenate(self.chunks) / 32768.0).astype(np.float32)


@functools.cache
def _library() -> _Library:
    return _Library()


class EspeakEngine(Engine):
    """``espeak``: formant voices ``cmn`` (Mandarin, reads Hanzi) and ``en-us``: robotic drafts."""

    name = "espeak"
    modules = ("espeakng_loader",)

    def voices(self) -> list[VoiceInfo]:  # noqa: D102
        return [
            VoiceInfo("cmn", "zh", "Mandarin, formant synthesis (espeak-ng 1.52)", draft=True),
            VoiceInfo("en-us", "en", "US English, formant synthesis (espeak-ng 1.52)", draft=True),
        ]

    def settings(self, voice: str) -> dict[str, Any]:  # noqa: D102
        return {"espeak-ng": "1.52", "rate": RATES[voice]}

    def synthesize(self, text: str, voice: str) -> Speech:  # noqa: D102
        with _LOCK:
            lib = _library()
            samples = lib.speak(text, voice, RATES[voice])
            return Speech(samples, lib.rate)
