"""Tests for dlmath.pixel_pitfalls: a shifted copy against the nearest image of another class."""

import numpy as np
import pytest

from dlmath import DlmathError
from dlmath.pixel_pitfalls import shifted_copy

RNG = np.random.default_rng(2)


def brute(image, label, train, labels, dy, dx, metric):
    moved = np.zeros_like(image)
    h, w = image.shape
    for i in range(h):
        for j in range(w):
            if 0 <= i - dy < h and 0 <= j - dx < w:
                moved[i, j] = image[i - dy, j - dx]

    def dist(a, b):
        diff = np.abs(a - b).ravel()
        return diff.sum() if metric == "l1" else np.sqrt((diff**2).sum())

    best = min(
        (dist(image, t), k)
        for k, (t, y) in enumerate(zip(train, labels, strict=True))
        if y != label
    )
    return dist(image, moved), best


@pytest.mark.parametrize("metric", ["l1", "l2"])
@pytest.mark.parametrize(("dy", "dx"), [(0, 1), (1, -2)])
def test_matches_a_loop(metric, dy, dx):
    image = RNG.integers(0, 17, (8, 8)).astype(float)
    train = RNG.integers(0, 17, (30, 8, 8)).astype(float)
    labels = RNG.integers(0, 3, 30)
    r = shifted_copy(image, 1, train, labels, dy, dx, metric)
    d, (other_d, other_k) = brute(image, 1, train, labels, dy, dx, metric)
    assert r.distance == pytest.approx(d)
    assert r.other_distance == pytest.approx(other_d)
    assert r.other_index == other_k
    assert r.other_label != 1
    assert np.array_equal(r.other_image, train[other_k])


def test_bad_input():
    with pytest.raises(DlmathError, match="another class|other than"):
        shifted_copy(np.zeros((2, 2)), 0, np.zeros((3, 2, 2)), [0, 0, 0])
    with pytest.raises(DlmathError, match="shaped like image"):
        shifted_copy(np.zeros((2, 2)), 0, np.zeros((3, 2, 3)), [1, 1, 1])
    with pytest.raises(DlmathError, match="metric"):
        shifted_copy(np.zeros((2, 2)), 0, np.zeros((3, 2, 2)), [1, 1, 1], metric="l3")
