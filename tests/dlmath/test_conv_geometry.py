"""Tests for dlmath.conv_geometry: output sizes that may not fit, misfit strides, integer grids."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlmath._checks import DlmathError
from dlmath.conv import conv_output_size
from dlmath.conv_geometry import ConvGeometry, conv_geometry, misfit_stride, random_grid


@pytest.mark.parametrize(
    ("pad", "stride", "output"), [(0, 1, 3.0), (0, 2, 2.0), (1, 1, 5.0), (1, 2, 3.0)]
)
def test_lecture_sizes(pad, stride, output):
    g = conv_geometry(5, 3, pad, stride)
    assert isinstance(g, ConvGeometry)
    assert g.output == output
    assert g.fits
    assert g.span == 2 + 2 * pad


def test_stride_three_does_not_fit():
    g = conv_geometry(5, 3, 0, 3)
    assert g.output == pytest.approx(5 / 3)
    assert not g.fits
    assert g.span == 2
    assert not conv_geometry(3, 5).fits  # filter larger than the input


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.integers(1, 6), st.integers(0, 3), st.integers(1, 5))
def test_geometry_agrees_with_conv_output_size(size, field, pad, stride):
    g = conv_geometry(size, field, pad, stride)
    assert g.output == pytest.approx((size - field + 2 * pad) / stride + 1)
    if g.fits:
        assert conv_output_size(size, field, pad, stride) == g.output
    else:
        with pytest.raises(DlmathError):
            conv_output_size(size, field, pad, stride)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.integers(1, 6), st.integers(0, 2))
def test_misfit_stride_is_the_smallest_that_does_not_fit(size, field, pad):
    if field > size + 2 * pad:
        with pytest.raises(DlmathError, match="filter does not fit"):
            misfit_stride(size, field, pad)
        return
    found = misfit_stride(size, field, pad)
    fitting = [s for s in range(1, 20) if conv_geometry(size, field, pad, s).fits]
    if found is None:
        assert size - field + 2 * pad == 0
    else:
        assert not conv_geometry(size, field, pad, found).fits
        assert all(s in fitting for s in range(1, found))


def test_random_grid_is_seeded_and_in_range():
    a = random_grid((3, 5, 5), 0, 2, seed=4)
    assert a.shape == (3, 5, 5)
    assert set(np.unique(a)) <= {0.0, 1.0, 2.0}
    np.testing.assert_array_equal(a, random_grid((3, 5, 5), 0, 2, seed=4))
    np.testing.assert_array_equal(a, np.random.default_rng(4).integers(0, 3, (3, 5, 5)))
    w = random_grid((2, 3, 3, 3), -1, 1, seed=1)
    assert w.min() >= -1
    assert w.max() <= 1
    assert len(np.unique(w)) == 3


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (((3, 0), 0, 2), "shape"),
        (((3, 3), 0.5, 2), "low"),
        (((3, 3), 2, 1), "high"),
        (((3, 3), 0, 2, -1), "seed"),
    ],
)
def test_random_grid_bad_input(args, name):
    with pytest.raises(DlmathError, match=name):
        random_grid(*args)


@pytest.mark.parametrize(
    ("args", "name"), [((0, 3), "size"), ((5, 3, -1), "pad"), ((5, 3, 0, 0), "stride")]
)
def test_conv_geometry_bad_input(args, name):
    with pytest.raises(DlmathError, match=name):
        conv_geometry(*args)
