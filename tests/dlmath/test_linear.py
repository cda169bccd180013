import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath import DlmathError
from dlmath.linear import linear_scores

# CURRICULUM score-function
W = [[0.2, -0.5, 0.1, 2.0], [1.5, 1.3, 2.1, 0.0], [0, 0.25, 0.2, -0.3]]
X = [56, 231, 24, 2]
B = [1.1, 3.2, -1.2]


def test_curriculum_scores():
    cat, dog, ship = linear_scores(W, X, B)
    assert cat == pytest.approx(-96.8)
    assert dog == pytest.approx(437.9)
    assert ship == pytest.approx(60.75)  # the course figure's 61.95 is the erratum
    assert ship != pytest.approx(61.95)


def test_columns_are_examples():
    x2 = np.column_stack([X, np.zeros(4), np.ones(4)])
    s = linear_scores(W, x2, B)
    assert s.shape == (3, 3)
    np.testing.assert_allclose(s[:, 0], [-96.8, 437.9, 60.75])
    np.testing.assert_allclose(s[:, 1], B)
    np.testing.assert_allclose(s[:, 2], np.sum(W, axis=1) + B)


@settings(max_examples=50, deadline=None)
@given(
    c=st.integers(1, 5),
    d=st.integers(1, 6),
    n=st.one_of(st.none(), st.integers(1, 4)),
    seed=st.integers(0, 2**32 - 1),
)
def test_matches_plain_loop(c, d, n, seed):
    rng = np.random.default_rng(seed)
    w, b = rng.standard_normal((c, d)), rng.standard_normal(c)
    x = rng.standard_normal(d if n is None else (d, n))
    cols = x[:, None] if n is None else x
    want = np.empty((c, cols.shape[1]))
    for j in range(cols.shape[1]):
        for i in range(c):
            want[i, j] = sum(w[i, p] * cols[p, j] for p in range(d)) + b[i]
    got = linear_scores(w, x, b)
    assert got.shape == ((c,) if n is None else (c, n))
    np.testing.assert_allclose(got.reshape(c, -1), want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        ((W, [1, 2, 3], B), r"x .*\(3, 4\).*\(3,\)"),
        ((W, np.ones((3, 2)), B), r"x .*\(3, 4\).*\(3, 2\)"),
        ((W, X, [1.0, 2.0]), r"b .*\(3, 4\).*\(2,\)"),
        ((W, X, [[1.0, 2.0, 3.0]]), "b must be 1-D"),
        ((W[0], X, B), "W must be 2-D"),
        ((W, np.ones((4, 2, 2)), B), "x must be 1-D or 2-D"),
        ((W, [56, np.nan, 24, 2], B), "x must be finite"),
        ((W, X, "abc"), "b must be a numeric array"),
    ],
)
def test_bad_input(args, pattern):
    with pytest.raises(DlmathError, match=pattern):
        linear_scores(*args)


# ---------------------------------------------------------------- score_function


def test_score_function_curriculum_and_the_missing_bias():
    from dlmath.linear import score_function

    r = score_function(W, X, B)
    np.testing.assert_allclose(r.scores, [-96.8, 437.9, 60.75])
    # the CS231n figure's 61.95 is the ship row's weighted sum without its bias -1.2
    assert r.dots[2] == pytest.approx(61.95)
    assert r.dots[2] + B[2] == pytest.approx(r.scores[2])
    np.testing.assert_allclose(r.products[0], [11.2, -115.5, 2.4, 4.0])
    assert r.best == 1  # untrained weights: the cat image scores highest as dog


@settings(max_examples=40, deadline=None)
@given(c=st.integers(2, 5), d=st.integers(1, 6), seed=st.integers(0, 2**32 - 1))
def test_score_function_matches_loops(c, d, seed):
    from dlmath.linear import score_function

    rng = np.random.default_rng(seed)
    w, x, b = rng.standard_normal((c, d)), rng.standard_normal(d), rng.standard_normal(c)
    r = score_function(w, x, b)
    for i in range(c):
        row = [w[i, k] * x[k] for k in range(d)]
        np.testing.assert_allclose(r.products[i], row, rtol=1e-12)
        assert r.dots[i] == pytest.approx(sum(row), rel=1e-12, abs=1e-12)
        assert r.scores[i] == pytest.approx(sum(row) + b[i], rel=1e-12, abs=1e-12)
    assert r.scores[r.best] == max(r.scores)
    np.testing.assert_allclose(r.scores, linear_scores(w, x, b), rtol=1e-12)


def test_score_function_tie_goes_to_the_lower_index():
    from dlmath.linear import score_function

    assert score_function([[1.0], [1.0]], [2.0], [0.0, 0.0]).best == 0


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        ((W, np.ones((4, 2)), B), "x must be 1-D"),
        ((W, [1, 2, 3], B), r"x .*\(3, 4\)"),
        ((W, X, [1.0]), r"b .*\(3,\)"),
    ],
)
def test_score_function_bad_input(args, pattern):
    from dlmath.linear import score_function

    with pytest.raises(DlmathError, match=pattern):
        score_function(*args)
