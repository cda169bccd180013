"""Inverted dropout: random keep masks, scaling at train time, identity at test time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array, check_positive_int, check_probability
from dlmath.initialization import _shape

__all__ = [
    "DropoutPasses",
    "DropoutResult",
    "dropout",
    "dropout_mask",
    "dropout_passes",
]


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

    @property
    def masked(self) -> np.ndarray:
        """``H * mask``: the kept activations before the ``1 / p_keep`` scaling."""
        return self.output / self.scale


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
class DropoutPasses:
    """Several training passes of inverted dropout on the same ``H`` (see :func:`dropout_passes`).

    Attributes
    ----------
    H : ndarray, shape (D,)
        The hidden activations.
    masks : ndarray, shape (n, D)
        One 0/1 keep mask per pass.
    outputs : ndarray, shape (n, D)
        ``H * mask / p`` of each pass.
    mean : ndarray, shape (D,)
        The outputs averaged over the passes (close to ``H`` for many passes).
    expected : ndarray, shape (D,)
        The expected output ``p * (H / p) + (1 - p) * 0``, which is ``H``.
    kept : ndarray, shape (D,)
        A kept unit's output ``H / p``.
    p_keep, p_drop : float
        Keep probability ``p`` and drop probability ``1 - p``.
    """

    H: np.ndarray
    masks: np.ndarray
    outputs: np.ndarray
    mean: np.ndarray
    expected: np.ndarray
    kept: np.ndarray
    p_keep: float
    p_drop: float


def dropout_passes(H: Any, p_keep: float, n: int = 3, *, seed: int = 0) -> DropoutPasses:
    r"""``n`` training passes of inverted dropout, each with a fresh random mask.

    Pass ``t`` uses :func:`dropout_mask` with seed ``seed + t``. A unit is kept
    with probability ``p`` and then outputs ``h / p``, or dropped and outputs 0,
    so its expected output is

    .. math:: E[\text{out}] = p \cdot \frac{h}{p} + (1 - p) \cdot 0 = h,

    the output it gives at test time, when every unit takes part unscaled.

    Parameters
    ----------
    H : array_like, shape (D,)
        Hidden activations.
    p_keep : float
        Keep probability in ``(0, 1]``.
    n : int, default 3
        Number of passes (>= 1).
    seed : int, default 0
        Seed of the first pass's mask.

    Returns
    -------
    DropoutPasses
    """
    h = as_array("H", H, ndim=1)
    p = check_probability("p_keep", p_keep)
    n = check_positive_int("n", n)
    seed = check_positive_int("seed", seed, minimum=0)
    masks = np.stack([dropout_mask(h.shape, p, seed + t) for t in range(n)])
    outputs = h * masks / p
    kept = h / p
    expected = p * kept + (1.0 - p) * 0.0
    return DropoutPasses(h, masks, outputs, outputs.mean(axis=0), expected, kept, p, 1.0 - p)
