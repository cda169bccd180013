"""The forward pass of a two-layer network in the row convention: x·W1 + b1, max(0, ·), h·W2 + b2."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Create,
    FadeIn,
    FadeOut,
    Mobject,
    VGroup,
    VMobject,
)

import dlmath as dm
from scenes.ch2.forward_pass_layout import ROW, LayerWorking
from scenes.ch2.forward_pass_params import ForwardPassParams
from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Join, Word
from scenes.widgets.grid import NumberGrid
from scenes.widgets.legend import Legend
from scenes.widgets.matrices import brackets

__all__ = ["ForwardPassScene"]


class ForwardPassScene(LayerWorking, LectureScene[ForwardPassParams]):
    """x·W1 + b1 one hidden value at a time, ReLU, the scores, the whole formula and its transpose."""

    name = "forward-pass"
    Params = ForwardPassParams

    def construct(self) -> None:
        """Layer one, each hidden value, ReLU, layer two, the scores, the network, the column form."""
        p = self.p
        self.r = self.computed(dm.forward_pass(p.x, p.W1, p.b1, p.W2, p.b2))
        self.title = self.heading()
        self.legend = Legend(
            [
                (theme.FOCUS, self.t("legend.focus")),
                (theme.FORWARD, self.t("legend.computed")),
                (theme.MUTED, self.t("legend.zeroed")),
            ]
        ).to_corner(DOWN + LEFT, buff=0.3)
        self.working: Mobject | None = None
        self.first_layer()
        for j in range(1, self.r.W1.shape[1] + 1):
            self.hidden_value(j=j)
        self.relu()
        self.second_layer()
        self.scores()
        self.network()
        self.column()

    # steps ---------------------------------------------------------------
    @step("layer-1")
    def first_layer(self) -> dict[str, Any]:
        """The input row x, the weights W1 and the biases b1, each with its shape."""
        r = self.r
        self.block = b = self.layer(r.x, r.W1, r.b1, 1)
        self.play(FadeIn(self.title))
        self.play(FadeIn(b.inp), FadeIn(b.frames[0]), FadeIn(b.captions[0]))
        self.play(
            FadeIn(b.dot),
            FadeIn(b.captions[1]),
            FadeIn(b.frames[1:]),
            FadeIn(b.mat, lag_ratio=0.02),
            run_time=1.2,
        )
        self.play(FadeIn(b.labels[0]), Create(b.rule), FadeIn(self.legend))
        self.hold(1)
        d, h = r.W1.shape
        return {"d": d, "h": h}

    @step("hidden-{j}")
    def hidden_value(self, j: int) -> dict[str, Any]:
        """Hidden value j: the row x times column j of W1, plus b1[j]."""
        r, b, k = self.r, self.block, j - 1
        self.clear_working()
        if j == 1:
            self.z_cells: list[VMobject] = []
            self.play(FadeIn(b.labels[1]), run_time=0.5)
        lines = self.dot_lines(
            f"z_{j}", r.x, r.W1[:, k], float(r.b1[k]), r.products1[:, k], float(r.pre[k])
        )
        self.working_area(lines)
        self.z_cells.append(self.compute_column(b, k, lines, float(r.pre[k]), theme.FORWARD))
        self.hold(0.5)
        return {"z": float(r.pre[k])}

    @step("relu")
    def relu(self) -> dict[str, Any]:
        """max(0, ·): each z travels down; the negative ones arrive as 0."""
        r, b = self.r, self.block
        self.clear_working()
        self.play(FadeIn(b.labels[2]), run_time=0.5)
        self.h_cells: list[VMobject] = []
        moves = []
        for k, z in enumerate(self.z_cells):
            colour = theme.MUTED if r.zeroed[k] else theme.FORWARD
            cell = b.mat.new_cell(b.out_row + 1, k, float(r.hidden[k]), colour)
            moves.append(travel(z, cell))
            self.h_cells.append(cell)
        self.play(AnimationGroup(*moves, lag_ratio=0.25), run_time=2.0)
        dead = [z for z, zeroed in zip(self.z_cells, r.zeroed, strict=True) if zeroed]
        if dead:
            self.play(*(z.animate.set_color(theme.MUTED) for z in dead), run_time=0.6)
        self.hold(1)
        count = int(r.zeroed.sum())
        word = Word("zeroed.some", count=count) if count else Word("zeroed.none")
        return {"zeroed": word, "h": Join([float(v) for v in r.hidden])}

    @step("layer-2")
    def second_layer(self) -> dict[str, Any]:
        """The hidden row becomes the next layer's input, beside W2 and b2."""
        r, old = self.r, self.block
        new = self.layer(r.hidden, r.W2, r.b2, 2)
        for k, zeroed in enumerate(r.zeroed):
            new.inp.cell(0, k).set_color(theme.MUTED if zeroed else theme.FORWARD)
        self.play(FadeOut(VGroup(old.group, *self.z_cells)), run_time=0.6)
        moves = [travel(h, new.inp.cell(0, k), path_arc=0.2) for k, h in enumerate(self.h_cells)]
        self.play(
            *moves,
            FadeOut(VGroup(*self.h_cells)),
            FadeIn(new.captions[0]),
            FadeIn(new.frames[0]),
            run_time=1.2,
        )
        self.play(
            FadeIn(new.dot),
            FadeIn(new.captions[1]),
            FadeIn(new.frames[1:]),
            FadeIn(new.mat, lag_ratio=0.02),
            run_time=1.2,
        )
        self.play(FadeIn(new.labels), Create(new.rule))
        self.block = new
        self.hold(0.5)
        h, c = r.W2.shape
        return {"h": h, "c": c}

    @step("scores")
    def scores(self) -> dict[str, Any]:
        """Each score: h times a column of W2, plus b2 (the same dot products, quicker)."""
        r, b = self.r, self.block
        self.s_cells: list[VMobject] = []
        for k in range(r.W2.shape[1]):
            self.clear_working()
            lines = self.dot_lines(
                f"s_{k + 1}",
                r.hidden,
                r.W2[:, k],
                float(r.b2[k]),
                r.products2[:, k],
                float(r.scores[k]),
            )
            self.working_area(lines)
            cell = self.compute_column(b, k, lines, float(r.scores[k]), theme.FORWARD, run=0.7)
            self.s_cells.append(cell)
        self.clear_working()
        self.hold(0.5)
        return {"scores": Join([float(v) for v in r.scores])}

    @step("network")
    def network(self) -> dict[str, Any]:
        """The whole network f = max(0, x·W1 + b1)·W2 + b2, a shape under each factor; its scores."""
        r = self.r
        s = r.shapes
        code = (
            "{{ f : f }} = max(0, {{ x : x }} quad dot quad {{ W_1 : W1 }} quad + quad"
            " {{ b_1 : b1 }}) quad dot quad {{ W_2 : W2 }} quad + quad {{ b_2 : b2 }}"
        )
        self.row_form = self.factors(
            code, {k: s[k] for k in ("f", "x", "W1", "b1", "W2", "b2")}, 1.9
        )
        scores: dict[str, Any] = {f"s{k}": float(v) for k, v in enumerate(r.scores)}
        values = formula(
            "f = (" + ", ".join(f"{{{k}}}" for k in scores) + ")", color=theme.FORWARD, **scores
        )
        values.next_to(self.row_form, DOWN, buff=0.45)
        self.play(FadeOut(VGroup(self.block.group, *self.s_cells[:0])), run_time=0.6)
        self.play(FadeIn(self.row_form.body), run_time=1.2)
        self.play(FadeIn(self.row_form.marks, lag_ratio=0.15), run_time=1.2)
        sources = {f"s{k}": cell for k, cell in enumerate(self.s_cells)}
        self.play(travel_into(values, sources), FadeOut(VGroup(*self.s_cells)), run_time=1.4)
        self.values = values
        self.hold(1)
        return {"d": s["x"][1], "c": s["f"][1]}

    @step("column")
    def column(self) -> dict[str, Any]:
        """The column convention: the same network transposed, the scores as a column."""
        r = self.r
        d, h = r.W1.shape
        c = r.W2.shape[1]
        code = (
            "{{ f^T : f }} = {{ W_2^T : W2 }} max(0, {{ W_1^T : W1 }} quad {{ x^T : x }}"
            " quad + quad {{ b_1^T : b1 }}) quad + quad {{ b_2^T : b2 }}"
        )
        dims = {"f": (c, 1), "W2": (c, h), "W1": (h, d), "x": (d, 1), "b1": (h, 1), "b2": (c, 1)}
        form = self.factors(code, dims, -1.2)
        grid = NumberGrid(r.column_scores, row_height=ROW)
        for cell in grid.body:
            cell.set_color(theme.FORWARD)
        frame = brackets(grid, range(c), range(1))
        equals = theme.math("=")
        result = VGroup(equals, VGroup(grid, frame)).arrange(RIGHT, buff=0.3)
        whole = VGroup(form, result).arrange(RIGHT, buff=0.5, aligned_edge=UP)
        fit(whole, 13.2, 3.8)
        whole.set_x(0).align_to(UP * (self.values.get_bottom()[1] - 0.6), UP)
        result.align_to(form.body, UP)
        note = VGroup(
            theme.label(self.t("column_note"), theme.SMALL_SIZE, theme.MUTED),
            theme.math(
                "f = W_2 max(0, W_1 x + b_1) + b_2",
                theme.SMALL_SIZE * theme.MATH_SCALE,
                theme.MUTED,
            ),
        ).arrange(RIGHT, buff=0.2)
        fit(note, 12.5).next_to(whole, DOWN, buff=0.3)
        self.play(FadeIn(form.body), run_time=1.2)
        self.play(FadeIn(form.marks, lag_ratio=0.15), run_time=1.0)
        moves = [
            travel(part(self.values, f"s{k}"), grid.cell(k, 0), path_arc=-0.3) for k in range(c)
        ]
        self.play(
            FadeIn(equals), FadeIn(frame), AnimationGroup(*moves, lag_ratio=0.2), run_time=1.5
        )
        self.play(FadeIn(note))
        self.hold(1)
        return {}
