"""One palette for a video and its clips: exact entries for flat colours, exact nearest mapping.

Lecture frames are mostly flat colours (background, text, fills) with
anti-aliased edges. The most frequent colours of sampled frames get exact
entries; median cut shares the remaining entries among the other colours.
Pixels are mapped to their nearest entry (Euclidean in RGB) through a lookup
table of every 24-bit colour, filled as colours appear, so a flat colour maps
onto its own entry (Pillow's palette mapping is approximate).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import av
import numpy as np
from PIL import Image

__all__ = ["COLOURS", "GifPalette", "pack"]

#: Palette entries; index 255 of a GIF's 256 is left free (unchanged, transparent pixels).
COLOURS = 255
#: Frames sampled for the palette.
SAMPLES = 16
#: Colours with at least this share of the sampled pixels get exact entries (at most EXACT).
EXACT, EXACT_SHARE = 64, 5e-4
#: Pixels of the synthetic picture median cut works on.
_HISTOGRAM_PIXELS = 1 << 21
#: Colours mapped onto the palette at once (bounds the distance matrix).
_CHUNK = 4096


def pack(frame: np.ndarray) -> np.ndarray:
    """Colours of an ``… × 3`` RGB or ``… × 4`` RGBA uint8 array as ``0xBBGGRR`` integers (uint32).

    RGBA frames (what the decoder gives) are read in place as 32-bit words, the
    alpha byte masked off.
    """
    if frame.shape[-1] == 4 and frame.flags.c_contiguous:
        return frame.view("<u4")[..., 0] & np.uint32(0xFFFFFF)
    wide = frame[..., :3].astype(np.uint32)
    return wide[..., 0] | (wide[..., 1] << 8) | (wide[..., 2] << 16)


def _unpack(packed: np.ndarray) -> np.ndarray:
    return np.stack([packed & 255, (packed >> 8) & 255, (packed >> 16) & 255], axis=-1)


def _frame_count(stream: av.video.stream.VideoStream) -> int:
    if stream.frames:
        return int(stream.frames)
    if stream.duration is not None and stream.time_base is not None:
        seconds = float(stream.duration * stream.time_base)
        return max(1, int(seconds * float(stream.average_rate or 15)))
    return 0


class GifPalette:
    """Up to 255 RGB colours and the exact nearest-colour mapping onto them."""

    def __init__(self, colours: np.ndarray) -> None:
        colours = np.asarray(colours, dtype=np.uint8).reshape(-1, 3)
        if not 1 <= len(colours) <= COLOURS:
            raise ValueError(f"a GIF palette has 1 to {COLOURS} colours, got {len(colours)}")
        self.colours = colours
        self._wide = colours.astype(np.int32)
        self._lut: np.ndarray | None = None

    @classmethod
    def from_counts(cls, counts: Counter[int]) -> GifPalette:
        """The palette of a histogram of packed colours (:func:`pack`)."""
        if not counts:
            counts = Counter({0: 1})
        total = sum(counts.values())
        exact = [c for c, n in counts.most_common(EXACT) if n >= total * EXACT_SHARE]
        chosen = set(exact)
        others = Counter({c: n for c, n in counts.items() if c not in chosen})
        entries = [_unpack(np.array(c, dtype=np.uint32)) for c in exact]
        if others:
            colours = np.fromiter(others.keys(), dtype=np.uint32, count=len(others))
            weights = np.fromiter(others.values(), dtype=np.float64, count=len(others))
            repeat = np.maximum(1, np.round(weights * _HISTOGRAM_PIXELS / weights.sum()))
            pixels = _unpack(np.repeat(colours, repeat.astype(int))).astype(np.uint8)
            picture = Image.fromarray(pixels.reshape(1, -1, 3), "RGB")
            cut = picture.quantize(colors=COLOURS - len(entries), method=Image.Quantize.MEDIANCUT)
            flat = np.asarray(cut.getpalette() or [0, 0, 0], dtype=np.uint8).reshape(-1, 3)
            used = np.unique(np.asarray(cut))
            entries += list(flat[used[used < len(flat)]])
        return cls(np.array(entries[:COLOURS], dtype=np.uint8))

    @classmethod
    def from_video(cls, path: Path, samples: int = SAMPLES) -> GifPalette:
        """The palette of ``samples`` evenly spaced frames of the video ``path`` and its last."""
        counts: Counter[int] = Counter()

        def count(frame: av.VideoFrame) -> None:
            values, numbers = np.unique(pack(frame.to_ndarray(format="rgba")), return_counts=True)
            counts.update(dict(zip(values.tolist(), numbers.tolist(), strict=True)))

        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            total = _frame_count(stream)
            every = max(1, total // samples) if total else 1
            last = None
            for i, frame in enumerate(container.decode(stream)):
                last = frame
                if i % every == 0:
                    count(frame)
                    last = None
            if last is not None:
                count(last)
        return cls.from_counts(counts)

    def table(self) -> bytes:
        """The GIF's 256-entry colour table (unused entries black)."""
        values = self.colours.tobytes()
        return values + bytes(768 - len(values))

    def lookup(self, packed: np.ndarray) -> np.ndarray:
        """Palette indices (uint8) of packed colours: each colour's nearest entry."""
        if self._lut is None:
            self._lut = np.full(1 << 24, -1, dtype=np.int16)
        index = self._lut[packed]
        missing = index < 0
        if missing.any():
            new = np.unique(packed[missing])
            for start in range(0, len(new), _CHUNK):
                chunk = new[start : start + _CHUNK]
                rgb = _unpack(chunk).astype(np.int32)
                distance = ((rgb[:, None, :] - self._wide[None, :, :]) ** 2).sum(axis=2)
                self._lut[chunk] = distance.argmin(axis=1)
            index = self._lut[packed]
        return index.astype(np.uint8)
