"""Tests for dlmath.knn_regions: decision regions on a grid, clusters with an outlier."""

import numpy as np
import pytest

from dlmath import DlmathError
from dlmath.knn import knn_vote
from dlmath.knn_regions import knn_regions, outlier_clusters


def test_regions_match_one_vote_per_cell():
    X = [[0, 0], [1, 0], [0, 1], [2, 2]]
    y = [0, 1, 1, 0]
    r = knn_regions(X, y, 3, (-1, 3), (-1, 3), shape=(5, 6))
    assert r.labels.shape == (5, 6)
    assert r.ys[0] > r.ys[-1]  # row 0 is the top
    for i, yy in enumerate(r.ys):
        for j, xx in enumerate(r.xs):
            assert r.labels[i, j] == knn_vote(X, y, [xx, yy], 3).label


def test_cell_centres():
    r = knn_regions([[0, 0], [1, 1]], [0, 1], 1, (0, 4), (0, 2), shape=(2, 4))
    assert r.xs.tolist() == [0.5, 1.5, 2.5, 3.5]
    assert r.ys.tolist() == [1.5, 0.5]


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_k1_draws_an_island_and_k5_ignores_it(seed):
    c = outlier_clusters(seed=seed)
    o = c.X[c.outlier]
    assert c.y[c.outlier] == 0
    assert np.linalg.norm(o - c.centres[1]) < np.linalg.norm(o - c.centres[0])
    assert knn_vote(c.X, c.y, o, 1).label == 0
    assert knn_vote(c.X, c.y, o, 5).label == 1


def test_outlier_clusters_are_seeded():
    a, b = outlier_clusters(seed=3), outlier_clusters(seed=3)
    assert np.array_equal(a.X, b.X)
    assert a.X.shape == (21, 2)
    assert a.y.tolist() == [0] * 10 + [1] * 10 + [0]
    assert not np.array_equal(a.X, outlier_clusters(seed=4).X)


def test_bad_regions_input():
    with pytest.raises(DlmathError, match="x_range must be"):
        knn_regions([[0, 0]], [0], 1, (1, 0), (0, 1))
    with pytest.raises(DlmathError, match="2-D points"):
        knn_regions([[0, 0, 0]], [0], 1, (0, 1), (0, 1))
