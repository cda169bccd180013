"""backprop-simple: the lecture's numbers on the graph and in the subtitles, checked by finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

import dlmath as dm
from scenes.ch2.backprop_simple_params import BackpropSimpleParams
from scenes.kit.format import fmt
from tests.dlmath.numeric import numeric_grad
from tests.scenes.stills import render

NAME = "backprop-simple"
#: One of the declared extremes, so the contract test's render is reused.
CHANGED = {"x": 0.25, "y": -0.001, "z": -0.5}


def steps(scene):
    return {r.name: r for r in scene.records}


def fd_grads(x, y, z):
    p = np.array([x, y, z], dtype=float)
    return numeric_grad(lambda: (p[0] + p[1]) * p[2], p)


def shown(record, value) -> bool:
    return bool(np.isclose(record.numbers, value, atol=1e-9).any())


def test_defaults_are_the_curriculum_example():
    p = BackpropSimpleParams()
    assert (p.x, p.y, p.z) == (-2.0, 5.0, -4.0)
    with pytest.raises(ValidationError):
        BackpropSimpleParams(x=100.0)


def test_step_outline():
    assert list(steps(render(NAME))) == ["graph", "forward", "seed", "back-1", "back-2", "summary"]


def test_forward_values_and_gradients_on_screen():
    scene = render(NAME)
    by = steps(scene)
    assert shown(by["forward"], 3.0)
    assert shown(by["forward"], -12.0)
    # the multiply gate sends z = -4 to q and q = 3 to z, the add gate -4 to x and y
    assert shown(by["back-1"], -4.0)
    assert shown(by["back-1"], 3.0)
    fd = fd_grads(-2.0, 5.0, -4.0)
    assert fd == pytest.approx([-4.0, -4.0, 3.0])
    for value in fd:
        assert shown(by["summary"], value)
    # every wire ends with its value and its gradient on screen
    circuit = dm.simple_circuit()
    assert sorted(m.value for m in scene.vals.values()) == sorted(circuit.values)
    assert sorted(m.value for m in scene.grads.values()) == sorted(circuit.grads)


def test_subtitles_carry_the_numbers():
    by = steps(render(NAME))
    assert "q = x + y = 3" in by["forward"].subtitles["en"]
    assert "f = q·z = −12" in by["forward"].subtitles["en"]
    assert "∂f/∂q = −4, ∂f/∂z = 3" in by["back-1"].subtitles["en"]
    assert "∂f/∂x = −4, ∂f/∂y = −4" in by["back-2"].subtitles["en"]
    assert "∂f/∂x = −4" in by["summary"].subtitles["zh"]
    assert "乘法门" in by["back-1"].subtitles["zh"]


def test_changed_parameters_follow_finite_differences():
    scene = render(NAME, CHANGED)
    by = steps(scene)
    fd = fd_grads(**CHANGED)
    for value in fd:
        assert shown(by["summary"], value)
    en = by["summary"].subtitles["en"]
    for name, value in zip("xyz", fd, strict=True):
        assert f"∂f/∂{name} = {fmt(value)}" in en
    assert f"x = {fmt(CHANGED['x'])}" in by["graph"].subtitles["en"]
    assert shown(by["forward"], (0.25 - 0.001) * -0.5)
