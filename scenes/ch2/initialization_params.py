"""Parameters of ``initialization``: a 10-layer tanh network of 500 units, weights 0.01, 1 and Xavier."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["InitializationParams"]


class InitializationParams(SceneParams):
    """Parameters of ``initialization``; defaults are the CS231n experiment."""

    depth: int = Field(default=10, ge=2, le=10, description="layers of the network, 2 to 10")
    width: int = Field(default=500, ge=10, le=1000, description="units per layer, 10 to 1000")
    scales: list[float | Literal["xavier", "he"]] = Field(
        default=[0.01, 1.0, "xavier"],
        description="weight scales shown in turn, 1 to 3: a standard deviation from 0.0001 to 10, "
        '"xavier" (1/√width) or "he" (√(2/width))',
    )
    activation: Literal["tanh", "relu", "sigmoid"] = Field(
        default="tanh", description='the non-linearity: "tanh", "relu" or "sigmoid"'
    )
    samples: int = Field(
        default=1000, ge=10, le=2000, description="random inputs fed in, 10 to 2000"
    )
    seed: int = Field(default=0, ge=0, le=10**6, description="seed of the inputs and the weights")

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {"depth": 2, "width": 10, "scales": [10.0], "activation": "sigmoid", "samples": 10},
        {
            "depth": 10,
            "width": 1000,
            "scales": [0.0001, "he", 2.5],
            "activation": "relu",
            "samples": 200,
            "seed": 1000000,
        },
    )

    @model_validator(mode="after")
    def _scales(self) -> InitializationParams:
        if not 1 <= len(self.scales) <= 3:
            raise ValueError("scales must hold 1 to 3 weight scales")
        for s in self.scales:
            if not isinstance(s, str) and not 1e-4 <= s <= 10:
                raise ValueError(
                    f'scale {s:g} is out of range; accepted: 0.0001 to 10, "xavier" or "he"'
                )
        return self
