"""Train a two-layer network and photograph its decision boundary over a grid at a few steps."""

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

__all__ = ["Region", "TrainingRun", "decision_grid", "train_snapshots"]


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
