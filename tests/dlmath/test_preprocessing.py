"""Tests for dlmath.preprocessing: zero-centring and standardising."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath import DlmathError
from dlmath.preprocessing import gaussian_cloud, standardize, standardize_with, zero_center

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


# --- test data with training statistics, generated clouds --------------------------


def test_test_data_reuses_training_statistics():
    train = standardize(PRE_X)
    test = standardize_with(train, [[4, 600], [3, 400]])
    np.testing.assert_array_equal(test.mean, train.mean)
    np.testing.assert_array_equal(test.std, train.std)
    np.testing.assert_allclose(test.centred, [[1, 200], [0, 0]])
    np.testing.assert_allclose(test.scaled[0], [1 / math.sqrt(3.5), 200 / math.sqrt(95000)])
    # the training data through the same function gives the training result
    np.testing.assert_allclose(standardize_with(train, PRE_X).scaled, train.scaled)
    # a test set's own statistics would differ: they are not used
    assert not np.allclose(standardize([[4, 600], [3, 400]]).scaled, test.scaled)


def test_standardize_with_bad_input():
    with pytest.raises(DlmathError, match="stats"):
        standardize_with([[1, 2]], [[1, 2]])
    with pytest.raises(DlmathError, match="2 columns"):
        standardize_with(standardize(PRE_X), [[1, 2, 3]])


def test_gaussian_cloud_statistics():
    X = gaussian_cloud(20000, [3, 400], [2, 300], corr=0.6, seed=3)
    assert X.shape == (20000, 2)
    np.testing.assert_allclose(X.mean(axis=0), [3, 400], rtol=0.02)
    np.testing.assert_allclose(X.std(axis=0), [2, 300], rtol=0.02)
    assert np.corrcoef(X.T)[0, 1] == pytest.approx(0.6, abs=0.02)
    np.testing.assert_array_equal(X[:5], gaussian_cloud(5, [3, 400], [2, 300], corr=0.6, seed=3))


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"n": 1}, "n"),
        ({"mean": [1, 2, 3]}, "mean"),
        ({"std": [1, 0]}, "std"),
        ({"corr": 1.0}, "corr"),
        ({"seed": -1}, "seed"),
    ],
)
def test_gaussian_cloud_bad_input(kwargs, name):
    args = {"n": 10, "mean": [0, 0], "std": [1, 1]} | kwargs
    with pytest.raises(DlmathError, match=name):
        gaussian_cloud(**args)
