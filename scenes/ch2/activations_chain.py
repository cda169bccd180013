"""The activations' layer chains: values flowing forward through the boxes, gradients flowing back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from manim import DOWN, UP, FadeIn, Succession, VGroup, VMobject

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, num
from scenes.kit.travel import along
from scenes.widgets.layer_chain import LayerChain

if TYPE_CHECKING:
    from scenes.ch2.activations_params import ActivationsParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[ActivationsParams]
else:
    _Base = object

__all__ = ["DIGITS", "ChainRuns"]

#: Decimals of the numbers read off the curves and carried along a chain.
DIGITS = 4


class ChainRuns(_Base):
    """A chain of layers, its forward values and its gradients, each number travelling through a box."""

    def lay_chain(self, n: int, symbol: str, y: float = 0.5) -> LayerChain:
        """A chain of ``n`` boxes, fitted to the frame's width and centred at height ``y``."""
        chain = LayerChain(n, symbol)
        fit(chain, 12.0)
        return chain.move_to(UP * y)

    def value(self, v: float, colour: str, size: float = theme.BODY_SIZE) -> VMobject:
        """A number of the chain (forward value or gradient) at ``DIGITS`` decimals."""
        return num(v, DIGITS, size, colour)

    def forward_values(self, chain: LayerChain, run: dm.GradientChain, speed: float) -> VGroup:
        """The input above wire 0, then each output appears from its box above the next wire."""
        values = VGroup(
            chain.above(0, self.value(float(run.inputs[0]), theme.FORWARD)),
            *(
                chain.above(k + 1, self.value(float(v), theme.FORWARD))
                for k, v in enumerate(run.outputs)
            ),
        )
        self.play(FadeIn(values[0]), run_time=0.5 * speed)
        moves = [
            along(values[k], chain.boxes[k], values[k + 1], run_time=0.8 * speed)
            for k in range(chain.n)
        ]
        self.play(Succession(*moves), run_time=0.8 * speed * chain.n)
        return values

    def backward_values(self, chain: LayerChain, run: dm.GradientChain, speed: float) -> VGroup:
        """Gradient 1 at the output, then upstream × local through each box, right to left."""
        grads = VGroup(
            *(
                chain.below(k, self.value(float(v), theme.GRADIENT))
                for k, v in enumerate(run.upstream)
            )
        )
        locals_ = VGroup(
            *(
                chain.under(
                    k,
                    formula(
                        "times {l}",
                        l=float(v),
                        decimals=DIGITS,
                        size=theme.SMALL_SIZE,
                        color=theme.GRADIENT,
                    ),
                ).shift(DOWN * 0.55)
                for k, v in enumerate(run.local)
            )
        )
        self.play(FadeIn(grads[-1]), run_time=0.5 * speed)
        for k in range(chain.n - 1, -1, -1):
            self.play(FadeIn(locals_[k]), run_time=0.4 * speed)
            self.play(along(grads[k + 1], chain.boxes[k], grads[k]), run_time=0.9 * speed)
        return VGroup(grads, locals_)
