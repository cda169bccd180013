"""The objectives the optimisation scenes minimise, and one descent update at two places."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, check_choice, check_finite_scalar, check_nonnegative

__all__ = ["OBJECTIVES", "Objective", "SlopeSteps", "objective", "slope_steps"]


@dataclass(frozen=True)
class Objective:
    """A function to minimise with its gradient, for the optimisation scenes.

    ``f`` and ``grad`` take a float (1 variable) or a length-2 array (2 variables).
    ``formula`` is the function in Typst maths notation, ``grad_formula`` its
    gradient, ``minimum`` its minimiser.
    """

    name: str
    formula: str
    f: Callable[[Any], Any]
    grad: Callable[[Any], Any]
    minimum: tuple[float, ...]
    grad_formula: str = ""


def _bowl(p: Any) -> Any:
    p = np.asarray(p, dtype=np.float64)
    return 0.5 * (p[..., 0] ** 2 + 10.0 * p[..., 1] ** 2)


def _bowl_grad(p: Any) -> np.ndarray:
    p = np.asarray(p, dtype=np.float64)
    return np.array([p[0], 10.0 * p[1]])


#: The named objectives the scenes use: ``y = x^2`` and an elongated 2-D bowl.
OBJECTIVES: dict[str, Objective] = {
    "parabola": Objective(
        "parabola", "y = x^2", lambda x: x * x, lambda x: 2.0 * x, (0.0,), "f'(x) = 2 x"
    ),
    "bowl": Objective(
        "bowl",
        "f(x, y) = 1/2 (x^2 + 10 y^2)",
        _bowl,
        _bowl_grad,
        (0.0, 0.0),
        "nabla f = (x, 10 y)",
    ),
}


def objective(name: str) -> Objective:
    r"""Return the named :class:`Objective`.

    ``"parabola"`` is :math:`y = x^2` (one variable, minimum at 0);
    ``"bowl"`` is :math:`f(x, y) = \tfrac12 (x^2 + 10 y^2)`, an elongated bowl
    for contour pictures (minimum at the origin).

    Parameters
    ----------
    name : str
        ``"parabola"`` or ``"bowl"``.

    Returns
    -------
    Objective
        ``f``, ``grad``, its Typst ``formula`` and ``minimum``.
    """
    return OBJECTIVES[check_choice("objective", name, tuple(OBJECTIVES))]


@dataclass(frozen=True)
class SlopeSteps:
    """Gradient-descent updates at a few places (see :func:`slope_steps`); arrays of shape (K,)."""

    xs: np.ndarray  #: the places
    values: np.ndarray  #: f at each place
    grads: np.ndarray  #: the slope f'(x) at each place
    lr: float  #: the learning rate
    moves: np.ndarray  #: the step lr * f'(x) taken from each place (downhill: subtracted)
    nexts: np.ndarray  #: x - lr * f'(x), where each update lands
    next_values: np.ndarray  #: f at each landing point


def slope_steps(obj: Objective, x0: float, lr: float) -> SlopeSteps:
    r"""One gradient-descent update at two places: ``x0`` and halfway to the minimum.

    .. math::

        x \leftarrow x - \eta \, f'(x)

    On :math:`y = x^2` the slope halfway is half as steep, and so is the step:
    from 1 with :math:`\eta = 0.1` the slope 2 gives a step of 0.2 (to 0.8), the
    slope 1 at 0.5 a step of 0.1 (to 0.4). This is what "the step is
    proportional to the slope" means.

    Parameters
    ----------
    obj : Objective
        A one-variable objective (``objective("parabola")``).
    x0 : float
        The first place; the second is halfway from it to ``obj.minimum``.
    lr : float
        Learning rate :math:`\eta \ge 0`.

    Returns
    -------
    SlopeSteps
        Places, values, slopes, steps and landing points, shape ``(2,)`` each.

    Examples
    --------
    >>> s = slope_steps(objective("parabola"), 1.0, 0.1)
    >>> s.xs.tolist(), s.grads.tolist(), s.moves.tolist(), s.nexts.tolist()
    ([1.0, 0.5], [2.0, 1.0], [0.2, 0.1], [0.8, 0.4])
    """
    if len(obj.minimum) != 1:
        raise DlmathError(f"obj must be an objective of one variable, got {obj.name!r}")
    x = check_finite_scalar("x0", x0)
    eta = check_nonnegative("lr", lr)
    places = np.array([x, (x + obj.minimum[0]) / 2])
    grads = np.array([float(obj.grad(p)) for p in places])
    moves = eta * grads
    nexts = places - moves
    with np.errstate(over="ignore", invalid="ignore"):
        values = np.array([float(obj.f(p)) for p in places])
        next_values = np.array([float(obj.f(p)) for p in nexts])
    return SlopeSteps(places, values, grads, eta, moves, nexts, next_values)
