"""Parameters of ``softmax``: the CS231n cat image's scores by default."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["SoftmaxParams"]


class SoftmaxParams(SceneParams):
    """Parameters of ``softmax``; defaults are the CS231n cat image, scores 3.2, 5.1, −1.7."""

    scores: list[float] = Field(
        default=[3.2, 5.1, -1.7],
        description="one image's class scores, 2 to 5 of them, each |s| < 100",
    )
    label: int = Field(default=0, description="the image's true class (index into scores)")
    classes: list[str] = Field(
        default=["cat", "car", "frog", "dog", "ship"],
        description="class names; the first C (one per score) are used, 1 to 12 characters each",
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "scores": [-99.99, 99.99, -50.5, 0.01, 99.98],
            "label": 0,
            "classes": ["automobile", "aeroplane", "hummingbird", "deer", "horse"],
        },
        {"scores": [2.0, 2.0], "label": 1},
        {"scores": [10.0, -3.0, 0.5, 1.0], "label": 0},
    )

    @model_validator(mode="after")
    def _shapes(self) -> SoftmaxParams:
        c = len(self.scores)
        if not 2 <= c <= 5:
            raise ValueError(f"scores must hold 2 to 5 classes, got {c}")
        if any(abs(s) >= 100 for s in self.scores):
            raise ValueError("scores must satisfy |s| < 100 so e^s fits on screen")
        if not 0 <= self.label < c:
            raise ValueError(f"label must be an index into scores, 0..{c - 1}, got {self.label}")
        if len(self.classes) < c or any(not 1 <= len(n) <= 12 for n in self.classes):
            raise ValueError(f"classes must name each of the {c} classes in 1-12 characters")
        return self
