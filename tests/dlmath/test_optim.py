import dataclasses
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dlmath as dm
from dlmath import DlmathError
from dlmath.optim import (
    OBJECTIVES,
    Descent,
    SlopeSteps,
    classify,
    descend,
    fixed_step,
    objective,
    slope_steps,
)

PARABOLA = objective("parabola")
BOWL = objective("bowl")


def loop_descend(grad, x0, lr, steps, momentum=0.0):
    """The notes' update written out: w(t+1) = w(t) - lr g + momentum (w(t) - w(t-1))."""
    xs = [np.array(x0, dtype=float)]
    prev = xs[0]
    for _ in range(steps):
        cur = xs[-1]
        nxt = cur - lr * np.asarray(grad(cur), dtype=float) + momentum * (cur - prev)
        prev = cur
        xs.append(nxt)
    return np.array(xs)


# ---------------------------------------------------------------- objectives


def test_objectives_registry():
    assert set(OBJECTIVES) == {"parabola", "bowl"}
    assert objective("parabola") is OBJECTIVES["parabola"]
    assert PARABOLA.f(3.0) == 9.0
    assert PARABOLA.grad(3.0) == 6.0
    assert PARABOLA.minimum == (0.0,)
    assert BOWL.f([1.0, 1.0]) == pytest.approx(5.5)
    np.testing.assert_allclose(BOWL.grad([1.0, 2.0]), [1.0, 20.0])
    assert BOWL.minimum == (0.0, 0.0)
    assert BOWL.f(np.zeros(2)) == 0.0
    assert dm.objective is objective


@pytest.mark.parametrize("obj", [PARABOLA, BOWL])
def test_objective_grads_match_finite_differences(obj):
    h = 1e-6
    rng = np.random.default_rng(1)
    for _ in range(5):
        if obj is PARABOLA:
            x = float(rng.normal())
            num = (obj.f(x + h) - obj.f(x - h)) / (2 * h)
            assert obj.grad(x) == pytest.approx(num, rel=1e-6)
        else:
            p = rng.normal(size=2)
            num = [(obj.f(p + h * e) - obj.f(p - h * e)) / (2 * h) for e in np.eye(2)]
            np.testing.assert_allclose(obj.grad(p), num, rtol=1e-6)


def test_bowl_f_is_vectorised_for_contour_grids():
    xx, yy = np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-1, 1, 3))
    z = BOWL.f(np.stack([xx, yy], axis=-1))
    assert z.shape == (3, 4)
    np.testing.assert_allclose(z, 0.5 * (xx**2 + 10 * yy**2))


@pytest.mark.parametrize("name", ["Parabola", "", "sphere", None, ["bowl"], 1])
def test_unknown_objective_raises(name):
    with pytest.raises(DlmathError, match=r"^objective must be one of 'parabola', 'bowl'") as e:
        objective(name)
    assert isinstance(e.value, ValueError)


# ---------------------------------------------------------------- lecture regimes


def test_lr_0_1_curriculum():
    d = descend(PARABOLA.grad, 1.0, 0.1, 10, f=PARABOLA.f)
    np.testing.assert_allclose(d.xs[:4], [1.0, 0.8, 0.64, 0.512])
    np.testing.assert_allclose(d.xs, 0.8 ** np.arange(11))
    assert d.xs[-1] == pytest.approx(0.107, abs=5e-4)  # "plain descent: 0.107"
    assert d.status == "converging"
    assert d.oscillates is False
    assert d.method == "gradient descent"
    assert d.lr == 0.1
    assert d.momentum == 0.0
    np.testing.assert_allclose(d.grads, 2 * d.xs)
    assert d.values is not None
    np.testing.assert_allclose(d.values, d.xs**2)


def test_lr_0_7_oscillates_and_converges():
    d = descend(PARABOLA.grad, 1.0, 0.7, 10)
    np.testing.assert_allclose(d.xs[:4], [1.0, -0.4, 0.16, -0.064])
    np.testing.assert_allclose(d.xs, (-0.4) ** np.arange(11))
    assert d.status == "converging"
    assert d.oscillates is True
    assert d.values is None


