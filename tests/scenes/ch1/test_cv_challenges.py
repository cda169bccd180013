"""cv-challenges: each change's L2 pixel distance, the different picture, the semantic gap."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

import dlmath as dm
from scenes.ch1.cv_challenges_params import CvChallengesParams
from scenes.data import photo, texture
from tests.scenes.stills import render

NAME = "cv-challenges"
P = CvChallengesParams


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def expected(params: CvChallengesParams) -> dm.VisionChallenges:
    return dm.vision_challenges(
        photo(params.image), photo(params.other), texture(params.texture), params.strengths()
    )


def test_step_outline_follows_the_notes():
    assert list(steps(render(NAME))) == [
        "original",
        *(f"change-{n}" for n in dm.CHANGES),
        "different",
        "gap",
    ]


def test_each_distance_on_screen_and_in_subtitles():
    by = steps(render(NAME))
    r = expected(P())
    for name in dm.CHANGES:
        d = r.distances[name]
        # independently: the root of the summed squared pixel differences
        assert d == pytest.approx(np.sqrt(((r.images[name] - r.original) ** 2).sum()))
        assert np.isclose(by[f"change-{name}"].numbers, d).any()
        assert f"{round(d)} away" in by[f"change-{name}"].subtitles["en"]
    assert np.isclose(by["different"].numbers, r.other_distance).any()
    gap = by["gap"]
    assert all(np.isclose(gap.numbers, v).any() for v in [*r.distances.values(), r.other_distance])
    worst = max(r.distances.values())
    assert f"{round(worst)} away" in gap.subtitles["en"]
    assert "semantic gap" in gap.subtitles["en"]
    assert "语义鸿沟" in gap.subtitles["zh"]


def test_the_same_cat_can_be_nearly_as_far_as_a_coffee_cup():
    r = expected(P())
    assert max(r.distances.values()) > 0.9 * r.other_distance
    assert min(r.distances.values()) > 0.25 * r.other_distance


def test_no_change_is_distance_zero():
    values = {
        "viewpoint": 0.0,
        "scale": 1.0,
        "illumination": 1.0,
        "occlusion": 0.0,
        "deformation": 0.0,
        "clutter": 0.0,
    }
    by = steps(render(NAME, values))
    for name in dm.CHANGES:
        assert 0.0 in by[f"change-{name}"].numbers


@pytest.mark.parametrize(
    "bad",
    [
        {"other": "chelsea"},
        {"image": "moon"},
        {"viewpoint": 61.0},
        {"scale": 0.4},
        {"illumination": 0.0},
        {"occlusion": 0.6},
        {"clutter": 1.0},
        {"texture": "sand"},
    ],
)
def test_bad_parameters_are_refused(bad):
    with pytest.raises(ValidationError):
        P.model_validate(bad)
