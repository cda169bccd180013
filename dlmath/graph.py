"""Computational graphs of floats or arrays (:class:`Value`) with backpropagation."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from dlmath import _graph_ops as ops
from dlmath._checks import DlmathError, check_positive

__all__ = ["Value", "topo_order"]

Rule = Callable[[Any], tuple[Any, ...]]


class Value:
    r"""A node of a computational graph holding a float or a float64 array.

    Every operation makes a new node and keeps its forward value and its local
    gradients together: ``x * y`` stores ``data = x y`` and ``local_grads =
    (y, x)``. :meth:`backward` applies the chain rule node by node,
    ``input_grads[i] = upstream * local_grads[i]`` (summed back over broadcast
    axes to the input's shape), and accumulates into each input's ``.grad``.

    Parameters
    ----------
    data : float or array_like
        A finite number (kept as a Python float) or a numeric array (float64).
    name : str
        Label for drawings, e.g. ``"x"``.

    Attributes
    ----------
    data : float or ndarray
        The forward value.
    grad : float or ndarray
        ``d root / d self``, same shape as ``data``; 0 until :meth:`backward`.
    op : str
        ``""`` for a leaf, else ``+ - * / ** @ exp log max sigmoid relu tanh sum``,
        or ``rsub``, ``rdiv``, ``rpow`` for ``c - x``, ``c / x``, ``c ** x``.
    inputs : tuple of Value
        Operands in the order they were written (a plain number is not a node).
    const : float or None
        The plain number of an op with a constant (``x + 1`` → ``1.0``), else None.
    local_grads : tuple
        One per input: ``d self / d input``. A float for scalar nodes; for arrays
        the elementwise derivative (broadcasting against ``data``; a float when it
        is the same everywhere); None for ``@``, which is not elementwise.
    input_grads : tuple
        After :meth:`backward`, one per input: upstream × local, shaped like the input.

    Notes
    -----
    A plain number operand makes a one-input gate whose ``label`` is the CS231n
    one: ``x + 1`` → ``"+1"``, ``-x`` and ``x * -1`` → ``"*-1"``, ``1 / x`` →
    ``"1/x"``, ``x ** 2`` → ``"x^2"``, ``2 ** x`` → ``"2^x"``. A non-scalar
    array operand becomes a leaf node. Results must be finite: an overflow or a
    value outside an op's domain (``log`` of a number <= 0, division by 0)
    raises :class:`DlmathError`.
    """

    __slots__ = (
        *("data", "grad", "name", "op", "inputs", "const"),
        *("local_grads", "input_grads", "_rule"),
    )
    __array_ufunc__ = None  # make numpy defer: ndarray * Value calls Value.__rmul__

    def __init__(self, data: Any, name: str = "") -> None:
        if isinstance(data, Value):
            raise DlmathError("data must be a finite number or a numeric array, got a Value")
        if not isinstance(name, str):
            raise DlmathError(f"name must be a string, got {type(name).__name__}")
        self.data = ops.as_data("data", data)
        self.grad: Any = 0.0 if type(self.data) is float else np.zeros_like(self.data)
        self.name = name
        self.op = ""
        self.inputs: tuple[Value, ...] = ()
        self.const: float | None = None
        self.local_grads: tuple[Any, ...] = ()
        self.input_grads: tuple[Any, ...] = ()
        self._rule: Rule | None = None

    def __repr__(self) -> str:
        op = f", op={self.op!r}" if self.op else ""
        name = f", name={self.name!r}" if self.name else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{op}{name})"

    @property
    def label(self) -> str:
        """Gate label for drawings (``"+"``, ``"*-1"``, ``"1/x"``, ``"exp"``...); a leaf's name."""
        return ops.gate_label(self.op, self.const) if self.op else self.name

    # --- binary ops: each returns _node(forward value, op, inputs, local gradients) ---

    def __add__(self, other: Any) -> Value:
        """``self + other``; local gradients 1 and 1 (add distributes)."""
        if isinstance(other, Value):
            return _node(self.data + other.data, "+", (self, other), (1.0, 1.0))
        o = _operand(other)
        if isinstance(o, Value):
            return self + o
        return _node(self.data + o, "+", (self,), (1.0,), o)

    def __radd__(self, other: Any) -> Value:
        """``other + self``: a plain number gives the gate ``+c`` (``1 + x`` → ``"+1"``)."""
        o = _operand(other)
        return o + self if isinstance(o, Value) else self + o

    def __sub__(self, other: Any) -> Value:
        """``self - other``; local gradients 1 and -1."""
        o = _operand(other)
        if isinstance(o, Value):
            return _node(self.data - o.data, "-", (self, o), (1.0, -1.0))
        return _node(self.data - o, "-", (self,), (1.0,), o)

    def __rsub__(self, other: Any) -> Value:
        """``other - self`` for a plain number ``other``; local gradient -1."""
        o = _operand(other)
        if isinstance(o, Value):
            return o - self
        return _node(o - self.data, "rsub", (self,), (-1.0,), o)

    def __mul__(self, other: Any) -> Value:
        """``self * other``; local gradients ``(other, self)`` (multiply swaps)."""
        if isinstance(other, Value):
            a, b = self.data, other.data
            return _node(a * b, "*", (self, other), (b, a))
        o = _operand(other)
        if isinstance(o, Value):
            return self * o
        return _node(self.data * o, "*", (self,), (o,), o)

    def __rmul__(self, other: Any) -> Value:
        """``other * self``: a plain number gives the gate ``*c`` (``2 * x`` → ``"*2"``)."""
        o = _operand(other)
        return o * self if isinstance(o, Value) else self * o

    def __neg__(self) -> Value:
        """``-self``, the gate ``*-1``; local gradient -1."""
        return _node(-self.data, "*", (self,), (-1.0,), -1.0)

    def __truediv__(self, other: Any) -> Value:
        """``self / other``; local gradients ``1/b`` and ``-a/b**2``."""
        o = _operand(other)
        a = self.data
        if isinstance(o, Value):
            b = o.data
            ops.check_nonzero("denominator", b)
            return _node(a / b, "/", (self, o), (1.0 / b, -a / (b * b)))
        ops.check_nonzero("denominator", o)
        return _node(a / o, "/", (self,), (1.0 / o,), o)

    def __rtruediv__(self, other: Any) -> Value:
        """``other / self`` for a plain number ``other`` (``1 / x``); local ``-c / x**2``."""
        o = _operand(other)
        if isinstance(o, Value):
            return o / self
        a = self.data
        ops.check_nonzero("denominator", a)
        return _node(o / a, "rdiv", (self,), (-o / (a * a),), o)

    def __pow__(self, exponent: Any) -> Value:
        """``self ** c`` for a plain number ``c``; local gradient ``c x**(c-1)``."""
        if isinstance(exponent, Value):
            raise DlmathError("exponent must be a plain number (x ** 2), got a Value")
        c = ops.as_number("exponent", exponent)
        a = self.data
        ops.check_power(a, c)
        local = c * ops.power(a, c - 1.0) if c != 0 else 0.0
        return _node(ops.power(a, c), "**", (self,), (local,), c)

    def __rpow__(self, base: Any) -> Value:
        """``c ** self`` for a plain number ``c > 0``; local gradient ``ln(c) c**x``."""
        if not ops.is_number(base):
            raise DlmathError(f"base of c ** x must be a number > 0, got {type(base).__name__}")
        c = check_positive("base", base)
        out = ops.power(c, self.data)
        return _node(out, "rpow", (self,), (math.log(c) * out,), c)

    def __matmul__(self, other: Any) -> Value:
        """Matrix/vector product ``A @ B``; backward ``dA = G Bᵀ``, ``dB = Aᵀ G``.

        Shapes as in numpy: ``(m,k) @ (k,n)``, ``(m,k) @ (k,)``, ``(k,) @ (k,n)``,
        ``(k,) @ (k,)`` (a float). The local Jacobian is not elementwise, so both
        ``local_grads`` are None.
        """
        o = other if isinstance(other, Value) else Value(other)
        a, b = self.data, o.data
        ops.check_matmul(a, b)
        out = a @ b
        return _node(
            float(out) if np.ndim(out) == 0 else out,
            "@",
            (self, o),
            (None, None),
            rule=lambda g: ops.matmul_grads(a, b, g),
        )

    def __rmatmul__(self, other: Any) -> Value:
        """``other @ self`` for an array ``other`` (it becomes a leaf node)."""
        return Value(other) @ self

    def max(self, other: Any) -> Value:
        """Elementwise ``max(self, other)``; the gradient is routed to the larger operand.

        At a tie (``self == other``) the whole gradient goes to ``self``, the
        first operand: local gradients ``(1, 0)`` where ``self >= other``, else ``(0, 1)``.
        """
        o = _operand(other)
        a, b = self.data, (o.data if isinstance(o, Value) else o)
        if type(a) is float and type(b) is float:
            first = 1.0 if a >= b else 0.0
            out = a if a >= b else b
        else:
            first = np.greater_equal(a, b).astype(np.float64)
            out = np.maximum(a, b)
        if isinstance(o, Value):
            return _node(out, "max", (self, o), (first, 1.0 - first))
        return _node(out, "max", (self,), (first,), o)

    # --- unary ops ---

    def exp(self) -> Value:
        """``e**x``; local gradient ``e**x`` (the output itself)."""
        out = ops.exp(self.data)
        return _node(out, "exp", (self,), (out,))

    def log(self) -> Value:
        """Natural logarithm ``ln x`` (``x > 0``); local gradient ``1/x``."""
        a = self.data
        if np.min(a) <= 0:
            raise DlmathError(f"log needs self > 0, got {np.min(a):g}")
        return _node(ops.log(a), "log", (self,), (1.0 / a,))

    def sigmoid(self) -> Value:
        """Sigmoid gate ``σ(x) = 1/(1+e**-x)``; local gradient ``(1 - σ) σ``.

        ``1 - σ(x)`` is computed as ``σ(-x)``, so the local gradient stays
        right (``e**-x`` for large ``x``) where ``σ(x)`` rounds to 1.
        """
        s = ops.sigmoid(self.data)
        return _node(s, "sigmoid", (self,), (ops.sigmoid(-self.data) * s,))

    def relu(self) -> Value:
        """``max(0, x)``; local gradient 1 where ``x > 0``, else 0 (0 at ``x = 0``)."""
        a = self.data
        if type(a) is float:
            return _node(a if a > 0 else 0.0, "relu", (self,), (1.0 if a > 0 else 0.0,))
        return _node(np.maximum(a, 0.0), "relu", (self,), ((a > 0).astype(np.float64),))

    def tanh(self) -> Value:
        """Hyperbolic tangent gate ``t``; local gradient ``1 - t**2``."""
        t = ops.tanh(self.data)
        return _node(t, "tanh", (self,), (1.0 - t * t,))

    def sum(self) -> Value:
        """Sum of all elements (a float); local gradient 1 for every element."""
        a = self.data
        if type(a) is float:
            return _node(a, "sum", (self,), (1.0,))
        return _node(float(a.sum()), "sum", (self,), (np.ones_like(a),))

    # --- backpropagation ---

    def backward(self, grad: Any = None) -> None:
        """Fill ``.grad`` (and ``.input_grads``) of every node of the graph below ``self``.

        Grads are zeroed first, so calling it twice gives the same result; a node
        used several times accumulates the sum of what it receives.

        Parameters
        ----------
        grad : float or array_like, optional
            Seed ``d L / d self``, same shape as ``self.data``. Default 1 for a
            scalar root; required for an array root.
        """
        seed = self._seed(grad)
        order = topo_order(self)
        for node in order:
            node.grad = 0.0 if type(node.data) is float else np.zeros_like(node.data)
        self.grad = seed
        for node in reversed(order):
            inputs = node.inputs
            if not inputs:
                continue
            g, local = node.grad, node.local_grads
            if node._rule is not None:
                sent = node._rule(g)
            elif type(g) is not float:
                pairs = zip(inputs, local, strict=True)
                sent = tuple([ops.fit(g * loc, x.data) for x, loc in pairs])
            elif len(inputs) == 1:  # fast scalar path: upstream * local
                x, s = inputs[0], g * local[0]
                node.input_grads = (s,)
                x.grad = x.grad + s
                continue
            else:
                sent = (g * local[0], g * local[1])
            node.input_grads = sent
            for x, s in zip(inputs, sent, strict=True):
                x.grad = x.grad + s

    def _seed(self, grad: Any) -> Any:
        """Check the seed gradient of :meth:`backward`."""
        if grad is None:
            if type(self.data) is not float:
                raise DlmathError(
                    f"grad must be given for a non-scalar root of shape {self.data.shape} "
                    "(a scalar root gets 1)"
                )
            return 1.0
        seed = ops.as_data("grad", grad)
        if np.shape(seed) != np.shape(self.data):
            raise DlmathError(
                f"grad must have the root's shape {np.shape(self.data)}, got {np.shape(seed)}"
            )
        return seed if type(seed) is float else seed.copy()


def _operand(other: Any) -> Any:
    """A Value stays, a plain number becomes a float constant, an array becomes a leaf."""
    if isinstance(other, Value):
        return other
    if ops.is_number(other):
        return ops.as_number("other", other)
    data = ops.as_data("other", other)
    return Value(data) if type(data) is not float else data


def _node(
    data: Any,
    op: str,
    inputs: tuple[Value, ...],
    local: tuple[Any, ...],
    const: float | None = None,
    rule: Rule | None = None,
) -> Value:
    """Make the output node of an op, checking that its value is finite."""
    out = Value.__new__(Value)
    if type(data) is float:
        if data - data != 0.0:  # inf or NaN
            raise DlmathError(f"{ops.gate_label(op, const)} gave {data}: its input is too large")
        out.grad = 0.0
    else:
        if not np.isfinite(data).all():
            raise DlmathError(f"{ops.gate_label(op, const)} gave inf or NaN: input too large")
        out.grad = np.zeros_like(data)
    out.data = data
    out.name = ""
    out.op = op
    out.inputs = inputs
    out.const = const
    out.local_grads = local
    out.input_grads = ()
    out._rule = rule
    return out


def topo_order(root: Value) -> list[Value]:
    """Nodes of the graph below ``root`` in evaluation order (each after its inputs).

    Depth-first post-order following ``.inputs`` in their written order, so the
    order is the same every run; each node appears once, ``root`` last.
    Iterative, so graphs deeper than the recursion limit work.

    Parameters
    ----------
    root : Value
        The output node.

    Returns
    -------
    list of Value
        The nodes; read ``.op``, ``.inputs``, ``.data``, ``.grad`` of each.
    """
    if not isinstance(root, Value):
        raise DlmathError(f"root must be a Value, got {type(root).__name__}")
    order: list[Value] = []
    seen = {root}
    stack = [(root, iter(root.inputs))]
    while stack:
        node, pending = stack[-1]
        for child in pending:
            if child not in seen:
                seen.add(child)
                stack.append((child, iter(child.inputs)))
                break
        else:
            stack.pop()
            order.append(node)
    return order
