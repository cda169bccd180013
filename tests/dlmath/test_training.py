import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath import DlmathError
from dlmath.training import (
    activation_stats,
    dropout,
    dropout_mask,
    init_weights,
    standardize,
    zero_center,
)

# CURRICULUM preprocessing
PRE_X = [[1, 200], [2, 400], [3, 900], [6, 100]]


# --- preprocessing -----------------------------------------------------------


def test_curriculum_preprocessing():
    s = standardize(PRE_X)
    np.testing.assert_allclose(s.mean, [3, 400])
    np.testing.assert_allclose(s.centred, [[-2, -200], [-1, 0], [0, 500], [3, -300]])
    # population standard deviation: divide by N = 4
    assert s.std == pytest.approx([math.sqrt(14 / 4), math.sqrt(380000 / 4)])
    np.testing.assert_allclose(s.scaled[:, 0], np.array([-2, -1, 0, 3]) / math.sqrt(3.5))
    np.testing.assert_allclose(zero_center(PRE_X), s.centred)


def test_constant_column_is_divided_by_one():
    s = standardize([[1.0, 5.0], [3.0, 5.0]])
    assert s.std[1] == 0
    np.testing.assert_array_equal(s.scaled[:, 1], [0.0, 0.0])
    np.testing.assert_allclose(s.scaled[:, 0], [-1.0, 1.0])


@settings(max_examples=50, deadline=None)
@given(n=st.integers(2, 8), d=st.integers(1, 4), seed=st.integers(0, 2**32 - 1))
def test_standardize_matches_loop(n, d, seed):
    X = np.random.default_rng(seed).normal(5.0, 3.0, (n, d))
    s = standardize(X)
    for j in range(d):
        col = [X[i, j] for i in range(n)]
        mu = sum(col) / n
        sigma = math.sqrt(sum((v - mu) ** 2 for v in col) / n)
        assert s.mean[j] == pytest.approx(mu)
        assert s.std[j] == pytest.approx(sigma)
        assert list(s.scaled[:, j]) == pytest.approx([(v - mu) / sigma for v in col])
    np.testing.assert_allclose(s.scaled.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(s.scaled.std(axis=0), 1)


@pytest.mark.parametrize("func", [zero_center, standardize])
@pytest.mark.parametrize("bad", [[1.0, 2.0], [[1.0, np.nan]], np.ones((0, 2)), "x"])
def test_preprocessing_bad_input(func, bad):
    with pytest.raises(DlmathError, match="X"):
        func(bad)


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


# --- dropout -------------------------------------------------------------------


def test_curriculum_dropout():
    r = dropout([1, 2, 3, 4], 0.5, mask=[1, 0, 1, 1])
    np.testing.assert_array_equal(r.output, [2, 0, 6, 8])
    np.testing.assert_array_equal(r.mask, [1, 0, 1, 1])
    assert (r.scale, r.p_keep, r.train) == (2.0, 0.5, True)


def test_dropout_test_time_is_identity():
    r = dropout([1, 2, 3, 4], 0.5, mask=[1, 0, 1, 1], train=False)
    np.testing.assert_array_equal(r.output, [1, 2, 3, 4])
    np.testing.assert_array_equal(r.mask, [1, 1, 1, 1])
    assert (r.scale, r.train) == (1.0, False)


def test_dropout_mask_keeps_with_probability_p_keep():
    m = dropout_mask((200, 500), 0.3, seed=4)
    assert set(np.unique(m)) <= {0.0, 1.0}
    assert m.mean() == pytest.approx(0.3, abs=0.005)
    np.testing.assert_array_equal(m, dropout_mask((200, 500), 0.3, seed=4))
    assert dropout_mask(10, 1.0).sum() == 10


def test_inverted_dropout_preserves_expectation():
    H = np.array([1.0, -2.0, 3.0])
    outs = np.array([dropout(H, 0.25, seed=s).output for s in range(4000)])
    np.testing.assert_allclose(outs.mean(axis=0), H, rtol=0.1)


@settings(max_examples=50, deadline=None)
@given(
    shape=st.lists(st.integers(1, 4), min_size=1, max_size=3),
    p=st.floats(0.05, 1.0),
    seed=st.integers(0, 1000),
)
def test_dropout_matches_loop(shape, p, seed):
    H = np.random.default_rng(seed).standard_normal(shape)
    r = dropout(H, p, seed=seed)
    np.testing.assert_array_equal(r.mask, dropout_mask(shape, p, seed))
    for idx in np.ndindex(*shape):
        want = H[idx] / p if r.mask[idx] == 1 else 0.0
        assert r.output[idx] == pytest.approx(want)
    np.testing.assert_allclose(r.output, H * r.mask * r.scale)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"p_keep": 0}, "p_keep"),
        ({"p_keep": 1.5}, "p_keep"),
        ({"mask": [1, 0, 1]}, "mask"),
        ({"mask": [1, 0, 0.5, 1]}, "mask"),
        ({"H": [1, np.inf, 3, 4]}, "H"),
        ({"seed": -3}, "seed"),
    ],
)
def test_dropout_bad_input(kwargs, name):
    args = {"H": [1, 2, 3, 4], "p_keep": 0.5} | kwargs
    with pytest.raises(DlmathError, match=name):
        dropout(**args)


def test_dropout_mask_bad_input():
    with pytest.raises(DlmathError, match="p_keep"):
        dropout_mask(3, -0.1)
    with pytest.raises(DlmathError, match="shape"):
        dropout_mask("3", 0.5)


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
