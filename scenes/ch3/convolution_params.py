"""Parameters of ``convolution``: the 5×5 input, the vertical-edge filter, b = 1, strides 1 and 2, padding 1."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from pydantic import Field, model_validator

import dlmath as dm
from scenes.kit.params import SceneParams

__all__ = ["ConvolutionParams"]

LIMIT = 99.0
#: Every output cell stays below this size (it has to fit its cell).
OUT_LIMIT = 1000.0
#: The padded input and every output stay within this many cells a side (the layout).
MAX_PADDED, MAX_OUT = 9, 7


def _matrix(name: str, m: list[list[float]], low: int, high: int) -> tuple[int, int]:
    """Check a rectangular matrix of ``low``..``high`` rows and columns; return its shape."""
    widths = {len(r) for r in m}
    if not low <= len(m) <= high or len(widths) != 1 or not low <= (cols := widths.pop()) <= high:
        raise ValueError(
            f"{name} must have {low} to {high} rows, all of the same length {low} to {high}"
        )
    if any(abs(v) > LIMIT for r in m for v in r):
        raise ValueError(f"{name} values must satisfy |value| <= {LIMIT:g} so they fit on screen")
    return len(m), cols


def _fits(size: int, field: int, pad: int, stride: int, axis: str) -> int:
    """The output size along one axis; a one-line error when the stride does not fit."""
    span = size - field + 2 * pad
    if span % stride:
        raise ValueError(
            f"stride {stride} does not fit the input {axis} with padding {pad}: "
            f"({size} − {field} + 2·{pad})/{stride} + 1 = {span / stride + 1:.3g} is not a whole "
            "number; accepted: strides that divide W − F + 2P"
        )
    return span // stride + 1


class ConvolutionParams(SceneParams):
    """Parameters of ``convolution``; defaults are the curriculum's example and the CS231n demo."""

    input: list[list[float]] = Field(
        default=[
            [1, 0, 2, 1, 0],
            [0, 1, 3, 1, 1],
            [2, 1, 0, 0, 2],
            [1, 3, 1, 2, 0],
            [0, 2, 1, 1, 1],
        ],
        description="the input X: 3 to 7 rows of 3 to 7 numbers, |value| <= 99",
    )
    filter: list[list[float]] = Field(
        default=[[1, 0, -1], [1, 0, -1], [1, 0, -1]],
        description="the filter K: 1 to 5 rows of 1 to 5 numbers, no larger than the input",
    )
    bias: float = Field(default=1.0, ge=-LIMIT, le=LIMIT, description="the bias b, |b| <= 99")
    strides: list[int] = Field(
        default=[1, 2],
        description="strides shown in turn, 1 to 3 of them, each 1 to 4 and dividing W − F "
        "(and W − F + 2P)",
    )
    padding: int = Field(
        default=1, ge=0, le=2, description="zero padding P of the padded case, 0 to 2"
    )
    demo_channels: int = Field(
        default=3, ge=1, le=3, description="input channels of the multi-channel demo, 1 to 3"
    )
    demo_filters: int = Field(default=2, ge=1, le=2, description="filters of the demo, 1 or 2")
    demo_bias: list[float] = Field(
        default=[1.0, 0.0], description="the demo filters' biases (the first demo_filters are used)"
    )
    demo_seed: int = Field(
        default=3, ge=0, le=10**6, description="seed of the demo's input (0..2) and weights (−1..1)"
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "input": [[-9, 9, -2.5, 0.25, 7, 1, -3]] * 3 + [[1, 2, 3, 4, 5, 6, 7]] * 4,
            "filter": [[-9, 0.5, 9, -1, 2]] * 5,
            "bias": -99.0,
            "strides": [1, 2],
            "padding": 1,
            "demo_channels": 1,
            "demo_filters": 1,
        },
        {
            "input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
            "filter": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
            "bias": 0.0,
            "strides": [1],
            "padding": 2,
            "demo_channels": 1,
            "demo_filters": 1,
            "demo_seed": 1000000,
        },
        {"filter": [[-1.5]], "bias": 0.0, "strides": [2, 1, 2], "padding": 1},
    )

    @model_validator(mode="after")
    def _shapes(self) -> ConvolutionParams:
        h, w = _matrix("input", self.input, 3, 7)
        fh, fw = _matrix("filter", self.filter, 1, 5)
        if fh > h or fw > w:
            raise ValueError(f"filter {fh}×{fw} is larger than the {h}×{w} input")
        if not 1 <= len(self.strides) <= 3 or any(not 1 <= s <= 4 for s in self.strides):
            raise ValueError("strides must hold 1 to 3 strides, each 1 to 4")
        if max(h, w) + 2 * self.padding > MAX_PADDED:
            raise ValueError(
                f"the padded input is {h + 2 * self.padding}×{w + 2 * self.padding}; "
                f"accepted: at most {MAX_PADDED} cells a side"
            )
        for pad in sorted({0, self.padding}):
            for stride in self.strides:
                out = (_fits(h, fh, pad, stride, "height"), _fits(w, fw, pad, stride, "width"))
                if max(out) > MAX_OUT:
                    raise ValueError(
                        f"stride {stride} with padding {pad} gives a {out[0]}×{out[1]} output; "
                        f"accepted: at most {MAX_OUT}×{MAX_OUT} (a larger filter or stride)"
                    )
        top = max(
            float(np.abs(dm.conv2d(self.input, self.filter, self.bias, pad=pad).output).max())
            for pad in {0, self.padding}
        )
        if top >= OUT_LIMIT:
            raise ValueError(
                f"outputs reach {top:g}; accepted: inputs, filter and bias whose outputs stay "
                f"below {OUT_LIMIT:g} in size, so that each fits its cell"
            )
        if len(self.demo_bias) < self.demo_filters or any(abs(b) > LIMIT for b in self.demo_bias):
            raise ValueError(
                f"demo_bias must give each of the {self.demo_filters} filters a bias, |b| <= 99"
            )
        return self
