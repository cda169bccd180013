import dataclasses
import doctest
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dlmath as dm
import dlmath.losses
from dlmath import DlmathError
from dlmath.losses import hinge_loss, l2_penalty, l2_penalty_grad, softmax_loss

# CURRICULUM hinge-loss: rows = images cat/car/frog, columns = classes cat/car/frog
SCORES = [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]]
LABELS = [0, 1, 2]


# ---------------------------------------------------------------- plain loops


def loop_hinge(scores, y, delta=1.0):
    losses = []
    for row, label in zip(scores, y, strict=True):
        total = 0.0
        for j, s in enumerate(row):
            if j != label:
                total += max(0.0, s - row[label] + delta)
        losses.append(total)
    return losses, sum(losses) / len(losses)


def loop_softmax(scores, y):
    losses, probs = [], []
    for row, label in zip(scores, y, strict=True):
        m = max(row)
        exps = [math.exp(s - m) for s in row]
        total = sum(exps)
        probs.append([e / total for e in exps])
        losses.append(-(row[label] - m - math.log(total)))
    return probs, losses, sum(losses) / len(losses)


def numeric_grad(fun, s, h=1e-6):
    s = np.array(s, dtype=float)
    g = np.zeros_like(s)
    for idx in np.ndindex(s.shape):
        up, down = s.copy(), s.copy()
        up[idx] += h
        down[idx] -= h
        g[idx] = (fun(up) - fun(down)) / (2 * h)
    return g


def scores_off_kink(rng, n, c, delta=1.0, gap=1e-3):
    """Random (N, C) scores and labels with every s_j - s_y + delta away from 0."""
    while True:
        s = rng.standard_normal((n, c)) * 2
        y = rng.integers(0, c, size=n)
        d = s - s[np.arange(n), y][:, None] + delta
        d[np.arange(n), y] = 1.0
        if np.abs(d).min() > gap:
            return s, y


# ---------------------------------------------------------------- hinge: lecture


