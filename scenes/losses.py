"""Loss scenes: the multiclass hinge (SVM) loss, step by step on a table of scores."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    ReplacementTransform,
    VGroup,
    Write,
)
from pydantic import Field, model_validator

import dlmath as dm
from scenes import theme
from scenes.base import LectureScene, formula, step
from scenes.params import SceneParams
from scenes.widgets import NumberGrid, fit

__all__ = ["HingeLossParams", "HingeLossScene"]


class HingeLossParams(SceneParams):
    """Parameters of ``hinge-loss``; defaults are the CS231n cat/car/frog example."""

    scores: list[list[float]] = Field(
        default=[[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]],
        description="class scores, one row per image (1-4 rows, 2-5 columns, each |s| < 1000)",
    )
    labels: list[int] = Field(
        default=[0, 1, 2], description="true class (column index) of each row"
    )
    delta: float = Field(
        default=1.0, ge=0, le=10, description="the margin Δ (the notes' +1), 0 to 10"
    )
    classes: list[str] = Field(
        default=["cat", "car", "frog", "dog", "ship"],
        description="class names; the first C (one per column) are used, at most 8 characters each",
    )

    @model_validator(mode="after")
    def _shapes(self) -> HingeLossParams:
        rows = len(self.scores)
        if not 1 <= rows <= 4:
            raise ValueError(f"scores must have 1 to 4 rows (images), got {rows}")
        cols = {len(r) for r in self.scores}
        if len(cols) != 1 or not 2 <= cols.pop() <= 5:
            raise ValueError("scores rows must all have the same length, 2 to 5 classes")
        if any(abs(s) >= 1000 for r in self.scores for s in r):
            raise ValueError("scores must satisfy |s| < 1000 so they fit on screen")
        n_classes = len(self.scores[0])
        if len(self.labels) != rows:
            raise ValueError(
                f"labels must have one entry per row of scores ({rows}), got {len(self.labels)}"
            )
        if any(not 0 <= y < n_classes for y in self.labels):
            raise ValueError(f"labels must be column indices 0..{n_classes - 1}, got {self.labels}")
        if len(self.classes) < n_classes or any(not 1 <= len(c) <= 8 for c in self.classes):
            raise ValueError(f"classes must name each of the {n_classes} classes in 1-8 characters")
        return self


TEXT: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Multiclass SVM (hinge) loss",
        "description": "L_i = sum over wrong classes of max(0, s_j - s_y + delta), on a table of scores",
        "row": "{name} image",
        "loss_col": "L_i",
        "why": "The true class must win\nby at least Δ = {delta};\na smaller lead still costs.",
        "steps": {
            "scores": "Each row holds one image's scores for the classes; the framed cell is its true class.",
            "formula": "For each wrong class j the loss adds max(0, s_j − s_y + Δ), with Δ = {delta}.",
            "example-{n}": "The {name} image: its loss is {loss}.",
            "mean": "The data loss is the mean over the {count} images: {loss}.",
            "margin": "Why + Δ: a correct class that wins by less than Δ = {delta} is still penalised.",
        },
    },
    "zh": {
        "title": "多类 SVM（合页）损失",
        "description": "L_i = 对错误类别求和 max(0, s_j - s_y + delta)，逐行计算得分表",
        "row": "{name}图片",
        "loss_col": "L_i",
        "why": "正确类别必须领先\n至少 Δ = {delta}；\n领先不足也有损失。",
        "steps": {
            "scores": "每一行是一张图片在各类别上的得分；方框标出它的正确类别。",
            "formula": "对每个错误类别 j，损失加上 max(0, s_j − s_y + Δ)，其中 Δ = {delta}。",
            "example-{n}": "{name}图片：损失为 {loss}。",
            "mean": "数据损失是 {count} 张图片损失的平均值：{loss}。",
            "margin": "为什么要 + Δ：正确类别领先不足 Δ = {delta} 时仍然有损失。",
        },
    },
}

CLASS_WORDS = {"cat": "猫", "car": "汽车", "frog": "青蛙", "dog": "狗", "ship": "船"}


class HingeLossScene(LectureScene):
    """The hinge loss of a few images, one example at a time, then the mean."""

    name = "hinge-loss"
    Params = HingeLossParams
    TEXT = TEXT

    def construct(self) -> None:
        """Scores, the formula, each example's loss, the mean, why the margin."""
        self.result = dm.hinge_loss(self.p.scores, self.p.labels, self.p.delta)
        self.show_scores()
        self.show_formula()
        for n in range(1, len(self.p.scores) + 1):
            self.example(n=n)
        self.mean()
        self.margin()

    def class_name(self, j: int) -> str:
        """Class ``j``'s name in the scene's language."""
        name = self.p.classes[j]
        return CLASS_WORDS.get(name, name) if self.lang == "zh" else name

    @step("scores")
    def show_scores(self) -> None:
        """The table of scores, true classes framed."""
        r = self.result
        n_rows, n_cols = r.scores.shape
        cols = [theme.label(self.class_name(j), theme.SMALL_SIZE) for j in range(n_cols)]
        cols.append(theme.math(self.t("loss_col"), theme.BODY_SIZE))
        rows = [theme.label(self.t("row", name=self.class_name(y)), theme.SMALL_SIZE) for y in r.y]
        self.grid = NumberGrid(r.scores, rows, cols, extra_cols=1, fits=r.losses)
        title = self.heading()
        # a narrow table sits on the left with the working on its right; a wide one
        # spans the frame with the working below it
        self.side = self.grid.width * 1.35 <= 6.8
        if self.side:
            self.grid.scale(1.35).to_edge(LEFT, buff=0.5).set_y(0.2)
        else:
            fit(self.grid.scale(1.15), 12.4, 2.6).set_x(0).align_to(UP * 1.7, UP)
        self.true_boxes = VGroup(*(self.grid.box(i, int(y)) for i, y in enumerate(r.y)))
        self.play(FadeIn(title), FadeIn(self.grid))
        self.play(Create(self.true_boxes))
        self.wait(0.5)

    @step("formula")
    def show_formula(self) -> dict[str, float]:
        """The hinge loss formula with this Δ."""
        general = formula(
            "L_i = sum_(j != y_i) max(0, s_j - s_(y_i) + Delta), quad Delta = {d}",
            d=self.p.delta,
            size=40,
        )
        self.panel_top = fit(general, 13.0).next_to(self.heading(), DOWN, buff=0.3)
        self.play(Write(self.panel_top))
        self.wait(0.5)
        return {"delta": self.p.delta}

    @step("example-{n}")
    def example(self, n: int) -> dict[str, Any]:
        """One image: each wrong class's margin, then its loss."""
        r, i = self.result, n - 1
        y = int(r.y[i])
        focus = self.grid.row_box(i, cols=r.scores.shape[1])
        lines = VGroup()
        for j in range(r.scores.shape[1]):
            if j == y:
                continue
            line = formula(
                "max(0, {sj} - {sy} + {d}) = {m}",
                sj=r.scores[i, j],
                sy=r.scores[i, y],
                d=r.delta,
                m=r.margins[i, j],
                size=40,
            )
            line.set_color(theme.NEGATIVE if r.margins[i, j] > 0 else theme.MUTED)
            lines.add(line)
        terms = " + ".join(f"{{m{j}}}" for j in range(r.scores.shape[1]) if j != y)
        total = formula(
            f"L_{n} = {terms} = {{loss}}",
            **{f"m{j}": r.margins[i, j] for j in range(r.scores.shape[1]) if j != y},
            loss=r.losses[i],
            size=40,
        )
        lines.add(total)
        self.place_working(lines)
        self.play(Create(focus), *(FadeOut(m) for m in getattr(self, "panel", [])))
        self.play(Write(lines), run_time=1.5)
        loss = self.grid.new_cell(i, r.scores.shape[1], r.losses[i], theme.POSITIVE)
        self.play(ReplacementTransform(lines[-1].copy(), loss), FadeOut(focus))
        self.panel = [lines]
        self.wait(0.5)
        return {"name": self.class_name(y), "loss": float(r.losses[i])}

    def place_working(self, lines: VGroup) -> None:
        """Lay out working lines beside a narrow table, or in two columns below a wide one."""
        if self.side:
            lines.arrange(DOWN, aligned_edge=LEFT, buff=0.45)
            left = self.grid.right_edge + 0.5
            fit(lines, 6.9 - left, 3.6).align_to(self.grid.body, UP).set_x(left + lines.width / 2)
            return
        half = (len(lines) + 1) // 2
        columns = VGroup(
            VGroup(*lines[:half]).arrange(DOWN, aligned_edge=LEFT, buff=0.35),
            VGroup(*lines[half:]).arrange(DOWN, aligned_edge=LEFT, buff=0.35),
        ).arrange(RIGHT, aligned_edge=UP, buff=0.8)
        top = self.grid.get_bottom()[1] - 0.35
        fit(columns, 13.0, top + 3.5).set_x(0).align_to(UP * top, UP)

    @step("mean")
    def mean(self) -> dict[str, Any]:
        """The mean of the per-image losses."""
        r = self.result
        n = len(r.losses)
        parts = " + ".join(f"{{l{i}}}" for i in range(n))
        mean = formula(
            f"L = 1/{{n}} ({parts}) = {{loss}}",
            n=n,
            **{f"l{i}": r.losses[i] for i in range(n)},
            loss=r.loss,
            size=44,
        )
        mean.set_color(theme.ACCENT)
        fit(mean, 13.0).to_edge(DOWN, buff=0.7)
        self.play(FadeOut(self.panel[0]), Write(mean))
        self.mean_formula = mean
        self.wait(1)
        return {"count": n, "loss": r.loss}

    @step("margin")
    def margin(self) -> dict[str, float]:
        """Why the margin: rows with and without loss."""
        r = self.result
        colours = [theme.POSITIVE if loss == 0 else theme.NEGATIVE for loss in r.losses]
        boxes = VGroup(*(self.grid.row_box(i, color=c) for i, c in enumerate(colours)))
        why = theme.label(
            self.t("why", delta=theme.fmt(r.delta)), theme.BODY_SIZE, line_spacing=1.2
        )
        if self.side:
            room = 6.9 - boxes.get_right()[0] - 0.4
            fit(why, room, 3.0).next_to(boxes, RIGHT, buff=0.4)
        else:
            why = theme.label(
                self.t("why", delta=theme.fmt(r.delta)).replace("\n", " "), theme.BODY_SIZE
            )
            fit(why, 13.0).next_to(boxes, DOWN, buff=0.35).set_x(0)
        why.values = (r.delta,)
        self.play(FadeOut(self.true_boxes), Create(boxes), FadeIn(why))
        self.wait(1.5)
        return {"delta": r.delta}
