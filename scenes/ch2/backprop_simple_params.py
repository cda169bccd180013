"""Parameters of ``backprop-simple``: f = (x + y)·z at the CS231n point x = -2, y = 5, z = -4."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from scenes.kit.params import SceneParams

__all__ = ["BackpropSimpleParams"]

LIMIT = 99.99


def _coordinate(default: float, name: str) -> Any:
    return Field(
        default,
        ge=-LIMIT,
        le=LIMIT,
        allow_inf_nan=False,
        description=f"input {name} of f = (x + y)·z, from -99.99 to 99.99",
    )


class BackpropSimpleParams(SceneParams):
    """Parameters of ``backprop-simple``; defaults are the CS231n example x = -2, y = 5, z = -4."""

    x: float = _coordinate(-2.0, "x")
    y: float = _coordinate(5.0, "y")
    z: float = _coordinate(-4.0, "z")

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {"x": -99.99, "y": -99.99, "z": 99.99},
        {"x": 0.25, "y": -0.001, "z": -0.5},
        {"x": 0.0, "y": 0.0, "z": 0.0},
    )
