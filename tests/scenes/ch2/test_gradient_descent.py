"""GradientDescentScene: steps, numbers and status words from dlmath, subtitles, layout, params."""

from __future__ import annotations

import re

import numpy as np
import pytest
from pydantic import ValidationError
from scenes.base import shown_numbers
from scenes.optimization import GradientDescentParams, GradientDescentScene
from scenes.render import run_scene

import dlmath as dm
from tests.scenes.conftest import assert_clean_layout, assert_numbers_from

P = GradientDescentParams
TEXT = GradientDescentScene.TEXT
STEPS = [
    "curve",
    "fixed-step-1",
    "fixed-step-2",
    "slope",
    "rate-1",
    "rate-2",
    "rate-3",
    "rate-4",
    "summary",
]
HAN = re.compile(r"[\u4e00-\u9fff]")
PARABOLA = dm.objective("parabola")


class Probe(GradientDescentScene):
    """The scene, keeping the numbers on screen at the end of every step."""

    def _end_step(self, name, values):
        super()._end_step(name, values)
        self.records[-1].numbers = shown_numbers(self.mobjects)


def runs(p: P) -> tuple[list, list]:
    """dlmath's fixed-step runs and gradient-descent runs for the parameters."""
    fixed = [dm.fixed_step(PARABOLA.grad, p.x0, h, p.steps, f=PARABOLA.f) for h in p.fixed_steps]
    rates = [dm.descend(PARABOLA.grad, p.x0, lr, p.steps, f=PARABOLA.f) for lr in p.rates]
    return fixed, rates


def pool(p: P) -> np.ndarray:
    """Every value the scene may show: iterates, slopes, values and rates of every run."""
    values = [[p.x0, PARABOLA.f(p.x0)]]
    for d in (*runs(p)[0], *runs(p)[1]):
        values += [d.xs, d.grads, d.values, [d.lr]]
    return np.concatenate([np.ravel(v) for v in values])


def check_numbers(scene, p: P) -> None:
    """At the end of every step, each number on screen is a dlmath value."""
    expected = pool(p)
    for record in scene.records:
        assert record.numbers, f"step {record.name}: no number on screen"
        for value in record.numbers:
            assert np.isclose(expected, value, rtol=1e-9, atol=1e-12).any(), (record.name, value)


def on_screen(record, value: float) -> bool:
    return any(np.isclose(value, v, rtol=1e-9, atol=1e-12) for v in record.numbers)


def texts(record) -> list[str]:
    return [box.text for box in record.labels]


@pytest.fixture(scope="module")
def default_scene(tmp_path_factory):
    """The scene at its defaults, run once for the module."""
    return run_scene(Probe, P(), media_dir=tmp_path_factory.mktemp("gd"), fmt="png")


@pytest.fixture
def probe(tmp_path):
    def run(params: P, lang: str = "en"):
        return run_scene(Probe, params, lang=lang, media_dir=tmp_path, fmt="png")

    return run


# ----------------------------------------------------------------------------
# defaults: the lecture's example


def test_defaults_are_the_curriculum_example():
    p = P()
    assert (p.x0, p.steps, p.fixed_steps, p.rates) == (1.0, 10, [0.5, 0.7], [0.1, 0.7, 1.0, 1.1])


def test_step_names_in_order(default_scene):
    assert [r.name for r in default_scene.records] == STEPS
    assert all(r.start < r.end for r in default_scene.records)


def test_numbers_on_screen_come_from_dlmath(default_scene):
    check_numbers(default_scene, P())
    fixed, rates = runs(P())
    final = [*(d.lr for d in rates), *(d.xs[-1] for d in rates)]
    assert_numbers_from(default_scene, final)
    assert sorted(shown_numbers(default_scene.mobjects)) == pytest.approx(sorted(final))


def test_lecture_numbers_on_screen(default_scene):
    rec = {r.name: r for r in default_scene.records}
    expected = {
        "fixed-step-1": [0.5, 0.0],
        "fixed-step-2": [0.3, -0.4],
        "slope": [1.0, 0.1, 2.0, 0.8, 1.6, 0.64],
        "rate-1": [0.8, 0.64, 0.512],
        "rate-2": [-0.4, 0.16, -0.064],
        "rate-3": [1.0, -1.0],
    }
    for name, values in expected.items():
        for value in values:
            assert on_screen(rec[name], value), (name, value)
    assert any(abs(v - 6.19) < 0.005 for v in rec["rate-4"].numbers)
    assert {"0.800", "0.640", "0.512"} <= set(texts(rec["rate-1"]))
    assert {"−0.400", "0.160", "−0.064"} <= set(texts(rec["rate-2"]))
    assert {"1.000", "−1.000"} <= set(texts(rec["rate-3"]))
    assert "6.192" in texts(rec["rate-4"])
    assert {"0.30", "−0.40"} <= set(texts(rec["fixed-step-2"]))
    assert "6.19" in texts(rec["summary"])


