"""Parameters of ``backprop-matrix``: f = ‖W·x‖² at W = [[0.1, 0.5], [−0.3, 0.8]], x = [0.2, 0.4]."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["BackpropMatrixParams"]

LIMIT = 10.0


class BackpropMatrixParams(SceneParams):
    """Parameters of ``backprop-matrix``; defaults are the CS231n example (f = 0.116)."""

    W: list[list[float]] = Field(  # noqa: N815 - the lecture's name
        default=[[0.1, 0.5], [-0.3, 0.8]],
        description="the matrix W: 2 or 3 rows of 2 or 3 numbers, each -10 to 10",
    )
    x: list[float] = Field(
        default=[0.2, 0.4],
        description="the vector x: one number per column of W, each -10 to 10",
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "W": [[-10.0, 10.0, -10.0], [10.0, -10.0, 10.0], [-10.0, 10.0, -10.0]],
            "x": [10.0, -10.0, 10.0],
        },
        {"W": [[0.001, -0.25, 0.5], [1.5, 0.0, -0.125]], "x": [0.5, -0.75, 0.004]},
        {"W": [[2.0, -1.0], [0.5, 3.0], [-1.5, 0.25]], "x": [-2.0, 1.0]},
    )

    @model_validator(mode="after")
    def _shapes(self) -> BackpropMatrixParams:
        rows = len(self.W)
        cols = {len(r) for r in self.W}
        if not 2 <= rows <= 3 or len(cols) != 1 or not 2 <= (n := cols.pop()) <= 3:
            raise ValueError("W must have 2 or 3 rows, all of 2 or 3 numbers (2×2 up to 3×3)")
        if len(self.x) != n:
            raise ValueError(f"x must hold one number per column of W ({n}), got {len(self.x)}")
        if any(abs(v) > LIMIT for v in [*self.x, *(v for r in self.W for v in r)]):
            raise ValueError("W and x must lie within -10 to 10 so every number fits on screen")
        return self
