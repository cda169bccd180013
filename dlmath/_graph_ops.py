"""Helpers for :mod:`dlmath.graph`: data checks, float-or-array maths, broadcasting, labels."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy.special import expit

from dlmath._checks import DlmathError, as_array, check_finite_scalar

__all__ = [
    "Data",
    "as_data",
    "as_number",
    "is_number",
    "fit",
    "exp",
    "log",
    "tanh",
    "sigmoid",
    "power",
    "check_nonzero",
    "check_power",
    "check_matmul",
    "matmul_grads",
    "gate_label",
]

Data = Any
"""A node's value: a Python ``float`` or a float64 ``ndarray`` with at least one dimension."""


def is_number(x: Any) -> bool:
    """True for a plain number (int, float or numpy scalar; not a bool)."""
    return isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, bool)


def as_number(name: str, x: Any) -> float:
    """Return the plain number ``x`` as a finite float (fast path for int and float)."""
    if type(x) in (float, int) and -1e308 < x < 1e308:  # NaN and infinity fail the test
        return float(x)
    return check_finite_scalar(name, x)


def as_data(name: str, x: Any) -> Data:
    """Return ``x`` as a finite Python float (numbers, 0-d arrays) or a float64 array."""
    if is_number(x):
        return check_finite_scalar(name, x)
    if isinstance(x, bool):
        raise DlmathError(f"{name} must be a finite number or a numeric array, got {x!r}")
    arr = as_array(name, x)
    return float(arr) if arr.ndim == 0 else arr


def fit(g: Data, like: Data) -> Data:
    """Sum the broadcast gradient ``g`` back to the shape of ``like``.

    Axes that broadcasting added in front are summed away; axes where ``like``
    has size 1 are summed with ``keepdims``. A float ``like`` gets a float.
    """
    if type(like) is float:
        return float(np.sum(g))
    if np.shape(g) == like.shape:
        return g
    g = np.asarray(g, dtype=np.float64)
    if g.ndim < like.ndim:
        return np.broadcast_to(g, like.shape).copy()
    g = g.sum(axis=tuple(range(g.ndim - like.ndim)))
    ones = tuple(i for i, n in enumerate(like.shape) if n == 1 and g.shape[i] != 1)
    return g.sum(axis=ones, keepdims=True) if ones else g


def exp(x: Data) -> Data:
    """``e**x``; an overflow gives ``inf`` (the node check turns it into an error)."""
    if type(x) is float:
        try:
            return math.exp(x)
        except OverflowError:
            return math.inf
    with np.errstate(over="ignore"):
        return np.exp(x)


def log(x: Data) -> Data:
    """Natural logarithm; the caller has checked ``x > 0``."""
    return math.log(x) if type(x) is float else np.log(x)


def tanh(x: Data) -> Data:
    """Hyperbolic tangent."""
    return math.tanh(x) if type(x) is float else np.tanh(x)


def sigmoid(x: Data) -> Data:
    """Numerically stable logistic sigmoid ``1 / (1 + e**-x)``."""
    if type(x) is not float:
        return expit(x)
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def power(a: Data, c: Data) -> Data:
    """``a ** c`` for floats or arrays; an overflow gives ``inf``."""
    if type(a) is float and type(c) is float:
        try:
            return a**c
        except OverflowError:
            return math.inf
    with np.errstate(over="ignore"):
        return np.power(a, c)


def check_nonzero(name: str, x: Data) -> None:
    """Reject a zero divisor."""
    if type(x) is float:
        if x == 0.0:
            raise DlmathError(f"{name} must be nonzero (division by zero), got 0.0")
    elif not np.all(x):
        raise DlmathError(f"{name} must be nonzero (division by zero), got {np.sum(x == 0)} zeros")


def check_power(a: Data, c: float) -> None:
    """Check that ``a ** c`` and its derivative ``c a**(c-1)`` are real and finite."""
    low = a if type(a) is float else float(np.min(a))
    if low < 0 and c != round(c):
        raise DlmathError(f"base of x ** {c:g} must be >= 0 (fractional power), got {low:g}")
    zero = a == 0.0 if type(a) is float else bool(np.any(a == 0.0))
    if zero and 0 < c < 1:
        raise DlmathError(f"base of x ** {c:g} must be nonzero (infinite derivative at 0)")
    if zero and c < 0:
        raise DlmathError(f"base of x ** {c:g} must be nonzero (division by zero)")


def check_matmul(a: Data, b: Data) -> None:
    """Accept 2-D @ 2-D, 2-D @ 1-D, 1-D @ 2-D and 1-D @ 1-D with equal inner sizes."""
    sa, sb = np.shape(a), np.shape(b)
    if len(sa) not in (1, 2) or len(sb) not in (1, 2):
        raise DlmathError(f"operands of @ must be 1-D or 2-D arrays, got shapes {sa} @ {sb}")
    if sa[-1] != sb[0]:
        raise DlmathError(
            f"operands of @ do not fit: shapes {sa} @ {sb} (inner sizes {sa[-1]} != {sb[0]})"
        )


def matmul_grads(a: np.ndarray, b: np.ndarray, g: Data) -> tuple[np.ndarray, np.ndarray]:
    """Gradients of ``a @ b`` for upstream ``g``: ``dA = G Bᵀ``, ``dB = Aᵀ G``.

    A 1-D ``a`` is treated as a row ``(1, k)``, a 1-D ``b`` as a column ``(k, 1)``,
    then every result is reshaped back to its operand's shape.
    """
    a2 = a.reshape(1, -1) if a.ndim == 1 else a
    b2 = b.reshape(-1, 1) if b.ndim == 1 else b
    g2 = np.reshape(g, (a2.shape[0], b2.shape[1]))
    return (g2 @ b2.T).reshape(a.shape), (a2.T @ g2).reshape(b.shape)


def _fmt(c: float) -> str:
    """Format a gate constant: ``2.0 -> "2"``, ``0.5 -> "0.5"``."""
    return str(int(c)) if c == int(c) and abs(c) < 1e15 else f"{c:g}"


def gate_label(op: str, const: float | None) -> str:
    """Drawing label of a gate, CS231n style for ops with a plain number ``c``.

    ``+`` → ``+1``; ``-`` → ``-3``; ``rsub`` → ``3-x``; ``*`` → ``*-1``;
    ``/`` → ``/2``; ``rdiv`` → ``1/x``; ``**`` → ``x^2``; ``rpow`` → ``2^x``;
    ``max`` → ``max(x,0)``. Ops without a constant are labelled by ``op``.
    """
    if const is None:
        return op
    c = _fmt(const)
    if op in ("+", "-"):
        sign = op if const >= 0 else ("-" if op == "+" else "+")
        return sign + _fmt(abs(const))
    templates = {
        "rsub": "{c}-x",
        "*": "*{c}",
        "/": "/{c}",
        "rdiv": "{c}/x",
        "**": "x^{c}",
        "rpow": "{c}^x",
        "max": "max(x,{c})",
    }
    return templates[op].format(c=c)
