"""The Circuit record: a computational graph after its backward pass, nodes in evaluation order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from dlmath._checks import DlmathError
from dlmath.graph import Value, topo_order

__all__ = ["Circuit"]


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
