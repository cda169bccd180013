"""A chain of layers drawn as boxes on one wire, with places for values above and below each wire."""

from __future__ import annotations

import numpy as np
from manim import DOWN, UP, Arrow, RoundedRectangle, VGroup, VMobject

from scenes.kit import theme

__all__ = ["LayerChain"]


class LayerChain(VGroup):
    """``n`` boxes on a wire: ``in → [f] → [f] → … → out``.

    Wire ``k`` (0 to ``n``) runs into box ``k + 1``; wire 0 is the input, wire ``n``
    the output. ``above(k)`` and ``below(k)`` are the places for a value over and
    under wire ``k`` (forward values above, gradients below); ``under(k)`` the place
    under box ``k`` (0-based) for its local gradient. Places follow the chain when it
    is moved or scaled.
    """

    def __init__(self, n: int, symbol: str, *, gap: float = 1.7, box: float = 0.9) -> None:
        super().__init__()
        self.n = n
        self.boxes = VGroup()
        self.wires = VGroup()
        x = 0.0
        label = theme.math(symbol, color=theme.FORWARD)
        width = max(box, label.width + 0.3)
        for k in range(n + 1):
            start, end = np.array([x, 0.0, 0.0]), np.array([x + gap, 0.0, 0.0])
            self.wires.add(
                Arrow(start, end, buff=0, color=theme.MUTED, stroke_width=3, tip_length=0.18)
            )
            x += gap
            if k < n:
                frame = RoundedRectangle(
                    corner_radius=0.12, width=width, height=box, color=theme.FORWARD, stroke_width=3
                ).move_to(np.array([x + width / 2, 0.0, 0.0]))
                self.boxes.add(VGroup(frame, label.copy().move_to(frame)))
                x += width
        self.add(self.wires, self.boxes)

    def wire_mid(self, k: int) -> np.ndarray:
        """Centre of wire ``k``."""
        return np.asarray(self.wires[k].get_center())

    def above(self, k: int, mob: VMobject, buff: float = 0.25) -> VMobject:
        """Place ``mob`` over wire ``k``."""
        return mob.next_to(self.wire_mid(k), UP, buff=buff)

    def below(self, k: int, mob: VMobject, buff: float = 0.25) -> VMobject:
        """Place ``mob`` under wire ``k``."""
        return mob.next_to(self.wire_mid(k), DOWN, buff=buff)

    def under(self, k: int, mob: VMobject, buff: float = 0.2) -> VMobject:
        """Place ``mob`` under box ``k``."""
        return mob.next_to(self.boxes[k], DOWN, buff=buff)
