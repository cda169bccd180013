"""Tests for dlmath.knn: one query's vote and batched prediction."""

import math
import tracemalloc
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath import DlmathError
from dlmath.knn import knn_predict, knn_vote

# CURRICULUM knn-vote: ▲ = 0, ■ = 1, query at the origin
VOTE_X = [
    (1, 0.2), (-0.4, 1.1), (0.3, -1.3), (-1.6, -0.5), (1.5, 1.2),
    (2.6, -1.9), (-2.3, 2.4), (-2.8, -2.2), (3.1, 2.7),
]  # fmt: skip
VOTE_Y = [0, 0, 1, 1, 1, 0, 0, 1, 0]


def loop_vote(train_X, train_y, query, k, metric):
    """Plain Python reference: distances, stable order, votes, tie rule."""
    dists = []
    for row in train_X:
        if metric == "l1":
            dists.append(sum(abs(a - b) for a, b in zip(row, query, strict=True)))
        else:
            dists.append(math.sqrt(sum((a - b) ** 2 for a, b in zip(row, query, strict=True))))
    order = sorted(range(len(train_X)), key=lambda i: (dists[i], i))[:k]
    votes = Counter(train_y[i] for i in order)
    best = max(votes.values())
    for i in order:  # nearest first: the first tied label met wins
        if votes[train_y[i]] == best:
            return order, [dists[i] for i in order], train_y[i]
    raise AssertionError("unreachable")


# --- the lecture's numbers ---------------------------------------------------


def test_curriculum_vote_k3_triangle():
    v = knn_vote(VOTE_X, VOTE_Y, [0, 0], k=3)
    assert v.label == 0
    assert v.counts == {0: 2, 1: 1}
    assert list(v.neighbors) == [0, 1, 2]
    nearest = [math.hypot(1, 0.2), math.hypot(-0.4, 1.1), math.hypot(0.3, -1.3)]
    assert v.distances == pytest.approx(nearest)
    assert list(v.neighbor_labels) == [0, 0, 1]
    assert v.all_distances.shape == (9,)
    assert (v.k, v.metric) == (3, "l2")


def test_curriculum_vote_k5_square():
    v = knn_vote(VOTE_X, VOTE_Y, [0, 0], k=5)
    assert v.label == 1
    assert v.counts == {0: 2, 1: 3}
    assert list(v.neighbors) == [0, 1, 2, 3, 4]


def test_curriculum_vote_predict_agrees():
    assert list(knn_predict(VOTE_X, VOTE_Y, [[0, 0], [0, 0]], 3)) == [0, 0]
    assert list(knn_predict(VOTE_X, VOTE_Y, [[0, 0]], 5)) == [1]


# --- knn_vote: tie rules and the loop reference -----------------------------------


def test_equal_distance_neighbours_keep_lower_index():
    v = knn_vote([[1.0], [-1.0], [2.0]], [1, 0, 0], [0.0], k=1)
    assert list(v.neighbors) == [0]
    assert v.label == 1
    v = knn_vote([[1.0], [-1.0], [2.0]], [0, 1, 1], [0.0], k=1)
    assert v.label == 0


def test_label_tie_goes_to_closest_member():
    X = [[3.0, 0.0], [0.0, 1.0], [0.0, -4.0], [2.0, 0.0]]
    v = knn_vote(X, [0, 0, 1, 1], [0.0, 0.0], k=4)
    assert v.counts == {0: 2, 1: 2}
    assert list(v.neighbors) == [1, 3, 0, 2]
    assert v.label == 0  # index 1 (label 0) at distance 1 is nearest
    v = knn_vote(X, [1, 0, 0, 1], [0.0, 0.0], k=2)
    assert v.counts == {0: 1, 1: 1}
    assert v.label == 0


def test_counts_list_every_training_label_ascending():
    v = knn_vote([[0.0], [1.0], [9.0]], [7, 7, 2], [0.0], k=1)
    assert list(v.counts.items()) == [(2, 0), (7, 1)]
    assert v.label == 7


grid_points = st.lists(st.tuples(st.integers(-3, 3), st.integers(-3, 3)), min_size=1, max_size=12)


@settings(max_examples=50, deadline=None)
@given(
    points=grid_points,
    labels_seed=st.integers(0, 1000),
    query=st.tuples(st.integers(-3, 3), st.integers(-3, 3)),
    data=st.data(),
    metric=st.sampled_from(["l1", "l2"]),
)
def test_vote_matches_plain_loop(points, labels_seed, query, data, metric):
    # integer grid: many exactly equal distances, computed exactly in float64
    labels = list(np.random.default_rng(labels_seed).integers(0, 3, len(points)))
    labels = [int(c) for c in labels]
    k = data.draw(st.integers(1, len(points)))
    v = knn_vote(points, labels, query, k, metric)
    order, dists, label = loop_vote(points, labels, query, k, metric)
    assert list(v.neighbors) == order
    assert v.distances == pytest.approx(dists)
    assert v.label == label
    assert sum(v.counts.values()) == k


# --- knn_predict against knn_vote ----------------------------------------------------


def loop_predict(train_X, train_y, X, k, metric):
    return np.array([knn_vote(train_X, train_y, q, k, metric).label for q in X])


