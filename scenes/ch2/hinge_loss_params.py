"""Parameters of ``hinge-loss``: the CS231n cat/car/frog scores by default."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["HingeLossParams"]


class HingeLossParams(SceneParams):
    """Parameters of ``hinge-loss``; defaults are the CS231n cat/car/frog example."""

    scores: list[list[float]] = Field(
        default=[[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]],
        description="class scores, one row per image (1-4 rows, 2-5 columns, each |s| < 1000)",
    )
    labels: list[int] = Field(
        default=[0, 1, 2], description="true class (column index) of each row"
    )
    delta: float = Field(
        default=1.0, ge=0, le=10, description="the margin Δ (the notes' +1), 0 to 10"
    )
    classes: list[str] = Field(
        default=["cat", "car", "frog", "dog", "ship"],
        description="class names; the first C (one per column) are used, 1 to 12 characters each",
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {"scores": [[1.0, 2.0], [3.0, -4.0], [5.5, 5.0], [-7.0, 8.0]], "labels": [0, 1, 0, 1]},
        {"scores": [[1.0, 2.0]], "labels": [1]},
        {
            "scores": [[999.99, -999.99, 0.01, 5, -5]] * 4,
            "labels": [0, 1, 2, 4],
            "delta": 10.0,
            "classes": ["automobile", "aeroplane", "frog", "deer", "horse"],
        },
        {"scores": [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0]], "labels": [0, 0], "delta": 0.0},
    )

    @model_validator(mode="after")
    def _shapes(self) -> HingeLossParams:
        rows = len(self.scores)
        if not 1 <= rows <= 4:
            raise ValueError(f"scores must have 1 to 4 rows (images), got {rows}")
        cols = {len(r) for r in self.scores}
        if len(cols) != 1 or not 2 <= cols.pop() <= 5:
            raise ValueError("scores rows must all have the same length, 2 to 5 classes")
        if any(abs(s) >= 1000 for r in self.scores for s in r):
            raise ValueError("scores must satisfy |s| < 1000 so they fit on screen")
        n_classes = len(self.scores[0])
        if len(self.labels) != rows:
            raise ValueError(
                f"labels must have one entry per row of scores ({rows}), got {len(self.labels)}"
            )
        if any(not 0 <= y < n_classes for y in self.labels):
            raise ValueError(f"labels must be column indices 0..{n_classes - 1}, got {self.labels}")
        if len(self.classes) < n_classes or any(not 1 <= len(c) <= 12 for c in self.classes):
            raise ValueError(
                f"classes must name each of the {n_classes} classes in 1-12 characters"
            )
        return self
