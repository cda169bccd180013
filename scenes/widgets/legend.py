"""A colour key on screen: a swatch and a word for each colour a scene uses."""

from __future__ import annotations

from collections.abc import Sequence

from manim import RIGHT, Square, VGroup

from scenes.kit import theme

__all__ = ["Legend"]


class Legend(VGroup):
    """Swatches with their meanings in a row: ``Legend([(theme.FOCUS, "true class"), …])``."""

    def __init__(self, entries: Sequence[tuple[str, str]], size: float = theme.SMALL_SIZE) -> None:
        super().__init__()
        for color, text in entries:
            swatch = Square(side_length=0.2, color=color, fill_color=color, fill_opacity=1)
            word = theme.label(text, size, theme.MUTED)
            self.add(VGroup(swatch, word).arrange(RIGHT, buff=0.12))
        self.arrange(RIGHT, buff=0.45)
