"""Parameters of ``cv-challenges``: the photograph, a different one, and the strength of each change."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["CvChallengesParams"]

Photo = Literal["chelsea", "astronaut", "coffee", "rocket"]


class CvChallengesParams(SceneParams):
    """Parameters of ``cv-challenges``; defaults change Chelsea the cat and compare with a coffee cup."""

    image: Photo = Field(
        default="chelsea", description="the photograph: chelsea, astronaut, coffee or rocket"
    )
    other: Photo = Field(
        default="coffee", description="a different photograph, the semantic-gap yardstick"
    )
    texture: Literal["gravel", "grass", "brick"] = Field(
        default="gravel", description="the busy texture of the background clutter"
    )
    viewpoint: float = Field(
        default=30.0, ge=0, le=60, description="viewpoint: degrees the picture is turned, 0 to 60"
    )
    scale: float = Field(
        default=1.6, ge=0.5, le=3, description="scale: zoom factor (above 1 closer), 0.5 to 3"
    )
    illumination: float = Field(
        default=0.45, ge=0.1, le=2, description="illumination: brightness gain, 0.1 to 2"
    )
    occlusion: float = Field(
        default=0.2,
        ge=0,
        le=0.5,
        description="occlusion: fraction of the picture covered, 0 to 0.5",
    )
    deformation: float = Field(
        default=2.0, ge=0, le=3, description="deformation: swirl at the centre in radians, 0 to 3"
    )
    clutter: float = Field(
        default=0.45,
        ge=0,
        le=0.9,
        description="background clutter: how far it reaches in, 0 to 0.9",
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "image": "rocket",
            "other": "astronaut",
            "texture": "brick",
            "viewpoint": 60.0,
            "scale": 3.0,
            "illumination": 2.0,
            "occlusion": 0.5,
            "deformation": 3.0,
            "clutter": 0.9,
        },
        {
            "image": "astronaut",
            "other": "chelsea",
            "viewpoint": 0.0,
            "scale": 0.5,
            "illumination": 0.1,
            "occlusion": 0.0,
            "deformation": 0.0,
            "clutter": 0.0,
        },
    )

    @model_validator(mode="after")
    def _different(self) -> CvChallengesParams:
        if self.other == self.image:
            raise ValueError(f"other must be a different photograph than image ({self.image})")
        return self

    def strengths(self) -> dict[str, float]:
        """The strength of each change, by the name dlmath gives it."""
        return {name: float(getattr(self, name)) for name in CHANGE_FIELDS}


#: The changes in the notes' order (the names of :data:`dlmath.CHANGES`).
CHANGE_FIELDS = ("viewpoint", "scale", "illumination", "occlusion", "deformation", "clutter")
