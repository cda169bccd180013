"""Tests for dlmath.conv: output sizes, convolution and its gradients."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath._checks import DlmathError
from dlmath.conv import ConvResult, conv2d, conv2d_backward, conv_output_size
from tests.dlmath.numeric import numeric_grad

# ---------------------------------------------------------------- reference loops


def loop_conv(x, w, b, stride, pad):
    """Plain-Python cross-correlation, x (C,H,W), w (K,C,F,F), b (K,)."""
    c, h, wd = x.shape
    k, _, fh, fw = w.shape
    xp = np.zeros((c, h + 2 * pad, wd + 2 * pad))
    xp[:, pad : pad + h, pad : pad + wd] = x
    oh = (h - fh + 2 * pad) // stride + 1
    ow = (wd - fw + 2 * pad) // stride + 1
    out = np.zeros((k, oh, ow))
    for kk in range(k):
        for i in range(oh):
            for j in range(ow):
                total = b[kk]
                for cc in range(c):
                    for u in range(fh):
                        for v in range(fw):
                            total += xp[cc, i * stride + u, j * stride + v] * w[kk, cc, u, v]
                out[kk, i, j] = total
    return out


@st.composite
def conv_case(draw):
    """A random (x, w, b, stride, pad) whose sizes fit exactly."""
    f = draw(st.integers(1, 3))
    stride = draw(st.integers(1, 3))
    pad = draw(st.integers(0, 2))
    oh, ow = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    h, w = (oh - 1) * stride + f - 2 * pad, (ow - 1) * stride + f - 2 * pad
    if h < 1 or w < 1:
        h, w, pad = (oh - 1) * stride + f, (ow - 1) * stride + f, 0
    c, k = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return (
        rng.standard_normal((c, h, w)),
        rng.standard_normal((k, c, f, f)),
        rng.standard_normal(k),
        stride,
        pad,
    )


# ---------------------------------------------------------------- output size


@pytest.mark.parametrize(
    ("pad", "stride", "expected"), [(1, 1, 5), (1, 2, 3), (0, 1, 3), (0, 2, 2)]
)
def test_output_size_lecture_5x5_input_3x3_filter(pad, stride, expected):
    assert conv_output_size(5, 3, pad, stride) == expected


def test_output_size_other_values():
    assert conv_output_size(7, 3, 0, 2) == 3
    assert conv_output_size(32, 5, 2, 1) == 32
    assert conv_output_size(227, 11, 0, 4) == 55  # AlexNet's first layer


def test_output_size_not_integer_shows_arithmetic():
    with pytest.raises(DlmathError, match=r"stride") as err:
        conv_output_size(7, 3, 0, 3)
    message = str(err.value)
    assert "(7 - 3 + 2*0)/3 + 1 = 2.33" in message
    assert "W - F + 2P" in message
    assert "\n" not in message


def test_output_size_filter_too_large_shows_arithmetic():
    with pytest.raises(DlmathError, match=r"\(3 - 5 \+ 2\*0\) = -2 < 0"):
        conv_output_size(3, 5)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((0, 3), "size"),
        ((5, 0), "field"),
        ((5, 3, -1), "pad"),
        ((5, 3, 0, 0), "stride"),
        ((5.5, 3), "size"),
        ((5, True), "field"),
    ],
)
def test_output_size_bad_arguments(args, name):
    with pytest.raises(DlmathError, match=name):
        conv_output_size(*args)


# ---------------------------------------------------------------- conv2d forward


@settings(max_examples=50, deadline=None)
@given(conv_case())
def test_conv2d_matches_loop(case):
    x, w, b, stride, pad = case
    result = conv2d(x, w, b, stride=stride, pad=pad)
    expected = loop_conv(x, w, b, stride, pad)
    np.testing.assert_allclose(result.output, expected, atol=1e-12)
    assert result.output.shape[1] == conv_output_size(x.shape[1], w.shape[2], pad, stride)


def test_conv2d_lecture_example_padding_and_stride():
    x = np.arange(25.0).reshape(5, 5)
    w = np.array([[1.0, 0.0, -1.0], [1.0, 0.0, -1.0], [1.0, 0.0, -1.0]])
    same = conv2d(x, w, 1.0, pad=1)
    assert isinstance(same, ConvResult)
    assert same.output.shape == (5, 5)
    assert same.padded.shape == (7, 7)
    assert same.padded[0].tolist() == [0.0] * 7
    np.testing.assert_array_equal(same.padded[1:6, 1:6], x)
    # centre cell: window rows 1..3, cols 1..3 of x -> (6+11+16) - (8+13+18) + 1 = -5
    assert same.output[2, 2] == pytest.approx(-5.0)
    # top-left cell sees padding: rows -1..1, cols -1..1 -> (0+5) * -1 ... = -(1 + 6) + 1
    assert same.output[0, 0] == pytest.approx(-6.0)
    strided = conv2d(x, w, 1.0, pad=1, stride=2)
    assert strided.output.shape == (3, 3)
    np.testing.assert_allclose(strided.output, same.output[::2, ::2])
    assert conv2d(x, w, stride=2).output.shape == (2, 2)
    assert conv2d(x, w).output.shape == (3, 3)


def test_conv2d_is_cross_correlation_not_flipped():
    x = np.zeros((3, 3))
    x[0, 0] = 1.0
    w = np.arange(9.0).reshape(3, 3)
    assert conv2d(x, w).output[0, 0] == pytest.approx(0.0)  # w[0, 0], not w[2, 2]
    assert conv2d(np.ones((3, 3)), w, 0.5).output[0, 0] == pytest.approx(36.5)


def test_conv2d_2d_convention_matches_4d():
    rng = np.random.default_rng(1)
    x, w = rng.standard_normal((6, 6)), rng.standard_normal((3, 3))
    flat = conv2d(x, w, 0.3, stride=1, pad=1)
    full = conv2d(x[None], w[None, None], [0.3], stride=1, pad=1)
    assert flat.output.shape == (6, 6)
    assert full.output.shape == (1, 6, 6)
    np.testing.assert_allclose(flat.output, full.output[0])
    # a 2-D x with several one-channel filters gives a 3-D output
    assert conv2d(x, np.stack([w[None], w[None]]), [0.0, 1.0]).output.shape == (2, 4, 4)


def test_conv2d_scalar_bias_broadcasts_to_every_filter():
    rng = np.random.default_rng(2)
    x, w = rng.standard_normal((2, 4, 4)), rng.standard_normal((3, 2, 3, 3))
    result = conv2d(x, w, 2.5)
    np.testing.assert_array_equal(result.bias, [2.5, 2.5, 2.5])
    np.testing.assert_allclose(result.output, conv2d(x, w, [2.5, 2.5, 2.5]).output)


def test_window_gives_the_cells_dot_product():
    rng = np.random.default_rng(3)
    x, w, b = rng.standard_normal((2, 5, 5)), rng.standard_normal((3, 2, 3, 3)), [0.1, -0.2, 0.3]
    result = conv2d(x, w, b, stride=2, pad=1)
    for k in range(3):
        for i in range(3):
            for j in range(3):
                window = result.window_values(i, j)
                assert window.shape == (2, 3, 3)
                expected = float(np.sum(window * w[k])) + b[k]
                assert result.output[k, i, j] == pytest.approx(expected)
    assert result.window(1, 2) == (slice(2, 5), slice(4, 7))


def test_window_out_of_range():
    result = conv2d(np.ones((5, 5)), np.ones((3, 3)))
    with pytest.raises(DlmathError, match=r"\(i, j\).*0\.\.2"):
        result.window(3, 0)


def test_conv_result_is_frozen():
    result = conv2d(np.ones((3, 3)), np.ones((3, 3)))
    with pytest.raises(AttributeError):
        result.stride = 2  # type: ignore[misc]


@pytest.mark.parametrize(
    ("x", "w", "b", "kwargs", "name"),
    [
        (np.ones(5), np.ones((3, 3)), 0.0, {}, "x"),
        (np.ones((5, 5)), np.ones((3, 3, 3)), 0.0, {}, "w"),
        (np.ones((2, 5, 5)), np.ones((1, 3, 3, 3)), 0.0, {}, "w must have 2 input channel"),
        (np.ones((5, 5)), np.ones((2, 1, 3, 3)), [1.0, 2.0, 3.0], {}, "b must"),
        (np.full((5, 5), np.nan), np.ones((3, 3)), 0.0, {}, "x must be finite"),
        (np.ones((5, 5)), np.ones((3, 3)), np.inf, {}, "b must be finite"),
        (np.ones((5, 5)), np.ones((3, 3)), 0.0, {"stride": 0}, "stride"),
        (np.ones((5, 5)), np.ones((3, 3)), 0.0, {"pad": -1}, "pad"),
        (np.ones((5, 5)), np.ones((3, 3)), 0.0, {"stride": 3}, r"stride.*input height 5"),
        (np.ones((5, 6)), np.ones((3, 3)), 0.0, {"stride": 2, "pad": 1}, r"input width 6"),
        (np.ones((2, 2)), np.ones((3, 3)), 0.0, {}, r"filter does not fit"),
        ([["a"]], np.ones((3, 3)), 0.0, {}, "x must be a numeric array"),
    ],
)
def test_conv2d_bad_inputs(x, w, b, kwargs, name):
    with pytest.raises(DlmathError, match=name):
        conv2d(x, w, b, **kwargs)


# ---------------------------------------------------------------- conv2d backward


@settings(max_examples=25, deadline=None)
@given(conv_case())
def test_conv2d_backward_matches_finite_differences(case):
    x, w, b, stride, pad = case
    dout = np.random.default_rng(0).standard_normal(
        conv2d(x, w, b, stride=stride, pad=pad).output.shape
    )

    def f():
        return float(np.sum(conv2d(x, w, b, stride=stride, pad=pad).output * dout))

    dx, dw, db = conv2d_backward(dout, x, w, stride=stride, pad=pad)
    assert dx.shape == x.shape
    assert dw.shape == w.shape
    assert db.shape == b.shape
    np.testing.assert_allclose(dx, numeric_grad(f, x), atol=1e-6)
    np.testing.assert_allclose(dw, numeric_grad(f, w), atol=1e-6)
    np.testing.assert_allclose(db, numeric_grad(f, b), atol=1e-6)


def test_conv2d_backward_2d_convention():
    rng = np.random.default_rng(4)
    x, w = rng.standard_normal((5, 5)), rng.standard_normal((3, 3))
    dout = rng.standard_normal((3, 3))
    dx, dw, db = conv2d_backward(dout, x, w, stride=2, pad=1)
    assert dx.shape == (5, 5)
    assert dw.shape == (3, 3)
    assert isinstance(db, float)
    assert db == pytest.approx(dout.sum())

    def f():
        return float(np.sum(conv2d(x, w, stride=2, pad=1).output * dout))

    np.testing.assert_allclose(dx, numeric_grad(f, x), atol=1e-6)
    np.testing.assert_allclose(dw, numeric_grad(f, w), atol=1e-6)


def test_conv2d_backward_bad_dout():
    with pytest.raises(DlmathError, match=r"dout must have the output's shape \(3, 3\)"):
        conv2d_backward(np.ones((2, 2)), np.ones((5, 5)), np.ones((3, 3)))
    with pytest.raises(DlmathError, match="dout must be finite"):
        conv2d_backward(np.full((3, 3), np.nan), np.ones((5, 5)), np.ones((3, 3)))


# ---------------------------------------------------------------- what the lesson shows

LECTURE_X = [
    [1, 0, 2, 1, 0],
    [0, 1, 3, 1, 1],
    [2, 1, 0, 0, 2],
    [1, 3, 1, 2, 0],
    [0, 2, 1, 1, 1],
]
EDGE = [[1, 0, -1], [1, 0, -1], [1, 0, -1]]


def test_lecture_example_strides():
    one = conv2d(LECTURE_X, EDGE, 1.0)
    np.testing.assert_array_equal(one.output, [[-1, 1, 3], [0, 3, 2], [2, 4, 0]])
    np.testing.assert_array_equal(conv2d(LECTURE_X, EDGE, 1.0, stride=2).output, [[-1, 3], [2, 0]])
    assert conv2d(LECTURE_X, EDGE, 1.0, pad=1).output.shape == (5, 5)
    assert conv2d(LECTURE_X, EDGE, 1.0, pad=1, stride=2).output.shape == (3, 3)


def test_products_and_sums_of_a_cell():
    r = conv2d(LECTURE_X, EDGE, 1.0)
    x = np.array(LECTURE_X, dtype=float)
    for i in range(3):
        for j in range(3):
            loop = [x[i + u, j + v] * EDGE[u][v] for u in range(3) for v in range(3)]
            np.testing.assert_array_equal(r.products(i, j).ravel(), loop)
            assert r.sums[i, j] == pytest.approx(sum(loop))
            assert r.output[i, j] == pytest.approx(sum(loop) + 1.0)
    np.testing.assert_array_equal(r.channel_sums[0, 0], r.sums)


def test_channel_sums_add_up_to_the_output():
    rng = np.random.default_rng(5)
    x, w, b = rng.standard_normal((3, 5, 5)), rng.standard_normal((2, 3, 3, 3)), [1.0, 0.0]
    r = conv2d(x, w, b, stride=2, pad=1)
    assert r.channel_sums.shape == (2, 3, 3, 3)
    np.testing.assert_allclose(r.channel_sums.sum(axis=1) + r.bias[:, None, None], r.output)
    np.testing.assert_allclose(r.sums, r.output - r.bias[:, None, None])
    for k in range(2):
        for c in range(3):
            window = r.window_values(1, 2)[c]
            assert r.channel_sums[k, c, 1, 2] == pytest.approx(float(np.sum(window * w[k, c])))
            np.testing.assert_allclose(r.products(1, 2, k)[c], window * w[k, c])
