"""Fixtures for scene tests: run a scene quickly (stills, no video) in a temporary folder."""

from __future__ import annotations

import pytest

from scenes.base import LectureScene, shown_numbers
from scenes.layout import layout_problems
from scenes.render import run_scene


@pytest.fixture
def stills(tmp_path):
    """Run a scene with animations skipped; every step keeps its last frame and label boxes."""

    def run(cls: type[LectureScene], params=None, lang: str = "en") -> LectureScene:
        return run_scene(cls, params, lang=lang, media_dir=tmp_path, fmt="png")

    return run


def assert_clean_layout(scene: LectureScene) -> None:
    """No label leaves the frame or overlaps another at the end of any step."""
    assert scene.records, "the scene ran no step"
    for record in scene.records:
        problems = layout_problems(record.labels)
        assert not problems, f"step {record.name}: {problems}"


def assert_numbers_from(scene: LectureScene, expected, rel: float = 1e-9) -> None:
    """Every number on screen at the end equals one of ``expected`` (dlmath's values)."""
    import numpy as np

    pool = np.asarray(sorted(float(v) for v in np.ravel(expected)))
    shown = shown_numbers(scene.mobjects)
    assert shown, "no number on screen"
    for value in shown:
        assert np.isclose(pool, value, rtol=rel, atol=1e-12).any(), f"{value} is not a dlmath value"
