"""Momentum against plain gradient descent: both runs, each update's two terms, an elongated bowl."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array, check_finite_scalar, check_positive_int
from dlmath.optim import Descent, Objective, descend, objective

__all__ = ["Contours", "MomentumRace", "bowl_contours", "elongated_bowl", "momentum_race"]


def _stretch(stretch: Any) -> float:
    k = check_finite_scalar("stretch", stretch)
    if not 1.0 <= k <= 1000.0:
        raise DlmathError(f"stretch must be a number from 1 to 1000, got {k:g}")
    return k


def elongated_bowl(stretch: float) -> Objective:
    r"""The bowl :math:`f(x, y) = \tfrac12 (x^2 + \kappa y^2)`, ``stretch`` :math:`= \kappa \ge 1`.

    Its contour lines are ellipses :math:`\kappa` times steeper across (in ``y``)
    than along (in ``x``): a long valley on the ``x`` axis. The minimum is the origin.

    Parameters
    ----------
    stretch : float
        :math:`\kappa`, the ratio of the curvatures across and along the valley (1 to 1000).

    Returns
    -------
    Objective
        ``f`` and ``grad`` take a length-2 array; ``grad(p) = (x, κ y)``.
    """
    k = _stretch(stretch)

    def f(p: Any) -> Any:
        q = np.asarray(p, dtype=np.float64)
        return 0.5 * (q[..., 0] ** 2 + k * q[..., 1] ** 2)

    def grad(p: Any) -> np.ndarray:
        q = np.asarray(p, dtype=np.float64)
        return np.array([q[0], k * q[1]])

    return Objective("elongated bowl", f"f(x, y) = 1/2 (x^2 + {k:g} y^2)", f, grad, (0.0, 0.0))


@dataclass(frozen=True)
class Contours:
    """Contour ellipses of :func:`elongated_bowl`: ``f = levels[i]`` has half-axes ``semi_axes[i]``."""

    levels: np.ndarray  #: shape (L,), largest first
    semi_axes: np.ndarray  #: shape (L, 2): half-widths along x and along y


def bowl_contours(stretch: float, top: float, count: int = 5, ratio: float = 0.25) -> Contours:
    r"""Contour levels ``top, top·ratio, top·ratio², …`` of the elongated bowl and their ellipses.

    The level :math:`c` of :math:`\tfrac12 (x^2 + \kappa y^2)` is the ellipse with
    half-axes :math:`\sqrt{2c}` (along ``x``) and :math:`\sqrt{2c/\kappa}` (along ``y``).

    Parameters
    ----------
    stretch : float
        :math:`\kappa` of the bowl.
    top : float
        The largest level (> 0), e.g. ``f`` at the start.
    count : int
        Number of levels (>= 1).
    ratio : float
        Each level is this fraction of the one before (0 < ratio < 1).
    """
    k = _stretch(stretch)
    c0 = check_finite_scalar("top", top)
    if c0 <= 0:
        raise DlmathError(f"top must be a level > 0, got {c0:g}")
    n = check_positive_int("count", count)
    r = check_finite_scalar("ratio", ratio)
    if not 0 < r < 1:
        raise DlmathError(f"ratio must be between 0 and 1 (exclusive), got {r:g}")
    levels = c0 * r ** np.arange(n)
    semi = np.column_stack([np.sqrt(2 * levels), np.sqrt(2 * levels / k)])
    return Contours(levels, semi)


@dataclass(frozen=True)
class MomentumRace:
    r"""Plain gradient descent and momentum from the same start (see :func:`momentum_race`).

    Attributes
    ----------
    objective : Objective
        What both runs minimise.
    plain, heavy : Descent
        Plain gradient descent and momentum (the heavy ball); ``xs`` has ``steps + 1`` rows.
    grad_terms : ndarray, shape (steps, ...)
        :math:`-\eta \nabla L(w_t)`: the gradient's part of update ``t`` of the momentum run.
    velocity_terms : ndarray, shape (steps, ...)
        :math:`\alpha (w_t - w_{t-1})` (0 at ``t = 0``): the part the last move carries over,
        so ``heavy.xs[t + 1] = heavy.xs[t] + grad_terms[t] + velocity_terms[t]``.
    distances : ndarray, shape (steps + 1, 2)
        Distance of each iterate from the minimum, plain (column 0) and momentum (column 1).
    closest : int
        The step ``t >= 1`` where momentum is nearest the minimum.
    rebound : int
        The step after ``closest`` where momentum is farthest away again (``closest`` if none).
    crossings : ndarray of int
        For one variable, the steps ``t`` where momentum's iterate has the other sign than at
        ``t - 1`` (it passed through the minimum at 0); empty for two variables.
    """

    objective: Objective
    plain: Descent
    heavy: Descent
    grad_terms: np.ndarray
    velocity_terms: np.ndarray
    distances: np.ndarray
    closest: int
    rebound: int
    crossings: np.ndarray


def momentum_race(
    obj: Objective | str, x0: Any, lr: float, momentum: float, steps: int
) -> MomentumRace:
    r"""Run plain gradient descent and momentum side by side on ``obj`` from ``x0``.

    Momentum is the update of the notes,

    .. math::

        w_{t+1} = w_t \underbrace{- \eta \nabla L(w_t)}_{\text{gradient}}
                  + \underbrace{\alpha (w_t - w_{t-1})}_{\text{velocity}},
        \qquad w_{-1} = w_0 ,

    computed by :func:`dlmath.optim.descend`. For :math:`y = x^2` from 1 with
    :math:`\eta = 0.1, \alpha = 0.9` momentum gives 0.8, 0.46, 0.062, −0.3086 …
    (crossing 0 at steps 4, 10 and 17) where plain descent gives 0.8, 0.64, 0.512 ….

    Parameters
    ----------
    obj : Objective or str
        An objective, or a name for :func:`dlmath.optim.objective`.
    x0 : float or array_like
        Start (a float for one variable, a length-D array for D).
    lr : float
        :math:`\eta >= 0`.
    momentum : float
        :math:`\alpha`, in [0, 1).
    steps : int
        Updates of each run (>= 1).
    """
    target = objective(obj) if isinstance(obj, str) else obj
    alpha = check_finite_scalar("momentum", momentum)
    if not 0 <= alpha < 1:
        raise DlmathError(f"momentum must be a number in [0, 1), got {alpha:g}")
    plain = descend(target.grad, x0, lr, steps, f=target.f)
    heavy = descend(target.grad, x0, lr, steps, momentum=alpha, f=target.f)
    xs = heavy.xs
    previous = np.concatenate([xs[:1], xs[:-2]])
    grad_terms = -heavy.lr * heavy.grads[:-1]
    velocity_terms = alpha * (xs[:-1] - previous)
    minimum = as_array("minimum", target.minimum, ndim=1)
    distances = np.column_stack([_distance(plain.xs, minimum), _distance(xs, minimum)])
    closest = 1 + int(np.argmin(distances[1:, 1]))
    after = distances[closest:, 1]
    rebound = closest + int(np.argmax(after))
    crossings = (
        np.flatnonzero(np.sign(xs[1:] - minimum[0]) * np.sign(xs[:-1] - minimum[0]) < 0) + 1
        if xs.ndim == 1
        else np.empty(0, dtype=np.intp)
    )
    return MomentumRace(
        target, plain, heavy, grad_terms, velocity_terms, distances, closest, rebound, crossings
    )


def _distance(xs: np.ndarray, minimum: np.ndarray) -> np.ndarray:
    flat = xs.reshape(len(xs), -1)
    return np.linalg.norm(flat - minimum[: flat.shape[1]], axis=1)
