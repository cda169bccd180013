"""Images as arrays of numbers: resizing, shifting, hand-made features and an image's numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import ndimage

from dlmath._checks import DlmathError, as_array, check_positive_int

__all__ = [
    "ImageNumbers",
    "colour_histogram",
    "edge_strength",
    "grey",
    "image_numbers",
    "resize",
    "shift",
]


def _image(name: str, image: Any) -> np.ndarray:
    """``image`` as a float ``(H, W)`` or ``(H, W, C)`` array."""
    return as_array(name, image, ndim=(2, 3))


def _shape(shape: Any) -> tuple[int, int]:
    if not isinstance(shape, tuple | list) or len(shape) != 2:
        raise DlmathError(f"shape must be (height, width), got {shape!r}")
    return check_positive_int("height", shape[0]), check_positive_int("width", shape[1])


def resize(image: Any, shape: Any) -> np.ndarray:
    r"""Resize an image to ``shape = (H', W')``, cropping the centre to the new aspect first.

    The largest centred crop with the aspect ratio ``W'/H'`` is kept; when
    shrinking by a factor :math:`f > 1` it is smoothed by a Gaussian of
    :math:`\sigma = (f - 1)/2` pixels (so each output pixel averages about the
    :math:`f \times f` pixels it covers); output pixel :math:`(i, j)` samples the
    crop bilinearly at its centre :math:`((i + 1/2) h/H' - 1/2,\ (j + 1/2) w/W' - 1/2)`.

    Parameters
    ----------
    image : array_like, shape (H, W) or (H, W, C)
        Pixel values (any range; ``uint8`` is converted to float).
    shape : (int, int)
        Output height and width.

    Returns
    -------
    ndarray, shape (H', W') or (H', W', C), float
    """
    img = _image("image", image)
    out_h, out_w = _shape(shape)
    h, w = img.shape[:2]
    if w * out_h > h * out_w:  # too wide: crop columns
        keep = max(1, round(h * out_w / out_h))
        img = img[:, (w - keep) // 2 : (w - keep) // 2 + keep]
    else:
        keep = max(1, round(w * out_h / out_w))
        img = img[(h - keep) // 2 : (h - keep) // 2 + keep]
    h, w = img.shape[:2]
    sigma = [max(h / out_h - 1, 0) / 2, max(w / out_w - 1, 0) / 2] + [0] * (img.ndim - 2)
    if any(sigma):
        img = ndimage.gaussian_filter(img, sigma, mode="nearest")
    rows = (np.arange(out_h) + 0.5) * h / out_h - 0.5
    cols = (np.arange(out_w) + 0.5) * w / out_w - 0.5
    grid = np.meshgrid(rows, cols, indexing="ij")
    return _sample(img, grid[0], grid[1], mode="nearest")


def _sample(
    img: np.ndarray, rows: np.ndarray, cols: np.ndarray, mode: str = "constant", fill: float = 0.0
) -> np.ndarray:
    """Bilinear samples of every channel of ``img`` at ``(rows, cols)``."""
    if img.ndim == 2:
        return ndimage.map_coordinates(img, [rows, cols], order=1, mode=mode, cval=fill)
    return np.stack(
        [
            ndimage.map_coordinates(img[..., c], [rows, cols], order=1, mode=mode, cval=fill)
            for c in range(img.shape[2])
        ],
        axis=-1,
    )


def shift(image: Any, dy: int, dx: int, fill: float = 0.0) -> np.ndarray:
    """The image moved by ``dy`` rows down and ``dx`` columns right; uncovered pixels get ``fill``.

    ``out[i, j] = image[i - dy, j - dx]`` where that pixel exists, else ``fill``.

    Examples
    --------
    >>> shift([[1, 2], [3, 4]], 0, 1)
    array([[0., 1.],
           [0., 3.]])
    """
    img = _image("image", image)
    for name, step in (("dy", dy), ("dx", dx)):
        if isinstance(step, bool) or not isinstance(step, int | np.integer):
            raise DlmathError(f"{name} must be an integer number of pixels, got {step!r}")
    out = np.full_like(img, float(fill))
    h, w = img.shape[:2]
    if abs(dy) < h and abs(dx) < w:
        out[max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = img[
            max(-dy, 0) : h - max(dy, 0), max(-dx, 0) : w - max(dx, 0)
        ]
    return out


def grey(image: Any) -> np.ndarray:
    r"""Luminance of an RGB image, :math:`Y = 0.299 R + 0.587 G + 0.114 B` (a grey image is kept)."""
    img = _image("image", image)
    if img.ndim == 2:
        return img
    if img.shape[2] < 3:
        raise DlmathError(f"image must have 3 colour channels (RGB), got shape {img.shape}")
    return np.asarray(img[..., :3] @ np.array([0.299, 0.587, 0.114]))


def edge_strength(image: Any) -> np.ndarray:
    r"""A hand-made feature: the Sobel gradient magnitude of the grey image.

    .. math:: E = \sqrt{(S_x * Y)^2 + (S_y * Y)^2}, \quad
        S_x = \begin{pmatrix} -1 & 0 & 1 \\ -2 & 0 & 2 \\ -1 & 0 & 1 \end{pmatrix},\ S_y = S_x^T

    with :func:`grey` ``Y`` and edges repeated at the border. Large where the
    brightness changes (outlines), 0 on flat areas.

    Returns
    -------
    ndarray, shape (H, W)
    """
    y = grey(image)
    gx = ndimage.sobel(y, axis=1, mode="nearest")
    gy = ndimage.sobel(y, axis=0, mode="nearest")
    return np.asarray(np.hypot(gx, gy))


def colour_histogram(image: Any, bins: int = 8) -> np.ndarray:
    """A hand-made feature: the fraction of pixels in each of ``bins`` equal bins of 0-255, per channel.

    Returns
    -------
    ndarray, shape (C, bins)
        Row ``c`` sums to 1: how channel ``c``'s values are spread over
        ``[0, 256/bins), [256/bins, 512/bins), …``.
    """
    img = _image("image", image)
    n = check_positive_int("bins", bins)
    channels = img[..., None] if img.ndim == 2 else img
    edges = np.linspace(0.0, 256.0, n + 1)
    flat = channels.reshape(-1, channels.shape[2])
    counts = np.stack([np.histogram(flat[:, c], edges)[0] for c in range(flat.shape[1])])
    return np.asarray(counts / flat.shape[0])


@dataclass(frozen=True)
class ImageNumbers:
    """A photograph as numbers (see :func:`image_numbers`)."""

    shape: tuple[int, int, int]  #: (H, W, C) of the photograph
    values: int  #: H · W · C
    origin: tuple[int, int]  #: (row, column) of the patch's top-left pixel
    patch: np.ndarray  #: (n, n, C) the patch's pixel values
    small: np.ndarray  #: (s, s, C) the photograph resized to s × s (rounded to integers)
    small_values: int  #: s · s · C
    x: np.ndarray  #: (s · s · C,) the small image flattened row by row, channels last


def image_numbers(image: Any, origin: Any, size: int, small: int = 32) -> ImageNumbers:
    """The numbers of a photograph: its shape, a ``size × size`` patch, and a ``small × small`` copy.

    The small copy is :func:`resize` to ``(small, small)`` rounded to whole
    pixel values 0-255 (as CIFAR-10 stores its 32 × 32 × 3 = 3072 values); ``x``
    is that copy flattened in C order (row by row, the C channels of a pixel
    together), the input of a linear classifier.

    Parameters
    ----------
    image : array_like, shape (H, W, C)
        The photograph, values 0-255.
    origin : (int, int)
        Row and column of the patch's top-left pixel; the patch must fit.
    size : int
        Side of the square patch, in pixels.
    small : int
        Side of the small copy.
    """
    img = as_array("image", image, ndim=3)
    n, s = check_positive_int("size", size), check_positive_int("small", small)
    h, w, c = img.shape
    if not isinstance(origin, tuple | list) or len(origin) != 2:
        raise DlmathError(f"origin must be (row, column), got {origin!r}")
    r0, c0 = (
        check_positive_int(k, v, minimum=0) for k, v in zip(("row", "column"), origin, strict=True)
    )
    if r0 + n > h or c0 + n > w:
        raise DlmathError(
            f"a {n}x{n} patch at ({r0}, {c0}) must fit in the {h}x{w} image: "
            f"row 0..{h - n}, column 0..{w - n}"
        )
    tiny = np.clip(np.round(resize(img, (s, s))), 0, 255)
    return ImageNumbers(
        shape=(h, w, c),
        values=h * w * c,
        origin=(r0, c0),
        patch=img[r0 : r0 + n, c0 : c0 + n].copy(),
        small=tiny,
        small_values=s * s * c,
        x=tiny.reshape(-1),
    )
