"""Parameters of ``ml-vs-dl``: the photograph the pipelines look at and its hand-made features."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["MlVsDlParams"]


class MlVsDlParams(SceneParams):
    """Parameters of ``ml-vs-dl``; defaults show Chelsea the cat."""

    image: Literal["chelsea", "astronaut", "coffee", "rocket"] = Field(
        default="chelsea", description="the photograph fed to both pipelines"
    )
    answer: str = Field(
        default="cat", description="what the classifiers answer (a class name, 1 to 12 characters)"
    )
    bins: int = Field(
        default=8, ge=4, le=16, description="bins of the hand-made colour histogram, 4 to 16"
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {"image": "rocket", "answer": "automobile", "bins": 16},
        {"image": "coffee", "answer": "ship", "bins": 4},
    )

    @model_validator(mode="after")
    def _answer(self) -> MlVsDlParams:
        if not 1 <= len(self.answer) <= 12:
            raise ValueError(
                f"answer must be a class name of 1 to 12 characters, got {self.answer!r}"
            )
        return self
