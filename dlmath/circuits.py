"""The lecture's named circuits: each computational graph built once, evaluated and backpropagated.

A scene and its tests both ask this module for their circuit, so the graph a
viewer sees is the graph the tests check. Every function returns a
:class:`Circuit` (nodes in evaluation order, after ``backward()``), or a result
that holds circuits together with the extra numbers its lesson shows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array, check_finite_scalar
from dlmath.activations import sigmoid
from dlmath.graph import Value, topo_order

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


@dataclass(frozen=True)
class Circuit:
    """A computational graph after its backward pass.

    Attributes
    ----------
    formula : str
        The expression the circuit computes, e.g. ``"f = (x + y)·z"``.
    nodes : tuple of Value
        ``topo_order(root)``: every node after its inputs, the root (output) last.
        Named nodes (the inputs, and intermediates a lesson names) carry ``.name``.
    """

    formula: str
    nodes: tuple[Value, ...]

    @property
    def root(self) -> Value:
        """The output node (the last one)."""
        return self.nodes[-1]

    def index(self, name: str) -> int:
        """Position of the node called ``name``; :class:`DlmathError` if there is none."""
        for i, node in enumerate(self.nodes):
            if node.name == name:
                return i
        names = ", ".join(n.name for n in self.nodes if n.name)
        raise DlmathError(f"name must be a node of {self.formula}, got {name!r}; accepted: {names}")

    def node(self, name: str) -> Value:
        """The node called ``name``."""
        return self.nodes[self.index(name)]

    def leaves(self) -> list[Value]:
        """The input nodes, in evaluation order."""
        return [n for n in self.nodes if not n.op]

    def gates(self) -> list[Value]:
        """The operation nodes, in evaluation order."""
        return [n for n in self.nodes if n.op]

    # every number a drawing of the circuit may show (for the scenes' number checks)
    @cached_property
    def values(self) -> list[Any]:
        """Forward value of every node."""
        return [n.data for n in self.nodes]

    @cached_property
    def grads(self) -> list[Any]:
        """``d root / d node`` for every node."""
        return [n.grad for n in self.nodes]

    @cached_property
    def local(self) -> list[Any]:
        """Local gradients of every gate (``None`` for ``@``), flattened."""
        return [g for n in self.nodes for g in n.local_grads if g is not None]

    @cached_property
    def sent(self) -> list[Any]:
        """Upstream × local of every gate for each input, flattened."""
        return [g for n in self.nodes for g in n.input_grads]

    @cached_property
    def constants(self) -> list[float]:
        """The plain numbers of one-input gates (``+1`` → 1) and their sizes."""
        return [v for n in self.nodes if n.const is not None for v in (n.const, abs(n.const))]


def _circuit(formula: str, root: Value) -> Circuit:
    root.backward()
    return Circuit(formula, tuple(topo_order(root)))


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


def _two(name: str, v: Any, n: int) -> list[float]:
    arr = as_array(name, v, ndim=1)
    if arr.shape != (n,):
        raise DlmathError(f"{name} must hold {n} numbers, got shape {arr.shape}")
    return [float(a) for a in arr]


def _neuron_leaves(w: Sequence[float], x: Sequence[float]) -> list[Value]:
    ws, xs = _two("w", w, 3), _two("x", x, 2)
    return [
        Value(ws[0], "w0"),
        Value(xs[0], "x0"),
        Value(ws[1], "w1"),
        Value(xs[1], "x1"),
        Value(ws[2], "w2"),
    ]


@dataclass(frozen=True)
class SigmoidNeuron:
    """A sigmoid neuron f = σ(w0·x0 + w1·x1 + w2) as two circuits with the same gradients.

    Attributes
    ----------
    gates : Circuit
        Elementary gates ×, ×, +, +, ×−1, exp, +1, 1/x (13 nodes): leaves
        ``w0, x0, w1, x1, w2``, the weighted sum ``s`` and the output ``f``.
    collapsed : Circuit
        The same neuron with the four right-hand gates as one sigmoid gate
        (10 nodes, the same names), whose local gradient is (1 − σ)σ.
    """

    gates: Circuit
    collapsed: Circuit

    @property
    def sigma(self) -> float:
        """σ(s), the neuron's output."""
        return float(self.gates.root.data)

    @property
    def one_minus(self) -> float:
        """1 − σ(s), computed as σ(−s) (exact where σ(s) rounds to 1)."""
        return float(sigmoid(-self.collapsed.node("s").data))

    @property
    def shortcut(self) -> float:
        """(1 − σ)σ, the sigmoid gate's local gradient: ∂f/∂s in one step."""
        return float(self.collapsed.root.local_grads[0])


