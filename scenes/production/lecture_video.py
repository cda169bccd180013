"""One video from built scenes: title cards, chapters, subtitle tracks, sidecar files (skeleton)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scenes.production.build import Planned
    from scenes.production.buildprogress import BuildProgress
    from scenes.production.cache import Cache

__all__ = ["assemble_videos"]


def assemble_videos(
    cache: Cache, name: str, plans: list[Planned], titles: list[Planned], show: BuildProgress
) -> list[str]:
    """Join the built scenes into ``<out>/<quality>/<name>[.<lang>][.light].mp4`` (to come)."""
    return []
