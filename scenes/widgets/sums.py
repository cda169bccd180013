"""A long sum written on one line, or broken over two, whose numbers can travel in by name."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from manim import Animation, Mobject, VGroup, VMobject

from scenes.kit.numbers import formula, part
from scenes.kit.travel import travel_into

__all__ = ["SumLines"]


class SumLines(VGroup):
    """``head piece + piece + … tail`` as one formula, or two if one is wider than ``width``.

    ``pieces`` are Typst templates with ``{name}`` numbers (``"{w0} dot {x0}"``)
    and ``values`` the numbers by name, as for :func:`~scenes.kit.numbers.formula`.
    A second line starts with ``+``. ``find(name)`` returns a number's glyphs in
    whichever line holds it; ``arrive(sources)`` writes the lines while their
    numbers travel in.
    """

    def __init__(
        self, head: str, pieces: Sequence[str], tail: str, width: float, **values: Any
    ) -> None:
        super().__init__()
        self.names: list[list[str]] = []
        one = self._line(f"{head}{' + '.join(pieces)}{tail}", values)
        if one.width <= width or len(pieces) < 2:
            self.add(one)
            return
        self.names.clear()
        half = (len(pieces) + 1) // 2
        # "" + … : the empty text makes the leading + a binary operator, spaced as such
        self.add(
            self._line(f"{head}{' + '.join(pieces[:half])}", values),
            self._line(f'"" + {" + ".join(pieces[half:])}{tail}', values),
        )

    def _line(self, template: str, values: Mapping[str, Any]) -> VMobject:
        names = re.findall(r"\{(\w+)\}", template)
        self.names.append(names)
        numbers: dict[str, Any] = {k: values[k] for k in names}
        return formula(template, **numbers)

    @property
    def lines(self) -> list[VMobject]:
        """The formulas, top to bottom."""
        return list(self.submobjects)

    def find(self, name: str) -> VGroup:
        """The glyphs of the number ``name``."""
        for line, names in zip(self.lines, self.names, strict=True):
            if name in names:
                return part(line, name)
        raise KeyError(name)

    def arrive(self, sources: Mapping[str, Mobject], lag_ratio: float = 0.1) -> list[Animation]:
        """Animations writing each line while its numbers travel in from ``sources``."""
        return [
            travel_into(line, {k: v for k, v in sources.items() if k in names}, lag_ratio=lag_ratio)
            for line, names in zip(self.lines, self.names, strict=True)
        ]