def sigmoid_neuron(
    w: Sequence[float] = (2.0, -3.0, -3.0), x: Sequence[float] = (-1.0, -2.0)
) -> SigmoidNeuron:
    """The 2-input sigmoid neuron of CS231n, f = 1/(1 + e^−(w0·x0 + w1·x1 + w2)).

    Parameters
    ----------
    w : sequence of 3 floats
        Weights ``w0, w1`` and the bias ``w2``.
    x : sequence of 2 floats
        Inputs ``x0, x1``.

    Returns
    -------
    SigmoidNeuron
        The elementary-gate circuit and the collapsed one (one sigmoid gate).
        At the defaults the gates give −2, 6, 4, 1, −1, 0.37, 1.37, 0.73 and the
        gradients ∂w = [−0.2, −0.39, 0.2], ∂x = [0.39, −0.59].

    >>> n = sigmoid_neuron()
    >>> round(n.sigma, 2), [round(v.grad, 2) for v in n.gates.leaves()]
    (0.73, [-0.2, 0.39, -0.39, -0.59, 0.2])
    """
    w0, x0, w1, x1, w2 = _neuron_leaves(w, x)
    s = w0 * x0 + w1 * x1 + w2
    s.name = "s"
    f = 1 / (1 + (-s).exp())
    f.name = "f"
    gates = _circuit("f = 1/(1 + e^−(w0·x0 + w1·x1 + w2))", f)
    w0, x0, w1, x1, w2 = _neuron_leaves(w, x)
    s = w0 * x0 + w1 * x1 + w2
    s.name = "s"
    f = s.sigmoid()
    f.name = "f"
    return SigmoidNeuron(gates, _circuit("f = σ(w0·x0 + w1·x1 + w2)", f))


@dataclass(frozen=True)
class RoundedUpstream:
    """A gradient computed with its upstream rounded, beside the exact one.

    Slides often print the upstream ∂f/∂s = 0.197 as 0.2 and multiply on, so
    ∂f/∂x0 = 2 × 0.2 = 0.4 where the exact value is 2 × 0.197 = 0.39.

    Attributes
    ----------
    upstream, rounded : float
        The exact upstream gradient and the same rounded half up to ``decimals``.
    local : float
        The local gradient it is multiplied by.
    exact, approx : float
        ``upstream * local`` and ``rounded * local``.
    """

    upstream: float
    rounded: float
    local: float
    exact: float
    approx: float


def rounded_upstream(circuit: Circuit, leaf: str, decimals: int = 1) -> RoundedUpstream:
    """The gradient of input ``leaf`` from its gate's upstream rounded to ``decimals`` (half up).

    ``leaf`` must feed exactly one gate; that gate's upstream gradient is rounded.
    """
    i = circuit.index(leaf)
    users = [n for n in circuit.nodes if any(x is circuit.nodes[i] for x in n.inputs)]
    if len(users) != 1 or users[0].local_grads[0] is None:
        raise DlmathError(f"leaf must feed exactly one elementwise gate, got {leaf!r}")
    gate = users[0]
    k = next(k for k, x in enumerate(gate.inputs) if x is circuit.nodes[i])
    up, local = float(gate.grad), float(gate.local_grads[k])
    scale = 10.0**decimals
    rounded = math.copysign(math.floor(abs(up) * scale + 0.5) / scale, up)
    return RoundedUpstream(up, rounded, local, up * local, rounded * local)


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
