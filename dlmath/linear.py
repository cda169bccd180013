"""The linear score function f(x, W, b) = W x + b: one row of weights and one bias per class."""

from __future__ import annotations

from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array

__all__ = ["linear_scores"]


def linear_scores(W: Any, x: Any, b: Any) -> np.ndarray:
    r"""Class scores of a linear classifier, :math:`f(x, W, b) = W x + b`.

    .. math::

        s_c = \sum_{d} W_{cd}\, x_d + b_c

    Row ``c`` of ``W`` is the template of class ``c``; ``b`` shifts each class
    score independently of the input.

    Parameters
    ----------
    W : array_like, shape (C, D)
        Weights, one row per class.
    x : array_like, shape (D,) or (D, N)
        One example, or N examples stored one per column (e.g. a flattened
        32×32×3 image is ``D = 3072``).
    b : array_like, shape (C,)
        One bias per class, added to every column.

    Returns
    -------
    ndarray, shape (C,) or (C, N)
        The class scores, one column per example.

    Examples
    --------
    >>> linear_scores([[1, 2], [0, 1]], [3, 4], [0.5, -1])
    array([11.5,  3. ])
    """
    W_arr = as_array("W", W, ndim=2)
    x_arr = as_array("x", x, ndim=(1, 2))
    b_arr = as_array("b", b, ndim=1)
    n_classes, n_features = W_arr.shape
    if x_arr.shape[0] != n_features:
        raise DlmathError(
            f"x must have {n_features} rows (the columns of W), "
            f"got W {W_arr.shape} and x {x_arr.shape}"
        )
    if b_arr.shape != (n_classes,):
        raise DlmathError(
            f"b must have shape ({n_classes},) (one bias per row of W), "
            f"got W {W_arr.shape} and b {b_arr.shape}"
        )
    scores = W_arr @ x_arr
    return scores + (b_arr if x_arr.ndim == 1 else b_arr[:, None])
