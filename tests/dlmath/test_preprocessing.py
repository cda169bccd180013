"""Tests for dlmath.preprocessing: zero-centring and standardising."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath import DlmathError
from dlmath.preprocessing import standardize, zero_center

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
