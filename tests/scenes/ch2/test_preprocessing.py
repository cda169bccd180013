"""preprocessing: means, centring, population σ, scaling, test data with training statistics, cloud."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch2.preprocessing_params import PreprocessingParams
from tests.scenes.stills import render

NAME = "preprocessing"
P = PreprocessingParams
X = [[1, 200], [2, 400], [3, 900], [6, 100]]


def steps(scene):
    return {r.name: r for r in scene.records}


def on_screen(record, values) -> bool:
    return all(np.isclose(record.numbers, v).any() for v in np.ravel(values))


def test_defaults_are_the_lecture_example():
    p = P()
    assert (p.X, p.test, p.cloud) == (X, [[4, 600]], 0)


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "data",
        "mean",
        "centre",
        "std",
        "scale",
        "test",
        "cloud",
        "cloud-scale",
    ]


def test_means_and_centring():
    by = steps(render(NAME))
    assert on_screen(by["mean"], [3, 400])
    assert "μ = 3, 400." in by["mean"].subtitles["en"]
    centred = [[-2, -200], [-1, 0], [0, 500], [3, -300]]
    assert on_screen(by["centre"], centred)
    assert "−2, −200" in by["centre"].subtitles["en"]


def test_population_standard_deviation_and_scaling():
    by = steps(render(NAME))
    s1 = math.sqrt((4 + 1 + 0 + 9) / 4)  # divide by N = 4, not N - 1
    s2 = math.sqrt((200**2 + 0 + 500**2 + 300**2) / 4)
    assert on_screen(by["std"], [s1, s2])
    assert "σ = 1.87, 308.22" in by["std"].subtitles["en"]
    scaled = (np.array(X, float) - [3, 400]) / [s1, s2]
    assert on_screen(by["scale"], scaled)
    assert "−1.07, −0.65" in by["scale"].subtitles["en"]


def test_test_data_use_the_training_statistics():
    by = steps(render(NAME))
    z = [(4 - 3) / math.sqrt(3.5), (600 - 400) / math.sqrt(95000)]
    assert on_screen(by["test"], [1, 200, *z])
    assert "0.53, 0.65" in by["test"].subtitles["en"]
    assert "测试样本" in by["test"].subtitles["zh"]


def test_cloud_of_the_data_points():
    scene = render(NAME)
    by = steps(scene)
    assert "As 4 points" in by["cloud"].subtitles["en"]
    assert "3, 400 to the origin" in by["cloud"].subtitles["en"]
    np.testing.assert_allclose(scene.cloud_stats.scaled.std(axis=0), [1, 1])


def test_generated_cloud_and_other_data():
    values = P.extremes[1]  # X = [[1, 1], [2, 3]], a cloud of 10 points, corr 0.9
    scene = render(NAME, values)
    by = steps(scene)
    assert on_screen(by["mean"], [1.5, 2])
    assert on_screen(by["std"], [0.5, 1])
    assert "As 10 points" in by["cloud"].subtitles["en"]
    pts = scene.cloud_stats.centred + scene.cloud_stats.mean
    assert pts.shape == (10, 2)
    np.testing.assert_allclose(scene.cloud_stats.mean, pts.mean(axis=0))
    assert "−3, −2" in by["test"].subtitles["en"]  # (0 − 1.5)/0.5, (0 − 2)/1


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"X": [[1, 2]]}, "2 to 6 rows of 2"),
        ({"X": [[1, 2, 3], [4, 5, 6]]}, "2 to 6 rows of 2"),
        ({"X": [[1, 2]] * 7}, "2 to 6 rows"),
        ({"X": [[1, 1000], [2, 3]]}, r"\|value\| <= 999"),
        ({"X": [[1, 5], [1, 3]]}, "column 1 is constant"),
        ({"test": []}, "1 to 2 rows"),
        ({"test": [[1, 2]] * 3}, "1 to 2 rows"),
        ({"cloud": 5}, "0 .show X. or 10 to 300"),
        ({"cloud": 301}, "less than or equal to 300"),
        ({"corr": 1.0}, "less than or equal to 0.9"),
    ],
)
def test_bad_parameters_are_refused(values, words):
    with pytest.raises(ValidationError, match=words):
        P(**values)
