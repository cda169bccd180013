"""Preprocessing: zero-centring and standardising the columns of a data matrix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import as_array

__all__ = [
    "Standardized",
    "standardize",
    "zero_center",
]


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
