"""Parameters of ``gradient-descent``: y = x² from x0 = 1, the lecture's steps and learning rates."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["GradientDescentParams"]


class GradientDescentParams(SceneParams):
    """Parameters of ``gradient-descent``; defaults are the lecture's y = x² example."""

    x0: float = Field(
        default=1.0,
        ge=-2.0,
        le=2.0,
        description="starting point x0 on y = x^2: 0.1 <= |x0| <= 2 (not at the minimum)",
    )
    steps: int = Field(
        default=10, ge=1, le=20, description="number of updates in every run, 1 to 20"
    )
    fixed_steps: list[float] = Field(
        default=[0.5, 0.7],
        description="step lengths h of the fixed-step method (0 to 3 values, each 0 < h <= 2)",
    )
    rates: list[float] = Field(
        default=[0.1, 0.7, 1.0, 1.1],
        description="learning rates to compare (1 to 4 values, each 0 < lr <= 1.5)",
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "x0": -2.0,
            "steps": 20,
            "fixed_steps": [2.0, 0.001, 1.3],
            "rates": [1.5, 0.001, 0.95, 1.05],
        },
        {"x0": 0.1, "steps": 1, "fixed_steps": [], "rates": [1.1]},
        {"x0": 1.5, "fixed_steps": [0.3], "rates": [0.125, 1.0, 1.4999]},
    )

    @model_validator(mode="after")
    def _shapes(self) -> GradientDescentParams:
        if abs(self.x0) < 0.1:
            raise ValueError(
                f"x0 must be at least 0.1 away from the minimum 0 (-2 <= x0 <= -0.1 or "
                f"0.1 <= x0 <= 2), got {self.x0:g}"
            )
        if len(self.fixed_steps) > 3 or any(not 0 < h <= 2 for h in self.fixed_steps):
            raise ValueError("fixed_steps must hold 0 to 3 step lengths, each 0 < h <= 2")
        if not 1 <= len(self.rates) <= 4 or any(not 0 < lr <= 1.5 for lr in self.rates):
            raise ValueError("rates must hold 1 to 4 learning rates, each 0 < lr <= 1.5")
        return self