def test_lr_1_0_bounces_forever():
    d = descend(PARABOLA.grad, 1.0, 1.0, 10)
    np.testing.assert_array_equal(d.xs, [1, -1] * 5 + [1])
    d = descend(PARABOLA.grad, 1.0, 1.0, 100)
    np.testing.assert_array_equal(np.abs(d.xs), 1.0)
    assert d.status == "oscillating"
    assert d.oscillates is True


def test_lr_1_1_diverges():
    d = descend(PARABOLA.grad, 1.0, 1.1, 10)
    np.testing.assert_allclose(d.xs[:4], [1.0, -1.2, 1.44, -1.728])
    assert d.xs[-1] == pytest.approx(1.2**10)
    assert d.xs[-1] == pytest.approx(6.1917, abs=5e-5)
    assert round(d.xs[-1], 2) == pytest.approx(6.19)
    assert d.status == "diverged"
    assert d.oscillates is True


def test_momentum_curriculum():
    d = descend(PARABOLA.grad, 1.0, 0.1, 10, momentum=0.9)
    np.testing.assert_allclose(d.xs[:6], [1.0, 0.8, 0.46, 0.062, -0.3086, -0.58042], atol=1e-12)
    assert d.xs[-1] == pytest.approx(0.0044, abs=5e-5)
    assert d.method == "momentum"
    assert d.momentum == 0.9
    plain = descend(PARABOLA.grad, 1.0, 0.1, 10)
    assert plain.xs[-1] == pytest.approx(0.107, abs=5e-4)
    assert abs(d.xs[-1]) < abs(plain.xs[-1])


def test_momentum_bowl_converges_to_origin():
    d = descend(BOWL.grad, [-4.0, 1.0], 0.05, 300, momentum=0.9, f=BOWL.f)
    assert d.xs.shape == (301, 2)
    assert d.grads.shape == (301, 2)
    np.testing.assert_allclose(d.xs[-1], BOWL.minimum, atol=1e-6)
    assert d.status in ("converged", "converging")
    assert d.values is not None
    assert d.values[-1] < 1e-10
    assert d.values[0] == pytest.approx(BOWL.f([-4.0, 1.0]))


def test_momentum_beats_plain_descent_on_the_bowl():
    start = [-4.0, 1.0]
    plain = descend(BOWL.grad, start, 0.05, 60, f=BOWL.f)
    mom = descend(BOWL.grad, start, 0.05, 60, momentum=0.9, f=BOWL.f)
    assert mom.values is not None
    assert plain.values is not None
    assert mom.values[-1] < plain.values[-1]


def test_fixed_step_0_5_reaches_the_minimum():
    d = fixed_step(PARABOLA.grad, 1.0, 0.5, 10, f=PARABOLA.f)
    np.testing.assert_array_equal(d.xs, [1.0, 0.5] + [0.0] * 9)
    assert d.status == "converged"
    assert d.method == "fixed step"
    assert d.lr == 0.5
    assert d.values is not None
    assert d.values[-1] == 0.0


def test_fixed_step_0_7_alternates():
    d = fixed_step(PARABOLA.grad, 1.0, 0.7, 10)
    np.testing.assert_allclose(d.xs, [1.0] + [0.3, -0.4] * 5)
    assert d.status == "oscillating"
    assert d.oscillates is True
    np.testing.assert_allclose(np.abs(d.steps), 0.7)


# ---------------------------------------------------------------- fixed step: exact arithmetic


def exact_fixed_step(x0: Fraction, h: Fraction, steps: int) -> list[Fraction]:
    """The fixed-step method on y = x^2 in exact rationals: x <- x - h sign(2x)."""
    xs = [x0]
    for _ in range(steps):
        x = xs[-1]
        xs.append(x - h * ((x > 0) - (x < 0)))
    return xs


