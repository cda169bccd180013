"""The region panels of ``neuron-count``: point and region pixels, captions, scores, the few-points panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Group, VGroup

import dlmath as dm
from scenes.kit import theme
from scenes.kit.numbers import formula, num
from scenes.widgets.legend import Legend
from scenes.widgets.regions import RegionPanel, overlay, points_pixels, region_pixels

if TYPE_CHECKING:
    from scenes.ch2.neuron_count_params import NeuronCountParams
    from scenes.kit.scene import LectureScene

    _Base = LectureScene[NeuronCountParams]
else:
    _Base = object

__all__ = ["RegionPieces"]

PANEL_Y = 0.05


class RegionPieces(_Base):
    """Panel pieces for :class:`~scenes.ch2.neuron_count.NeuronCountScene` (which sets ``study``, ``colours``)."""

    study: dm.Capacity
    colours: list[str]

    def dots(
        self, X: np.ndarray, y: np.ndarray, hollow: bool = False, big: bool = False
    ) -> np.ndarray:
        """Point pixels over the study's region (``big`` for a few points that must stand out)."""
        region = self.study.region
        return points_pixels(
            X,
            y,
            region.low,
            region.high,
            self.colours,
            theme.BACKGROUND,
            hollow=hollow,
            radius=11.0 if big else 7.0,
        )

    def regions(self, labels: np.ndarray) -> np.ndarray:
        """Region pixels of a class grid."""
        return region_pixels(labels, self.colours, theme.BACKGROUND)

    def panel(self, size: float) -> RegionPanel:
        """An empty panel over the study's region."""
        region = self.study.region
        return RegionPanel(region.low, region.high, size)

    def caption(self, hidden: int) -> VGroup:
        """``20 neurons``: the count as maths, the word in the scene's language."""
        return VGroup(
            formula("{h}", h=hidden, size=theme.SMALL_SIZE),
            theme.label(self.t("neurons"), theme.SMALL_SIZE),
        ).arrange(RIGHT, buff=0.12)

    def score(self, key: str, value: float, colour: str | None = None) -> VGroup:
        """``training 0.99``: a word and an accuracy."""
        return VGroup(
            theme.label(self.t(key), theme.SMALL_SIZE, theme.MUTED),
            num(value, 2, theme.SMALL_SIZE, colour),
        ).arrange(RIGHT, buff=0.15)

    def legend(self) -> Legend:
        """The class colours."""
        entries = [
            (colour, self.t("class", name=chr(65 + k))) for k, colour in enumerate(self.colours)
        ]
        return Legend(entries).to_corner(DOWN + LEFT, buff=0.3)

    def row_of_panels(self, count: int, size: float) -> list[RegionPanel]:
        """``count`` panels side by side, centred at :data:`PANEL_Y`."""
        panels = [self.panel(size) for _ in range(count)]
        Group(*panels).arrange(RIGHT, buff=0.45).move_to(UP * PANEL_Y)
        return panels

    def few_panel(self, k: int, panel: RegionPanel) -> Group:
        """The largest network trained on the few points with λ number ``k``: regions, points, scores."""
        s = self.study
        run = s.few_runs[k]
        picked = s.few_index
        pixels = overlay(
            self.regions(run.snapshots[-1]),
            self.dots(s.heldout.X, s.heldout.y, hollow=True),
            self.dots(s.data.X[picked], s.data.y[picked], big=True),
            opacities=(0.35, 1.0),
        )
        parts = Group(panel, panel.picture(pixels))
        head = formula("lambda = {lam}", lam=run.reg, size=theme.SMALL_SIZE, decimals=4)
        head.next_to(panel, UP, buff=0.15)
        scores = VGroup(
            self.score("train", run.final_train), self.score("heldout", run.final_heldout)
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        scores.next_to(panel, DOWN, buff=0.2)
        return Group(parts, head, scores)
