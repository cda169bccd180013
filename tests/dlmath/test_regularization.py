import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath import DlmathError
from dlmath.losses import hinge_loss, l2_penalty, softmax_loss
from dlmath.regularization import l2_tiebreak

X, W1, W2 = [1, 1, 1, 1], [1, 0, 0, 0], [0.25] * 4


def test_lecture_example():
    r = l2_tiebreak(X, W1, W2, [0.1, 1.0, 10.0])
    assert r.scores.tolist() == [1.0, 1.0]
    assert r.tied
    assert r.R.tolist() == [1.0, 0.25]
    np.testing.assert_allclose(r.penalties, [[0.1, 0.025], [1.0, 0.25], [10.0, 2.5]])
    np.testing.assert_allclose(r.gaps, [0.075, 0.75, 7.5])
    assert r.preferred == 1
    np.testing.assert_allclose(r.squares[1], [0.0625] * 4)
    assert r.R_gap == 0.75
    np.testing.assert_allclose(r.savings, [0.075, 0.75, 7.5])


def test_same_scores_mean_the_same_data_loss_so_only_the_penalty_differs():
    r = l2_tiebreak(X, W1, W2, [0.5])
    # any data loss of the scores: both vectors give the same one
    for loss in (hinge_loss([r.scores[0], 0.3], 0).loss, softmax_loss([r.scores[0], 2.0], 1).loss):
        totals = [loss + l2_penalty(w, 0.5) for w in (W1, W2)]
        assert totals[0] - totals[1] == pytest.approx(r.gaps[0])
        assert r.gaps[0] == pytest.approx(0.5 * (1 - 0.25))


@settings(max_examples=50, deadline=None)
@given(d=st.integers(1, 6), seed=st.integers(0, 2**32 - 1))
def test_matches_loops(d, seed):
    rng = np.random.default_rng(seed)
    x, w1, w2 = rng.standard_normal(d), rng.standard_normal(d), rng.standard_normal(d)
    lams = rng.uniform(0, 10, 3)
    r = l2_tiebreak(x, w1, w2, lams)
    for k, w in enumerate((w1, w2)):
        assert r.scores[k] == pytest.approx(sum(w[i] * x[i] for i in range(d)), abs=1e-12)
        assert r.R[k] == pytest.approx(sum(v * v for v in w), rel=1e-12)
        for i, lam in enumerate(lams):
            assert r.penalties[i, k] == pytest.approx(l2_penalty(w, lam), rel=1e-12)
    np.testing.assert_allclose(r.gaps, lams * (r.R[0] - r.R[1]), rtol=1e-12, atol=1e-12)
    assert r.preferred == (1 if r.R[1] < r.R[0] else 0)
    worse, better = r.penalties[:, 1 - r.preferred], r.penalties[:, r.preferred]
    np.testing.assert_allclose(r.savings, worse - better, rtol=1e-12, atol=1e-12)
    assert r.R_gap == pytest.approx(abs(r.R[0] - r.R[1]))


def test_untied_scores_are_reported():
    assert not l2_tiebreak(X, W1, [0.5] * 4, [1.0]).tied


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        ((X, W1, [0.25] * 3, [1.0]), r"one weight per input value \(4\)"),
        ((X, W1, W2, [-1.0]), "lams must all be >= 0"),
        ((X, W1, W2, 1.0), "lams must be 1-D"),
        (([[1.0]], W1, W2, [1.0]), "x must be 1-D"),
        ((X, [np.nan, 0, 0, 0], W2, [1.0]), "w1 must be finite"),
    ],
)
def test_bad_input(args, pattern):
    with pytest.raises(DlmathError, match=pattern):
        l2_tiebreak(*args)


def test_cancelling_products_score_exactly_zero():
    x = [-99.99, 99.99, -99.99, 99.99]
    r = l2_tiebreak(x, [9.99] * 4, [-9.99, -9.99, 0.01, 0.01], [1.0])
    assert r.scores.tolist() == [0.0, 0.0]
    assert r.tied
