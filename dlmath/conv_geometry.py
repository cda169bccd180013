"""Convolution arithmetic for the lesson: output sizes that may not fit, and seeded integer grids."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, check_positive_int

__all__ = ["ConvGeometry", "conv_geometry", "misfit_stride", "random_grid"]


@dataclass(frozen=True)
class ConvGeometry:
    """The output-size arithmetic :math:`(W - F + 2P)/S + 1` of one axis (see :func:`conv_geometry`).

    Attributes
    ----------
    size, field, pad, stride : int
        ``W``, ``F``, ``P``, ``S``.
    span : int
        ``W - F + 2P``, the distance the filter can travel.
    output : float
        ``span / S + 1`` (not rounded: 1.67 when the stride does not fit).
    fits : bool
        Whether ``output`` is a whole number >= 1 (the filter fits every position).
    """

    size: int
    field: int
    pad: int
    stride: int
    span: int
    output: float
    fits: bool


def conv_geometry(size: int, field: int, pad: int = 0, stride: int = 1) -> ConvGeometry:
    r"""The output size :math:`(W - F + 2P)/S + 1` of one axis, also when it does not fit.

    Unlike :func:`conv_output_size`, which raises, this reports a configuration
    that does not fit (``fits=False``): a 5-wide input with a 3-wide filter and
    stride 3 gives :math:`(5 - 3 + 0)/3 + 1 = 1.67` positions.

    Parameters
    ----------
    size, field : int
        Input size ``W`` and filter size ``F`` (>= 1).
    pad : int
        Zero padding ``P`` on each side (>= 0).
    stride : int
        Step ``S`` (>= 1).

    Returns
    -------
    ConvGeometry
    """
    size = check_positive_int("size", size)
    field = check_positive_int("field", field)
    pad = check_positive_int("pad", pad, minimum=0)
    stride = check_positive_int("stride", stride)
    span = size - field + 2 * pad
    fits = span >= 0 and span % stride == 0
    return ConvGeometry(size, field, pad, stride, span, span / stride + 1, fits)


def misfit_stride(size: int, field: int, pad: int = 0) -> int | None:
    """The smallest stride for which the filter does not fit (``None`` if every stride fits).

    Every stride fits when ``W - F + 2P`` is 0 (one position); otherwise the
    smallest ``S >= 2`` that does not divide ``W - F + 2P``.

    >>> misfit_stride(5, 3), misfit_stride(7, 3), misfit_stride(3, 3)
    (3, 3, None)
    """
    span = check_positive_int("size", size) - check_positive_int("field", field)
    span += 2 * check_positive_int("pad", pad, minimum=0)
    if span < 0:
        raise DlmathError(f"filter does not fit: W - F + 2P = {span} < 0; accepted: F <= W + 2P")
    for stride in range(2, span + 2):
        if span % stride:
            return stride
    return None


def random_grid(shape: Any, low: int, high: int, seed: int = 0) -> np.ndarray:
    """Whole numbers drawn uniformly from ``low..high`` (inclusive), as floats; seeded.

    The CS231n convolution demo draws its input from 0..2 and its filters from
    -1..1 this way.

    Parameters
    ----------
    shape : tuple of int
        Shape of the grid.
    low, high : int
        Smallest and largest value (``low <= high``).
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    ndarray of float, the given shape
    """
    dims = tuple(check_positive_int("shape", n) for n in shape)
    if isinstance(low, bool) or isinstance(high, bool) or not isinstance(low, int | np.integer):
        raise DlmathError(f"low must be an integer, got {low!r}")
    if not isinstance(high, int | np.integer) or high < low:
        raise DlmathError(f"high must be an integer >= low ({low}), got {high!r}")
    rng = np.random.default_rng(check_positive_int("seed", seed, minimum=0))
    return rng.integers(low, high + 1, dims).astype(np.float64)
