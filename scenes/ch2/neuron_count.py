"""How many hidden neurons: decision regions of small and larger networks while they train; overfitting."""

from __future__ import annotations

from typing import Any

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    FadeIn,
    FadeOut,
    Group,
    ImageMobject,
    ReplacementTransform,
    VGroup,
)

import dlmath as dm
from scenes.ch2.neuron_count_panels import RegionPieces
from scenes.ch2.neuron_count_params import NeuronCountParams
from scenes.kit import theme
from scenes.kit.numbers import num
from scenes.kit.scene import LectureScene, step
from scenes.kit.words import Join, Word
from scenes.widgets.regions import overlay

__all__ = ["NeuronCountScene"]

#: Earlier steps photographed while training (those below ``steps``); the last step always is.
SNAPSHOTS = (0, 10, 100, 500)


class NeuronCountScene(RegionPieces, LectureScene[NeuronCountParams]):
    """The data, three networks training, their accuracies on training and held-out points, few points."""

    name = "neuron-count"
    Params = NeuronCountParams

    def construct(self) -> None:
        """Data, training, accuracy, held-out accuracy, few points, a larger λ."""
        p = self.p
        s = dm.capacity_study(
            p.data,
            p.n_per_class,
            hidden_sizes=p.hidden,
            data_seed=p.data_seed,
            net_seed=p.net_seed,
            heldout_seed=p.heldout_seed,
            split_seed=p.split_seed,
            steps=p.steps,
            lr=p.lr,
            reg=p.reg,
            snapshot_steps=SNAPSHOTS,
            few_per_class=p.few_per_class,
            few_regs=(p.reg, p.smooth_reg),
        )
        self.study = s
        runs = [*s.runs, *s.few_runs]
        self.computed(
            {
                "train": [r.train_accuracy for r in runs],
                "heldout": [r.heldout_accuracy for r in runs],
                "steps": s.runs[0].snapshot_steps,
                "sizes": [r.hidden for r in runs],
                "regs": [r.reg for r in runs],
                "counts": [len(s.data.y), len(s.heldout.y), len(s.few_index)],
            }
        )
        self.colours = [theme.RUNS[k] for k in range(s.data.n_classes)]
        self.title = self.heading()
        self.data()
        self.training()
        self.accuracy()
        self.heldout()
        self.few()
        self.smooth()

    # steps ---------------------------------------------------------------
    @step("data")
    def data(self) -> dict[str, Any]:
        """The training points, one colour per class."""
        s = self.study
        self.big = self.panel(5.4)
        self.big.move_to(DOWN * 0.3)
        self.points = self.big.picture(self.dots(s.data.X, s.data.y))
        self.key = self.legend()
        self.play(FadeIn(self.title), FadeIn(self.key))
        self.play(FadeIn(self.big), FadeIn(self.points), run_time=1.2)
        self.hold(1)
        return {"n": len(s.data.y), "c": s.data.n_classes, "kind": Word(f"kinds.{self.p.data}")}

    @step("training")
    def training(self) -> dict[str, Any]:
        """Each network's regions at a few steps of its training, side by side."""
        s = self.study
        size = {1: 5.6, 2: 5.0}.get(len(s.runs), 4.1)
        self.panels = panels = self.row_of_panels(len(s.runs), size)
        self.captions = VGroup(
            *(
                self.caption(run.hidden).next_to(panel, UP, buff=0.15)
                for run, panel in zip(s.runs, panels, strict=True)
            )
        )
        dots = [panel.picture(self.dots(s.data.X, s.data.y)) for panel in panels]
        self.play(
            FadeOut(self.big),
            *(ReplacementTransform(self.points.copy(), d) for d in dots),
            FadeIn(Group(*panels)),
            FadeIn(self.captions),
            run_time=1.2,
        )
        self.remove(self.points)
        training = self.dots(s.data.X, s.data.y)
        marks = s.runs[0].snapshot_steps
        shown: list[ImageMobject] = dots
        counter: VGroup | None = None
        for k, mark in enumerate(marks):
            images = [  # regions and points as one image: a frame draws three images, not six
                panel.picture(overlay(self.regions(run.snapshots[k]), training))
                for run, panel in zip(s.runs, panels, strict=True)
            ]
            label = VGroup(
                theme.label(self.t("step"), theme.BODY_SIZE, theme.MUTED), num(float(mark), 0)
            ).arrange(RIGHT, buff=0.2)
            label.next_to(self.title, DOWN, buff=0.15)
            if counter is not None:
                self.play(FadeOut(counter[1]), run_time=0.2)
            self.play(
                *(FadeIn(image) for image in images),
                FadeIn(label if counter is None else label[1]),
                run_time=0.7,
            )
            self.remove(*shown)  # the new regions cover the old ones
            self.bring_to_front(*panels)  # frames over the pictures
            if counter is not None:
                self.remove(counter[0])
                self.add(label[0])
            counter, shown = label, images
            self.hold(0.3)
        self.counter, self.images = counter, shown
        return {"sizes": Join(list(self.p.hidden)), "steps": int(marks[-1])}

    @step("accuracy")
    def accuracy(self) -> dict[str, Any]:
        """Training accuracy under each panel."""
        s = self.study
        self.train_scores = VGroup(
            *(
                self.score("train", run.final_train).next_to(panel, DOWN, buff=0.2)
                for run, panel in zip(s.runs, self.panels, strict=True)
            )
        )
        self.play(FadeIn(self.train_scores, lag_ratio=0.3), run_time=1.2)
        self.hold(1)
        return {"scores": Join([float(run.final_train) for run in s.runs])}

    @step("heldout")
    def heldout(self) -> dict[str, Any]:
        """New points from the same distribution (rings) replace the training points; held-out accuracy."""
        s = self.study
        held = self.dots(s.heldout.X, s.heldout.y, hollow=True)
        rings = [
            panel.picture(overlay(self.regions(run.snapshots[-1]), held))
            for run, panel in zip(s.runs, self.panels, strict=True)
        ]
        scores = VGroup(
            *(
                self.score("heldout", run.final_heldout)
                .next_to(line, DOWN, buff=0.12)
                .align_to(line, LEFT)
                for run, line in zip(s.runs, self.train_scores, strict=True)
            )
        )
        self.play(*(FadeIn(r) for r in rings), run_time=0.8)
        self.remove(*self.images)
        self.bring_to_front(*self.panels)
        self.play(FadeIn(scores, lag_ratio=0.3), run_time=1.0)
        self.hold(1)
        self.images, self.heldout_scores = rings, scores
        return {"n": len(s.heldout.y), "scores": Join([float(run.final_heldout) for run in s.runs])}

    @step("few")
    def few(self) -> dict[str, Any]:
        """The largest network on a few points: it fits them, held-out accuracy drops."""
        s = self.study
        leaving = Group(
            *self.panels,
            *self.images,
            self.captions,
            self.train_scores,
            self.heldout_scores,
            self.counter,
        )
        panels = self.row_of_panels(2, 4.1)
        self.pair = [self.few_panel(k, panel) for k, panel in enumerate(panels)]
        head = VGroup(
            self.caption(max(self.p.hidden)),
            theme.label(self.t("few"), theme.SMALL_SIZE, theme.MUTED),
        )
        head.arrange(RIGHT, buff=0.3).next_to(self.title, DOWN, buff=0.15)
        self.play(FadeOut(leaving), run_time=0.6)
        self.play(FadeIn(head), FadeIn(self.pair[0]), run_time=1.2)
        self.hold(1)
        run = s.few_runs[0]
        full = max(s.runs, key=lambda r: r.hidden)  # the same (largest) network on all the points
        overfits = run.final_heldout < full.final_heldout - 0.02
        return {
            "verdict": Word("few_verdict.overfits" if overfits else "few_verdict.holds"),
            "n": len(s.few_index),
            "h": full.hidden,
            "train": run.final_train,
            "heldout": run.final_heldout,
            "full": full.final_heldout,
        }

    @step("smooth")
    def smooth(self) -> dict[str, Any]:
        """The same few points with a larger λ: a smoother boundary."""
        s = self.study
        self.play(FadeIn(self.pair[1]), run_time=1.2)
        self.hold(1)
        tight, smooth = s.few_runs
        key = "better" if smooth.final_heldout > tight.final_heldout else "worse"
        if smooth.final_train <= 1 / s.data.n_classes + 0.05:  # no better than guessing
            key = "underfits"
        return {
            "lam": smooth.reg,
            "train": smooth.final_train,
            "heldout": smooth.final_heldout,
            "verdict": Word(f"smooth.{key}"),
        }
