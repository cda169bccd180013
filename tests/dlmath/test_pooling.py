"""Tests for dlmath.pooling: max pooling and its gradient."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath._checks import DlmathError
from dlmath.pooling import (
    Pooling,
    PoolResult,
    avg_pool,
    avg_pool_backward,
    max_pool,
    max_pool_backward,
    pool2d,
)
from tests.dlmath.numeric import numeric_grad

# ---------------------------------------------------------------- reference loops


def loop_pool(x, size, stride):
    """Plain-Python max pooling of x (C,H,W); returns output and first-max (row, col)."""
    c, h, w = x.shape
    oh, ow = (h - size) // stride + 1, (w - size) // stride + 1
    out = np.zeros((c, oh, ow))
    where = np.zeros((c, oh, ow, 2), dtype=int)
    for cc in range(c):
        for i in range(oh):
            for j in range(ow):
                best = None
                for u in range(size):
                    for v in range(size):
                        value = x[cc, i * stride + u, j * stride + v]
                        if best is None or value > best:
                            best = value
                            where[cc, i, j] = (i * stride + u, j * stride + v)
                out[cc, i, j] = best
    return out, where


# ---------------------------------------------------------------- max pooling

LECTURE_MAP = np.array(
    [[1.0, 1.0, 2.0, 4.0], [5.0, 6.0, 7.0, 8.0], [3.0, 2.0, 1.0, 0.0], [1.0, 2.0, 3.0, 4.0]]
)


def test_max_pool_lecture_4x4_map():
    result = max_pool(LECTURE_MAP, size=2, stride=2)
    assert isinstance(result, PoolResult)
    np.testing.assert_array_equal(result.output, [[6.0, 8.0], [3.0, 4.0]])
    np.testing.assert_array_equal(result.argmax, [[3, 3], [0, 3]])
    np.testing.assert_array_equal(result.rows, [[1, 1], [2, 3]])
    np.testing.assert_array_equal(result.cols, [[1, 3], [0, 3]])
    assert result.window(1, 0) == (slice(2, 4), slice(0, 2))
    assert (result.size, result.stride, result.input_shape) == (2, 2, (4, 4))


def test_max_pool_ties_go_to_first_in_row_major_order():
    x = np.array([[1.0, 5.0], [5.0, 5.0]])
    result = max_pool(x)
    assert result.argmax[0, 0] == 1
    assert (result.rows[0, 0], result.cols[0, 0]) == (0, 1)
    np.testing.assert_array_equal(max_pool_backward([[2.0]], result), [[0.0, 2.0], [0.0, 0.0]])


@settings(max_examples=50, deadline=None)
@given(
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(1, 3),
    st.integers(0, 2**32 - 1),
)
def test_max_pool_matches_loop(c, size, stride, oh, ow, seed):
    h, w = (oh - 1) * stride + size, (ow - 1) * stride + size
    # few distinct values so that ties happen often
    x = np.random.default_rng(seed).integers(0, 3, (c, h, w)).astype(float)
    result = max_pool(x, size, stride)
    expected, where = loop_pool(x, size, stride)
    np.testing.assert_array_equal(result.output, expected)
    np.testing.assert_array_equal(result.rows, where[..., 0])
    np.testing.assert_array_equal(result.cols, where[..., 1])
    u = where[..., 0] - np.arange(oh)[:, None] * stride
    v = where[..., 1] - np.arange(ow) * stride
    np.testing.assert_array_equal(result.argmax, u * size + v)


@pytest.mark.parametrize(("size", "stride"), [(2, 2), (3, 1), (2, 1), (3, 2)])
def test_max_pool_backward_matches_finite_differences(size, stride):
    rng = np.random.default_rng(size * 10 + stride)
    x = rng.permutation(2 * 7 * 7).reshape(2, 7, 7).astype(float)  # distinct values: no ties
    if (7 - size) % stride:
        x = x[:, :6, :6].copy()
    result = max_pool(x, size, stride)
    dout = rng.standard_normal(result.output.shape)

    def f():
        return float(np.sum(max_pool(x, size, stride).output * dout))

    dx = max_pool_backward(dout, result)
    np.testing.assert_allclose(dx, numeric_grad(f, x, eps=1e-3), atol=1e-8)
    np.testing.assert_allclose(max_pool_backward(dout, x, size, stride), dx)


def test_max_pool_backward_routes_to_the_max():
    dx = max_pool_backward([[1.0, 2.0], [3.0, 4.0]], LECTURE_MAP)
    expected = np.zeros((4, 4))
    expected[1, 1], expected[1, 3], expected[2, 0], expected[3, 3] = 1.0, 2.0, 3.0, 4.0
    np.testing.assert_array_equal(dx, expected)


def test_max_pool_backward_overlapping_windows_add_up():
    x = np.array([[0.0, 0.0, 0.0], [0.0, 9.0, 0.0], [0.0, 0.0, 0.0]])
    dx = max_pool_backward(np.ones((2, 2)), x, size=2, stride=1)
    assert dx[1, 1] == pytest.approx(4.0)
    assert dx.sum() == pytest.approx(4.0)


@pytest.mark.parametrize(
    ("x", "kwargs", "name"),
    [
        (np.ones(4), {}, "x must be 2-D or 3-D"),
        (np.ones((1, 1, 4, 4)), {}, "x must be 2-D or 3-D"),
        (np.ones((5, 5)), {}, r"stride does not fit.*\(5 - 2 \+ 2\*0\)/2 \+ 1 = 2.5"),
        (np.ones((4, 4)), {"size": 0}, "size"),
        (np.ones((4, 4)), {"stride": 1.5}, "stride"),
        (np.ones((4, 4)), {"size": 5}, "filter does not fit"),
        (np.array([[np.inf, 1.0], [1.0, 1.0]]), {}, "x must be finite"),
    ],
)
def test_max_pool_bad_inputs(x, kwargs, name):
    with pytest.raises(DlmathError, match=name):
        max_pool(x, **kwargs)


def test_max_pool_backward_bad_dout():
    result = max_pool(LECTURE_MAP)
    with pytest.raises(DlmathError, match=r"dout must have the pooled output's shape \(2, 2\)"):
        max_pool_backward(np.ones((4, 4)), result)
    with pytest.raises(DlmathError, match="x must be 2-D or 3-D"):
        max_pool_backward(np.ones(2), np.ones(4))


# ---------------------------------------------------------------- average pooling and pool2d


def loop_avg(x, size, stride):
    """Plain-Python average pooling of a 2-D map."""
    h, w = x.shape
    oh, ow = (h - size) // stride + 1, (w - size) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            total = 0.0
            for u in range(size):
                for v in range(size):
                    total += x[i * stride + u, j * stride + v]
            out[i, j] = total / (size * size)
    return out


def test_avg_pool_lecture_4x4_map():
    np.testing.assert_allclose(avg_pool(LECTURE_MAP), [[3.25, 5.25], [2.0, 2.0]])
    assert avg_pool(LECTURE_MAP[None]).shape == (1, 2, 2)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_avg_pool_matches_loop_and_finite_differences(size, stride, n, seed):
    h = (n - 1) * stride + size
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((h, h))
    np.testing.assert_allclose(avg_pool(x, size, stride), loop_avg(x, size, stride), atol=1e-12)
    dout = rng.standard_normal((n, n))

    def f():
        return float(np.sum(avg_pool(x, size, stride) * dout))

    dx = avg_pool_backward(dout, x.shape, size, stride)
    np.testing.assert_allclose(dx, numeric_grad(f, x), atol=1e-7)


def test_avg_pool_backward_spreads_equally():
    dx = avg_pool_backward([[4.0, 8.0], [-4.0, 0.0]], (4, 4))
    np.testing.assert_allclose(dx[:2, :2], 1.0)
    np.testing.assert_allclose(dx[:2, 2:], 2.0)
    np.testing.assert_allclose(dx[2:, :2], -1.0)
    np.testing.assert_allclose(dx[2:, 2:], 0.0)
    assert avg_pool_backward(np.ones((2, 1, 1)), (2, 2, 2)).shape == (2, 2, 2)


def test_avg_pool_bad_inputs():
    with pytest.raises(DlmathError, match="stride does not fit"):
        avg_pool(np.ones((5, 5)))
    with pytest.raises(DlmathError, match="dout must have"):
        avg_pool_backward(np.ones((3, 3)), (4, 4))
    with pytest.raises(DlmathError, match="input_shape"):
        avg_pool_backward(np.ones((2, 2)), (4,))


def test_pool2d_max_lecture():
    r = pool2d(LECTURE_MAP)
    assert isinstance(r, Pooling)
    np.testing.assert_array_equal(r.output, [[6.0, 8.0], [3.0, 4.0]])
    np.testing.assert_array_equal(r.dout, [[1.0, 2.0], [3.0, 4.0]])  # 1, 2, 3, ... by default
    expected = np.zeros((4, 4))
    expected[1, 1], expected[1, 3], expected[2, 0], expected[3, 3] = 1.0, 2.0, 3.0, 4.0
    np.testing.assert_array_equal(r.dx, expected)
    np.testing.assert_array_equal(r.rows, [[1, 1], [2, 3]])
    assert (r.count, r.size, r.stride, r.mode) == (4, 2, 2, "max")
    assert r.window(0, 1) == (slice(0, 2), slice(2, 4))


def test_pool2d_average_lecture():
    r = pool2d(LECTURE_MAP, mode="average", dout=[[4.0, -2.0], [1.0, 0.5]])
    np.testing.assert_allclose(r.output, [[3.25, 5.25], [2.0, 2.0]])
    np.testing.assert_allclose(r.shares, [[1.0, -0.5], [0.25, 0.125]])
    np.testing.assert_allclose(r.dx, avg_pool_backward(r.dout, (4, 4)))
    assert r.rows.size == 0
    np.testing.assert_allclose(r.dx[2:, 2:], 0.125)


def test_pool2d_bad_inputs():
    with pytest.raises(DlmathError, match="mode"):
        pool2d(LECTURE_MAP, mode="min")
    with pytest.raises(DlmathError, match=r"dout must have the pooled output's shape \(2, 2\)"):
        pool2d(LECTURE_MAP, dout=[1.0, 2.0])
    with pytest.raises(DlmathError, match="x must be 2-D"):
        pool2d(LECTURE_MAP[None])