def test_hinge_curriculum_margins_losses_and_mean():
    h = hinge_loss(SCORES, LABELS)
    np.testing.assert_allclose(h.margins[0], [0.0, 2.9, 0.0], atol=1e-12)
    np.testing.assert_allclose(h.margins[1], [0.0, 0.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(h.margins[2], [6.3, 6.6, 0.0], atol=1e-12)
    np.testing.assert_allclose(h.losses, [2.9, 0.0, 12.9], atol=1e-12)
    assert h.loss == pytest.approx(15.8 / 3)
    assert h.loss == pytest.approx(5.2667, abs=5e-5)
    assert round(h.loss, 2) == pytest.approx(5.27)  # as printed in the course


def test_hinge_curriculum_diffs_and_grad():
    h = hinge_loss(SCORES, LABELS)
    # before the max; the true class holds delta itself
    np.testing.assert_allclose(h.diffs[0], [1.0, 2.9, -3.9], atol=1e-12)
    np.testing.assert_allclose(h.diffs[1], [-2.6, 1.0, -1.9], atol=1e-12)
    np.testing.assert_allclose(h.diffs[2], [6.3, 6.6, 1.0], atol=1e-12)
    want = np.array([[-1, 1, 0], [0, 0, 0], [1, 1, -2]]) / 3
    np.testing.assert_allclose(h.grad, want, atol=1e-12)
    assert h.delta == 1.0
    np.testing.assert_array_equal(h.y, LABELS)
    np.testing.assert_array_equal(h.scores, SCORES)


def test_hinge_single_example_is_the_cat_row():
    h = hinge_loss(SCORES[0], 0)
    assert h.loss == pytest.approx(2.9)
    assert h.margins.shape == (3,)
    assert h.grad.shape == (3,)
    assert np.ndim(h.losses) == 0
    assert int(h.y) == 0
    np.testing.assert_allclose(h.grad, [-1.0, 1.0, 0.0])


def test_hinge_delta_changes_margins():
    h0 = hinge_loss(SCORES, LABELS, delta=0.0)
    np.testing.assert_allclose(h0.losses, [1.9, 0.0, 10.9], atol=1e-12)
    h2 = hinge_loss(SCORES, LABELS, delta=2.0)
    np.testing.assert_allclose(h2.losses, loop_hinge(SCORES, LABELS, 2.0)[0], atol=1e-12)


def test_hinge_margin_of_exactly_zero_is_inactive():
    h = hinge_loss([1.0, 1.0, -5.0], 0, delta=0.0)
    assert h.loss == 0.0
    np.testing.assert_array_equal(h.grad, [0.0, 0.0, 0.0])
    h = hinge_loss([2.0, 1.0, 0.0], 0)  # s_1 - s_0 + 1 == 0 exactly
    assert h.margins[1] == 0.0
    np.testing.assert_array_equal(h.grad, [0.0, 0.0, 0.0])


def test_hinge_result_is_frozen():
    h = hinge_loss(SCORES, LABELS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        h.loss = 0.0  # type: ignore[misc]


# ---------------------------------------------------------------- softmax: lecture


def test_softmax_curriculum_exp_probs_loss():
    s = softmax_loss([3.2, 5.1, -1.7], 0)
    # as printed: e^3.2 = 24.5, e^5.1 = 164.0, e^-1.7 = 0.18
    assert round(s.exp[0], 1) == pytest.approx(24.5)
    assert round(s.exp[1], 1) == pytest.approx(164.0)
    assert round(s.exp[2], 2) == pytest.approx(0.18)
    np.testing.assert_allclose(s.exp, np.exp([3.2, 5.1, -1.7]))
    np.testing.assert_allclose(np.round(s.probs, 2), [0.13, 0.87, 0.00])
    assert round(s.loss, 2) == pytest.approx(2.04)
    assert s.loss == pytest.approx(-math.log(math.exp(3.2) / s.exp_sum))
    assert s.exp_sum == pytest.approx(np.exp([3.2, 5.1, -1.7]).sum())
    np.testing.assert_allclose(s.log_probs, np.log(s.probs))


def test_softmax_errata_base10_value():
    # older slides print -log(0.13) = 0.89: that is the base-10 log of p_cat
    s = softmax_loss([3.2, 5.1, -1.7], 0)
    assert -math.log10(s.probs[0]) == pytest.approx(0.89, abs=5e-3)
    assert -math.log10(0.13) == pytest.approx(0.89, abs=5e-3)
    assert s.loss != pytest.approx(0.89, abs=0.1)
    assert s.loss == pytest.approx(-math.log10(s.probs[0]) * math.log(10))


def test_softmax_log10_losses_are_the_base10_slip():
    s = softmax_loss([3.2, 5.1, -1.7], 0)
    assert float(s.log10_losses) == pytest.approx(-math.log10(s.probs[0]))
    assert round(float(s.log10_losses), 2) == 0.89
    batch = softmax_loss(SCORES, LABELS)
    want = [-math.log10(batch.probs[i, y]) for i, y in enumerate(LABELS)]
    np.testing.assert_allclose(batch.log10_losses, want, rtol=1e-12)


def test_softmax_curriculum_grad():
    s = softmax_loss([3.2, 5.1, -1.7], 0)
    np.testing.assert_allclose(s.grad, s.probs - np.array([1.0, 0.0, 0.0]))
    assert s.grad.sum() == pytest.approx(0.0, abs=1e-12)


def test_softmax_batch_mean_of_lecture_rows():
    s = softmax_loss(SCORES, LABELS)
    assert s.probs.shape == (3, 3)
    _, losses, mean = loop_softmax(SCORES, LABELS)
    np.testing.assert_allclose(s.losses, losses, rtol=1e-12)
    assert s.loss == pytest.approx(mean, rel=1e-12)
    assert s.losses[0] == pytest.approx(softmax_loss(SCORES[0], 0).loss)


def test_softmax_equal_scores_give_log_c():
    for c in (2, 3, 10):
        s = softmax_loss(np.zeros(c), c - 1)
        assert s.loss == pytest.approx(math.log(c))
        np.testing.assert_allclose(s.probs, np.full(c, 1 / c))


@pytest.mark.parametrize(
    ("scores", "y", "loss"),
    [
        ([[10000, -10000, 0]], [1], 20000.0),
        ([[10000, -10000, 0]], [0], 0.0),
        ([[10000, -10000, 0]], [2], 10000.0),
        ([[-10000, -10000]], [0], math.log(2)),
        ([[1e4, 1e4 - 1]], [1], 1 + math.log1p(math.exp(-1))),
    ],
)
def test_softmax_stable_for_huge_scores(scores, y, loss):
    s = softmax_loss(scores, y)
    assert s.loss == pytest.approx(loss, rel=1e-12)
    assert np.isfinite(s.loss)
    assert np.isfinite(s.probs).all()
    assert np.isfinite(s.log_probs).all()
    assert np.isfinite(s.grad).all()
    np.testing.assert_allclose(s.probs.sum(axis=1), 1.0)


def test_softmax_exact_loss_20000():
    assert softmax_loss([[10000, -10000, 0]], [1]).loss == 20000


def test_softmax_displayed_exp_overflows_but_loss_does_not():
    s = softmax_loss([10000.0, 0.0], 1)
    assert np.isinf(s.exp[0])  # the shown e**s, documented as inf past ~709
    assert s.loss == pytest.approx(10000.0)


def test_softmax_result_is_frozen():
    s = softmax_loss(SCORES, LABELS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.loss = 0.0  # type: ignore[misc]


# ---------------------------------------------------------------- independent checks


@pytest.mark.parametrize(("n", "c"), [(1, 2), (1, 5), (3, 3), (4, 7), (10, 4)])
def test_hinge_grad_matches_finite_differences(n, c):
    rng = np.random.default_rng(100 * n + c)
    s, y = scores_off_kink(rng, n, c)
    h = hinge_loss(s, y)
    num = numeric_grad(lambda z: hinge_loss(z, y).loss, s)
    np.testing.assert_allclose(h.grad, num, atol=1e-6)


@pytest.mark.parametrize(("n", "c"), [(1, 2), (1, 5), (3, 3), (4, 7), (10, 4)])
def test_softmax_grad_matches_finite_differences(n, c):
    rng = np.random.default_rng(7 * n + c)
    s = rng.standard_normal((n, c)) * 3
    y = rng.integers(0, c, size=n)
    g = softmax_loss(s, y).grad
    num = numeric_grad(lambda z: softmax_loss(z, y).loss, s)
    np.testing.assert_allclose(g, num, atol=1e-7)


def test_single_example_grads_match_finite_differences():
    rng = np.random.default_rng(3)
    s, y = scores_off_kink(rng, 1, 4)
    row, label = s[0], int(y[0])
    num = numeric_grad(lambda z: hinge_loss(z, label).loss, row)
    np.testing.assert_allclose(hinge_loss(row, label).grad, num, atol=1e-6)
    num = numeric_grad(lambda z: softmax_loss(z, label).loss, row)
    np.testing.assert_allclose(softmax_loss(row, label).grad, num, atol=1e-7)


def test_hinge_grad_with_delta_matches_finite_differences():
    rng = np.random.default_rng(11)
    s, y = scores_off_kink(rng, 5, 4, delta=2.5)
    num = numeric_grad(lambda z: hinge_loss(z, y, delta=2.5).loss, s)
    np.testing.assert_allclose(hinge_loss(s, y, delta=2.5).grad, num, atol=1e-6)


shapes = st.tuples(st.integers(1, 6), st.integers(2, 6))


@settings(max_examples=50, deadline=None)
@given(nc=shapes, seed=st.integers(0, 2**32 - 1), scale=st.sampled_from([0.1, 1.0, 10.0, 1e3]))
def test_vectorised_matches_plain_loops(nc, seed, scale):
    n, c = nc
    rng = np.random.default_rng(seed)
    s = rng.standard_normal((n, c)) * scale
    y = rng.integers(0, c, size=n)
    delta = float(rng.uniform(0, 3))
    h = hinge_loss(s, y, delta)
    losses, mean = loop_hinge(s.tolist(), y.tolist(), delta)
    np.testing.assert_allclose(h.losses, losses, rtol=1e-12, atol=1e-9 * scale)
    assert h.loss == pytest.approx(mean, rel=1e-12, abs=1e-9 * scale)
    assert (h.margins >= 0).all()
    assert (h.margins[np.arange(n), y] == 0).all()
    np.testing.assert_allclose(h.grad.sum(axis=1), 0.0, atol=1e-12)

    sm = softmax_loss(s, y)
    probs, losses, mean = loop_softmax(s.tolist(), y.tolist())
    np.testing.assert_allclose(sm.probs, probs, rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(sm.losses, losses, rtol=1e-9, atol=1e-12)
    assert sm.loss == pytest.approx(mean, rel=1e-9, abs=1e-12)
    np.testing.assert_allclose(sm.probs.sum(axis=1), 1.0)
    assert (sm.losses >= 0).all()
    np.testing.assert_allclose(sm.grad.sum(axis=1), 0.0, atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(
    row=st.lists(
        st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False), min_size=2, max_size=8
    ),
    data=st.data(),
)
def test_one_row_agrees_with_a_batch_of_one(row, data):
    label = data.draw(st.integers(0, len(row) - 1))
    for fn in (hinge_loss, softmax_loss):
        one, batch = fn(row, label), fn([row], [label])
        assert one.loss == batch.loss
        np.testing.assert_array_equal(one.grad, batch.grad[0])
        np.testing.assert_array_equal(one.losses, batch.losses[0])
        assert one.grad.shape == (len(row),)
    sm = softmax_loss(row, label)
    assert np.isfinite(sm.loss)
    assert sm.probs.sum() == pytest.approx(1.0)


@settings(max_examples=50, deadline=None)
@given(nc=shapes, seed=st.integers(0, 2**32 - 1))
def test_loss_is_mean_of_rows(nc, seed):
    n, c = nc
    rng = np.random.default_rng(seed)
    s = rng.standard_normal((n, c)) * 5
    y = rng.integers(0, c, size=n)
    for fn in (hinge_loss, softmax_loss):
        whole = fn(s, y)
        rows = [fn(s[i], y[i]).loss for i in range(n)]
        assert whole.loss == pytest.approx(np.mean(rows), rel=1e-12, abs=1e-12)
        np.testing.assert_allclose(whole.grad * n, [fn(s[i], y[i]).grad for i in range(n)])


def test_docstring_examples_run():
    result = doctest.testmod(dlmath.losses)
    assert result.attempted >= 2
    assert result.failed == 0


# ---------------------------------------------------------------- L2


def test_l2_curriculum_spread_out_weights():
    x = [1, 1, 1, 1]
    w1, w2 = [1, 0, 0, 0], [0.25] * 4
    assert dm.linear_scores([w1], x, [0.0])[0] == pytest.approx(1.0)
    assert dm.linear_scores([w2], x, [0.0])[0] == pytest.approx(1.0)
    assert np.dot(w1, x) == np.dot(w2, x) == 1
    assert l2_penalty(w1, 1.0) == pytest.approx(1.0)
    assert l2_penalty(w2, 1.0) == pytest.approx(0.25)
    assert l2_penalty(w2, 1.0) < l2_penalty(w1, 1.0)


def test_l2_scales_with_lam_and_any_shape():
    w = np.arange(6.0).reshape(2, 3) - 2.5
    r = sum(v * v for v in w.ravel())
    assert l2_penalty(w, 1.0) == pytest.approx(r)
    assert l2_penalty(w, 0.1) == pytest.approx(0.1 * r)
    assert l2_penalty(w, 0) == 0.0
    assert isinstance(l2_penalty(w, 0.5), float)
    assert l2_penalty(3.0, 2.0) == pytest.approx(18.0)


def test_l2_grad_is_two_lam_w_and_matches_finite_differences():
    rng = np.random.default_rng(5)
    w = rng.standard_normal((3, 4))
    g = l2_penalty_grad(w, 0.3)
    assert g.shape == w.shape
    np.testing.assert_allclose(g, 0.6 * w)
    num = numeric_grad(lambda z: l2_penalty(z, 0.3), w)
    np.testing.assert_allclose(g, num, atol=1e-7)
    np.testing.assert_allclose(l2_penalty_grad([1, 0, 0, 0], 1.0), [2, 0, 0, 0])


# ---------------------------------------------------------------- bad input

BAD_LOSS_CALLS = [
    # (args, kwargs, argument name in the message)
    ((np.zeros((2, 3, 4)), [0, 1]), {}, "scores"),
    ((5.0, 0), {}, "scores"),
    (([[1.0, 2.0], [3.0]], [0, 1]), {}, "scores"),
    (([[1.0, np.nan]], [0]), {}, "scores"),
    (([[1.0, np.inf]], [0]), {}, "scores"),
    (([1.0, -np.inf], 0), {}, "scores"),
    (([["a", "b"]], [0]), {}, "scores"),
    (("12", 0), {}, "scores"),
    ((None, 0), {}, "scores"),
    ((np.zeros((0, 3)), []), {}, "scores"),
    (([[1.0], [2.0]], [0, 0]), {}, "scores"),  # one class only
    (([1.0], 0), {}, "scores"),
    (([[1.0, 2.0]], [2]), {}, "y"),
    (([[1.0, 2.0]], [-1]), {}, "y"),
    (([1.0, 2.0, 3.0], 3), {}, "y"),
    (([[1.0, 2.0]], [0.5]), {}, "y"),
    (([1.0, 2.0], 1.5), {}, "y"),
    (([[1.0, 2.0]], [True]), {}, "y"),
    (([1.0, 2.0], False), {}, "y"),
    (([[1.0, 2.0]], [np.nan]), {}, "y"),
    (([[1.0, 2.0]], ["0"]), {}, "y"),
    (([[1.0, 2.0]], None), {}, "y"),
    (([[1.0, 2.0], [3.0, 4.0]], [0]), {}, "y"),  # wrong label count
    (([[1.0, 2.0], [3.0, 4.0]], [0, 1, 0]), {}, "y"),
    (([[1.0, 2.0], [3.0, 4.0]], [[0, 1]]), {}, "y"),
    (([[1.0, 2.0], [3.0, 4.0]], [[0], [1, 0]]), {}, "y"),  # ragged labels
    (([1.0, 2.0], [0, 1]), {}, "y"),
]


@pytest.mark.parametrize("fn", [hinge_loss, softmax_loss])
@pytest.mark.parametrize(("args", "kwargs", "name"), BAD_LOSS_CALLS)
def test_bad_loss_input_raises(fn, args, kwargs, name):
    with pytest.raises(DlmathError, match=rf"^{name} ") as info:
        fn(*args, **kwargs)
    assert isinstance(info.value, ValueError)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("delta", [-1.0, -1e-9, np.nan, np.inf, "1", None, True])
def test_bad_delta_raises(delta):
    with pytest.raises(DlmathError, match=r"^delta "):
        hinge_loss(SCORES, LABELS, delta=delta)


@pytest.mark.parametrize("fn", [l2_penalty, l2_penalty_grad])
@pytest.mark.parametrize(
    ("w", "lam", "name"),
    [
        ([1.0, 2.0], -0.1, "lam"),
        ([1.0, 2.0], np.nan, "lam"),
        ([1.0, 2.0], "x", "lam"),
        ([1.0, np.nan], 1.0, "W"),
        ([1.0, np.inf], 1.0, "W"),
        ([[1.0, 2.0], [3.0]], 1.0, "W"),
        ([], 1.0, "W"),
        ("abc", 1.0, "W"),
    ],
)
def test_bad_l2_input_raises(fn, w, lam, name):
    with pytest.raises(DlmathError, match=rf"^{name} ") as info:
        fn(w, lam)
    assert isinstance(info.value, ValueError)
