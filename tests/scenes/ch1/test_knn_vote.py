"""knn-vote: the curriculum's vote (k = 3 triangle, k = 5 square) on screen and in subtitles."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError

import dlmath as dm
from scenes.ch1.knn_vote_params import KnnVoteParams
from tests.scenes.stills import render

NAME = "knn-vote"
P = KnnVoteParams


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def test_defaults_are_the_curriculum_example():
    p = P()
    assert p.points[0] == [1.0, 0.2]
    assert p.points[-1] == [3.1, 2.7]
    assert p.labels == [0, 0, 1, 1, 1, 0, 0, 1, 0]
    assert p.query == [0.0, 0.0]
    assert p.ks == [3, 5]
    assert p.region_ks == [1, 5]


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "points",
        "vote-3",
        "vote-5",
        "second-set",
        "regions-1",
        "regions-5",
    ]


def test_votes_and_distances_on_screen():
    by = steps(render(NAME))
    # distances from the origin, by hand: |(1, 0.2)|, |(-0.4, 1.1)|, |(0.3, -1.3)|, ...
    nearest = [math.hypot(1, 0.2), math.hypot(-0.4, 1.1), math.hypot(0.3, -1.3)]
    more = [math.hypot(-1.6, -0.5), math.hypot(1.5, 1.2)]
    for d in nearest:
        assert np.isclose(by["vote-3"].numbers, d).any(), d
    for d in nearest + more:
        assert np.isclose(by["vote-5"].numbers, d).any(), d
    assert not np.isclose(by["vote-3"].numbers, more[0]).any()  # the table grows with k


def test_votes_in_subtitles():
    by = steps(render(NAME))
    en3, en5 = by["vote-3"].subtitles["en"], by["vote-5"].subtitles["en"]
    assert "2 × triangle, 1 × square" in en3
    assert "the query is a triangle" in en3
    assert "radius 1.33" in en3
    assert "2 × triangle, 3 × square" in en5
    assert "the query is a square" in en5
    assert "1.92" in en5
    assert "三角形" in by["vote-3"].subtitles["zh"]
    assert "查询点是正方形" in by["vote-5"].subtitles["zh"]


def test_regions_island_for_k1_only():
    by = steps(render(NAME))
    assert "an island" in by["regions-1"].subtitles["en"]
    assert "no island" in by["regions-5"].subtitles["en"]
    data = dm.outlier_clusters(seed=0)
    assert dm.knn_vote(data.X, data.y, data.X[data.outlier], 1).label == 0
    assert dm.knn_vote(data.X, data.y, data.X[data.outlier], 5).label == 1


def test_l1_changes_distances_and_the_words():
    scene = render(NAME, {"metric": "l1", "ks": [1, 4]})
    by = steps(scene)
    assert list(by)[1:3] == ["vote-1", "vote-4"]
    # L1 from the origin: |1| + |0.2| = 1.2 is the nearest
    assert np.isclose(by["vote-1"].numbers, 1.2).any()
    assert "diamond" in by["vote-1"].subtitles["en"]
    assert "菱形" in by["vote-1"].subtitles["zh"]
    # L1 distances: 1.2, 1.5, 1.6, 2.1 -> triangle, triangle, square, square: a tie,
    # won by the class of the nearest
    assert "a tie, won by the nearer triangle" in by["vote-4"].subtitles["en"]


def test_a_changed_query_changes_the_vote():
    scene = render(NAME, {"query": [2.5, 2.0], "ks": [1]})
    by = steps(scene)
    vote = dm.knn_vote(P().points, P().labels, [2.5, 2.0], 1)
    assert vote.label == 0  # (3.1, 2.7) is a triangle
    assert np.isclose(by["vote-1"].numbers, math.hypot(0.6, 0.7)).any()
    assert "the query is a triangle" in by["vote-1"].subtitles["en"]


@pytest.mark.parametrize(
    "bad",
    [
        {"points": [[0, 0], [1, 1]], "labels": [0, 1]},
        {"points": [[5.0, 0.0]] * 3, "labels": [0, 0, 0]},
        {"labels": [0, 1]},
        {"labels": [0, 0, 1, 1, 1, 0, 0, 1, 3]},
        {"ks": [5, 3]},
        {"ks": [8]},
        {"ks": []},
        {"metric": "l3"},
        {"region_ks": [16]},
        {"seed": -1},
        {"query": [0.0]},
    ],
)
def test_bad_parameters_are_refused(bad):
    with pytest.raises(ValidationError):
        P.model_validate(bad)
