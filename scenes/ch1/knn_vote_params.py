"""Parameters of ``knn-vote``: the curriculum's nine points around a query at the origin."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from scenes.kit.params import SceneParams

__all__ = ["KnnVoteParams", "SHAPES"]

#: Class index -> the shape (a glossary term) that draws it.
SHAPES = ("triangle", "square", "circle")
#: Largest |coordinate| of a point or the query (the plane's range follows the data).
LIMIT = 4.0


class KnnVoteParams(SceneParams):
    """Parameters of ``knn-vote``; defaults are the curriculum's ▲/■ example."""

    points: list[list[float]] = Field(
        default=[
            [1.0, 0.2],
            [-0.4, 1.1],
            [0.3, -1.3],
            [-1.6, -0.5],
            [1.5, 1.2],
            [2.6, -1.9],
            [-2.3, 2.4],
            [-2.8, -2.2],
            [3.1, 2.7],
        ],
        description="labelled 2-D points (3 to 16, each [x, y] with |x|, |y| <= 4)",
    )
    labels: list[int] = Field(
        default=[0, 0, 1, 1, 1, 0, 0, 1, 0],
        description="class of each point: 0 triangle, 1 square, 2 circle",
    )
    query: list[float] = Field(
        default=[0.0, 0.0], description="the point to classify, [x, y] with |x|, |y| <= 4"
    )
    ks: list[int] = Field(
        default=[3, 5],
        description="numbers of neighbours that vote, growing (1 to 3 values, each 1 to 7)",
    )
    metric: Literal["l2", "l1"] = Field(
        default="l2", description="distance: l2 (a circle reaches the neighbours) or l1 (a diamond)"
    )
    seed: int = Field(
        default=0, ge=0, le=9999, description="seed of the second set (two clusters, one mistake)"
    )
    region_ks: list[int] = Field(
        default=[1, 5],
        description="k of each decision-region map of the second set (1 to 3 values, each 1 to 15)",
    )

    extremes: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "points": [[4.0, 4.0], [-4.0, -4.0], [4.0, -4.0]],
            "labels": [0, 1, 2],
            "query": [-4.0, 4.0],
            "ks": [1, 2, 3],
            "metric": "l1",
            "region_ks": [15],
        },
        {
            "points": [[0.1 * i - 0.8, (-1) ** i * 0.3] for i in range(16)],
            "labels": [i % 3 for i in range(16)],
            "query": [0.05, 0.0],
            "ks": [7],
            "seed": 9999,
            "region_ks": [1, 3, 7],
        },
    )

    @model_validator(mode="after")
    def _shapes(self) -> KnnVoteParams:
        n = len(self.points)
        if not 3 <= n <= 16 or any(len(p) != 2 for p in self.points):
            raise ValueError(f"points must hold 3 to 16 points [x, y], got {n}")
        coords = [v for p in self.points for v in p] + list(self.query)
        if len(self.query) != 2:
            raise ValueError(f"query must be one point [x, y], got {self.query}")
        if any(abs(v) > LIMIT for v in coords):
            raise ValueError("points and query must have |x|, |y| <= 4 so the plane fits")
        if len(self.labels) != n or any(not 0 <= y < len(SHAPES) for y in self.labels):
            raise ValueError(
                f"labels must give each of the {n} points a class 0 (triangle), 1 (square) "
                "or 2 (circle)"
            )
        if not 1 <= len(self.ks) <= 3 or any(not 1 <= k <= min(7, n) for k in self.ks):
            raise ValueError(f"ks must hold 1 to 3 values, each 1 to {min(7, n)} (<= points)")
        if any(b <= a for a, b in zip(self.ks, self.ks[1:], strict=False)):
            raise ValueError(f"ks must grow (each k larger than the one before), got {self.ks}")
        if not 1 <= len(self.region_ks) <= 3 or any(not 1 <= k <= 15 for k in self.region_ks):
            raise ValueError("region_ks must hold 1 to 3 values, each 1 to 15")
        return self
