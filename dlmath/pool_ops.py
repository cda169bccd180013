"""Max and average pooling of stacked maps, forward and backward, with where each maximum came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dlmath._checks import DlmathError, as_array, check_positive_int
from dlmath.conv import _check_cell, _output_size, _windows

__all__ = ["PoolResult", "avg_pool", "avg_pool_backward", "max_pool", "max_pool_backward"]


@dataclass(frozen=True)
class PoolResult:
    """Intermediate values of :func:`max_pool`.

    Attributes
    ----------
    output : ndarray, shape (C, OH, OW) or (OH, OW)
        Largest value of each window.
    argmax : ndarray of int, same shape as ``output``
        Position of the maximum inside its window, row-major ``u * size + v``
        (ties: the first in row-major order).
    rows, cols : ndarray of int, same shape as ``output``
        Input coordinates of each maximum (``rows = i*stride + u``).
    input_shape : tuple of int
        Shape of the pooled input.
    size, stride : int
        Window size and step.
    """

    output: np.ndarray
    argmax: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    input_shape: tuple[int, ...]
    size: int
    stride: int

    def window(self, i: int, j: int) -> tuple[slice, slice]:
        """Row and column slices of the input covered by output cell ``(i, j)``."""
        _check_cell(i, j, self.output.shape)
        s = self.stride
        return slice(i * s, i * s + self.size), slice(j * s, j * s + self.size)


def max_pool(x: Any, size: int = 2, stride: int = 2) -> PoolResult:
    r"""Max pooling of each channel: :math:`out[c,i,j] = \max_{u,v < size} x[c, iS+u, jS+v]`.

    Parameters
    ----------
    x : array_like, shape (C, H, W) or (H, W)
        Input maps; channels are pooled independently (no padding).
    size : int
        Window side ``F`` (>= 1).
    stride : int
        Step ``S`` (>= 1); ``S`` must divide ``H - F`` and ``W - F``.

    Returns
    -------
    PoolResult
        ``output`` of shape (C, OH, OW) (or (OH, OW)), ``OH = (H - F)/S + 1``,
        with the position of every maximum (ties: first in row-major order).
        A 4x4 map with ``size=2, stride=2`` gives a 2x2 output.
    """
    xa = as_array("x", x, ndim=(2, 3))
    size = check_positive_int("size", size)
    stride = check_positive_int("stride", stride)
    x3 = xa[None] if xa.ndim == 2 else xa
    _output_size(x3.shape[1], size, 0, stride, "input height")
    _output_size(x3.shape[2], size, 0, stride, "input width")
    windows = _windows(x3, size, size, stride, 0)
    flat = windows.reshape(*windows.shape[:3], size * size)
    argmax = flat.argmax(axis=-1)
    output = np.take_along_axis(flat, argmax[..., None], axis=-1)[..., 0]
    oh, ow = output.shape[1:]
    rows = np.arange(oh)[:, None] * stride + argmax // size
    cols = np.arange(ow)[None, :] * stride + argmax % size
    squeeze = (lambda a: a[0]) if xa.ndim == 2 else (lambda a: a)
    return PoolResult(
        output=squeeze(output),
        argmax=squeeze(argmax),
        rows=squeeze(rows),
        cols=squeeze(cols),
        input_shape=xa.shape,
        size=size,
        stride=stride,
    )


def max_pool_backward(
    dout: Any, forward: PoolResult | Any, size: int = 2, stride: int = 2
) -> np.ndarray:
    r"""Gradient of :func:`max_pool`: the max routes ``dout`` to the input cell that won.

    .. math:: dx[c, r, s] = \sum_{(i,j):\ (r,s) = \text{argmax of window } (i,j)} dout[c, i, j]

    Every other input cell gets 0; with overlapping windows (``stride < size``)
    a cell that wins several windows receives the sum.

    Parameters
    ----------
    dout : array_like
        Upstream gradient, same shape as the pooled output.
    forward : PoolResult or array_like
        The result of :func:`max_pool`, or the input ``x`` (then pooled here
        with ``size`` and ``stride``; ignored when a ``PoolResult`` is given).
    size, stride : int
        As in :func:`max_pool`.

    Returns
    -------
    ndarray
        ``dx``, same shape as the pooled input.
    """
    result = forward if isinstance(forward, PoolResult) else max_pool(forward, size, stride)
    d = as_array("dout", dout)
    if d.shape != result.output.shape:
        raise DlmathError(
            f"dout must have the pooled output's shape {result.output.shape}, got {d.shape}"
        )
    channels = 1 if len(result.input_shape) == 2 else result.input_shape[0]
    out3 = d.reshape(channels, *d.shape[-2:])
    rows = result.rows.reshape(out3.shape)
    cols = result.cols.reshape(out3.shape)
    chans = np.broadcast_to(np.arange(channels)[:, None, None], out3.shape)
    dx = np.zeros((channels, *result.input_shape[-2:]))
    np.add.at(dx, (chans, rows, cols), out3)
    return dx.reshape(result.input_shape)


def avg_pool(x: Any, size: int = 2, stride: int = 2) -> np.ndarray:
    r"""Average pooling of each channel: :math:`out[c,i,j] = \frac{1}{F^2}\sum_{u,v<F} x[c, iS+u, jS+v]`.

    Parameters
    ----------
    x : array_like, shape (C, H, W) or (H, W)
        Input maps; channels are pooled independently (no padding).
    size, stride : int
        Window side ``F`` and step ``S`` (>= 1), as in :func:`max_pool`.

    Returns
    -------
    ndarray, shape (C, OH, OW) or (OH, OW)
        The mean of each window. The lecture's 4x4 map gives
        ``[[3.25, 5.25], [2, 2]]`` with ``size=2, stride=2``.
    """
    xa = as_array("x", x, ndim=(2, 3))
    size = check_positive_int("size", size)
    stride = check_positive_int("stride", stride)
    x3 = xa[None] if xa.ndim == 2 else xa
    _output_size(x3.shape[1], size, 0, stride, "input height")
    _output_size(x3.shape[2], size, 0, stride, "input width")
    out = _windows(x3, size, size, stride, 0).mean(axis=(-2, -1))
    return out[0] if xa.ndim == 2 else out


def avg_pool_backward(
    dout: Any, input_shape: tuple[int, ...], size: int = 2, stride: int = 2
) -> np.ndarray:
    r"""Gradient of :func:`avg_pool`: each window's ``dout`` is spread equally over its cells.

    .. math:: dx[c, r, s] = \sum_{(i,j):\ (r,s) \in \text{window } (i,j)} \frac{dout[c, i, j]}{F^2}

    Parameters
    ----------
    dout : array_like
        Upstream gradient, shape of the pooled output.
    input_shape : tuple of int
        Shape ``(C, H, W)`` or ``(H, W)`` of the pooled input.
    size, stride : int
        As in :func:`avg_pool`.

    Returns
    -------
    ndarray
        ``dx`` of shape ``input_shape``.
    """
    shape = tuple(check_positive_int("input_shape", n) for n in input_shape)
    if len(shape) not in (2, 3):
        raise DlmathError(f"input_shape must be (H, W) or (C, H, W), got {shape}")
    size = check_positive_int("size", size)
    stride = check_positive_int("stride", stride)
    h, w = shape[-2:]
    oh = _output_size(h, size, 0, stride, "input height")
    ow = _output_size(w, size, 0, stride, "input width")
    channels = 1 if len(shape) == 2 else shape[0]
    expected = (oh, ow) if len(shape) == 2 else (channels, oh, ow)
    d = as_array("dout", dout)
    if d.shape != expected:
        raise DlmathError(f"dout must have the pooled output's shape {expected}, got {d.shape}")
    d3 = d.reshape(channels, oh, ow) / (size * size)
    dx = np.zeros((channels, h, w))
    for u in range(size):
        for v in range(size):
            dx[
                :, u : u + stride * (oh - 1) + 1 : stride, v : v + stride * (ow - 1) + 1 : stride
            ] += d3
    return dx.reshape(shape)
