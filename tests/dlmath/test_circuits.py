"""The named circuits: the lecture's numbers, finite differences, and bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dlmath as dm
from dlmath import DlmathError
from tests.dlmath.numeric import numeric_grad

small = st.floats(-10, 10, allow_nan=False).map(lambda v: round(v, 2))


def labels(c: dm.Circuit) -> list[str]:
    return [n.label for n in c.gates()]


# --- the lecture's numbers (CURRICULUM.md) ---


def test_simple_circuit_lecture_numbers():
    c = dm.simple_circuit()
    assert [n.name for n in c.nodes] == ["x", "y", "q", "z", "f"]
    assert c.values == [-2.0, 5.0, 3.0, -4.0, -12.0]
    assert c.grads == [-4.0, -4.0, -4.0, 3.0, 1.0]
    assert c.root is c.node("f")
    assert c.index("q") == 2


def test_sigmoid_neuron_lecture_numbers():
    n = dm.sigmoid_neuron()
    assert labels(n.gates) == ["*", "*", "+", "+", "*-1", "exp", "+1", "1/x"]
    assert len(n.gates.nodes) == 13
    forward = [g.data for g in n.gates.gates()]
    assert forward == pytest.approx([-2, 6, 4, 1, -1, 0.37, 1.37, 0.73], abs=5e-3)
    backward = [g.grad for g in reversed(n.gates.gates())]
    assert backward[:5] == pytest.approx([1.0, -0.53, -0.53, -0.20, 0.20], abs=5e-3)
    leaves = {v.name: v.grad for v in n.gates.leaves()}
    assert leaves == pytest.approx(
        {"w0": -0.20, "x0": 0.39, "w1": -0.39, "x1": -0.59, "w2": 0.20}, abs=5e-3
    )
    # the collapsed circuit: one sigmoid gate with (1 - s) s, the same gradients
    assert labels(n.collapsed) == ["*", "*", "+", "+", "sigmoid"]
    s = 1 / (1 + math.exp(-1))
    assert n.sigma == pytest.approx(s)
    assert n.shortcut == pytest.approx((1 - s) * s)
    assert round(n.shortcut, 2) == 0.20
    assert [v.grad for v in n.collapsed.leaves()] == pytest.approx(
        [v.grad for v in n.gates.leaves()], rel=1e-12
    )
    assert n.collapsed.node("s").grad == pytest.approx(n.gates.node("s").grad, rel=1e-12)


def test_rounded_upstream_is_the_often_printed_0_4():
    note = dm.rounded_upstream(dm.sigmoid_neuron().gates, "x0")
    assert note.rounded == 0.2
    assert note.local == 2.0
    assert note.approx == pytest.approx(0.4)
    assert round(note.exact, 2) == 0.39
    # half up, and the sign kept
    c = dm.sigmoid_neuron(w=[-1.0, 1.0, 0.0], x=[1.0, 0.0])
    up = dm.rounded_upstream(c.gates, "w0")
    assert up.rounded == round(up.upstream, 1)
    with pytest.raises(DlmathError, match="name must be a node"):
        dm.rounded_upstream(c.gates, "nope")


def test_gate_patterns_lecture_numbers():
    c = dm.gate_patterns()
    assert c.root.data == -20.0
    grads = {v.name: v.grad for v in c.leaves()}
    assert grads == {"x": -8.0, "y": 6.0, "z": 2.0, "w": 0.0}
    assert labels(c) == ["*", "max", "+", "*2"]
    # a tie routes everything to z, the first operand
    tie = dm.gate_patterns(z=1.0, w=1.0)
    assert (tie.node("z").grad, tie.node("w").grad) == (2.0, 0.0)


def test_matrix_norm_lecture_numbers():
    r = dm.matrix_norm()
    assert r.q == pytest.approx([0.22, 0.26])
    assert r.f == pytest.approx(0.116)
    assert r.dq == pytest.approx([0.44, 0.52])
    assert r.dW == pytest.approx(np.array([[0.088, 0.176], [0.104, 0.208]]))
    assert r.dx == pytest.approx([-0.112, 0.636])
    assert r.dW.shape == r.W.shape
    assert r.dx.shape == r.x.shape
    # independent formulas: 2 q xᵀ and Wᵀ 2q
    assert r.dW == pytest.approx(np.outer(2 * r.q, r.x))
    assert r.dx == pytest.approx(r.W.T @ (2 * r.q))


# --- finite differences ---


@settings(max_examples=25, deadline=None)
@given(st.lists(small, min_size=5, max_size=5))
def test_sigmoid_neuron_matches_finite_differences(v):
    p = np.array(v, dtype=float)

    def f():
        return dm.sigmoid_neuron(p[[0, 2, 4]], p[[1, 3]]).sigma

    n = dm.sigmoid_neuron(p[[0, 2, 4]], p[[1, 3]])
    got = [n.gates.node(k).grad for k in ("w0", "x0", "w1", "x1", "w2")]
    assert got == pytest.approx(numeric_grad(f, p), abs=1e-6)
    assert [v.grad for v in n.collapsed.leaves()] == pytest.approx(got, rel=1e-4, abs=1e-12)


@settings(max_examples=25, deadline=None)
@given(st.lists(small, min_size=5, max_size=5))
def test_gate_patterns_match_finite_differences(v):
    p = np.array(v, dtype=float)
    if abs(p[2] - p[3]) < 1e-3:
        p[3] -= 0.5  # away from max's kink

    def f():
        return dm.gate_patterns(*p).root.data

    c = dm.gate_patterns(*p)
    got = [c.node(k).grad for k in "xyzw"]
    assert got == pytest.approx(numeric_grad(f, p)[:4], abs=1e-5)


@pytest.mark.parametrize("shape", [(2, 2), (2, 3), (3, 2), (3, 3)])
def test_matrix_norm_matches_finite_differences(shape):
    rng = np.random.default_rng(sum(shape))
    W, x = rng.normal(size=shape), rng.normal(size=shape[1])
    r = dm.matrix_norm(W, x)
    assert r.f == pytest.approx(float(np.sum((W @ x) ** 2)))
    assert r.dW == pytest.approx(numeric_grad(lambda: dm.matrix_norm(W, x).f, W), abs=1e-6)
    assert r.dx == pytest.approx(numeric_grad(lambda: dm.matrix_norm(W, x).f, x), abs=1e-6)


def test_simple_circuit_matches_finite_differences():
    p = np.array([1.5, -0.25, 3.0])
    c = dm.simple_circuit(*p)
    assert [c.node(k).grad for k in "xyz"] == pytest.approx(
        numeric_grad(lambda: dm.simple_circuit(*p).root.data, p)
    )


# --- extremes and bad input ---


def test_sigmoid_gate_keeps_its_gradient_where_sigma_rounds_to_one():
    n = dm.sigmoid_neuron([10, 10, 10], [10, 10])
    assert n.sigma == 1.0
    assert n.one_minus == pytest.approx(math.exp(-210), rel=1e-12)
    assert n.shortcut == pytest.approx(math.exp(-210), rel=1e-12)
    for name in ("w0", "x0", "w1", "x1", "w2"):
        assert n.collapsed.node(name).grad == pytest.approx(n.gates.node(name).grad, rel=1e-9)


def test_sigmoid_neuron_stays_finite_at_the_bounds():
    for w, x in (([10, 10, 10], [10, 10]), ([-10, 10, -10], [10, -10])):
        n = dm.sigmoid_neuron(w, x)
        for c in (n.gates, n.collapsed):
            assert np.isfinite(c.values + c.grads + c.local + c.sent).all()


def test_numbers_for_the_drawing():
    c = dm.sigmoid_neuron().gates
    assert len(c.values) == len(c.grads) == 13
    assert 1.0 in c.constants
    assert -1.0 in c.constants
    assert len(c.sent) == sum(len(n.inputs) for n in c.nodes)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: dm.simple_circuit(x=float("nan")), "x must be"),
        (lambda: dm.sigmoid_neuron(w=[1, 2]), "w must hold 3 numbers"),
        (lambda: dm.sigmoid_neuron(x=[[1, 2]]), "x must be 1-D"),
        (lambda: dm.gate_patterns(factor="2"), "factor must be"),
        (lambda: dm.matrix_norm([[1, 2]], [1, 2, 3]), "x must have one entry per column"),
        (lambda: dm.matrix_norm([1, 2], [1, 2]), "W must be 2-D"),
        (lambda: dm.simple_circuit().node("nope"), "accepted: x, y, q, z, f"),
    ],
)
def test_bad_input_is_one_line(call, message):
    with pytest.raises(DlmathError, match=message) as err:
        call()
    assert "\n" not in str(err.value)
