"""GIF output: one exact palette, frames streamed as changed rectangles."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image

from scenes.production.gif import GifWriter
from scenes.production.palette import COLOURS, GifPalette, pack


def _gif_frames(path: Path) -> tuple[list[np.ndarray], list[int]]:
    frames, delays = [], []
    with Image.open(path) as im:
        for i in range(im.n_frames):
            im.seek(i)
            frames.append(np.asarray(im.convert("RGB")))
            delays.append(im.info["duration"])
    return frames, delays


def test_palette_maps_every_colour_to_its_nearest_entry():
    rng = np.random.default_rng(1)
    palette = GifPalette(rng.integers(0, 256, (COLOURS, 3), dtype=np.uint8))
    pixels = rng.integers(0, 256, (5000, 3), dtype=np.uint8)
    got = palette.lookup(pack(pixels))
    distance = ((pixels[:, None, :].astype(int) - palette.colours[None].astype(int)) ** 2).sum(2)
    assert np.array_equal(distance[np.arange(len(pixels)), got], distance.min(axis=1))
    assert got.max() < COLOURS  # index 255 stays free for transparency
    assert np.array_equal(palette.lookup(pack(pixels)), got)  # the cached table agrees


def test_palette_keeps_flat_colours_exact():
    rng = np.random.default_rng(2)
    flat = [(17, 20, 24), (240, 240, 240), (230, 159, 0), (86, 180, 233)]
    counts: Counter[int] = Counter()
    for r, g, b in flat:
        counts[int(pack(np.array([r, g, b], dtype=np.uint8)))] = 100_000
    for colour in rng.integers(0, 256, (3000, 3)):  # anti-aliased edges: many rare colours
        counts[int(pack(colour.astype(np.uint8)))] += 3
    palette = GifPalette.from_counts(counts)
    assert len(palette.colours) <= COLOURS
    for colour in flat:
        index = palette.lookup(pack(np.array([colour], dtype=np.uint8)))[0]
        assert tuple(palette.colours[index]) == colour


def test_gif_writer_streams_changed_rectangles(tmp_path):
    from scenes.production.gif import GifPalette

    rng = np.random.default_rng(0)
    colours = rng.integers(0, 256, (6, 3), dtype=np.uint8)
    frame = np.zeros((40, 60, 3), np.uint8)
    frame[:] = colours[0]
    pictures = []
    for k in range(1, 6):
        frame = frame.copy()
        frame[5 * k : 5 * k + 4, 10 : 10 + 6 * k] = colours[k]
        pictures += [frame, frame]  # each picture twice: the copy costs no frame
    palette = GifPalette(colours)
    path = tmp_path / "t.gif"
    with path.open("wb") as fp:
        writer = GifWriter(fp, (60, 40), palette)
        for i, picture in enumerate(pictures):
            writer.add(picture, i * 0.1)
        writer.close(len(pictures) * 0.1)
    assert writer.frames == 5
    frames, delays = _gif_frames(path)
    assert delays == [200] * 5
    for got, want in zip(frames, pictures[::2], strict=True):
        assert np.array_equal(got, want)
    with Image.open(path) as im:
        im.seek(2)
        assert im.tile[0][1][:2] == (10, 15)  # only the changed rectangle is stored
