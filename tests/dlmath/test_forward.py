"""Tests for dlmath.forward: the lecture's forward pass against loops and the column convention."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath._checks import DlmathError
from dlmath.forward import forward_pass

X = [1, -2, 3]
W1 = [[0.2, -0.5, 0.1, 0.4], [0.3, 0.1, -0.2, 0.5], [-0.1, 0.4, 0.3, 0.2]]
B1 = [0.1, 0, -0.1, 0.2]
W2 = [[0.5, -0.3, 0.2], [0.1, 0.4, -0.6], [-0.2, 0.3, 0.5], [0.3, -0.1, 0.2]]
B2 = [0, 0.1, -0.1]


def test_lecture_example():
    r = forward_pass(X, W1, B1, W2, B2)
    assert r.pre == pytest.approx([-0.6, 0.5, 1.3, 0.2])
    assert r.hidden == pytest.approx([0, 0.5, 1.3, 0.2])
    assert r.zeroed.tolist() == [True, False, False, False]
    assert r.scores == pytest.approx([-0.15, 0.67, 0.29])
    assert r.shapes == {
        "x": (1, 3),
        "W1": (3, 4),
        "b1": (1, 4),
        "W2": (4, 3),
        "b2": (1, 3),
        "f": (1, 3),
    }


def test_lecture_terms_of_the_first_hidden_value():
    r = forward_pass(X, W1, B1, W2, B2)
    assert r.products1[:, 0] == pytest.approx([0.2, -0.6, -0.3])
    assert r.sums1[0] == pytest.approx(-0.7)


def loop_forward(x, w1, b1, w2, b2):
    """The same pass with plain Python loops (the independent computation)."""
    d, h = len(w1), len(w1[0])
    c = len(w2[0])
    pre = [sum(x[i] * w1[i][j] for i in range(d)) + b1[j] for j in range(h)]
    hidden = [max(0.0, v) for v in pre]
    scores = [sum(hidden[j] * w2[j][k] for j in range(h)) + b2[k] for k in range(c)]
    return pre, hidden, scores


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 5), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_matches_loops_and_column_form(d, h, c, seed):
    rng = np.random.default_rng(seed)
    x, w1, b1 = rng.normal(size=d), rng.normal(size=(d, h)), rng.normal(size=h)
    w2, b2 = rng.normal(size=(h, c)), rng.normal(size=c)
    r = forward_pass(x, w1, b1, w2, b2)
    pre, hidden, scores = loop_forward(x.tolist(), w1.tolist(), b1.tolist(), w2.tolist(), b2)
    assert r.pre == pytest.approx(pre)
    assert r.hidden == pytest.approx(hidden)
    assert r.scores == pytest.approx(scores)
    assert r.column_scores.shape == (c, 1)
    assert r.column_scores[:, 0] == pytest.approx(r.scores)
    assert r.products1.sum(axis=0) + r.b1 == pytest.approx(r.pre)
    assert r.products2.sum(axis=0) + r.b2 == pytest.approx(r.scores)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([1, 2], W1, B1, W2, B2), "W1 must have one row per entry of x"),
        ((X, W1, [0, 0], W2, B2), "b1 must have one entry per column of W1"),
        ((X, W1, B1, W2[:3], B2), "W2 must have one row per hidden value"),
        ((X, W1, B1, W2, [0, 0]), "b2 must have one entry per column of W2"),
        (([[1, 2, 3]], W1, B1, W2, B2), "x must be 1-D"),
        ((X, W1, B1, W2, [0, float("nan"), 0]), "b2 must be finite"),
    ],
)
def test_bad_shapes_are_named(args, message):
    with pytest.raises(DlmathError, match=message):
        forward_pass(*args)
