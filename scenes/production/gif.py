"""Animated GIFs from rendered MP4s, streamed: one shared palette, changed rectangles only.

Lecture frames are flat colours, so one palette for a whole video and its clips
(:mod:`scenes.production.palette`) without dithering keeps files small and text
crisp. The conversion never holds more than a few frames: a first pass samples
frames for the palette, a second decodes, maps and writes frame by frame, each
frame as the rectangle that changed since the picture shown (pixels inside it
that did not change are transparent, which compresses well), and a run of
identical frames as one frame with a longer delay. GIF delays are centiseconds
and browsers slow down delays under 2, so the frame rate is capped
(:data:`MAX_FPS`).
"""

from __future__ import annotations

import math
import struct
from pathlib import Path
from typing import BinaryIO

import av
import numpy as np
from PIL import GifImagePlugin, Image

from scenes.production.palette import GifPalette, pack

__all__ = ["MAX_FPS", "GifPalette", "GifWriter", "mp4_to_gif"]

#: Highest frame rate of a GIF (delays of 5 centiseconds).
MAX_FPS = 20
#: The colour index of pixels a frame leaves as they were.
TRANSPARENT = 255
#: A pixel still on the move whose palette colour would change by at most this much
#: (per channel) keeps the colour shown until it settles: compression noise and the
#: small steps of a fade cost no frame, and nothing is left off once it stops.
NOISE = 10


def _image(indices: np.ndarray) -> Image.Image:
    return Image.frombytes("P", (indices.shape[1], indices.shape[0]), indices.tobytes())


class GifWriter:
    """Write an animated GIF frame by frame, each as the rectangle that changed."""

    def __init__(self, fp: BinaryIO, size: tuple[int, int], palette: GifPalette) -> None:
        self.fp, self.size, self.palette = fp, size, palette
        self.frames = 0
        #: Packed colours of the last frame added; palette indices of its true
        #: picture and of the picture shown so far.
        self._packed: np.ndarray | None = None
        self._true: np.ndarray | None = None
        self._shown: np.ndarray | None = None
        self._pending: tuple[Image.Image, tuple[int, int], int, bool] | None = None
        #: Pixels (flat indices) whose small step waits for them to settle.
        self._waiting = np.zeros(0, dtype=np.intp)
        self._colours = palette.colours.astype(np.int16)
        width, height = size
        fp.write(b"GIF89a" + struct.pack("<HHBBB", width, height, 0xF7, 0, 0))
        fp.write(palette.table())
        fp.write(b"!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00")  # loop forever

    def add(self, frame: np.ndarray, seconds: float) -> None:
        """Add ``frame`` (height × width × 3 RGB or × 4 RGBA, uint8), shown from ``seconds`` on.

        Only pixels whose colour moved since the last frame are looked up; a
        small step of a pixel still moving waits (in :attr:`_waiting`) until it
        settles or grows, so the picture shown never stays off once still.
        """
        packed = pack(frame)
        start = round(seconds * 100)
        if self._packed is None or self._true is None or self._shown is None:
            self._packed, self._true = packed, self.palette.lookup(packed)
            self._shown = self._true.copy()
            self._queue(_image(self._true), (0, 0), start, False)
            return
        true, shown = self._true.reshape(-1), self._shown.reshape(-1)
        moved = (packed != self._packed).reshape(-1)
        self._packed = packed
        here = np.flatnonzero(moved)
        if here.size:
            true[here] = self.palette.lookup(packed.reshape(-1)[here])
            here = here[true[here] != shown[here]]
            step = self._colours[true[here]] - self._colours[shown[here]]
            small = np.abs(step).max(axis=1) <= NOISE
            waiting, here = here[small], here[~small]
        else:
            waiting = here
        settled = self._waiting[~moved[self._waiting]]
        settled = settled[true[settled] != shown[settled]]
        self._waiting = waiting
        change = np.concatenate([here, settled])
        if change.size == 0:
            return  # the same picture: the frame shown lasts longer
        shown[change] = true[change]
        width = self.size[0]
        rows, cols = np.divmod(change, width)
        top, left = int(rows.min()), int(cols.min())
        bottom, right = int(rows.max()) + 1, int(cols.max()) + 1
        part = np.full((bottom - top, right - left), TRANSPARENT, dtype=np.uint8)
        part[rows - top, cols - left] = true[change]
        self._queue(_image(part), (left, top), start, True)

    def _queue(
        self, image: Image.Image, offset: tuple[int, int], start: int, see_through: bool
    ) -> None:
        if self._pending is not None:
            self._write(*self._pending, end=start)
        self._pending = (image, offset, start, see_through)

    def _write(
        self, image: Image.Image, offset: tuple[int, int], start: int, see_through: bool, end: int
    ) -> None:
        delay = min(0xFFFF, max(2, end - start))
        params: dict[str, int] = {"duration": 10 * delay, "disposal": 1}
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
            writer.add(frame.to_ndarray(format="rgba"), seconds)
        writer.close(end)
    return palette
