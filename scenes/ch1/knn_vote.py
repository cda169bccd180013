"""k nearest neighbours: a growing circle reaches the neighbours, they vote; decision regions of k."""

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
    Group,
    Indicate,
    Transform,
    VGroup,
)

import dlmath as dm
from scenes.ch1.knn_vote_params import KnnVoteParams
from scenes.ch1.knn_vote_pieces import PANEL_LEFT, VotePieces, marker
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, num
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel
from scenes.kit.words import Join, Word
from scenes.widgets.images import label_image, pixels
from scenes.widgets.plane import GridPlane, plane_ranges

__all__ = ["KnnVoteScene"]


class KnnVoteScene(VotePieces, LectureScene[KnnVoteParams]):
    """Nine labelled points and a query; k = 3 and k = 5 vote differently; regions of k = 1 and 5."""

    name = "knn-vote"
    Params = KnnVoteParams

    def construct(self) -> None:
        """The points, one vote per k, then a second set and its decision regions."""
        p = self.p
        self.votes = [
            self.computed(dm.knn_vote(p.points, p.labels, p.query, k, p.metric)) for k in p.ks
        ]
        self.show_points()
        for k in p.ks:
            self.vote(k=k)
        self.second_set()
        for k in p.region_ks:
            self.regions(k=k)

    # steps -------------------------------------------------------------------
    @step("points")
    def show_points(self) -> dict[str, Any]:
        """The labelled points, the query, the legend of shapes."""
        p = self.p
        xr, yr = plane_ranges([*p.points, p.query], target=8, pad=0.4)
        self.title = self.heading()
        self.plane = GridPlane(xr, yr, width=6.4, height=5.6)
        self.plane.to_edge(LEFT, buff=0.3).set_y(-0.45)
        self.marks = VGroup(
            *(
                marker(y).move_to(self.plane.c2p(*pt))
                for pt, y in zip(p.points, p.labels, strict=True)
            )
        )
        q = self.plane.c2p(*p.query)
        self.query = VGroup(
            Dot(q, radius=0.1, color=theme.FOCUS),
            Circle(radius=0.19, color=theme.FOCUS, stroke_width=3).move_to(q),
        )
        self.legend = self.shape_legend(sorted(set(p.labels)), query=True)
        self.play(FadeIn(self.title))
        self.play(FadeIn(self.plane))
        self.play(FadeIn(self.marks, lag_ratio=0.1), FadeIn(self.legend), run_time=1.2)
        self.play(FadeIn(self.query, scale=1.5))
        self.hold(1)
        return {"n": len(p.points)}

    @step("vote-{k}")
    def vote(self, k: int) -> dict[str, Any]:
        """The ball grows to the k-th neighbour; each distance travels into the table; the vote."""
        p = self.p
        v = self.votes[p.ks.index(k)]
        first = not hasattr(self, "header")
        if first:
            self.lay_out_table()
            self.play(FadeIn(self.rule), FadeIn(self.header))
        q = self.plane.c2p(*p.query)
        ball = self.ball(self.radius, q)
        self.add(ball)
        for rank in range(len(self.rows) + 1, k + 1):
            j = int(v.neighbors[rank - 1])
            d = float(v.distances[rank - 1])
            self.play(Transform(ball, self.ball(d, q)), run_time=0.6)
            point = self.marks[j]
            away = point.get_center() - q
            away = away / max(float(np.linalg.norm(away)), 1e-6)
            label = num(d, size=theme.SMALL_SIZE, color=theme.FOCUS)
            label.next_to(point, away if abs(away[1]) > 0.7 else (RIGHT if away[0] >= 0 else LEFT))
            label.shift(away * 0.1)
            self.play(Indicate(point, color=theme.FOCUS, scale_factor=1.4), FadeIn(label))
            row = self.table_row(rank, int(p.labels[j]))
            cell = num(d, size=theme.SMALL_SIZE)
            cell.move_to(self.columns[2] * RIGHT + self.row_y(rank) * UP)
            row.add(cell)
            self.play(FadeIn(row[:2]), travel(label, cell), FadeOut(label), run_time=0.8)
            self.rows.append(row)
            self.radius = d
        self.remove(ball)
        final = self.ball(self.radius, q, dashed=len(self.balls) > 0)
        self.add(final)
        self.balls.add(final)
        counts = [(c, n) for c, n in v.counts.items() if n > 0]
        parts = VGroup()
        for c, n in counts:
            parts.add(VGroup(marker(c), num(n, size=theme.BODY_SIZE)).arrange(RIGHT, buff=0.12))
        arrow = theme.math("arrow.r", theme.BODY_SIZE * theme.MATH_SCALE, theme.MUTED)
        winner = marker(v.label, 0.34)
        line = VGroup(formula("k = {k}", k=k, size=theme.BODY_SIZE), *parts, arrow, winner).arrange(
            RIGHT, buff=0.3
        )
        line.next_to(self.row_y(max(p.ks)) * UP, DOWN, buff=0.45).align_to(RIGHT * PANEL_LEFT, LEFT)
        fit(line, 6.9 - PANEL_LEFT)
        if self.count_line is not None:
            self.play(FadeOut(self.count_line), run_time=0.4)
        self.play(FadeIn(line, lag_ratio=0.2), run_time=1.0)
        verdict = marker(v.label, 0.34).move_to(q)
        self.play(Transform(self.query, verdict))
        self.count_line = line
        self.hold(1)
        best = max(n for _, n in counts)
        tie = sum(1 for _, n in counts if n == best) > 1
        return {
            "ball": Word(f"ball.{p.metric}"),
            "radius": float(v.distances[-1]),
            "counts": Join([Word("count", n=n, shape=self.shape_word(c)) for c, n in counts]),
            "verdict": Word(
                "verdict.tie" if tie else "verdict.win", shape=self.shape_word(v.label)
            ),
        }

    @step("second-set")
    def second_set(self) -> dict[str, Any]:
        """A second set: two clusters and one mislabelled point inside the other cluster."""
        data = self.computed(dm.outlier_clusters(seed=self.p.seed))
        self.clusters = data
        leaving = Group(self.plane, self.marks, self.query, self.balls, self.rule, self.header)
        leaving.add(self.legend)
        leaving.add(*self.rows)
        if self.count_line is not None:
            leaving.add(self.count_line)
        self.play(FadeOut(leaving), run_time=0.8)
        xr, yr = plane_ranges(data.X.tolist(), target=8, pad=0.5)
        self.plane = GridPlane(xr, yr, width=9.6, height=5.9).move_to(LEFT * 1.5 + DOWN * 0.55)
        self.marks = VGroup(
            *(
                marker(int(y)).move_to(self.plane.c2p(*pt))
                for pt, y in zip(data.X, data.y, strict=True)
            )
        )
        odd = self.marks[data.outlier]
        ring = Circle(radius=0.3, color=theme.FOCUS, stroke_width=3).move_to(odd)
        note = theme.label(self.t("mistake"), theme.SMALL_SIZE, theme.FOCUS)
        note.next_to(self.plane.box, RIGHT, buff=0.35).align_to(self.plane.box, UP)
        self.ring, self.note = ring, note
        self.region: Group | None = None
        self.legend = self.shape_legend([0, 1], query=False)
        self.play(
            FadeIn(self.plane),
            FadeIn(self.marks, lag_ratio=0.05),
            FadeIn(self.legend),
            run_time=1.2,
        )
        self.play(Create(ring), FadeIn(note))
        self.hold(1)
        wrong = int(data.y[data.outlier])
        return {"shape": self.shape_word(wrong), "other": self.shape_word(1 - wrong)}

    @step("regions-{k}")
    def regions(self, k: int) -> dict[str, Any]:
        """The plane coloured by the k-NN vote at every spot: an island around the mistake or not."""
        data = self.clusters
        (x0, x1, _), (y0, y1, _) = self.plane.x_range, self.plane.y_range
        rows = 240
        cols = int(round(rows * (x1 - x0) / (y1 - y0)))
        grid = self.computed(
            dm.knn_regions(data.X, data.y, k, (x0, x1), (y0, y1), (rows, cols), self.p.metric)
        )
        colours = list(theme.current().runs[:2])
        image = pixels(
            label_image(grid.labels, colours, alpha=0.32), width=self.plane.box.width, smooth=True
        )
        image.move_to(self.plane.box)
        at_mistake = self.computed(
            dm.knn_vote(data.X, data.y, data.X[data.outlier], k, self.p.metric)
        )
        island = at_mistake.label == data.y[data.outlier]
        tag = formula("k = {k}", k=k, size=theme.BODY_SIZE)
        tag.next_to(self.note, DOWN, buff=0.4).align_to(self.note, LEFT)
        if self.region is not None:
            self.play(FadeOut(self.region), run_time=0.5)
        self.play(FadeIn(image), FadeIn(tag), run_time=1.2)
        self.bring_to_front(self.plane.grid_lines, self.marks, self.ring)
        self.region = Group(image, tag)
        self.hold(1.5)
        return {"result": Word("region.island" if island else "region.no_island")}
