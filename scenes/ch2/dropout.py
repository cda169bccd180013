"""Dropout: a keep mask switches hidden neurons off; inverted dropout scales the rest by 1/p."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    VGroup,
    Write,
)

import dlmath as dm
from scenes.ch2.dropout_network import TABLE_LEFT, TABLE_WIDTH, NetworkTable
from scenes.ch2.dropout_params import DropoutParams
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Join

__all__ = ["DropoutScene"]


class DropoutScene(NetworkTable, LectureScene[DropoutParams]):
    """H through a keep mask and the 1/p scaling, random passes, test time, the expectation."""

    name = "dropout"
    Params = DropoutParams

    def construct(self) -> None:
        """The network; the mask; the scaling; each pass; test time; why the expectation matches."""
        p = self.p
        self.passes = self.computed(dm.dropout_passes(p.H, p.p, p.passes, seed=p.seed))
        mask = p.mask if p.mask is not None else self.passes.masks[0]
        self.train = self.computed(dm.dropout(p.H, p.p, mask=mask))
        self.test = self.computed(dm.dropout(p.H, p.p, train=False))
        self.many = self.computed(dm.dropout_passes(p.H, p.p, p.average, seed=p.seed))
        self.lay_out()
        self.show_network()
        self.apply_mask()
        self.scale()
        for n in range(1, p.passes + 1):
            self.training_pass(n=n)
        self.test_time()
        self.expectation()

    # steps ---------------------------------------------------------------
    @step("network")
    def show_network(self) -> dict[str, Any]:
        """The network and its hidden activations H."""
        self.play(FadeIn(self.title))
        self.play(Create(self.net), FadeIn(self.names), run_time=1.2)
        self.play(*(FadeIn(v) for v in self.values))
        self.hold(1)
        return {"n": len(self.p.H), "H": Join(self.train_h)}

    @step("mask")
    def apply_mask(self) -> dict[str, Any]:
        """The keep mask: dropped neurons go dark; h·m travels into its column."""
        t = self.train
        greens = [theme.FORWARD if m else theme.MUTED for m in t.mask]
        h = self.column(0, 4, formula("h"), self.train_h)
        m = self.column(1, 4, formula("m"), t.mask, greens)
        hm = self.column(2, 4, formula("h dot m"), t.masked, greens)
        self.play(
            *(travel(v, c) for v, c in zip(self.values, h.numbers, strict=True)), FadeIn(h.head)
        )
        self.play(FadeIn(m), run_time=0.6)
        self.play(*self.switch(t.mask), run_time=0.8)
        self.play(FadeIn(hm.head), run_time=0.3)
        self.play(
            *(
                anim
                for a, b, c in zip(h.numbers, m.numbers, hm.numbers, strict=True)
                for anim in self.merge(a, b, c)
            ),
            run_time=1.0,
        )
        self.remove(self.spent)
        self.columns = [h, m, hm]
        self.hold(1)
        return {
            "m": Join([int(v) for v in t.mask]),
            "off": self.dropped(t.mask),
            "hm": Join(list(t.masked)),
        }

    @step("scale")
    def scale(self) -> dict[str, Any]:
        """Inverted dropout: the kept values are divided by p; the results go back into the neurons."""
        t = self.train
        rule = formula("1 / p = 1 / {p} = {s}", p=t.p_keep, s=t.scale)
        part(rule, "s").set_color(theme.FOCUS)
        rule.next_to(VGroup(*self.columns[0].numbers), DOWN, buff=0.45).set_x(
            self.column_x(3, 4) - 1.0
        )
        fit(rule, TABLE_WIDTH).align_to(RIGHT * TABLE_LEFT, LEFT)
        greens = [theme.FORWARD if m else theme.MUTED for m in t.mask]
        out = self.column(3, 4, formula("h dot m div p"), t.output, greens)
        self.play(Write(rule), run_time=1.0)
        self.play(FadeIn(out.head), run_time=0.3)
        self.play(
            *(
                anim
                for a, c in zip(self.columns[2].numbers, out.numbers, strict=True)
                for anim in self.merge(a, part(rule, "s"), c)
            ),
            run_time=1.0,
        )
        self.remove(self.spent)
        self.columns.append(out)
        self.working = rule
        new = [self.in_neuron(j, float(v), greens[j]) for j, v in enumerate(t.output)]
        self.play(*(FadeOut(v) for v in self.values), run_time=0.3)
        self.play(
            *(travel(c, v, path_arc=0.3) for c, v in zip(out.numbers, new, strict=True)),
            run_time=1.0,
        )
        self.values = new
        self.hold(1)
        return {"p": t.p_keep, "s": t.scale, "out": Join(list(t.output))}

    @step("pass-{n}")
    def training_pass(self, n: int) -> dict[str, Any]:
        """Another training pass: a fresh random mask switches other neurons off."""
        r = self.passes
        mask, output = r.masks[n - 1], r.outputs[n - 1]
        count = self.p.passes + 2
        if n == 1:
            self.clear_table()
        greens = [theme.FORWARD if m else theme.MUTED for m in mask]
        col = self.column(n - 1, count, self.counted("pass", n), output, greens)
        self.play(*self.switch(mask), run_time=0.6)
        self.set_values(output, greens)
        self.play(
            FadeIn(col.head), *(travel(v, c) for v, c in zip(self.values, col.numbers, strict=True))
        )
        self.columns.append(col)
        self.hold(0.5)
        return {"n": n, "off": self.dropped(mask)}

    @step("test")
    def test_time(self) -> dict[str, Any]:
        """Test time: every neuron takes part and nothing is scaled: the output is H."""
        t, count = self.test, self.p.passes + 2
        col = self.column(
            count - 2,
            count,
            theme.label(self.t("test"), theme.SMALL_SIZE),
            t.output,
            [theme.GOOD] * len(t.output),
        )
        self.play(*self.switch(t.mask), run_time=0.6)
        self.set_values(t.output, [theme.GOOD] * len(t.output))
        self.play(
            FadeIn(col.head), *(travel(v, c) for v, c in zip(self.values, col.numbers, strict=True))
        )
        self.columns.append(col)
        self.hold(1)
        return {"H": Join(list(t.output))}

    @step("expectation")
    def expectation(self) -> dict[str, Any]:
        """Why it matches: kept with probability p at h/p, else 0, so the expected output is h."""
        r, count = self.many, self.p.passes + 2
        j = int(np.argmax(np.abs(r.H)))
        mean = self.column(
            count - 1,
            count,
            self.counted("mean", self.p.average),
            r.mean,
            [theme.GOOD] * len(r.mean),
        )
        general = theme.math('E["out"] = p dot h / p + (1 - p) dot 0 = h', color=theme.MUTED)
        line = formula(
            "{p} dot {k} + {q} dot 0 = {e}",
            p=r.p_keep,
            k=float(r.kept[j]),
            q=r.p_drop,
            e=float(r.expected[j]),
        )
        part(line, "e").set_color(theme.GOOD)
        block = VGroup(general, line).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        fit(block, TABLE_WIDTH + 0.8, 1.3)
        block.next_to(VGroup(*self.columns[0].numbers), DOWN, buff=0.4).align_to(
            RIGHT * TABLE_LEFT, LEFT
        )
        block.shift(UP * max(0.0, -3.75 - block.get_bottom()[1]))
        self.play(FadeIn(general), run_time=0.8)
        self.play(travel_into(line, {"e": self.columns[-1].numbers[j]}), run_time=1.2)
        self.play(FadeIn(mean), run_time=0.8)
        self.working = block
        self.hold(1.5)
        return {
            "p": r.p_keep,
            "k": float(r.kept[j]),
            "e": float(r.expected[j]),
            "count": self.p.average,
            "mean": Join(list(r.mean)),
        }
