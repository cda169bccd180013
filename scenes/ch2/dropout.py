"""Dropout: a keep mask switches hidden neurons off; inverted dropout scales the rest by 1/p."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    Line,
    VGroup,
    VMobject,
    Write,
)

import dlmath as dm
from scenes.ch2.dropout_params import DropoutParams
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, num, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Join, Word

__all__ = ["DropoutScene"]

#: Layer columns of the network (inputs, hidden, outputs) and the table's left edge and width.
LAYERS_X = (-6.3, -4.25, -2.2)
TABLE_LEFT, TABLE_WIDTH = -1.2, 8.0
#: The top neuron's height and the most the rows may span; headers sit at HEADER_Y.
TOP_ROW, ROWS_SPAN, HEADER_Y = 2.3, 3.9, 2.88
RADIUS = 0.42


class Column(VGroup):
    """A table column: its header and one number per hidden neuron."""

    def __init__(self, head: VMobject, numbers: VGroup) -> None:
        super().__init__(head, numbers)
        self.head, self.numbers = head, numbers


class DropoutScene(LectureScene[DropoutParams]):
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

    # layout --------------------------------------------------------------
    def rows_y(self, n: int) -> list[float]:
        """Heights of ``n`` neurons, from the top row down."""
        gap = min(1.15, ROWS_SPAN / max(n - 1, 1))
        top = TOP_ROW - (ROWS_SPAN - gap * (n - 1)) / 2  # a short column is centred in the span
        return [top - gap * k for k in range(n)]

    def lay_out(self) -> None:
        """Title, the three layers with their edges, the hidden neurons' values."""
        p = self.p
        self.title = self.heading()
        sizes = (p.inputs, len(p.H), p.outputs)
        self.layers: list[list[Circle]] = []
        for x, n in zip(LAYERS_X, sizes, strict=True):
            radius = RADIUS if x == LAYERS_X[1] else RADIUS * 0.6
            self.layers.append(
                [
                    Circle(radius=radius, color=theme.MUTED, stroke_width=2).move_to(
                        RIGHT * x + UP * y
                    )
                    for y in self.rows_y(n)
                ]
            )
        self.edges: list[list[Line]] = [[] for _ in p.H]  # the edges of each hidden neuron
        for j, hidden in enumerate(self.layers[1]):
            for a in self.layers[0]:
                self.edges[j].append(self.edge(a, hidden))
            for b in self.layers[2]:
                self.edges[j].append(self.edge(hidden, b))
        self.net = VGroup(
            *(c for layer in self.layers for c in layer), *(e for es in self.edges for e in es)
        )
        for c in self.layers[1]:
            c.set_stroke(theme.FORWARD)
        self.values = [self.in_neuron(j, h) for j, h in enumerate(self.train_h)]
        self.names = VGroup(
            theme.label(self.t("layers.input"), theme.SMALL_SIZE, theme.MUTED),
            formula("H", color=theme.MUTED),
            theme.label(self.t("layers.output"), theme.SMALL_SIZE, theme.MUTED),
        )
        for name, x in zip(self.names, LAYERS_X, strict=True):
            name.move_to(RIGHT * x + UP * HEADER_Y)
        self.columns: list[Column] = []
        self.working: VMobject | None = None
        self.spent = VGroup()  # copies that flew into a product and faded

    @property
    def train_h(self) -> list[float]:
        """The hidden activations H."""
        return [float(h) for h in self.passes.H]

    def edge(self, a: Circle, b: Circle) -> Line:
        """A connection between two neurons."""
        return Line(
            a.get_right(), b.get_left(), color=theme.MUTED, stroke_width=1.5, stroke_opacity=0.6
        )

    def in_neuron(self, j: int, value: float, color: str | None = None) -> VMobject:
        """A number sized to sit inside hidden neuron ``j``."""
        mob = num(value, 2, theme.BODY_SIZE, color)
        fit(mob, RADIUS * 1.6, RADIUS * 1.1)
        return mob.move_to(self.layers[1][j])

    def column_x(self, k: int, count: int) -> float:
        """Centre of table column ``k`` of ``count``."""
        width = TABLE_WIDTH / count
        return TABLE_LEFT + width * (k + 0.5)

    def column(
        self, k: int, count: int, header: VMobject, values: Any, colors: list[str] | None = None
    ) -> Column:
        """Table column ``k``: a header and one number per hidden neuron (not yet shown)."""
        x = self.column_x(k, count)
        ys = self.rows_y(len(self.p.H))
        cells = VGroup()
        for j, (value, y) in enumerate(zip(values, ys, strict=True)):
            cell = num(float(value), 2, theme.BODY_SIZE, colors[j] if colors else None)
            fit(cell, TABLE_WIDTH / count * 0.85)
            cells.add(cell.move_to(RIGHT * x + UP * y))
        fit(header, TABLE_WIDTH / count * 0.9)
        header.set_color(theme.MUTED).move_to(RIGHT * x + UP * HEADER_Y)
        return Column(header, cells)

    def counted(self, word: str, n: int) -> VGroup:
        """A header of words around a count (``pass 2``, ``第 2 次``): digits stay out of the words."""
        parts = [self.t(f"{word}.before"), None, self.t(f"{word}.after")]
        return VGroup(
            *(
                num(n, 0, theme.SMALL_SIZE) if text is None else theme.label(text, theme.SMALL_SIZE)
                for text in parts
                if text != ""
            )
        ).arrange(RIGHT, buff=0.12)

    def merge(self, main: VMobject, factor: VMobject, target: VMobject) -> list[Any]:
        """``main`` travels onto ``target``; a copy of ``factor`` flies in with it and fades."""
        flyer = factor.copy()
        self.spent.add(flyer)
        return [travel(main, target), flyer.animate.move_to(target).set_opacity(0)]

    def switch(self, mask: Any) -> list[Any]:
        """Animations that dim dropped neurons and their edges, and light kept ones."""
        anims: list[Any] = []
        for j, keep in enumerate(mask):
            colour = theme.FORWARD if keep else theme.MUTED
            anims.append(self.layers[1][j].animate.set_stroke(colour, opacity=1 if keep else 0.4))
            anims += [e.animate.set_stroke(opacity=0.6 if keep else 0.08) for e in self.edges[j]]
        return anims

    def set_values(self, values: Any, colors: list[str | None]) -> None:
        """The hidden neurons' numbers are replaced: the old ones fade out, the new ones in."""
        new = [
            self.in_neuron(j, float(v), c)
            for j, (v, c) in enumerate(zip(values, colors, strict=True))
        ]
        self.play(*(FadeOut(m) for m in self.values), run_time=0.4)
        self.play(*(FadeIn(m) for m in new), run_time=0.4)
        self.values = new

    def clear_table(self) -> None:
        """Fade out the table's columns and any working."""
        leaving = VGroup(*self.columns)
        if self.working is not None:
            leaving.add(self.working)
        if leaving.submobjects:
            self.play(FadeOut(leaving), run_time=0.5)
        self.columns, self.working = [], None

    @staticmethod
    def dropped(mask: Any) -> Word:
        """Which neurons a mask switches off, for a subtitle (1-based)."""
        off = [j + 1 for j, m in enumerate(mask) if not m]
        if not off:
            return Word("off.none")
        if len(off) == 1:
            return Word("off.one", j=off[0])
        return Word("off.many", js=Join(off))

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
