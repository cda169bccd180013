"""Parameters of ``neuron-count``: 3, 6 and 20 hidden neurons on the CS231n spiral; few points and λ."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["NeuronCountParams"]


class NeuronCountParams(SceneParams):
    """Parameters of ``neuron-count``; defaults train to 0.68 / 0.87 / 0.99 on the spiral."""

    data: Literal["spiral", "moons"] = Field(
        default="spiral", description="toy data: spiral (3 classes) or moons (2 classes)"
    )
    n_per_class: int = Field(
        default=100, ge=20, le=200, description="training points per class (20 to 200)"
    )
    hidden: list[int] = Field(
        default=[3, 6, 20],
        description="hidden neurons of each network: 1 to 3 sizes, 1 to 100 each",
    )
    steps: int = Field(
        default=2000, ge=100, le=4000, description="full-batch gradient-descent steps (100 to 4000)"
    )
    lr: float = Field(default=1.0, gt=0, le=2, description="learning rate (0 to 2)")
    reg: float = Field(default=0.001, ge=0, le=0.1, description="L2 strength λ (0 to 0.1)")
    data_seed: int = Field(default=0, ge=0, le=2**32 - 1, description="seed of the training data")
    net_seed: int = Field(
        default=1, ge=0, le=2**32 - 1, description="seed of every network's initial weights"
    )
    heldout_seed: int = Field(
        default=1,
        ge=0,
        le=2**32 - 1,
        description="seed of the held-out points (a fresh draw of the same data)",
    )
    split_seed: int = Field(
        default=3, ge=0, le=2**32 - 1, description="seed of the choice of the few points"
    )
    few_per_class: int = Field(
        default=10, ge=2, le=50, description="points per class in the small training set (2 to 50)"
    )
    smooth_reg: float = Field(
        default=0.01, gt=0, le=1, description="the larger λ that smooths the small-data network"
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {"data": "moons", "n_per_class": 20, "hidden": [1], "steps": 100, "few_per_class": 2},
        {
            "n_per_class": 200,
            "hidden": [100, 50, 2],
            "steps": 300,
            "reg": 0.1,
            "few_per_class": 50,
            "smooth_reg": 1.0,
        },
    )

    @model_validator(mode="after")
    def _checks(self) -> NeuronCountParams:
        if not 1 <= len(self.hidden) <= 3 or any(not 1 <= h <= 100 for h in self.hidden):
            raise ValueError("hidden must hold 1 to 3 network sizes, each 1 to 100 neurons")
        if self.few_per_class > self.n_per_class:
            raise ValueError(
                f"few_per_class must be at most n_per_class ({self.n_per_class}), "
                f"got {self.few_per_class}"
            )
        if self.smooth_reg <= self.reg:
            raise ValueError(f"smooth_reg must be larger than reg ({self.reg}) to smooth anything")
        return self
