"""Numbers that combine into one (a column into its sum, λ and R into λR): each flies into the result."""

from __future__ import annotations

from collections.abc import Sequence

from manim import AnimationGroup, FadeIn, Mobject, Scene, smooth

__all__ = ["Converge"]


class Converge(AnimationGroup):
    """Copies of ``sources`` fly onto ``target`` and fade there as ``target`` fades in.

    Unlike a single transform from a group, no number is stretched to the
    group's size on the way. The sources stay; at the end only ``target`` is
    left on screen (the copies are removed).
    """

    def __init__(self, sources: Sequence[Mobject], target: Mobject, **kwargs: object) -> None:
        self.flyers = [source.copy() for source in sources]
        self.target = target
        moves = [flyer.animate.move_to(target).set_opacity(0) for flyer in self.flyers]
        arrive = FadeIn(target, rate_func=lambda t: smooth(max(0.0, 2 * t - 1)))
        super().__init__(*moves, arrive, **kwargs)  # type: ignore[arg-type]

    def clean_up_from_scene(self, scene: Scene) -> None:  # noqa: D102
        super().clean_up_from_scene(scene)
        scene.remove(*self.flyers)
