"""Nearest neighbours: one query's vote and batched prediction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array, as_labels, check_choice, check_positive_int
from dlmath.distances import METRICS, _check_same_width, _distances, _squared_norms

__all__ = [
    "KnnCost",
    "KnnVote",
    "knn_cost",
    "knn_predict",
    "knn_vote",
]

_LABEL_LIMIT = 2**31  # labels are indices 0 .. 2**31 - 1
_CHUNK_ELEMENTS = 2**22  # at most this many distances (32 MiB) per chunk in knn_predict


def _check_training(train_X: Any, train_y: Any, k: Any, metric: str) -> tuple:
    """Validate training data, ``k`` and ``metric``; return them as arrays and values."""
    metric = check_choice("metric", metric, METRICS)
    X = as_array("train_X", train_X, ndim=2)
    y = as_labels("train_y", train_y, _LABEL_LIMIT, shape=(X.shape[0],))
    k = check_positive_int("k", k)
    if k > X.shape[0]:
        raise DlmathError(
            f"k must be an integer in 1..{X.shape[0]} (the number of training points), got {k}"
        )
    return X, y, k, metric


@dataclass(frozen=True)
class KnnVote:
    """One query's k-nearest-neighbour vote (see :func:`knn_vote`)."""

    neighbors: np.ndarray  #: (k,) training indices, nearest first
    distances: np.ndarray  #: (k,) their distances to the query
    neighbor_labels: np.ndarray  #: (k,) their labels
    all_distances: np.ndarray  #: (N,) distance to every training point
    counts: dict[int, int]  #: label -> votes, every training label in ascending order
    label: int  #: the predicted label
    k: int
    metric: str


def knn_vote(train_X: Any, train_y: Any, query: Any, k: int, metric: str = "l2") -> KnnVote:
    r"""Classify one point by the majority label of its ``k`` nearest training points.

    Neighbours are ordered by distance; equal distances keep the lower training
    index first (a stable sort). The predicted label is the one with most votes;
    a tie between labels goes to the tied label whose nearest member is closest
    (for equal distances, the one with the lower index), i.e. to the first tied
    label met when walking the neighbours from nearest to farthest.

    Parameters
    ----------
    train_X : array_like, shape (N, D)
        Training points, one per row.
    train_y : array_like of int, shape (N,)
        Their labels, non-negative integers.
    query : array_like, shape (D,)
        The point to classify.
    k : int
        Number of neighbours that vote, ``1 <= k <= N``.
    metric : {"l2", "l1"}
        Distance used (see :func:`pairwise_distances`).

    Returns
    -------
    KnnVote
        ``neighbors``, ``distances``, ``neighbor_labels``, ``all_distances``,
        ``counts`` (every label present in ``train_y``, ascending, 0 if it got
        no vote), ``label``, ``k``, ``metric``.

    Examples
    --------
    >>> knn_vote([[0, 1], [0, 2], [5, 5]], [1, 1, 0], [0, 0], k=3).counts
    {0: 1, 1: 2}
    """
    X, y, k, metric = _check_training(train_X, train_y, k, metric)
    q = as_array("query", query, ndim=1)
    if q.shape[0] != X.shape[1]:
        raise DlmathError(
            f"query must have shape ({X.shape[1]},) like a row of train_X, got {q.shape}"
        )
    q2 = q[None, :]
    all_d = _distances(
        q2, X, metric, _squared_norms("query", q2, metric), _squared_norms("train_X", X, metric)
    )[0]
    neighbors = np.argsort(all_d, kind="stable")[:k]
    labels = y[neighbors]
    counts = {int(c): int(np.count_nonzero(labels == c)) for c in np.unique(y)}
    best = max(counts.values())
    label = next(int(c) for c in labels if counts[int(c)] == best)
    return KnnVote(neighbors, all_d[neighbors], labels, all_d, counts, label, k, metric)


def _kth_upper_bound(d: np.ndarray, k: int) -> np.ndarray:
    """An upper bound ``(n,)`` on the k-th smallest entry of each row of ``d``.

    Each row is cut into ``n_blocks >= k`` blocks; the k-th smallest block
    minimum is at least the k-th smallest entry, since k different blocks each
    hold an entry below it. Block minima are one cheap pass over ``d``.
    """
    m = d.shape[1]
    n_blocks = min(m, max(k, 64))
    starts = np.arange(n_blocks) * m // n_blocks
    minima = np.minimum.reduceat(d, starts, axis=1)
    return np.partition(minima, k - 1, axis=1)[:, k - 1]


