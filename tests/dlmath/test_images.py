"""Tests for dlmath.images: resizing, shifting, hand-made features, a photograph's numbers."""

import numpy as np
import pytest
from scipy import ndimage

from dlmath import DlmathError
from dlmath.images import colour_histogram, edge_strength, grey, image_numbers, resize, shift

RNG = np.random.default_rng(0)


def test_resize_keeps_a_constant_image_and_its_shape():
    img = np.full((30, 45, 3), 77.0)
    out = resize(img, (10, 15))
    assert out.shape == (10, 15, 3)
    assert np.allclose(out, 77.0)


def test_resize_by_an_integer_factor_averages_blocks_roughly():
    img = RNG.uniform(0, 255, (64, 64))
    out = resize(img, (16, 16))
    blocks = img.reshape(16, 4, 16, 4).mean(axis=(1, 3))
    # a Gaussian-smoothed sample is close to the block mean, far closer than a raw pixel
    assert np.abs(out - blocks).mean() < 0.35 * np.abs(img[::4, ::4] - blocks).mean()


def test_resize_crops_the_centre_to_the_new_aspect():
    img = np.zeros((10, 30))
    img[:, 10:20] = 1.0  # the centre square is white, the sides black
    out = resize(img, (10, 10))
    assert np.allclose(out, 1.0)


def test_resize_upscaling_interpolates_between_pixels():
    out = resize([[0.0, 10.0]], (1, 4))
    assert out[0].tolist() == pytest.approx([0.0, 2.5, 7.5, 10.0])


@pytest.mark.parametrize(("dy", "dx"), [(0, 1), (1, 0), (-2, 3), (0, -1)])
def test_shift_matches_a_loop(dy, dx):
    img = RNG.integers(0, 16, (6, 7)).astype(float)
    out = shift(img, dy, dx)
    for i in range(6):
        for j in range(7):
            src = (i - dy, j - dx)
            want = img[src] if 0 <= src[0] < 6 and 0 <= src[1] < 7 else 0.0
            assert out[i, j] == want


def test_shift_past_the_edge_is_all_fill_and_bad_steps_fail():
    assert np.all(shift(np.ones((3, 3)), 0, 5, fill=2.0) == 2.0)
    with pytest.raises(DlmathError, match="dx must be an integer"):
        shift(np.ones((3, 3)), 0, 1.5)


def test_grey_uses_luminance_weights():
    assert grey([[[255, 0, 0]]])[0, 0] == pytest.approx(0.299 * 255)
    with pytest.raises(DlmathError, match="3 colour channels"):
        grey(np.zeros((2, 2, 2)))


def test_edge_strength_is_zero_on_flat_and_large_on_a_step():
    img = np.zeros((8, 8))
    img[:, 4:] = 100.0
    e = edge_strength(img)
    assert np.allclose(e[:, :2], 0)
    assert np.allclose(e[:, 6:], 0)
    # Sobel across a step of 100: (1 + 2 + 1) * 100 = 400
    assert e[4, 3] == pytest.approx(400.0)
    assert e[4, 4] == pytest.approx(400.0)
    ref = np.hypot(ndimage.sobel(img, 0, mode="nearest"), ndimage.sobel(img, 1, mode="nearest"))
    assert np.allclose(e, ref)


def test_colour_histogram_counts_fractions_per_channel():
    img = np.zeros((2, 2, 3))
    img[0, 0] = [255, 31, 32]
    h = colour_histogram(img, bins=8)
    assert h.shape == (3, 8)
    assert np.allclose(h.sum(axis=1), 1.0)
    assert h[0].tolist() == [0.75, 0, 0, 0, 0, 0, 0, 0.25]
    assert h[1, 0] == 1.0
    assert h[2, 1] == 0.25


def test_image_numbers_patch_shape_and_flattening():
    img = RNG.integers(0, 256, (40, 60, 3)).astype(float)
    r = image_numbers(img, (5, 7), 4, small=8)
    assert r.shape == (40, 60, 3)
    assert r.values == 7200
    assert np.array_equal(r.patch, img[5:9, 7:11])
    assert r.small.shape == (8, 8, 3)
    assert r.small_values == 192
    assert np.array_equal(r.x, r.small.reshape(-1))
    assert r.x[3:6].tolist() == r.small[0, 1].tolist()  # a pixel's three channels together
    assert np.all(r.small == np.round(r.small))
    assert r.small.min() >= 0
    assert r.small.max() <= 255


def test_image_numbers_rejects_a_patch_outside():
    with pytest.raises(DlmathError, match="must fit in the 40x60 image"):
        image_numbers(np.zeros((40, 60, 3)), (38, 0), 4)
    with pytest.raises(DlmathError, match="origin must be"):
        image_numbers(np.zeros((40, 60, 3)), (1,), 4)
