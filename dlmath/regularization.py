"""L2 regularisation breaks a tie: two weight vectors with the same scores, different penalties."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array
from dlmath.losses import l2_penalty

__all__ = ["L2Tiebreak", "l2_tiebreak"]


@dataclass(frozen=True)
class L2Tiebreak:
    """Scores and L2 penalties of two weight vectors on one input (see :func:`l2_tiebreak`)."""

    x: np.ndarray  #: (D,) the input
    w: np.ndarray  #: (2, D) the two weight vectors, one per row
    products: np.ndarray  #: (2, D) ``w[k, d] * x[d]``
    scores: np.ndarray  #: (2,) ``w[k] @ x``
    tied: bool  #: whether the two scores are equal (to 1e-9 relative)
    squares: np.ndarray  #: (2, D) ``w[k, d] ** 2``
    R: np.ndarray  #: (2,) ``R(w_k) = sum_d w[k, d] ** 2``
    lams: np.ndarray  #: (L,) regularisation strengths
    penalties: np.ndarray  #: (L, 2) ``lam * R(w_k)``
    gaps: np.ndarray  #: (L,) ``lam * (R(w_1) - R(w_2))``: what w_2 saves over w_1
    preferred: int  #: 0 or 1, the vector with the smaller penalty (0 on a tie)
    R_gap: float  #: ``|R(w_1) - R(w_2)|``
    savings: np.ndarray  #: (L,) ``lam * R_gap``: how much less the preferred vector pays


def l2_tiebreak(x: Any, w1: Any, w2: Any, lams: Any) -> L2Tiebreak:
    r"""Compare two weight vectors by their scores on ``x`` and their L2 penalties.

    .. math::

        s_k = w_k^\top x, \qquad R(w_k) = \sum_d w_{kd}^2, \qquad
        L_k = L_\text{data}(s_k) + \lambda R(w_k)

    When ``s_1 = s_2`` every data loss is the same for both vectors, so the total
    losses differ by exactly :math:`\lambda (R(w_1) - R(w_2))`: L2 prefers the
    vector whose weights are spread out. For ``x = [1, 1, 1, 1]``,
    ``w1 = [1, 0, 0, 0]`` and ``w2 = [0.25] * 4`` both score 1, with
    ``R(w1) = 1`` and ``R(w2) = 0.25`` (no factor 1/2, as :func:`l2_penalty`).

    Parameters
    ----------
    x : array_like, shape (D,)
        The input.
    w1, w2 : array_like, shape (D,)
        The two weight vectors.
    lams : array_like, shape (L,)
        Regularisation strengths, each :math:`\lambda \ge 0`.

    Returns
    -------
    L2Tiebreak
        Products, scores, squares, ``R``, penalties per strength, the gaps and
        what the preferred vector saves.

    Examples
    --------
    >>> r = l2_tiebreak([1, 1, 1, 1], [1, 0, 0, 0], [0.25] * 4, [0.1, 1.0])
    >>> r.scores.tolist(), r.R.tolist(), r.tied, r.preferred
    ([1.0, 1.0], [1.0, 0.25], True, 1)
    """
    x_arr = as_array("x", x, ndim=1)
    vectors = [as_array("w1", w1, ndim=1), as_array("w2", w2, ndim=1)]
    if any(v.size != x_arr.size for v in vectors):
        sizes = ", ".join(str(v.size) for v in vectors)
        raise DlmathError(
            f"w1 and w2 must have one weight per input value ({x_arr.size}), got {sizes}"
        )
    w = np.stack(vectors)
    lam = as_array("lams", lams, ndim=1)
    if (lam < 0).any():
        raise DlmathError(f"lams must all be >= 0, got {lam.tolist()}")
    products = w * x_arr
    # exact summation: products that cancel (x = [-a, a], w = [b, b]) give exactly 0
    scores = np.array([math.fsum(row) for row in products])
    tied = bool(np.isclose(scores[0], scores[1], rtol=1e-9, atol=1e-12))
    squares = w * w
    R = np.array([l2_penalty(row, 1.0) for row in w])
    penalties = lam[:, None] * R[None, :]
    gaps = penalties[:, 0] - penalties[:, 1]
    preferred = 1 if R[1] < R[0] else 0
    R_gap = float(abs(R[0] - R[1]))
    return L2Tiebreak(
        x_arr,
        w,
        products,
        scores,
        tied,
        squares,
        R,
        lam,
        penalties,
        gaps,
        preferred,
        R_gap,
        lam * R_gap,
    )
