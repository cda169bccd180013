"""gate-patterns: f = 2·(x·y + max(z, w)), each gate's pattern on screen and in words, finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch2.gate_patterns_params import GatePatternsParams
from scenes.kit.format import fmt
from tests.dlmath.numeric import numeric_grad
from tests.scenes.stills import render

NAME = "gate-patterns"
TIE = {"x": 0.5, "y": -0.25, "z": 0.125, "w": 0.125, "factor": 0.5}
#: Declared extremes, so the contract test's renders are reused.
SWAPPED = {"x": -99.99, "y": 99.99, "z": -99.99, "w": 99.99, "factor": -10.0}


def steps(scene):
    return {r.name: r for r in scene.records}


def shown(record, value, atol=1e-6) -> bool:
    return bool(np.isclose(record.numbers, value, atol=atol, rtol=1e-6).any())


def fd(x=3.0, y=-4.0, z=2.0, w=-1.0, factor=2.0) -> dict[str, float]:
    p = np.array([x, y, z, w], dtype=float)
    g = numeric_grad(lambda: factor * (p[0] * p[1] + max(p[2], p[3])), p)
    return dict(zip("xyzw", g, strict=True))


def test_defaults_and_bounds():
    p = GatePatternsParams()
    assert (p.x, p.y, p.z, p.w, p.factor) == (3.0, -4.0, 2.0, -1.0, 2.0)
    with pytest.raises(ValidationError):
        GatePatternsParams(factor=11.0)
    with pytest.raises(ValidationError):
        GatePatternsParams(z=-100.0)


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "circuit",
        "forward",
        "seed",
        "scale",
        "add",
        "max",
        "mul",
        "summary",
    ]


def test_lecture_numbers_on_screen():
    by = steps(render(NAME))
    for value in (-12, 2, -10, -20):
        assert shown(by["forward"], value)
    grads = fd()
    assert grads == pytest.approx({"x": -8, "y": 6, "z": 2, "w": 0}, abs=1e-6)
    assert shown(by["add"], 2.0)
    assert shown(by["max"], 0.0)
    assert shown(by["mul"], grads["x"])
    assert shown(by["mul"], grads["y"])
    for value in grads.values():
        assert shown(by["summary"], value)


def test_patterns_in_words():
    by = steps(render(NAME))
    assert "f = −20" in by["forward"].subtitles["en"]
    assert "both inputs get 2" in by["add"].subtitles["en"]
    assert "larger input z, 0 to w" in by["max"].subtitles["en"]
    assert "∂f/∂x = −4 × 2 = −8, ∂f/∂y = 3 × 2 = 6" in by["mul"].subtitles["en"]
    assert "交换" in by["mul"].subtitles["zh"]
    assert "路由" in by["max"].subtitles["zh"]


def test_max_routes_to_the_larger_input_whichever_it_is():
    by = steps(render(NAME, SWAPPED))
    grads = fd(**SWAPPED)
    assert grads["z"] == pytest.approx(0.0)
    assert "larger input w, 0 to z" in by["max"].subtitles["en"]
    assert f"∂f/∂x = {fmt(99.99)} × {fmt(-10.0)} = {fmt(grads['x'])}" in by["mul"].subtitles["en"]
    for value in grads.values():
        assert shown(by["summary"], value)


def test_a_tie_goes_to_z():
    by = steps(render(NAME, TIE))
    assert "larger input z, 0 to w" in by["max"].subtitles["en"]
    # the whole upstream (the factor, 0.5) goes to z, none to w
    assert "all 0.5 goes to the larger input z" in by["max"].subtitles["en"]
    assert shown(by["summary"], 0.5)
