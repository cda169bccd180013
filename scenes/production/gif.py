"""Animated GIFs from rendered MP4s, streamed: one shared palette, changed rectangles only.

Lecture frames are flat colours, so one palette for a whole video (and its
clips) without dithering keeps files small and text crisp. The conversion
never holds more than two frames: a first pass samples frames for the palette
(as a colour histogram), a second decodes, quantizes and writes frame by
frame, each frame as the rectangle that changed since the one before (pixels
inside it that did not change are transparent, which compresses well), and a
run of identical frames as one frame with a longer delay. GIF delays are
centiseconds and browsers slow down delays under 2, so the frame rate is capped
(:data:`MAX_FPS`).
"""

from __future__ import annotations

import math
import struct
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import av
import numpy as np
from PIL import GifImagePlugin, Image

__all__ = ["MAX_FPS", "GifPalette", "GifWriter", "mp4_to_gif"]

#: Highest frame rate of a GIF (delays of 5 centiseconds).
MAX_FPS = 20
#: Frames sampled for the palette.
SAMPLES = 16
#: Palette colours; the last index of 256 marks unchanged (transparent) pixels.
COLOURS = 255
TRANSPARENT = 255
#: A pixel still on the move whose palette colour would change by at most this much
#: (per channel) keeps the colour shown until it settles: compression noise and the
#: small steps of a fade cost no frame, and nothing is left off once it stops.
NOISE = 10
#: Pixels of the synthetic picture the palette is computed from.
_HISTOGRAM_PIXELS = 1 << 21


def _frame_count(stream: av.video.stream.VideoStream) -> int:
    if stream.frames:
        return int(stream.frames)
    if stream.duration is not None and stream.time_base is not None:
        return max(
            1, int(float(stream.duration * stream.time_base) * float(stream.average_rate or 15))
        )
    return 0


@dataclass(frozen=True)
class GifPalette:
    """A palette of up to 255 colours as a ``P`` image (what ``Image.quantize`` maps onto)."""

    image: Image.Image

    @classmethod
    def from_video(cls, path: Path, samples: int = SAMPLES) -> GifPalette:
        """The palette of ``samples`` evenly spaced frames of the video ``path`` (and its last)."""
        counts: Counter[int] = Counter()
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            total = _frame_count(stream)
            every = max(1, total // samples) if total else 1
            last = None
            for i, frame in enumerate(container.decode(stream)):
                last = frame
                if i % every == 0:
                    _count_colours(frame.to_ndarray(format="rgb24"), counts)
                    last = None
            if last is not None:
                _count_colours(last.to_ndarray(format="rgb24"), counts)
        return cls.from_counts(counts)

    @classmethod
    def from_counts(cls, counts: Counter[int]) -> GifPalette:
        """Median-cut palette of a histogram of packed ``0xRRGGBB`` colours."""
        if not counts:
            counts = Counter({0: 1})
        colours = np.fromiter(counts.keys(), dtype=np.uint32, count=len(counts))
        weights = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        repeat = np.maximum(1, np.round(weights * _HISTOGRAM_PIXELS / weights.sum())).astype(int)
        pixels = np.repeat(colours, repeat)
        rgb = np.stack([(pixels >> 16) & 255, (pixels >> 8) & 255, pixels & 255], axis=1)
        picture = Image.fromarray(rgb.astype(np.uint8).reshape(1, -1, 3), "RGB")
        return cls(picture.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT))

    def table(self) -> bytes:
        """The 256-entry RGB colour table of the GIF (unused entries black)."""
        values = bytes(self.image.getpalette() or [])[: 3 * COLOURS]
        return values + bytes(768 - len(values))

    def index(self, rgb: np.ndarray) -> Image.Image:
        """An RGB frame mapped onto the palette (no dithering), as a ``P`` image."""
        return Image.fromarray(rgb, "RGB").quantize(palette=self.image, dither=Image.Dither.NONE)


def _count_colours(rgb: np.ndarray, counts: Counter[int]) -> None:
    packed = (
        (rgb[..., 0].astype(np.uint32) << 16) | (rgb[..., 1].astype(np.uint32) << 8) | rgb[..., 2]
    )
    values, numbers = np.unique(packed, return_counts=True)
    counts.update(dict(zip(values.tolist(), numbers.tolist(), strict=True)))


