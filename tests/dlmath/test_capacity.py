"""Tests for dlmath.capacity: networks of 3, 6 and 20 neurons on the spiral, snapshots, held-out data."""

from __future__ import annotations

import numpy as np
import pytest

from dlmath._checks import DlmathError
from dlmath.capacity import capacity_study, decision_grid, train_snapshots
from dlmath.network import train_two_layer
from dlmath.toydata import make_toy_data


@pytest.fixture(scope="module")
def study():
    return capacity_study()


def test_lecture_accuracies(study):
    assert [r.hidden for r in study.runs] == [3, 6, 20]
    assert [round(r.final_train, 2) for r in study.runs] == [0.68, 0.87, 0.99]
    assert [round(r.final_heldout, 2) for r in study.runs] == [0.65, 0.89, 0.98]
    assert study.runs[0].snapshot_steps.tolist() == [0, 10, 100, 500, 2000]


def test_last_snapshot_is_the_trained_network(study):
    data = study.data
    for run in study.runs:
        net = train_two_layer(data.X, data.y, run.hidden, seed=1, steps=2000, lr=1.0, reg=1e-3)
        for name in ("W1", "b1", "W2", "b2"):
            np.testing.assert_allclose(run.params[name], getattr(net, name), rtol=1e-12)
        assert run.final_train == net.train_accuracy
        assert run.losses == pytest.approx(net.losses)


def test_snapshots_classify_the_grid(study):
    run, region = study.runs[2], study.region
    assert run.snapshots.shape == (5, 160, 160)
    xx, yy = np.meshgrid(region.xs, region.ys)
    points = np.column_stack([xx.ravel(), yy.ravel()])
    h = np.maximum(points @ run.params["W1"] + run.params["b1"], 0)
    expected = (h @ run.params["W2"] + run.params["b2"]).argmax(axis=1).reshape(160, 160)
    assert (run.snapshots[-1] == expected).all()
    # at step 0 the network has not learned: it is near chance on both sets
    assert run.train_accuracy[0] < 0.5


def test_heldout_is_a_fresh_draw_and_accuracy_is_counted(study):
    fresh = make_toy_data("spiral", 100, seed=1)
    assert np.array_equal(study.heldout.X, fresh.X)
    run = study.runs[1]
    h = np.maximum(fresh.X @ run.params["W1"] + run.params["b1"], 0)
    right = (h @ run.params["W2"] + run.params["b2"]).argmax(axis=1) == fresh.y
    assert run.final_heldout == right.mean()


def test_few_points_overfit_then_lambda_smooths(study):
    assert len(study.few_index) == 30
    assert np.bincount(study.data.y[study.few_index]).tolist() == [10, 10, 10]
    tight, smooth = study.few_runs
    assert (tight.reg, smooth.reg) == (1e-3, 0.01)
    assert tight.final_train == 1.0 > study.runs[2].final_train
    assert tight.final_heldout < study.runs[2].final_heldout - 0.2
    assert smooth.final_train < tight.final_train
    assert smooth.final_heldout > tight.final_heldout


def test_decision_grid_and_errors():
    region = decision_grid([[0, 0], [1, 2]], size=3, margin=0.5)
    assert region.xs.tolist() == [-0.5, 0.5, 1.5]
    assert region.ys.tolist() == [-0.5, 1.0, 2.5]
    with pytest.raises(DlmathError, match="X must have 2 columns"):
        decision_grid([[0, 0, 0]])
    data = make_toy_data("moons", 5)
    with pytest.raises(DlmathError, match="snapshot_steps must increase"):
        train_snapshots(data.X, data.y, 3, region, snapshot_steps=[5, 5])
    with pytest.raises(DlmathError, match="hidden_sizes must hold 1 to 4 sizes"):
        capacity_study(hidden_sizes=[])
    with pytest.raises(DlmathError, match="few_per_class must be at most n_per_class"):
        capacity_study("moons", 5, few_per_class=6, hidden_sizes=[2], steps=2)
