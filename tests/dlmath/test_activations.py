import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dlmath as dm
from dlmath import DlmathError
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

PAIRS = [
    (sigmoid, sigmoid_grad),
    (relu, relu_grad),
    (tanh, tanh_grad),
    (leaky_relu, leaky_relu_grad),
]
ALL = [fn for pair in PAIRS for fn in pair]


def central_difference(fn, x, h=1e-6):
    return (fn(x + h) - fn(x - h)) / (2 * h)


# ---------------------------------------------------------------- lecture values


def test_sigmoid_circuit_values():
    # backprop-sigmoid: sigma(1.0) = 0.73, shortcut (1 - 0.73) * 0.73 = 0.20
    s = sigmoid(1.0)
    assert s == pytest.approx(0.731, abs=5e-4)
    assert round(s, 2) == pytest.approx(0.73)
    assert (1 - 0.73) * 0.73 == pytest.approx(0.20, abs=5e-3)
    assert sigmoid_grad(1.0) == pytest.approx((1 - s) * s)
    assert round(sigmoid_grad(1.0), 2) == pytest.approx(0.20)
    # the circuit's forward pass: -1 -> exp 0.37 -> +1 = 1.37 -> 1/x = 0.73
    assert math.exp(-1.0) == pytest.approx(0.37, abs=5e-3)
    assert 1 / (1 + math.exp(-1.0)) == pytest.approx(s)


def test_sigmoid_basics_and_vanishing_gradient():
    assert sigmoid(0.0) == 0.5
    assert sigmoid_grad(0.0) == 0.25  # the largest the sigmoid slope gets
    assert sigmoid_grad(10.0) == pytest.approx(4.5e-5, rel=0.01)
    assert sigmoid_grad(-10.0) == pytest.approx(sigmoid_grad(10.0))
    x = np.linspace(-8, 8, 33)
    np.testing.assert_allclose(sigmoid(x) + sigmoid(-x), 1.0)
    assert (sigmoid_grad(x) <= 0.25).all()


def test_relu_values_and_gradient_convention():
    np.testing.assert_array_equal(relu([-2.0, 0.0, 3.5]), [0.0, 0.0, 3.5])
    np.testing.assert_array_equal(relu_grad([-2.0, 0.0, 3.5]), [0.0, 0.0, 1.0])
    assert relu_grad(0.0) == 0.0  # the value at the kink is taken as 0
    assert relu_grad(1e-300) == 1.0


def test_tanh_values():
    assert tanh(0.0) == 0.0
    assert tanh_grad(0.0) == 1.0
    x = np.linspace(-3, 3, 13)
    np.testing.assert_allclose(tanh(x), 2 * sigmoid(2 * x) - 1, atol=1e-15)
    np.testing.assert_allclose(tanh_grad(x), 1 - np.tanh(x) ** 2)


def test_leaky_relu_values_and_alpha():
    x = [-2.0, 0.0, 3.0]
    np.testing.assert_allclose(leaky_relu(x), [-0.02, 0.0, 3.0])
    np.testing.assert_allclose(leaky_relu(x, alpha=0.1), [-0.2, 0.0, 3.0])
    np.testing.assert_allclose(leaky_relu_grad(x), [0.01, 0.01, 1.0])  # at 0: alpha
    np.testing.assert_allclose(leaky_relu_grad(x, alpha=0.2), [0.2, 0.2, 1.0])
    np.testing.assert_array_equal(leaky_relu(x, alpha=0.0), relu(x))
    np.testing.assert_array_equal(leaky_relu_grad(x, alpha=0.0), relu_grad(x))


def test_package_exports_the_same_functions():
    assert dm.sigmoid is sigmoid
    assert dm.sigmoid_grad is sigmoid_grad
    assert dm.relu is relu
    assert dm.leaky_relu_grad is leaky_relu_grad


# ---------------------------------------------------------------- shapes and types


@pytest.mark.parametrize("fn", ALL)
def test_scalar_in_float_out_array_in_array_out(fn):
    assert type(fn(0.5)) is float
    assert type(fn(np.float64(-0.5))) is float
    assert type(fn(2)) is float
    x = np.linspace(-2, 2, 12).reshape(3, 4)
    out = fn(x)
    assert isinstance(out, np.ndarray)
    assert out.shape == (3, 4)
    assert out.dtype == np.float64
    np.testing.assert_array_equal(fn(x.tolist()), out)
    assert fn([]).shape == (0,)  # empty arrays are fine elementwise
    np.testing.assert_array_equal(fn([0.5]), [fn(0.5)])


