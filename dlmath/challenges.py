"""Why raw pixels fail: one photograph under six changes, and its pixel distance to each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array, check_finite_scalar
from dlmath.distances import image_distance
from dlmath.images import _sample, resize

__all__ = [
    "CHANGES",
    "VisionChallenges",
    "change_illumination",
    "change_scale",
    "change_viewpoint",
    "clutter",
    "deform",
    "occlude",
    "vision_challenges",
]

#: The changes of :func:`vision_challenges`, in the order the notes list them.
CHANGES = ("viewpoint", "scale", "illumination", "occlusion", "deformation", "clutter")


def _rgb(name: str, image: Any) -> np.ndarray:
    img = as_array(name, image, ndim=3)
    return img


def _in(name: str, value: Any, low: float, high: float) -> float:
    v = check_finite_scalar(name, value)
    if not low <= v <= high:
        raise DlmathError(f"{name} must be in {low:g}..{high:g}, got {v:g}")
    return v


def _grid(img: np.ndarray) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Row and column of every pixel, and the image's centre."""
    h, w = img.shape[:2]
    rows, cols = np.meshgrid(np.arange(h, dtype=float), np.arange(w, dtype=float), indexing="ij")
    return rows, cols, (h - 1) / 2, (w - 1) / 2


def change_viewpoint(image: Any, angle: float, fill: float = 0.0) -> np.ndarray:
    r"""The picture seen from the side: its plane turned by ``angle`` degrees about the vertical axis.

    With coordinates in half-widths from the centre, a camera at distance
    :math:`d = 2.5` with focal length :math:`d` sees the point :math:`(X, Y)`
    of the turned plane at :math:`x = d X\cos\theta / (d + X\sin\theta)`,
    :math:`y = d Y / (d + X\sin\theta)`; each output pixel samples the source at
    :math:`X = x d / (d\cos\theta - x\sin\theta)`, :math:`Y = y (d + X\sin\theta)/d`
    (bilinear; outside the picture: ``fill``). ``angle`` in 0..75.
    """
    img = _rgb("image", image)
    theta = np.radians(_in("angle", angle, 0.0, 75.0))
    if theta == 0:
        return np.clip(img, 0, 255)  # exactly the picture, without resampling noise
    rows, cols, cy, cx = _grid(img)
    half = max(cx, 1.0)
    x, y, d = (cols - cx) / half, (rows - cy) / half, 2.5
    denom = d * np.cos(theta) - x * np.sin(theta)
    X = x * d / denom
    Y = y * (d + X * np.sin(theta)) / d
    return np.clip(_sample(img, Y * half + cy, X * half + cx, fill=fill), 0, 255)


def change_scale(image: Any, factor: float, fill: float = 0.0) -> np.ndarray:
    """The subject closer (``factor`` > 1, the centre enlarged) or farther (< 1); ``factor`` in 0.3..4."""
    img = _rgb("image", image)
    f = _in("factor", factor, 0.3, 4.0)
    rows, cols, cy, cx = _grid(img)
    return np.clip(_sample(img, cy + (rows - cy) / f, cx + (cols - cx) / f, fill=fill), 0, 255)


def change_illumination(image: Any, gain: float) -> np.ndarray:
    r"""Less (``gain`` < 1) or more light: :math:`\min(255, \text{gain} \cdot I)`; ``gain`` in 0..3."""
    img = _rgb("image", image)
    return np.clip(img * _in("gain", gain, 0.0, 3.0), 0, 255)


def occlude(image: Any, fraction: float, fill: float = 90.0) -> np.ndarray:
    """Something in front: a centred rectangle of the image's aspect covering ``fraction`` of it (0..0.8)."""
    img = _rgb("image", image).copy()
    f = _in("fraction", fraction, 0.0, 0.8)
    h, w = img.shape[:2]
    bh, bw = round(h * np.sqrt(f)), round(w * np.sqrt(f))
    top, left = (h - bh) // 2, (w - bw) // 2
    img[top : top + bh, left : left + bw] = fill
    return img


def deform(image: Any, amount: float) -> np.ndarray:
    r"""A bent subject: a swirl about the centre by up to ``amount`` radians (-4..4).

    Each pixel at radius :math:`r` (in half the image's shorter side) samples the
    source turned by :math:`\phi = \text{amount} \cdot e^{-2r}` about the centre:
    the middle twists most, the corners hardly at all.
    """
    img = _rgb("image", image)
    a = _in("amount", amount, -4.0, 4.0)
    rows, cols, cy, cx = _grid(img)
    dy, dx = rows - cy, cols - cx
    phi = a * np.exp(-2.0 * np.hypot(dy, dx) / max(min(cy, cx), 1.0))
    c, s = np.cos(phi), np.sin(phi)
    return np.clip(_sample(img, cy + s * dx + c * dy, cx + c * dx - s * dy, mode="nearest"), 0, 255)


