"""Tests for dlmath.toydata: the spiral, moons and blobs data sets."""

from __future__ import annotations

import numpy as np
import pytest

from dlmath._checks import DlmathError
from dlmath.toydata import ToyData, make_toy_data

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
