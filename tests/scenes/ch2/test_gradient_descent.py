"""gradient-descent: the lecture's iterates on screen and in subtitles, exact fixed steps, one scale."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

import dlmath as dm
from scenes.ch2.gradient_descent_params import GradientDescentParams
from scenes.kit import registry
from scenes.kit.words import load_words
from tests.scenes.stills import render

NAME = "gradient-descent"
P = GradientDescentParams
PARABOLA = dm.objective("parabola")
WORDS = load_words(registry.get(NAME).words_path)
STATUS = {code: WORDS[code]["status"] for code in WORDS}


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def shows(record, value: float) -> bool:
    return bool(np.isclose(record.numbers, value, rtol=1e-9, atol=1e-12).any())


def texts(record) -> str:
    return " ".join(text for text, *_ in record.texts)


# ----------------------------------------------------------------------------
# defaults: the lecture's example


def test_defaults_are_the_curriculum_example():
    p = P()
    assert (p.x0, p.steps, p.fixed_steps, p.rates) == (1.0, 10, [0.5, 0.7], [0.1, 0.7, 1.0, 1.1])


def test_step_outline():
    names = [r.name for r in render(NAME).records]
    assert names == [
        "curve",
        "fixed-step-1",
        "fixed-step-2",
        "slope",
        "rate-1",
        "rate-2",
        "rate-3",
        "rate-4",
        "summary",
    ]


def test_lecture_iterates_on_screen():
    by = steps(render(NAME))
    expected = {
        "curve": [1.0],
        "fixed-step-1": [0.5, 0.0],
        "fixed-step-2": [0.3, -0.4],
        "rate-1": [0.8, 0.64, 0.512],
        "rate-2": [-0.4, 0.16, -0.064],
        "rate-3": [1.0, -1.0],
        "rate-4": [-1.2, 1.44, 1.2**10],
    }
    for name, values in expected.items():
        for value in values:
            assert shows(by[name], value), (name, value)
    assert 1.2**10 == pytest.approx(6.19, abs=5e-3)
    # the summary: every rate and every last iterate, 6.19 among them
    for lr, last in ((0.1, 0.8**10), (0.7, (-0.4) ** 10), (1.1, 1.2**10)):
        assert shows(by["summary"], lr)
        assert shows(by["summary"], last)


def test_lecture_numbers_in_subtitles():
    by = steps(render(NAME))
    en = {name: r.subtitles["en"] for name, r in by.items()}
    assert "x₀ = 1, where y = 1" in en["curve"]
    assert "h = 0.5: x goes 0.5, 0, 0… converged." in en["fixed-step-1"]
    assert "0.3, −0.4, 0.3… oscillating." in en["fixed-step-2"]
    assert "x goes 0.8, 0.64, 0.512…" in en["rate-1"]
    assert "x = 0.107, converging." in en["rate-1"]
    assert "x goes −0.4, 0.16, −0.064…" in en["rate-2"]
    assert "converging, zig-zag" in en["rate-2"]
    assert "x goes −1, 1, −1…" in en["rate-3"]
    assert "oscillating" in en["rate-3"]
    assert "after 10 steps x = 6.192, diverged" in en["rate-4"]
    assert "η = 1.1 diverged, zig-zag" in en["summary"]
    zh = by["rate-4"].subtitles["zh"]
    assert "6.192" in zh
    assert STATUS["zh"]["diverged"] in zh


def test_slope_step_two_places_with_different_slopes():
    record = steps(render(NAME))["slope"]
    s = dm.slope_steps(PARABOLA, 1.0, 0.1)
    # x = 1: slope 2, step 0.2, to 0.8; x = 0.5: slope 1, step 0.1, to 0.4
    for value in (*s.xs, *s.grads, *s.moves, *s.nexts, s.lr):
        assert shows(record, value), value
    assert s.grads[0] == pytest.approx(2 * s.grads[1])
    assert (
        "at 1 the slope 2 gives a step of 0.2; at 0.5 the slope 1, a step of 0.1"
        in (record.subtitles["en"])
    )


def test_verdict_words_follow_dlmath():
    by = steps(render(NAME))
    words = STATUS["en"]
    runs = [dm.fixed_step(PARABOLA.grad, 1.0, h, 10) for h in (0.5, 0.7)]
    runs += [dm.descend(PARABOLA.grad, 1.0, lr, 10) for lr in (0.1, 0.7, 1.0, 1.1)]
    assert [d.status for d in runs] == [
        "converged",
        "oscillating",
        "converging",
        "converging",
        "oscillating",
        "diverged",
    ]
    names = ["fixed-step-1", "fixed-step-2", "rate-1", "rate-2", "rate-3", "rate-4"]
    for name, d in zip(names, runs, strict=True):
        record = by[name]
        assert words[d.status] in texts(record), name
        others = set(words.values()) - {words[d.status]}
        assert not any(w in record.subtitles["en"] for w in others), name


def test_the_diverging_run_leaves_the_axes_with_an_arrow():
    scene = render(NAME)
    record = steps(scene)["rate-4"]
    # x3 = -1.728 is beyond the axes' reach of 1.5: written above the box where it left
    assert any(t.startswith("x_(3) =") for t, *_ in record.texts)
    assert shows(record, -1.728)
    # runs that stay in have no such label
    for name in ("rate-1", "rate-2", "rate-3"):
        assert not any(t.startswith("x_(") and "= {" in t for t, *_ in steps(scene)[name].texts)


# ----------------------------------------------------------------------------
# changed parameters


#: One render for the changed parameters: exact fixed steps, a tiny rate, rates near 1.
CHANGED = {"fixed_steps": [0.2, 0.1], "rates": [0.001, 0.95, 1.05]}


def test_exact_fixed_steps_land_and_stay():
    # 1 - 5 * 0.2 in floats leaves 5.6e-17 and used to read "oscillating" with x10 = -0.2
    by = steps(render(NAME, CHANGED))
    for name in ("fixed-step-1", "fixed-step-2"):
        record = by[name]
        assert STATUS["en"]["converged"] in texts(record), name
        assert "converged" in record.subtitles["en"]
        assert not shows(record, -0.2)
        assert not shows(record, -0.1)
    assert "h = 0.2: x goes 0.8, 0.6, 0.4… converged." in by["fixed-step-1"].subtitles["en"]


def test_x0_one_and_a_half_with_h_0_3_converges():
    d = dm.fixed_step(PARABOLA.grad, 1.5, 0.3, 10)
    assert d.xs.tolist()[:6] == [1.5, 1.2, 0.9, 0.6, 0.3, 0.0]
    assert d.status == "converged"
    # an extreme of the scene: shown converged
    record = steps(render(NAME, P.extremes[2]))["fixed-step-1"]
    assert STATUS["en"]["converged"] in texts(record)


def test_tiny_rate_is_written_as_it_is():
    by = steps(render(NAME, CHANGED))
    assert shows(by["rate-1"], 0.001)
    assert "η = 0.001:" in by["rate-1"].subtitles["en"]
    assert "η = 0.001" in by["summary"].subtitles["en"]


def test_near_one_rates_differ():
    by = steps(render(NAME, CHANGED))
    assert STATUS["en"]["converging"] in texts(by["rate-2"])
    assert STATUS["en"]["diverged"] in texts(by["rate-3"])
    # 1.05 leaves the axes (|x5| = 1.61 > 1.5), 0.95 stays in
    assert any(t.startswith("x_(5) =") for t, *_ in by["rate-3"].texts)
    assert not any(t.startswith("x_(") and "= {" in t for t, *_ in by["rate-2"].texts)


def test_one_step_runs_get_a_true_verdict():
    values = P.extremes[1]
    assert values["steps"] == 1
    assert values["rates"] == [1.1]
    record = steps(render(NAME, values))["rate-1"]
    assert STATUS["en"]["diverged"] in texts(record)
    assert shows(record, values["x0"] * (1 - 2 * 1.1))


def test_more_decimals_where_the_rate_has_them():
    by = steps(render(NAME, P.extremes[2]))
    rate = next(r for r in by.values() if "η = 1.4999" in r.subtitles["en"])
    assert "x = 1534.4647" in rate.subtitles["en"]


# ----------------------------------------------------------------------------
# validation


@pytest.mark.parametrize(
    "values",
    [
        {"x0": 2.01},
        {"x0": -2.5},
        {"x0": 0.0},
        {"x0": 0.05},
        {"x0": float("nan")},
        {"x0": "1"},
        {"steps": 0},
        {"steps": 21},
        {"steps": 2.0},
        {"steps": True},
        {"rates": []},
        {"rates": [0.1, 0.2, 0.3, 0.4, 0.5]},
        {"rates": [0.0]},
        {"rates": [-0.1]},
        {"rates": [1.51]},
        {"rates": 0.1},
        {"fixed_steps": [0.1, 0.2, 0.3, 0.4]},
        {"fixed_steps": [0.0]},
        {"fixed_steps": [2.01]},
        {"lr": 0.1},
    ],
)
def test_bad_params_are_rejected(values):
    with pytest.raises(ValidationError):
        P(**values)


def test_x0_message_names_what_is_accepted():
    with pytest.raises(ValidationError, match=r"x0 must be at least 0\.1 away from the minimum"):
        P(x0=0.0)


def test_accepted_bounds():
    P(x0=-2, steps=20, fixed_steps=[], rates=[1.5, 0.001, 1, 0.5])
    P(x0=0.1, steps=1, fixed_steps=[2.0, 0.001, 1.3], rates=[1.1])
    assert P(x0=2).x0 == 2.0
