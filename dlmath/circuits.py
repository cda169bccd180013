"""The lecture's named circuits: each computational graph built once, evaluated and backpropagated.

A scene and its tests both ask this module for their circuit, so the graph a
viewer sees is the graph the tests check. Every function returns a
:class:`Circuit` (nodes in evaluation order, after ``backward()``), or a result
that holds circuits together with the extra numbers its lesson shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array, check_finite_scalar
from dlmath.circuit import Circuit, _circuit
from dlmath.graph import Value
from dlmath.neuron_circuit import RoundedUpstream, SigmoidNeuron, rounded_upstream, sigmoid_neuron

__all__ = [
    "Circuit",
    "MatrixNorm",
    "RoundedUpstream",
    "SigmoidNeuron",
    "gate_patterns",
    "matrix_norm",
    "rounded_upstream",
    "sigmoid_neuron",
    "simple_circuit",
]


def _scalar(name: str, x: Any) -> Value:
    return Value(check_finite_scalar(name, x), name)


def simple_circuit(x: float = -2.0, y: float = 5.0, z: float = -4.0) -> Circuit:
    """The circuit f = (x + y)·z with q = x + y, backpropagated (CS231n's first example).

    Nodes ``x, y, q, z, f``. At the defaults q = 3, f = −12 and
    ∂f/∂x = ∂f/∂y = z = −4, ∂f/∂z = q = 3.

    >>> c = simple_circuit()
    >>> c.node("f").data, c.node("x").grad, c.node("z").grad
    (-12.0, -4.0, 3.0)
    """
    q = _scalar("x", x) + _scalar("y", y)
    q.name = "q"
    f = q * _scalar("z", z)
    f.name = "f"
    return _circuit("f = (x + y)·z", f)


def gate_patterns(
    x: float = 3.0, y: float = -4.0, z: float = 2.0, w: float = -1.0, factor: float = 2.0
) -> Circuit:
    """The circuit f = factor·(x·y + max(z, w)): the add, max and multiply gates side by side.

    At the defaults f = −20 and ∂x = −8, ∂y = 6, ∂z = 2, ∂w = 0: add distributes
    its gradient, max routes it to the larger input (to ``z`` at a tie),
    multiply swaps its inputs. Nodes ``x, y, q, z, w, m, s, f``.

    >>> [round(g, 2) for g in gate_patterns().grads]
    [-8.0, 6.0, 2.0, 2.0, 0.0, 2.0, 2.0, 1.0]
    """
    q = _scalar("x", x) * _scalar("y", y)
    m = _scalar("z", z).max(_scalar("w", w))
    s = q + m
    f = check_finite_scalar("factor", factor) * s
    for node, name in ((q, "q"), (m, "m"), (s, "s"), (f, "f")):
        node.name = name
    return _circuit("f = factor·(x·y + max(z, w))", f)


@dataclass(frozen=True)
class MatrixNorm:
    """f = ‖W·x‖² with q = W·x, backpropagated to the matrix and the vector.

    Attributes
    ----------
    circuit : Circuit
        Nodes ``W, x, q`` (= W @ x), ``q²`` and ``f`` (the sum).
    """

    circuit: Circuit

    @property
    def W(self) -> np.ndarray:  # noqa: N802 - the lecture's name
        """The matrix, shape (m, n)."""
        return self.circuit.node("W").data

    @property
    def x(self) -> np.ndarray:
        """The vector, shape (n,)."""
        return self.circuit.node("x").data

    @property
    def q(self) -> np.ndarray:
        """W·x, shape (m,)."""
        return self.circuit.node("q").data

    @property
    def f(self) -> float:
        """Σ q_i²."""
        return float(self.circuit.root.data)

    @property
    def dq(self) -> np.ndarray:
        """∂f/∂q = 2q, shape (m,)."""
        return self.circuit.node("q").grad

    @property
    def dW(self) -> np.ndarray:  # noqa: N802
        """∂f/∂W = 2q·xᵀ (an outer product), shape (m, n) like W."""
        return self.circuit.node("W").grad

    @property
    def dx(self) -> np.ndarray:
        """∂f/∂x = Wᵀ·2q, shape (n,) like x."""
        return self.circuit.node("x").grad


def matrix_norm(
    W: Sequence[Sequence[float]] = ((0.1, 0.5), (-0.3, 0.8)),  # noqa: N803
    x: Sequence[float] = (0.2, 0.4),
) -> MatrixNorm:
    """The circuit f = ‖W·x‖² = Σ q_i² with q = W·x (CS231n's matrix example).

    Parameters
    ----------
    W : array_like, shape (m, n)
        The matrix.
    x : array_like, shape (n,)
        The vector.

    Returns
    -------
    MatrixNorm
        At the defaults q = [0.22, 0.26], f = 0.116, ∂q = 2q = [0.44, 0.52],
        ∂W = 2q·xᵀ = [[0.088, 0.176], [0.104, 0.208]], ∂x = Wᵀ·2q = [−0.112, 0.636].

    >>> r = matrix_norm()
    >>> round(r.f, 3), r.dx.round(3).tolist()
    (0.116, [-0.112, 0.636])
    """
    w_arr = as_array("W", W, ndim=2)
    x_arr = as_array("x", x, ndim=1)
    if w_arr.shape[1] != x_arr.shape[0]:
        raise DlmathError(
            f"x must have one entry per column of W ({w_arr.shape[1]}), got shape {x_arr.shape}"
        )
    w_node, x_node = Value(w_arr, "W"), Value(x_arr, "x")
    q = w_node @ x_node
    q.name = "q"
    squares = q**2
    squares.name = "q2"
    f = squares.sum()
    f.name = "f"
    return MatrixNorm(_circuit("f = ‖W·x‖²", f))
