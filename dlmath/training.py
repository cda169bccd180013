"""Training-time tricks against overfitting: preprocessing, weight initialisation, dropout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import (
    DlmathError,
    as_array,
    check_choice,
    check_positive,
    check_positive_int,
    check_probability,
)
from dlmath.activations import relu, sigmoid, tanh

__all__ = [
    "ActivationStats",
    "DropoutResult",
    "Standardized",
    "activation_stats",
    "dropout",
    "dropout_mask",
    "init_weights",
    "standardize",
    "zero_center",
]

INIT_METHODS = ("normal", "xavier", "he")
ACTIVATIONS: dict[str, Callable[[Any], Any]] = {"tanh": tanh, "sigmoid": sigmoid, "relu": relu}


def zero_center(X: Any) -> np.ndarray:
    r"""Subtract the mean of each column (feature): :math:`X - \bar{X}`.

    Parameters
    ----------
    X : array_like, shape (N, D)
        One example per row.

    Returns
    -------
    ndarray, shape (N, D)
        The centred data; every column has mean 0.
    """
    arr = as_array("X", X, ndim=2)
    return arr - arr.mean(axis=0)


@dataclass(frozen=True)
class Standardized:
    """The two preprocessing steps, zero-centring then scaling (see :func:`standardize`)."""

    mean: np.ndarray  #: (D,) column means
    centred: np.ndarray  #: (N, D) X - mean
    std: np.ndarray  #: (D,) population standard deviation of each column (ddof=0)
    scaled: np.ndarray  #: (N, D) centred / std (a zero-std column is divided by 1)


def standardize(X: Any) -> Standardized:
    r"""Zero-centre each column, then divide it by its standard deviation.

    .. math::

        \mu_d = \frac{1}{N}\sum_i X_{id}, \qquad
        \sigma_d = \sqrt{\frac{1}{N}\sum_i (X_{id} - \mu_d)^2}, \qquad
        \hat X_{id} = \frac{X_{id} - \mu_d}{\sigma_d}

    The standard deviation is the population one (divide by N, ``ddof=0``), as
    in the notes. A constant column (:math:`\sigma_d = 0`) is divided by 1
    instead, so it stays all zeros rather than becoming NaN.

    Parameters
    ----------
    X : array_like, shape (N, D)
        One example per row.

    Returns
    -------
    Standardized
        ``mean`` (D,), ``centred`` (N, D), ``std`` (D,), ``scaled`` (N, D).

    Examples
    --------
    >>> standardize([[1, 200], [2, 400], [3, 900], [6, 100]]).mean
    array([  3., 400.])
    """
    arr = as_array("X", X, ndim=2)
    mean = arr.mean(axis=0)
    centred = arr - mean
    std = np.sqrt(np.mean(centred * centred, axis=0))
    scaled = centred / np.where(std > 0, std, 1.0)
    return Standardized(mean, centred, std, scaled)


def _shape(shape: Any) -> tuple[int, ...]:
    """Check a shape: a positive int or a non-empty tuple of positive ints."""
    dims = (shape,) if isinstance(shape, (int, np.integer)) else shape
    if not isinstance(dims, (tuple, list)) or len(dims) == 0:
        raise DlmathError(f"shape must be a positive int or a tuple of positive ints, got {dims!r}")
    return tuple(check_positive_int("shape", d) for d in dims)


def _fan_in(shape: tuple[int, ...]) -> int:
    """Inputs per unit: ``shape[0]`` for 1-D/2-D ``(fan_in, fan_out)``, else ``prod(shape[1:])``."""
    return shape[0] if len(shape) <= 2 else int(np.prod(shape[1:]))


def _weight_std(shape: tuple[int, ...], scale: float, method: str) -> float:
    """Standard deviation of the initial weights for ``method``."""
    if method == "xavier":
        return float(1.0 / np.sqrt(_fan_in(shape)))
    if method == "he":
        return float(np.sqrt(2.0 / _fan_in(shape)))
    return scale


def init_weights(
    shape: Any, scale: float = 0.01, *, method: str = "normal", seed: int = 0
) -> np.ndarray:
    r"""Random initial weights, the same for the same ``seed``.

    - ``"normal"``: :math:`W = \text{scale} \cdot \mathcal{N}(0, 1)` (the notes'
      ``0.01 * randn``);
    - ``"xavier"``: :math:`W = \mathcal{N}(0, 1) / \sqrt{\text{fan\_in}}` (keeps the
      variance through tanh layers);
    - ``"he"``: :math:`W = \mathcal{N}(0, 1) \cdot \sqrt{2 / \text{fan\_in}}` (for ReLU).

    ``scale`` is used by ``"normal"`` only. ``fan_in`` is ``shape[0]`` for a
    vector or a ``(fan_in, fan_out)`` matrix (the ``X @ W`` convention), and
    ``prod(shape[1:])`` for a filter bank ``(F, C, H, W)``.

    Parameters
    ----------
    shape : int or tuple of int
        Shape of the weight array.
    scale : float, default 0.01
        Standard deviation for ``method="normal"`` (> 0).
    method : {"normal", "xavier", "he"}
        Initialisation rule.
    seed : int, default 0
        Seed of the ``numpy.random.Generator`` (``default_rng``).

    Returns
    -------
    ndarray of the given shape
    """
    dims = _shape(shape)
    method = check_choice("method", method, INIT_METHODS)
    std = _weight_std(dims, check_positive("scale", scale), method)
    rng = np.random.default_rng(check_positive_int("seed", seed, minimum=0))
    return std * rng.standard_normal(dims)


def dropout_mask(shape: Any, p_keep: float, seed: int = 0) -> np.ndarray:
    """A random 0/1 keep mask: each unit is kept (1.0) independently with probability ``p_keep``.

    ``p_keep`` is the probability of KEEPING a unit, as in the notes and
    CS231n (``p = 0.5``); the drop probability is ``1 - p_keep``.

    Parameters
    ----------
    shape : int or tuple of int
        Shape of the mask (the hidden layer's shape).
    p_keep : float
        Keep probability in ``(0, 1]``.
    seed : int, default 0
        Seed of the ``numpy.random.Generator``.

    Returns
    -------
    ndarray of float (0.0 or 1.0), the given shape
    """
    dims = _shape(shape)
    p = check_probability("p_keep", p_keep)
    rng = np.random.default_rng(check_positive_int("seed", seed, minimum=0))
    return (rng.random(dims) < p).astype(np.float64)


@dataclass(frozen=True)
class DropoutResult:
    """One pass of inverted dropout (see :func:`dropout`); ``output = H * mask * scale``."""

    mask: np.ndarray  #: 0/1 keep mask, H's shape (all ones at test time)
    output: np.ndarray  #: H * mask * scale
    scale: float  #: 1 / p_keep at train time, 1 at test time
    p_keep: float  #: probability of keeping a unit
    train: bool  #: training pass (True) or test pass (False)


def dropout(
    H: Any, p_keep: float, *, mask: Any = None, seed: int = 0, train: bool = True
) -> DropoutResult:
    r"""Inverted dropout on hidden activations ``H``.

    At train time :math:`\text{out} = H \odot m / p`, with ``m`` a 0/1 mask that
    keeps each unit with probability ``p = p_keep`` (the KEEP probability).
    Dividing by ``p`` keeps the expected activation equal to ``H``, so at test
    time every unit takes part and nothing is scaled: ``out = H`` (mask all
    ones, ``scale = 1``; ``mask`` and ``seed`` are then ignored).

    Parameters
    ----------
    H : array_like, any shape
        Hidden activations.
    p_keep : float
        Keep probability in ``(0, 1]``.
    mask : array_like of 0/1, optional
        A given keep mask of ``H``'s shape; drawn with :func:`dropout_mask`
        from ``seed`` when omitted.
    seed : int, default 0
        Seed for the drawn mask.
    train : bool, default True
        Training pass (drop and scale) or test pass (identity).

    Returns
    -------
    DropoutResult
        ``mask``, ``output``, ``scale``, ``p_keep``, ``train``.

    Examples
    --------
    >>> dropout([1, 2, 3, 4], 0.5, mask=[1, 0, 1, 1]).output
    array([2., 0., 6., 8.])
    """
    h = as_array("H", H)
    p = check_probability("p_keep", p_keep)
    if mask is not None:
        m = as_array("mask", mask, nonempty=False)
        if m.shape != h.shape:
            raise DlmathError(f"mask must have H's shape {h.shape}, got {m.shape}")
        if not np.isin(m, (0.0, 1.0)).all():
            raise DlmathError("mask must hold only 0 and 1 (1 = keep)")
    if not train:
        return DropoutResult(np.ones_like(h), h.copy(), 1.0, p, False)
    m = dropout_mask(h.shape, p, seed) if mask is None else m
    return DropoutResult(m, h * m / p, 1.0 / p, p, True)


@dataclass(frozen=True)
class ActivationStats:
    """Activations of a deep random network, layer by layer (see :func:`activation_stats`)."""

    means: np.ndarray  #: (n_layers,) mean activation of each layer
    stds: np.ndarray  #: (n_layers,) standard deviation of each layer's activations
    histograms: tuple[tuple[np.ndarray, np.ndarray], ...]  #: (counts, edges) per layer
    scale: float | str  #: the number, or "xavier" / "he"
    weight_std: float  #: the standard deviation of the weights actually used
    activation: str  #: "tanh", "sigmoid" or "relu"


def activation_stats(
    n_layers: int = 10,
    width: int = 500,
    scale: float | str = 0.01,
    *,
    activation: str = "tanh",
    n_samples: int = 1000,
    seed: int = 0,
    bins: int = 30,
) -> ActivationStats:
    r"""The CS231n weight-initialisation experiment: activations through a deep random network.

    Inputs :math:`X \sim \mathcal{N}(0, 1)` of shape ``(n_samples, width)`` go
    through ``n_layers`` layers :math:`H_{l} = f(H_{l-1} W_l)`, no bias, with
    ``W_l`` of shape ``(width, width)`` from :func:`init_weights`. With
    ``scale=0.01`` tanh activations shrink towards 0 layer after layer (and so
    would the gradients); with ``scale=1.0`` they saturate at ±1; with
    ``"xavier"`` (:math:`1/\sqrt{\text{width}}`) they keep a spread.

    Histograms span ``[-1, 1]`` for tanh and sigmoid, and ``[0, max]`` for ReLU
    with the largest activation over all layers (one axis for every layer, so a
    collapse is visible; ``[0, 1]`` if every activation is 0).

    Parameters
    ----------
    n_layers, width, n_samples, bins : int
        Depth, units per layer, number of inputs, histogram bins (all >= 1).
    scale : float or {"xavier", "he"}
        Weight standard deviation, or an initialisation rule.
    activation : {"tanh", "sigmoid", "relu"}
        The non-linearity :math:`f`.
    seed : int, default 0
        Seed for the inputs (layer ``l`` weights use ``seed + l``).

    Returns
    -------
    ActivationStats
        ``means``, ``stds``, ``histograms``, ``scale``, ``weight_std``, ``activation``.
    """
    n_layers = check_positive_int("n_layers", n_layers)
    width = check_positive_int("width", width)
    n_samples = check_positive_int("n_samples", n_samples)
    bins = check_positive_int("bins", bins)
    seed = check_positive_int("seed", seed, minimum=0)
    act = check_choice("activation", activation, tuple(ACTIVATIONS))
    if isinstance(scale, str):
        if scale not in INIT_METHODS[1:]:
            raise DlmathError(f"scale must be a number > 0, 'xavier' or 'he', got {scale!r}")
        method, number = scale, 1.0
    else:
        method, number = "normal", check_positive("scale", scale)
    h = np.random.default_rng(seed).standard_normal((n_samples, width))
    layers = []
    for layer in range(1, n_layers + 1):
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is reported just below
            z = h @ init_weights((width, width), number, method=method, seed=seed + layer)
        if not np.isfinite(z).all():
            raise DlmathError(f"scale={scale!r} is too large: layer {layer} overflows")
        h = ACTIVATIONS[act](z)
        layers.append(h)
    top = max(float(a.max()) for a in layers) if act == "relu" else 1.0
    span = (0.0, top if top > 0 else 1.0) if act == "relu" else (-1.0, 1.0)
    return ActivationStats(
        means=np.array([a.mean() for a in layers]),
        stds=np.array([a.std() for a in layers]),
        histograms=tuple(np.histogram(a, bins=bins, range=span) for a in layers),
        scale=scale,
        weight_std=_weight_std((width, width), number, method),
        activation=act,
    )