def exact_status(xs: list[Fraction]) -> tuple[str, bool]:
    """What the exact run does next: rests at 0, bounces (its moves alternate), or marches on."""
    ahead = -((xs[-1] > 0) - (xs[-1] < 0))  # the next move, in units of h
    moves = [(b > a) - (b < a) for a, b in zip(xs, xs[1:], strict=False)] + [ahead]
    last = moves[-3:]
    zigzag = all(a * b < 0 for a, b in zip(last, last[1:], strict=False))
    if xs[-1] == 0:
        return "converged", zigzag
    return ("oscillating" if zigzag else "converging"), zigzag


@pytest.mark.parametrize(
    ("x0", "h", "lands"),
    [(1.0, 0.2, 5), (1.0, 0.1, 10), (1.5, 0.3, 5), (1.0, 0.5, 2), (0.7, 0.1, 7), (-1.2, 0.4, 3)],
)
def test_fixed_step_lands_exactly_on_the_minimum(x0, h, lands):
    # in floats 1 - 5 * 0.2 leaves 5.6e-17 and the run would bounce on as "oscillating"
    d = fixed_step(PARABOLA.grad, x0, h, 12)
    assert d.xs[lands] == 0.0
    assert np.all(d.xs[lands:] == 0.0)
    assert np.all(d.xs[:lands] != 0.0)
    assert d.status == "converged"
    assert d.oscillates is False
    want = exact_fixed_step(Fraction(str(x0)), Fraction(str(h)), 12)
    assert d.xs.tolist() == [float(v) for v in want]


def test_fixed_step_iterates_are_the_decimals_not_float_drift():
    d = fixed_step(PARABOLA.grad, 1.0, 0.3, 6)
    # float arithmetic gives 0.39999999999999997 and 0.09999999999999998
    assert d.xs.tolist() == [1.0, 0.7, 0.4, 0.1, -0.2, 0.1, -0.2]
    assert d.status == "oscillating"
    assert d.oscillates is True


@settings(max_examples=300, deadline=None)
@given(
    x0=st.integers(-300, 300).filter(bool),
    h=st.integers(1, 300),
    scale=st.sampled_from([10, 100, 1000]),
    steps=st.integers(1, 40),
)
def test_fixed_step_matches_exact_rationals(x0, h, scale, steps):
    exact_x0, exact_h = Fraction(x0, 100), Fraction(h, scale)
    want = exact_fixed_step(exact_x0, exact_h, steps)
    d = fixed_step(PARABOLA.grad, float(exact_x0), float(exact_h), steps)
    assert d.xs.tolist() == [float(v) for v in want]
    assert (d.status, d.oscillates) == exact_status(want)


def test_fixed_step_tiny_step_far_from_the_minimum_is_a_steady_march():
    # moves of 1e-10 next to x = 2 are inexact in floats; the exact moves are all h
    d = fixed_step(PARABOLA.grad, 2.0, 1e-10, 20)
    assert d.xs[-1] == float(Fraction(2) - 20 * Fraction("1e-10"))
    assert d.status == "converging"


def test_fixed_step_exact_on_the_bowl_per_coordinate():
    d = fixed_step(BOWL.grad, [0.6, -0.4], 0.2, 5)
    assert d.xs.tolist() == [
        [0.6, -0.4],
        [0.4, -0.2],
        [0.2, 0.0],
        [0.0, 0.0],
        [0.0, 0.0],
        [0.0, 0.0],
    ]
    assert d.status == "converged"


def test_fixed_step_one_move():
    # the next move is known: back over the minimum is a bounce forever
    assert fixed_step(PARABOLA.grad, 1.0, 2.0, 1).status == "oscillating"  # to -1, back to 1
    assert fixed_step(PARABOLA.grad, 0.1, 0.3, 1).status == "oscillating"  # to -0.2, back
    assert fixed_step(PARABOLA.grad, 1.0, 0.7, 1).status == "converging"  # to 0.3, on down
    assert fixed_step(PARABOLA.grad, 1.0, 1.0, 1).status == "converged"
    assert fixed_step(PARABOLA.grad, 0.0, 0.5, 3).status == "converged"


