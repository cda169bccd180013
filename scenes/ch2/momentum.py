"""Momentum: the velocity term carried from move to move; it overshoots on y = x², it pays in a long valley."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    ReplacementTransform,
    VGroup,
    VMobject,
    linear,
)

import dlmath as dm
from scenes.ch2.momentum_bowl import DIGITS, BowlSteps, loss
from scenes.ch2.momentum_params import MomentumParams
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.scene import step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Join, Num, Word
from scenes.widgets.axes import TickedAxes, nice_range
from scenes.widgets.legend import Legend
from scenes.widgets.plots import CurvePlot
from scenes.widgets.race import RaceTable, path_on, rows_shown

__all__ = ["MomentumScene"]

#: The plot (left) and the table (right) of the one-variable part; working lines under the plot.
PLOT_LEFT, PLOT_TOP, TABLE_LEFT = -6.55, 2.1, 1.0
FLOOR = -3.2
#: Iterates shown in the table before the gap.
FIRST = 6


class MomentumScene(BowlSteps):
    """The update rule worked on y = x², the runs compared, then the elongated bowl."""

    name = "momentum"
    Params = MomentumParams
    terms: VGroup
    last_move: VMobject | None

    def construct(self) -> None:
        """Rule, worked updates, the rest of the run, the race, the bowl, both paths, the losses."""
        p = self.p
        self.race = self.computed(dm.momentum_race("parabola", p.x0, p.lr, p.momentum, p.steps))
        bowl = dm.elongated_bowl(p.bowl_stretch)
        self.valley = self.computed(
            dm.momentum_race(bowl, p.bowl_start, p.bowl_lr, p.bowl_momentum, p.bowl_steps)
        )
        top = float(loss(self.valley.plain)[0])
        self.rings = self.computed(dm.bowl_contours(p.bowl_stretch, top, count=10, ratio=0.45))
        self.title = self.heading()
        self.legend = Legend(
            [
                (theme.RUNS[0], self.t("legend.plain")),
                (theme.RUNS[1], self.t("legend.momentum")),
                (theme.GRADIENT, self.t("legend.gradient")),
                (theme.FOCUS, self.t("legend.velocity")),
            ]
        ).to_corner(DOWN + LEFT, buff=0.3)
        self.working: VGroup | None = None
        self.rule()
        for t in range(1, p.worked + 1):
            self.update(t=t)
        self.run()
        self.swing()
        self.valley_floor()
        self.zigzag()
        self.along()
        self.losses()

    # pieces --------------------------------------------------------------
    @property
    def ball_colour(self) -> str:
        """Momentum's run colour."""
        return str(theme.RUNS[1])

    def ball_at(self, w: float) -> np.ndarray:
        """Where the ball sits on the parabola at ``w``."""
        return self.plot.point(w, w * w)

    def arrow_y(self) -> float:
        """Height (data units) of the update arrows, just above the x-axis."""
        low, high, _ = self.plot.axes.y_range
        return low + 0.1 * (high - low)

    def arrows(self, t: int) -> tuple[Arrow | None, Arrow]:
        """Update ``t``'s velocity arrow (None when it is 0) and gradient arrow, tip to tail."""
        r, y = self.race, self.arrow_y()
        w, v = float(r.heavy.xs[t - 1]), float(r.velocity_terms[t - 1])
        velocity = None
        if abs(v) > 1e-12:
            velocity = self.plot.step_arrow(w, w + v, y, theme.FOCUS)[0]
        gradient = self.plot.step_arrow(w + v, float(r.heavy.xs[t]), y, theme.GRADIENT)[0]
        return velocity, gradient

    def move_arrow(self, t: int) -> Arrow:
        """The whole move of update ``t`` (what the next update carries over), above the arrows."""
        r = self.race
        y = self.arrow_y() + 0.12 * (self.plot.axes.y_range[1] - self.plot.axes.y_range[0])
        arrow = self.plot.step_arrow(
            float(r.heavy.xs[t - 1]), float(r.heavy.xs[t]), y, self.ball_colour
        )[0]
        return arrow.set_stroke(opacity=0.7)

    def step_ball(self, t: int, run: float) -> None:
        """Carry the last move over (×α), add the gradient step, roll the ball, fill the table."""
        velocity, gradient = self.arrows(t)
        if self.terms.submobjects:  # the last update's two terms go; its whole move stays
            self.play(FadeOut(self.terms), run_time=0.3 * run)
        if velocity is not None and self.last_move is not None:
            self.play(ReplacementTransform(self.last_move, velocity), run_time=0.7 * run)
        elif self.last_move is not None:
            self.play(FadeOut(self.last_move), run_time=0.3 * run)
        self.play(GrowArrow(gradient), run_time=0.5 * run)
        trail = Dot(self.ball.get_center(), radius=0.05, color=self.ball_colour).set_opacity(0.5)
        self.add(trail)
        self.trail.add(trail)
        move = self.move_arrow(t)
        self.play(
            self.ball.animate.move_to(self.ball_at(float(self.race.heavy.xs[t]))),
            GrowArrow(move),
            run_time=0.6 * run,
            rate_func=linear,
        )
        self.terms = VGroup(*(a for a in (velocity, gradient) if a is not None))
        self.last_move = move

    def place_working(self, lines: VGroup) -> VGroup:
        """Working lines under the plot, left-aligned with it."""
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        top = self.plot.get_bottom()[1] - 0.3
        fit(lines, TABLE_LEFT - 0.3 - PLOT_LEFT, top - FLOOR)
        return lines.align_to(RIGHT * PLOT_LEFT, LEFT).align_to(UP * top, UP)

    def fill_plain(self, t: int) -> Any:
        """Plain descent's iterate ``t`` appears in its column."""
        return FadeIn(self.table.at(t, 0))

    # steps ---------------------------------------------------------------
    @step("rule")
    def rule(self) -> dict[str, Any]:
        """The update rule with its two terms, η and α; the parabola, the ball and the table."""
        r = self.race
        law = theme.math(
            "w_(t+1) = w_t {{ - eta f'(w_t) : grad }} {{ + alpha (w_t - w_(t-1)) : vel }}"
        )
        law.select("grad").set_color(theme.GRADIENT)
        law.select("vel").set_color(theme.FOCUS)
        self.knobs = formula(
            "eta = {eta}, quad alpha = {alpha}", eta=r.heavy.lr, alpha=r.heavy.momentum
        )
        head = VGroup(law, self.knobs).arrange(RIGHT, buff=0.7)
        fit(head, 13.2).next_to(self.title, DOWN, buff=0.3)
        xs = np.concatenate([r.plain.xs, r.heavy.xs])
        reach = float(np.abs(xs).max())  # symmetric about the minimum at 0
        x_range = nice_range(-reach, reach, 4)
        reach = max(abs(x_range[0]), abs(x_range[1]))
        y_range = nice_range(0.0, reach * reach, 4)
        self.plot = CurvePlot(lambda x: x * x, x_range, y_range, width=6.0, height=3.0)
        self.plot.align_to(RIGHT * PLOT_LEFT, LEFT).align_to(UP * PLOT_TOP, UP)
        rows = rows_shown(len(r.heavy.xs) - 1, FIRST, [r.closest])
        headers = [
            theme.math("t", color=theme.MUTED),
            theme.label(self.t("legend.plain"), theme.SMALL_SIZE, theme.RUNS[0]),
            theme.label(self.t("legend.momentum"), theme.SMALL_SIZE, theme.RUNS[1]),
        ]
        self.table = RaceTable(rows, r.plain.xs, r.heavy.xs, headers, decimals=DIGITS)
        for t in rows:
            self.table.at(t, 0).set_color(theme.RUNS[0])
            self.table.at(t, 1).set_color(theme.RUNS[1])
        fit(self.table, 6.9 - TABLE_LEFT, PLOT_TOP + 0.3 - FLOOR)
        self.table.align_to(RIGHT * TABLE_LEFT, LEFT).align_to(UP * (PLOT_TOP + 0.3), UP)
        self.ball = Dot(self.ball_at(float(r.heavy.xs[0])), radius=0.1, color=self.ball_colour)
        self.trail, self.terms = VGroup(), VGroup()
        self.last_move = None
        frame = VGroup(self.table.col_labels, *(self.table.step(t) for t in rows))
        gaps = VGroup(
            *(m for m in self.table.submobjects if getattr(m, "typst_code", "") == "dots.v")
        )
        self.play(FadeIn(self.title), FadeIn(self.legend))
        self.play(FadeIn(law), FadeIn(self.knobs), run_time=1.2)
        self.play(FadeIn(self.plot), FadeIn(frame), FadeIn(gaps), run_time=1.0)
        self.play(FadeIn(self.ball, scale=2), self.fill_plain(0), FadeIn(self.table.at(0, 1)))
        self.hold(1)
        self.law = law
        return {"eta": r.heavy.lr, "alpha": r.heavy.momentum, "x0": float(r.heavy.xs[0])}

    @step("update-{t}")
    def update(self, t: int) -> dict[str, Any]:
        """Update t worked out: the gradient term, the carried-over velocity, their sum."""
        r, w = self.race, self.race.heavy.xs
        a, b = t - 1, max(t - 2, 0)
        gt, vt = float(r.grad_terms[a]), float(r.velocity_terms[a])
        grad = formula(
            f"-eta f'(w_({a})) = -{{eta}} dot {{g}} = {{gt}}",
            eta=r.heavy.lr,
            g=float(r.heavy.grads[a]),
            gt=gt,
            decimals=DIGITS,
        )
        vel = formula(
            f"alpha (w_({a}) - w_({b})) = {{alpha}} dot ({{w1}} - {{w2}}) = {{vt}}",
            alpha=r.heavy.momentum,
            w1=float(w[a]),
            w2=float(w[b]),
            vt=vt,
            decimals=DIGITS,
        )
        total = formula(
            f"w_({t}) = {{w1}} + {{gt}} + {{vt}} = {{new}}",
            w1=float(w[a]),
            gt=gt,
            vt=vt,
            new=float(w[t]),
            decimals=DIGITS,
        )
        part(grad, "gt").set_color(theme.GRADIENT)
        part(vel, "vt").set_color(theme.FOCUS)
        part(total, "gt").set_color(theme.GRADIENT)
        part(total, "vt").set_color(theme.FOCUS)
        part(total, "new").set_color(self.ball_colour)
        lines = self.place_working(VGroup(grad, vel, total))
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.4)
        knob = {"eta": part(self.knobs, "eta"), "alpha": part(self.knobs, "alpha")}
        self.play(travel_into(grad, {"eta": knob["eta"]}), run_time=1.0)
        sources = {"alpha": knob["alpha"], "w1": self.table.at(a, 1), "w2": self.table.at(b, 1)}
        self.play(travel_into(vel, sources), run_time=1.0)
        self.step_ball(t, 1.0)
        sums = {"w1": self.table.at(a, 1), "gt": part(grad, "gt"), "vt": part(vel, "vt")}
        self.play(travel_into(total, sums), run_time=1.0)
        self.play(
            travel(part(total, "new"), self.table.at(t, 1), path_arc=0.3),
            self.fill_plain(t),
            run_time=0.8,
        )
        self.working = lines
        self.hold(0.5)
        return {
            "t": t,
            "gt": Num(gt, DIGITS),
            "vt": Num(vt, DIGITS),
            "new": Num(float(w[t]), DIGITS),
        }

    @step("run")
    def run(self) -> dict[str, Any]:
        """The rest of the first iterates: the ball swings past the minimum."""
        r = self.race
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.4)
            self.working = None
        last = min(FIRST, len(r.heavy.xs) - 1)
        for t in range(self.p.worked + 1, last + 1):
            self.step_ball(t, 0.6)
            self.play(FadeIn(self.table.at(t, 1)), self.fill_plain(t), run_time=0.4)
        self.hold(0.5)
        path = [Num(float(v), DIGITS) for v in r.heavy.xs[1 : last + 1]]
        crossed = [int(t) for t in r.crossings if t <= last]
        key = "crossed" if crossed else "same_side"
        return {"path": Join(path), "verdict": Word(f"run.{key}")}

    @step("swing")
    def swing(self) -> dict[str, Any]:
        """Both runs against the step count: plain descent settles, momentum swings through 0."""
        r = self.race
        n = len(r.heavy.xs) - 1
        xs = np.concatenate([r.plain.xs, r.heavy.xs])
        steps = np.arange(n + 1, dtype=float)
        axes = TickedAxes(
            nice_range(0.0, float(n), 4),
            nice_range(float(xs.min()), float(xs.max()), 4),
            width=6.0,
            height=3.0,
            x_label="t",
            y_label="w",
            y_axis_left=True,
        )
        axes.align_to(RIGHT * PLOT_LEFT, LEFT).align_to(UP * PLOT_TOP, UP)
        plain = path_on(axes, np.column_stack([steps, r.plain.xs]), theme.RUNS[0])
        heavy = path_on(axes, np.column_stack([steps, r.heavy.xs]), theme.RUNS[1])
        c = r.closest
        ring = Circle(radius=0.14, color=theme.FOCUS, stroke_width=3).move_to(
            axes.c2p(float(c), float(r.heavy.xs[c]))
        )
        note = formula(
            f"w_({c}) = {{w}}", w=float(r.heavy.xs[c]), color=theme.FOCUS, decimals=DIGITS
        )
        # above the axis (its tick labels are below), to the right unless that leaves the plot
        side = RIGHT if ring.get_x() + note.width + 0.3 < axes.get_right()[0] else LEFT
        note.next_to(ring, UP + side, buff=0.05)
        leaving = VGroup(self.plot, self.ball, self.trail, self.terms)
        if self.last_move is not None:
            leaving.add(self.last_move)
        self.play(FadeOut(leaving), run_time=0.5)
        self.play(FadeIn(axes), run_time=0.6)
        self.play(Create(plain[0]), FadeIn(plain[1], lag_ratio=0.05), run_time=1.6)
        self.play(Create(heavy[0]), FadeIn(heavy[1], lag_ratio=0.05), run_time=1.6)
        rest = [t for t in self.table.index if t > min(FIRST, n)]
        self.play(
            Create(ring),
            FadeIn(note),
            *(FadeIn(self.table.at(t, k)) for t in rest for k in (0, 1)),
        )
        self.hold(1)
        self.shown = VGroup(
            axes,
            plain[0],
            plain[1],
            heavy[0],
            heavy[1],
            ring,
            note,
            self.table,
            self.law,
            self.knobs,
        )
        far, near = float(r.distances[-1, 1]), float(r.distances[-1, 0])
        key = (
            "behind" if far > near * (1 + 1e-9) else "ahead" if far < near * (1 - 1e-9) else "level"
        )
        kind = "crossing" if c in set(r.crossings.tolist()) else "nearest"
        return {
            "c": c,
            "wc": Num(float(r.heavy.xs[c]), DIGITS),
            "kind": Word(f"swing.{kind}"),
            "n": n,
            "wn": Num(float(r.heavy.xs[-1]), DIGITS),
            "pn": Num(float(r.plain.xs[-1]), DIGITS),
            "verdict": Word(f"swing.{key}"),
        }
