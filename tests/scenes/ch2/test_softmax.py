"""softmax: the lecture's columns on screen and in subtitles, the base-10 slip, softmax against hinge."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch2.softmax_params import SoftmaxParams
from tests.scenes.stills import render

NAME = "softmax"
P = SoftmaxParams
SCORES = [3.2, 5.1, -1.7]


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def shows(record, value, rtol=1e-6) -> bool:
    return bool(np.isclose(record.numbers, value, rtol=rtol).any())


def test_defaults_are_the_curriculum_example():
    p = P()
    assert p.scores == SCORES
    assert p.label == 0
    assert p.classes[:3] == ["cat", "car", "frog"]


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "scores",
        "exp",
        "normalise",
        "loss",
        "base-ten",
        "versus",
        "grow",
        "never-zero",
    ]


def test_each_column_from_the_one_before():
    by = steps(render(NAME))
    exps = [math.exp(s) for s in SCORES]
    total = sum(exps)
    probs = [e / total for e in exps]
    assert [round(e, 2) for e in exps] == [24.53, 164.02, 0.18]
    assert [round(p, 2) for p in probs[:2]] == [0.13, 0.87]
    assert f"{probs[2]:.2g}" == "0.00097"
    for e in exps:
        assert shows(by["exp"], e)
    for p in probs:
        assert shows(by["normalise"], p)
    assert shows(by["normalise"], total)
    assert "24.53, 164.02, 0.18" in by["exp"].subtitles["en"]
    assert "0.13, 0.87, 0.00097" in by["normalise"].subtitles["en"]
    assert "0.13，0.87，0.00097" in by["normalise"].subtitles["zh"]


def test_loss_is_natural_log_and_base_ten_is_the_slip():
    by = steps(render(NAME))
    p_cat = math.exp(3.2) / sum(math.exp(s) for s in SCORES)
    loss, slip = -math.log(p_cat), -math.log10(p_cat)
    assert round(loss, 2) == 2.04
    assert round(slip, 2) == 0.89
    assert shows(by["loss"], loss)
    assert shows(by["base-ten"], slip)
    assert "−ln 0.13 = 2.04" in by["loss"].subtitles["en"]
    assert "Log base 10 gives 0.89" in by["base-ten"].subtitles["en"]
    assert "2.04" in by["base-ten"].subtitles["en"]


def test_hinge_against_softmax_on_the_same_scores():
    by = steps(render(NAME))
    hinge = sum(max(0.0, s - 3.2 + 1) for s in SCORES[1:])
    assert hinge == pytest.approx(2.9)
    assert shows(by["versus"], hinge)
    assert shows(by["versus"], 2.0404, rtol=1e-3)
    assert "hinge gives 2.9, softmax 2.04" in by["versus"].subtitles["en"]


def test_raising_the_true_score():
    by = steps(render(NAME))
    # hinge reaches 0 at the best wrong score plus the margin, 5.1 + 1
    assert "0 at 6.1" in by["grow"].subtitles["en"]
    assert shows(by["grow"], 6.1)
    # at the end of the axis (12) softmax is ln(1 + e^(5.1-12) + e^(-1.7-12)), never 0
    end = math.log1p(math.exp(5.1 - 12) + math.exp(-1.7 - 12))
    assert shows(by["never-zero"], end, rtol=1e-9)
    assert "At 12 softmax is still 0.001" in by["never-zero"].subtitles["en"]


def test_changed_scores_and_true_class():
    values = P.extremes[1]  # shared with the contract test's render
    assert values == {"scores": [2.0, 2.0], "label": 1}
    by = steps(render(NAME, values))
    assert "car image" in by["scores"].subtitles["en"]
    assert "−ln 0.5 = 0.69" in by["loss"].subtitles["en"]
    assert "hinge gives 1, softmax 0.69" in by["versus"].subtitles["en"]
    assert "0 at 3" in by["grow"].subtitles["en"]
    assert "汽车" in by["grow"].subtitles["zh"]


def test_a_probability_near_one_keeps_enough_decimals():
    values = P.extremes[2]
    assert values["scores"] == [10.0, -3.0, 0.5, 1.0]
    by = steps(render(NAME, values))
    # −ln 1 would read as 0: the probability is written as 0.9998
    assert "−ln 0.9998 = 0.0002" in by["loss"].subtitles["en"]


@pytest.mark.parametrize(
    ("values", "word"),
    [
        ({"scores": [1.0]}, "2 to 5 classes"),
        ({"scores": [1.0] * 6}, "2 to 5 classes"),
        ({"scores": [100.0, 0.0]}, r"\|s\| < 100"),
        ({"label": 3}, "index into scores"),
        ({"classes": ["cat", "a-very-long-name", "frog"]}, "1-12 characters"),
        ({"scores": [1.0, float("inf")]}, "finite"),
    ],
)
def test_bad_parameters_are_refused(values, word):
    with pytest.raises(ValidationError, match=word):
        P(**values)
