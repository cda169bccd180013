"""Tests for dlmath.network: the two-layer network trainer."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath._checks import DlmathError
from dlmath.network import TrainedNetwork, _loss_and_grads, train_two_layer
from dlmath.toydata import make_toy_data

# ---------------------------------------------------------------- loss and gradients


def random_params(rng, d, h, c):
    return {
        "W1": rng.standard_normal((d, h)),
        "b1": rng.standard_normal(h),
        "W2": rng.standard_normal((h, c)),
        "b2": rng.standard_normal(c),
    }


def numeric_grads(params, X, y, loss, reg, eps=1e-6):
    grads = {}
    for name, p in params.items():
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + eps
            up = _loss_and_grads(params, X, y, loss=loss, reg=reg)[0]
            p[idx] = old - eps
            down = _loss_and_grads(params, X, y, loss=loss, reg=reg)[0]
            p[idx] = old
            g[idx] = (up - down) / (2 * eps)
        grads[name] = g
    return grads


@settings(max_examples=20, deadline=None)
@given(
    st.integers(1, 8),
    st.integers(1, 3),
    st.integers(1, 5),
    st.integers(2, 4),
    st.sampled_from(["softmax", "hinge"]),
    st.sampled_from([0.0, 1e-3, 0.5]),
    st.integers(0, 2**32 - 1),
)
def test_network_gradient_matches_finite_differences(n, d, h, c, loss, reg, seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    y = rng.integers(0, c, n)
    params = random_params(rng, d, h, c)
    _, grads = _loss_and_grads(params, X, y, loss=loss, reg=reg)
    numeric = numeric_grads(params, X, y, loss, reg)
    for name in params:
        assert grads[name].shape == params[name].shape
        # random floats almost never sit on a ReLU or hinge kink
        np.testing.assert_allclose(grads[name], numeric[name], atol=1e-5, err_msg=name)


def test_loss_is_mean_data_loss_plus_half_reg_l2():
    rng = np.random.default_rng(5)
    X, y = rng.standard_normal((6, 2)), np.array([0, 1, 2, 0, 1, 2])
    params = random_params(rng, 2, 4, 3)
    hidden = np.maximum(X @ params["W1"] + params["b1"], 0)
    scores = hidden @ params["W2"] + params["b2"]
    probs = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    data = -np.mean(np.log(probs[np.arange(6), y]))
    penalty = 0.5 * 0.1 * (np.sum(params["W1"] ** 2) + np.sum(params["W2"] ** 2))
    value, _ = _loss_and_grads(params, X, y, loss="softmax", reg=0.1)
    assert value == pytest.approx(data + penalty)
    margins = np.maximum(0, scores - scores[np.arange(6), y][:, None] + 1)
    hinge = (margins.sum(axis=1) - 1).mean()
    assert _loss_and_grads(params, X, y, loss="hinge", reg=0.0)[0] == pytest.approx(hinge)


# ---------------------------------------------------------------- training


@pytest.fixture(scope="module")
def spiral():
    return make_toy_data()


def test_train_shapes_and_grid(spiral):
    net = train_two_layer(spiral.X, spiral.y, 5, steps=30, grid_size=40, margin=0.25)
    assert isinstance(net, TrainedNetwork)
    assert net.W1.shape == (2, 5)
    assert net.b1.shape == (5,)
    assert net.W2.shape == (5, 3)
    assert net.b2.shape == (3,)
    assert (net.hidden, net.loss_name) == (5, "softmax")
    assert net.losses.shape == (30,)
    assert net.grid_x is not None
    assert net.grid_y is not None
    assert net.grid_labels is not None
    assert net.grid_x.shape == (40,)
    assert net.grid_labels.shape == (40, 40)
    assert net.grid_x[0] == pytest.approx(spiral.X[:, 0].min() - 0.25)
    assert net.grid_x[-1] == pytest.approx(spiral.X[:, 0].max() + 0.25)
    assert net.grid_y[0] == pytest.approx(spiral.X[:, 1].min() - 0.25)
    assert net.grid_y[-1] == pytest.approx(spiral.X[:, 1].max() + 0.25)
    # row = y index, col = x index
    for row, col in [(0, 39), (10, 3), (25, 30)]:
        point = [[net.grid_x[col], net.grid_y[row]]]
        assert net.grid_labels[row, col] == net.predict(point)[0]
    assert net.train_accuracy == pytest.approx(np.mean(net.predict(spiral.X) == spiral.y))


def test_first_loss_is_about_ln_c_and_loss_decreases(spiral):
    net = train_two_layer(spiral.X, spiral.y, 10, steps=200, reg=0.0)
    # W2 = 0.01 * randn makes every score nearly 0, so the first softmax loss is ~ln 3
    assert net.losses[0] == pytest.approx(np.log(3), abs=0.01)
    assert net.losses[-1] < net.losses[0] - 0.2
    hinge = train_two_layer(spiral.X, spiral.y, 10, loss="hinge", steps=200)
    assert hinge.losses[0] == pytest.approx(2.0, abs=0.05)  # (C - 1) * delta at zero scores
    assert hinge.losses[-1] < hinge.losses[0] - 0.5
    assert hinge.loss_name == "hinge"


def test_training_is_deterministic(spiral):
    a = train_two_layer(spiral.X, spiral.y, 6, steps=40, seed=2, grid_size=10)
    b = train_two_layer(spiral.X, spiral.y, 6, steps=40, seed=2, grid_size=10)
    for field in ("W1", "b1", "W2", "b2", "losses", "grid_labels"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
    c = train_two_layer(spiral.X, spiral.y, 6, steps=40, seed=3, grid_size=10)
    assert not np.allclose(a.W1, c.W1)


def test_more_hidden_neurons_fit_the_spiral_better(spiral):
    small = train_two_layer(spiral.X, spiral.y, 3, grid_size=2)
    large = train_two_layer(spiral.X, spiral.y, 20, grid_size=2)
    assert large.train_accuracy > 0.9
    assert small.train_accuracy < large.train_accuracy - 0.15


def test_higher_dimensional_input_trains_without_grid():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 3))
    y = (X[:, 0] + X[:, 2] > 0).astype(int)
    net = train_two_layer(X, y, 8, steps=300)
    assert net.W1.shape == (3, 8)
    assert net.grid_x is None
    assert net.grid_y is None
    assert net.grid_labels is None
    assert net.train_accuracy > 0.9
    assert net.predict(X[:5]).shape == (5,)
    with pytest.raises(DlmathError, match=r"X must have 3 columns"):
        net.predict(np.ones((2, 2)))


def test_n_classes_default_and_explicit():
    X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0, 0])
    assert train_two_layer(X, y, 2, steps=2).W2.shape == (2, 2)  # at least 2 classes
    assert train_two_layer(X, y, 2, steps=2, n_classes=4).b2.shape == (4,)


def test_trained_network_is_frozen(spiral):
    net = train_two_layer(spiral.X, spiral.y, 3, steps=2, grid_size=2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        net.hidden = 4  # type: ignore[misc]


@pytest.mark.parametrize(
    ("X", "y", "kwargs", "name"),
    [
        (np.ones(4), [0, 1, 0, 1], {}, "X must be 2-D"),
        (np.full((2, 2), np.nan), [0, 1], {}, "X must be finite"),
        (np.ones((3, 2)), [0, 1], {}, r"y must have shape \(3,\)"),
        (np.ones((2, 2)), [0, 3], {"n_classes": 3}, r"y must be class indices in 0\.\.2"),
        (np.ones((2, 2)), [0, -1], {}, r"y must be class indices"),
        (np.ones((2, 2)), [0, 0.5], {}, "y must hold integer class indices"),
        (np.ones((2, 2)), [0, 1], {"hidden": 0}, "hidden"),
        (np.ones((2, 2)), [0, 1], {"loss": "l2"}, "loss must be one of"),
        (np.ones((2, 2)), [0, 1], {"reg": -1.0}, "reg"),
        (np.ones((2, 2)), [0, 1], {"lr": 0.0}, "lr"),
        (np.ones((2, 2)), [0, 1], {"steps": 0}, "steps"),
        (np.ones((2, 2)), [0, 1], {"seed": 1.5}, "seed"),
        (np.ones((2, 2)), [0, 1], {"n_classes": 1}, "n_classes"),
        (np.ones((2, 2)), [0, 1], {"grid_size": 1}, "grid_size"),
        (np.ones((2, 2)), [0, 1], {"margin": -0.5}, "margin"),
    ],
)
def test_train_bad_inputs(X, y, kwargs, name):
    with pytest.raises(DlmathError, match=name):
        train_two_layer(X, y, **{"steps": 2, **kwargs})