@settings(max_examples=50, deadline=None)
@given(
    n_train=st.integers(1, 25),
    n_query=st.integers(1, 15),
    n_classes=st.integers(1, 4),
    seed=st.integers(0, 2**32 - 1),
    metric=st.sampled_from(["l1", "l2"]),
    data=st.data(),
)
def test_predict_matches_vote_loop_with_ties(n_train, n_query, n_classes, seed, metric, data):
    rng = np.random.default_rng(seed)
    train_X = rng.integers(-2, 3, (n_train, 2)).astype(float)  # small grid: deliberate ties
    train_y = rng.integers(0, n_classes, n_train) * 3  # labels 0, 3, 6, 9: not contiguous
    X = rng.integers(-2, 3, (n_query, 2)).astype(float)
    k = data.draw(st.integers(1, n_train))
    batch = data.draw(st.one_of(st.none(), st.integers(1, n_query + 1)))
    got = knn_predict(train_X, train_y, X, k, metric, batch_size=batch)
    assert got.dtype.kind == "i"
    np.testing.assert_array_equal(got, loop_predict(train_X, train_y, X, k, metric))


@pytest.mark.parametrize("metric", ["l1", "l2"])
@pytest.mark.parametrize("k", [1, 4, 7, 300])
def test_predict_matches_vote_loop_random(metric, k):
    rng = np.random.default_rng(k)
    train_X, X = rng.standard_normal((300, 16)), rng.standard_normal((40, 16))
    train_y = rng.integers(0, 5, 300)
    want = loop_predict(train_X, train_y, X, k, metric)
    np.testing.assert_array_equal(knn_predict(train_X, train_y, X, k, metric), want)
    np.testing.assert_array_equal(knn_predict(train_X, train_y, X, k, metric, batch_size=7), want)


def test_predict_boundary_tie_keeps_lower_index():
    # the 3rd nearest is a tie between index 2 (kept) and index 3 (left out)
    train_X = [[0.0], [1.0], [5.0], [-5.0]]
    assert list(knn_predict(train_X, [0, 1, 0, 1], [[0.0]], 3)) == [0]
    assert list(knn_predict(train_X, [1, 0, 1, 0], [[0.0]], 3)) == [1]


def test_predict_many_boundary_ties_match_vote_loop():
    rng = np.random.default_rng(3)
    train_X = rng.integers(-1, 2, (2000, 1)).astype(float)  # 3 distinct points, 2000 copies
    train_y = rng.integers(0, 4, 2000)
    X = np.array([[-1.0], [0.0], [0.5], [1.0], [3.0]])
    for k in (1, 2, 50, 667, 1999):
        want = loop_predict(train_X, train_y, X, k, "l2")
        np.testing.assert_array_equal(knn_predict(train_X, train_y, X, k), want)


def test_predict_chunk_mixing_tied_and_untied_rows():
    rng = np.random.default_rng(5)
    train_X = np.vstack([rng.standard_normal((500, 3)), np.zeros((100, 3))])  # 100 equal points
    train_y = rng.integers(0, 3, 600)
    X = np.vstack([rng.standard_normal((20, 3)), np.full((5, 3), 0.01)])
    for k in (3, 60):
        want = loop_predict(train_X, train_y, X, k, "l2")
        np.testing.assert_array_equal(knn_predict(train_X, train_y, X, k), want)


def test_predict_peak_memory_within_twice_distance_matrix():
    rng = np.random.default_rng(0)
    train_X, X = rng.standard_normal((2000, 20)), rng.standard_normal((200, 20))
    train_y = rng.integers(0, 10, 2000)
    tracemalloc.start()
    knn_predict(train_X, train_y, X, 5)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak <= 2 * 200 * 2000 * 8


# --- bad input ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"k": 0}, "k"),
        ({"k": 10}, "k"),
        ({"k": 1.5}, "k"),
        ({"k": True}, "k"),
        ({"metric": "l3"}, "metric"),
        ({"train_y": [0, 1, -1, 0, 1, 0, 1, 0, 1]}, "train_y"),
        ({"train_y": [0, 1, 0.5, 0, 1, 0, 1, 0, 1]}, "train_y"),
        ({"train_y": [0, 1]}, "train_y"),
        ({"train_X": [1.0, 2.0]}, "train_X"),
        ({"train_X": [[np.nan, 0.0]] * 9}, "train_X"),
        ({"query": [0.0, 0.0, 0.0]}, "query"),
        ({"query": [0.0, np.inf]}, "query"),
    ],
)
def test_vote_bad_input(kwargs, name):
    args = {"train_X": VOTE_X, "train_y": VOTE_Y, "query": [0.0, 0.0], "k": 3} | kwargs
    with pytest.raises(DlmathError, match=name):
        knn_vote(**args)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"k": 10}, "k"),
        ({"metric": "cosine"}, "metric"),
        ({"X": [0.0, 0.0]}, "X"),
        ({"X": [[0.0, 0.0, 1.0]]}, "X"),
        ({"batch_size": 0}, "batch_size"),
        ({"train_y": [[0] * 9]}, "train_y"),
    ],
)
def test_predict_bad_input(kwargs, name):
    args = {"train_X": VOTE_X, "train_y": VOTE_Y, "X": [[0.0, 0.0]], "k": 3} | kwargs
    with pytest.raises(DlmathError, match=name):
        knn_predict(**args)


def test_vote_query_too_large_to_square():
    with pytest.raises(DlmathError, match="query holds values too large"):
        knn_vote(VOTE_X, VOTE_Y, [1e200, 0.0], 3)


# --- cost -----------------------------------------------------------------------
def test_knn_cost_training_stores_prediction_scans():
    from dlmath.knn import knn_cost

    c = knn_cost(np.zeros((1437, 64)))
    assert (c.n_train, c.dim, c.train_ops) == (1437, 64, 0)
    assert c.stored == c.subtractions_per_query == 1437 * 64
    assert c.distances_per_query == 1437
