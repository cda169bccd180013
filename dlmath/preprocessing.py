"""Preprocessing: zero-centring and standardising the columns of a data matrix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array, check_finite_scalar, check_positive_int

__all__ = [
    "Standardized",
    "gaussian_cloud",
    "standardize",
    "standardize_with",
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


def standardize_with(stats: Standardized, X: Any) -> Standardized:
    r"""Preprocess new data ``X`` (test data) with statistics computed on the training data.

    The training set's column means and standard deviations are reused, never
    recomputed on ``X``: :math:`\hat X = (X - \mu_{train}) / \sigma_{train}`
    (a zero-std column is divided by 1, as in :func:`standardize`).

    Parameters
    ----------
    stats : Standardized
        The result of :func:`standardize` on the training data.
    X : array_like, shape (M, D)
        New examples, one per row, with the training data's D columns.

    Returns
    -------
    Standardized
        ``mean`` and ``std`` of the training data; ``centred`` and ``scaled`` of ``X``.
    """
    if not isinstance(stats, Standardized):
        raise DlmathError(f"stats must be a Standardized result, got {type(stats).__name__}")
    arr = as_array("X", X, ndim=2)
    if arr.shape[1] != stats.mean.shape[0]:
        raise DlmathError(
            f"X must have the training data's {stats.mean.shape[0]} columns, got {arr.shape[1]}"
        )
    centred = arr - stats.mean
    scaled = centred / np.where(stats.std > 0, stats.std, 1.0)
    return Standardized(stats.mean, centred, stats.std, scaled)


def gaussian_cloud(n: int, mean: Any, std: Any, *, corr: float = 0.0, seed: int = 0) -> np.ndarray:
    r"""A seeded 2-D Gaussian point cloud with given means, standard deviations and correlation.

    Rows are :math:`\mu + (\sigma_1 z_1,\ \sigma_2 (\rho z_1 + \sqrt{1 - \rho^2} z_2))`
    with :math:`z \sim \mathcal{N}(0, I)` from ``numpy.random.default_rng(seed)``.

    Parameters
    ----------
    n : int
        Number of points (>= 2).
    mean : array_like, shape (2,)
        Centre of the cloud.
    std : array_like, shape (2,)
        Standard deviation along each axis (> 0).
    corr : float, default 0
        Correlation :math:`\rho` of the two coordinates, in (-1, 1).
    seed : int, default 0
        Seed of the generator.

    Returns
    -------
    ndarray, shape (n, 2)
    """
    n = check_positive_int("n", n, minimum=2)
    mu = as_array("mean", mean, ndim=1)
    sigma = as_array("std", std, ndim=1)
    if mu.shape != (2,) or sigma.shape != (2,):
        raise DlmathError(f"mean and std must have 2 entries, got {mu.shape} and {sigma.shape}")
    if (sigma <= 0).any():
        raise DlmathError(f"std must be > 0, got {sigma.tolist()}")
    rho = check_finite_scalar("corr", corr)
    if not -1 < rho < 1:
        raise DlmathError(f"corr must be in (-1, 1), got {rho:g}")
    z = np.random.default_rng(check_positive_int("seed", seed, minimum=0)).standard_normal((n, 2))
    second = rho * z[:, 0] + np.sqrt(1 - rho * rho) * z[:, 1]
    return mu + np.column_stack([sigma[0] * z[:, 0], sigma[1] * second])
