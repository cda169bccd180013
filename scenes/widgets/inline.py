"""A line of maths put together from separately typeset pieces, cheap to build for many values."""

from __future__ import annotations

from collections.abc import Sequence

from manim import DOWN, RIGHT, UP, VGroup, VMobject

from scenes.kit import theme
from scenes.kit.numbers import num

__all__ = ["Inline"]

#: Pieces after which a negative number is parenthesised (as :func:`~scenes.kit.numbers.formula` does).
OPERATORS = ("+", "-", "dot", "times", "/")
#: Pieces with a wide space on both sides; spaces between pieces, in scene units.
SPACED = ("+", "-", "=", "div")
#: Punctuation set on the baseline, close to the number before it.
LOW = (",", ".")
WIDE, NARROW, TIGHT = 0.13, 0.08, 0.03


class Inline(VGroup):
    """``Inline(["=", ("s", -2.0), "+", ("b", 1.0)])``: maths from pieces, named numbers selectable.

    A :func:`~scenes.kit.numbers.formula` typesets its whole text each time a value
    changes; a line of many products (a convolution window) would compile a new
    Typst document per output cell. Here every operator and every number is
    typeset on its own (and cached by value), then laid out left to right, so a
    thousand lines cost a handful of compilations. Tokens are Typst maths
    (operators, words) or ``(name, value)`` numbers; ``select(name)`` returns a
    number's glyphs, so :func:`~scenes.kit.travel.travel_into` fills it from
    elsewhere. A negative number after an operator is parenthesised.
    """

    def __init__(
        self,
        tokens: Sequence[str | tuple[str, float]],
        *,
        size: float = theme.BODY_SIZE,
        color: str | None = None,
        decimals: int = 2,
    ) -> None:
        self.parts: dict[str, VMobject] = {}
        # each piece with the space before it and its token ("" for a number)
        pieces: list[tuple[VMobject, float, str]] = []
        math_size = size * theme.MATH_SCALE
        previous = ""
        for token in tokens:
            if isinstance(token, str):
                space = WIDE if token in SPACED or previous in SPACED else NARROW
                pieces.append(
                    (theme.math(token, math_size, color), TIGHT if token in LOW else space, token)
                )
                previous = token
                continue
            name, value = token
            number = num(value, decimals, size, color)
            space = WIDE if previous in SPACED or previous in LOW else NARROW
            if value < 0 and previous in OPERATORS:
                pieces.append((theme.math("(", math_size, color), space, "("))
                pieces.append((number, TIGHT, ""))
                pieces.append((theme.math(")", math_size, color), TIGHT, ")"))
            else:
                pieces.append((number, space, ""))
            self.parts[name] = number
            previous = name
        super().__init__(*(piece for piece, _, _ in pieces))
        for (left, _, _), (right, space, _) in zip(pieces, pieces[1:], strict=False):
            right.next_to(left, RIGHT, buff=space)
        middle = pieces[0][0].get_y() if pieces else 0.0
        for piece, _, _ in pieces:
            piece.set_y(middle)
        # punctuation sits on the baseline of the numbers, close to the one before it
        numbers = list(self.parts.values())
        if numbers:
            base = min(n.get_bottom()[1] for n in numbers)
            for piece, _, token in pieces:
                if token in LOW:
                    piece.align_to(UP * base, DOWN).shift(DOWN * 0.04 * size / theme.BODY_SIZE)

    def select(self, name: str) -> VGroup:
        """The glyphs of the number ``name`` (what :func:`~scenes.kit.numbers.part` asks for)."""
        return VGroup(self.parts[name])
