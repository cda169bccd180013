"""The linear score function f(x, W, b) = W x + b: one row of weights and one bias per class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array

__all__ = ["ScoreFunction", "linear_scores", "score_function"]


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


@dataclass(frozen=True)
class ScoreFunction:
    """Every number of :math:`f(x, W, b) = W x + b` for one example (see :func:`score_function`)."""

    W: np.ndarray  #: (C, D) weights, one row (template) per class
    x: np.ndarray  #: (D,) the example, e.g. its pixel values
    b: np.ndarray  #: (C,) one bias per class
    products: np.ndarray  #: (C, D) ``W[c, d] * x[d]``, cell by cell
    dots: np.ndarray  #: (C,) ``W @ x``, each row's weighted sum before its bias
    scores: np.ndarray  #: (C,) ``W @ x + b``, the class scores
    best: int  #: the class with the highest score (the lower index on a tie)


def score_function(W: Any, x: Any, b: Any) -> ScoreFunction:
    r"""The linear score function for one example, with its cell-by-cell products.

    .. math::

        s_c = \underbrace{\sum_{d} W_{cd}\, x_d}_{\text{dots}_c} + b_c

    Each row of ``W`` is a class's template; ``products[c, d]`` is one weight
    times one input value, ``dots[c]`` their sum (the score *without* the bias:
    the CS231n figure's printed ship score 61.95 is this number, while the score
    with the bias is 60.75).

    Parameters
    ----------
    W : array_like, shape (C, D)
        Weights, one row per class.
    x : array_like, shape (D,)
        One example (a flattened image).
    b : array_like, shape (C,)
        One bias per class.

    Returns
    -------
    ScoreFunction
        ``products``, ``dots``, ``scores`` and the top-scoring class ``best``.

    Examples
    --------
    >>> r = score_function([[0, 0.25, 0.2, -0.3]], [56, 231, 24, 2], [-1.2])
    >>> round(float(r.dots[0]), 2), round(float(r.scores[0]), 2)
    (61.95, 60.75)
    """
    x_arr = as_array("x", x, ndim=1)
    scores = linear_scores(W, x_arr, b)
    W_arr = as_array("W", W, ndim=2)
    b_arr = as_array("b", b, ndim=1)
    products = W_arr * x_arr
    dots = W_arr @ x_arr
    return ScoreFunction(W_arr, x_arr, b_arr, products, dots, scores, int(np.argmax(scores)))
