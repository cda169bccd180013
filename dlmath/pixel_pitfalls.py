"""Where pixel distance misleads: a copy shifted by a pixel is farther than an image of another class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array, as_labels
from dlmath.distances import METRICS, pairwise_distances
from dlmath.images import shift

__all__ = ["ShiftedCopy", "shifted_copy"]


@dataclass(frozen=True)
class ShiftedCopy:
    """An image, its shifted copy, and its nearest image of another class (see :func:`shifted_copy`)."""

    image: np.ndarray  #: (H, W) the image
    shifted: np.ndarray  #: (H, W) the same image moved by (dy, dx), uncovered pixels 0
    dy: int
    dx: int
    label: int  #: the image's class
    distance: float  #: distance between the image and its shifted copy
    other_index: int  #: index of the nearest training image of another class
    other_label: int  #: its class
    other_image: np.ndarray  #: (H, W) that image
    other_distance: float  #: its distance to the image
    metric: str


def shifted_copy(
    image: Any,
    label: int,
    train_images: Any,
    train_labels: Any,
    dy: int = 0,
    dx: int = 1,
    metric: str = "l1",
) -> ShiftedCopy:
    """Compare an image with its own shifted copy and with the nearest image of another class.

    The copy is :func:`~dlmath.images.shift` ``(image, dy, dx)`` (the subject
    unchanged, only moved); the other image is the training image nearest to
    ``image`` (by ``metric``, ties to the lower index) among those whose label
    is not ``label``. Pixel distance compares pixels at the same place, so the
    shifted copy is often the farther one.

    Parameters
    ----------
    image : array_like, shape (H, W)
        The image.
    label : int
        Its class.
    train_images : array_like, shape (N, H, W)
        Images to search for the nearest one of another class.
    train_labels : array_like of int, shape (N,)
        Their classes.
    dy, dx : int
        The shift in rows (down) and columns (right).
    metric : {"l1", "l2"}
        Distance between images (all pixels as one vector).
    """
    if metric not in METRICS:
        raise DlmathError(f"metric must be one of {', '.join(map(repr, METRICS))}, got {metric!r}")
    img = as_array("image", image, ndim=2)
    train = as_array("train_images", train_images, ndim=3)
    if train.shape[1:] != img.shape:
        raise DlmathError(
            f"train_images must hold images shaped like image {img.shape}, got {train.shape}"
        )
    labels = as_labels("train_labels", train_labels, 2**31, shape=(train.shape[0],))
    others = np.flatnonzero(labels != int(label))
    if others.size == 0:
        raise DlmathError(f"train_labels must hold a class other than {label}")
    moved = shift(img, dy, dx)
    flat = img.reshape(1, -1)
    distance = float(pairwise_distances(flat, moved.reshape(1, -1), metric)[0, 0])
    d_others = pairwise_distances(flat, train[others].reshape(others.size, -1), metric)[0]
    best = int(others[np.argmin(d_others)])
    return ShiftedCopy(
        image=img,
        shifted=moved,
        dy=int(dy),
        dx=int(dx),
        label=int(label),
        distance=distance,
        other_index=best,
        other_label=int(labels[best]),
        other_image=train[best].copy(),
        other_distance=float(d_others.min()),
        metric=metric,
    )
