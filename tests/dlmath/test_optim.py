import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dlmath as dm
from dlmath import DlmathError
from dlmath.optim import OBJECTIVES, Descent, classify, descend, fixed_step, objective

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


def test_fixed_step_moves_each_coordinate_by_h():
    d = fixed_step(BOWL.grad, [1.0, -2.0], 0.25, 3)
    np.testing.assert_allclose(d.xs, [[1.0, -2.0], [0.75, -1.75], [0.5, -1.5], [0.25, -1.25]])


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
