"""Momentum: the velocity term carried from move to move; it overshoots on y = x², it pays in a long valley."""

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
    Dot,
    FadeIn,
    FadeOut,
    VGroup,
)

import dlmath as dm
from scenes.ch2.momentum_ball import FIRST, BallRun
from scenes.ch2.momentum_bowl import DIGITS, BowlSteps, loss
from scenes.ch2.momentum_params import MomentumParams
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.scene import step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Join, Num, Word
from scenes.widgets.legend import Legend
from scenes.widgets.race import path_on, rows_shown

__all__ = ["MomentumScene"]


class MomentumScene(BallRun, BowlSteps):
    """The update rule worked on y = x², the runs compared, then the elongated bowl."""

    name = "momentum"
    Params = MomentumParams

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
        self.plot = self.parabola_plot()
        rows = rows_shown(len(r.heavy.xs) - 1, FIRST, [r.closest])
        self.table = self.race_table(rows)
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
        steps = np.arange(n + 1, dtype=float)
        axes = self.step_axes()
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
