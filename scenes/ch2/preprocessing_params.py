"""Parameters of ``preprocessing``: X = [[1, 200], [2, 400], [3, 900], [6, 100]] and a test point."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["PreprocessingParams"]

LIMIT = 999.0


def _rows(name: str, rows: list[list[float]], low: int, high: int) -> None:
    """Check ``low``..``high`` rows of two numbers each, within the limit."""
    if not low <= len(rows) <= high or any(len(r) != 2 for r in rows):
        raise ValueError(f"{name} must have {low} to {high} rows of 2 numbers (two features)")
    if any(abs(v) > LIMIT for r in rows for v in r):
        raise ValueError(f"{name} values must satisfy |value| <= {LIMIT:g} so they fit on screen")


class PreprocessingParams(SceneParams):
    """Parameters of ``preprocessing``; defaults are the lecture's example."""

    X: list[list[float]] = Field(
        default=[[1, 200], [2, 400], [3, 900], [6, 100]],
        description="training data: 2 to 6 rows (examples) of 2 features, |value| <= 999",
    )
    test: list[list[float]] = Field(
        default=[[4, 600]],
        description="test data preprocessed with the training statistics: 1 or 2 rows of 2",
    )
    cloud: int = Field(
        default=0,
        ge=0,
        le=300,
        description="0: the point cloud shows X; 10 to 300: a generated cloud of that many points "
        "with X's means and standard deviations",
    )
    corr: float = Field(
        default=0.5, ge=-0.9, le=0.9, description="correlation of the generated cloud, −0.9 to 0.9"
    )
    seed: int = Field(default=0, ge=0, le=10**6, description="seed of the generated cloud")

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "X": [[-999, 0.5], [999, -0.25], [12.5, 999], [-7, -999], [0, 1], [3.25, -12]],
            "test": [[999, -999], [-0.5, 0.75]],
            "cloud": 300,
            "corr": -0.9,
            "seed": 1000000,
        },
        {"X": [[1, 1], [2, 3]], "test": [[0, 0]], "cloud": 10, "corr": 0.9},
    )

    @model_validator(mode="after")
    def _shapes(self) -> PreprocessingParams:
        _rows("X", self.X, 2, 6)
        _rows("test", self.test, 1, 2)
        for d in range(2):
            if len({r[d] for r in self.X}) < 2:
                raise ValueError(
                    f"X column {d + 1} is constant: a feature with one value has no spread to "
                    "scale; accepted: columns with at least two different values"
                )
        if 0 < self.cloud < 10:
            raise ValueError("cloud must be 0 (show X) or 10 to 300 points")
        return self
