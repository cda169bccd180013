"""HingeLossScene: steps, numbers from dlmath, subtitles, layout at the bounds, parameters."""

from __future__ import annotations

import re

import numpy as np
import pytest
from pydantic import ValidationError
from scenes.base import shown_numbers
from scenes.losses import HingeLossParams, HingeLossScene
from scenes.render import run_scene

import dlmath as dm
from scenes import theme
from tests.scenes.conftest import assert_clean_layout, assert_numbers_from

P = HingeLossParams
STEPS = ["scores", "formula", "example-1", "example-2", "example-3", "mean", "margin"]
HAN = re.compile(r"[\u4e00-\u9fff]")


def dlmath_pool(result) -> np.ndarray:
    """Every value the scene may show: dlmath's arrays plus the row count."""
    return np.concatenate(
        [
            np.ravel(result.scores),
            np.ravel(result.margins),
            np.ravel(result.losses),
            [result.loss, result.delta, len(result.losses)],
        ]
    )


@pytest.fixture(scope="module")
def default_scene(tmp_path_factory):
    """The scene at its defaults, run once for the module (what ``stills`` does)."""
    media = tmp_path_factory.mktemp("hinge-default")
    return run_scene(HingeLossScene, P(), lang="en", media_dir=media, fmt="png")


# ----------------------------------------------------------------------------
# defaults: the lecture's example


def test_defaults_are_the_curriculum_example():
    p = P()
    assert p.scores == [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]]
    assert p.labels == [0, 1, 2]
    assert p.delta == 1.0
    assert p.classes[:3] == ["cat", "car", "frog"]


def test_step_names_in_order(default_scene):
    assert [r.name for r in default_scene.records] == STEPS
    assert [r.index for r in default_scene.records] == list(range(len(STEPS)))
    times = [(r.start, r.end) for r in default_scene.records]
    assert all(start < end for start, end in times)
    assert all(a[1] == pytest.approx(b[0]) for a, b in zip(times, times[1:], strict=False))


def test_numbers_on_screen_come_from_dlmath(default_scene):
    r = dm.hinge_loss(P().scores, P().labels, P().delta)
    assert_numbers_from(default_scene, dlmath_pool(r))
    shown = shown_numbers(default_scene.mobjects)
    for value in [*np.ravel(r.scores), *r.losses, r.loss]:
        assert any(np.isclose(value, s) for s in shown), f"{value} is not on screen"


def test_lecture_numbers_in_subtitles(default_scene):
    r = dm.hinge_loss(P().scores, P().labels, P().delta)
    assert r.losses == pytest.approx([2.9, 0.0, 12.9])
    assert r.loss == pytest.approx(5.2667, abs=1e-4)
    subs = {rec.name: rec.subtitle for rec in default_scene.records}
    assert all(subs.values())
    assert "2.90" in subs["example-1"]
    assert "cat" in subs["example-1"]
    assert "0.00" in subs["example-2"]
    assert "12.90" in subs["example-3"]
    assert "5.27" in subs["mean"]
    assert "3" in subs["mean"]
    assert theme.fmt(r.delta) in subs["formula"]
    assert not any("{" in s or "}" in s for s in subs.values()), subs


def test_clean_layout_defaults(default_scene):
    assert_clean_layout(default_scene)


def test_frames_captured(default_scene):
    for record in default_scene.records:
        assert record.frame is not None
        assert record.frame.shape == (480, 854, 4)
        assert record.frame[..., :3].std() > 0  # something drawn


def test_chinese(stills):
    scene = stills(HingeLossScene, P(), lang="zh")
    assert [r.name for r in scene.records] == STEPS
    assert_clean_layout(scene)
    for record in scene.records:
        assert HAN.search(record.subtitle), record.subtitle
    subs = {rec.name: rec.subtitle for rec in scene.records}
    assert "猫" in subs["example-1"]
    assert "2.90" in subs["example-1"]
    assert "5.27" in subs["mean"]


# ----------------------------------------------------------------------------
# the bounds the parameters accept


