"""Parameters of ``regularization``: two weight vectors that score x = [1, 1, 1, 1] alike."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

import dlmath as dm
from scenes.kit.params import SceneParams

__all__ = ["RegularizationParams"]


class RegularizationParams(SceneParams):
    """Parameters of ``regularization``; defaults are the CS231n w1 = [1, 0, 0, 0], w2 = [0.25] × 4."""

    x: list[float] = Field(
        default=[1.0, 1.0, 1.0, 1.0], description="the input, 2 to 6 values, each |x| < 100"
    )
    w1: list[float] = Field(
        default=[1.0, 0.0, 0.0, 0.0],
        description="first weight vector, one weight per input, |w| < 10",
    )
    w2: list[float] = Field(
        default=[0.25, 0.25, 0.25, 0.25],
        description="second weight vector with the same score w2·x = w1·x and a different L2 norm",
    )
    lams: list[float] = Field(
        default=[0.1, 1.0, 10.0],
        description="regularisation strengths λ to compare, 1 to 4 of them, each 0 to 100",
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "x": [99.99, 99.99, 99.99, -99.99, -99.99, -99.99],
            "w1": [9.99, 9.99, 0.0, 0.0, 0.0, 0.0],
            "w2": [6.66, 6.66, 6.66, -0.01, -0.01, 0.02],
            "lams": [0.0, 0.01, 55.55, 100.0],
        },
        {"x": [2.0, 1.0], "w1": [0.5, 0.0], "w2": [0.0, 1.0], "lams": [1.0]},
        {"x": [1.0, 1.0, 1.0], "w1": [1.0, 1.0, 1.0], "w2": [3.0, 0.0, 0.0], "lams": [0.5, 2.0]},
    )

    @model_validator(mode="after")
    def _shapes(self) -> RegularizationParams:
        d = len(self.x)
        if not 2 <= d <= 6:
            raise ValueError(f"x must hold 2 to 6 values, got {d}")
        if len(self.w1) != d or len(self.w2) != d:
            raise ValueError(f"w1 and w2 must each have one weight per input value ({d})")
        if any(abs(v) >= 100 for v in self.x):
            raise ValueError("x values must satisfy |x| < 100 so they fit on screen")
        if any(abs(w) >= 10 for w in [*self.w1, *self.w2]):
            raise ValueError("weights must satisfy |w| < 10 so they fit on screen")
        if not 1 <= len(self.lams) <= 4 or any(not 0 <= lam <= 100 for lam in self.lams):
            raise ValueError("lams must hold 1 to 4 strengths λ, each from 0 to 100")
        r = dm.l2_tiebreak(self.x, self.w1, self.w2, self.lams)
        if not r.tied:
            s1, s2 = (dm.linear_scores([w], self.x, [0.0])[0] for w in (self.w1, self.w2))
            raise ValueError(
                f"w1 and w2 must give x the same score (w1·x = {s1:g}, w2·x = {s2:g}): "
                "the lesson compares weights the data cannot tell apart"
            )
        if r.R_gap == 0:
            raise ValueError(
                "w1 and w2 must differ in L2 penalty (sum of squares), else L2 cannot choose"
            )
        return self
