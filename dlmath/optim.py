"""Iterative minimisation: the fixed-step method, gradient descent and momentum."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from dlmath._checks import (
    DlmathError,
    as_array,
    check_choice,
    check_finite_scalar,
    check_nonnegative,
    check_positive_int,
)

__all__ = [
    "OBJECTIVES",
    "Descent",
    "Objective",
    "SlopeSteps",
    "classify",
    "descend",
    "fixed_step",
    "objective",
    "slope_steps",
]

Status = Literal["converged", "converging", "oscillating", "diverged"]


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
class Descent:
    """A trajectory of an iterative method (see :func:`descend` and :func:`fixed_step`).

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


def _start(x0: Any) -> np.ndarray:
    x = as_array("x0", x0, ndim=(0, 1))
    return x


def _grad_at(grad: Callable[[Any], Any], x: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Call ``grad(x)`` and check it returns numbers of the shape of ``x0``."""
    out = grad(x)
    try:
        g = np.asarray(out, dtype=np.float64)
    except (TypeError, ValueError):
        raise DlmathError(f"grad must return numbers of shape {shape} (the shape of x0)") from None
    if g.shape != shape:
        raise DlmathError(f"grad must return shape {shape} (the shape of x0), got {g.shape}")
    return g


def _evaluate(f: Callable[[Any], Any] | None, xs: np.ndarray) -> np.ndarray | None:
    if f is None:
        return None
    with np.errstate(over="ignore", invalid="ignore"):
        return np.array([float(f(x)) for x in xs])


def descend(
    grad: Callable[[Any], Any],
    x0: Any,
    lr: float,
    steps: int,
    momentum: float = 0.0,
    f: Callable[[Any], Any] | None = None,
) -> Descent:
    r"""Gradient descent, optionally with momentum as the notes write it.

    .. math::

        w_{t+1} = w_t - \eta \, \nabla L(w_t) + \alpha \, (w_t - w_{t-1}),
        \qquad w_{-1} = w_0

    With ``momentum = 0`` this is plain gradient descent: the step is proportional
    to the slope. For :math:`y = x^2` from :math:`x_0 = 1`: ``lr = 0.1`` gives
    0.8, 0.64, 0.512…; 0.7 gives −0.4, 0.16… (oscillating, converging); 1.0 gives
    ±1 forever; 1.1 diverges.

    Parameters
    ----------
    grad : callable
        Gradient of the objective; takes and returns a float or a 1-D array.
    x0 : float or array_like, shape (D,)
        Starting point.
    lr : float
        Learning rate :math:`\eta \ge 0`.
    steps : int
        Number of updates (``>= 1``); ``xs`` has ``steps + 1`` rows.
    momentum : float, default 0.0
        :math:`\alpha \ge 0`, the weight of the previous move.
    f : callable, optional
        The objective, evaluated at every iterate into ``values``.

    Returns
    -------
    Descent
        ``status`` and ``oscillates`` from :func:`classify`; for plain descent
        judged with the move it makes next, so one step already tells
        (``lr = 1.1``: diverged) and a run resting on the minimum is converged.

    Examples
    --------
    >>> d = descend(objective("parabola").grad, 1.0, 0.1, 3)
    >>> d.xs.round(3).tolist(), d.status
    ([1.0, 0.8, 0.64, 0.512], 'converging')
    """
    eta = check_nonnegative("lr", lr)
    alpha = check_nonnegative("momentum", momentum)
    n = check_positive_int("steps", steps)
    x = _start(x0)
    xs = np.empty((n + 1, *x.shape))
    gs = np.empty_like(xs)
    xs[0] = x
    prev = x
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(n + 1):
            g = _grad_at(grad, xs[t], x.shape)
            gs[t] = g
            if t == n:
                break
            xs[t + 1] = xs[t] - eta * g + alpha * (xs[t] - prev)
            prev = xs[t]
    if alpha > 0:
        status, zigzag = classify(xs)
    else:  # plain descent's next move is known: judge the run with it
        with np.errstate(over="ignore", invalid="ignore"):
            status, zigzag = classify(np.concatenate([xs, [xs[-1] - eta * gs[-1]]]))
    method = "momentum" if alpha > 0 else "gradient descent"
    return Descent(method, xs, gs, _evaluate(f, xs), eta, alpha, status, zigzag)


def _decimal(value: float) -> Fraction:
    """``value`` as the shortest decimal that rounds to it (the number as typed), exactly."""
    return Fraction(repr(float(value)))


def fixed_step(
    grad: Callable[[Any], Any],
    x0: Any,
    step: float,
    steps: int,
    f: Callable[[Any], Any] | None = None,
) -> Descent:
    r"""The iterative method the notes start from: a fixed step toward lower y.

    .. math::

        x_{t+1} = x_t - h \, \operatorname{sign}(\nabla f(x_t))

    Each coordinate moves by the fixed length :math:`h` downhill and stays where
    the slope is 0. For :math:`y = x^2` from 1: ``step = 0.5`` reaches the minimum
    (0.5, 0, 0…); ``step = 0.7`` oscillates between 0.3 and −0.4 forever, which is
    why gradient descent makes the step proportional to the slope.

    The method runs in exact arithmetic: ``x0`` and ``h`` are read as the
    decimals they print as (``0.2`` is 1/5, not the binary float just above
    it), every iterate is ``x0 + k h`` with an integer ``k`` per coordinate,
    computed as a fraction and rounded once. So it lands on a minimum exactly
    where exact arithmetic does and stays there: from 1 with ``h = 0.2`` it
    reaches 0 after five moves, where float arithmetic would leave 5.6e−17 and
    step on. The gradient's sign is taken at the rounded iterate.

    Parameters
    ----------
    grad : callable
        Gradient (only its sign is used).
    x0 : float or array_like, shape (D,)
        Starting point.
    step : float
        Step length :math:`h > 0`; stored as ``lr`` in the result.
    steps : int
        Number of moves (``>= 1``).
    f : callable, optional
        The objective, evaluated at every iterate into ``values``.

    Returns
    -------
    Descent
        ``method = "fixed step"``; ``status`` and ``oscillates`` from
        :func:`classify` on the exact moves (``h`` or 0 per coordinate) and the
        move the method makes next.

    Examples
    --------
    >>> parabola = objective("parabola")
    >>> fixed_step(parabola.grad, 1.0, 0.2, 7).xs.tolist()
    [1.0, 0.8, 0.6, 0.4, 0.2, 0.0, 0.0, 0.0]
    >>> fixed_step(parabola.grad, 1.0, 0.7, 4).status
    'oscillating'
    """
    h = check_finite_scalar("step", step)
    if h <= 0:
        raise DlmathError(f"step must be a finite number > 0, got {h:g}")
    n = check_positive_int("steps", steps)
    x = _start(x0)
    exact_h = _decimal(h)
    origin = [_decimal(v) for v in x.ravel()]
    counts = np.zeros((n + 1, x.size), dtype=np.int64)  # x_t = x0 + counts[t] * h
    xs = np.empty((n + 1, *x.shape))
    gs = np.empty_like(xs)
    xs[0] = x
    for t in range(n + 1):
        gs[t] = _grad_at(grad, xs[t], x.shape)
        if t == n:
            break
        counts[t + 1] = counts[t] - np.sign(gs[t]).astype(np.int64).ravel()
        exact = [o + int(k) * exact_h for o, k in zip(origin, counts[t + 1], strict=True)]
        xs[t + 1] = np.array([float(v) for v in exact]).reshape(x.shape)
    # judge the exact moves in units of h (-1, 0 or 1 per coordinate), with the next one
    ahead = counts[-1] - np.sign(gs[-1]).astype(np.int64).ravel()
    status, zigzag = classify(np.vstack([counts, ahead]).astype(np.float64), tol=0.0)
    return Descent("fixed step", xs, gs, _evaluate(f, xs), h, 0.0, status, zigzag)


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
