"""Tests for dlmath.dropout: keep masks and inverted dropout."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath import DlmathError
from dlmath.dropout import dropout, dropout_mask, dropout_passes

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


# --- several passes and the expectation ------------------------------------------


def test_dropout_passes_use_one_seed_per_pass():
    r = dropout_passes([1, 2, 3, 4], 0.5, 3, seed=7)
    assert r.masks.shape == r.outputs.shape == (3, 4)
    for t in range(3):
        np.testing.assert_array_equal(r.masks[t], dropout_mask(4, 0.5, 7 + t))
        np.testing.assert_array_equal(r.outputs[t], dropout([1, 2, 3, 4], 0.5, seed=7 + t).output)
    np.testing.assert_allclose(r.mean, r.outputs.mean(axis=0))
    np.testing.assert_array_equal(r.kept, [2, 4, 6, 8])
    np.testing.assert_array_equal(r.expected, [1, 2, 3, 4])
    assert (r.p_keep, r.p_drop) == (0.5, 0.5)


@pytest.mark.parametrize("p", [0.2, 0.5, 0.9])
def test_dropout_passes_average_to_the_test_output(p):
    H = np.array([1.0, -2.0, 3.0, 0.5])
    r = dropout_passes(H, p, 4000, seed=1)
    np.testing.assert_allclose(r.expected, H)
    # the standard error of the mean of h*Bernoulli(p)/p over n passes
    tolerance = 4 * np.abs(H) * np.sqrt((1 - p) / p / 4000)
    assert np.all(np.abs(r.mean - H) <= tolerance + 1e-12)
    test = dropout(H, p, train=False)
    np.testing.assert_array_equal(test.output, r.expected)


def test_dropout_passes_bad_input():
    with pytest.raises(DlmathError, match="H must be 1-D"):
        dropout_passes([[1.0, 2.0]], 0.5)
    with pytest.raises(DlmathError, match="n must"):
        dropout_passes([1.0], 0.5, 0)
    with pytest.raises(DlmathError, match="p_keep"):
        dropout_passes([1.0], 0.0)


def test_masked_is_before_scaling():
    r = dropout([1, 2, 3, 4], 0.5, mask=[1, 0, 1, 1])
    np.testing.assert_array_equal(r.masked, [1, 0, 3, 4])
    q = dropout([1.5, -2.0, 3.0], 0.3, mask=[1, 1, 0])
    np.testing.assert_allclose(q.masked, [1.5, -2.0, 0.0])
    np.testing.assert_allclose(dropout([1.5], 0.3, train=False).masked, [1.5])
