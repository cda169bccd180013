"""Iterative minimisation: the fixed-step method, gradient descent and momentum."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from dlmath._checks import (
    DlmathError,
    as_array,
    check_finite_scalar,
    check_nonnegative,
    check_positive_int,
)
from dlmath.objectives import OBJECTIVES, Objective, SlopeSteps, objective, slope_steps
from dlmath.trajectory import Descent, classify

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
