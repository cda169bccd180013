"""Numbers travel: a copy of a number flies from where it is to where it is used.

A number on screen is never just faded in where it is needed if the viewer has
already seen it elsewhere: a score cell flies into its slot of ``max(…)``, each
loss flies into the mean, a forward value runs along its wire, and a result
flies back into its place in a table. Numbers share one typeface
(:mod:`scenes.kit.numbers`), so the copy lands glyph on glyph.
"""

from __future__ import annotations

from collections.abc import Mapping

from manim import (
    Animation,
    AnimationGroup,
    FadeIn,
    FadeTransform,
    Mobject,
    MoveToTarget,
    ReplacementTransform,
    Scene,
    Succession,
    Transform,
    Write,
    linear,
)

from scenes.kit.numbers import part, rest

__all__ = ["travel", "travel_into", "along"]


def travel(
    source: Mobject, target: Mobject, *, path_arc: float = 0.0, **kwargs: object
) -> Transform:
    """A copy of ``source`` flies onto ``target`` and becomes it (``target`` ends on screen).

    With the same glyphs (the same number, perhaps at another size) the copy lands
    glyph on glyph; otherwise it moves and cross-fades into ``target``.
    ``source`` stays where it is.
    """
    flyer = source.copy()
    same = len(flyer.family_members_with_points()) == len(target.family_members_with_points())
    if same:
        return ReplacementTransform(flyer, target, path_arc=path_arc, **kwargs)
    return FadeTransform(flyer, target)


class _Assemble(AnimationGroup):
    """Animations that build ``whole`` from pieces; at the end ``whole`` replaces the pieces."""

    def __init__(self, whole: Mobject, pieces: list[Mobject], *animations: Animation) -> None:
        self.whole, self.pieces = whole, pieces
        super().__init__(*animations)

    def clean_up_from_scene(self, scene: Scene) -> None:  # noqa: D102
        super().clean_up_from_scene(scene)
        scene.remove(*self.pieces)
        scene.add(self.whole)


def travel_into(
    formula: Mobject,
    sources: Mapping[str, Mobject],
    *,
    lag_ratio: float = 0.15,
    write: bool = True,
    path_arc: float = 0.0,
) -> AnimationGroup:
    """Write ``formula`` while its numbers arrive from ``sources`` (part name → mobject).

    The formula's words and operators are written (or faded in), and each named
    part is filled by a copy travelling from its source: scores into ``max(…)``,
    losses into a mean. At the end ``formula`` itself is on screen.
    """
    targets = [part(formula, name) for name in sources]
    arrivals = [
        travel(source, target, path_arc=path_arc)
        for source, target in zip(sources.values(), targets, strict=True)
    ]
    frame = rest(formula, *sources)
    appear = Write(frame) if write else FadeIn(frame)
    return _Assemble(
        formula, [frame, *targets], appear, AnimationGroup(*arrivals, lag_ratio=lag_ratio)
    )


def along(value: Mobject, via: Mobject, target: Mobject, **kwargs: object) -> Succession:
    """A copy of ``value`` slides to ``via`` (say, the gate its wire leads to), then onto ``target``.

    Used for forward values flowing along a graph's wires: the input's value runs
    into the gate, and the gate's output value appears from it.
    """
    flyer = value.copy()
    flyer.generate_target()
    flyer.target.move_to(via.get_center())
    return Succession(
        MoveToTarget(flyer, rate_func=linear), ReplacementTransform(flyer, target, **kwargs)
    )
