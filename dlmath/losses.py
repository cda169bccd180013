"""Classification losses on class scores: multiclass hinge (SVM), softmax cross-entropy, L2."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array, as_labels, check_nonnegative, check_positive

__all__ = [
    "HingeLoss",
    "NarrowWin",
    "narrow_win",
    "SoftmaxLoss",
    "hinge_loss",
    "softmax_loss",
    "l2_penalty",
    "l2_penalty_grad",
]


def _scores_and_labels(scores: Any, y: Any) -> tuple[np.ndarray, np.ndarray, bool]:
    """Return scores as ``(N, C)``, labels as ``(N,)`` and whether the input was one example."""
    s = as_array("scores", scores, ndim=(1, 2))
    single = s.ndim == 1
    s2 = s[None, :] if single else s
    if s2.shape[1] < 2:
        raise DlmathError(f"scores must have at least 2 classes (columns), got shape {s.shape}")
    labels = as_labels("y", np.atleast_1d(y) if single else y, s2.shape[1], shape=(s2.shape[0],))
    return s2, labels, single


def _row_sum(a: np.ndarray) -> np.ndarray:
    """Sum of each row, as a matrix-vector product (much faster than ``sum(axis=1)`` for few columns)."""
    return a @ np.ones(a.shape[1])


def _row_max(a: np.ndarray) -> np.ndarray:
    """Maximum of each row; for few columns, one vectorised pass per column is fastest."""
    if a.shape[1] > 32:
        return a.max(axis=1)
    m = a[:, 0].copy()
    for j in range(1, a.shape[1]):
        np.maximum(m, a[:, j], out=m)
    return m


@dataclass(frozen=True)
class HingeLoss:
    """Intermediate values of the multiclass hinge loss (see :func:`hinge_loss`).

    Arrays are ``(N, C)`` / ``(N,)`` for a batch, ``(C,)`` / ``()`` for one example.
    """

    scores: np.ndarray
    y: np.ndarray
    delta: float
    diffs: np.ndarray  #: s_j - s_y + delta, before the max (delta at the true class)
    margins: np.ndarray  #: max(0, diffs), 0 at the true class
    losses: np.ndarray  #: per-example loss, the sum of its margins
    loss: float  #: mean of ``losses``
    grad: np.ndarray  #: d loss / d scores, shape of ``scores``


def hinge_loss(scores: Any, y: Any, delta: float = 1.0) -> HingeLoss:
    r"""Multiclass SVM (hinge) loss and its gradient.

    .. math::

        L_i = \sum_{j \ne y_i} \max(0,\ s_j - s_{y_i} + \Delta), \qquad
        L = \frac{1}{N} \sum_i L_i

    Gradient (a subgradient: a margin of exactly 0 counts as inactive):
    :math:`\partial L / \partial s_j = \mathbb{1}[\text{margin}_j > 0] / N` for
    :math:`j \ne y_i` and :math:`-\#\{j : \text{margin}_j > 0\} / N` at the true class.

    Parameters
    ----------
    scores : array_like, shape (N, C) or (C,)
        One row of class scores per example.
    y : array_like of int, shape (N,) or scalar
        True class index of each example, ``0 <= y < C``.
    delta : float, default 1.0
        The margin :math:`\Delta \ge 0` (the notes' "+1").

    Returns
    -------
    HingeLoss
        ``diffs``, ``margins``, ``losses`` (per example, a sum over classes),
        ``loss`` (the mean over examples) and ``grad``.

    Examples
    --------
    >>> round(hinge_loss([[3.2, 5.1, -1.7]], [0]).loss, 2)
    2.9
    """
    d = check_nonnegative("delta", delta)
    s, labels, single = _scores_and_labels(scores, y)
    n = s.shape[0]
    rows = np.arange(n)
    diffs = s - s[rows, labels][:, None]
    diffs += d
    margins = np.maximum(diffs, 0.0)
    margins[rows, labels] = 0.0
    losses = _row_sum(margins)
    grad = (margins > 0).astype(np.float64)
    grad[rows, labels] = -_row_sum(grad)
    grad *= 1.0 / n
    if single:
        return HingeLoss(
            s[0], labels[0], d, diffs[0], margins[0], losses[0], float(losses[0]), grad[0]
        )
    return HingeLoss(s, labels, d, diffs, margins, losses, float(losses.mean()), grad)


@dataclass(frozen=True)
class NarrowWin:
    """A true class that wins by less than the margin and still costs (see :func:`narrow_win`)."""

    row: int  #: the example the case comes from
    j: int  #: the wrong class
    s_y: float  #: the true class's score
    s_j: float  #: the wrong class's score, with s_y - delta < s_j < s_y
    lead: float  #: s_y - s_j, by how much the true class wins (0 < lead < delta)
    from_data: bool  #: True: both scores are the example's; False: s_j is made up as s_y - delta/2
    loss: HingeLoss  #: the hinge loss of the pair ``[s_y, s_j]`` with true class 0


def narrow_win(scores: Any, y: Any, delta: float = 1.0) -> NarrowWin:
    r"""A case where the true class wins, by less than :math:`\Delta`, and still costs.

    The first pair (in row order, then class order) of the scores with
    :math:`0 < s_{y_i} - s_j < \Delta`; if the scores hold none, a case built from
    the first example: its true score and, for its highest-scoring wrong class,
    the made-up score :math:`s_j = s_{y_i} - \Delta/2`, which costs :math:`\Delta/2`.

    Parameters
    ----------
    scores : array_like, shape (N, C) or (C,)
        One row of class scores per example.
    y : array_like of int, shape (N,) or scalar
        True class index of each example.
    delta : float, default 1.0
        The margin, :math:`\Delta > 0` (with no margin, no win costs).

    Returns
    -------
    NarrowWin
        Where the case comes from, the two scores and their hinge loss.

    Examples
    --------
    >>> case = narrow_win([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0]], [0, 1])
    >>> case.from_data, case.s_y, case.s_j, round(case.loss.loss, 2)
    (False, 3.2, 2.7, 0.5)
    """
    d = check_positive("delta", delta)
    s, labels, _ = _scores_and_labels(scores, y)
    lead = s[np.arange(s.shape[0]), labels][:, None] - s
    inside = (lead > 0) & (lead < d)
    if inside.any():
        row, j = (int(k) for k in np.argwhere(inside)[0])
        s_y, s_j, from_data = float(s[row, labels[row]]), float(s[row, j]), True
    else:
        row = 0
        wrong = np.where(np.arange(s.shape[1]) == labels[0], -np.inf, s[0])
        j = int(np.argmax(wrong))
        s_y = float(s[0, labels[0]])
        s_j, from_data = s_y - d / 2, False
    return NarrowWin(row, j, s_y, s_j, s_y - s_j, from_data, hinge_loss([s_y, s_j], 0, d))


@dataclass(frozen=True)
class SoftmaxLoss:
    """Intermediate values of the softmax cross-entropy loss (see :func:`softmax_loss`).

    Arrays are ``(N, C)`` / ``(N,)`` for a batch, ``(C,)`` / ``()`` for one example.
    """

    scores: np.ndarray
    y: np.ndarray
    probs: np.ndarray  #: softmax probabilities, each row sums to 1
    log_probs: np.ndarray  #: natural log of ``probs``, computed stably
    losses: np.ndarray  #: -log p of the true class, per example
    loss: float  #: mean of ``losses``
    grad: np.ndarray  #: d loss / d scores = (probs - onehot(y)) / N

    @cached_property
    def exp(self) -> np.ndarray:
        """Unnormalised ``e**scores`` as the lecture shows them (``inf`` past ~709)."""
        with np.errstate(over="ignore"):
            return np.exp(self.scores)

    @cached_property
    def exp_sum(self) -> np.ndarray:
        """Row sums of :attr:`exp`, the softmax denominators."""
        return self.exp.sum(axis=-1)

    @cached_property
    def log10_losses(self) -> np.ndarray:
        """``-log10`` of the true class's probability: the base-10 slip (0.89 for the lecture's 2.04)."""
        return np.asarray(self.losses / np.log(10.0))


def softmax_loss(scores: Any, y: Any) -> SoftmaxLoss:
    r"""Softmax cross-entropy loss (natural log) and its gradient.

    .. math::

        p_{ik} = \frac{e^{s_{ik}}}{\sum_j e^{s_{ij}}}, \qquad
        L_i = -\ln p_{i y_i}, \qquad L = \frac{1}{N}\sum_i L_i, \qquad
        \frac{\partial L}{\partial s_{ik}} = \frac{p_{ik} - \mathbb{1}[k = y_i]}{N}

    Computed with the row maximum subtracted first
    (:math:`\ln p_{ik} = s_{ik} - m_i - \ln\sum_j e^{s_{ij} - m_i}`), so scores of
    ±10,000 give finite, exact results. The displayed ``exp`` is computed lazily
    from the raw scores and is never used for the loss.

    Parameters
    ----------
    scores : array_like, shape (N, C) or (C,)
        One row of class scores per example.
    y : array_like of int, shape (N,) or scalar
        True class index of each example, ``0 <= y < C``.

    Returns
    -------
    SoftmaxLoss
        ``probs``, ``log_probs``, ``losses``, ``loss`` (mean), ``grad``, and the
        lazily computed ``exp`` and ``exp_sum``.

    Examples
    --------
    >>> round(softmax_loss([3.2, 5.1, -1.7], 0).loss, 2)
    2.04
    """
    s, labels, single = _scores_and_labels(scores, y)
    n = s.shape[0]
    rows = np.arange(n)
    shifted = s - _row_max(s)[:, None]
    probs = np.exp(shifted)
    sums = _row_sum(probs)[:, None]
    probs /= sums
    log_probs = shifted
    log_probs -= np.log(sums)
    losses = -log_probs[rows, labels]
    grad = probs.copy()
    grad[rows, labels] -= 1.0
    grad *= 1.0 / n
    if single:
        return SoftmaxLoss(
            s[0], labels[0], probs[0], log_probs[0], losses[0], float(losses[0]), grad[0]
        )
    return SoftmaxLoss(s, labels, probs, log_probs, losses, float(losses.mean()), grad)


def l2_penalty(W: Any, lam: float) -> float:
    r"""L2 regularisation :math:`\lambda R(W) = \lambda \sum_{k,l} W_{kl}^2`.

    No factor 1/2 (the notes' convention). For ``x = [1, 1, 1, 1]``,
    ``w1 = [1, 0, 0, 0]`` gives 1 and ``w2 = [0.25] * 4`` gives 0.25 with
    ``lam = 1``, though both score 1: L2 prefers spread-out weights.

    Parameters
    ----------
    W : array_like
        Weights, any shape; NaN and infinity are rejected.
    lam : float
        Regularisation strength :math:`\lambda \ge 0`.

    Returns
    -------
    float
        The penalty.
    """
    lam_ = check_nonnegative("lam", lam)
    w = as_array("W", W)
    return lam_ * float(np.sum(w * w))


def l2_penalty_grad(W: Any, lam: float) -> np.ndarray:
    r"""Gradient of :func:`l2_penalty`: :math:`\partial (\lambda \sum W^2) / \partial W = 2 \lambda W`.

    Parameters
    ----------
    W : array_like
        Weights, any shape.
    lam : float
        Regularisation strength :math:`\lambda \ge 0`.

    Returns
    -------
    ndarray
        The gradient, shaped like ``W``.
    """
    lam_ = check_nonnegative("lam", lam)
    return 2.0 * lam_ * as_array("W", W)
