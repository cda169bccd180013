"""One look for every scene: colours, font, sizes and the number formatter."""

from __future__ import annotations

from math import isinf, isnan

from manim import BLUE_C, GOLD, GREEN_C, GREY_B, ORANGE, RED_C, TEAL_C, WHITE, Mobject, Text

__all__ = [
    "BACKGROUND",
    "FONT",
    "TEXT",
    "MUTED",
    "ACCENT",
    "FORWARD",
    "BACKWARD",
    "POSITIVE",
    "NEGATIVE",
    "HIGHLIGHT",
    "SERIES",
    "TITLE_SIZE",
    "BODY_SIZE",
    "SMALL_SIZE",
    "FRAME_MARGIN",
    "fmt",
    "label",
    "light",
    "math",
]

BACKGROUND = "#111418"
#: One font for both languages: WenQuanYi Micro Hei has Latin and CJK glyphs.
FONT = "WenQuanYi Micro Hei"

TEXT = WHITE
MUTED = GREY_B
ACCENT = GOLD  #: the thing the current step is about
FORWARD = GREEN_C  #: forward values in computational graphs
BACKWARD = RED_C  #: gradients
POSITIVE = TEAL_C  #: a loss term that is > 0, the true class
NEGATIVE = ORANGE
HIGHLIGHT = BLUE_C
#: Colours for several series on one picture (learning rates, classes).
SERIES = (BLUE_C, GREEN_C, ORANGE, RED_C, TEAL_C, GOLD)

TITLE_SIZE = 40
BODY_SIZE = 28
SMALL_SIZE = 22
#: Labels stay this far inside the frame's edge (scene units).
FRAME_MARGIN = 0.2


def fmt(x: float, decimals: int = 2) -> str:
    """Format a number for the screen: fixed decimals, a true minus sign, no ``-0.00``.

    Integers within rounding are shown without decimals when ``decimals == 0``.
    Non-finite values read ``∞``, ``−∞`` or ``NaN``.
    """
    value = float(x)
    if isnan(value):
        return "NaN"
    if isinf(value):
        return "∞" if value > 0 else "−∞"
    text = f"{value:.{decimals}f}"
    if float(text) == 0.0:
        text = text.lstrip("-")
    return text.replace("-", "−")


def light(mob: Mobject) -> Mobject:
    """Drop the parsed SVG paths that text glyphs keep (``path_obj``), so copies are cheap.

    Every animation copies its mobject; a glyph's svgelements path makes a text
    label's deep copy several times slower. The points are already built from it.
    """
    for part in mob.get_family():
        if getattr(part, "path_obj", None) is not None:
            part.path_obj = None
    return mob


def math(code: str, size: float = BODY_SIZE, color: str = TEXT) -> Mobject:
    """Typst maths (no TeX needed), with cheap copies like :func:`label`."""
    from manim import MathTypst

    return light(MathTypst(code, font_size=size, color=color))


def label(text: str, size: float = BODY_SIZE, color: str = TEXT, **kwargs: object) -> Text:
    """A line of text in the theme's font (works for English and Chinese)."""
    return light(Text(text, font=FONT, font_size=size, color=color, **kwargs))
