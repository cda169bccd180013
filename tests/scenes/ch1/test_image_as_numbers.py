"""image-as-numbers: a real photo's numbers, its patch, 3072 values and untrained class scores."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

import dlmath as dm
from scenes.ch1.image_as_numbers_params import CIFAR10, ImageAsNumbersParams
from scenes.data import photo
from tests.scenes.stills import render

NAME = "image-as-numbers"
P = ImageAsNumbersParams


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def test_defaults():
    p = P()
    assert p.image == "chelsea"
    assert p.classes == CIFAR10
    assert len(p.classes) == 10


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "photo",
        "zoom",
        "channels",
        "small",
        "flatten",
        "classify",
    ]


def test_photo_numbers_are_the_loaded_pixels():
    by = steps(render(NAME))
    img = photo("chelsea")
    assert img.shape == (300, 451, 3)
    assert 300 * 451 * 3 in by["photo"].numbers
    assert "405900" in by["photo"].subtitles["en"]
    r0, c0 = P().patch
    pixel = img[r0, c0]
    assert all(float(v) in by["zoom"].numbers for v in pixel)
    assert f"({pixel[0]}, {pixel[1]}, {pixel[2]})" in by["zoom"].subtitles["en"]
    patch = img[r0 : r0 + 6, c0 : c0 + 6]
    assert set(map(float, patch.ravel())) <= set(by["channels"].numbers)


def test_3072_values_and_untrained_scores():
    by = steps(render(NAME))
    assert 3072.0 in by["small"].numbers
    assert "32 × 32" in by["small"].subtitles["en"]
    assert "3072" in by["flatten"].subtitles["zh"]
    nums = dm.image_numbers(photo("chelsea"), P().patch, 6)
    W = dm.init_weights((10, 3072), 0.001, seed=0)
    scores = W @ nums.x  # no bias: b = 0
    for s in scores:
        assert np.isclose(by["classify"].numbers, s).any()
    best = CIFAR10[int(np.argmax(scores))]
    assert best in by["classify"].subtitles["en"]
    assert "untrained" in by["classify"].subtitles["en"]


def test_other_seed_and_classes_change_the_scores():
    by = steps(render(NAME, {"seed": 7, "classes": ["cat", "dog", "ship"]}))
    nums = dm.image_numbers(photo("chelsea"), P().patch, 6)
    scores = dm.init_weights((3, 3072), 0.001, seed=7) @ nums.x
    for s in scores:
        assert np.isclose(by["classify"].numbers, s).any()
    assert "3 scores" in by["classify"].subtitles["en"]


@pytest.mark.parametrize(
    "bad",
    [
        {"image": "moon"},
        {"patch": [296, 0]},
        {"patch": [0]},
        {"patch_size": 9},
        {"weight_scale": 0.0},
        {"classes": ["cat"]},
        {"classes": ["a" * 13, "b"]},
    ],
)
def test_bad_parameters_are_refused(bad):
    with pytest.raises(ValidationError):
        P.model_validate(bad)