def test_fixed_step_judged_with_its_next_move():
    # 1, 0.7, 0.4, 0.1, -0.2, 0.1: the moves so far end -, -, +, and the next is -
    d = fixed_step(PARABOLA.grad, 1.0, 0.3, 5)
    assert d.xs.tolist() == [1.0, 0.7, 0.4, 0.1, -0.2, 0.1]
    assert (d.status, d.oscillates) == ("oscillating", True)


def test_fixed_step_moves_each_coordinate_by_h():
    d = fixed_step(BOWL.grad, [1.0, -2.0], 0.25, 3)
    np.testing.assert_allclose(d.xs, [[1.0, -2.0], [0.75, -1.75], [0.5, -1.5], [0.25, -1.25]])


@pytest.mark.parametrize(
    ("lr", "status", "zigzag"),
    [
        (0.1, "converging", False),
        (0.7, "converging", True),
        (1.0, "oscillating", True),
        (1.1, "diverged", True),
        (0.5, "converged", False),
        (1.5, "diverged", True),
    ],
)
def test_one_step_runs_are_judged_by_their_gradients(lr, status, zigzag):
    # one move has no second to compare: the slope at its end says which way it goes
    d = descend(PARABOLA.grad, 1.0, lr, 1)
    assert (d.status, d.oscillates) == (status, zigzag)
    assert d.status == descend(PARABOLA.grad, 1.0, lr, 12).status


def test_descent_resting_at_the_minimum_is_converged():
    d = descend(PARABOLA.grad, 1.0, 0.5, 3)
    np.testing.assert_array_equal(d.xs, [1.0, 0.0, 0.0, 0.0])
    assert d.status == "converged"
    # with momentum a zero gradient does not stop the run: the moves decide
    d = descend(PARABOLA.grad, 1.0, 0.5, 2, momentum=0.5)
    assert d.xs[1] == 0.0
    assert d.status != "converged"


@pytest.mark.parametrize("lr", [0.95, 1.05])
def test_near_one_the_regimes_differ(lr):
    d = descend(PARABOLA.grad, 1.0, lr, 10)
    assert d.status == ("converging" if lr < 1 else "diverged")
    assert (abs(d.xs[-1]) < 1) == (lr < 1)


def test_slope_steps_halfway():
    s = slope_steps(PARABOLA, 1.0, 0.1)
    assert isinstance(s, SlopeSteps)
    np.testing.assert_allclose(s.xs, [1.0, 0.5])
    np.testing.assert_allclose(s.values, [1.0, 0.25])
    np.testing.assert_allclose(s.grads, [2.0, 1.0])
    np.testing.assert_allclose(s.moves, [0.2, 0.1])
    np.testing.assert_allclose(s.nexts, [0.8, 0.4])
    np.testing.assert_allclose(s.next_values, [0.64, 0.16])
    assert s.lr == 0.1
    # the same update as one step of gradient descent from each place
    for x, nxt in zip(s.xs, s.nexts, strict=True):
        assert descend(PARABOLA.grad, x, 0.1, 1).xs[1] == pytest.approx(nxt)
    # the step is proportional to the slope
    assert s.moves[0] / s.moves[1] == pytest.approx(s.grads[0] / s.grads[1])


@pytest.mark.parametrize("x0", [-2.0, -0.1, 0.3, 2.0])
@pytest.mark.parametrize("lr", [0.001, 0.7, 1.5])
def test_slope_steps_any_start(x0, lr):
    s = slope_steps(PARABOLA, x0, lr)
    np.testing.assert_allclose(s.xs, [x0, x0 / 2])
    np.testing.assert_allclose(s.grads, 2 * s.xs)
    np.testing.assert_allclose(s.nexts, s.xs - lr * s.grads)


