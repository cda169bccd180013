"""activations: σ′ read off at the lecture's points, the 0.25 bound along a chain, ReLU passing 1 or 0."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch2.activations_params import ActivationsParams
from tests.scenes.stills import render

NAME = "activations"
P = ActivationsParams


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def shown(record, value, tol=1e-9) -> bool:
    return bool(np.isclose(record.numbers, value, rtol=tol, atol=1e-12).any())


def sigma(x):
    return 1 / (1 + math.exp(-x))


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "curves",
        "sigmoid",
        "point-1",
        "point-2",
        "point-3",
        "peak",
        "chain",
        "backward",
        "relu",
        "relu-chain",
        "dead",
    ]


def test_sigmoid_slope_read_off_by_the_shortcut():
    by = steps(render(NAME))
    for n, x in enumerate(P().points, 1):
        s = sigma(x)
        record = by[f"point-{n}"]
        assert shown(record, s)
        assert shown(record, 1 - s)
        assert shown(record, s * (1 - s))
    assert by["point-1"].subtitles["en"] == "At x = 0: σ = 0.5, so σ′ = 0.5 × 0.5 = 0.25."
    assert "σ′ = 0.8808 × 0.1192 = 0.105" in by["point-2"].subtitles["en"]
    assert "0.0066" in by["point-3"].subtitles["zh"]
    assert shown(by["peak"], 0.25)
    assert "never above 0.25" in by["peak"].subtitles["en"]


def test_chain_of_sigmoids_shrinks_under_a_quarter_per_layer():
    record = steps(render(NAME))["backward"]

    # independent: the derivative of σ∘σ∘σ∘σ∘σ at 0 by finite differences
    def composed(x):
        for _ in range(5):
            x = sigma(x)
        return x

    g = (composed(1e-6) - composed(-1e-6)) / 2e-6
    assert shown(record, g, tol=1e-5)
    assert shown(record, 0.25**5)
    assert g < 0.25**5
    assert "0.00068 is left" in record.subtitles["en"]
    assert "0.00098" in record.subtitles["en"]


def test_relu_passes_one_or_nothing():
    by = steps(render(NAME))
    assert {0.0, 1.0} <= set(np.round(by["relu"].numbers, 9))
    assert "comes back whole (1)" in by["relu-chain"].subtitles["en"]
    dead = by["dead"].subtitles["en"]
    assert "At x = −1 ReLU passes back 0" in dead
    assert "Leaky ReLU passes 0.1." in dead


def test_changed_parameters_follow():
    by = steps(render(NAME, {"points": [1.0], "chain": 2, "chain_input": 3.0, "relu_input": -2.0}))
    assert [name for name in by if name.startswith("point")] == ["point-1"]
    s = sigma(1.0)
    assert f"σ = {s:.4f}" in by["point-1"].subtitles["en"]
    assert by["chain"].subtitles["en"].startswith("A chain of sigmoid layers, 2 deep")
    local = [sigma(3.0) * (1 - sigma(3.0)), sigma(sigma(3.0)) * (1 - sigma(sigma(3.0)))]
    assert shown(by["backward"], local[0] * local[1])
    assert "no gradient comes back (0)" in by["relu-chain"].subtitles["en"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"points": []}, "points must hold 1 to 4 inputs"),
        ({"points": [7.0]}, r"points must lie in \[-6, 6\]"),
        ({"points": [1.0, 1.0]}, "points must all differ"),
        ({"chain": 7}, "less than or equal to 6"),
        ({"dead_input": 1.0}, "less than or equal to 0"),
    ],
)
def test_bad_parameters_are_named(values, message):
    with pytest.raises(ValidationError, match=message):
        P(**values)


def test_one_layer_reads_as_english():
    """chain = 1: no "1 sigmoid layers"."""
    by = {r.name: r for r in render(NAME, {"chain": 1}).records}
    assert by["chain"].subtitles["en"].startswith("A chain of sigmoid layers, 1 deep")
    assert "1 layers" not in by["relu-chain"].subtitles["en"]
