"""Convolution layers for CNNs: output sizes, the forward pass and its gradients."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from dlmath._checks import DlmathError, as_array, check_positive_int

__all__ = [
    "ConvResult",
    "conv_output_size",
    "conv2d",
    "conv2d_backward",
]


def _output_size(size: int, field: int, pad: int, stride: int, what: str) -> int:
    """Apply ``(W - F + 2P)/S + 1``; on failure raise with the arithmetic shown."""
    span = size - field + 2 * pad
    sums = f"({size} - {field} + 2*{pad})"
    where = f"{what} {size}, filter {field}, padding {pad}, stride {stride}"
    if span < 0:
        raise DlmathError(
            f"filter does not fit: {where}: {sums} = {span} < 0; "
            "accepted: a filter no larger than the padded input, F <= W + 2P"
        )
    if span % stride:
        raise DlmathError(
            f"stride does not fit: {where}: {sums}/{stride} + 1 = {span / stride + 1:.3g} "
            "is not an integer; accepted: sizes where the stride divides W - F + 2P"
        )
    return span // stride + 1


def conv_output_size(size: int, field: int, pad: int = 0, stride: int = 1) -> int:
    r"""Number of filter positions along one axis, :math:`(W - F + 2P)/S + 1`.

    Parameters
    ----------
    size : int
        Input size ``W`` (>= 1).
    field : int
        Filter (receptive field) size ``F`` (>= 1).
    pad : int
        Zero padding ``P`` added on each side (>= 0).
    stride : int
        Step ``S`` between filter positions (>= 1).

    Returns
    -------
    int
        The output size. Raises :class:`DlmathError`, showing the arithmetic,
        when ``F > W + 2P`` or when ``S`` does not divide ``W - F + 2P``.

    Examples
    --------
    A 5x5 input and a 3x3 filter: ``P=1, S=1 -> 5``; ``P=1, S=2 -> 3``;
    ``P=0, S=1 -> 3``; ``P=0, S=2 -> 2``.
    """
    size = check_positive_int("size", size)
    field = check_positive_int("field", field)
    pad = check_positive_int("pad", pad, minimum=0)
    stride = check_positive_int("stride", stride)
    return _output_size(size, field, pad, stride, "input")


def _check_cell(i: int, j: int, shape: tuple[int, ...]) -> None:
    """Reject an output cell ``(i, j)`` outside the last two axes of ``shape``."""
    oh, ow = shape[-2:]
    if not (0 <= i < oh and 0 <= j < ow):
        raise DlmathError(
            f"(i, j) must be an output cell in 0..{oh - 1} x 0..{ow - 1}, got ({i}, {j})"
        )


@dataclass(frozen=True)
class ConvResult:
    """Intermediate values of :func:`conv2d`.

    Attributes
    ----------
    padded : ndarray, shape (C, H + 2P, W + 2P) or (H + 2P, W + 2P)
        The zero-padded input (2-D when ``x`` was 2-D).
    weights : ndarray, shape (K, C, FH, FW) or (FH, FW)
        The filters as given.
    bias : ndarray, shape (K,)
        One bias per filter.
    output : ndarray, shape (K, OH, OW) or (OH, OW)
        The output maps (2-D when ``w`` was a single 2-D filter).
    stride, pad : int
        The step and the padding used.
    """

    padded: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    output: np.ndarray
    stride: int
    pad: int

    def window(self, i: int, j: int) -> tuple[slice, slice]:
        """Row and column slices of ``padded`` seen by output cell ``(i, j)``.

        The same window is used by every filter ``k``: output cell ``(k, i, j)``
        is ``sum(padded[..., rows, cols] * weights[k]) + bias[k]``. Rows run over
        ``i*S .. i*S + FH - 1`` (subtract ``pad`` for unpadded input coordinates).
        """
        _check_cell(i, j, self.output.shape)
        fh, fw = self.weights.shape[-2:]
        s = self.stride
        return slice(i * s, i * s + fh), slice(j * s, j * s + fw)

    def window_values(self, i: int, j: int) -> np.ndarray:
        """Padded input inside the window of output cell ``(i, j)``: (C, FH, FW) or (FH, FW)."""
        rows, cols = self.window(i, j)
        return self.padded[..., rows, cols]

    def products(self, i: int, j: int, k: int = 0) -> np.ndarray:
        """The elementwise products ``window * filter k`` of output cell ``(i, j)``.

        Shape (FH, FW) for a single 2-D filter, else (C, FH, FW); they sum to
        ``output[k, i, j] - bias[k]``.
        """
        filt = self.weights if self.weights.ndim == 2 else self.weights[k]
        return self.window_values(i, j) * filt

    @property
    def sums(self) -> np.ndarray:
        """Each output cell before the bias (the dot products), the output's shape."""
        if self.output.ndim == 2:
            return self.output - self.bias[0]
        return self.output - self.bias[:, None, None]

    @property
    def channel_sums(self) -> np.ndarray:
        """Each filter's dot product with each input channel, shape (K, C, OH, OW).

        ``channel_sums.sum(axis=1) + bias`` is the output (a 2-D result has K = C = 1).
        """
        w4 = (
            self.weights.reshape((1, 1, *self.weights.shape))
            if self.weights.ndim == 2
            else self.weights
        )
        x3 = self.padded[None] if self.padded.ndim == 2 else self.padded
        fh, fw = w4.shape[2:]
        windows = sliding_window_view(x3, (fh, fw), axis=(1, 2))[:, :: self.stride, :: self.stride]
        return np.einsum("cijuv,kcuv->kcij", windows, w4)


