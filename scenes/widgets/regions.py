"""Decision regions as one image (a coloured grid, not thousands of squares) with points drawn over it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import Group, ImageMobject, ManimColor, Rectangle
from PIL import Image, ImageDraw

from scenes.kit import theme
from scenes.widgets.images import pixels

__all__ = ["RegionPanel", "overlay", "points_pixels", "region_pixels"]

#: Pixels per side of the point layer (the points stay round at any quality).
POINT_PIXELS = 720


def _rgb(colour: str) -> np.ndarray:
    return np.asarray(ManimColor(colour).to_rgb(), dtype=float) * 255.0


def region_pixels(
    labels: np.ndarray, colours: Sequence[str], background: str, strength: float = 0.38
) -> np.ndarray:
    """RGB pixels of a class grid ``labels[row, col]`` (row 0 at the bottom), top row first.

    Each class's colour is mixed into the background by ``strength``.
    """
    tints = np.array([(1 - strength) * _rgb(background) + strength * _rgb(c) for c in colours])
    return tints[np.asarray(labels)[::-1]].round().astype(np.uint8)


def points_pixels(
    X: np.ndarray,
    y: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    colours: Sequence[str],
    outline: str,
    *,
    hollow: bool = False,
    radius: float = 7.0,
) -> np.ndarray:
    """RGBA pixels of points ``X`` (N, 2) in their class colours over the box ``low``–``high``.

    Filled dots ringed in ``outline`` (training points), or rings only (``hollow``: held-out).
    The image is :data:`POINT_PIXELS` wide; its height follows the box's aspect.
    """
    span = np.asarray(high, dtype=float) - np.asarray(low, dtype=float)
    width = POINT_PIXELS
    height = max(1, round(width * span[1] / span[0]))
    canvas = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    edge = tuple(int(v) for v in _rgb(outline)) + (255,)
    for (px, py), label in zip(X, y, strict=True):
        u = (px - low[0]) / span[0] * (width - 1)
        v = (1 - (py - low[1]) / span[1]) * (height - 1)
        fill = tuple(int(c) for c in _rgb(colours[int(label)])) + (255,)
        box = (u - radius, v - radius, u + radius, v + radius)
        if hollow:
            draw.ellipse(box, outline=fill, width=3)
        else:
            draw.ellipse(box, fill=fill, outline=edge, width=2)
    return np.asarray(canvas)


def overlay(base: np.ndarray, *layers: np.ndarray, opacities: Sequence[float] = ()) -> np.ndarray:
    """RGB pixels: ``base`` (any size, RGB) stretched to the layers' size, each RGBA layer over it.

    One image per panel instead of a stack: Manim redraws every image of an
    animation in every frame, and at 1080p that is what a frame costs.
    ``opacities`` scales each layer's alpha (1 for layers not given).
    """
    height, width = layers[0].shape[:2]
    canvas = Image.fromarray(np.asarray(base, dtype=np.uint8)).convert("RGBA")
    canvas = canvas.resize((width, height), Image.Resampling.BILINEAR)
    for k, layer in enumerate(layers):
        pixels_ = np.array(layer, dtype=np.uint8)
        if k < len(opacities):
            pixels_[..., 3] = np.round(pixels_[..., 3] * opacities[k]).astype(np.uint8)
        canvas = Image.alpha_composite(canvas, Image.fromarray(pixels_))
    return np.asarray(canvas.convert("RGB"))


class RegionPanel(Group):
    """A frame around the plane ``low``–``high`` (its longer side ``size`` long).

    ``picture(pixels)`` makes an image filling the frame (regions from
    :func:`region_pixels`, point layers from :func:`points_pixels`), placed on the
    panel but not added to it.
    """

    def __init__(self, low: np.ndarray, high: np.ndarray, size: float) -> None:
        super().__init__()
        span = np.asarray(high, dtype=float) - np.asarray(low, dtype=float)
        self.low, self.high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
        scale = size / max(span)
        self.w, self.h = float(span[0] * scale), float(span[1] * scale)
        self.frame = Rectangle(width=self.w, height=self.h, color=theme.MUTED, stroke_width=2)
        self.add(self.frame)

    def picture(self, array: np.ndarray) -> ImageMobject:
        """An image filling the panel's frame."""
        image = pixels(array, smooth=True)  # also mends Manim's image drawing for Pillow 12
        image.stretch_to_fit_width(self.w).stretch_to_fit_height(self.h)
        return image.move_to(self.frame.get_center())
