"""Tests for dlmath.momentum: the lecture's momentum run, its two terms, the elongated bowl."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath._checks import DlmathError
from dlmath.momentum import bowl_contours, elongated_bowl, momentum_race
from tests.dlmath.numeric import numeric_grad


def loop_momentum(x0, lr, alpha, steps, grad):
    """The notes' update written out: w(t+1) = w(t) - lr*grad + alpha*(w(t) - w(t-1))."""
    xs = [np.asarray(x0, dtype=float)]
    prev = xs[0]
    for _ in range(steps):
        x = xs[-1]
        xs.append(x - lr * grad(x) + alpha * (x - prev))
        prev = x
    return np.array(xs)


def test_lecture_values_on_the_parabola():
    r = momentum_race("parabola", 1.0, 0.1, 0.9, 20)
    assert r.heavy.xs[:8] == pytest.approx(
        [1, 0.8, 0.46, 0.062, -0.3086, -0.5804, -0.709, -0.6829], abs=5e-5
    )
    assert r.plain.xs[:4] == pytest.approx([1, 0.8, 0.64, 0.512])
    assert r.heavy.xs[10] == pytest.approx(0.0044, abs=5e-5)
    assert r.heavy.xs[20] == pytest.approx(-0.349, abs=5e-4)
    assert r.plain.xs[20] == pytest.approx(0.0115, abs=5e-5)
    assert r.closest == 10
    assert r.rebound == 13
    assert r.heavy.xs[13] == pytest.approx(0.4992, abs=5e-5)
    assert r.crossings.tolist() == [4, 10, 17]


def test_terms_add_up_to_each_update():
    r = momentum_race("parabola", 1.0, 0.1, 0.9, 20)
    xs = r.heavy.xs
    assert xs[1:] == pytest.approx(xs[:-1] + r.grad_terms + r.velocity_terms)
    assert r.velocity_terms[0] == 0
    assert r.grad_terms[:3] == pytest.approx([-0.2, -0.16, -0.092])
    assert r.velocity_terms[1:3] == pytest.approx([-0.18, -0.306])


@settings(max_examples=30, deadline=None)
@given(
    st.floats(-3, 3),
    st.floats(0.0, 1.0),
    st.floats(0.0, 0.99),
    st.integers(1, 30),
)
def test_parabola_matches_a_loop(x0, lr, alpha, steps):
    r = momentum_race("parabola", x0, lr, alpha, steps)
    expected = loop_momentum(x0, lr, alpha, steps, lambda x: 2 * x)
    assert r.heavy.xs == pytest.approx(expected, abs=1e-9)
    assert r.plain.xs == pytest.approx(loop_momentum(x0, lr, 0.0, steps, lambda x: 2 * x))
    signs = np.sign(r.heavy.xs)
    crossings = [t for t in range(1, steps + 1) if signs[t] * signs[t - 1] < 0]
    assert r.crossings.tolist() == crossings


def test_bowl_gradient_and_contours():
    bowl = elongated_bowl(50)
    p = np.array([-1.3, 0.4])
    assert bowl.grad(p) == pytest.approx(numeric_grad(lambda: float(bowl.f(p)), p), rel=1e-6)
    c = bowl_contours(50, 56.25, count=4)
    assert c.levels == pytest.approx([56.25, 14.0625, 3.515625, 0.87890625])
    for level, (a, b) in zip(c.levels, c.semi_axes, strict=True):
        for angle in np.linspace(0, 2 * np.pi, 7):
            point = np.array([a * np.cos(angle), b * np.sin(angle)])
            assert float(bowl.f(point)) == pytest.approx(level)


def test_momentum_pays_on_the_default_bowl():
    r = momentum_race(elongated_bowl(50), [-10, 0.5], 0.036, 0.6, 40)
    assert r.plain.values[0] == pytest.approx(56.25)
    assert r.plain.values[-1] > 100 * r.heavy.values[-1]
    # plain descent zig-zags across the valley: y changes sign at every step
    ys = r.plain.xs[:10, 1]
    assert np.all(ys[1:] * ys[:-1] < 0)
    assert r.heavy.xs == pytest.approx(
        loop_momentum([-10, 0.5], 0.036, 0.6, 40, lambda p: np.array([p[0], 50 * p[1]]))
    )
    assert r.crossings.size == 0
    assert r.distances[:, 1] == pytest.approx(np.linalg.norm(r.heavy.xs, axis=1))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: elongated_bowl(0.5), "stretch must be a number from 1 to 1000"),
        (
            lambda: momentum_race("parabola", 1, 0.1, 1.0, 5),
            r"momentum must be a number in \[0, 1\)",
        ),
        (lambda: momentum_race("parabola", 1, 0.1, 0.9, 0), "steps must be an integer >= 1"),
        (lambda: momentum_race("nope", 1, 0.1, 0.9, 5), "objective must be one of"),
        (lambda: bowl_contours(10, -1), "top must be a level > 0"),
        (lambda: bowl_contours(10, 1, ratio=1.5), "ratio must be between 0 and 1"),
    ],
)
def test_bad_arguments_are_named(call, message):
    with pytest.raises(DlmathError, match=message):
        call()