def test_slope_steps_bad_input():
    with pytest.raises(DlmathError, match="^obj must be an objective of one variable"):
        slope_steps(BOWL, 1.0, 0.1)
    with pytest.raises(DlmathError, match="^lr "):
        slope_steps(PARABOLA, 1.0, -0.1)
    with pytest.raises(DlmathError, match="^x0 "):
        slope_steps(PARABOLA, float("nan"), 0.1)


def test_descent_steps_and_frozen():
    d = descend(PARABOLA.grad, 1.0, 0.1, 3)
    assert isinstance(d, Descent)
    np.testing.assert_allclose(d.steps, np.diff(d.xs))
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.lr = 1.0  # type: ignore[misc]


def test_lr_zero_stays_put():
    d = descend(PARABOLA.grad, 2.0, 0.0, 5)
    np.testing.assert_array_equal(d.xs, 2.0)
    assert d.status == "converged"


# ---------------------------------------------------------------- independent: hand loop


@pytest.mark.parametrize("momentum", [0.0, 0.5, 0.9])
@pytest.mark.parametrize("lr", [0.01, 0.1, 0.7])
def test_descend_matches_hand_loop_1d(lr, momentum):
    d = descend(PARABOLA.grad, 1.0, lr, 25, momentum=momentum)
    np.testing.assert_allclose(d.xs, loop_descend(PARABOLA.grad, 1.0, lr, 25, momentum))


@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_descend_matches_hand_loop_2d(momentum):
    d = descend(BOWL.grad, [-4.0, 1.0], 0.05, 40, momentum=momentum)
    np.testing.assert_allclose(d.xs, loop_descend(BOWL.grad, [-4.0, 1.0], 0.05, 40, momentum))


@settings(max_examples=50, deadline=None)
@given(
    dim=st.integers(1, 4),
    steps=st.integers(1, 30),
    lr=st.floats(0, 0.5),
    momentum=st.floats(0, 0.95),
    seed=st.integers(0, 2**32 - 1),
)
def test_descend_matches_hand_loop_random_quadratics(dim, steps, lr, momentum, seed):
    rng = np.random.default_rng(seed)
    a = rng.uniform(0.1, 3.0, size=dim)
    x0 = rng.normal(size=dim)

    def grad(x):
        return a * x

    d = descend(grad, x0, lr, steps, momentum=momentum, f=lambda x: 0.5 * float(a @ (x * x)))
    want = loop_descend(grad, x0, lr, steps, momentum)
    assert d.xs.shape == (steps + 1, dim)
    np.testing.assert_allclose(d.xs, want, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(d.grads, a * want, rtol=1e-12, atol=1e-12)
    assert d.values is not None
    assert d.values.shape == (steps + 1,)
    np.testing.assert_array_equal(d.xs[0], x0)
    assert d.status in ("converged", "converging", "oscillating", "diverged")


def test_x0_is_not_modified():
    x0 = np.array([1.0, 2.0])
    descend(BOWL.grad, x0, 0.1, 5, momentum=0.5)
    fixed_step(BOWL.grad, x0, 0.1, 5)
    np.testing.assert_array_equal(x0, [1.0, 2.0])


# ---------------------------------------------------------------- classify


@pytest.mark.parametrize(
    ("xs", "status", "zigzag"),
    [
        ([1.0, 0.5, 0.25, 0.125, 0.0625, 0.03125], "converging", False),
        ([1.0, -1.0, 1.0, -1.0, 1.0, -1.0], "oscillating", True),
        ([1.0, -2.0, 4.0, -8.0, 16.0, -32.0], "diverged", True),
        ([1.0, 2.0, 4.0, 8.0, 16.0, 32.0], "diverged", False),
        ([1.0, 0.5, 0.0, 0.0], "converged", False),
        ([3.0, 3.0], "converged", False),
        ([1.0, 0.5], "converging", False),
        ([1.0, np.nan, np.nan], "diverged", False),
    ],
)
def test_classify_cases(xs, status, zigzag):
    assert classify(np.array(xs)) == (status, zigzag)


def test_classify_blow_up_keeps_the_direction_of_finite_moves():
    # zig-zag that overflows to inf then NaN still counts as oscillating
    d = descend(PARABOLA.grad, 1.0, 1e200, 6)
    assert not np.isfinite(d.xs[-1])
    assert d.status == "diverged"
    assert d.oscillates is True
    # a run that runs away in one direction does not zig-zag
    d = descend(lambda x: -2.0 * x, 1.0, 1e200, 6)
    assert d.status == "diverged"
    assert d.oscillates is False


def test_classify_2d_uses_move_lengths():
    xs = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, 1.0], [-1.0, -1.0]])
    assert classify(xs) == ("oscillating", True)


