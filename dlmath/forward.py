"""The forward pass of a two-layer ReLU network, one example, every intermediate kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array

__all__ = ["ForwardPass", "forward_pass"]


@dataclass(frozen=True)
class ForwardPass:
    r"""One example through :math:`f = \max(0, x W_1 + b_1) W_2 + b_2` (row convention).

    Shapes: ``x`` (D,), ``W1`` (D, H), ``b1`` (H,), ``W2`` (H, C), ``b2`` (C,).

    Attributes
    ----------
    x, W1, b1, W2, b2 : ndarray
        The inputs, as float arrays.
    products1 : ndarray, shape (D, H)
        ``x[i] * W1[i, j]``: the terms of hidden value ``j`` (column ``j``).
    sums1 : ndarray, shape (H,)
        ``x · W1[:, j]``: each dot product before the bias.
    pre : ndarray, shape (H,)
        ``x W1 + b1``: the hidden values before the non-linearity.
    hidden : ndarray, shape (H,)
        ``h = max(0, pre)``.
    zeroed : ndarray of bool, shape (H,)
        Which hidden values ReLU set to 0 (``pre < 0``).
    products2 : ndarray, shape (H, C)
        ``h[j] * W2[j, k]``: the terms of score ``k``.
    sums2 : ndarray, shape (C,)
        ``h · W2[:, k]`` before the bias.
    scores : ndarray, shape (C,)
        ``f = h W2 + b2``.
    column_scores : ndarray, shape (C, 1)
        The same network in the column convention,
        :math:`W_2^\top \max(0, W_1^\top x^\top + b_1^\top) + b_2^\top`: the transpose of ``scores``.
    """

    x: np.ndarray
    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray
    products1: np.ndarray
    sums1: np.ndarray
    pre: np.ndarray
    hidden: np.ndarray
    zeroed: np.ndarray
    products2: np.ndarray
    sums2: np.ndarray
    scores: np.ndarray
    column_scores: np.ndarray

    @property
    def shapes(self) -> dict[str, tuple[int, int]]:
        """Each factor's shape in the row convention: ``x`` (1, D), ``W1`` (D, H) … ``f`` (1, C)."""
        d, h = self.W1.shape
        c = self.W2.shape[1]
        return {"x": (1, d), "W1": (d, h), "b1": (1, h), "W2": (h, c), "b2": (1, c), "f": (1, c)}


def forward_pass(x: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> ForwardPass:
    r"""Run one example through a two-layer ReLU network in the notes' row convention.

    .. math::

        h = \max(0,\; x W_1 + b_1), \qquad f = h W_2 + b_2

    Each hidden value is the dot product of the row ``x`` with column ``j`` of
    ``W1`` plus ``b1[j]``; each score the dot product of ``h`` with column ``k``
    of ``W2`` plus ``b2[k]``. The column convention writes the same network as
    :math:`f^\top = W_2^\top \max(0, W_1^\top x^\top + b_1^\top) + b_2^\top`
    (``column_scores``, computed separately from the transposed matrices).

    Parameters
    ----------
    x : array_like, shape (D,)
        One example (a row).
    W1 : array_like, shape (D, H)
        First-layer weights: column ``j`` makes hidden value ``j``.
    b1 : array_like, shape (H,)
        First-layer biases.
    W2 : array_like, shape (H, C)
        Second-layer weights: column ``k`` makes score ``k``.
    b2 : array_like, shape (C,)
        Second-layer biases.

    Returns
    -------
    ForwardPass
        Every product, sum and value of the pass.

    Examples
    --------
    >>> r = forward_pass([1, -2, 3], [[0.2, -0.5, 0.1, 0.4], [0.3, 0.1, -0.2, 0.5],
    ...     [-0.1, 0.4, 0.3, 0.2]], [0.1, 0, -0.1, 0.2], [[0.5, -0.3, 0.2], [0.1, 0.4, -0.6],
    ...     [-0.2, 0.3, 0.5], [0.3, -0.1, 0.2]], [0, 0.1, -0.1])
    >>> r.pre.round(4).tolist(), r.hidden.round(4).tolist(), r.scores.round(4).tolist()
    ([-0.6, 0.5, 1.3, 0.2], [0.0, 0.5, 1.3, 0.2], [-0.15, 0.67, 0.29])
    """
    xa = as_array("x", x, ndim=1)
    w1 = as_array("W1", W1, ndim=2)
    d, h = w1.shape
    if xa.shape[0] != d:
        raise DlmathError(
            f"W1 must have one row per entry of x ({xa.shape[0]}), got shape {w1.shape}"
        )
    c1 = as_array("b1", b1, ndim=1)
    if c1.shape != (h,):
        raise DlmathError(f"b1 must have one entry per column of W1 ({h}), got shape {c1.shape}")
    w2 = as_array("W2", W2, ndim=2)
    if w2.shape[0] != h:
        raise DlmathError(f"W2 must have one row per hidden value ({h}), got shape {w2.shape}")
    c2 = as_array("b2", b2, ndim=1)
    if c2.shape != (w2.shape[1],):
        raise DlmathError(
            f"b2 must have one entry per column of W2 ({w2.shape[1]}), got shape {c2.shape}"
        )
    products1 = xa[:, None] * w1
    sums1 = products1.sum(axis=0)
    pre = sums1 + c1
    hidden = np.maximum(pre, 0.0)
    products2 = hidden[:, None] * w2
    sums2 = products2.sum(axis=0)
    scores = sums2 + c2
    column = w2.T @ np.maximum(w1.T @ xa[:, None] + c1[:, None], 0.0) + c2[:, None]
    return ForwardPass(
        x=xa,
        W1=w1,
        b1=c1,
        W2=w2,
        b2=c2,
        products1=products1,
        sums1=sums1,
        pre=pre,
        hidden=hidden,
        zeroed=pre < 0,
        products2=products2,
        sums2=sums2,
        scores=scores,
        column_scores=column,
    )
