"""Parameters of ``knn-distance``: the notes' 4 × 4 test and training images, then real digits."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from scenes.data import DIGITS_TEST
from scenes.kit.params import SceneParams

__all__ = ["KnnDistanceParams"]


def _matrix(name: str, m: list[list[float]]) -> tuple[int, int]:
    rows = len(m)
    widths = {len(r) for r in m}
    if not 2 <= rows <= 5 or len(widths) != 1 or not 2 <= widths.copy().pop() <= 5:
        raise ValueError(f"{name} must be a matrix of 2 to 5 rows of equal length 2 to 5")
    if any(not 0 <= v <= 255 for r in m for v in r):
        raise ValueError(f"{name} must hold pixel values 0 to 255")
    return rows, widths.pop()


class KnnDistanceParams(SceneParams):
    """Parameters of ``knn-distance``; defaults are the notes' example and two real test digits."""

    test: list[list[float]] = Field(
        default=[[56, 32, 10, 18], [90, 23, 128, 133], [24, 26, 178, 200], [2, 0, 255, 220]],
        description="the test image: 2 to 5 rows of 2 to 5 pixel values 0-255",
    )
    train: list[list[float]] = Field(
        default=[[10, 20, 24, 17], [8, 10, 89, 100], [12, 16, 178, 170], [4, 32, 233, 112]],
        description="the training image, the same shape as test",
    )
    metric: Literal["l1", "l2"] = Field(
        default="l1", description="distance the digits are compared by: l1 or l2"
    )
    test_digits: list[int] = Field(
        default=[0, 116],
        description=f"held-out test digits to classify (1 to 3 indices, 0 to {DIGITS_TEST - 1})",
    )
    k: int = Field(default=1, ge=1, le=5, description="neighbours that vote for a digit, 1 to 5")
    shift: int = Field(
        default=1, ge=1, le=3, description="pixels the first test digit is shifted right, 1 to 3"
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "test": [[255, 0, 255, 0, 255]] * 5,
            "train": [[0, 255, 0, 255, 0]] * 5,
            "metric": "l2",
            "test_digits": [359, 1, 2],
            "k": 5,
            "shift": 3,
        },
        {"test": [[0, 1], [2, 3]], "train": [[0, 1], [2, 3]], "test_digits": [5]},
    )

    @model_validator(mode="after")
    def _shapes(self) -> KnnDistanceParams:
        if _matrix("test", self.test) != _matrix("train", self.train):
            raise ValueError("test and train must have the same shape")
        if not 1 <= len(self.test_digits) <= 3 or any(
            not 0 <= i < DIGITS_TEST for i in self.test_digits
        ):
            raise ValueError(
                f"test_digits must hold 1 to 3 indices of test digits, each 0 to {DIGITS_TEST - 1}"
            )
        return self
