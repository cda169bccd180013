"""Hinge and softmax losses of one example as its true class's score grows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import logsumexp

from dlmath._checks import DlmathError, as_array, as_labels, check_nonnegative

__all__ = ["TrueScoreSweep", "true_score_sweep"]


@dataclass(frozen=True)
class TrueScoreSweep:
    """Both losses of one example over a range of true-class scores (see :func:`true_score_sweep`)."""

    scores: np.ndarray  #: (C,) the example's scores as given
    y: int  #: its true class
    delta: float  #: the hinge margin
    true_scores: np.ndarray  #: (K,) the values given to ``s_y``, the other scores held
    hinge: np.ndarray  #: (K,) hinge loss at each true score
    softmax: np.ndarray  #: (K,) softmax loss (natural log) at each true score
    hinge_zero_at: float  #: ``max_{j != y} s_j + delta``: from this true score on, hinge is 0


def true_score_sweep(scores: Any, y: Any, true_scores: Any, delta: float = 1.0) -> TrueScoreSweep:
    r"""Hinge and softmax losses of one example while its true score takes each given value.

    With the wrong classes' scores :math:`s_j` held,

    .. math::

        L_\text{hinge}(t) = \sum_{j \ne y} \max(0,\ s_j - t + \Delta), \qquad
        L_\text{softmax}(t) = \ln\Big(1 + \sum_{j \ne y} e^{s_j - t}\Big).

    The hinge loss reaches 0 at :math:`t = \max_{j \ne y} s_j + \Delta` and stays
    there: a margin of :math:`\Delta` satisfies it. The softmax loss keeps falling
    and is positive for every finite :math:`t`: it always asks for a larger gap.
    Both are the losses of :func:`~dlmath.losses.hinge_loss` and
    :func:`~dlmath.losses.softmax_loss`, computed in closed form; the softmax
    one as :math:`\operatorname{softplus}(\operatorname{logsumexp}_j (s_j - t))`, so
    a loss of :math:`10^{-20}` is still resolved instead of rounding to 0.

    Parameters
    ----------
    scores : array_like, shape (C,)
        One example's class scores, ``C >= 2``.
    y : int
        Its true class, ``0 <= y < C``.
    true_scores : array_like, shape (K,)
        Values for the true class's score.
    delta : float, default 1.0
        The hinge margin :math:`\Delta \ge 0`.

    Returns
    -------
    TrueScoreSweep
        ``hinge`` and ``softmax`` at each true score, and ``hinge_zero_at``.

    Examples
    --------
    >>> r = true_score_sweep([3.2, 5.1, -1.7], 0, [3.2, 6.1, 10.0])
    >>> [round(float(v), 4) for v in r.hinge], round(r.hinge_zero_at, 2)
    ([2.9, 0.0, 0.0], 6.1)
    """
    s = as_array("scores", scores, ndim=1)
    if s.size < 2:
        raise DlmathError(f"scores must hold at least 2 classes, got shape {s.shape}")
    label = int(as_labels("y", np.atleast_1d(y), s.size, shape=(1,))[0])
    t = as_array("true_scores", true_scores, ndim=1)
    d = check_nonnegative("delta", delta)
    wrong = np.delete(s, label)
    gaps = wrong[None, :] - t[:, None]  # (K, C-1): s_j - t
    hinge = np.maximum(gaps + d, 0.0) @ np.ones(wrong.size)
    # ln(1 + sum_j e^(s_j - t)) as softplus(logsumexp): accurate for losses near 0 too
    softmax = np.logaddexp(0.0, logsumexp(gaps, axis=1))
    return TrueScoreSweep(s, label, d, t, hinge, softmax, float(wrong.max() + d))