class GifWriter:
    """Write an animated GIF frame by frame, each as the rectangle that changed."""

    def __init__(self, fp: BinaryIO, size: tuple[int, int], palette: GifPalette) -> None:
        self.fp, self.size, self.palette = fp, size, palette
        #: The picture shown so far (palette indices).
        self._previous: np.ndarray | None = None
        #: The last frame added (palette indices), to tell a settled pixel from a moving one.
        self._last: np.ndarray | None = None
        self._colours = (
            np.frombuffer(palette.table(), dtype=np.uint8).reshape(256, 3).astype(np.int16)
        )
        self._pending: tuple[Image.Image, tuple[int, int], int, bool] | None = None
        self.frames = 0
        width, height = size
        fp.write(b"GIF89a" + struct.pack("<HHBBB", width, height, 0xF7, 0, 0))
        fp.write(palette.table())
        fp.write(b"!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00")  # loop forever

    def add(self, rgb: np.ndarray, seconds: float) -> None:
        """Add the frame ``rgb`` (height × width × 3, uint8) shown from ``seconds`` on."""
        indexed = self.palette.index(rgb)
        now = np.asarray(indexed)
        start = round(seconds * 100)
        last, self._last = self._last, now
        if self._previous is None or last is None:
            self._queue(indexed, (0, 0), start, False)
            self._previous = now.copy()
            return
        changed = now != self._previous
        where = np.nonzero(changed & (now != last))
        if where[0].size:
            shown, new = self._colours[self._previous[where]], self._colours[now[where]]
            noise = np.abs(new - shown).max(axis=1) <= NOISE
            changed[where[0][noise], where[1][noise]] = False
        rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
        if rows.size == 0:
            return  # the same picture: the previous frame lasts longer
        self._previous[changed] = now[changed]
        top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
        part = now[top:bottom, left:right].copy()
        part[~changed[top:bottom, left:right]] = TRANSPARENT
        crop = Image.frombytes("P", (part.shape[1], part.shape[0]), part.tobytes())
        self._queue(crop, (int(left), int(top)), start, True)

    def _queue(
        self, image: Image.Image, offset: tuple[int, int], start: int, see_through: bool
    ) -> None:
        if self._pending is not None:
            self._write(*self._pending, end=start)
        self._pending = (image, offset, start, see_through)

    def _write(
        self, image: Image.Image, offset: tuple[int, int], start: int, see_through: bool, end: int
    ) -> None:
        params = {"duration": 10 * min(0xFFFF, max(2, end - start)), "disposal": 1}
        if see_through:
            params["transparency"] = TRANSPARENT
        self.fp.write(b"".join(GifImagePlugin.getdata(image, offset, **params)))
        self.frames += 1

    def close(self, seconds: float) -> None:
        """Write the last frame, lasting until ``seconds``, and the trailer."""
        if self._pending is not None:
            self._write(*self._pending, end=round(seconds * 100))
            self._pending = None
        self.fp.write(b";")


def mp4_to_gif(
    source: Path, target: Path, palette: GifPalette | None = None, max_fps: float = MAX_FPS
) -> GifPalette:
    """Convert the video ``source`` into a looping GIF at ``target``; return the palette used.

    Frames come at most ``max_fps`` a second (the first frame of each
    ``1/max_fps`` slot); ``palette`` (one per video and its clips) is computed
    from ``source`` when not given.
    """
    palette = palette or GifPalette.from_video(source)
    with av.open(str(source)) as container, open(target, "wb") as fp:
        stream = container.streams.video[0]
        rate = float(stream.average_rate or 15)
        writer = GifWriter(fp, (stream.width, stream.height), palette)
        slot, end = -1, 0.0
        for i, frame in enumerate(container.decode(stream)):
            seconds = float(frame.time) if frame.time is not None else i / rate
            end = seconds + 1 / rate
            here = math.floor(seconds * max_fps + 1e-6)
            if here == slot:
                continue
            slot = here
            writer.add(frame.to_ndarray(format="rgb24"), seconds)
        writer.close(end)
    return palette