def test_status_words_follow_dlmath(default_scene):
    fixed, rates = runs(P())
    assert [d.status for d in fixed] == ["converged", "oscillating"]
    assert [d.status for d in rates] == ["converging", "converging", "oscillating", "diverged"]
    words = TEXT["en"]["status"]
    steps = [f"fixed-step-{i}" for i in (1, 2)] + [f"rate-{i}" for i in (1, 2, 3, 4)]
    for name, d in zip(steps, [*fixed, *rates], strict=True):
        record = next(r for r in default_scene.records if r.name == name)
        shown = " ".join(texts(record))
        assert words[d.status] in shown, (name, d.status)
        assert words[d.status] in record.subtitle
        assert ("zig-zag" in shown) == (d.oscillates and d.status != "oscillating"), name
        others = set(words.values()) - {words[d.status]}
        assert not any(w in record.subtitle for w in others), (name, record.subtitle)
    summary = default_scene.records[-1].subtitle
    assert all(words[d.status] in summary for d in rates)


def test_subtitles_hold_the_computed_numbers(default_scene):
    subs = {r.name: r.subtitle for r in default_scene.records}
    assert "x0 = 1.00" in subs["curve"]
    assert "h = 0.50" in subs["fixed-step-1"]
    assert "0.300, −0.400, 0.300" in subs["fixed-step-2"]
    assert "1.00 − 0.10·2.00 = 0.80" in subs["slope"]
    assert "0.800, 0.640, 0.512" in subs["rate-1"]
    assert "−0.400, 0.160, −0.064" in subs["rate-2"]
    assert "−1.000, 1.000, −1.000" in subs["rate-3"]
    assert "x = 6.19" in subs["rate-4"]
    assert "η = 1.10 diverged" in subs["summary"]
    assert not any("{" in s or "}" in s for s in subs.values()), subs


def test_clean_layout_defaults(default_scene):
    assert_clean_layout(default_scene)
    for record in default_scene.records:
        assert record.frame is not None
        assert record.frame[..., :3].std() > 0


def test_chinese(probe):
    scene = probe(P(), lang="zh")
    assert [r.name for r in scene.records] == STEPS
    assert_clean_layout(scene)
    assert all(HAN.search(r.subtitle) for r in scene.records)
    words = TEXT["zh"]["status"]
    assert words["diverged"] in " ".join(texts(scene.records[7]))
    assert "6.19" in scene.records[7].subtitle


# ----------------------------------------------------------------------------
# other parameters and the bounds


def test_one_rate_gives_one_rate_step(probe):
    p = P(rates=[0.5], fixed_steps=[])
    scene = probe(p)
    assert [r.name for r in scene.records] == ["curve", "slope", "rate-1", "summary"]
    d = runs(p)[1][0]
    assert d.status == "converged"
    assert TEXT["en"]["status"]["converged"] in texts(scene.records[2])
    check_numbers(scene, p)
    assert_clean_layout(scene)
    assert not any(abs(v - 6.19) < 0.005 for r in scene.records for v in r.numbers)


def test_clean_layout_at_the_bounds(probe):
    p = P(x0=-2.0, steps=20, fixed_steps=[2.0, 0.01, 1.3], rates=[1.5, 0.01, 1.49, 0.999])
    scene = probe(p, lang="zh")
    assert [r.name for r in scene.records][-5:] == [
        "rate-1",
        "rate-2",
        "rate-3",
        "rate-4",
        "summary",
    ]
    assert_clean_layout(scene)
    check_numbers(scene, p)
    d = runs(p)[1][0]
    assert d.xs[-1] == pytest.approx(-2.0 * 2**20)  # diverges far beyond the chart
    assert "−2097152.000" in texts(scene.records[5])
    assert TEXT["zh"]["off_chart"] in texts(scene.records[5])


def test_clean_layout_smallest_run(probe):
    p = P(x0=0.0, steps=1, fixed_steps=[2.0], rates=[1.5])
    scene = probe(p)
    assert [r.name for r in scene.records] == [
        "curve",
        "fixed-step-1",
        "slope",
        "rate-1",
        "summary",
    ]
    assert_clean_layout(scene)
    check_numbers(scene, p)


# ----------------------------------------------------------------------------
# validation


@pytest.mark.parametrize(
    "values",
    [
        {"x0": 2.01},
        {"x0": -2.5},
        {"x0": float("nan")},
        {"x0": "1"},
        {"steps": 0},
        {"steps": 21},
        {"steps": 2.0},
        {"steps": True},
        {"rates": []},
        {"rates": [0.1, 0.2, 0.3, 0.4, 0.5]},
        {"rates": [0.0]},
        {"rates": [-0.1]},
        {"rates": [1.51]},
        {"rates": [float("nan")]},
        {"rates": 0.1},
        {"fixed_steps": [0.1, 0.2, 0.3, 0.4]},
        {"fixed_steps": [0.0]},
        {"fixed_steps": [2.01]},
        {"fixed_steps": [float("inf")]},
        {"lr": 0.1},
    ],
)
def test_bad_params_are_rejected(values):
    with pytest.raises(ValidationError):
        P(**values)


def test_accepted_bounds_and_frozen():
    P(x0=-2, steps=20, fixed_steps=[], rates=[1.5, 0.001, 1, 0.5])
    assert P(x0=2).x0 == 2.0
    with pytest.raises(ValidationError):
        P().x0 = 0.5  # type: ignore[misc]


def test_every_text_key_in_both_languages():
    en, zh = TEXT["en"], TEXT["zh"]
    assert en.keys() == zh.keys()
    assert en["steps"].keys() == zh["steps"].keys()
    assert (
        en["status"].keys()
        == zh["status"].keys()
        == {"converged", "converging", "oscillating", "diverged"}
    )
    assert "\n" not in en["description"]
    assert "\n" not in zh["description"]
