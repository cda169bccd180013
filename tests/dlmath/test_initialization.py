"""Tests for dlmath.initialization: weight initialisation and activation statistics."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath import DlmathError
from dlmath.initialization import activation_stats, init_weights

# --- initialisation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "std"),
    [("normal", 0.01), ("xavier", 1 / math.sqrt(400)), ("he", math.sqrt(2 / 400))],
)
def test_init_weights_std(method, std):
    w = init_weights((400, 300), method=method)
    assert w.shape == (400, 300)
    assert w.std() == pytest.approx(std, rel=0.02)
    assert abs(w.mean()) < 0.01 * std


def test_init_weights_deterministic_and_scale():
    a = init_weights((5, 3), 0.5, seed=7)
    np.testing.assert_array_equal(a, init_weights((5, 3), 0.5, seed=7))
    np.testing.assert_array_equal(a, 0.5 * np.random.default_rng(7).standard_normal((5, 3)))
    assert not np.array_equal(a, init_weights((5, 3), 0.5, seed=8))
    assert init_weights(4).shape == (4,)
    # filter bank (F, C, H, W): fan_in = C * H * W
    f = init_weights((8, 3, 5, 5), method="xavier", seed=1)
    np.testing.assert_allclose(f, np.random.default_rng(1).standard_normal(f.shape) / math.sqrt(75))


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"shape": 0}, "shape"),
        ({"shape": (3, -1)}, "shape"),
        ({"shape": ()}, "shape"),
        ({"shape": 2.5}, "shape"),
        ({"shape": 3, "scale": 0}, "scale"),
        ({"shape": 3, "scale": np.nan}, "scale"),
        ({"shape": 3, "method": "kaiming"}, "method"),
        ({"shape": 3, "seed": -1}, "seed"),
    ],
)
def test_init_weights_bad_input(kwargs, name):
    with pytest.raises(DlmathError, match=name):
        init_weights(**kwargs)


# --- activation statistics --------------------------------------------------------


def test_small_weights_collapse_to_zero():
    s = activation_stats(6, 200, 0.01, n_samples=200)
    assert s.stds[0] > 0.05
    assert s.stds[-1] < 1e-4
    assert np.all(np.diff(s.stds) < 0)
    assert s.weight_std == 0.01


def test_unit_weights_saturate():
    s = activation_stats(6, 200, 1.0, n_samples=200)
    assert np.all(s.stds > 0.95)  # tanh outputs pile up at -1 and +1
    counts, edges = s.histograms[-1]
    assert counts[0] + counts[-1] > 0.8 * counts.sum()
    assert (edges[0], edges[-1]) == (-1.0, 1.0)


def test_xavier_keeps_a_spread():
    s = activation_stats(6, 200, "xavier", n_samples=200)
    assert np.all((s.stds > 0.2) & (s.stds < 0.8))
    assert s.weight_std == pytest.approx(1 / math.sqrt(200))
    assert s.scale == "xavier"


def test_relu_he_histogram_range():
    s = activation_stats(4, 100, "he", activation="relu", n_samples=100, bins=10)
    top = s.histograms[0][1][-1]
    assert s.histograms[0][1][0] == 0.0
    assert all(edges[-1] == top for _, edges in s.histograms)
    assert all(counts.sum() == 100 * 100 for counts, _ in s.histograms)
    assert np.all(s.means > 0)


def test_activation_stats_matches_plain_forward():
    s = activation_stats(3, 20, 0.5, activation="sigmoid", n_samples=30, seed=5, bins=8)
    h = np.random.default_rng(5).standard_normal((30, 20))
    for layer in range(3):
        w = 0.5 * np.random.default_rng(5 + layer + 1).standard_normal((20, 20))
        h = 1 / (1 + np.exp(-(h @ w)))
        assert s.means[layer] == pytest.approx(h.mean())
        assert s.stds[layer] == pytest.approx(h.std())
        counts, edges = np.histogram(h, bins=8, range=(-1, 1))
        np.testing.assert_array_equal(s.histograms[layer][0], counts)
        np.testing.assert_allclose(s.histograms[layer][1], edges)


@settings(max_examples=20, deadline=None)
@given(
    n_layers=st.integers(1, 4),
    width=st.integers(1, 12),
    activation=st.sampled_from(["tanh", "sigmoid", "relu"]),
    scale=st.one_of(st.sampled_from(["xavier", "he"]), st.floats(1e-3, 3.0)),
)
def test_activation_stats_shapes(n_layers, width, activation, scale):
    s = activation_stats(n_layers, width, scale, activation=activation, n_samples=7, bins=5)
    assert s.means.shape == s.stds.shape == (n_layers,)
    assert len(s.histograms) == n_layers
    for counts, edges in s.histograms:
        assert counts.shape == (5,)
        assert edges.shape == (6,)
        assert counts.sum() == 7 * width
    assert s.activation == activation


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"n_layers": 0}, "n_layers"),
        ({"width": 2.0}, "width"),
        ({"n_samples": -1}, "n_samples"),
        ({"bins": 0}, "bins"),
        ({"scale": 0.0}, "scale"),
        ({"scale": "lecun"}, "scale"),
        ({"activation": "softplus"}, "activation"),
        ({"seed": -1}, "seed"),
        ({"scale": 1e300, "activation": "relu"}, "scale"),
    ],
)
def test_activation_stats_bad_input(kwargs, name):
    args = {"n_layers": 3, "width": 4, "n_samples": 5} | kwargs
    with pytest.raises(DlmathError, match=name):
        activation_stats(**args)


# --- local gradients and regimes ----------------------------------------------------


def test_slopes_are_the_mean_local_gradient():
    s = activation_stats(3, 20, 0.5, activation="tanh", n_samples=30, seed=5)
    h = np.random.default_rng(5).standard_normal((30, 20))
    for layer in range(3):
        z = h @ (0.5 * np.random.default_rng(5 + layer + 1).standard_normal((20, 20)))
        eps = 1e-6
        slope = (np.tanh(z + eps) - np.tanh(z - eps)) / (2 * eps)  # finite differences
        assert s.slopes[layer] == pytest.approx(slope.mean(), rel=1e-6)
        h = np.tanh(z)


@pytest.mark.parametrize(
    ("scale", "activation", "regime"),
    [
        (0.01, "tanh", "collapsed"),
        (1.0, "tanh", "saturated"),
        ("xavier", "tanh", "spread"),
        (0.01, "relu", "collapsed"),
        (1.0, "relu", "exploding"),
        ("he", "relu", "spread"),
        (1.0, "sigmoid", "saturated"),
    ],
)
def test_regimes(scale, activation, regime):
    s = activation_stats(8, 200, scale, activation=activation, n_samples=200)
    assert s.regime == regime


def test_saturated_tanh_has_flat_slopes():
    s = activation_stats(6, 200, 1.0, n_samples=200)
    assert np.all(s.slopes < 0.1)
    x = activation_stats(6, 200, "xavier", n_samples=200)
    assert np.all(x.slopes > 0.5)