def test_clean_layout_largest_table_longest_numbers(stills):
    scores = [
        [-999.99, 999.99, -999.99, 999.99, -999.99],
        [999.99, -999.99, 999.99, -999.99, 999.99],
        [-999.99, -999.99, -999.99, -999.99, -999.99],
        [999.99, 999.99, 999.99, 999.99, -999.99],
    ]
    params = P(
        scores=scores,
        labels=[0, 4, 2, 4],
        delta=10,
        classes=["WWWWWWWW", "mmmmmmmm", "airplane", "elephant", "ship"],  # widest accepted
    )
    scene = stills(HingeLossScene, params)
    assert [r.name for r in scene.records] == [
        "scores",
        "formula",
        "example-1",
        "example-2",
        "example-3",
        "example-4",
        "mean",
        "margin",
    ]
    assert_clean_layout(scene)
    r = dm.hinge_loss(scores, params.labels, 10)
    assert_numbers_from(scene, dlmath_pool(r))
    assert theme.fmt(r.losses[3]) in scene.records[5].subtitle


def test_clean_layout_smallest_table(stills):
    params = P(scores=[[-999.99, 999.99]], labels=[0], delta=10, classes=["cat", "car"])
    scene = stills(HingeLossScene, params)
    assert [r.name for r in scene.records] == ["scores", "formula", "example-1", "mean", "margin"]
    assert_clean_layout(scene)
    r = dm.hinge_loss(params.scores, params.labels, params.delta)
    assert_numbers_from(scene, dlmath_pool(r))
    assert theme.fmt(r.loss) in scene.records[-2].subtitle  # 2009.98


def test_changed_params_change_the_numbers(stills):
    params = P(scores=[[1, 2, 3], [3, 2, 1]], labels=[0, 2])
    scene = stills(HingeLossScene, params)
    r = dm.hinge_loss(params.scores, params.labels, params.delta)
    assert list(r.losses) == [5.0, 5.0]
    assert r.loss == 5.0
    assert [rec.name for rec in scene.records] == [
        "scores",
        "formula",
        "example-1",
        "example-2",
        "mean",
        "margin",
    ]
    assert_numbers_from(scene, dlmath_pool(r))
    shown = shown_numbers(scene.mobjects)
    assert 5.0 in shown
    assert 5.27 not in [round(v, 2) for v in shown]  # the default example is gone
    subs = [rec.subtitle for rec in scene.records]
    assert "5.00" in subs[2]
    assert "5.00" in subs[3]
    assert "5.00" in subs[4]
    assert "frog" in subs[3]


# ----------------------------------------------------------------------------
# validation


@pytest.mark.parametrize(
    "values",
    [
        {"scores": [[1, 2, 3], [1, 2]], "labels": [0, 0]},  # ragged rows
        {"scores": [[1]], "labels": [0]},  # one class
        {"scores": [[1, 2, 3, 4, 5, 6]], "labels": [0]},  # six classes
        {"scores": [], "labels": []},  # no row
        {"scores": [[1, 2]] * 5, "labels": [0] * 5},  # too many rows
        {"labels": [0, 1, 3]},  # label out of range
        {"labels": [0, 1, -1]},
        {"labels": [0, 1]},  # label count mismatch
        {"labels": [0, 1, 2, 0]},
        {"scores": [[1000, 0, 0]], "labels": [0]},  # |s| >= 1000
        {"scores": [[0, -1000.0, 0]], "labels": [0]},
        {"scores": [[0, float("nan"), 0]], "labels": [0]},
        {"scores": [[0, float("inf"), 0]], "labels": [0]},
        {"classes": ["cat", "car", "ninechars"]},  # class name too long
        {"classes": ["cat", "", "frog"]},
        {"classes": ["cat", "car"]},  # fewer names than classes
        {"delta": -0.5},
        {"delta": 10.01},
        {"delta": float("nan")},
        {"delta": "1"},  # strict types
        {"labels": [0.5, 1, 2]},
        {"labels": [True, 1, 2]},
        {"margin": 1},  # unknown key
    ],
)
def test_bad_params_are_rejected(values):
    with pytest.raises(ValidationError):
        P(**values)


def test_params_are_frozen():
    with pytest.raises(ValidationError):
        P().delta = 2.0  # type: ignore[misc]


def test_accepted_bounds():
    P(scores=[[999.99] * 5] * 4, labels=[4, 3, 2, 1], delta=10)
    P(scores=[[-999.99, 0]], labels=[1], delta=0, classes=["abcdefgh", "x"])
    assert P(delta=2).delta == 2.0  # an integer is accepted for a float


def test_every_text_key_in_both_languages():
    en, zh = HingeLossScene.TEXT["en"], HingeLossScene.TEXT["zh"]
    assert en.keys() == zh.keys()
    assert en["steps"].keys() == zh["steps"].keys()
    assert "\n" not in en["description"]
    assert "\n" not in zh["description"]
