"""dropout: H through the mask and the 1/p scaling, seeded passes, test time, the expectation."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch2.dropout_params import DropoutParams
from tests.scenes.stills import render

NAME = "dropout"
P = DropoutParams


def steps(scene):
    return {r.name: r for r in scene.records}


def on_screen(record, values) -> bool:
    return all(np.isclose(record.numbers, v).any() for v in np.ravel(values))


def test_defaults_are_the_lecture_example():
    p = P()
    assert (p.H, p.p, p.mask) == ([1.0, 2.0, 3.0, 4.0], 0.5, [1, 0, 1, 1])


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "network",
        "mask",
        "scale",
        "pass-1",
        "pass-2",
        "pass-3",
        "test",
        "expectation",
    ]


def test_mask_and_inverted_scaling_give_2_0_6_8():
    by = steps(render(NAME))
    H, m = np.array([1, 2, 3, 4.0]), np.array([1, 0, 1, 1.0])
    assert list(H * m) == [1, 0, 3, 4]
    assert list(H * m / 0.5) == [2, 0, 6, 8]
    assert on_screen(by["mask"], [1, 0, 3, 4])
    assert on_screen(by["scale"], [2, 0, 6, 8])
    assert "switches off neuron 2;" in by["mask"].subtitles["en"]
    assert "2, 0, 6, 8" in by["scale"].subtitles["en"]
    assert "times 2" in by["scale"].subtitles["en"]
    assert "2，0，6，8" in by["scale"].subtitles["zh"]


def test_passes_use_fresh_seeded_masks():
    scene = render(NAME)
    by = steps(scene)
    for t in range(3):
        # each pass keeps a neuron where a uniform draw (seed 0 + t) falls below p
        mask = (np.random.default_rng(t).random(4) < 0.5).astype(float)
        np.testing.assert_array_equal(scene.passes.masks[t], mask)
        assert on_screen(by[f"pass-{t + 1}"], np.array([1, 2, 3, 4.0]) * mask / 0.5)
    assert "Pass 2" in by["pass-2"].subtitles["en"]
    assert "第 2 次" in by["pass-2"].subtitles["zh"]


def test_test_time_uses_every_neuron_unscaled():
    by = steps(render(NAME))
    assert on_screen(by["test"], [1, 2, 3, 4])
    assert "H = 1, 2, 3, 4." in by["test"].subtitles["en"]


def test_expectation_matches_the_test_output():
    scene = render(NAME)
    by = steps(scene)
    # neuron 4: kept with p = 0.5 at 4 / 0.5 = 8, else 0 -> 0.5 * 8 + 0.5 * 0 = 4
    assert on_screen(by["expectation"], [0.5, 8, 4])
    mean = scene.many.mean
    assert np.all(np.abs(mean - [1, 2, 3, 4]) < 4 * np.array([1, 2, 3, 4]) / np.sqrt(10000))
    assert on_screen(by["expectation"], mean)
    assert "10000 passes" in by["expectation"].subtitles["en"]


def test_changed_parameters_follow():
    values = P.extremes[2]  # H = [3, 1, 4], p = 0.3, every neuron dropped in the first pass
    by = steps(render(NAME, values))
    assert list(by).count("pass-3") == 1
    assert on_screen(by["scale"], [0, 0, 0])
    assert "times 3.33" in by["scale"].subtitles["en"]
    assert "neurons 1, 2, 3" in by["mask"].subtitles["en"]
    assert on_screen(by["expectation"], [0.3, 4 / 0.3, 0.7, 4])


def test_keep_everything_changes_nothing():
    values = P.extremes[1]  # p = 1, mask drawn from the seed
    by = steps(render(NAME, values))
    assert "times 1:" in by["scale"].subtitles["en"]
    assert "no neuron" in by["mask"].subtitles["en"]
    assert on_screen(by["scale"], [0.5, -2])


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"H": [1.0]}, "2 to 6 activations"),
        ({"H": [1.0] * 7, "mask": None}, "2 to 6 activations"),
        ({"H": [100.0, 1.0], "mask": [1, 1]}, r"\|h\| <= 99"),
        ({"mask": [1, 0, 1]}, "one 0 or 1 per neuron"),
        ({"mask": [1, 0, 2, 1]}, "only 0"),
        ({"p": 0.0}, "greater than or equal to 0.1"),
        ({"p": 1.5}, "less than or equal to 1"),
        ({"passes": 5}, "less than or equal to 4"),
        ({"average": 5}, "greater than or equal to 10"),
    ],
)
def test_bad_parameters_are_refused(values, words):
    with pytest.raises(ValidationError, match=words):
        P(**values)
