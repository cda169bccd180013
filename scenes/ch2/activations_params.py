"""Parameters of ``activations``: where σ′ is read off, the chain of layers, leaky ReLU's slope."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["ActivationsParams"]


class ActivationsParams(SceneParams):
    """Parameters of ``activations``; defaults read σ′ at 0 (its peak), 2 and 5."""

    points: list[float] = Field(
        default=[0.0, 2.0, 5.0],
        description="inputs x where σ′(x) = σ(x)(1 − σ(x)) is read off: 1 to 4 values in [-6, 6]",
    )
    chain: int = Field(default=5, ge=1, le=6, description="layers in the chain (1 to 6)")
    chain_input: float = Field(
        default=0.0, ge=-6, le=6, description="the input of the sigmoid chain, in [-6, 6]"
    )
    relu_input: float = Field(
        default=1.0, ge=-6, le=6, description="the input of the ReLU chain, in [-6, 6]"
    )
    dead_input: float = Field(
        default=-1.0, ge=-6, le=0, description="a unit's input for the dead-unit case, in [-6, 0]"
    )
    leak: float = Field(
        default=0.1,
        ge=0.01,
        le=0.5,
        description="leaky ReLU's slope for x ≤ 0, 0.01 to 0.5 (0.1 so that it shows on the plot)",
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {"points": [-6.0, -0.25, 0.5, 6.0], "chain": 6, "chain_input": 6.0, "leak": 0.5},
        {
            "points": [1.0],
            "chain": 1,
            "chain_input": -6.0,
            "relu_input": -2.0,
            "dead_input": -6.0,
            "leak": 0.01,
        },
    )

    @model_validator(mode="after")
    def _points(self) -> ActivationsParams:
        if not 1 <= len(self.points) <= 4:
            raise ValueError(f"points must hold 1 to 4 inputs, got {len(self.points)}")
        if any(abs(x) > 6 for x in self.points):
            raise ValueError("points must lie in [-6, 6] (the plot's range)")
        if len(set(self.points)) != len(self.points):
            raise ValueError("points must all differ")
        return self
