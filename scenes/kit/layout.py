"""Where the labels are: bounding boxes of on-screen text, frame and overlap checks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from manim import (
    DL,
    UR,
    DecimalNumber,
    MarkupText,
    Mobject,
    SingleStringMathTex,
    Text,
    Typst,
    config,
)

__all__ = ["LabelBox", "TEXT_TYPES", "fit", "label_boxes", "label_colours", "layout_problems"]

#: Mobjects that a viewer reads; each is one box (their glyphs are not checked one by one).
TEXT_TYPES: tuple[type, ...] = (Text, MarkupText, Typst, SingleStringMathTex, DecimalNumber)


@dataclass(frozen=True)
class LabelBox:
    """The bounding box of one label on screen, in scene units."""

    text: str
    left: float
    bottom: float
    right: float
    top: float

    def overlap(self, other: LabelBox) -> float:
        """The smaller of the two overlap extents (0 when the boxes are apart)."""
        w = min(self.right, other.right) - max(self.left, other.left)
        h = min(self.top, other.top) - max(self.bottom, other.bottom)
        return max(0.0, min(w, h))


def _text_of(mob: Mobject) -> str:
    for attr in ("text", "typst_code", "tex_string", "number"):
        value = getattr(mob, attr, None)
        if value is not None:
            return str(value)
    return type(mob).__name__


def _visible(mob: Mobject) -> bool:
    family = mob.get_family()
    return any(
        m.get_fill_opacity() > 0.05 or (m.get_stroke_opacity() > 0.05 and m.get_stroke_width() > 0)
        for m in family
        if m.has_points()
    )


def label_boxes(mobjects: Iterable[Mobject]) -> list[LabelBox]:
    """Boxes of every visible text-like mobject (not descending into one)."""
    boxes: list[LabelBox] = []
    stack = list(mobjects)[::-1]
    while stack:
        mob = stack.pop()
        if isinstance(mob, TEXT_TYPES):
            if mob.has_points() or mob.submobjects:
                if _visible(mob) and mob.width > 1e-6:
                    left, bottom, _ = mob.get_corner(DL)
                    right, top, _ = mob.get_corner(UR)
                    boxes.append(LabelBox(_text_of(mob), left, bottom, right, top))
            continue
        stack.extend(mob.submobjects[::-1])
    return boxes


def label_colours(mobjects: Iterable[Mobject]) -> list[tuple[str, str, str, float]]:
    """Each visible label's text, kind (``words`` for text, ``maths``), fill colour and opacity.

    A label whose glyphs differ in colour reports its least opaque-and-visible one
    (the first glyph with the most common colour is enough for legibility checks).
    """
    found = []
    stack = list(mobjects)[::-1]
    while stack:
        mob = stack.pop()
        if isinstance(mob, TEXT_TYPES):
            glyphs = [g for g in mob.family_members_with_points() if g.get_fill_opacity() > 0.05]
            if glyphs:
                kind = "maths" if isinstance(mob, Typst | SingleStringMathTex) else "words"
                if getattr(mob, "digits_ok", False):
                    kind = "words-ok"
                for colour in dict.fromkeys(g.get_fill_color().to_hex() for g in glyphs):
                    opacity = max(
                        g.get_fill_opacity()
                        for g in glyphs
                        if g.get_fill_color().to_hex() == colour
                    )
                    found.append((_text_of(mob), kind, colour, float(opacity)))
            continue
        stack.extend(mob.submobjects[::-1])
    return found


def layout_problems(
    boxes: list[LabelBox], margin: float = 0.05, tolerance: float = 0.02
) -> list[str]:
    """Labels that leave the frame (with ``margin``) or overlap another by more than ``tolerance``."""
    half_w = config.frame_width / 2 - margin
    half_h = config.frame_height / 2 - margin
    problems = []
    for b in boxes:
        if b.left < -half_w or b.right > half_w or b.bottom < -half_h or b.top > half_h:
            problems.append(
                f"{b.text!r} leaves the frame ({b.left:.2f}..{b.right:.2f}, {b.bottom:.2f}..{b.top:.2f})"
            )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a.overlap(b) > tolerance:
                problems.append(f"{a.text!r} overlaps {b.text!r}")
    return problems


def fit(mob: Mobject, width: float, height: float | None = None) -> Mobject:
    """Scale ``mob`` down (never up) so it fits ``width`` × ``height``."""
    factor = min(1.0, width / max(mob.width, 1e-9))
    if height is not None:
        factor = min(factor, height / max(mob.height, 1e-9))
    if factor < 1.0:
        mob.scale(factor)
    return mob