def _nearest_k(d: np.ndarray, k: int) -> np.ndarray:
    """Indices ``(n, k)`` of the k smallest entries of each row of ``d``.

    Ordered by distance, equal distances by index: exactly the first k of a
    stable ``argsort`` of each row. Only the few candidates at most
    :func:`_kth_upper_bound` are sorted (padded with ``inf`` into one small
    matrix, in index order, so that a stable sort breaks ties by index). Rows
    with many candidates (heavy ties, or k close to the row length) are sorted
    whole, one at a time, so that memory stays bounded.
    """
    n, m = d.shape
    mask = d <= _kth_upper_bound(d, k)[:, None]
    counts = np.count_nonzero(mask, axis=1)
    heavy = counts > max(k, m // 8)
    mask[heavy] = False
    counts[heavy] = 0
    rows, cols = np.nonzero(mask)  # row by row, columns in increasing order
    del mask
    slot = np.arange(rows.size) - np.repeat(np.cumsum(counts) - counts, counts)
    width = max(k, int(counts.max()))
    cand_d = np.full((n, width), np.inf)
    cand_d[rows, slot] = d[rows, cols]
    cand_i = np.zeros((n, width), dtype=np.intp)
    cand_i[rows, slot] = cols
    order = np.argsort(cand_d, axis=1, kind="stable")[:, :k]
    idx = np.take_along_axis(cand_i, order, axis=1)
    for row in np.flatnonzero(heavy):
        idx[row] = np.argsort(d[row], kind="stable")[:k]
    return idx


def _vote(neighbor_classes: np.ndarray, n_classes: int) -> np.ndarray:
    """Winning class per row of ``(n, k)`` class indices ordered nearest first.

    Votes are counted with ``bincount`` on an ``(n, n_classes)`` matrix; among
    the classes with most votes, the first one met from nearest to farthest wins.
    """
    n = neighbor_classes.shape[0]
    offsets = (np.arange(n) * n_classes)[:, None]
    votes = np.bincount((neighbor_classes + offsets).ravel(), minlength=n * n_classes)
    votes = votes.reshape(n, n_classes)
    is_top = np.take_along_axis(votes, neighbor_classes, axis=1) == votes.max(axis=1)[:, None]
    first = np.argmax(is_top, axis=1)
    return neighbor_classes[np.arange(n), first]


def knn_predict(
    train_X: Any,
    train_y: Any,
    X: Any,
    k: int,
    metric: str = "l2",
    *,
    batch_size: int | None = None,
) -> np.ndarray:
    """Predict a label for every row of ``X`` by a k-nearest-neighbour vote.

    Same rules as :func:`knn_vote` (stable neighbour order, ties between labels
    go to the label whose nearest member is closest), vectorised over queries.
    Queries are processed in chunks of ``batch_size`` rows. For each chunk the
    ``(batch, N)`` distance matrix is computed (for L2, the training norms
    ``||b||²`` only once); the k nearest of each row are found by sorting only
    the entries below a cheap upper bound on the k-th smallest distance (block
    minima), which is faster than ``np.argpartition`` and needs no ``(batch, N)``
    index array; votes are counted on a ``(batch, n_classes)`` matrix.
    Prediction costs O(N·D) per query; "training" only stores the data.

    Parameters
    ----------
    train_X : array_like, shape (N, D)
        Training points, one per row.
    train_y : array_like of int, shape (N,)
        Their labels, non-negative integers.
    X : array_like, shape (Nq, D)
        Query points, one per row.
    k : int
        Number of neighbours that vote, ``1 <= k <= N``.
    metric : {"l2", "l1"}
        Distance used (see :func:`pairwise_distances`).
    batch_size : int, optional
        Queries per chunk; by default ``2**22 // N`` (32 MiB of distances).
        The working memory is a chunk's distances plus a boolean mask of the
        same shape (1.13 times the ``(batch, N)`` float64 matrix), so it stays
        below twice the full ``(Nq, N)`` distance matrix.

    Returns
    -------
    ndarray of int, shape (Nq,)
        The predicted label of each query.

    Examples
    --------
    >>> knn_predict([[0.0], [1.0], [5.0]], [0, 0, 1], [[0.2], [4.0]], k=1)
    array([0, 1])
    """
    Xtr, y, k, metric = _check_training(train_X, train_y, k, metric)
    Q = as_array("X", X, ndim=2)
    _check_same_width("X", Q, "train_X", Xtr)
    if batch_size is None:
        batch = max(1, _CHUNK_ELEMENTS // Xtr.shape[0])
    else:
        batch = check_positive_int("batch_size", batch_size)
    classes, y_index = np.unique(y, return_inverse=True)
    a_sq, b_sq = _squared_norms("X", Q, metric), _squared_norms("train_X", Xtr, metric)
    out = np.empty(Q.shape[0], dtype=np.intp)
    for start in range(0, Q.shape[0], batch):
        rows = slice(start, start + batch)
        d = _distances(Q[rows], Xtr, metric, a_sq[rows], b_sq)
        nearest = _nearest_k(d, k)
        del d
        out[rows] = _vote(y_index[nearest], classes.size)
    return classes[out]


@dataclass(frozen=True)
class KnnCost:
    """What nearest neighbours cost in arithmetic (see :func:`knn_cost`)."""

    n_train: int  #: N, training examples stored
    dim: int  #: D, numbers per example
    train_ops: int  #: arithmetic to train: 0 (the data is only stored), O(1)
    stored: int  #: N · D numbers kept
    distances_per_query: int  #: N distances for one prediction
    subtractions_per_query: int  #: N · D differences for one prediction, O(N)


def knn_cost(train_X: Any) -> KnnCost:
    """The cost of k-nearest neighbours on ``train_X`` ``(N, D)``: training O(1), prediction O(N).

    Training stores the data and computes nothing; predicting one query
    computes its distance to all ``N`` examples, ``N · D`` pixel differences
    (plus the sort of ``N`` distances).

    Examples
    --------
    >>> knn_cost([[0, 1, 2], [3, 4, 5]]).subtractions_per_query
    6
    """
    X = as_array("train_X", train_X, ndim=2)
    n, d = X.shape
    return KnnCost(n, d, 0, n * d, n, n * d)
