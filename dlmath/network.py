"""A small two-layer ReLU network trained by full-batch gradient descent."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import (
    DlmathError,
    as_array,
    as_labels,
    check_choice,
    check_nonnegative,
    check_positive,
    check_positive_int,
)
from dlmath.losses import hinge_loss, l2_penalty, l2_penalty_grad, softmax_loss

__all__ = [
    "TrainedNetwork",
    "train_two_layer",
]

_LOSSES = ("softmax", "hinge")
_PARAMS = ("W1", "b1", "W2", "b2")


def _scores(params: dict[str, np.ndarray], X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hidden activations ``relu(X W1 + b1)`` (N, H) and scores ``h W2 + b2`` (N, C)."""
    hidden = np.maximum(X @ params["W1"] + params["b1"], 0.0)
    return hidden, hidden @ params["W2"] + params["b2"]


def _loss_and_grads(
    params: dict[str, np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    *,
    loss: str = "softmax",
    reg: float = 1e-3,
) -> tuple[float, dict[str, np.ndarray]]:
    r"""Loss and gradients of the two-layer network (one forward and backward pass).

    :math:`L = \text{data loss}(s, y) + \tfrac12 \lambda (\sum W_1^2 + \sum W_2^2)` with
    :math:`s = \max(0, X W_1 + b_1) W_2 + b_2`; the data loss is the mean over
    examples. Returns ``(L, {"W1": dL/dW1, "b1": ..., "W2": ..., "b2": ...})``.
    """
    hidden, scores = _scores(params, X)
    data = softmax_loss(scores, y) if loss == "softmax" else hinge_loss(scores, y)
    half = 0.5 * reg
    value = data.loss + l2_penalty(params["W1"], half) + l2_penalty(params["W2"], half)
    dscores = data.grad
    dhidden = (dscores @ params["W2"].T) * (hidden > 0)
    grads = {
        "W1": X.T @ dhidden + l2_penalty_grad(params["W1"], half),
        "b1": dhidden.sum(axis=0),
        "W2": hidden.T @ dscores + l2_penalty_grad(params["W2"], half),
        "b2": dscores.sum(axis=0),
    }
    return value, grads


@dataclass(frozen=True)
class TrainedNetwork:
    """A two-layer network ``scores = relu(X W1 + b1) W2 + b2`` after :func:`train_two_layer`.

    Attributes
    ----------
    W1, b1, W2, b2 : ndarray, shapes (D, H), (H,), (H, C), (C,)
        Trained parameters.
    hidden : int
        Number of hidden neurons ``H``.
    loss_name : str
        ``"softmax"`` or ``"hinge"``.
    losses : ndarray, shape (steps,)
        Total loss (data + ``0.5 * reg * sum(W**2)``) before each update.
    train_accuracy : float
        Fraction of training points classified correctly after training.
    grid_x, grid_y : ndarray, shape (grid_size,) or None
        Grid coordinates over the data's bounding box ± margin (None unless D = 2).
    grid_labels : ndarray of int, shape (grid_size, grid_size) or None
        Predicted class at ``(grid_x[col], grid_y[row])``: row = y index, col = x index.
    """

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray
    hidden: int
    loss_name: str
    losses: np.ndarray
    train_accuracy: float
    grid_x: np.ndarray | None
    grid_y: np.ndarray | None
    grid_labels: np.ndarray | None

    def scores(self, X: Any) -> np.ndarray:
        """Class scores ``relu(X W1 + b1) W2 + b2``, shape (M, C), for ``X`` of shape (M, D)."""
        d = self.W1.shape[0]
        Xa = as_array("X", X, ndim=2)
        if Xa.shape[1] != d:
            raise DlmathError(f"X must have {d} columns (features), got shape {Xa.shape}")
        params = {"W1": self.W1, "b1": self.b1, "W2": self.W2, "b2": self.b2}
        return _scores(params, Xa)[1]

    def predict(self, X: Any) -> np.ndarray:
        """Predicted class (argmax of the scores; ties: lowest index) for each row of ``X``."""
        return self.scores(X).argmax(axis=1)


def train_two_layer(
    X: Any,
    y: Any,
    hidden: int = 20,
    *,
    loss: str = "softmax",
    reg: float = 1e-3,
    lr: float = 1.0,
    steps: int = 2000,
    seed: int = 0,
    n_classes: int | None = None,
    grid_size: int = 100,
    margin: float = 0.5,
) -> TrainedNetwork:
    r"""Train ``scores = relu(X W1 + b1) W2 + b2`` by full-batch gradient descent.

    Each step computes :math:`L = \text{data loss} + \tfrac12 \lambda(\sum W_1^2 + \sum W_2^2)`
    (CS231n's factor 1/2, so the penalty's gradient is :math:`\lambda W`) with the
    mean softmax (natural log) or hinge (:math:`\Delta = 1`) loss from
    :mod:`dlmath.losses`, then updates every parameter :math:`\theta \leftarrow
    \theta - \text{lr}\,\partial L/\partial\theta`. Weights are drawn from
    ``numpy.random.default_rng(seed)``, W1 first, then W2, so the same seed gives
    the same arrays: ``W1 = sqrt(2/D) * randn`` (He initialisation; plain ``randn``
    for 2-D data, which spreads the ReLU half-planes so that small networks train
    reliably, where ``0.01 * randn`` often leaves 20 neurons below 75 % on the
    spiral), ``W2 = 0.01 * randn`` (as in CS231n), biases 0.

    Parameters
    ----------
    X : array_like, shape (N, D)
        Training points (any ``D``; the decision grid needs ``D = 2``).
    y : array_like of int, shape (N,)
        Labels ``0 <= y < n_classes``.
    hidden : int
        Hidden neurons ``H`` (>= 1).
    loss : {"softmax", "hinge"}
        Data loss: softmax cross-entropy or multiclass hinge with margin 1.
    reg : float
        L2 strength :math:`\lambda` (>= 0).
    lr : float
        Learning rate (> 0).
    steps : int
        Gradient-descent steps (>= 1).
    seed : int
        Seed of the weight initialisation.
    n_classes : int, optional
        Number of classes ``C`` (>= 2); default ``max(y) + 1`` (at least 2).
    grid_size : int
        Points per axis of the decision grid (>= 2).
    margin : float
        Extension of the grid beyond the data's bounding box (>= 0).

    Returns
    -------
    TrainedNetwork
        Parameters, loss per step, training accuracy and, for 2-D data, the
        predicted class on a ``grid_size x grid_size`` grid.
    """
    Xa = as_array("X", X, ndim=2)
    h = check_positive_int("hidden", hidden)
    loss = check_choice("loss", loss, _LOSSES)
    reg = check_nonnegative("reg", reg)
    lr = check_positive("lr", lr)
    steps = check_positive_int("steps", steps)
    rng = np.random.default_rng(check_positive_int("seed", seed, minimum=0))
    grid_size = check_positive_int("grid_size", grid_size, minimum=2)
    margin = check_nonnegative("margin", margin)
    labels, c = _labels(y, n_classes, Xa.shape[0])
    params = {
        "W1": np.sqrt(2.0 / Xa.shape[1]) * rng.standard_normal((Xa.shape[1], h)),
        "b1": np.zeros(h),
        "W2": 0.01 * rng.standard_normal((h, c)),
        "b2": np.zeros(c),
    }
    history = np.empty(steps)
    for step in range(steps):
        history[step], grads = _loss_and_grads(params, Xa, labels, loss=loss, reg=reg)
        for name in _PARAMS:
            params[name] -= lr * grads[name]
    accuracy = float(np.mean(_scores(params, Xa)[1].argmax(axis=1) == labels))
    grid = _decision_grid(params, Xa, grid_size, margin) if Xa.shape[1] == 2 else (None,) * 3
    return TrainedNetwork(
        **params,
        hidden=h,
        loss_name=loss,
        losses=history,
        train_accuracy=accuracy,
        grid_x=grid[0],
        grid_y=grid[1],
        grid_labels=grid[2],
    )


def _labels(y: Any, n_classes: int | None, n: int) -> tuple[np.ndarray, int]:
    """Check the labels; ``n_classes`` defaults to ``max(y) + 1`` (at least 2)."""
    if n_classes is not None:
        c = check_positive_int("n_classes", n_classes, minimum=2)
        return as_labels("y", y, c, shape=(n,)), c
    labels = as_labels("y", y, sys.maxsize, shape=(n,))
    return labels, max(int(labels.max()) + 1, 2)


def _decision_grid(
    params: dict[str, np.ndarray], X: np.ndarray, grid_size: int, margin: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Grid axes over the bounding box ± margin and the predicted class (row = y, col = x)."""
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    gx, gy = np.linspace(lo[0], hi[0], grid_size), np.linspace(lo[1], hi[1], grid_size)
    xx, yy = np.meshgrid(gx, gy)
    scores = _scores(params, np.column_stack([xx.ravel(), yy.ravel()]))[1]
    return gx, gy, scores.argmax(axis=1).reshape(grid_size, grid_size)
