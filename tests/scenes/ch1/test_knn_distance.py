"""knn-distance: the notes' differences, L1 = 456 and L2 = 162.11, real digits, cost, a shifted copy."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch1.knn_distance_params import KnnDistanceParams
from scenes.data import digits
from tests.scenes.stills import render

NAME = "knn-distance"
P = KnnDistanceParams
DIFF = [[46, 12, 14, 1], [82, 13, 39, 33], [12, 10, 0, 30], [2, 32, 22, 108]]


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def test_defaults_are_the_notes_example():
    p = P()
    assert p.test[1] == [90, 23, 128, 133]
    assert p.train[3] == [4, 32, 233, 112]
    assert p.metric == "l1"
    assert p.k == 1


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "images",
        "differences",
        "l1",
        "l2",
        "training-set",
        "digit-1",
        "digit-2",
        "cost",
        "shift",
    ]


def test_differences_and_distances_on_screen():
    by = steps(render(NAME))
    diffs = by["differences"].numbers
    for value in np.ravel(DIFF):
        assert value in diffs
    # independent: the notes' sum and the root of the sum of squares
    assert sum(map(sum, DIFF)) == 456
    l2 = float(np.sqrt(np.sum(np.square(DIFF))))
    assert l2 == pytest.approx(162.11, abs=0.005)
    assert 456.0 in by["l1"].numbers
    assert np.isclose(by["l2"].numbers, l2).any()
    assert "456" in by["l1"].subtitles["en"]
    assert "162.11" in by["l2"].subtitles["en"]
    assert "|56 − 10| = 46" in by["differences"].subtitles["en"]
    assert "162.11" in by["l2"].subtitles["zh"]


def test_digits_right_and_wrong():
    by = steps(render(NAME))
    data = digits()
    first = data.test_images[0].ravel()
    l1 = np.abs(data.train_images.reshape(len(data.train_labels), -1) - first).sum(axis=1)
    assert l1.min() == 60
    assert data.train_labels[np.argmin(l1)] == data.test_labels[0] == 2
    assert "right" in by["digit-1"].subtitles["en"]
    assert "60 away" in by["digit-1"].subtitles["en"]
    assert "wrong" in by["digit-2"].subtitles["en"]
    assert "the vote says 1" in by["digit-2"].subtitles["en"]
    assert "错误" in by["digit-2"].subtitles["zh"]


def test_cost_and_shift():
    by = steps(render(NAME))
    assert 1437.0 in by["training-set"].numbers
    assert 1437 * 64 in by["cost"].numbers
    assert "91968" in by["cost"].subtitles["en"]
    shift = by["shift"]
    assert {252.0, 155.0} <= set(shift.numbers)
    assert "252" in shift.subtitles["en"]
    assert "a 3 is at 155" in shift.subtitles["en"]


def test_changed_parameters_follow():
    scene = render(
        NAME,
        {
            "test": [[0, 10], [20, 30]],
            "train": [[5, 5], [5, 5]],
            "metric": "l2",
            "k": 3,
            "test_digits": [3],
        },
    )
    by = steps(scene)
    assert {5.0, 15.0, 25.0} <= set(by["differences"].numbers)
    assert 50.0 in by["l1"].numbers
    assert np.isclose(by["l2"].numbers, np.sqrt(25 + 25 + 225 + 625)).any()
    assert "L2" in by["l2"].subtitles["en"]
    assert "digit-2" not in by
    assert "px" in by["shift"].subtitles["en"]


@pytest.mark.parametrize(
    "bad",
    [
        {"test": [[1, 2], [3, 4]]},
        {"test": [[300, 0], [0, 0]], "train": [[0, 0], [0, 0]]},
        {"test_digits": [360]},
        {"test_digits": []},
        {"k": 6},
        {"shift": 0},
        {"metric": "cosine"},
    ],
)
def test_bad_parameters_are_refused(bad):
    with pytest.raises(ValidationError):
        P.model_validate(bad)


def test_the_shift_verdict_follows_the_distances():
    """The copy is called farther only when it is: the subtitle compares the two distances."""
    scene = render(NAME)
    shift = steps(scene)["shift"]
    far, near = (v for v in shift.numbers if v > 32)  # the two distances on screen
    assert far > near
    assert "the copy is farther" in shift.subtitles["en"]
    assert "副本反而更远" in shift.subtitles["zh"]
