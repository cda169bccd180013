"""Loudness: speech resampled to one rate and normalised to EBU R128 -16 LUFS (pyloudnorm)."""

from __future__ import annotations

import math

import numpy as np
from scipy.ndimage import maximum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

__all__ = ["PEAK", "RATE", "TARGET_LUFS", "limit", "loudness", "normalise", "resample"]

#: Sample rate of every narration track (AAC's usual rate).
RATE = 48_000
#: Integrated loudness of every scene's narration (EBU R128 for online video).
TARGET_LUFS = -16.0
#: Highest sample peak after normalising (-1 dBFS).
PEAK = 10 ** (-1 / 20)


def resample(samples: np.ndarray, rate: int, target: int = RATE) -> np.ndarray:
    """``samples`` at ``rate`` resampled to ``target`` (polyphase filter)."""
    if rate == target or len(samples) == 0:
        return samples.astype(np.float32)
    g = math.gcd(rate, target)
    return resample_poly(samples, target // g, rate // g).astype(np.float32)


def loudness(samples: np.ndarray, rate: int = RATE) -> float:
    """Integrated loudness of ``samples`` in LUFS (-inf for silence or under 0.4 s)."""
    import pyloudnorm

    if len(samples) < 0.4 * rate or not np.any(samples):
        return -math.inf
    return float(pyloudnorm.Meter(rate).integrated_loudness(samples.astype(np.float64)))


def limit(samples: np.ndarray, rate: int = RATE) -> np.ndarray:
    """``samples`` with peaks above -1 dBFS turned down smoothly (a 10 ms brick-wall limiter)."""
    width = max(1, round(0.01 * rate))
    envelope = maximum_filter1d(np.abs(samples), size=2 * width + 1)
    gain = np.minimum(1.0, PEAK / np.maximum(envelope, 1e-9))
    gain = np.minimum(gain, uniform_filter1d(gain, size=width))  # no clicks, never louder
    return np.clip(samples * gain, -PEAK, PEAK).astype(np.float32)


def normalise(samples: np.ndarray, rate: int = RATE, target: float = TARGET_LUFS) -> np.ndarray:
    """``samples`` at ``target`` LUFS (within 0.5 LU), peaks limited to -1 dBFS; silence stays silent.

    Speech peaks far above its loudness, so a gain alone would clip it: the
    gain is raised step by step while :func:`limit` holds the peaks down.
    """
    level = loudness(samples, rate)
    if not math.isfinite(level):
        return samples.astype(np.float32)
    gain = 10 ** ((target - level) / 20)
    out = limit(samples * gain, rate)
    for _ in range(4):
        level = loudness(out, rate)
        if abs(level - target) < 0.5:
            break
        gain *= 10 ** ((target - level) / 20)
        out = limit(samples * gain, rate)
    return out
