"""Dropout's network and table: neurons, edges, the columns of numbers, masks switching neurons off."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from manim import RIGHT, UP, Circle, FadeIn, FadeOut, Line, VGroup, VMobject

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, num
from scenes.kit.travel import travel
from scenes.kit.words import Join, Word

if TYPE_CHECKING:
    from scenes.ch2.dropout_params import DropoutParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[DropoutParams]
else:
    _Base = object

__all__ = [
    "HEADER_Y",
    "LAYERS_X",
    "RADIUS",
    "ROWS_SPAN",
    "TABLE_LEFT",
    "TABLE_WIDTH",
    "TOP_ROW",
    "Column",
    "NetworkTable",
]

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


class NetworkTable(_Base):
    """The network with a number in each hidden neuron, and a table of columns beside it."""

    passes: dm.DropoutPasses

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
