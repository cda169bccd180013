"""momentum: the lecture's run on y = x², its two terms, the honest comparison, the elongated bowl."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch2.momentum_params import MomentumParams
from tests.scenes.stills import render

NAME = "momentum"
P = MomentumParams


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def shown(record, value, tol=1e-9) -> bool:
    return bool(np.isclose(record.numbers, value, rtol=tol, atol=1e-12).any())


def loop(x0, lr, alpha, n, grad):
    """The notes' update written out, independently of dlmath."""
    xs, prev = [np.asarray(x0, dtype=float)], np.asarray(x0, dtype=float)
    for _ in range(n):
        x = xs[-1]
        xs.append(x - lr * grad(x) + alpha * (x - prev))
        prev = x
    return np.array(xs)


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "rule",
        "update-1",
        "update-2",
        "update-3",
        "run",
        "swing",
        "bowl",
        "zigzag",
        "along",
        "losses",
    ]


def test_lecture_iterates_on_screen_and_in_subtitles():
    by = steps(render(NAME))
    heavy = loop(1.0, 0.1, 0.9, 20, lambda x: 2 * x)
    plain = loop(1.0, 0.1, 0.0, 20, lambda x: 2 * x)
    assert heavy[:7] == pytest.approx([1, 0.8, 0.46, 0.062, -0.3086, -0.5804, -0.709], abs=5e-5)
    for t in range(1, 7):
        assert shown(by["run"], heavy[t])
        assert shown(by["run"], plain[t])
    assert "0.8, 0.46, 0.062, −0.3086, −0.5804, −0.709" in by["run"].subtitles["en"]
    assert "overshoots" in by["run"].subtitles["en"]


def test_each_update_shows_its_gradient_and_velocity_terms():
    by = steps(render(NAME))
    # update 2: −0.1·1.6 = −0.16 and 0.9·(0.8 − 1) = −0.18 give 0.46
    record = by["update-2"]
    for value in (-0.16, -0.18, 0.46, 1.6):
        assert shown(record, value)
    assert record.subtitles["en"] == (
        "Update 2: the gradient step −0.16 plus the carried-over −0.18 gives 0.46."
    )
    assert "−0.092" in by["update-3"].subtitles["zh"]
    assert "−0.306" in by["update-3"].subtitles["zh"]


def test_honest_about_the_round_bowl():
    record = steps(render(NAME))["swing"]
    text = record.subtitles["en"]
    assert "Step 10: momentum's 0.0044 only passes through 0" in text
    assert "At step 20 it is at −0.3493, plain descent at 0.0115" in text
    assert "not faster" in text
    assert shown(record, loop(1.0, 0.1, 0.9, 20, lambda x: 2 * x)[10])


def test_the_bowl_where_momentum_pays():
    by = steps(render(NAME))

    def grad(p):
        return np.array([p[0], 50 * p[1]])

    def f(p):
        return 0.5 * (p[0] ** 2 + 50 * p[1] ** 2)

    plain = loop([-10, 0.5], 0.036, 0.0, 40, grad)
    heavy = loop([-10, 0.5], 0.036, 0.6, 40, grad)
    assert np.all(plain[1:10, 1] * plain[:9, 1] < 0)  # the zig-zag across the valley
    assert f(heavy[-1]) < f(plain[-1]) / 100
    assert shown(by["losses"], f(plain[-1]))
    assert shown(by["losses"], f(heavy[-1]))
    assert "η = 0.036" in by["zigzag"].subtitles["en"]
    assert "f = 2.6615 after 40 steps" in by["zigzag"].subtitles["en"]
    assert "momentum pays here" in by["losses"].subtitles["en"]
    assert "50 times steeper" in by["bowl"].subtitles["en"]


def test_changed_parameters_follow():
    by = steps(render(NAME, {"momentum": 0.5, "worked": 1, "steps": 10, "bowl_momentum": 0.95}))
    assert [n for n in by if n.startswith("update")] == ["update-1"]
    heavy = loop(1.0, 0.1, 0.5, 10, lambda x: 2 * x)
    assert shown(by["run"], heavy[6])
    assert "α = 0.5" in by["rule"].subtitles["en"]
    assert "At step 10" in by["swing"].subtitles["en"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"x0": 0.0}, "x0 must not be 0"),
        ({"bowl_start": [1.0]}, "bowl_start must be a point"),
        ({"bowl_start": [1.0, 0.0]}, "off the valley floor"),
        ({"bowl_lr": 0.05}, "bowl_lr × bowl_stretch must be below 2"),
        ({"momentum": 1.0}, "less than or equal to 0.99"),
    ],
)
def test_bad_parameters_are_named(values, message):
    with pytest.raises(ValidationError, match=message):
        P(**values)
