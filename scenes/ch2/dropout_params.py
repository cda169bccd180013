"""Parameters of ``dropout``: H = [1, 2, 3, 4], keep mask [1, 0, 1, 1], keep probability p = 0.5."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["DropoutParams"]

LIMIT = 99.0


class DropoutParams(SceneParams):
    """Parameters of ``dropout``; defaults are the lecture's example."""

    H: list[float] = Field(
        default=[1.0, 2.0, 3.0, 4.0],
        description="hidden activations, one per hidden neuron: 2 to 6 numbers, |h| <= 99",
    )
    p: float = Field(
        default=0.5, ge=0.1, le=1.0, description="keep probability p (as in the notes), 0.1 to 1"
    )
    mask: list[int] | None = Field(
        default=[1, 0, 1, 1],
        description="the first pass's keep mask, 0 or 1 per neuron; none: drawn from seed",
    )
    passes: int = Field(default=3, ge=1, le=4, description="training passes shown, 1 to 4")
    seed: int = Field(default=0, ge=0, le=10**6, description="seed of the passes' random masks")
    average: int = Field(
        default=10000, ge=10, le=100000, description="passes averaged to check the expectation"
    )
    inputs: int = Field(default=3, ge=1, le=5, description="input neurons drawn, 1 to 5")
    outputs: int = Field(default=2, ge=1, le=4, description="output neurons drawn, 1 to 4")

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "H": [-99.0, 99.0, -0.01, 12.5, 7.25, -3.0],
            "p": 0.1,
            "mask": [1, 1, 1, 1, 1, 1],
            "passes": 4,
            "seed": 1000000,
            "average": 100000,
            "inputs": 5,
            "outputs": 4,
        },
        {"H": [0.5, -2.0], "p": 1.0, "mask": None, "passes": 1, "inputs": 1, "outputs": 1},
        {"H": [3.0, 1.0, 4.0], "p": 0.3, "mask": [0, 0, 0], "average": 10},
    )

    @model_validator(mode="after")
    def _shapes(self) -> DropoutParams:
        if not 2 <= len(self.H) <= 6:
            raise ValueError(f"H must hold 2 to 6 activations (hidden neurons), got {len(self.H)}")
        if any(abs(h) > LIMIT for h in self.H):
            raise ValueError(f"H values must satisfy |h| <= {LIMIT:g} so they fit on screen")
        if self.mask is not None:
            if len(self.mask) != len(self.H):
                raise ValueError(f"mask must have one 0 or 1 per neuron of H ({len(self.H)})")
            if any(m not in (0, 1) for m in self.mask):
                raise ValueError("mask must hold only 0 (dropped) and 1 (kept)")
        return self
