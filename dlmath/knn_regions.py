"""Nearest-neighbour decision regions over the plane, and two clusters with one mislabelled point."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.spatial import Delaunay

from dlmath._checks import DlmathError, as_array, check_nonnegative, check_positive_int
from dlmath.knn import knn_predict

__all__ = [
    "KnnRegions",
    "OutlierClusters",
    "knn_regions",
    "outlier_clusters",
]


@dataclass(frozen=True)
class KnnRegions:
    """The k-NN label of every cell of a grid over the plane (see :func:`knn_regions`)."""

    labels: np.ndarray  #: (rows, cols) predicted label; row 0 is the top (largest y)
    xs: np.ndarray  #: (cols,) x of each column's centre
    ys: np.ndarray  #: (rows,) y of each row's centre, top to bottom
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    k: int
    metric: str


def _range(name: str, r: Any) -> tuple[float, float]:
    arr = as_array(name, r, ndim=1)
    if arr.shape != (2,) or not arr[0] < arr[1]:
        raise DlmathError(f"{name} must be (low, high) with low < high, got {r!r}")
    return float(arr[0]), float(arr[1])


def knn_regions(
    train_X: Any,
    train_y: Any,
    k: int,
    x_range: Any,
    y_range: Any,
    shape: tuple[int, int] = (120, 160),
    metric: str = "l2",
) -> KnnRegions:
    """Decision regions of a k-nearest-neighbour classifier on a grid over a rectangle of the plane.

    The rectangle ``x_range × y_range`` is cut into ``shape = (rows, cols)``
    equal cells; each cell's centre is classified by :func:`knn_predict` (same
    neighbour order and tie rule), all at once. Row 0 is the top of the
    rectangle, so ``labels`` reads like an image.

    Parameters
    ----------
    train_X : array_like, shape (N, 2)
        Training points.
    train_y : array_like of int, shape (N,)
        Their labels.
    k : int
        Neighbours that vote.
    x_range, y_range : (float, float)
        The rectangle.
    shape : (int, int)
        Cells per column and per row.
    metric : {"l2", "l1"}
        Distance.
    """
    X = as_array("train_X", train_X, ndim=2)
    if X.shape[1] != 2:
        raise DlmathError(f"train_X must hold 2-D points, shape (N, 2), got {X.shape}")
    (x0, x1), (y0, y1) = _range("x_range", x_range), _range("y_range", y_range)
    if not isinstance(shape, tuple | list) or len(shape) != 2:
        raise DlmathError(f"shape must be (rows, cols), got {shape!r}")
    rows, cols = check_positive_int("rows", shape[0]), check_positive_int("cols", shape[1])
    xs = x0 + (np.arange(cols) + 0.5) * (x1 - x0) / cols
    ys = y1 - (np.arange(rows) + 0.5) * (y1 - y0) / rows
    gx, gy = np.meshgrid(xs, ys)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    labels = knn_predict(X, train_y, grid, k, metric).reshape(rows, cols)
    return KnnRegions(labels, xs, ys, (x0, x1), (y0, y1), int(k), metric)


@dataclass(frozen=True)
class OutlierClusters:
    """Two labelled clusters and one mislabelled point (see :func:`outlier_clusters`)."""

    X: np.ndarray  #: (2n + 1, 2) points: class 0, class 1, then the outlier
    y: np.ndarray  #: (2n + 1,) labels; the outlier is labelled 0
    outlier: int  #: index of the outlier (the last row)
    centres: np.ndarray  #: (2, 2) the clusters' centres


def outlier_clusters(
    n_per_class: int = 10, seed: int = 0, spread: float = 0.7, gap: float = 3.6
) -> OutlierClusters:
    r"""Two Gaussian clusters and one point of class 0 inside class 1 (a labelling mistake).

    Class 0 is centred at :math:`(-\text{gap}/2, 0)`, class 1 at
    :math:`(\text{gap}/2, 0)`, each ``n_per_class`` points of standard
    deviation ``spread`` from ``numpy.random.default_rng(seed)``. The outlier,
    labelled 0, lies inside class 1: of 64 random spots within ``spread / 2`` of
    its points' mean (in each coordinate), the one farthest from its nearest
    class-1 point among those inside the class-1 points' convex hull shrunk by
    0.7 about their mean (so the island a 1-NN classifier draws around it is
    closed, and wide enough to see); a 5-NN vote ignores it.
    """
    n = check_positive_int("n_per_class", n_per_class, minimum=3)
    s = check_nonnegative("spread", spread)
    g = check_nonnegative("gap", gap)
    rng = np.random.default_rng(check_positive_int("seed", seed, minimum=0))
    centres = np.array([[-g / 2, 0.0], [g / 2, 0.0]])
    first = centres[0] + s * rng.standard_normal((n, 2))
    second = centres[1] + s * rng.standard_normal((n, 2))
    middle = second.mean(axis=0)
    spots = middle + 0.5 * s * rng.uniform(-1.0, 1.0, (64, 2))
    gaps = np.linalg.norm(spots[:, None, :] - second[None, :, :], axis=2).min(axis=1)
    inside = Delaunay(middle + 0.7 * (second - middle)).find_simplex(spots) >= 0
    gaps[~inside] -= np.inf if inside.any() else 0.0
    X = np.concatenate([first, second, spots[np.argmax(gaps)][None, :]])
    y = np.concatenate([np.zeros(n, np.int64), np.ones(n, np.int64), [0]])
    return OutlierClusters(X, y, 2 * n, centres)