def _conv_inputs(x: Any, w: Any, stride: int, pad: int) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Check ``x`` and ``w`` and return them as (C, H, W) and (K, C, FH, FW) arrays."""
    xa = as_array("x", x, ndim=(2, 3))
    wa = as_array("w", w, ndim=(2, 4))
    x3 = xa[None] if xa.ndim == 2 else xa
    w4 = wa[None, None] if wa.ndim == 2 else wa
    if w4.shape[1] != x3.shape[0]:
        raise DlmathError(
            f"w must have {x3.shape[0]} input channel(s) like x (shape {xa.shape}), "
            f"got w shape {wa.shape}"
        )
    stride = check_positive_int("stride", stride)
    pad = check_positive_int("pad", pad, minimum=0)
    _output_size(x3.shape[1], w4.shape[2], pad, stride, "input height")
    _output_size(x3.shape[2], w4.shape[3], pad, stride, "input width")
    return x3, w4, stride, pad


def _windows(x3: np.ndarray, fh: int, fw: int, stride: int, pad: int) -> np.ndarray:
    """All filter windows of the padded input, shape (C, OH, OW, FH, FW) (a strided view)."""
    padded = np.pad(x3, ((0, 0), (pad, pad), (pad, pad)))
    return sliding_window_view(padded, (fh, fw), axis=(1, 2))[:, ::stride, ::stride]


def conv2d(x: Any, w: Any, b: Any = 0.0, *, stride: int = 1, pad: int = 0) -> ConvResult:
    r"""2-D convolution layer (cross-correlation, as in CNNs: the filter is not flipped).

    .. math:: out[k, i, j] = \sum_{c, u, v} xp[c, iS + u, jS + v] \, w[k, c, u, v] + b[k]

    where ``xp`` is ``x`` zero-padded by ``P`` on every side.

    Parameters
    ----------
    x : array_like, shape (C, H, W) or (H, W)
        Input volume; a 2-D input is one channel.
    w : array_like, shape (K, C, FH, FW) or (FH, FW)
        ``K`` filters spanning all ``C`` channels, or one filter of one channel.
    b : float or array_like, shape (K,)
        Bias per filter (a scalar is used for every filter).
    stride : int
        Step ``S`` between filter positions (>= 1).
    pad : int
        Zero padding ``P`` on each side (>= 0).

    Returns
    -------
    ConvResult
        ``output`` has shape (K, OH, OW), or (OH, OW) when ``w`` is 2-D, with
        ``OH = (H - FH + 2P)/S + 1`` (see :func:`conv_output_size`).
    """
    x3, w4, stride, pad = _conv_inputs(x, w, stride, pad)
    k = w4.shape[0]
    bias = as_array("b", b, ndim=(0, 1))
    if bias.ndim == 1 and bias.shape != (k,):
        raise DlmathError(
            f"b must be a number or have shape ({k},) (one per filter), got {bias.shape}"
        )
    bias = np.broadcast_to(bias, (k,)).copy()
    windows = _windows(x3, w4.shape[2], w4.shape[3], stride, pad)
    out = np.einsum("cijuv,kcuv->kij", windows, w4) + bias[:, None, None]
    padded = np.pad(x3, ((0, 0), (pad, pad), (pad, pad)))
    two_d_x = np.ndim(x) == 2
    return ConvResult(
        padded=padded[0] if two_d_x else padded,
        weights=w4[0, 0] if np.ndim(w) == 2 else w4,
        bias=bias,
        output=out[0] if np.ndim(w) == 2 else out,
        stride=stride,
        pad=pad,
    )


def conv2d_backward(
    dout: Any, x: Any, w: Any, *, stride: int = 1, pad: int = 0
) -> tuple[np.ndarray, np.ndarray, Any]:
    r"""Gradients of :func:`conv2d` given the upstream gradient ``dout``.

    .. math::
        dw[k,c,u,v] = \sum_{i,j} dout[k,i,j]\, xp[c, iS+u, jS+v], \quad
        db[k] = \sum_{i,j} dout[k,i,j],

    and ``dx`` collects ``dout[k,i,j] w[k,c,u,v]`` into every padded input cell
    ``(c, iS+u, jS+v)`` it touched, then drops the padding.

    Parameters
    ----------
    dout : array_like
        Upstream gradient, same shape as ``conv2d(x, w).output``.
    x, w, stride, pad
        As in :func:`conv2d`.

    Returns
    -------
    dx : ndarray, same shape as ``x``
    dw : ndarray, same shape as ``w``
    db : ndarray, shape (K,), or a float when ``w`` is 2-D (one filter, scalar bias)
    """
    x3, w4, stride, pad = _conv_inputs(x, w, stride, pad)
    k, _, fh, fw = w4.shape
    windows = _windows(x3, fh, fw, stride, pad)
    oh, ow = windows.shape[1:3]
    expected = (oh, ow) if np.ndim(w) == 2 else (k, oh, ow)
    d = as_array("dout", dout)
    if d.shape != expected:
        raise DlmathError(f"dout must have the output's shape {expected}, got {d.shape}")
    d3 = d.reshape(k, oh, ow)
    dw = np.einsum("kij,cijuv->kcuv", d3, windows)
    db = d3.sum(axis=(1, 2))
    dpadded = np.zeros((x3.shape[0], x3.shape[1] + 2 * pad, x3.shape[2] + 2 * pad))
    for u in range(fh):
        for v in range(fw):
            rows = slice(u, u + stride * (oh - 1) + 1, stride)
            cols = slice(v, v + stride * (ow - 1) + 1, stride)
            dpadded[:, rows, cols] += np.einsum("kij,kc->cij", d3, w4[:, :, u, v])
    dx = dpadded[:, pad : pad + x3.shape[1], pad : pad + x3.shape[2]]
    if np.ndim(w) == 2:
        return dx.reshape(np.shape(x)), dw[0, 0], float(db[0])
    return dx.reshape(np.shape(x)), dw, db
