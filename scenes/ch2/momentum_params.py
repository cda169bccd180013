"""Parameters of ``momentum``: y = x² from 1 with η = 0.1, α = 0.9; an elongated bowl where it pays."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["MomentumParams"]


class MomentumParams(SceneParams):
    """Parameters of ``momentum``; defaults are the curriculum's run on y = x² and a 50:1 bowl."""

    lr: float = Field(default=0.1, gt=0, le=0.5, description="learning rate η on y = x² (0 to 0.5)")
    momentum: float = Field(
        default=0.9, ge=0, le=0.99, description="momentum α on y = x², 0 to 0.99"
    )
    x0: float = Field(default=1.0, ge=-2, le=2, description="start w(0) on y = x², −2 to 2, not 0")
    steps: int = Field(
        default=20, ge=8, le=40, description="updates of each run on y = x² (8 to 40)"
    )
    worked: int = Field(
        default=3, ge=1, le=4, description="updates worked out term by term (1 to 4)"
    )
    bowl_stretch: float = Field(
        default=50.0,
        ge=2,
        le=200,
        description="κ of the bowl f(x, y) = ½(x² + κy²): how much steeper across than along (2 to 200)",
    )
    bowl_start: list[float] = Field(
        default=[-10.0, 0.5], description="start (x, y) in the bowl: |x| ≤ 20, 0 < |y| ≤ 5"
    )
    bowl_lr: float = Field(
        default=0.036, gt=0, le=1, description="learning rate η in the bowl (η·κ below 2)"
    )
    bowl_momentum: float = Field(
        default=0.6, ge=0, le=0.99, description="momentum α in the bowl, 0 to 0.99"
    )
    bowl_steps: int = Field(default=40, ge=5, le=80, description="updates in the bowl (5 to 80)")

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "lr": 0.5,
            "momentum": 0.99,
            "x0": -2.0,
            "steps": 40,
            "worked": 4,
            "bowl_stretch": 200.0,
            "bowl_start": [20.0, -5.0],
            "bowl_lr": 0.0099,
            "bowl_momentum": 0.99,
            "bowl_steps": 80,
        },
        {
            "lr": 0.01,
            "momentum": 0.0,
            "x0": 0.5,
            "steps": 8,
            "worked": 1,
            "bowl_stretch": 2.0,
            "bowl_start": [-0.5, 0.01],
            "bowl_lr": 0.9,
            "bowl_momentum": 0.0,
            "bowl_steps": 5,
        },
    )

    @model_validator(mode="after")
    def _checks(self) -> MomentumParams:
        if self.x0 == 0:
            raise ValueError("x0 must not be 0 (the minimum: there would be nothing to descend)")
        if len(self.bowl_start) != 2:
            raise ValueError(
                f"bowl_start must be a point (x, y), got {len(self.bowl_start)} numbers"
            )
        x, y = self.bowl_start
        if abs(x) > 20 or not 0 < abs(y) <= 5:
            raise ValueError("bowl_start must have |x| ≤ 20 and 0 < |y| ≤ 5 (off the valley floor)")
        if self.bowl_lr * self.bowl_stretch >= 2:
            raise ValueError(
                "bowl_lr × bowl_stretch must be below 2, or plain descent diverges across the valley"
            )
        return self
