"""Max and average pooling for CNNs: the forward pass, where each maximum came from, the gradients."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array, check_choice
from dlmath.conv import _check_cell
from dlmath.pool_ops import PoolResult, avg_pool, avg_pool_backward, max_pool, max_pool_backward

__all__ = [
    "POOL_MODES",
    "PoolResult",
    "Pooling",
    "avg_pool",
    "avg_pool_backward",
    "max_pool",
    "max_pool_backward",
    "pool2d",
]

POOL_MODES = ("max", "average")


@dataclass(frozen=True)
class Pooling:
    """One pooling layer, forward and backward, on one map (see :func:`pool2d`).

    Attributes
    ----------
    mode : str
        ``"max"`` or ``"average"``.
    x : ndarray, shape (H, W)
        The input map.
    output : ndarray, shape (OH, OW)
        Maximum or mean of each window.
    dout : ndarray, shape (OH, OW)
        Upstream gradient of the output.
    dx : ndarray, shape (H, W)
        Gradient of the input.
    rows, cols : ndarray of int, shape (OH, OW)
        Input coordinates of each window's maximum (max pooling; ties: first in
        row-major order). For average pooling they are empty arrays.
    count : int
        Cells per window, ``size * size`` (the divisor of the mean).
    size, stride : int
        Window side and step.
    """

    mode: str
    x: np.ndarray
    output: np.ndarray
    dout: np.ndarray
    dx: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    count: int
    size: int
    stride: int

    def window(self, i: int, j: int) -> tuple[slice, slice]:
        """Row and column slices of ``x`` covered by output cell ``(i, j)``."""
        _check_cell(i, j, self.output.shape)
        s = self.stride
        return slice(i * s, i * s + self.size), slice(j * s, j * s + self.size)

    @property
    def shares(self) -> np.ndarray:
        """Average pooling: each window's gradient share ``dout / count``, shape (OH, OW)."""
        return self.dout / self.count


def pool2d(
    x: Any, size: int = 2, stride: int = 2, *, mode: str = "max", dout: Any = None
) -> Pooling:
    r"""Pool one map, then pass an upstream gradient back through the pooling.

    Max pooling (:func:`max_pool`) keeps each window's largest value; its
    gradient goes to that value's cell only (the max gate: the winner's local
    gradient is 1, every other cell's 0). Average pooling (:func:`avg_pool`)
    keeps the mean; its gradient is spread equally, ``dout / F^2`` to each cell.

    Parameters
    ----------
    x : array_like, shape (H, W)
        The input map.
    size, stride : int
        Window side ``F`` and step ``S``; ``S`` must divide ``H - F`` and ``W - F``.
    mode : {"max", "average"}
        The pooling.
    dout : array_like, shape (OH, OW), optional
        Upstream gradient; by default ``1, 2, 3, ...`` in reading order, so every
        output cell's gradient can be told apart.

    Returns
    -------
    Pooling
        ``output``, ``dout``, ``dx``, the winners' ``rows`` and ``cols`` (max).

    Examples
    --------
    >>> pool2d([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]).output
    array([[6., 8.],
           [3., 4.]])
    """
    mode = check_choice("mode", mode, POOL_MODES)
    xa = as_array("x", x, ndim=2)
    if mode == "max":
        forward = max_pool(xa, size, stride)
        output, rows, cols = forward.output, forward.rows, forward.cols
    else:
        output = avg_pool(xa, size, stride)
        rows = cols = np.zeros(0, dtype=np.intp)
    if dout is None:
        d = np.arange(1.0, output.size + 1).reshape(output.shape)
    else:
        d = as_array("dout", dout)
        if d.shape != output.shape:
            raise DlmathError(
                f"dout must have the pooled output's shape {output.shape}, got {d.shape}"
            )
    if mode == "max":
        dx = max_pool_backward(d, forward)
    else:
        dx = avg_pool_backward(d, xa.shape, size, stride)
    return Pooling(mode, xa, output, d, dx, rows, cols, size * size, size, stride)
