"""Preprocessing: the column means are subtracted, each column is divided by its standard deviation."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import FadeIn, FadeOut, VGroup

import dlmath as dm
from scenes.ch2.preprocessing_cloud import CloudSteps
from scenes.ch2.preprocessing_params import PreprocessingParams
from scenes.ch2.preprocessing_tables import TableWorking
from scenes.kit import theme
from scenes.kit.numbers import formula, part
from scenes.kit.scene import LectureScene, step
from scenes.kit.travel import travel, travel_into
from scenes.kit.words import Join

__all__ = ["PreprocessingScene"]


class PreprocessingScene(TableWorking, CloudSteps, LectureScene[PreprocessingParams]):
    """X, its means, X − μ, σ, (X − μ)/σ; test data with the training statistics; the point cloud."""

    name = "preprocessing"
    Params = PreprocessingParams

    def construct(self) -> None:
        """The table steps, then the same as a point cloud."""
        p = self.p
        self.stats = self.computed(dm.standardize(p.X))
        self.test = self.computed(dm.standardize_with(self.stats, p.test))
        self.lay_out()
        self.show_data()
        self.means()
        self.centre()
        self.stds()
        self.scale()
        self.test_data()
        self.cloud()
        self.cloud_scale()

    # steps ---------------------------------------------------------------
    @step("data")
    def show_data(self) -> dict[str, Any]:
        """The training data: one example per row, two features of very different sizes."""
        self.spent = VGroup()
        self.play(FadeIn(self.title))
        self.play(FadeIn(self.grids[0]), FadeIn(self.names[0]), run_time=1.0)
        self.hold(1)
        lo = [float(np.min(self.stats.centred[:, d] + self.stats.mean[d])) for d in range(2)]
        hi = [float(np.max(self.stats.centred[:, d] + self.stats.mean[d])) for d in range(2)]
        return {"n": self.n, "lo1": lo[0], "hi1": hi[0], "lo2": lo[1], "hi2": hi[1]}

    @step("mean")
    def means(self) -> dict[str, Any]:
        """Each column's mean: its values travel into the sum, the mean into the μ row."""
        s, n = self.stats, self.n
        lines, sources = [], []
        for d in range(2):
            terms = " + ".join(f"{{v{i}}}" for i in range(n))
            values: dict[str, Any] = {f"v{i}": float(self.p.X[i][d]) for i in range(n)}
            line = formula(
                f"mu_{d + 1} = ({terms}) / {{n}} = {{m}}", **values, n=n, m=float(s.mean[d])
            )
            part(line, "m").set_color(theme.FOCUS)
            lines.append(line)
            sources.append({f"v{i}": self.grids[0].cell(i, d) for i in range(n)})
        self.place(*lines)
        self.play(FadeIn(self.rule), FadeIn(self.mu_name), run_time=0.4)
        for d, line in enumerate(lines):
            self.play(travel_into(line, sources[d], lag_ratio=0.08), run_time=1.4)
            target = self.cell(0, n, d, float(s.mean[d]), theme.FOCUS)
            self.play(travel(part(line, "m"), target, path_arc=0.3), run_time=0.8)
        self.hold(1)
        return {"m1": float(s.mean[0]), "m2": float(s.mean[1])}

    @step("centre")
    def centre(self) -> dict[str, Any]:
        """Zero-centring: μ is subtracted from every row; each column's mean becomes 0."""
        s = self.stats
        self.play(FadeIn(self.grids[1]), FadeIn(self.names[1]), run_time=0.8)
        for i in range(self.n):
            self.row_through("-", 0, 0, self.n, 1, i, s.centred[i])
        self.hold(1)
        return {"row": Join([float(v) for v in s.centred[0]])}

    @step("std")
    def stds(self) -> dict[str, Any]:
        """Each column's (population) standard deviation from the centred values, into the σ row."""
        s, n = self.stats, self.n
        lines, sources = [], []
        for d in range(2):
            terms = " + ".join(
                f"({{c{i}}})^2" if s.centred[i, d] < 0 else f"{{c{i}}}^2" for i in range(n)
            )
            values: dict[str, Any] = {f"c{i}": float(s.centred[i, d]) for i in range(n)}
            line = formula(
                f"sigma_{d + 1} = sqrt(({terms}) div {{n}}) = {{s}}",
                **values,
                n=n,
                s=float(s.std[d]),
            )
            part(line, "s").set_color(theme.FOCUS)
            lines.append(line)
            sources.append({f"c{i}": self.source(1, i, d) for i in range(n)})
        self.place(*lines)
        self.play(FadeIn(self.sigma_name), run_time=0.4)
        for d, line in enumerate(lines):
            self.play(travel_into(line, sources[d], lag_ratio=0.08), run_time=1.4)
            target = self.cell(1, n, d, float(s.std[d]), theme.FOCUS)
            self.play(travel(part(line, "s"), target, path_arc=0.3), run_time=0.8)
        self.hold(1)
        return {"s1": float(s.std[0]), "s2": float(s.std[1])}

    @step("scale")
    def scale(self) -> dict[str, Any]:
        """Scaling: each centred column is divided by its σ; both features now have spread 1."""
        s = self.stats
        self.play(FadeIn(self.grids[2]), FadeIn(self.names[2]), run_time=0.8)
        for i in range(self.n):
            self.row_through("div", 1, 1, self.n, 2, i, s.scaled[i])
        self.hold(1)
        return {"row": Join([float(v) for v in s.scaled[0]])}

    @step("test")
    def test_data(self) -> dict[str, Any]:
        """Test rows are centred and scaled with the training μ and σ, never their own."""
        t, n = self.test, self.n
        if self.working is not None:
            self.play(FadeOut(self.working), run_time=0.4)
            self.working = None
        rows = VGroup()
        for r in range(self.m):
            for d in range(2):
                rows.add(self.cell(0, n + 1 + r, d, float(self.p.test[r][d]), theme.RUNS[0]))
        labels = self.test_names
        note = theme.label(self.t("reuse"), theme.BODY_SIZE)
        self.place(note)
        self.play(FadeIn(rows), FadeIn(labels), FadeIn(note), run_time=0.8)
        for r in range(self.m):
            i = n + 1 + r
            targets = [self.cell(1, i, d, float(t.centred[r, d]), theme.RUNS[0]) for d in range(2)]
            self.play(
                *(
                    a
                    for d in range(2)
                    for a in self.merge(self.source(0, i, d), self.source(0, n, d), targets[d])
                ),
                run_time=0.9,
            )
            targets = [self.cell(2, i, d, float(t.scaled[r, d]), theme.RUNS[0]) for d in range(2)]
            self.play(
                *(
                    a
                    for d in range(2)
                    for a in self.merge(self.source(1, i, d), self.source(1, n, d), targets[d])
                ),
                run_time=0.9,
            )
            self.remove(self.spent)
        self.hold(1)
        return {
            "x": Join([float(v) for v in self.p.test[0]]),
            "z": Join([float(v) for v in t.scaled[0]]),
        }
