"""initialization: per-layer statistics for each weight scale, regimes, and the gradients' factors."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch2.initialization_params import InitializationParams
from tests.scenes.stills import render

NAME = "initialization"
P = InitializationParams


def steps(scene):
    return {r.name: r for r in scene.records}


def on_screen(record, values) -> bool:
    return all(np.isclose(record.numbers, v, rtol=1e-9).any() for v in np.ravel(values))


def plain_forward(depth, width, scale, f, samples, seed):
    """The experiment by hand: each layer's activations, weights seeded seed + layer."""
    h = np.random.default_rng(seed).standard_normal((samples, width))
    layers = []
    for layer in range(1, depth + 1):
        w = scale * np.random.default_rng(seed + layer).standard_normal((width, width))
        h = f(h @ w)
        layers.append(h)
    return layers


def test_defaults_are_the_cs231n_experiment():
    p = P()
    assert (p.depth, p.width, p.scales, p.activation, p.samples) == (
        10,
        500,
        [0.01, 1.0, "xavier"],
        "tanh",
        1000,
    )


def test_step_outline_and_regimes():
    scene = render(NAME)
    assert list(steps(scene)) == ["network", "scale-1", "scale-2", "scale-3", "gradients"]
    assert [r.regime for r in scene.runs] == ["collapsed", "saturated", "spread"]


def test_each_layer_mean_and_std_on_screen():
    scene = render(NAME)
    by = steps(scene)
    for n, r in enumerate(scene.runs, 1):
        assert on_screen(by[f"scale-{n}"], r.stds)
        assert on_screen(by[f"scale-{n}"], r.means)
    small, large, xavier = scene.runs
    assert small.stds[-1] < 1e-5 < small.stds[0]  # collapsing towards 0
    assert np.all(large.stds > 0.95)  # saturated at ±1
    assert np.all((xavier.stds > 0.2) & (xavier.stds < 0.7))
    assert "they collapse to zero" in by["scale-1"].subtitles["en"]
    assert "saturate" in by["scale-2"].subtitles["en"]
    assert "Xavier, W = randn/√500" in by["scale-3"].subtitles["en"]


def test_gradient_factors_in_the_table():
    scene = render(NAME)
    by = steps(scene)
    for r in scene.runs:
        assert on_screen(by["gradients"], [r.stds[-1], r.slopes[-1]])
    assert scene.runs[1].slopes[-1] < 0.1  # tanh'(z) = 1 − tanh² ≈ 0 at ±1
    assert "饱和" in by["gradients"].subtitles["zh"] or "f′" in by["gradients"].subtitles["zh"]


def test_statistics_match_a_plain_forward_pass():
    values = P.extremes[0]  # 2 sigmoid layers of 10 units, W = 10·randn, 10 inputs
    scene = render(NAME, values)
    layers = plain_forward(2, 10, 10.0, lambda z: 1 / (1 + np.exp(-z)), 10, 0)
    r = scene.runs[0]
    np.testing.assert_allclose(r.stds, [a.std() for a in layers])
    np.testing.assert_allclose(r.means, [a.mean() for a in layers])
    assert r.regime == "saturated"
    by = steps(scene)
    assert list(by) == ["network", "scale-1", "gradients"]
    assert on_screen(by["scale-1"], r.stds)
    assert "2 sigmoid layers" in by["network"].subtitles["en"]


def test_relu_with_he_keeps_a_spread():
    scene = render(NAME, P.extremes[1])
    tiny, he, big = scene.runs
    assert (tiny.regime, he.regime, big.regime) == ("collapsed", "spread", "exploding")
    assert "He, W = randn·√(2/1000)" in steps(scene)["scale-2"].subtitles["en"]


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"scales": []}, "1 to 3"),
        ({"scales": [0.01, 1.0, 2.0, 3.0]}, "1 to 3"),
        ({"scales": [0.0]}, "out of range"),
        ({"scales": [11.0]}, "out of range"),
        ({"scales": ["lecun"]}, "xavier"),
        ({"depth": 11}, "less than or equal to 10"),
        ({"width": 5}, "greater than or equal to 10"),
        ({"activation": "gelu"}, "tanh"),
    ],
)
def test_bad_parameters_are_refused(values, words):
    with pytest.raises(ValidationError, match=words):
        P(**values)
