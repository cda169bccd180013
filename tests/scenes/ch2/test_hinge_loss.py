"""hinge-loss: the lecture's numbers on screen and in subtitles, changed parameters, the margin case."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

import dlmath as dm
from scenes.ch2.hinge_loss_params import HingeLossParams
from tests.scenes.stills import render

NAME = "hinge-loss"
P = HingeLossParams


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def test_defaults_are_the_curriculum_example():
    p = P()
    assert p.scores == [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]]
    assert p.labels == [0, 1, 2]
    assert p.delta == 1.0
    assert p.classes[:3] == ["cat", "car", "frog"]


def test_step_outline():
    scene = render(NAME)
    assert list(steps(scene)) == [
        "scores",
        "formula",
        "example-1",
        "example-2",
        "example-3",
        "mean",
        "margin",
    ]


def test_lecture_numbers_on_screen():
    scene = render(NAME)
    by = steps(scene)
    r = dm.hinge_loss(P().scores, P().labels)
    assert r.losses == pytest.approx([2.9, 0.0, 12.9])
    # each example shows its margins and loss, and the loss column fills up row by row
    assert {2.9, 0.0} <= set(np.round(by["example-1"].numbers, 6))
    assert {6.3, 6.6, 12.9} <= set(np.round(by["example-3"].numbers, 6))
    mean = by["mean"].numbers
    assert any(np.isclose(mean, r.loss)), "the mean 5.27 is not on screen"
    assert r.loss == pytest.approx(15.8 / 3)


def test_lecture_numbers_in_subtitles():
    by = steps(render(NAME))
    assert "2.9" in by["example-1"].subtitles["en"]
    assert "cat image" in by["example-1"].subtitles["en"]
    assert "猫图片" in by["example-1"].subtitles["zh"]
    assert "its loss is 0." in by["example-2"].subtitles["en"]
    assert "12.9" in by["example-3"].subtitles["en"]
    assert "12.90" not in by["example-3"].subtitles["en"]
    assert "5.27" in by["mean"].subtitles["en"]
    assert "(N = 3)" in by["mean"].subtitles["en"]
    assert "5.27" in by["mean"].subtitles["zh"]
    assert "Δ = 1." in by["formula"].subtitles["en"]


def test_margin_case_is_a_narrow_win_that_costs():
    by = steps(render(NAME))
    case = dm.narrow_win(P().scores, P().labels, P().delta)
    assert 0 < case.lead < case.loss.delta
    assert case.loss.loss == pytest.approx(case.loss.delta - case.lead)
    shown = by["margin"].numbers
    for value in (case.s_y, case.s_j, case.loss.loss):
        assert any(np.isclose(shown, value)), value
    # no pair of the default scores wins by less than 1: the case is made up, s_j = s_y - 0.5
    assert not case.from_data
    assert case.s_j == pytest.approx(3.2 - 0.5)
    assert "0.5" in by["margin"].subtitles["en"]


def test_margin_case_from_the_data():
    values = {"scores": [[3.2, 2.6, -1.0]], "labels": [0]}
    scene = render(NAME, values)
    case = dm.narrow_win(values["scores"], values["labels"])
    assert case.from_data
    assert case.lead == pytest.approx(0.6)
    margin = steps(scene)["margin"]
    assert any(np.isclose(margin.numbers, 0.4)), "max(0, 2.6 - 3.2 + 1) = 0.4 is not on screen"
    assert "0.4" in margin.subtitles["en"]
    assert "0.6" in margin.subtitles["en"]


def test_changed_scores_change_screen_and_subtitles():
    values = {"scores": [[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]], "labels": [0, 2], "delta": 2.0}
    scene = render(NAME, values)
    r = dm.hinge_loss(values["scores"], values["labels"], 2.0)
    assert r.losses == pytest.approx([7.0, 7.0])
    by = steps(scene)
    assert list(by)[2:4] == ["example-1", "example-2"]
    assert "7" in by["example-1"].subtitles["en"]
    assert any(np.isclose(by["mean"].numbers, 7.0))
    assert "Δ = 2." in by["formula"].subtitles["en"]


def test_repeated_labels_get_distinct_row_names():
    values = {"scores": [[1.0, 2.0], [3.0, 1.0]], "labels": [0, 0]}
    by = steps(render(NAME, values))
    assert "cat image 1" in by["example-1"].subtitles["en"]
    assert "cat image 2" in by["example-2"].subtitles["en"]


def test_long_class_names_as_typed_without_translation():
    values = {
        "scores": [[1.0, 2.0]],
        "labels": [1],
        "classes": ["automobile", "hummingbird"],
    }
    by = steps(render(NAME, values, lang="zh"))
    assert "hummingbird图片" in by["example-1"].subtitles["zh"]  # no translation: as typed


def test_no_margin_step_when_delta_is_zero():
    scene = render(NAME, {"delta": 0.0})
    assert scene.records[-1].name == "no-margin"
    assert "Δ = 0" in scene.records[-1].subtitles["en"]


@pytest.mark.parametrize(
    ("values", "word"),
    [
        ({"scores": [[1.0, 2.0]] * 5, "labels": [0] * 5}, "1 to 4 rows"),
        ({"scores": [[1.0]], "labels": [0]}, "2 to 5 classes"),
        ({"scores": [[1.0, 2.0], [1.0]], "labels": [0, 0]}, "same length"),
        ({"scores": [[1000.0, 2.0]], "labels": [0]}, "|s| < 1000"),
        ({"scores": [[1.0, 2.0]], "labels": [2]}, "column indices"),
        ({"classes": ["a-very-long-name", "b", "c"]}, "1-12 characters"),
        ({"delta": 11.0}, "less than or equal to 10"),
    ],
)
def test_bad_parameters_are_refused(values, word):
    with pytest.raises(ValidationError, match=word.replace("|", r"\|")):
        P(**values)