# ---------------------------------------------------------------- bad input


def test_grad_shape_mismatch_raises():
    with pytest.raises(DlmathError, match=r"^grad must return shape \(2,\)") as e:
        descend(lambda x: np.zeros(3), [1.0, 2.0], 0.1, 5)
    assert isinstance(e.value, ValueError)
    with pytest.raises(DlmathError, match=r"^grad must return shape \(\)"):
        descend(lambda x: np.array([2 * x]), 1.0, 0.1, 5)
    with pytest.raises(DlmathError, match=r"^grad must return shape \(2,\)"):
        fixed_step(lambda x: 1.0, [1.0, 2.0], 0.5, 3)  # no silent broadcast
    with pytest.raises(DlmathError, match=r"^grad must return numbers"):
        descend(lambda x: "down", 1.0, 0.1, 3)


def test_errors_raised_inside_grad_are_not_masked():
    def grad(x):
        raise DlmathError("inner must be something")

    with pytest.raises(DlmathError, match="^inner"):
        descend(grad, 1.0, 0.1, 3)


GOOD = {"grad": PARABOLA.grad, "x0": 1.0, "lr": 0.1, "steps": 5}


@pytest.mark.parametrize(
    ("change", "name"),
    [
        ({"lr": -0.1}, "lr"),
        ({"lr": np.nan}, "lr"),
        ({"lr": np.inf}, "lr"),
        ({"lr": "0.1"}, "lr"),
        ({"lr": None}, "lr"),
        ({"momentum": -0.5}, "momentum"),
        ({"momentum": np.nan}, "momentum"),
        ({"steps": 0}, "steps"),
        ({"steps": -3}, "steps"),
        ({"steps": 2.5}, "steps"),
        ({"steps": 2.0}, "steps"),
        ({"steps": True}, "steps"),
        ({"steps": "5"}, "steps"),
        ({"x0": np.nan}, "x0"),
        ({"x0": [[1.0, 2.0]]}, "x0"),
        ({"x0": []}, "x0"),
        ({"x0": [1.0, np.inf]}, "x0"),
        ({"x0": "1"}, "x0"),
    ],
)
def test_bad_descend_input_raises(change, name):
    with pytest.raises(DlmathError, match=rf"^{name} ") as e:
        descend(**{**GOOD, **change})
    assert isinstance(e.value, ValueError)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize(
    ("change", "name"),
    [
        ({"step": 0}, "step"),
        ({"step": -0.5}, "step"),
        ({"step": np.nan}, "step"),
        ({"step": "0.5"}, "step"),
        ({"steps": 0}, "steps"),
        ({"steps": 2.5}, "steps"),
        ({"x0": [[1.0]]}, "x0"),
    ],
)
def test_bad_fixed_step_input_raises(change, name):
    args = {"grad": PARABOLA.grad, "x0": 1.0, "step": 0.5, "steps": 5, **change}
    with pytest.raises(DlmathError, match=rf"^{name} ") as e:
        fixed_step(**args)
    assert isinstance(e.value, ValueError)
