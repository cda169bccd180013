import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath import DlmathError
from dlmath.loss_sweep import true_score_sweep

SCORES = [3.2, 5.1, -1.7]


def loop_losses(scores, y, t, delta):
    """Closed forms with the true score set to t: sum of hinges, log(1 + sum e^(s_j - t))."""
    wrong = [s for j, s in enumerate(scores) if j != y]
    hinge = sum(max(0.0, s - t + delta) for s in wrong)
    softmax = math.log1p(sum(math.exp(s - t) for s in wrong))
    return hinge, softmax


def test_lecture_example_at_its_own_true_score():
    r = true_score_sweep(SCORES, 0, [3.2])
    assert r.hinge[0] == pytest.approx(2.9)
    assert r.softmax[0] == pytest.approx(2.0404, abs=1e-4)


def test_hinge_reaches_zero_and_stays_softmax_never_does():
    t = np.linspace(-2, 40, 400)
    r = true_score_sweep(SCORES, 0, t)
    assert r.hinge_zero_at == pytest.approx(6.1)
    assert (r.hinge[t >= 6.1 + 1e-9] == 0).all()
    assert (r.hinge[t < 6.1 - 1e-9] > 0).all()
    assert (r.softmax > 0).all()
    assert (np.diff(r.softmax) < 0).all()
    assert (np.diff(r.hinge) <= 0).all()


@settings(max_examples=60, deadline=None)
@given(
    scores=st.lists(st.floats(-50, 50), min_size=2, max_size=5),
    data=st.data(),
    delta=st.floats(0, 5),
)
def test_matches_closed_forms(scores, data, delta):
    y = data.draw(st.integers(0, len(scores) - 1))
    t = data.draw(st.lists(st.floats(-60, 60), min_size=1, max_size=6))
    r = true_score_sweep(scores, y, t, delta)
    for k, tk in enumerate(t):
        hinge, softmax = loop_losses(scores, y, tk, delta)
        assert r.hinge[k] == pytest.approx(hinge, rel=1e-9, abs=1e-9)
        assert r.softmax[k] == pytest.approx(softmax, rel=1e-9, abs=1e-12)
    wrong = [s for j, s in enumerate(scores) if j != y]
    assert r.hinge_zero_at == pytest.approx(max(wrong) + delta)


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        (([3.2], 0, [1.0]), "at least 2 classes"),
        ((SCORES, 3, [1.0]), "y"),
        ((SCORES, 0, [[1.0]]), "true_scores must be 1-D"),
        ((SCORES, 0, [np.inf]), "true_scores must be finite"),
        ((SCORES, 0, [1.0], -1.0), "delta"),
    ],
)
def test_bad_input(args, pattern):
    with pytest.raises(DlmathError, match=pattern):
        true_score_sweep(*args)


def test_agrees_with_the_loss_functions():
    from dlmath.losses import hinge_loss, softmax_loss

    t = np.linspace(-5, 12, 35)
    r = true_score_sweep(SCORES, 1, t, 0.5)
    table = np.tile(SCORES, (t.size, 1))
    table[:, 1] = t
    labels = np.ones(t.size, dtype=int)
    np.testing.assert_allclose(r.hinge, hinge_loss(table, labels, 0.5).losses, atol=1e-12)
    np.testing.assert_allclose(r.softmax, softmax_loss(table, labels).losses, rtol=1e-9)


def test_tiny_softmax_losses_are_resolved():
    r = true_score_sweep(SCORES, 0, [60.0])
    want = math.exp(5.1 - 60) + math.exp(-1.7 - 60)  # log1p(z) = z for tiny z
    assert r.softmax[0] == pytest.approx(want, rel=1e-12)
