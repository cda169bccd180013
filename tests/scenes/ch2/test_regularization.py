"""regularization: equal scores, R(w1) = 1 and R(w2) = 0.25, the gap λ·0.75 for each λ, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch2.regularization_params import RegularizationParams
from tests.scenes.stills import render

NAME = "regularization"
P = RegularizationParams


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def shows(record, value) -> bool:
    return bool(np.isclose(record.numbers, value).any())


def test_defaults_are_the_curriculum_example():
    p = P()
    assert p.x == [1, 1, 1, 1]
    assert p.w1 == [1, 0, 0, 0]
    assert p.w2 == [0.25] * 4


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "vectors",
        "scores",
        "data-loss",
        "penalty",
        "lambda-1",
        "lambda-2",
        "lambda-3",
        "spread",
    ]


def test_same_scores_different_penalties():
    by = steps(render(NAME))
    x, w1, w2 = np.ones(4), np.array([1.0, 0, 0, 0]), np.full(4, 0.25)
    assert w1 @ x == w2 @ x == 1.0
    assert (w1**2).sum() == 1.0
    assert (w2**2).sum() == 0.25
    assert shows(by["scores"], 1.0)
    assert shows(by["scores"], 0.25)  # the products 0.25 · 1
    assert shows(by["penalty"], 0.25)
    assert "w1·x = 1 and w2·x = 1" in by["scores"].subtitles["en"]
    assert "R(w1) = 1, R(w2) = 0.25" in by["penalty"].subtitles["en"]
    assert "R(w1) = 1，R(w2) = 0.25" in by["penalty"].subtitles["zh"]


@pytest.mark.parametrize(("n", "lam"), [(1, 0.1), (2, 1.0), (3, 10.0)])
def test_each_lambda_separates_them_by_lambda_times_three_quarters(n, lam):
    record = steps(render(NAME))[f"lambda-{n}"]
    gap = lam * (1 - 0.25)
    for value in (lam * 1.0, lam * 0.25, gap):
        assert shows(record, value), value
    text = record.subtitles["en"]
    assert f"w2 pays {gap:g} less" in text
    assert f"w1 pays {lam:g}," in text
    assert "λ times 0.75" in text


def test_spread_prefers_w2():
    assert "L2 prefers w2" in steps(render(NAME))["spread"].subtitles["en"]


def test_other_vectors_and_lambdas():
    values = P.extremes[2]  # shared with the contract test's render
    assert values["w2"] == [3.0, 0.0, 0.0]
    by = steps(render(NAME, values))
    assert list(by)[-3:] == ["lambda-1", "lambda-2", "spread"]
    # both score 3; R = 3 and 9: now w1 is the spread-out one and pays 0.5 · 6 = 3 less
    assert "w1·x = 3 and w2·x = 3" in by["scores"].subtitles["en"]
    assert shows(by["lambda-1"], 1.5)
    assert shows(by["lambda-1"], 4.5)
    assert "w1 pays 3 less, λ times 6." in by["lambda-1"].subtitles["en"]
    assert "w1 pays 12 less" in by["lambda-2"].subtitles["en"]
    assert "L2 prefers w1" in by["spread"].subtitles["en"]


def test_lambda_zero_cannot_choose():
    values = P.extremes[0]
    assert values["lams"][0] == 0.0
    by = steps(render(NAME, values))
    assert "cannot choose" in by["lambda-1"].subtitles["en"]
    # cancelling products, exactly summed: both score 1997.8002 (not noise)
    assert shows(by["scores"], 1997.8002)


@pytest.mark.parametrize(
    ("values", "word"),
    [
        ({"x": [1.0]}, "2 to 6 values"),
        ({"w1": [1.0, 0.0, 0.0]}, "one weight per input"),
        ({"w2": [0.5] * 4}, "same score"),
        ({"w2": [0.0, 0.0, 0.0, 1.0]}, "differ in L2 penalty"),
        ({"lams": []}, "1 to 4 strengths"),
        ({"lams": [101.0]}, "1 to 4 strengths"),
        ({"lams": [-1.0]}, "1 to 4 strengths"),
        ({"x": [100.0, 0, 0, 0]}, r"\|x\| < 100"),
        ({"w1": [10.0, 0, 0, 0]}, r"\|w\| < 10"),
    ],
)
def test_bad_parameters_are_refused(values, word):
    with pytest.raises(ValidationError, match=word):
        P(**values)
