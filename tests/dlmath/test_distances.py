"""Tests for dlmath.distances: pairwise L1/L2 distances and image distances."""

import math
import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import cdist

from dlmath import DlmathError
from dlmath.distances import image_distance, pairwise_distances

# CURRICULUM knn-distance
TEST_IMG = [[56, 32, 10, 18], [90, 23, 128, 133], [24, 26, 178, 200], [2, 0, 255, 220]]
TRAIN_IMG = [[10, 20, 24, 17], [8, 10, 89, 100], [12, 16, 178, 170], [4, 32, 233, 112]]
DIFF_IMG = [[46, 12, 14, 1], [82, 13, 39, 33], [12, 10, 0, 30], [2, 32, 22, 108]]


# --- the lecture's numbers ---------------------------------------------------


def test_curriculum_image_distance():
    r = image_distance(TEST_IMG, TRAIN_IMG)
    np.testing.assert_array_equal(r.diff, DIFF_IMG)
    assert r.l1 == pytest.approx(456)
    assert r.l2 == pytest.approx(162.11, abs=0.005)
    assert r.l2 == pytest.approx(math.sqrt(sum(v * v for row in DIFF_IMG for v in row)))
    assert (r.metric, r.distance) == ("l1", r.l1)
    assert image_distance(TEST_IMG, TRAIN_IMG, "l2").distance == pytest.approx(162.11, abs=0.005)


def test_image_distance_uint8_does_not_wrap():
    a = np.array([[3]], dtype=np.uint8)
    b = np.array([[250]], dtype=np.uint8)
    assert image_distance(a, b).l1 == 247


def test_image_distance_any_shape():
    rng = np.random.default_rng(1)
    a, b = rng.random((2, 3, 4)), rng.random((2, 3, 4))
    r = image_distance(a, b)
    assert r.diff.shape == (2, 3, 4)
    assert r.l1 == pytest.approx(np.abs(a - b).sum())
    assert r.l2 == pytest.approx(np.linalg.norm((a - b).ravel()))


# --- pairwise distances ----------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(
    n=st.integers(1, 6),
    m=st.integers(1, 6),
    d=st.integers(1, 5),
    metric=st.sampled_from(["l1", "l2"]),
    seed=st.integers(0, 2**32 - 1),
    spread=st.sampled_from([1e-3, 1.0, 1e3]),
)
def test_pairwise_matches_cdist(n, m, d, metric, seed, spread):
    rng = np.random.default_rng(seed)
    A, B = spread * rng.standard_normal((n, d)), spread * rng.standard_normal((m, d))
    got = pairwise_distances(A, B, metric)
    want = cdist(A, B, "cityblock" if metric == "l1" else "euclidean")
    assert got.shape == (n, m)
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7 * spread)


def test_pairwise_one_row_and_exact_zero():
    d = pairwise_distances([3.0, 4.0], [[0.0, 0.0], [3.0, 4.0]])
    assert d.shape == (1, 2)
    np.testing.assert_allclose(d, [[5.0, 0.0]])
    same = np.random.default_rng(0).standard_normal((20, 7))
    assert np.all(np.isfinite(pairwise_distances(same, same)))  # clipped, never sqrt(< 0)


def test_pairwise_builds_no_n_m_d_temporary():
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((200, 500)), rng.standard_normal((300, 500))
    tracemalloc.start()
    pairwise_distances(A, B)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 4 * 200 * 300 * 8  # an (N, M, D) temporary would be 500x larger


# --- bad input ---------------------------------------------------------------


def test_pairwise_and_image_bad_input():
    with pytest.raises(DlmathError, match=r"A and B .*\(2, 3\) and \(1, 2\)"):
        pairwise_distances(np.ones((2, 3)), [1.0, 2.0])
    with pytest.raises(DlmathError, match="metric"):
        pairwise_distances([1.0], [2.0], "l0")
    with pytest.raises(DlmathError, match="B holds values too large"):
        pairwise_distances([1.0], [1e200])
    with pytest.raises(DlmathError, match="A"):
        pairwise_distances(np.ones((2, 2, 2)), [1.0, 2.0])
    with pytest.raises(DlmathError, match=r"test and train .*\(4, 4\) and \(2, 2\)"):
        image_distance(TEST_IMG, [[1, 2], [3, 4]])
    with pytest.raises(DlmathError, match="train"):
        image_distance(TEST_IMG, np.full((4, 4), np.nan))
    with pytest.raises(DlmathError, match="metric"):
        image_distance(TEST_IMG, TRAIN_IMG, "l2squared")
