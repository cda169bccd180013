"""Images on screen: pixel arrays as image mobjects (sharp pixels), mosaics and framed thumbnails."""

from __future__ import annotations

from collections.abc import Sequence

import manim.camera.camera as _camera
import numpy as np
from manim import RESAMPLING_ALGORITHMS, ImageMobject, Rectangle
from PIL import Image as _PIL

from scenes.kit import theme

__all__ = ["frame", "label_image", "mosaic", "pixels", "to_rgb8"]


class _PillowCompat:
    """``PIL.Image`` for Manim's camera, but ``fromarray(zeros((h, w)), mode="RGBA")`` works.

    Manim 0.22 draws every image mobject by pasting it into
    ``Image.fromarray(np.zeros((h, w)), mode="RGBA")``, which Pillow 12 and later
    refuse ("Invalid mode for data type"): here that call gives the empty RGBA
    canvas it meant. Everything else is Pillow's own.
    """

    def __getattr__(self, name: str) -> object:
        return getattr(_PIL, name)

    @staticmethod
    def fromarray(obj: np.ndarray, mode: str | None = None) -> _PIL.Image:
        arr = np.asarray(obj)
        if mode == "RGBA" and arr.ndim == 2:
            return _PIL.new("RGBA", (arr.shape[1], arr.shape[0]))
        return _PIL.fromarray(obj) if mode is None else _PIL.fromarray(obj, mode=mode)


_camera.Image = _PillowCompat()  # type: ignore[assignment]


def to_rgb8(array: np.ndarray, vmax: float = 255.0, ink: bool = False) -> np.ndarray:
    """Pixel values ``0..vmax`` as ``uint8`` RGB; a grey image is repeated in 3 channels.

    ``ink`` draws large values dark on light (how the digits are printed).
    Colours of pixels are data, not theme colours.
    """
    a = np.clip(np.asarray(array, dtype=float) * (255.0 / vmax), 0, 255)
    if ink:
        a = 255.0 - a
    if a.ndim == 2:
        a = np.repeat(a[..., None], 3, axis=2)
    return np.round(a).astype(np.uint8)


def pixels(
    array: np.ndarray,
    *,
    height: float | None = None,
    width: float | None = None,
    vmax: float = 255.0,
    ink: bool = False,
    smooth: bool = False,
) -> ImageMobject:
    """An image mobject of a pixel array, sized to ``height`` or ``width`` (scene units).

    Pixels stay sharp squares (nearest resampling) unless ``smooth``. An RGBA
    ``uint8`` array is used as it is (for translucent overlays).
    """
    arr = np.asarray(array)
    data = arr if arr.dtype == np.uint8 and arr.ndim == 3 else to_rgb8(arr, vmax, ink)
    mob = ImageMobject(data)
    mob.set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear" if smooth else "nearest"])
    if height is not None:
        mob.height = height
    elif width is not None:
        mob.width = width
    return mob


def frame(mob: ImageMobject, color: str | None = None, buff: float = 0.0) -> Rectangle:
    """A thin rectangle around an image (in the muted colour unless told)."""
    return Rectangle(
        width=mob.width + 2 * buff,
        height=mob.height + 2 * buff,
        color=color or theme.MUTED,
        stroke_width=2,
    ).move_to(mob.get_center())


def mosaic(
    images: Sequence[np.ndarray] | np.ndarray, cols: int, gap: int = 1, fill: float = 0.0
) -> np.ndarray:
    """Equal-sized images tiled row by row, ``cols`` per row, ``gap`` pixels of ``fill`` between.

    Laying images side by side is layout, not maths: the pixel values are copied
    unchanged.
    """
    stack = np.asarray(images, dtype=float)
    n, h, w = stack.shape[:3]
    rows = -(-n // cols)
    shape = (rows * (h + gap) - gap, cols * (w + gap) - gap, *stack.shape[3:])
    out = np.full(shape, fill, dtype=float)
    for k, img in enumerate(stack):
        r, c = divmod(k, cols)
        out[r * (h + gap) : r * (h + gap) + h, c * (w + gap) : c * (w + gap) + w] = img
    return out


def label_image(labels: np.ndarray, colours: Sequence[str], alpha: float = 0.3) -> np.ndarray:
    """An RGBA ``uint8`` image of class labels: class ``c`` painted ``colours[c]`` at ``alpha``.

    Draws decision regions as one image instead of thousands of squares.
    """
    lab = np.asarray(labels, dtype=np.intp)
    table = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in colours], dtype=np.uint8)
    rgba = np.empty((*lab.shape, 4), dtype=np.uint8)
    rgba[..., :3] = table[lab]
    rgba[..., 3] = round(255 * alpha)
    return rgba
