"""Parameters of ``score-function``: the CS231n cat image with three class templates by default."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["ScoreFunctionParams"]


class ScoreFunctionParams(SceneParams):
    """Parameters of ``score-function``; defaults are the CS231n four-pixel cat image."""

    x: list[float] = Field(
        default=[56.0, 231.0, 24.0, 2.0],
        description="the image's pixel values, 2 to 6 of them, each |x| < 1000",
    )
    W: list[list[float]] = Field(
        default=[[0.2, -0.5, 0.1, 2.0], [1.5, 1.3, 2.1, 0.0], [0.0, 0.25, 0.2, -0.3]],
        description="weights, one row per class (2 to 5), one column per pixel, each |w| < 10",
    )
    b: list[float] = Field(
        default=[1.1, 3.2, -1.2], description="one bias per class, each |b| < 1000"
    )
    label: int = Field(default=0, description="the image's true class (row index of W)")
    classes: list[str] = Field(
        default=["cat", "dog", "ship", "car", "frog"],
        description="class names; the first C (one per row of W) are used, 1 to 12 characters each",
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "x": [-999.99, 999.99, -999.99, 999.99, -999.99, 999.99],
            "W": [[-9.99, 9.99, -9.99, 9.99, -9.99, 9.99]] * 5,
            "b": [-999.99, 999.99, -999.99, 999.99, -999.99],
            "label": 4,
            "classes": ["automobile", "aeroplane", "hummingbird", "deer", "horse"],
        },
        {"x": [1.0, 2.0], "W": [[1.0, 0.0], [0.0, 1.0]], "b": [0.0, 0.0], "label": 1},
        {"x": [3.0, 1.0, 4.0, 1.0, 5.0], "W": [[1.0, -1.0, 0.5, 0.0, 2.0]] * 3, "b": [0.5, 0, 0]},
    )

    @model_validator(mode="after")
    def _shapes(self) -> ScoreFunctionParams:
        d, c = len(self.x), len(self.W)
        if not 2 <= d <= 6:
            raise ValueError(f"x must hold 2 to 6 pixel values, got {d}")
        if not 2 <= c <= 5:
            raise ValueError(f"W must have 2 to 5 rows (classes), got {c}")
        if any(len(row) != d for row in self.W):
            raise ValueError(f"W rows must each have one weight per pixel ({d})")
        if len(self.b) != c:
            raise ValueError(f"b must have one bias per row of W ({c}), got {len(self.b)}")
        if any(abs(v) >= 1000 for v in [*self.x, *self.b]):
            raise ValueError("x and b values must satisfy |v| < 1000 so they fit on screen")
        if any(abs(w) >= 10 for row in self.W for w in row):
            raise ValueError("weights must satisfy |w| < 10 so they fit on screen")
        if not 0 <= self.label < c:
            raise ValueError(f"label must be a row index of W, 0..{c - 1}, got {self.label}")
        if len(self.classes) < c or any(not 1 <= len(n) <= 12 for n in self.classes):
            raise ValueError(f"classes must name each of the {c} classes in 1-12 characters")
        return self
