"""Activation functions and their derivatives, elementwise on floats or arrays."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.special import expit

from dlmath._checks import as_array, check_nonnegative

__all__ = [
    "sigmoid",
    "sigmoid_grad",
    "relu",
    "relu_grad",
    "tanh",
    "tanh_grad",
    "leaky_relu",
    "leaky_relu_grad",
]


def _out(x: Any, arr: np.ndarray) -> Any:
    """Return a Python float for scalar input, an array otherwise."""
    return float(arr) if np.ndim(x) == 0 else arr


def sigmoid(x: Any) -> Any:
    r"""Logistic sigmoid :math:`\sigma(x) = 1 / (1 + e^{-x})`.

    Stable for large ``|x|`` (``scipy.special.expit``). Returns a float for a
    scalar input, an array of the same shape otherwise.

    Parameters
    ----------
    x : float or array_like
        Input, any shape; NaN and infinity are rejected.

    Returns
    -------
    float or ndarray
        A float for a scalar input, else an array of the shape of ``x``.
    """
    arr = as_array("x", x, nonempty=False)
    return _out(x, expit(arr))


def sigmoid_grad(x: Any) -> Any:
    r"""Derivative of the sigmoid by the shortcut :math:`\sigma'(x) = \sigma(x)(1 - \sigma(x))`.

    It vanishes for large ``|x|``: ``sigmoid_grad(10) ≈ 4.5e-5``.

    Parameters
    ----------
    x : float or array_like
        Input, any shape; NaN and infinity are rejected.

    Returns
    -------
    float or ndarray
        A float for a scalar input, else an array of the shape of ``x``.
    """
    s = expit(as_array("x", x, nonempty=False))
    return _out(x, s * (1.0 - s))


def relu(x: Any) -> Any:
    r"""Rectified linear unit :math:`\max(0, x)`.

    Parameters
    ----------
    x : float or array_like
        Input, any shape; NaN and infinity are rejected.

    Returns
    -------
    float or ndarray
        A float for a scalar input, else an array of the shape of ``x``.
    """
    arr = as_array("x", x, nonempty=False)
    return _out(x, np.maximum(arr, 0.0))


def relu_grad(x: Any) -> Any:
    r"""Derivative of ReLU: 1 for :math:`x > 0`, else 0 (the value at 0 is taken as 0).

    Parameters
    ----------
    x : float or array_like
        Input, any shape; NaN and infinity are rejected.

    Returns
    -------
    float or ndarray
        A float for a scalar input, else an array of the shape of ``x``.
    """
    arr = as_array("x", x, nonempty=False)
    return _out(x, (arr > 0).astype(np.float64))


def tanh(x: Any) -> Any:
    r"""Hyperbolic tangent :math:`\tanh(x) = (e^x - e^{-x}) / (e^x + e^{-x})`.

    Parameters
    ----------
    x : float or array_like
        Input, any shape; NaN and infinity are rejected.

    Returns
    -------
    float or ndarray
        A float for a scalar input, else an array of the shape of ``x``.
    """
    arr = as_array("x", x, nonempty=False)
    return _out(x, np.tanh(arr))


def tanh_grad(x: Any) -> Any:
    r"""Derivative of tanh by the shortcut :math:`1 - \tanh(x)^2`.

    Parameters
    ----------
    x : float or array_like
        Input, any shape; NaN and infinity are rejected.

    Returns
    -------
    float or ndarray
        A float for a scalar input, else an array of the shape of ``x``.
    """
    t = np.tanh(as_array("x", x, nonempty=False))
    return _out(x, 1.0 - t * t)


def leaky_relu(x: Any, alpha: float = 0.01) -> Any:
    r"""Leaky ReLU :math:`x` for :math:`x > 0`, :math:`\alpha x` otherwise (``alpha >= 0``).

    Parameters
    ----------
    x : float or array_like
        Input, any shape; NaN and infinity are rejected.
    alpha : float, default 0.01
        Slope for :math:`x \le 0`, ``alpha >= 0``.

    Returns
    -------
    float or ndarray
        A float for a scalar input, else an array of the shape of ``x``.
    """
    a = check_nonnegative("alpha", alpha)
    arr = as_array("x", x, nonempty=False)
    return _out(x, np.where(arr > 0, arr, a * arr))


def leaky_relu_grad(x: Any, alpha: float = 0.01) -> Any:
    r"""Derivative of leaky ReLU: 1 for :math:`x > 0`, :math:`\alpha` otherwise (at 0: ``alpha``).

    Parameters
    ----------
    x : float or array_like
        Input, any shape; NaN and infinity are rejected.
    alpha : float, default 0.01
        Slope for :math:`x \le 0`, ``alpha >= 0``.

    Returns
    -------
    float or ndarray
        A float for a scalar input, else an array of the shape of ``x``.
    """
    a = check_nonnegative("alpha", alpha)
    arr = as_array("x", x, nonempty=False)
    return _out(x, np.where(arr > 0, 1.0, a))
