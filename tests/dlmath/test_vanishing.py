"""Tests for dlmath.vanishing: slopes read off activations, gradients along a chain of layers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath._checks import DlmathError
from dlmath.vanishing import ACTIVATIONS, activation, gradient_chain, readout


def central(f, x, eps=1e-6):
    return (f(x + eps) - f(x - eps)) / (2 * eps)


def test_sigmoid_readout_by_the_shortcut():
    r = readout("sigmoid", [0, 2, 5])
    assert r.value == pytest.approx([0.5, 0.8808, 0.9933], abs=5e-5)
    assert r.complement == pytest.approx(1 - r.value)
    assert r.grad == pytest.approx([0.25, 0.105, 0.0066], abs=5e-5)
    assert r.peak == 0.25


@pytest.mark.parametrize("kind", ACTIVATIONS)
def test_slopes_match_finite_differences_and_peak(kind):
    f, _ = activation(kind, 0.1)
    points = np.array([-4.0, -1.5, -0.3, 0.7, 2.0, 5.0])  # away from ReLU's kink
    r = readout(kind, points, 0.1)
    assert r.grad == pytest.approx([central(f, x) for x in points], abs=1e-6)
    grid = readout(kind, np.linspace(-8, 8, 1601), 0.1)
    assert grid.grad.max() == pytest.approx(r.peak)


def test_relu_passes_one_or_nothing():
    r = readout("relu", [-3, 0, 2, 5])
    assert r.grad.tolist() == [0, 0, 1, 1]
    assert r.complement is None


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(ACTIVATIONS), st.floats(-4, 4), st.integers(1, 6))
def test_chain_gradient_is_the_derivative_of_the_composition(kind, x, layers):
    f, _ = activation(kind, 0.1)

    def composed(v):
        for _ in range(layers):
            v = float(f(v))
        return v

    if kind in ("relu", "leaky_relu") and abs(x) < 1e-3:
        return  # the kink
    c = gradient_chain(kind, x, layers, 0.1)
    assert c.upstream[0] == pytest.approx(central(composed, x), abs=1e-6)
    assert c.upstream[-1] == 1
    assert np.all(c.upstream <= c.bound + 1e-12)
    assert c.outputs[:-1] == pytest.approx(c.inputs[1:])


def test_sigmoid_chain_shrinks_under_the_bound():
    c = gradient_chain("sigmoid", 0.0, 5)
    assert c.local[0] == 0.25
    assert c.local[1:3] == pytest.approx([0.2350, 0.2273], abs=5e-5)
    assert c.bound.tolist() == [0.25**5, 0.25**4, 0.25**3, 0.25**2, 0.25, 1]
    assert np.all(np.diff(c.upstream) > 0)  # shrinking from the output back to the input
    assert c.upstream[0] < 0.25**5


def test_relu_chain_and_dead_unit():
    alive = gradient_chain("relu", 1.0, 4)
    assert alive.upstream.tolist() == [1, 1, 1, 1, 1]
    dead = gradient_chain("relu", -1.0, 1)
    assert dead.outputs.tolist() == [0]
    assert dead.upstream.tolist() == [0, 1]
    leaky = gradient_chain("leaky_relu", -1.0, 1, 0.1)
    assert leaky.upstream == pytest.approx([0.1, 1])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: readout("swish", [0]), "kind must be one of"),
        (lambda: readout("relu", [[0, 1]]), "points must be 1-D"),
        (lambda: gradient_chain("sigmoid", 0, 0), "layers must be an integer >= 1"),
        (lambda: gradient_chain("sigmoid", float("inf"), 2), "x must be a finite number"),
    ],
)
def test_bad_arguments_are_named(call, message):
    with pytest.raises(DlmathError, match=message):
        call()
