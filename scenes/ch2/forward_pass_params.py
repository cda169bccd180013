"""Parameters of ``forward-pass``: the curriculum's 1×3 input through a 3-4-3 ReLU network."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["ForwardPassParams"]


class ForwardPassParams(SceneParams):
    """Parameters of ``forward-pass``; defaults are the curriculum's example (one hidden value zeroed)."""

    x: list[float] = Field(
        default=[1.0, -2.0, 3.0], description="the input row x: 1 to 4 features, each |v| < 100"
    )
    W1: list[list[float]] = Field(
        default=[[0.2, -0.5, 0.1, 0.4], [0.3, 0.1, -0.2, 0.5], [-0.1, 0.4, 0.3, 0.2]],
        description="first-layer weights: one row per feature of x, 1 to 5 columns (hidden values)",
    )
    b1: list[float] = Field(
        default=[0.1, 0.0, -0.1, 0.2], description="first-layer biases, one per column of W1"
    )
    W2: list[list[float]] = Field(
        default=[[0.5, -0.3, 0.2], [0.1, 0.4, -0.6], [-0.2, 0.3, 0.5], [0.3, -0.1, 0.2]],
        description="second-layer weights: one row per hidden value, 1 to 4 columns (scores)",
    )
    b2: list[float] = Field(
        default=[0.0, 0.1, -0.1], description="second-layer biases, one per column of W2"
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "x": [-99.99, 99.99, -99.99, 99.99],
            "W1": [[-99.99, 99.99, -99.99, 99.99, -99.99]] * 4,
            "b1": [-99.99, 99.99, -99.99, 99.99, -99.99],
            "W2": [[99.99, -99.99, 99.99, -99.99]] * 5,
            "b2": [-99.99, 99.99, -99.99, 99.99],
        },
        {"x": [2.0], "W1": [[-1.0]], "b1": [0.5], "W2": [[3.0]], "b2": [1.0]},
    )

    @model_validator(mode="after")
    def _shapes(self) -> ForwardPassParams:
        d = len(self.x)
        if not 1 <= d <= 4:
            raise ValueError(f"x must hold 1 to 4 features, got {d}")
        if len(self.W1) != d:
            raise ValueError(f"W1 must have one row per feature of x ({d}), got {len(self.W1)}")
        widths = {len(row) for row in self.W1}
        h = widths.pop() if len(widths) == 1 else 0
        if widths or not 1 <= h <= 5:
            raise ValueError("W1 rows must all have the same length, 1 to 5 hidden values")
        if len(self.b1) != h:
            raise ValueError(f"b1 must have one bias per column of W1 ({h}), got {len(self.b1)}")
        if len(self.W2) != h:
            raise ValueError(f"W2 must have one row per hidden value ({h}), got {len(self.W2)}")
        widths = {len(row) for row in self.W2}
        c = widths.pop() if len(widths) == 1 else 0
        if widths or not 1 <= c <= 4:
            raise ValueError("W2 rows must all have the same length, 1 to 4 scores")
        if len(self.b2) != c:
            raise ValueError(f"b2 must have one bias per column of W2 ({c}), got {len(self.b2)}")
        values = [
            *self.x,
            *self.b1,
            *self.b2,
            *(v for m in (self.W1, self.W2) for r in m for v in r),
        ]
        if any(abs(v) >= 100 for v in values):
            raise ValueError("every value must satisfy |v| < 100 so it fits on screen")
        return self
