"""Tests for dlmath.network: toy data and the two-layer network trainer."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath._checks import DlmathError
from dlmath.network import (
    ToyData,
    TrainedNetwork,
    _loss_and_grads,
    make_toy_data,
    train_two_layer,
)

# ---------------------------------------------------------------- toy data


@pytest.mark.parametrize(("kind", "classes"), [("spiral", 3), ("moons", 2), ("blobs", 4)])
def test_toy_data_shapes_and_labels(kind, classes):
    data = make_toy_data(kind, 50, classes)
    assert isinstance(data, ToyData)
    assert data.X.shape == (50 * classes, 2)
    assert data.X.dtype == np.float64
    assert data.y.shape == (50 * classes,)
    assert np.issubdtype(data.y.dtype, np.integer)
    np.testing.assert_array_equal(np.bincount(data.y), [50] * classes)
    np.testing.assert_array_equal(data.y[:50], 0)
    assert (data.kind, data.n_classes) == (kind, classes)


def test_toy_data_default_is_cs231n_spiral():
    data = make_toy_data()
    assert data.X.shape == (300, 2)
    assert data.n_classes == 3
    for j in range(3):
        points = data.X[data.y == j]
        # radius runs linearly from 0 to 1 whatever the angle noise
        np.testing.assert_allclose(np.hypot(points[:, 0], points[:, 1]), np.linspace(0, 1, 100))


def test_spiral_without_noise_follows_the_angle_formula():
    data = make_toy_data("spiral", 20, 2, noise=0.0)
    for j in range(2):
        r = np.linspace(0.0, 1.0, 20)
        t = np.linspace(4.0 * j, 4.0 * (j + 1), 20)
        np.testing.assert_allclose(
            data.X[data.y == j], np.column_stack([r * np.sin(t), r * np.cos(t)])
        )


def test_spiral_noise_comes_from_the_seeded_generator():
    data = make_toy_data("spiral", 10, 2, noise=0.3, seed=7)
    rng = np.random.default_rng(7)
    for j in range(2):
        r = np.linspace(0.0, 1.0, 10)
        t = np.linspace(4.0 * j, 4.0 * (j + 1), 10) + 0.3 * rng.standard_normal(10)
        np.testing.assert_allclose(
            data.X[data.y == j], np.column_stack([r * np.sin(t), r * np.cos(t)])
        )


def test_moons_without_noise_lie_on_two_half_circles():
    data = make_toy_data("moons", 30, noise=0.0)
    assert data.n_classes == 2
    upper, lower = data.X[data.y == 0], data.X[data.y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)
    assert (upper[:, 1] >= -1e-12).all()
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert (lower[:, 1] <= 0.5 + 1e-12).all()


def test_blobs_are_centred_on_the_unit_circle():
    data = make_toy_data("blobs", 2000, 4, noise=0.1)
    for j in range(4):
        centre = [np.cos(np.pi * j / 2), np.sin(np.pi * j / 2)]
        points = data.X[data.y == j]
        np.testing.assert_allclose(points.mean(axis=0), centre, atol=0.01)
        np.testing.assert_allclose(points.std(axis=0), 0.1, atol=0.01)


def test_toy_data_is_deterministic_per_seed():
    a, b = make_toy_data(seed=3), make_toy_data(seed=3)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.allclose(a.X, make_toy_data(seed=4).X)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"kind": "circles"}, "kind must be one of"),
        ({"kind": "moons", "n_classes": 3}, "n_classes must be 2 for kind='moons'"),
        ({"n_per_class": 0}, "n_per_class"),
        ({"n_per_class": 2.5}, "n_per_class"),
        ({"n_classes": 1}, "n_classes"),
        ({"noise": -0.1}, "noise"),
        ({"noise": float("nan")}, "noise"),
        ({"seed": -1}, "seed"),
    ],
)
def test_toy_data_bad_inputs(kwargs, name):
    with pytest.raises(DlmathError, match=name):
        make_toy_data(**kwargs)


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
