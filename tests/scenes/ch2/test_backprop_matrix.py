"""backprop-matrix: f = ‖W·x‖², gradients with the shapes of W and x, checked by finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch2.backprop_matrix_params import BackpropMatrixParams
from scenes.kit.format import fmt
from tests.dlmath.numeric import numeric_grad
from tests.scenes.stills import render

NAME = "backprop-matrix"
TALL = {"W": [[2.0, -1.0], [0.5, 3.0], [-1.5, 0.25]], "x": [-2.0, 1.0]}


def steps(scene):
    return {r.name: r for r in scene.records}


def shown(record, value, atol=1e-6) -> bool:
    return bool(np.isclose(record.numbers, value, atol=atol, rtol=1e-9).any())


def fd(W, x):  # noqa: N803
    W, x = np.array(W, dtype=float), np.array(x, dtype=float)  # noqa: N806

    def f():
        return float(np.sum((W @ x) ** 2))

    return numeric_grad(f, W), numeric_grad(f, x)


def test_defaults_and_shapes():
    p = BackpropMatrixParams()
    assert p.W == [[0.1, 0.5], [-0.3, 0.8]]
    assert p.x == [0.2, 0.4]
    for bad, message in (
        ({"W": [[1.0, 2.0, 3.0, 4.0]] * 2, "x": [1.0] * 4}, "2 or 3 rows"),
        ({"W": [[1.0, 2.0], [3.0]]}, "2 or 3 rows"),
        ({"x": [1.0, 2.0, 3.0]}, "one number per column"),
        ({"x": [11.0, 0.0]}, "within -10 to 10"),
    ):
        with pytest.raises(ValidationError, match=message):
            BackpropMatrixParams(**bad)


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "problem",
        "forward-q",
        "forward-f",
        "grad-q",
        "shape-rule",
        "dims-W",
        "grad-W",
        "dims-x",
        "grad-x",
    ]


def test_lecture_numbers_on_screen_and_in_subtitles():
    by = steps(render(NAME))
    for value in (0.22, 0.26):
        assert shown(by["forward-q"], value)
    assert shown(by["forward-f"], 0.116)
    for value in (0.44, 0.52):
        assert shown(by["grad-q"], value)
    dW, dx = fd([[0.1, 0.5], [-0.3, 0.8]], [0.2, 0.4])  # noqa: N806
    assert dW == pytest.approx(np.array([[0.088, 0.176], [0.104, 0.208]]), abs=1e-6)
    assert dx == pytest.approx([-0.112, 0.636], abs=1e-6)
    for value in dW.ravel():
        assert shown(by["grad-W"], value)
    for value in dx:
        assert shown(by["grad-x"], value)
    en = {name: r.subtitles["en"] for name, r in by.items()}
    assert "q = [0.22, 0.26]" in en["forward-q"]
    assert "f = 0.116" in en["forward-f"]
    assert "[[0.088, 0.176], [0.104, 0.208]]" in en["grad-W"]
    assert "[−0.112, 0.636]" in en["grad-x"]
    assert "(2×1)·(1×2)" in en["dims-W"]
    assert "0.636" in by["grad-x"].subtitles["zh"]


def test_gradients_keep_the_shapes_of_their_variables():
    scene = render(NAME, TALL)
    assert scene.dW.n_rows == 3
    assert scene.dW.n_cols == 2
    assert scene.dx.n_rows == 2
    dW, dx = fd(**TALL)  # noqa: N806
    by = steps(scene)
    for value in dW.ravel():
        assert shown(by["grad-W"], value)
    for value in dx:
        assert shown(by["grad-x"], value)
    assert "3×2 matrix W" in by["problem"].subtitles["en"]
    assert "(3×1)·(1×2)" in by["dims-W"].subtitles["en"]
    assert "(2×3)·(3×1)" in by["dims-x"].subtitles["en"]
    assert f"∂f/∂x = Wᵀ·2q = [{fmt(dx[0], 3)}, {fmt(dx[1], 3)}]" in by["grad-x"].subtitles["en"]
