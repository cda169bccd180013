"""ml-vs-dl: the pipeline, hand-made features computed from the real photo, learned ones, the ceiling."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch1.ml_vs_dl_params import MlVsDlParams
from tests.scenes.stills import render

NAME = "ml-vs-dl"
P = MlVsDlParams


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def test_step_outline():
    assert list(steps(render(NAME))) == ["pipeline", "by-hand", "learned", "ceiling"]


def test_hand_made_features_come_from_the_photo():
    scene = render(NAME)
    assert scene.histogram.shape == (3, 8)
    assert np.allclose(scene.histogram.sum(axis=1), 1.0)
    assert scene.edges.shape == (90, 135)
    assert scene.edges.max() > 0
    # the histogram bars: one per bin and channel, heights proportional to the fractions
    other = render(NAME, {"bins": 4, "image": "coffee", "answer": "ship"})
    assert other.histogram.shape == (3, 4)
    assert not np.allclose(other.edges, scene.edges)


def test_words_in_both_languages():
    by = steps(render(NAME))
    assert "edges and colour histograms" in by["by-hand"].subtitles["en"]
    assert "answers cat" in by["learned"].subtitles["en"]
    assert "猫" in by["learned"].subtitles["zh"]
    assert "上限" in by["ceiling"].subtitles["zh"]
    assert not by["ceiling"].numbers  # a picture of an idea: no numbers on screen


def test_answer_follows_the_parameter():
    by = steps(render(NAME, {"bins": 4, "image": "coffee", "answer": "ship"}))
    assert "answers ship" in by["learned"].subtitles["en"]
    assert "船" in by["learned"].subtitles["zh"]


@pytest.mark.parametrize("bad", [{"bins": 3}, {"bins": 17}, {"answer": ""}, {"image": "moon"}])
def test_bad_parameters_are_refused(bad):
    with pytest.raises(ValidationError):
        P.model_validate(bad)
