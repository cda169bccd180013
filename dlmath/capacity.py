"""How many hidden neurons: two-layer networks of several sizes, their boundaries while they train, held-out accuracy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, check_nonnegative, check_positive_int
from dlmath.snapshots import Region, TrainingRun, decision_grid, train_snapshots
from dlmath.toydata import ToyData, make_toy_data

__all__ = [
    "Capacity",
    "Region",
    "TrainingRun",
    "capacity_study",
    "decision_grid",
    "train_snapshots",
]


@dataclass(frozen=True)
class Capacity:
    """Networks of several sizes on one toy data set, and a small-data run at two λ (see :func:`capacity_study`).

    Attributes
    ----------
    data : ToyData
        The training points.
    heldout : ToyData
        Held-out points: a fresh draw of the same kind (another seed), never trained on.
    region : Region
        The grid every picture classifies (the training data's box, widened).
    runs : tuple of TrainingRun
        One per hidden size, trained on all of ``data``.
    few_index : ndarray of int
        Rows of ``data`` in the small training set (``few_per_class`` per class, seeded).
    few_runs : tuple of TrainingRun
        The largest network trained on the small set, one run per λ in ``few_regs``.
    """

    data: ToyData
    heldout: ToyData
    region: Region
    runs: tuple[TrainingRun, ...]
    few_index: np.ndarray
    few_runs: tuple[TrainingRun, ...]


def capacity_study(
    kind: str = "spiral",
    n_per_class: int = 100,
    *,
    hidden_sizes: Any = (3, 6, 20),
    data_seed: int = 0,
    net_seed: int = 1,
    heldout_seed: int = 1,
    split_seed: int = 3,
    steps: int = 2000,
    lr: float = 1.0,
    reg: float = 1e-3,
    snapshot_steps: Any = (0, 10, 100, 500),
    few_per_class: int = 10,
    few_regs: Any = (1e-3, 0.01),
    grid_size: int = 160,
) -> Capacity:
    r"""Train two-layer networks of each size in ``hidden_sizes`` on one toy data set.

    With the defaults (the CS231n spiral, 100 points per class, data seed 0,
    network seed 1, 2000 full-batch steps at lr 1, λ = 0.001) the 3, 6 and 20
    neuron networks reach training accuracy 0.68, 0.87 and 0.99. The held-out set
    is ``make_toy_data(kind, n_per_class, seed=heldout_seed)``: the 20-neuron
    network scores 0.98 on it. Then the largest network is trained on only
    ``few_per_class`` points per class (chosen by ``default_rng(split_seed)``) once
    per λ in ``few_regs``: with λ = 0.001 it fits all 30 points (training accuracy
    1.0) but scores 0.72 on held-out data; λ = 0.01 smooths it (0.87 on its
    training points, 0.8 held out). With so few points the numbers depend on
    which points are drawn: other seeds tell other stories.

    Parameters
    ----------
    kind : {"spiral", "moons"}
        The toy data (:func:`dlmath.toydata.make_toy_data`, noise 0.2).
    n_per_class : int
        Training points per class (also the held-out size).
    hidden_sizes : sequence of int
        Hidden neurons of each network (1 to 4 sizes).
    data_seed, net_seed, heldout_seed, split_seed : int
        Seeds of the data, of every network's initial weights, of the held-out draw,
        and of the choice of the small training set.
    steps, lr, reg : int, float, float
        Full-batch gradient-descent steps, learning rate, L2 strength λ.
    snapshot_steps : sequence of int
        Earlier steps (< ``steps``) to photograph; ``steps`` itself is always the last.
    few_per_class : int
        Points per class in the small training set (1 to ``n_per_class``).
    few_regs : sequence of float
        λ of each small-data run.
    grid_size : int
        Grid points per axis of every picture.
    """
    data = make_toy_data(kind, n_per_class, seed=data_seed)
    heldout = make_toy_data(kind, n_per_class, seed=heldout_seed)
    sizes = list(hidden_sizes)
    if not 1 <= len(sizes) <= 4:
        raise DlmathError(f"hidden_sizes must hold 1 to 4 sizes, got {sizes}")
    sizes = [check_positive_int("hidden size", h) for h in sizes]
    n_steps = check_positive_int("steps", steps)
    marks = [int(s) for s in snapshot_steps if 0 <= int(s) < n_steps] + [n_steps]
    few = check_positive_int("few_per_class", few_per_class)
    if few > n_per_class:
        raise DlmathError(f"few_per_class must be at most n_per_class ({n_per_class}), got {few}")
    region = decision_grid(np.concatenate([data.X, heldout.X]), grid_size)
    held = (heldout.X, heldout.y)

    def train(X: np.ndarray, y: np.ndarray, h: int, at: list[int], lam: float) -> TrainingRun:
        return train_snapshots(
            X,
            y,
            h,
            region,
            snapshot_steps=at,
            reg=lam,
            lr=lr,
            seed=net_seed,
            n_classes=data.n_classes,
            heldout=held,
        )

    runs = tuple(train(data.X, data.y, h, marks, reg) for h in sizes)
    rng = np.random.default_rng(check_positive_int("split_seed", split_seed, minimum=0))
    picks = [
        rng.choice(np.flatnonzero(data.y == j), few, replace=False) for j in range(data.n_classes)
    ]
    index = np.sort(np.concatenate(picks))
    lams = [check_nonnegative("few reg", r) for r in few_regs]
    few_runs = tuple(
        train(data.X[index], data.y[index], max(sizes), [n_steps], lam) for lam in lams
    )
    return Capacity(data, heldout, region, runs, index, few_runs)
