"""Weight initialisation: activations of a deep network collapse, saturate or keep their spread."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    FadeIn,
    FadeOut,
    LaggedStart,
    RoundedRectangle,
    VGroup,
    VMobject,
)

import dlmath as dm
from scenes.ch2.initialization_params import InitializationParams
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, num, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.words import Word
from scenes.widgets.axes import nice_range
from scenes.widgets.grid import NumberGrid
from scenes.widgets.histogram import Histogram
from scenes.widgets.inline import Inline

__all__ = ["InitializationScene"]

#: Histogram bins (odd, so that 0 is a bin's centre) and the panels' size.
BINS = 21
PANEL_W, PANEL_H = 2.15, 1.2
#: Top and bottom of a scale's block (the rule, the panels, the note).
TOP, BOTTOM = 3.05, -3.85


@lru_cache(maxsize=16)
def experiment(
    depth: int, width: int, scale: float | str, activation: str, samples: int, seed: int
) -> dm.ActivationStats:
    """Dlmath's activation statistics, kept for the process (stills in several languages reuse them)."""
    return dm.activation_stats(
        depth, width, scale, activation=activation, n_samples=samples, seed=seed, bins=BINS
    )


class InitializationScene(LectureScene[InitializationParams]):
    """A deep network's activations for each weight scale, layer by layer, and why gradients vanish."""

    name = "initialization"
    Params = InitializationParams

    def construct(self) -> None:
        """The network, one step per weight scale, then the gradients."""
        p = self.p
        self.runs = [
            self.computed(experiment(p.depth, p.width, s, p.activation, p.samples, p.seed))
            for s in p.scales
        ]
        self.title = self.heading()
        self.shown: VMobject | None = None
        self.show_network()
        for n in range(1, len(self.runs) + 1):
            self.scale_run(n=n)
        self.gradients()

    # words and labels -------------------------------------------------------
    def rule(self, r: dm.ActivationStats) -> VMobject:
        """``W = 0.01 · randn``, ``W = randn / √500`` or ``W = randn · √(2/500)``."""
        if r.scale == "xavier":
            return formula('W = "randn" \\/ sqrt({n})', n=self.p.width)
        if r.scale == "he":
            return formula('W = "randn" dot sqrt(2 \\/ {n})', n=self.p.width)
        return formula('W = {s} dot "randn"', s=float(r.weight_std))

    def rule_word(self, r: dm.ActivationStats) -> Word:
        """The weight rule for a subtitle."""
        if isinstance(r.scale, str):
            return Word(f"rules.{r.scale}", n=self.p.width)
        return Word("rules.number", s=float(r.weight_std))

    def swap_in(self, group: VMobject) -> None:
        """The previous panels fade out, then ``group`` fades in."""
        if self.shown is not None:
            self.play(FadeOut(self.shown), run_time=0.5)
        self.play(FadeIn(group), run_time=1.0)
        self.shown = group

    # steps ---------------------------------------------------------------
    @step("network")
    def show_network(self) -> dict[str, Any]:
        """Inputs through a stack of layers H_l = f(H_(l−1) W_l)."""
        p = self.p
        boxes = VGroup()
        for layer in range(1, p.depth + 1):
            box = RoundedRectangle(
                width=0.9, height=1.5, corner_radius=0.12, color=theme.FORWARD, stroke_width=2
            )
            box.add(num(layer, 0, theme.SMALL_SIZE).move_to(box))
            boxes.add(box)
        boxes.arrange(RIGHT, buff=0.35)
        x = formula("X").next_to(boxes, LEFT, buff=0.7)
        arrow = Arrow(x.get_right(), boxes.get_left(), color=theme.MUTED, buff=0.1, stroke_width=3)
        chain = VGroup(x, arrow, boxes)
        fit(chain, 13.4).move_to(UP * 0.4)
        f = {"tanh": "tanh", "relu": "max(0, dot)", "sigmoid": "sigma"}[p.activation]
        law = formula(f"H_l = {f}(H_(l-1) W_l)", color=theme.FORWARD).next_to(chain, UP, buff=0.6)
        shape = formula(
            "X: {n} times {w}, quad W_l: {w} times {w}", n=p.samples, w=p.width
        ).next_to(chain, DOWN, buff=0.6)
        self.play(FadeIn(self.title))
        self.play(FadeIn(x), FadeIn(arrow), FadeIn(boxes, lag_ratio=0.1), run_time=1.5)
        self.play(FadeIn(law), FadeIn(shape))
        self.hold(1)
        self.shown = VGroup(chain, law, shape)
        return {"depth": p.depth, "width": p.width, "f": p.activation, "n": p.samples}

    def panels(self, r: dm.ActivationStats) -> VGroup:
        """One histogram per layer (two rows), each with its layer number, mean and std."""
        top = max(float(c.max() / c.sum()) for c, _ in r.histograms)
        top = nice_range(0.0, top, 2)[1]
        cells = VGroup()
        for layer, (counts, edges) in enumerate(r.histograms, 1):
            ends = [float(edges[0]), float(edges[-1])]
            ticks = [-1.0, 0.0, 1.0] if r.activation != "relu" else ends
            hist = Histogram(counts, edges, top=top, width=PANEL_W, height=PANEL_H, x_ticks=ticks)
            name = VGroup(
                theme.label(self.t("layer"), theme.SMALL_SIZE, theme.MUTED),
                num(layer, 0, theme.SMALL_SIZE, theme.MUTED),
            ).arrange(RIGHT, buff=0.1)
            name.next_to(hist, UP, buff=0.08).align_to(hist.x_axis, RIGHT)
            stats = VGroup(
                Inline(["mu", "=", ("m", float(r.means[layer - 1]))], size=theme.SMALL_SIZE),
                Inline(["sigma", "=", ("s", float(r.stds[layer - 1]))], size=theme.SMALL_SIZE),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
            part(stats[1], "s").set_color(theme.FOCUS)
            fit(stats, PANEL_W).next_to(hist, DOWN, buff=0.1).align_to(hist.x_axis, LEFT)
            cells.add(VGroup(hist, name, stats))
        cols = (len(cells) + 1) // 2 if len(cells) > 5 else len(cells)
        cells.arrange_in_grid(cols=cols, buff=(0.45, 0.35))
        return cells

    @step("scale-{n}")
    def scale_run(self, n: int) -> dict[str, Any]:
        """One weight scale: every layer's histogram with its mean and standard deviation."""
        r = self.runs[n - 1]
        rule = self.rule(r)
        part_colour = theme.LOSS if r.regime != "spread" else theme.GOOD
        rule.set_color(part_colour)
        grid = self.panels(r)
        note = theme.label(self.t(f"notes.{r.regime}"), theme.BODY_SIZE, part_colour)
        block = VGroup(rule, grid, note).arrange(DOWN, buff=0.3)
        fit(block, 13.6, TOP - BOTTOM).align_to(UP * TOP, UP).set_x(0)
        self.swap_in(rule)
        # layer after layer, as the signal goes through the network
        self.play(LaggedStart(*(FadeIn(cell) for cell in grid), lag_ratio=0.35), run_time=3.0)
        self.play(FadeIn(note), run_time=0.6)
        self.shown = block
        self.hold(1)
        return {
            "rule": self.rule_word(r),
            "first": float(r.stds[0]),
            "last": float(r.stds[-1]),
            "how": Word(f"how.{r.regime}", slope=float(r.slopes[-1])),
        }

    @step("gradients")
    def gradients(self) -> dict[str, Any]:
        """Why collapse and saturation stop learning: the weight gradient has H and f′(Z) as factors."""
        runs = self.runs
        law = formula(
            "(partial L) / (partial W_l) = H_(l-1)^T ((partial L) / (partial H_l) dot.o f'(Z_l))"
        )
        heads = [formula("sigma(H_L)"), formula("overline(f'(Z_L))")]
        rows = [self.rule(r) for r in runs]
        table = NumberGrid(
            [[float(r.stds[-1]), float(r.slopes[-1])] for r in runs], rows, heads, extra_cols=1
        )
        verdicts = VGroup()
        for i, r in enumerate(runs):
            colour = theme.GOOD if r.regime == "spread" else theme.LOSS
            word = theme.label(self.t(f"regimes.{r.regime}"), theme.BODY_SIZE, colour)
            verdicts.add(word.move_to(table.slot(i, 2)))
        notes = VGroup(
            theme.label(self.t("why.collapsed"), theme.SMALL_SIZE),
            theme.label(self.t("why.saturated"), theme.SMALL_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        block = VGroup(law, VGroup(table, verdicts), notes).arrange(DOWN, buff=0.5)
        fit(block, 13.4, 6.6).move_to(DOWN * 0.35)
        self.swap_in(VGroup(law))
        self.play(FadeIn(table), run_time=1.0)
        self.play(FadeIn(verdicts), FadeIn(notes), run_time=0.8)
        self.hold(1.5)
        return {"n": len(runs)}
