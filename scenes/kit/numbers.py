"""Numbers on screen: one formatting rule, one typeface, and the dlmath value kept on every mobject.

Numbers are written by the kit's one rule (:func:`~scenes.kit.format.fmt`). Every number is typeset by Typst in the maths font, alone (:func:`num`) or inside
a formula (:func:`formula`), so the same number has the same glyphs wherever it
is and can travel from one place to the other (:mod:`scenes.kit.travel`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, cast

from manim import Mobject, VGroup, VMobject

from scenes.kit import theme
from scenes.kit.format import fmt, fmt_typst

__all__ = ["fmt", "fmt_typst", "num", "formula", "part", "rest", "shown_numbers"]


def num(
    value: float, decimals: int = 2, size: float = theme.BODY_SIZE, color: str | None = None
) -> VMobject:
    """A number on screen, typeset like numbers in formulas; ``.value`` keeps the dlmath float.

    ``size`` is a text size (as for :func:`~scenes.kit.theme.label`); the maths font
    is scaled by :data:`~scenes.kit.theme.MATH_SCALE` to match it.
    """
    mob = theme.math(fmt_typst(value, decimals), size * theme.MATH_SCALE, color)
    setattr(mob, "value", float(value))  # noqa: B010
    return mob


_OPERATOR_END = ("+", "-", "*", "/", "^", "times", "dot", "×", "·", "−")


def _square_brackets(template: str) -> str:
    """Square brackets as Typst symbols, outside quoted strings (a part inside ``[…]`` is kept)."""
    pieces = re.split(r'("(?:[^"\\]|\\.)*")', template)
    for k in range(0, len(pieces), 2):
        pieces[k] = pieces[k].replace("[", " bracket.l ").replace("]", " bracket.r ")
    return "".join(pieces)


def formula(
    template: str,
    *,
    size: float = theme.BODY_SIZE,
    color: str | None = None,
    decimals: int | Mapping[str, int] = 2,
    **numbers: float,
) -> VMobject:
    """Typst maths with computed numbers: ``formula("L = {a} + {b}", a=..., b=...)``.

    Each ``{name}`` becomes the number written by :func:`fmt` (an ``int`` as is),
    typeset as a selectable part: :func:`part` returns its glyphs, so a number can
    travel into it or out of it. A negative number is parenthesised where it
    follows an operator (``3 - (-2)``, ``1 times (-4)``) but not after ``=``, ``(``
    or a comma. Square brackets may hold numbers (``[{a}, {b}]``). ``decimals`` is one count for all numbers or a mapping from name
    to count (2 for names it leaves out). ``size`` is a text size; ``.values``
    keeps the numbers.
    """

    def substitute(match: re.Match[str]) -> str:
        key = match.group(1)
        value = numbers[key]
        places = decimals.get(key, 2) if isinstance(decimals, Mapping) else decimals
        text = str(value) if isinstance(value, int) else fmt_typst(value, places)
        before = template[: match.start()].rstrip()
        group = f"{{{{ {text} : {key} }}}}"
        return f"({group})" if text.startswith("-") and before.endswith(_OPERATOR_END) else group

    code = re.sub(r"\{(\w+)\}", substitute, _square_brackets(template))
    mob = theme.math(code, size * theme.MATH_SCALE, color)
    setattr(mob, "values", tuple(float(v) for v in numbers.values()))  # noqa: B010
    return mob


def part(mob: Mobject, name: str) -> VGroup:
    """The glyphs of the number ``{name}`` in a :func:`formula` (all of them if it repeats)."""
    return cast(VGroup, cast(Any, mob).select(name))


def rest(mob: Mobject, *names: str) -> VGroup:
    """The glyphs of a :func:`formula` outside the parts ``names`` (its text and operators)."""
    taken = {id(m) for name in names for m in part(mob, name)}
    return VGroup(*(cast(VMobject, m) for m in mob.submobjects if id(m) not in taken))


def shown_numbers(mobjects: Iterable[Mobject]) -> list[float]:
    """Every number carried by a mobject on screen (from :func:`num` and :func:`formula`).

    Axis tick labels (marked ``.tick``) are scale, not data, and are left out.
    """
    found: list[float] = []
    for top in mobjects:
        for mob in top.get_family():
            if getattr(mob, "tick", False):
                continue
            value = getattr(mob, "value", None)
            if isinstance(value, float):
                found.append(value)
            found.extend(getattr(mob, "values", ()))
    return found
