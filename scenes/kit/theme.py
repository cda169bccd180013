"""One look for every scene: the colour key (dark and light themes), the font, sizes, text and maths.

The colour key gives every colour one meaning, in hues of the Okabe–Ito palette
(safe for colour-blind viewers), with a shade for each theme:

========== ================================================ ========= =========
role       meaning                                          dark      light
========== ================================================ ========= =========
FOCUS      the thing the step is about; the true class      #F0E442   #6B6300
FORWARD    forward values, computed results                 #56B4E9   #0072B2
GRADIENT   gradients and slopes                             #F07A3C   #C4420F
LOSS       a positive loss or penalty; a run that diverges  #E69F00   #B97400
GOOD       zero loss, a run that converges, a right answer  #27C493   #007A59
MUTED      labels, axes, zero or inactive                   #8C939D   #6B7078
RUNS       runs / classes to tell apart (never a status)    #CC79A7 … #B0508A …
========== ================================================ ========= =========

Colours are read when a mobject is made (``theme.FORWARD`` looks up the theme in
use), so never keep one in a module-level constant or a default argument: the
scene picks its theme in ``setup`` with :func:`use`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any, TypeVar

from manim import Mobject, Text, VMobject

__all__ = [
    "FONT",
    "FRAME_MARGIN",
    "BODY_SIZE",
    "MATH_SCALE",
    "PALETTES",
    "SMALL_SIZE",
    "THEMES",
    "TITLE_SIZE",
    "Palette",
    "current",
    "label",
    "light",
    "math",
    "use",
]


@dataclass(frozen=True)
class Palette:
    """The colours of one theme, by meaning (see the module docstring)."""

    name: str
    background: str
    text: str
    muted: str
    focus: str
    forward: str
    gradient: str
    loss: str
    good: str
    runs: tuple[str, ...]
    #: A faint fill behind panels and boxes.
    panel: str


PALETTES: dict[str, Palette] = {
    "dark": Palette(
        name="dark",
        background="#111418",
        text="#ECEFF4",
        muted="#8C939D",
        focus="#F0E442",
        forward="#56B4E9",
        gradient="#F07A3C",
        loss="#E69F00",
        good="#27C493",
        runs=("#CC79A7", "#A3A8FF", "#C49A6C", "#9B6FD0"),
        panel="#1E242B",
    ),
    "light": Palette(
        name="light",
        background="#FFFFFF",
        text="#1A1C20",
        muted="#6B7078",
        focus="#6B6300",
        forward="#0072B2",
        gradient="#C4420F",
        loss="#B97400",
        good="#007A59",
        runs=("#B0508A", "#4B55C8", "#8B5E34", "#7A3FB8"),
        panel="#F0F2F5",
    ),
}
THEMES = tuple(PALETTES)

#: One font for both languages: WenQuanYi Micro Hei has Latin and CJK glyphs.
FONT = "WenQuanYi Micro Hei"
TITLE_SIZE = 40
BODY_SIZE = 28
SMALL_SIZE = 22
#: Typst maths looks smaller than text at the same font size: scale its size by this to match.
MATH_SCALE = 1.4
#: Labels stay this far inside the frame's edge (scene units).
FRAME_MARGIN = 0.2

_ROLES = {f.name.upper(): f.name for f in fields(Palette)} | {"BACKGROUND": "background"}
_current: list[Palette] = [PALETTES["dark"]]


def use(name: str) -> Palette:
    """Switch the theme in use (``dark`` or ``light``) and return its palette."""
    if name not in PALETTES:
        raise ValueError(f"unknown theme {name!r}; accepted: {', '.join(THEMES)}")
    _current[0] = PALETTES[name]
    return _current[0]


def current() -> Palette:
    """The palette in use."""
    return _current[0]


def __getattr__(name: str) -> Any:
    """``theme.FORWARD`` and the other roles read the palette in use."""
    if name in _ROLES:
        return getattr(_current[0], _ROLES[name])
    raise AttributeError(f"module 'scenes.kit.theme' has no attribute {name!r}")


M = TypeVar("M", bound=Mobject)


def light(mob: M) -> M:
    """Make copies of a text or maths mobject cheap: every animation copies its mobject.

    Drops the parsed SVG paths that glyphs keep (``path_obj``: the points are
    already built from them) and the SVG's group index except the groups that
    :meth:`~manim.Typst.select` needs (a formula's named parts): copying that
    index cost five times the glyphs themselves.
    """
    for part in mob.get_family():
        if getattr(part, "path_obj", None) is not None:
            setattr(part, "path_obj", None)  # noqa: B010
    groups = getattr(mob, "id_to_vgroup_dict", None)
    if groups is not None:
        keep = {g for names in getattr(mob, "_label_aliases", {}).values() for g in names}
        setattr(mob, "id_to_vgroup_dict", {k: v for k, v in groups.items() if k in keep})  # noqa: B010
    return mob


@lru_cache(maxsize=4096)
def _typst(code: str, size: float) -> VMobject:
    from manim import MathTypst

    # our own cache (lru above) keeps one copy; Manim's would deep-copy every new formula again
    return light(MathTypst(code, font_size=size, use_svg_cache=False))


def math(code: str, size: float = BODY_SIZE * MATH_SCALE, color: str | None = None) -> VMobject:
    """Typst maths (no TeX needed); typeset once per code and size, then copied.

    ``{{ body : name }}`` groups make parts selectable with ``.select(name)``.
    """
    mob = _typst(code, float(size)).copy()
    setattr(mob, "typst_code", code)  # noqa: B010
    return mob.set_color(color or current().text)


@lru_cache(maxsize=2048)
def _text(text: str, size: float, options: tuple[tuple[str, Any], ...]) -> Text:
    return light(Text(text, font=FONT, font_size=size, **dict(options)))


def label(text: str, size: float = BODY_SIZE, color: str | None = None, **kwargs: Any) -> Text:
    """A line of text in the theme's font (works for English and Chinese); made once, then copied."""
    mob = _text(text, float(size), tuple(sorted(kwargs.items()))).copy()
    return mob.set_color(color or current().text)
