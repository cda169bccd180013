"""Weight initialisation (normal, Xavier, He) and the deep-network activation experiment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, check_choice, check_positive, check_positive_int
from dlmath.activations import relu, relu_grad, sigmoid, sigmoid_grad, tanh, tanh_grad

__all__ = [
    "ActivationStats",
    "activation_stats",
    "init_weights",
]

INIT_METHODS = ("normal", "xavier", "he")
ACTIVATIONS: dict[str, Callable[[Any], Any]] = {"tanh": tanh, "sigmoid": sigmoid, "relu": relu}
GRADIENTS: dict[str, Callable[[Any], Any]] = {
    "tanh": tanh_grad,
    "sigmoid": sigmoid_grad,
    "relu": relu_grad,
}
#: The largest local gradient f'(z) of each activation (at z = 0, or z > 0 for ReLU).
MAX_SLOPE = {"tanh": 1.0, "sigmoid": 0.25, "relu": 1.0}
REGIMES = ("collapsed", "saturated", "exploding", "spread")


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


@dataclass(frozen=True)
class ActivationStats:
    """Activations of a deep random network, layer by layer (see :func:`activation_stats`)."""

    means: np.ndarray  #: (n_layers,) mean activation of each layer
    stds: np.ndarray  #: (n_layers,) standard deviation of each layer's activations
    histograms: tuple[tuple[np.ndarray, np.ndarray], ...]  #: (counts, edges) per layer
    scale: float | str  #: the number, or "xavier" / "he"
    weight_std: float  #: the standard deviation of the weights actually used
    activation: str  #: "tanh", "sigmoid" or "relu"
    slopes: np.ndarray  #: (n_layers,) mean local gradient f'(z) of each layer

    @property
    def regime(self) -> str:
        """What the layers do to the signal, judged on the last layer.

        ``"saturated"``: the last layer's mean slope f'(z) is below a quarter of
        the activation's largest slope (units pinned at the flat ends);
        ``"collapsed"``: its standard deviation is below 5 % of the first
        layer's (the activations shrink to a constant); ``"exploding"``: it is
        above 10 times the first layer's; otherwise ``"spread"``.
        """
        if self.slopes[-1] < 0.25 * MAX_SLOPE[self.activation]:
            return "saturated"
        if self.stds[-1] < 0.05 * self.stds[0]:
            return "collapsed"
        if self.stds[-1] > 10 * self.stds[0]:
            return "exploding"
        return "spread"


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

    A layer's weights learn from :math:`\partial L/\partial W_l = H_{l-1}^T
    (\partial L/\partial H_l \odot f'(Z_l))`: when activations collapse to 0,
    :math:`H_{l-1} \approx 0` makes it vanish; when they saturate, the local
    gradient :math:`f'(Z_l) \approx 0` does. ``slopes`` holds each layer's mean
    :math:`f'(Z_l)`.

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
        ``means``, ``stds``, ``histograms``, ``scale``, ``weight_std``, ``activation``,
        ``slopes`` (mean f'(z) per layer) and ``regime``.
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
    slopes: list[float] = []
    layers = []
    for layer in range(1, n_layers + 1):
        w = init_weights((width, width), number, method=method, seed=seed + layer)
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is reported just below
            z = h @ w
        if not np.isfinite(z).all():
            raise DlmathError(f"scale={scale!r} is too large: layer {layer} overflows")
        slopes.append(float(GRADIENTS[act](z).mean()))
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
        slopes=np.array(slopes),
    )
