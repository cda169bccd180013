"""Parameters of ``image-as-numbers``: a bundled photograph, a patch to zoom into, untrained weights."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from scenes.data import PHOTOS
from scenes.kit.params import SceneParams

__all__ = ["CIFAR10", "ImageAsNumbersParams"]

#: The ten CIFAR-10 classes, in the data set's order.
CIFAR10 = [
    "airplane",
    "automobile",
    "bird",
    "cat",
    "deer",
    "dog",
    "frog",
    "horse",
    "ship",
    "truck",
]


class ImageAsNumbersParams(SceneParams):
    """Parameters of ``image-as-numbers``; defaults zoom into Chelsea the cat's eye."""

    image: Literal["chelsea", "astronaut", "coffee", "rocket"] = Field(
        default="chelsea",
        description="the photograph (bundled with scikit-image): chelsea, astronaut, coffee, rocket",
    )
    patch: list[int] = Field(
        default=[108, 160],
        description="[row, column] of the zoomed patch's top-left pixel; the patch must fit",
    )
    patch_size: int = Field(
        default=6, ge=3, le=8, description="side of the zoomed patch in pixels, 3 to 8"
    )
    seed: int = Field(default=0, ge=0, le=9999, description="seed of the untrained random weights")
    weight_scale: float = Field(
        default=0.001,
        gt=0,
        le=0.01,
        description="standard deviation of the random weights (W = scale · randn), up to 0.01",
    )
    classes: list[str] = Field(
        default=CIFAR10,
        description="the classifier's classes (2 to 10 names, 1 to 12 characters each)",
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {"image": "rocket", "patch": [419, 632], "patch_size": 8, "weight_scale": 0.01},
        {
            "image": "astronaut",
            "patch": [0, 0],
            "patch_size": 3,
            "seed": 9999,
            "classes": ["automobile", "aeroplane"],
        },
    )

    @model_validator(mode="after")
    def _shapes(self) -> ImageAsNumbersParams:
        h, w = PHOTOS[self.image]
        n = self.patch_size
        if len(self.patch) != 2 or not (
            0 <= self.patch[0] <= h - n and 0 <= self.patch[1] <= w - n
        ):
            raise ValueError(
                f"patch must be [row, column] with row 0..{h - n} and column 0..{w - n} "
                f"for a {n}x{n} patch of {self.image} ({h}x{w})"
            )
        if not 2 <= len(self.classes) <= 10 or any(not 1 <= len(c) <= 12 for c in self.classes):
            raise ValueError("classes must hold 2 to 10 names of 1 to 12 characters")
        return self