def clutter(image: Any, texture: Any, amount: float) -> np.ndarray:
    r"""A busy background: ``texture`` replaces the image outside a centred ellipse.

    The ellipse's radius shrinks as ``amount`` (0..1) grows; with the
    elliptical radius :math:`r` (1 at the middle of each edge) the image keeps
    weight :math:`m = \text{clip}((r_0 - r)/0.15, 0, 1)`, :math:`r_0 = 1.57\,(1 - \text{amount})`,
    and the result is :math:`m I + (1 - m) T` (``texture`` resized to the image).
    """
    img = _rgb("image", image)
    a = _in("amount", amount, 0.0, 1.0)
    tex = as_array("texture", texture, ndim=(2, 3))
    if tex.ndim == 2:
        tex = np.repeat(tex[..., None], img.shape[2], axis=2)
    tex = resize(tex, img.shape[:2])
    rows, cols, cy, cx = _grid(img)
    r = np.hypot((rows - cy) / max(cy, 1.0), (cols - cx) / max(cx, 1.0))
    m = np.clip((1.57 * (1 - a) - r) / 0.15, 0, 1)[..., None]
    return np.clip(m * img + (1 - m) * tex, 0, 255)


@dataclass(frozen=True)
class VisionChallenges:
    """One photograph under each change, and pixel distances (see :func:`vision_challenges`)."""

    original: np.ndarray  #: (H, W, 3) the photograph at the working size
    changes: tuple[str, ...]  #: names of the changes, in order
    images: dict[str, np.ndarray]  #: change name -> the changed photograph
    distances: dict[str, float]  #: change name -> L2 distance to the original
    other: np.ndarray  #: (H, W, 3) a different photograph at the working size
    other_distance: float  #: its L2 distance to the original
    strengths: dict[str, float]  #: change name -> the strength used


def vision_challenges(
    image: Any,
    other: Any,
    texture: Any,
    strengths: dict[str, float],
    shape: tuple[int, int] = (100, 150),
) -> VisionChallenges:
    r"""The notes' challenges of computer vision, measured in pixels.

    The photograph and ``other`` are :func:`resize`\ d to ``shape``; each change
    of :data:`CHANGES` is applied with its strength (``viewpoint``: degrees,
    ``scale``: zoom factor, ``illumination``: gain, ``occlusion``: covered
    fraction, ``deformation``: swirl in radians, ``clutter``: 0..1), and every
    changed photograph, and ``other``, is compared with the original by the L2
    distance :math:`\sqrt{\sum_p (I_p - I'_p)^2}` over all pixels and channels
    (values 0-255). The same cat can be as far from itself as from another picture.

    Parameters
    ----------
    image, other : array_like, shape (H, W, 3)
        The photograph and a different one, values 0-255.
    texture : array_like, shape (H, W) or (H, W, 3)
        A busy texture for the clutter.
    strengths : dict
        Strength of each change in :data:`CHANGES` (missing names are an error).
    shape : (int, int)
        Working size (height, width).
    """
    unknown = set(strengths) - set(CHANGES)
    missing = set(CHANGES) - set(strengths)
    if unknown or missing:
        raise DlmathError(
            f"strengths must name exactly {', '.join(CHANGES)}; "
            f"missing {sorted(missing)}, unknown {sorted(unknown)}"
        )
    base = resize(_rgb("image", image), shape)
    far = resize(_rgb("other", other), shape)
    s = strengths
    images = {
        "viewpoint": change_viewpoint(base, s["viewpoint"]),
        "scale": change_scale(base, s["scale"]),
        "illumination": change_illumination(base, s["illumination"]),
        "occlusion": occlude(base, s["occlusion"]),
        "deformation": deform(base, s["deformation"]),
        "clutter": clutter(base, texture, s["clutter"]),
    }
    distances = {name: image_distance(base, img, "l2").l2 for name, img in images.items()}
    return VisionChallenges(
        original=base,
        changes=CHANGES,
        images=images,
        distances=distances,
        other=far,
        other_distance=image_distance(base, far, "l2").l2,
        strengths={name: float(s[name]) for name in CHANGES},
    )
