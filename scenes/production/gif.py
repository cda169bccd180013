"""Animated GIFs from rendered MP4s: one shared palette, no dithering, small files."""

from __future__ import annotations

from pathlib import Path

import av
from PIL import Image

__all__ = ["mp4_to_gif"]


def _palette(frames: list[Image.Image], samples: int = 16) -> Image.Image:
    """A 255-colour palette from evenly spaced frames tiled into one picture."""
    step = max(1, len(frames) // samples)
    chosen = frames[::step][:samples] + [frames[-1]]
    width, height = chosen[0].size
    sheet = Image.new("RGB", (width, height * len(chosen)))
    for i, frame in enumerate(chosen):
        sheet.paste(frame, (0, i * height))
    return sheet.quantize(colors=255, method=Image.Quantize.MEDIANCUT)


def mp4_to_gif(source: Path, target: Path) -> None:
    """Convert the video ``source`` into a looping GIF at ``target`` with the same frame rate.

    Lecture frames are flat colours, so one palette for the whole clip and no
    dithering keep the file small (tens of times smaller than a per-frame GIF
    encoder) and the text crisp.
    """
    with av.open(str(source)) as container:
        stream = container.streams.video[0]
        fps = float(stream.average_rate or 15)
        frames = [frame.to_image().convert("RGB") for frame in container.decode(video=0)]
    palette = _palette(frames)
    indexed = [f.quantize(palette=palette, dither=Image.Dither.NONE) for f in frames]
    indexed[0].save(
        target, save_all=True, append_images=indexed[1:], duration=round(1000 / fps), loop=0
    )
