"""neuron-count: the lecture's accuracies 0.68 / 0.87 / 0.99, held-out scores, few points and λ."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

import dlmath as dm
from scenes.ch2.neuron_count_params import NeuronCountParams
from scenes.kit.format import fmt
from tests.scenes.stills import render

NAME = "neuron-count"
P = NeuronCountParams


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def shown(record, value) -> bool:
    return bool(np.isclose(record.numbers, value, rtol=1e-9, atol=1e-12).any())


def test_defaults_are_the_curriculum_setting():
    p = P()
    assert (p.data, p.n_per_class, p.hidden) == ("spiral", 100, [3, 6, 20])
    assert (p.data_seed, p.net_seed, p.steps, p.lr, p.reg) == (0, 1, 2000, 1.0, 0.001)


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "data",
        "training",
        "accuracy",
        "heldout",
        "few",
        "smooth",
    ]


def test_lecture_training_accuracies():
    by = steps(render(NAME))
    data = dm.make_toy_data("spiral", 100, seed=0)
    for h, expected in zip((3, 6, 20), (0.68, 0.87, 0.99), strict=True):
        net = dm.train_two_layer(data.X, data.y, h, seed=1, steps=2000, lr=1.0, reg=1e-3)
        assert round(net.train_accuracy, 2) == expected
        assert shown(by["accuracy"], net.train_accuracy)
    assert "Training accuracy: 0.68, 0.87, 0.99." in by["accuracy"].subtitles["en"]
    assert "0.68，0.87，0.99" in by["accuracy"].subtitles["zh"]
    assert "up to step 2000" in by["training"].subtitles["en"]
    assert shown(by["training"], 2000.0)


def test_heldout_accuracy_counts_a_fresh_draw():
    by = steps(render(NAME))
    data = dm.make_toy_data("spiral", 100, seed=0)
    fresh = dm.make_toy_data("spiral", 100, seed=1)
    net = dm.train_two_layer(data.X, data.y, 20, seed=1, steps=2000, lr=1.0, reg=1e-3)
    right = float(np.mean(net.predict(fresh.X) == fresh.y))
    assert shown(by["heldout"], right)
    assert "0.65, 0.89, 0.98" in by["heldout"].subtitles["en"]
    assert "On 300 new points" in by["heldout"].subtitles["en"]


def test_few_points_overfit_until_lambda_smooths():
    by = steps(render(NAME))
    few = by["few"].subtitles["en"]
    assert "size 20, trained on only 30 points: 1 on them, 0.72 on new points" in few
    assert "(against 0.98 before): it overfits" in few
    smooth = by["smooth"].subtitles["en"]
    assert "λ = 0.01: 0.87 on its points, 0.8 on new ones" in smooth
    assert "better on new points" in smooth


def test_changed_parameters_follow():
    by = steps(render(NAME, {"data": "moons", "hidden": [2, 8], "steps": 300, "n_per_class": 50}))
    assert "2 classes on two moons" in by["data"].subtitles["en"]
    assert "Networks with hidden layers of size 2, 8" in by["training"].subtitles["en"]
    study = dm.capacity_study(
        "moons", 50, hidden_sizes=[2, 8], steps=300, snapshot_steps=(0, 10, 100)
    )
    for run in study.runs:
        assert shown(by["accuracy"], run.final_train)
        assert shown(by["heldout"], run.final_heldout)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"hidden": []}, "hidden must hold 1 to 3 network sizes"),
        ({"hidden": [3, 6, 20, 40]}, "hidden must hold 1 to 3 network sizes"),
        ({"few_per_class": 30, "n_per_class": 20}, "few_per_class must be at most n_per_class"),
        ({"smooth_reg": 0.001}, "smooth_reg must be larger than reg"),
        ({"data": "blobs"}, "Input should be 'spiral' or 'moons'"),
    ],
)
def test_bad_parameters_are_named(values, message):
    with pytest.raises(ValidationError, match=message):
        P(**values)


def test_few_points_compares_the_largest_network_whatever_the_order():
    """hidden = [100, 50, 2]: the few-points network has 100 neurons; it is compared with
    the 100-neuron network on all the points, not with the last size listed."""
    values = NeuronCountParams.extremes[1]
    assert values["hidden"] == [100, 50, 2]
    scene = render(NAME, values)
    few = steps(scene)["few"].subtitles["en"]
    study = scene.study
    largest = next(run for run in study.runs if run.hidden == 100)
    assert study.few_runs[0].hidden == 100
    assert few.startswith("Hidden layer of size 100, trained on only")
    assert f"(against {fmt(largest.final_heldout)} before)" in few


def test_a_lambda_that_flattens_the_network_is_called_too_strong():
    """smooth_reg = 1 (extreme) leaves the network guessing: not 'smoother, better'."""
    scene = render(NAME, NeuronCountParams.extremes[1])
    smooth = scene.study.few_runs[1]
    text = steps(scene)["smooth"].subtitles["en"]
    assert smooth.final_train == pytest.approx(1 / 3)  # three classes: chance
    assert "too strong" in text
    assert "too strong" not in steps(render(NAME))["smooth"].subtitles["en"]
