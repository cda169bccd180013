"""Gradient descent's runs on the plot: the panel beside it, a run hop by hop, its verdict in words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Create,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Mobject,
    VGroup,
    VMobject,
)

import dlmath as dm
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Join, Num, Word
from scenes.widgets.plots import CurvePlot, IterateTable, Range, RunPath

if TYPE_CHECKING:
    from scenes.ch2.gradient_descent_params import GradientDescentParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[GradientDescentParams]
else:
    _Base = object

__all__ = [
    "BOX_CORNER",
    "PANEL_WIDTH",
    "PARAM_DECIMALS",
    "REACH",
    "RunPanel",
    "decimals",
    "heights",
]

#: The plot's box: lower-left corner and size (tick labels go outside it).
BOX_CORNER = (-6.1, -2.95, 0.0)
BOX_WIDTH, BOX_HEIGHT = 5.6, 5.4
#: The panel of words and numbers on the right: top-left corner and size.
PANEL_CORNER = (0.55, 2.95, 0.0)
PANEL_WIDTH, PANEL_HEIGHT = 6.35, 6.75
#: The x axis reaches this multiple of |x0| each way (a run that leaves it diverges).
REACH = 1.5
#: Iterates are written with 3 decimals (0.512, −0.064), or as many as x0 and the rate
#: have, up to 4 (η = 1.4999); parameters and the slope step's arithmetic with up to 4
#: (η = 0.125: 0.75 − 0.1875 = 0.5625).
DECIMALS, PARAM_DECIMALS = 3, 4
#: Hops of one run take at most this long together (seconds).
HOPS_TIME = 3.2


def decimals(*values: float, least: int = DECIMALS) -> int:
    """Decimals that write ``values`` as given (at least ``least``, at most 4)."""
    need = least
    for value in values:
        for d in range(least, PARAM_DECIMALS + 1):
            need = max(need, d)
            if abs(round(value, d) - value) <= 1e-12 * max(1.0, abs(value)):
                break
    return need


def heights(d: dm.Descent) -> np.ndarray:
    """The objective at every iterate of a run (dlmath evaluated it)."""
    if d.values is None:
        raise ValueError("the run was made without its objective")
    return d.values


class RunPanel(_Base):
    """Words, layout and one run hop by hop for :class:`~scenes.ch2.gradient_descent.GradientDescentScene`.

    The scene sets ``obj`` and ``ranges`` (in ``construct``), ``title`` and ``plot`` (in its first step).
    """

    obj: dm.Objective
    ranges: tuple[Range, Range]
    title: VMobject
    plot: CurvePlot

    # words ---------------------------------------------------------------
    def status(self, d: dm.Descent) -> Word:
        """The verdict of dlmath on a run, as a word (with the zig-zag where it is not the verdict)."""
        verdict = Word(f"status.{d.status}")
        if d.oscillates and d.status in ("converging", "diverged"):
            return Word("zigzag", status=verdict)
        return verdict

    def verdict(self, d: dm.Descent, size: float = theme.BODY_SIZE) -> VMobject:
        """The verdict as a label in its status colour."""
        word = self.status(d)
        colour = {"diverged": theme.LOSS, "oscillating": theme.FOCUS}.get(d.status, theme.GOOD)
        return theme.label(self.t(word.key, **word.values), size, colour)

    def places(self, d: dm.Descent) -> int:
        """Decimals for a run's iterates: 3, or as many as ``x0`` and its rate or step have."""
        return decimals(self.p.x0, d.lr)

    def path(self, d: dm.Descent, count: int = 3) -> Join:
        """The first iterates after ``x0``, for a subtitle."""
        return Join([Num(float(x), self.places(d)) for x in d.xs[1 : count + 1]])

    # layout --------------------------------------------------------------
    def make_plot(
        self, width: float = BOX_WIDTH, height: float = BOX_HEIGHT, **kw: Any
    ) -> CurvePlot:
        """The curve on the scene's one pair of ranges."""
        return CurvePlot(self.obj.f, *self.ranges, width=width, height=height, **kw)

    def place_panel(self, panel: VGroup) -> VGroup:
        """Stack ``panel``'s items down the right side of the frame (a wide one shrinks alone)."""
        for item in panel:
            fit(item, PANEL_WIDTH)
        panel.arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        fit(panel, PANEL_WIDTH, PANEL_HEIGHT)
        return panel.next_to(PANEL_CORNER, DOWN + RIGHT, buff=0)

    def clear_stage(self) -> None:
        """Fade out everything but the title and the plot (what leaves goes before what comes)."""
        keep = {id(m) for m in (self.title, self.plot)}
        leaving = [m for m in self.mobjects if id(m) not in keep]
        if leaving:
            self.play(*(FadeOut(m) for m in leaving), run_time=0.5)

    def exit_label(
        self,
        plot: CurvePlot,
        x: float,
        lhs: str,
        value: float,
        size: float,
        colour: str,
        places: int = DECIMALS,
    ) -> VMobject:
        """``lhs = value`` above the box at scene ``x``: where a run left the axes."""
        label = formula(f"{lhs} = {{v}}", v=value, decimals=places, color=colour, size=size)
        return plot.label_above(label, x)

    def small_run(
        self,
        d: dm.Descent,
        colour: str,
        corner: tuple[float, float, float],
        width: float,
        height: float,
    ) -> tuple[CurvePlot, RunPath, VMobject | None, VGroup, VMobject]:
        """A run drawn small for the summary, its plot's box at ``corner``.

        Returns the plot, the path, where the run left the axes (or None), ``η``
        and the last iterate, and the verdict (those two beside the plot).
        """
        small = theme.SMALL_SIZE
        plot = self.make_plot(width=width, height=height, size=small, names=False, sparse=True)
        plot.shift(corner - plot.point(self.ranges[0][0], self.ranges[1][0]))
        path = RunPath(plot, d.xs, heights(d), colour, radius=0.045, stroke_width=2.5)
        label = None
        if path.exit is not None and path.arrow is not None:
            t, end = path.exit, float(path.arrow.get_end()[0])
            label = self.exit_label(
                plot, end, f"x_({t})", float(d.xs[t]), small, colour, self.places(d)
            )
        last = len(d.xs) - 1
        text = VGroup(
            formula("eta = {lr}", lr=d.lr, decimals=PARAM_DECIMALS, color=colour, size=small),
            formula(f"x_({last}) = {{v}}", v=float(d.xs[-1]), decimals=self.places(d), size=small),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        part(text[1], "v").set_color(theme.FORWARD)
        verdict = self.verdict(d, small)
        column = VGroup(text, verdict).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        column.next_to(plot.axes.axes, RIGHT, buff=0.35).align_to(plot.axes.axes, UP)
        return plot, path, label, text, verdict

    # one run, hop by hop ---------------------------------------------------
    def run(
        self,
        d: dm.Descent,
        colour: str,
        head: VGroup,
        working: VMobject,
        sources: dict[str, Mobject],
    ) -> None:
        """Show a run: its first update worked out, then each hop with its row; the verdict last.

        ``working`` is ``x_1 = …`` with parts ``x`` (from the table's ``x_0``),
        ``y`` (``x_1``, travelling back into the table) and those in ``sources``.
        """
        table = IterateTable(d.xs, decimals=self.places(d))
        verdict = self.verdict(d)
        self.place_panel(VGroup(head, working, table, verdict))
        path = RunPath(self.plot, d.xs, heights(d), colour)
        exit_label = None
        if path.exit is not None and path.arrow is not None:
            t, end = path.exit, float(path.arrow.get_end()[0])
            exit_label = self.exit_label(
                self.plot, end, f"x_({t})", float(d.xs[t]), theme.BODY_SIZE, colour, self.places(d)
            )
        self.clear_stage()
        row0 = table.rows[0]
        self.play(FadeIn(head), FadeIn(row0), GrowFromCenter(path.start))
        self.play(travel_into(working, {"x": table.value(0), **sources}), run_time=1.5)
        steps = len(d.xs) - 1
        each = min(0.6, HOPS_TIME / steps)
        for t in range(1, steps + 1):
            anims: list[Any] = []
            if t in path.hops:
                hop = path.hops[t]
                anims.append(
                    AnimationGroup(
                        Create(hop[0]), *(GrowFromCenter(m) for m in hop[1:]), lag_ratio=0.7
                    )
                )
                if t == path.exit and exit_label is not None:
                    anims.append(FadeIn(exit_label))
            row = table.row(t)
            if t == 1 and row is not None:
                anims += [FadeIn(row[0]), travel(part(working, "y"), row[1], path_arc=-0.6)]
            elif row is not None:
                anims.append(FadeIn(row))
            elif t == 6 and table.gap is not None:
                anims.append(FadeIn(table.gap))
            if anims:
                self.play(*anims, run_time=0.9 if t == 1 else each)
        self.play(FadeIn(verdict, shift=UP * 0.1), run_time=0.6)
