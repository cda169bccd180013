"""Slopes of activations read off at points, and gradients shrinking (or not) along a chain of layers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import as_array, check_choice, check_finite_scalar, check_positive_int
from dlmath.activations import (
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)

__all__ = ["ACTIVATIONS", "GradientChain", "Readout", "activation", "gradient_chain", "readout"]

#: Activation names, in the order the lecture shows them.
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
#: The largest slope of each activation (leaky ReLU: 1 for alpha <= 1).
_PEAK = {"sigmoid": 0.25, "tanh": 1.0, "relu": 1.0, "leaky_relu": 1.0}


def activation(kind: str, alpha: float = 0.01) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """The activation ``kind`` and its derivative as two functions of ``x``.

    Parameters
    ----------
    kind : {"sigmoid", "tanh", "relu", "leaky_relu"}
        Which activation.
    alpha : float
        Leaky ReLU's slope for ``x <= 0`` (ignored by the others).
    """
    kind = check_choice("kind", kind, ACTIVATIONS)
    if kind == "leaky_relu":
        a = float(alpha)
        return (lambda x: leaky_relu(x, a)), (lambda x: leaky_relu_grad(x, a))
    pairs = {
        "sigmoid": (sigmoid, sigmoid_grad),
        "tanh": (tanh, tanh_grad),
        "relu": (relu, relu_grad),
    }
    return pairs[kind]


@dataclass(frozen=True)
class Readout:
    r"""An activation and its slope at a few points (see :func:`readout`).

    ``x``, ``value`` (:math:`f(x)`) and ``grad`` (:math:`f'(x)`) have shape (P,).
    For the sigmoid, ``complement`` is :math:`1 - \sigma(x)`, so that
    ``grad == value * complement`` (the shortcut :math:`\sigma' = \sigma(1 - \sigma)`);
    for the others it is None. ``peak`` is the largest slope the activation has anywhere
    (0.25 for the sigmoid, at ``x = 0``).
    """

    kind: str
    x: np.ndarray
    value: np.ndarray
    grad: np.ndarray
    complement: np.ndarray | None
    peak: float


def readout(kind: str, points: Any, alpha: float = 0.01) -> Readout:
    r"""Read an activation and its derivative off at ``points``.

    For the sigmoid the derivative is computed by the shortcut
    :math:`\sigma'(x) = \sigma(x)(1 - \sigma(x))`: at 0 it is 0.5 · 0.5 = 0.25, the
    largest it gets; at 5 it is 0.0066. ReLU's derivative is 1 for :math:`x > 0` and 0
    otherwise (0 at 0 by convention).

    Parameters
    ----------
    kind : {"sigmoid", "tanh", "relu", "leaky_relu"}
        Which activation.
    points : array_like, shape (P,)
        Where to read.
    alpha : float
        Leaky ReLU's slope for ``x <= 0``.
    """
    f, df = activation(kind, alpha)
    x = as_array("points", points, ndim=1)
    value = np.asarray(f(x), dtype=np.float64)
    if kind == "sigmoid":
        complement = 1.0 - value
        grad = value * complement
    else:
        complement, grad = None, np.asarray(df(x), dtype=np.float64)
    peak = max(1.0, float(alpha)) if kind == "leaky_relu" else _PEAK[kind]
    return Readout(kind, x, value, grad, complement, peak)


@dataclass(frozen=True)
class GradientChain:
    r"""A chain of ``n`` layers of one activation, forward and backward (see :func:`gradient_chain`).

    Attributes
    ----------
    kind : str
        The activation of every layer.
    inputs : ndarray, shape (n,)
        :math:`z_k`, what layer ``k`` receives (``inputs[0]`` is the chain's input).
    outputs : ndarray, shape (n,)
        :math:`a_k = f(z_k)`; each output is the next layer's input.
    local : ndarray, shape (n,)
        :math:`f'(z_k)`, each layer's local gradient.
    upstream : ndarray, shape (n + 1,)
        The gradient of the chain's output with respect to each point of the chain:
        ``upstream[n] = 1`` at the output, ``upstream[k] = upstream[k + 1] * local[k]``
        (upstream times local) at the input of layer ``k``.
    bound : ndarray, shape (n + 1,)
        The most ``upstream`` can be whatever the input: ``peak ** (n - k)``
        (0.25 per sigmoid layer: :math:`0.25^n` through ``n`` layers).
    """

    kind: str
    inputs: np.ndarray
    outputs: np.ndarray
    local: np.ndarray
    upstream: np.ndarray
    bound: np.ndarray


def gradient_chain(kind: str, x: float, layers: int, alpha: float = 0.01) -> GradientChain:
    r"""Send ``x`` through ``layers`` layers :math:`a_k = f(a_{k-1})`, then the gradient back.

    By the chain rule the gradient reaching the input is the product of the local
    gradients :math:`\prod_k f'(z_k)`. Each sigmoid factor is at most 0.25, so ``n``
    sigmoid layers pass back at most :math:`0.25^n` (from 0: 0.25, 0.235, 0.227 …);
    ReLU passes 1 through every layer whose input is positive and 0 (a dead unit)
    where it is not.

    Parameters
    ----------
    kind : {"sigmoid", "tanh", "relu", "leaky_relu"}
        The activation of every layer.
    x : float
        The chain's input.
    layers : int
        Number of layers ``n`` (>= 1).
    alpha : float
        Leaky ReLU's slope for ``x <= 0``.
    """
    f, df = activation(kind, alpha)
    z = check_finite_scalar("x", x)
    n = check_positive_int("layers", layers)
    inputs, outputs = np.empty(n), np.empty(n)
    for k in range(n):
        inputs[k] = z
        z = float(f(z))
        outputs[k] = z
    local = np.asarray(df(inputs), dtype=np.float64)
    upstream = np.ones(n + 1)
    for k in range(n - 1, -1, -1):
        upstream[k] = upstream[k + 1] * local[k]
    peak = readout(kind, [0.0], alpha).peak
    bound = peak ** np.arange(n, -1, -1, dtype=np.float64)
    return GradientChain(kind, inputs, outputs, local, upstream, bound)