@pytest.mark.parametrize("fn", ALL)
def test_input_array_is_not_modified(fn):
    x = np.array([-1.5, 0.0, 2.0])
    fn(x)
    np.testing.assert_array_equal(x, [-1.5, 0.0, 2.0])


@pytest.mark.parametrize("fn", [sigmoid, sigmoid_grad, tanh, tanh_grad])
def test_saturating_functions_are_stable_for_huge_inputs(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = fn(np.array([-1e4, -800.0, 800.0, 1e4]))
    assert np.isfinite(out).all()
    assert ((out >= -1) & (out <= 1)).all()


def test_sigmoid_limits():
    np.testing.assert_array_equal(sigmoid([-1e4, 1e4]), [0.0, 1.0])
    np.testing.assert_array_equal(sigmoid_grad([-1e4, 1e4]), [0.0, 0.0])


# ---------------------------------------------------------------- finite differences


@pytest.mark.parametrize(("fn", "grad"), PAIRS)
def test_derivatives_match_finite_differences(fn, grad):
    x = np.array([-4.0, -1.3, -0.2, 0.05, 0.7, 2.2, 5.0])  # away from the kink at 0
    np.testing.assert_allclose(grad(x), central_difference(fn, x), rtol=1e-6, atol=1e-9)
    for v in x:
        assert grad(float(v)) == pytest.approx(central_difference(fn, float(v)), abs=1e-8)


@pytest.mark.parametrize("alpha", [0.0, 0.01, 0.3, 1.0, 2.0])
def test_leaky_derivative_matches_finite_differences_for_alpha(alpha):
    x = np.array([-3.0, -0.5, 0.5, 3.0])
    want = central_difference(lambda z: leaky_relu(z, alpha=alpha), x)
    np.testing.assert_allclose(leaky_relu_grad(x, alpha=alpha), want, rtol=1e-6, atol=1e-9)


@settings(max_examples=50, deadline=None)
@given(
    x=st.floats(-30, 30, allow_nan=False).filter(lambda v: abs(v) > 1e-3),
    alpha=st.floats(0, 1),
)
def test_derivatives_match_finite_differences_random(x, alpha):
    h = 1e-6
    assert sigmoid_grad(x) == pytest.approx(central_difference(sigmoid, x, h), abs=1e-8)
    assert tanh_grad(x) == pytest.approx(central_difference(tanh, x, h), abs=1e-8)
    assert relu_grad(x) == pytest.approx(central_difference(relu, x, h), abs=1e-6)
    lr = central_difference(lambda z: leaky_relu(z, alpha=alpha), x, h)
    assert leaky_relu_grad(x, alpha=alpha) == pytest.approx(lr, abs=1e-6)


@settings(max_examples=50, deadline=None)
@given(
    shape=st.lists(st.integers(0, 4), min_size=1, max_size=3),
    seed=st.integers(0, 2**32 - 1),
)
def test_elementwise_matches_plain_loop(shape, seed):
    x = np.random.default_rng(seed).normal(scale=5, size=shape)
    loops = {
        sigmoid: lambda v: 1 / (1 + math.exp(-v)),
        sigmoid_grad: lambda v: math.exp(-v) / (1 + math.exp(-v)) ** 2,
        relu: lambda v: max(0.0, v),
        relu_grad: lambda v: 1.0 if v > 0 else 0.0,
        tanh: math.tanh,
        tanh_grad: lambda v: 1 / math.cosh(v) ** 2,
        leaky_relu: lambda v: v if v > 0 else 0.01 * v,
        leaky_relu_grad: lambda v: 1.0 if v > 0 else 0.01,
    }
    for fn, scalar in loops.items():
        out = fn(x)
        assert out.shape == x.shape
        want = np.array([scalar(float(v)) for v in x.ravel()]).reshape(x.shape)
        np.testing.assert_allclose(out, want, rtol=1e-12, atol=1e-15)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("fn", ALL)
@pytest.mark.parametrize("x", [np.nan, np.inf, [1.0, -np.inf], [[1.0], [1.0, 2.0]], "1", None])
def test_bad_x_raises(fn, x):
    with pytest.raises(DlmathError, match=r"^x ") as e:
        fn(x)
    assert isinstance(e.value, ValueError)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("fn", [leaky_relu, leaky_relu_grad])
@pytest.mark.parametrize("alpha", [-0.01, np.nan, np.inf, "0.1", None, True])
def test_bad_alpha_raises(fn, alpha):
    with pytest.raises(DlmathError, match=r"^alpha ") as e:
        fn([1.0, -1.0], alpha=alpha)
    assert isinstance(e.value, ValueError)
