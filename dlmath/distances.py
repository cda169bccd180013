"""Distances for nearest neighbours: L1/L2 between point sets and between two images."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.spatial.distance import cdist

from dlmath._checks import DlmathError, as_array, check_choice

__all__ = [
    "ImageDistance",
    "image_distance",
    "pairwise_distances",
]

METRICS = ("l1", "l2")


def _rows(name: str, x: Any) -> np.ndarray:
    """Return ``x`` as a 2-D ``(N, D)`` float array; a 1-D input is one row."""
    return np.atleast_2d(as_array(name, x, ndim=(1, 2)))


def _squared_norms(name: str, A: np.ndarray, metric: str) -> np.ndarray:
    """``||a||²`` of every row of ``A`` for L2 (empty for L1), without an ``A * A`` temporary."""
    if metric == "l1":
        return np.empty(0)
    sq = np.einsum("ij,ij->i", A, A)
    if not np.isfinite(sq).all():
        raise DlmathError(f"{name} holds values too large to square in float64 (|x| > 1e154)")
    return sq


def _distances(
    A: np.ndarray, B: np.ndarray, metric: str, a_sq: np.ndarray, b_sq: np.ndarray
) -> np.ndarray:
    """``(N, M)`` distances between checked 2-D arrays.

    L2 uses ``sqrt(max(0, ||a||² + ||b||² - 2 a·b))`` with the precomputed
    squared norms ``a_sq`` and ``b_sq``. Only one ``(N, M)`` array is
    allocated: the matrix product, then updated in place.
    """
    if metric == "l1":
        return cdist(A, B, "cityblock")
    d = A @ B.T
    d *= -2.0
    d += a_sq[:, None]
    d += b_sq[None, :]
    np.maximum(d, 0.0, out=d)
    return np.sqrt(d, out=d)


def _check_same_width(a_name: str, A: np.ndarray, b_name: str, B: np.ndarray) -> None:
    if A.shape[1] != B.shape[1]:
        raise DlmathError(
            f"{a_name} and {b_name} must have the same number of columns (D), "
            f"got shapes {A.shape} and {B.shape}"
        )


def pairwise_distances(A: Any, B: Any, metric: str = "l2") -> np.ndarray:
    r"""Distance between every row of ``A`` and every row of ``B``.

    .. math::

        d_1(a, b) = \sum_p |a_p - b_p|, \qquad
        d_2(a, b) = \sqrt{\sum_p (a_p - b_p)^2}
                  = \sqrt{\max\!\left(0,\ \|a\|^2 + \|b\|^2 - 2\, a \cdot b\right)}

    L2 uses the expanded square (one matrix product, the clip at 0 removes tiny
    negative rounding errors), so distances carry rounding errors of order
    ``1e-16 * ||a||²`` before the square root; L1 uses
    ``scipy.spatial.distance.cdist(A, B, "cityblock")``. No ``(N, M, D)``
    temporary is ever built.

    Parameters
    ----------
    A : array_like, shape (N, D) or (D,)
        First set of points, one per row (a 1-D input is one row).
    B : array_like, shape (M, D) or (D,)
        Second set of points.
    metric : {"l2", "l1"}
        Euclidean (L2) or Manhattan (L1) distance.

    Returns
    -------
    ndarray, shape (N, M)
        ``out[i, j]`` is the distance between ``A[i]`` and ``B[j]``.

    Examples
    --------
    >>> pairwise_distances([[0, 0]], [[3, 4], [1, 1]], "l1")
    array([[7., 2.]])
    """
    metric = check_choice("metric", metric, METRICS)
    A2, B2 = _rows("A", A), _rows("B", B)
    _check_same_width("A", A2, "B", B2)
    a_sq, b_sq = _squared_norms("A", A2, metric), _squared_norms("B", B2, metric)
    return _distances(A2, B2, metric, a_sq, b_sq)


@dataclass(frozen=True)
class ImageDistance:
    """Pixel-wise comparison of two images (see :func:`image_distance`)."""

    diff: np.ndarray  #: |test - train|, the images' shape
    l1: float  #: sum of ``diff``
    l2: float  #: square root of the sum of ``diff**2``
    metric: str  #: the metric chosen, "l1" or "l2"
    distance: float  #: ``l1`` or ``l2``, whichever ``metric`` names


def image_distance(test: Any, train: Any, metric: str = "l1") -> ImageDistance:
    r"""L1 and L2 distance between two images of the same shape, pixel by pixel.

    .. math::

        d_1 = \sum_p |I^{test}_p - I^{train}_p|, \qquad
        d_2 = \sqrt{\sum_p (I^{test}_p - I^{train}_p)^2}

    Pixels are converted to float first, so ``uint8`` images do not wrap around.

    Parameters
    ----------
    test, train : array_like, any shape (the same for both)
        The two images, e.g. ``(H, W)`` or ``(H, W, 3)``.
    metric : {"l1", "l2"}
        Which of the two distances ``.distance`` reports (both are computed).

    Returns
    -------
    ImageDistance
        ``diff`` (the absolute differences), ``l1``, ``l2``, ``metric``, ``distance``.

    Examples
    --------
    >>> image_distance([[1, 5]], [[4, 1]]).l1
    7.0
    """
    metric = check_choice("metric", metric, METRICS)
    a = as_array("test", test)
    b = as_array("train", train)
    if a.shape != b.shape:
        raise DlmathError(f"test and train must have the same shape, got {a.shape} and {b.shape}")
    diff = np.abs(a - b)
    l1 = float(diff.sum())
    l2 = float(np.sqrt(np.sum(diff * diff)))
    return ImageDistance(diff, l1, l2, metric, l1 if metric == "l1" else l2)
