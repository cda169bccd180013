"""Parameters of ``pooling``: the CS231n 4×4 map, 2×2 windows, stride 2, max then average."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["PoolingParams"]

LIMIT = 99.0
#: At most this many windows a side (the output's rows and columns).
MAX_OUT = 4


class PoolingParams(SceneParams):
    """Parameters of ``pooling``; defaults are the CS231n example."""

    map: list[list[float]] = Field(
        default=[[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]],
        description="the input map: 2 to 6 rows of 2 to 6 numbers, |value| <= 99",
    )
    window: int = Field(default=2, ge=1, le=3, description="window side F, 1 to 3")
    stride: int = Field(
        default=2, ge=1, le=3, description="step S between windows, 1 to 3; S must divide H − F"
    )
    modes: list[Literal["max", "average"]] = Field(
        default=["max", "average"],
        description='the poolings shown, in order: "max", "average" or both',
    )
    grad: list[list[float]] | None = Field(
        default=None,
        description="upstream gradient, one per output cell (|value| <= 999); "
        "default 1, 2, 3, … in reading order",
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "map": [[-99, 99, -12.5, 0.25, 3], [1, 2, 3, 4, 5]] * 2 + [[-7, 6, 5, 4, -3]],
            "window": 2,
            "stride": 1,
            "modes": ["average", "max"],
        },
        {
            "map": [[-99, 99, -12.5, 0.25, 3, -7], [1, 2, 3, 4, 5, 6]] * 3,
            "window": 3,
            "stride": 3,
            "grad": [[-99, 98.5], [0.01, -0.01]],
        },
        {"map": [[3, -1], [2, 9]], "window": 2, "stride": 1, "grad": [[-99.0]]},
        {
            "map": [
                [0, 1, 2, 3, 4],
                [9, 8, 7, 6, 5],
                [1, 3, 5, 7, 9],
                [2, 4, 6, 8, 0],
                [5, 5, 5, 5, 5],
            ],
            "window": 3,
            "stride": 2,
            "grad": [[9.0, 0.0], [0.0, 0.5]],
        },
    )

    @model_validator(mode="after")
    def _shapes(self) -> PoolingParams:
        rows = len(self.map)
        widths = {len(r) for r in self.map}
        if not 2 <= rows <= 6 or len(widths) != 1 or not 2 <= (cols := widths.pop()) <= 6:
            raise ValueError("map must have 2 to 6 rows, all of the same length 2 to 6")
        if any(abs(v) > LIMIT for r in self.map for v in r):
            raise ValueError(f"map values must satisfy |value| <= {LIMIT:g} so they fit on screen")
        if self.window > min(rows, cols):
            raise ValueError(f"window {self.window} is larger than the {rows}×{cols} map")
        for name, n in (("height", rows), ("width", cols)):
            span = n - self.window
            if span % self.stride:
                raise ValueError(
                    f"stride does not fit the map {name}: ({n} − {self.window})/{self.stride} + 1 "
                    f"= {span / self.stride + 1:.3g} is not a whole number; "
                    "accepted: a stride that divides H − F and W − F"
                )
        if not 1 <= len(self.modes) <= 2 or len(set(self.modes)) != len(self.modes):
            raise ValueError('modes must be "max", "average" or both, each once')
        out = ((rows - self.window) // self.stride + 1, (cols - self.window) // self.stride + 1)
        if max(out) > MAX_OUT:
            raise ValueError(
                f"{out[0]}×{out[1]} windows do not fit on screen; accepted: at most "
                f"{MAX_OUT} windows a side (a smaller map, a larger window or stride)"
            )
        if self.grad is not None:
            shape = (len(self.grad), *{len(r) for r in self.grad})
            if shape != out:
                raise ValueError(f"grad must have the output's shape {out[0]}×{out[1]}")
            if any(abs(v) > LIMIT for r in self.grad for v in r):
                raise ValueError(f"grad values must satisfy |value| <= {LIMIT:g}")
        return self
