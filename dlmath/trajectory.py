"""A run of an iterative method, and whether it converges, oscillates or diverges."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

__all__ = ["Descent", "classify"]

Status = Literal["converged", "converging", "oscillating", "diverged"]


@dataclass(frozen=True)
class Descent:
    """A trajectory of an iterative method (see :func:`~dlmath.optim.descend`, :func:`~dlmath.optim.fixed_step`).

    ``xs`` has ``steps + 1`` iterates, ``x0`` first: shape ``(steps + 1,)`` for one
    variable, ``(steps + 1, D)`` for ``D``. ``grads`` is the gradient at every
    iterate (same shape); ``values`` is ``f`` at every iterate when ``f`` was given.
    """

    method: str  #: "gradient descent", "momentum" or "fixed step"
    xs: np.ndarray
    grads: np.ndarray
    values: np.ndarray | None
    lr: float  #: the learning rate, or the step length of the fixed-step method
    momentum: float
    status: Status  #: see :func:`classify`
    oscillates: bool  #: successive steps point in opposite directions (zig-zag)

    @property
    def steps(self) -> np.ndarray:
        """The moves ``xs[t+1] - xs[t]``."""
        return np.diff(self.xs, axis=0)


def classify(xs: np.ndarray, tol: float = 1e-6) -> tuple[Status, bool]:
    """Say how a trajectory behaves, from the sizes of its moves.

    The largest move of the last third of the run is compared with the largest
    of the first third:

    - ``diverged``: an iterate is not finite, or the late moves are longer;
    - ``converged``: the last move is not longer than ``tol``;
    - ``oscillating``: late moves are as long as early ones and the last three
      alternate in direction (e.g. ±1 forever);
    - ``converging``: late moves are shorter (or as long but all one way, a
      steady march still on its way), and the last is longer than ``tol``.

    Only move sizes are used, not the objective: a momentum run that speeds up
    on a long slope can read as ``diverged`` until it slows down. A method whose
    next move is known (plain descent, the fixed step) passes its iterates with
    that next one appended, so a one-move run still has two moves to compare and
    a run resting on a minimum (next move 0) is ``converged``.

    The second value says whether the last three moves alternate in direction
    (up to the first move without a direction when the run blew up to NaN).

    Parameters
    ----------
    xs : ndarray, shape (T + 1,) or (T + 1, D)
        The iterates, ``x0`` first.
    tol : float, default 1e-6
        A last move at most this long counts as converged.

    Returns
    -------
    status : {"converged", "converging", "oscillating", "diverged"}
    zigzag : bool
    """
    flat = xs.reshape(len(xs), -1)
    with np.errstate(invalid="ignore", over="ignore"):
        moves = np.diff(flat, axis=0)
        known = ~np.isnan(moves).any(axis=1)  # inf - inf has no direction
        recent = moves[: len(moves) if known.all() else int(np.argmin(known))][-3:]
        zigzag = len(recent) >= 2 and bool(np.all(np.sum(recent[1:] * recent[:-1], axis=1) < 0))
    if not np.isfinite(flat).all():
        return "diverged", zigzag
    sizes = np.linalg.norm(moves, axis=1)
    if len(sizes) == 0 or sizes[-1] <= tol:
        return "converged", zigzag
    if len(sizes) < 2:
        return "converging", zigzag
    w = max(1, len(sizes) // 3)
    ratio = sizes[-w:].max() / max(sizes[:w].max(), np.finfo(float).tiny)
    if ratio > 1.0 + 1e-9:
        return "diverged", zigzag
    if ratio >= 1.0 - 1e-9 and zigzag:
        return "oscillating", zigzag
    return "converging", zigzag
