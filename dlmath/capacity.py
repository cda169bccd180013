"""How many hidden neurons: two-layer networks of several sizes, their boundaries while they train, held-out accuracy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import (
    DlmathError,
    as_array,
    check_nonnegative,
    check_positive,
    check_positive_int,
)
from dlmath.network import _labels, _loss_and_grads, _scores
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
class Region:
    """A square grid over the plane: ``xs`` (G,) and ``ys`` (G,) from ``low`` to ``high``."""

    low: np.ndarray  #: (2,) lower-left corner
    high: np.ndarray  #: (2,) upper-right corner
    xs: np.ndarray
    ys: np.ndarray


def decision_grid(X: Any, size: int = 160, margin: float = 0.25) -> Region:
    """A ``size`` × ``size`` grid over the bounding box of ``X`` (N, 2), widened by ``margin``."""
    pts = as_array("X", X, ndim=2)
    if pts.shape[1] != 2:
        raise DlmathError(f"X must have 2 columns for a decision grid, got shape {pts.shape}")
    n = check_positive_int("size", size, minimum=2)
    pad = check_nonnegative("margin", margin)
    low, high = pts.min(axis=0) - pad, pts.max(axis=0) + pad
    return Region(low, high, np.linspace(low[0], high[0], n), np.linspace(low[1], high[1], n))


@dataclass(frozen=True)
class TrainingRun:
    """One two-layer network trained by :func:`train_snapshots`, with its picture at a few steps.

    Attributes
    ----------
    hidden : int
        Hidden neurons ``H``.
    reg : float
        L2 strength λ.
    snapshot_steps : ndarray of int, shape (S,)
        Steps (updates done) at which the network was photographed; the last is ``steps``.
    snapshots : ndarray of int, shape (S, G, G)
        Predicted class on the region's grid at each snapshot: ``[s, row, col]`` is
        the class at ``(xs[col], ys[row])``.
    train_accuracy : ndarray, shape (S,)
        Fraction of training points right at each snapshot.
    heldout_accuracy : ndarray, shape (S,)
        Fraction of held-out points right at each snapshot (NaN without held-out data).
    losses : ndarray, shape (steps,)
        Total loss (data + ``0.5 * reg * sum(W**2)``) before each update.
    params : dict of ndarray
        The trained ``W1`` (D, H), ``b1`` (H,), ``W2`` (H, C), ``b2`` (C,).
    """

    hidden: int
    reg: float
    snapshot_steps: np.ndarray
    snapshots: np.ndarray
    train_accuracy: np.ndarray
    heldout_accuracy: np.ndarray
    losses: np.ndarray
    params: dict[str, np.ndarray]

    @property
    def final_train(self) -> float:
        """Training accuracy after the last step."""
        return float(self.train_accuracy[-1])

    @property
    def final_heldout(self) -> float:
        """Held-out accuracy after the last step."""
        return float(self.heldout_accuracy[-1])


def train_snapshots(
    X: Any,
    y: Any,
    hidden: int,
    region: Region,
    *,
    snapshot_steps: Any = (0, 10, 100, 500, 2000),
    reg: float = 1e-3,
    lr: float = 1.0,
    seed: int = 0,
    n_classes: int | None = None,
    heldout: tuple[Any, Any] | None = None,
) -> TrainingRun:
    r"""Train like :func:`dlmath.network.train_two_layer` (softmax loss) and photograph the boundary.

    Same initialisation (``default_rng(seed)``: ``W1 = sqrt(2/D)·randn``, then
    ``W2 = 0.01·randn``, biases 0) and the same full-batch update, so the last
    snapshot is exactly the network ``train_two_layer(X, y, hidden, seed=seed,
    steps=snapshot_steps[-1], reg=reg, lr=lr)`` returns. At each snapshot step (the
    number of updates done so far) the predicted class on ``region``'s grid and the
    training and held-out accuracy are kept.

    Parameters
    ----------
    X : array_like, shape (N, 2)
        Training points.
    y : array_like of int, shape (N,)
        Training labels.
    hidden : int
        Hidden neurons (>= 1).
    region : Region
        The grid to classify (from :func:`decision_grid`).
    snapshot_steps : array_like of int
        Increasing steps ``>= 0``; the last is the number of updates.
    reg, lr, seed, n_classes
        As for :func:`~dlmath.network.train_two_layer`.
    heldout : (X, y), optional
        Held-out points and labels, scored at every snapshot.
    """
    Xa = as_array("X", X, ndim=2)
    h = check_positive_int("hidden", hidden)
    lam = check_nonnegative("reg", reg)
    rate = check_positive("lr", lr)
    rng = np.random.default_rng(check_positive_int("seed", seed, minimum=0))
    labels, c = _labels(y, n_classes, Xa.shape[0])
    marks = _snapshot_steps(snapshot_steps)
    held = _heldout(heldout, Xa.shape[1], c)
    params = {
        "W1": np.sqrt(2.0 / Xa.shape[1]) * rng.standard_normal((Xa.shape[1], h)),
        "b1": np.zeros(h),
        "W2": 0.01 * rng.standard_normal((h, c)),
        "b2": np.zeros(c),
    }
    xx, yy = np.meshgrid(region.xs, region.ys)
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    shots, train_acc, held_acc = [], [], []
    losses = np.empty(int(marks[-1]))
    done = 0
    for mark in marks:
        for step in range(done, int(mark)):
            losses[step], grads = _loss_and_grads(params, Xa, labels, reg=lam)
            for name in params:
                params[name] -= rate * grads[name]
        done = int(mark)
        shots.append(_scores(params, grid)[1].argmax(axis=1).reshape(xx.shape))
        train_acc.append(_accuracy(params, Xa, labels))
        held_acc.append(np.nan if held is None else _accuracy(params, *held))
    return TrainingRun(
        hidden=h,
        reg=lam,
        snapshot_steps=marks,
        snapshots=np.array(shots),
        train_accuracy=np.array(train_acc),
        heldout_accuracy=np.array(held_acc),
        losses=losses,
        params=params,
    )


def _snapshot_steps(steps: Any) -> np.ndarray:
    marks = np.asarray(steps)
    if marks.ndim != 1 or marks.size == 0 or marks.dtype.kind not in "iu":
        raise DlmathError(f"snapshot_steps must be a list of integers, got {steps!r}")
    if marks[0] < 0 or np.any(np.diff(marks) <= 0) or marks[-1] < 1:
        raise DlmathError(
            f"snapshot_steps must increase from >= 0 and end at >= 1 updates, got {marks.tolist()}"
        )
    return marks.astype(np.int64)


def _heldout(
    heldout: tuple[Any, Any] | None, d: int, c: int
) -> tuple[np.ndarray, np.ndarray] | None:
    if heldout is None:
        return None
    Xh = as_array("heldout X", heldout[0], ndim=2)
    if Xh.shape[1] != d:
        raise DlmathError(f"heldout X must have {d} columns, got shape {Xh.shape}")
    return Xh, _labels(heldout[1], c, Xh.shape[0])[0]


def _accuracy(params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(_scores(params, X)[1].argmax(axis=1) == y))


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
