"""Toy 2-D classification data sets: the CS231n spiral, two moons and Gaussian blobs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, check_choice, check_nonnegative, check_positive_int

__all__ = [
    "ToyData",
    "make_toy_data",
]

_KINDS = ("spiral", "moons", "blobs")


@dataclass(frozen=True)
class ToyData:
    """A labelled 2-D toy data set (see :func:`make_toy_data`).

    Attributes
    ----------
    X : ndarray, shape (N, 2)
        Points, class by class: rows ``j*n_per_class .. (j+1)*n_per_class - 1`` have label ``j``.
    y : ndarray of int, shape (N,)
        Class index of each point, ``0 <= y < n_classes``.
    kind : str
        ``"spiral"``, ``"moons"`` or ``"blobs"``.
    n_classes : int
        Number of classes.
    """

    X: np.ndarray
    y: np.ndarray
    kind: str
    n_classes: int


def _class_points(kind: str, j: int, n: int, n_classes: int, noise: float, rng: Any) -> np.ndarray:
    """The ``n`` points of class ``j``, shape (n, 2)."""
    if kind == "spiral":
        r = np.linspace(0.0, 1.0, n)
        t = np.linspace(j * 4.0, (j + 1) * 4.0, n) + rng.standard_normal(n) * noise
        return np.column_stack([r * np.sin(t), r * np.cos(t)])
    if kind == "moons":
        t = np.linspace(0.0, np.pi, n)
        if j == 0:
            arc = np.column_stack([np.cos(t), np.sin(t)])
        else:
            arc = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
        return arc + rng.standard_normal((n, 2)) * noise
    angle = 2.0 * np.pi * j / n_classes
    return np.array([np.cos(angle), np.sin(angle)]) + rng.standard_normal((n, 2)) * noise


def make_toy_data(
    kind: str = "spiral",
    n_per_class: int = 100,
    n_classes: int | None = None,
    *,
    noise: float = 0.2,
    seed: int = 0,
) -> ToyData:
    r"""Generate a 2-D classification toy data set from ``numpy.random.default_rng(seed)``.

    - ``"spiral"`` (CS231n): class ``j`` has radius :math:`r = ` linspace(0, 1) and
      angle :math:`t = ` linspace(4j, 4(j+1)) + noise·randn; the point is
      :math:`(r \sin t, r \cos t)`.
    - ``"moons"``: two interleaving half circles, :math:`(\cos t, \sin t)` and
      :math:`(1 - \cos t, 0.5 - \sin t)` for :math:`t \in [0, \pi]`, plus
      noise·randn on both coordinates. Exactly 2 classes.
    - ``"blobs"``: Gaussian blobs of standard deviation ``noise`` centred at
      :math:`(\cos(2\pi j/C), \sin(2\pi j/C))` on the unit circle.

    Parameters
    ----------
    kind : {"spiral", "moons", "blobs"}
        Shape of the classes (see above).
    n_per_class : int
        Points per class (>= 1); ``N = n_per_class * n_classes``.
    n_classes : int, optional
        Number of classes (>= 2); default 3, or 2 for ``"moons"`` (which accepts only 2).
    noise : float
        Noise standard deviation (>= 0).
    seed : int
        Seed of the random generator: the same seed gives the same arrays.

    Returns
    -------
    ToyData
        ``X`` (N, 2) float, ``y`` (N,) int, ``kind``, ``n_classes``.
    """
    kind = check_choice("kind", kind, _KINDS)
    n = check_positive_int("n_per_class", n_per_class)
    if n_classes is None:
        n_classes = 2 if kind == "moons" else 3
    c = check_positive_int("n_classes", n_classes, minimum=2)
    if kind == "moons" and c != 2:
        raise DlmathError(f"n_classes must be 2 for kind='moons' (two half circles), got {c}")
    sigma = check_nonnegative("noise", noise)
    rng = np.random.default_rng(check_positive_int("seed", seed, minimum=0))
    X = np.concatenate([_class_points(kind, j, n, c, sigma, rng) for j in range(c)])
    y = np.repeat(np.arange(c, dtype=np.int64), n)
    return ToyData(X=X, y=y, kind=kind, n_classes=c)
