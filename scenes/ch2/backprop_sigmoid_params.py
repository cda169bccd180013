"""Parameters of ``backprop-sigmoid``: the CS231n neuron w = [2, −3, −3], x = [−1, −2]."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["BackpropSigmoidParams"]

#: Every weight and input within ±LIMIT keeps every intermediate finite (e^210 at most).
LIMIT = 10.0


class BackpropSigmoidParams(SceneParams):
    """Parameters of ``backprop-sigmoid``; defaults are the CS231n sigmoid neuron."""

    w: list[float] = Field(
        default=[2.0, -3.0, -3.0],
        description="weights w0, w1 and the bias w2 of f = σ(w0·x0 + w1·x1 + w2), each -10 to 10",
    )
    x: list[float] = Field(
        default=[-1.0, -2.0], description="inputs x0, x1 of the neuron, each -10 to 10"
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {"w": [-10.0, 10.0, -10.0], "x": [10.0, -10.0]},
        {"w": [0.25, -0.5, 0.125], "x": [-0.75, 1.5]},
    )

    @model_validator(mode="after")
    def _shapes(self) -> BackpropSigmoidParams:
        if len(self.w) != 3:
            raise ValueError(f"w must hold 3 numbers (w0, w1 and the bias w2), got {len(self.w)}")
        if len(self.x) != 2:
            raise ValueError(f"x must hold 2 numbers (x0, x1), got {len(self.x)}")
        if any(abs(v) > LIMIT for v in [*self.w, *self.x]):
            raise ValueError("w and x must lie within -10 to 10 (every intermediate stays finite)")
        return self
