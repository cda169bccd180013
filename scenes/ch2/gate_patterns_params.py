"""Parameters of ``gate-patterns``: f = 2·(x·y + max(z, w)) at x = 3, y = −4, z = 2, w = −1."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from scenes.kit.params import SceneParams

__all__ = ["GatePatternsParams"]

LIMIT = 99.99


def _input(default: float, name: str) -> Any:
    return Field(
        default,
        ge=-LIMIT,
        le=LIMIT,
        description=f"input {name} of f = factor·(x·y + max(z, w)), from -99.99 to 99.99",
    )


class GatePatternsParams(SceneParams):
    """Parameters of ``gate-patterns``; defaults are the CS231n example (f = −20)."""

    x: float = _input(3.0, "x")
    y: float = _input(-4.0, "y")
    z: float = _input(2.0, "z")
    w: float = _input(-1.0, "w")
    factor: float = Field(
        2.0, ge=-10, le=10, description="the outer factor of f = factor·(…), from -10 to 10"
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {"x": -99.99, "y": 99.99, "z": -99.99, "w": 99.99, "factor": -10.0},
        {"x": 0.5, "y": -0.25, "z": 0.125, "w": 0.125, "factor": 0.5},
        {"factor": 0.0},
    )
