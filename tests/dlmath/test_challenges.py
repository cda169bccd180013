"""Tests for dlmath.challenges: six changes of a photograph and their pixel distances."""

import numpy as np
import pytest

from dlmath import DlmathError
from dlmath.challenges import (
    CHANGES,
    change_illumination,
    change_scale,
    change_viewpoint,
    clutter,
    deform,
    occlude,
    vision_challenges,
)

RNG = np.random.default_rng(1)
IMG = RNG.uniform(0, 255, (20, 30, 3))
NONE = {
    "viewpoint": 0.0,
    "scale": 1.0,
    "illumination": 1.0,
    "occlusion": 0.0,
    "deformation": 0.0,
    "clutter": 0.0,
}


@pytest.mark.parametrize(
    ("change", "strength"),
    [
        (change_viewpoint, 0.0),
        (change_scale, 1.0),
        (change_illumination, 1.0),
        (occlude, 0.0),
        (deform, 0.0),
    ],
)
def test_zero_strength_changes_nothing(change, strength):
    assert np.allclose(change(IMG, strength), IMG)


def test_clutter_zero_keeps_the_image_and_one_is_the_texture():
    tex = np.full((10, 10), 50.0)
    assert np.allclose(clutter(IMG, tex, 0.0), IMG)
    assert np.allclose(clutter(IMG, tex, 1.0), 50.0)


def test_illumination_is_a_clipped_gain():
    out = change_illumination(IMG, 2.0)
    assert np.allclose(out, np.minimum(IMG * 2, 255))


def test_occlusion_covers_the_asked_fraction():
    out = occlude(np.zeros((40, 60, 3)), 0.25, fill=9.0)
    covered = np.all(out == 9.0, axis=2).mean()
    assert covered == pytest.approx(0.25, abs=0.01)


def test_scale_two_enlarges_the_centre():
    img = np.zeros((21, 21, 3))
    img[9:12, 9:12] = 255.0  # a 3x3 square at the centre
    out = change_scale(img, 2.0)
    assert np.all(out[8:13, 8:13] > 200)  # now about 6x6
    assert np.all(out[:6] == 0)


def test_viewpoint_keeps_the_centre_column_and_fills_outside():
    img = RNG.uniform(0, 255, (21, 31, 3))
    out = change_viewpoint(img, 40.0, fill=0.0)
    assert np.allclose(out[10, 15], img[10, 15])  # the turning axis does not move
    assert (out == 0).any()  # the far side shrinks, leaving uncovered pixels


def test_deformation_keeps_the_centre_pixel():
    out = deform(IMG, 2.0)
    assert out.shape == IMG.shape
    assert not np.allclose(out, IMG)
    assert np.allclose(out[:, :, 0].mean(), IMG[:, :, 0].mean(), rtol=0.2)


def test_vision_challenges_distances_are_l2_of_each_change():
    other = RNG.uniform(0, 255, (40, 40, 3))
    tex = RNG.uniform(0, 255, (30, 30))
    strengths = dict(NONE, illumination=0.5, occlusion=0.2)
    r = vision_challenges(IMG, other, tex, strengths, shape=(10, 15))
    assert r.changes == CHANGES
    assert r.original.shape == (10, 15, 3)
    for name in CHANGES:
        want = np.sqrt(((r.images[name] - r.original) ** 2).sum())
        assert r.distances[name] == pytest.approx(want)
    assert r.distances["viewpoint"] == pytest.approx(0.0, abs=1e-9)
    assert r.distances["illumination"] == pytest.approx(np.sqrt(((0.5 * r.original) ** 2).sum()))
    assert r.other_distance == pytest.approx(np.sqrt(((r.other - r.original) ** 2).sum()))


def test_vision_challenges_checks_its_strengths():
    with pytest.raises(DlmathError, match="strengths must name exactly"):
        vision_challenges(IMG, IMG, IMG, {"scale": 2.0})
    with pytest.raises(DlmathError, match="angle must be in 0..75"):
        change_viewpoint(IMG, 80)
