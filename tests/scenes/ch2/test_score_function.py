"""score-function: the lecture's scores on screen and in subtitles, the missing bias, changed parameters."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch2.score_function_params import ScoreFunctionParams
from scenes.widgets.picture import image_shape
from tests.scenes.stills import render

NAME = "score-function"
P = ScoreFunctionParams


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def shows(record, value) -> bool:
    return bool(np.isclose(record.numbers, value).any())


def test_defaults_are_the_curriculum_example():
    p = P()
    assert p.x == [56, 231, 24, 2]
    assert p.W == [[0.2, -0.5, 0.1, 2.0], [1.5, 1.3, 2.1, 0.0], [0, 0.25, 0.2, -0.3]]
    assert p.b == [1.1, 3.2, -1.2]
    assert p.classes[:3] == ["cat", "dog", "ship"]


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "image",
        "equation",
        "row-1",
        "row-2",
        "row-3",
        "bias",
        "templates",
        "verdict",
    ]


def test_each_row_is_weights_times_pixels_plus_bias():
    by = steps(render(NAME))
    x, W, b = np.array(P().x), np.array(P().W), np.array(P().b)
    for n, want in enumerate([-96.8, 437.9, 60.75], 1):
        record = by[f"row-{n}"]
        i = n - 1
        # every product, cell by cell, and the score, computed here by a loop
        for k in range(4):
            assert shows(record, W[i, k] * x[k]), (n, k)
        assert sum(W[i, k] * x[k] for k in range(4)) + b[i] == pytest.approx(want)
        assert shows(record, want)
        assert f"{want:g}".replace("-", "−") in record.subtitles["en"]
    assert "−96.8" in by["row-1"].subtitles["zh"]
    assert "cat" in by["row-1"].subtitles["en"]
    assert "猫" in by["row-1"].subtitles["zh"]


def test_the_often_printed_ship_score_leaves_out_the_bias():
    bias = steps(render(NAME))["bias"]
    ship = np.dot([0, 0.25, 0.2, -0.3], [56, 231, 24, 2])
    assert ship == pytest.approx(61.95)
    assert shows(bias, 61.95)
    assert shows(bias, 60.75)
    assert shows(bias, -1.2)
    assert "61.95" in bias.subtitles["en"]
    assert "60.75" in bias.subtitles["en"]
    assert "ship" in bias.subtitles["en"]


def test_verdict_untrained_weights_call_the_cat_a_dog():
    by = steps(render(NAME))
    assert "dog scores highest, 437.9" in by["verdict"].subtitles["en"]
    assert "cat gets −96.8" in by["verdict"].subtitles["en"]
    for value in (-96.8, 437.9, 60.75):
        assert shows(by["templates"], value)


def test_changed_parameters_change_screen_and_subtitles():
    values = P.extremes[2]  # shared with the contract test's render
    assert values["x"] == [3.0, 1.0, 4.0, 1.0, 5.0]
    by = steps(render(NAME, values))
    assert list(by) == [
        "image",
        "equation",
        "row-1",
        "row-2",
        "row-3",
        "bias",
        "templates",
        "verdict",
    ]
    # 1·3 − 1·1 + 0.5·4 + 0·1 + 2·5 = 14, plus the biases 0.5, 0, 0
    assert shows(by["row-1"], 14.5)
    assert shows(by["row-1"], 10.0)  # the product 2 · 5
    assert "14.5" in by["row-1"].subtitles["en"]
    assert "5 pixels" in by["image"].subtitles["en"]
    # the last class with a bias is cat: without it, 14
    assert "cat would get 14;" in by["bias"].subtitles["en"]
    assert by["verdict"].subtitles["en"] == (
        "cat scores highest, 14.5: these weights get this cat image right."
    )
    assert "猫" in by["verdict"].subtitles["zh"]


def test_no_bias_step_when_every_bias_is_zero():
    values = P.extremes[1]
    assert values["b"] == [0.0, 0.0]
    scene = render(NAME, values)
    assert "no-bias" in steps(scene)
    assert "bias" not in steps(scene)


@pytest.mark.parametrize(
    ("d", "shape"), [(2, (1, 2)), (3, (1, 3)), (4, (2, 2)), (5, (2, 3)), (6, (2, 3))]
)
def test_image_shape_holds_every_pixel(d, shape):
    rows, cols = image_shape(d)
    assert (rows, cols) == shape
    assert rows * cols >= d > (rows - 1) * cols


@pytest.mark.parametrize(
    ("values", "word"),
    [
        ({"x": [1.0]}, "2 to 6 pixel values"),
        ({"W": [[1.0, 2.0, 3.0, 4.0]]}, "2 to 5 rows"),
        ({"W": [[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0]], "b": [0.0, 0.0]}, "one weight per pixel"),
        ({"b": [1.0, 2.0]}, "one bias per row"),
        ({"x": [1000.0, 0, 0, 0]}, r"\|v\| < 1000"),
        ({"W": [[10.0, 0, 0, 0]] * 3}, r"\|w\| < 10"),
        ({"label": 3}, "row index of W"),
        ({"classes": ["cat", "dog", "a-very-long-name"]}, "1-12 characters"),
        ({"x": [1.0, float("nan")]}, "finite"),
    ],
)
def test_bad_parameters_are_refused(values, word):
    with pytest.raises(ValidationError, match=word):
        P(**values)
