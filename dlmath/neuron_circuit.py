"""The sigmoid neuron as a circuit, gate by gate and as one sigmoid gate; a rounded upstream."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dlmath._checks import DlmathError, as_array
from dlmath.activations import sigmoid
from dlmath.circuit import Circuit, _circuit
from dlmath.graph import Value

__all__ = ["RoundedUpstream", "SigmoidNeuron", "rounded_upstream", "sigmoid_neuron"]


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
