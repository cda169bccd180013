"""backprop-sigmoid: the CS231n neuron's numbers gate by gate, the σ shortcut, the rounding note."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch2.backprop_sigmoid_params import BackpropSigmoidParams
from scenes.kit.format import fmt
from tests.dlmath.numeric import numeric_grad
from tests.scenes.stills import render

NAME = "backprop-sigmoid"
CHANGED = {"w": [0.25, -0.5, 0.125], "x": [-0.75, 1.5]}


def steps(scene):
    return {r.name: r for r in scene.records}


def shown(record, value, atol=1e-9) -> bool:
    return bool(np.isclose(record.numbers, value, atol=atol, rtol=0).any())


def neuron(p):
    """f(w0, x0, w1, x1, w2) written out by hand."""
    return 1 / (1 + math.exp(-(p[0] * p[1] + p[2] * p[3] + p[4])))


def fd(w, x) -> dict[str, float]:
    p = np.array([w[0], x[0], w[1], x[1], w[2]], dtype=float)
    g = numeric_grad(lambda: neuron(p), p)
    return dict(zip(["w0", "x0", "w1", "x1", "w2"], g, strict=True))


def test_defaults_and_bounds():
    p = BackpropSigmoidParams()
    assert (p.w, p.x) == ([2.0, -3.0, -3.0], [-1.0, -2.0])
    for bad, message in (
        ({"w": [1.0, 2.0]}, "w must hold 3 numbers"),
        ({"x": [1.0]}, "x must hold 2 numbers"),
        ({"x": [10.5, 0.0]}, "within -10 to 10"),
    ):
        with pytest.raises(ValidationError, match=message):
            BackpropSigmoidParams(**bad)


def test_step_outline():
    names = list(steps(render(NAME)))
    assert names[:4] == ["neuron", "forward-sum", "forward-sigmoid", "seed"]
    assert names[4:12] == [f"back-{n}" for n in range(1, 9)]
    assert names[12:] == ["gradients", "collapse", "shortcut", "rounding"]


def test_forward_values_gate_by_gate():
    by = steps(render(NAME))
    for value in (-2, 6, 4, 1):
        assert shown(by["forward-sum"], value)
    s = 1.0
    for value in (-1, math.exp(-1), 1 + math.exp(-1), 1 / (1 + math.exp(-1))):
        assert shown(by["forward-sigmoid"], value)
    assert shown(by["forward-sigmoid"], 1 / (1 + math.exp(-s)))
    assert "0.37, +1 1.37, and 1/x gives f = 0.73" in by["forward-sigmoid"].subtitles["en"]


def test_backward_gate_by_gate():
    by = steps(render(NAME))
    s = 1 / (1 + math.exp(-1))
    d_plus1 = -1 / (1 + math.exp(-1)) ** 2
    assert shown(by["back-1"], d_plus1)  # 1/x: -1/1.37² = -0.53
    assert shown(by["back-3"], d_plus1 * math.exp(-1))  # exp: -0.53 × 0.37 = -0.2
    assert shown(by["back-4"], s * (1 - s))  # ×−1: 0.2
    assert "−0.53" in by["back-1"].subtitles["en"]
    assert "−0.2" in by["back-3"].subtitles["en"]
    assert "∂f/∂s = 0.2" in by["back-4"].subtitles["en"]


def test_gradients_match_finite_differences_on_screen_and_in_subtitles():
    by = steps(render(NAME))
    grads = fd([2, -3, -3], [-1, -2])
    assert [round(grads[k], 2) for k in ("w0", "x0", "w1", "x1", "w2")] == [
        -0.2,
        0.39,
        -0.39,
        -0.59,
        0.2,
    ]
    for value in grads.values():
        assert shown(by["gradients"], value, atol=1e-6)
    en = by["gradients"].subtitles["en"]
    assert "∂f/∂w = [−0.2, −0.39, 0.2]" in en
    assert "∂f/∂x = [0.39, −0.59]" in en
    assert "∂f/∂x0 = 0.39" in by["back-8"].subtitles["en"]


def test_sigmoid_gate_shortcut():
    scene = render(NAME)
    by = steps(scene)
    s = 1 / (1 + math.exp(-1))
    assert shown(by["shortcut"], s)
    assert shown(by["shortcut"], (1 - s) * s)
    assert "(1 − 0.73)·0.73 = 0.27·0.73 = 0.2" in by["shortcut"].subtitles["en"]
    assert "(1 − 0.73)·0.73 = 0.27·0.73 = 0.2" in by["shortcut"].subtitles["zh"]
    # the circuit on screen is now the collapsed one: ten nodes, a sigmoid gate last
    assert len(scene.diagram.nodes) == 10
    assert scene.diagram.nodes[-1].op == "sigmoid"


def test_rounding_note():
    by = steps(render(NAME))
    rec = by["rounding"]
    for value in (0.2, 0.4):
        assert shown(rec, value)
    assert shown(rec, fd([2, -3, -3], [-1, -2])["x0"], atol=1e-6)
    en = rec.subtitles["en"]
    assert "0.197 to 0.2" in en
    assert "∂f/∂x0 = 0.4" in en
    assert "exact: 0.39" in en
    assert "0.39" in rec.subtitles["zh"]


def test_changed_parameters_follow_finite_differences():
    scene = render(NAME, CHANGED)
    by = steps(scene)
    grads = fd(**CHANGED)
    for value in grads.values():
        assert shown(by["gradients"], value, atol=1e-6)
    en = by["gradients"].subtitles["en"]
    w = ", ".join(fmt(grads[k]) for k in ("w0", "w1", "w2"))
    assert f"∂f/∂w = [{w}]" in en
    assert f"x = [{fmt(-0.75)}, {fmt(1.5)}]" in by["neuron"].subtitles["en"]
