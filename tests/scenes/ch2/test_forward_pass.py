"""forward-pass: the lecture's hidden values, ReLU and scores on screen and in subtitles; changed inputs."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.ch2.forward_pass_params import ForwardPassParams
from tests.scenes.stills import render

NAME = "forward-pass"
P = ForwardPassParams


def steps(scene) -> dict[str, object]:
    return {r.name: r for r in scene.records}


def shown(record, value) -> bool:
    return bool(np.isclose(record.numbers, value).any())


def test_defaults_are_the_curriculum_example():
    p = P()
    assert p.x == [1, -2, 3]
    assert p.W1[0] == [0.2, -0.5, 0.1, 0.4]
    assert p.b1 == [0.1, 0, -0.1, 0.2]
    assert p.W2[3] == [0.3, -0.1, 0.2]
    assert p.b2 == [0, 0.1, -0.1]


def test_step_outline():
    names = list(steps(render(NAME)))
    assert names == [
        "layer-1",
        "hidden-1",
        "hidden-2",
        "hidden-3",
        "hidden-4",
        "relu",
        "layer-2",
        "scores",
        "network",
        "column",
    ]


def test_each_hidden_value_is_a_row_times_a_column():
    by = steps(render(NAME))
    x = np.array(P().x)
    W1, b1 = np.array(P().W1), np.array(P().b1)
    for j, expected in enumerate([-0.6, 0.5, 1.3, 0.2]):
        record = by[f"hidden-{j + 1}"]
        assert x @ W1[:, j] + b1[j] == pytest.approx(expected)
        for term in x * W1[:, j]:  # the products of the dot product are written out
            assert shown(record, term), (j, term)
        assert shown(record, expected)
        assert f"column {j + 1} of W₁" in record.subtitles["en"]
    assert "−0.6." in by["hidden-1"].subtitles["en"]
    assert "1.3" in by["hidden-3"].subtitles["zh"]


def test_relu_zeroes_the_negative_value():
    record = steps(render(NAME))["relu"]
    assert "h = 0, 0.5, 1.3, 0.2." in record.subtitles["en"]
    assert "(1)" in record.subtitles["en"]
    for value in (-0.6, 0.0, 0.5, 1.3, 0.2):
        assert shown(record, value)


def test_scores_and_the_whole_network():
    by = steps(render(NAME))
    for value in (-0.15, 0.67, 0.29):
        assert shown(by["scores"], value)
        assert shown(by["network"], value)
        assert shown(by["column"], value)
    assert "−0.15, 0.67, 0.29" in by["scores"].subtitles["en"]
    assert "1×3 row gives a 1×3 row of scores" in by["network"].subtitles["en"]


def test_changed_parameters_follow():
    values = {
        "x": [2.0, 1.0],
        "W1": [[1.0, 1.0], [0.5, 0.25]],
        "b1": [0.0, 0.5],
        "W2": [[2.0], [3.0]],
        "b2": [-1.0],
    }
    by = steps(render(NAME, values))
    assert list(by)[:4] == ["layer-1", "hidden-1", "hidden-2", "relu"]
    # z = [2.5, 2.75] (nothing to zero) -> s = 2.5 * 2 + 2.75 * 3 - 1 = 12.25
    assert shown(by["hidden-1"], 2.5)
    assert shown(by["hidden-2"], 2.75)
    assert "no negative value" in by["relu"].subtitles["en"]
    assert "h = 2.5, 2.75." in by["relu"].subtitles["en"]
    assert shown(by["scores"], 12.25)
    assert "1×2 row gives a 1×1 row of scores" in by["network"].subtitles["en"]


def test_the_extreme_with_one_negative_unit():
    record = steps(render(NAME, dict(P.extremes[1])))["relu"]  # z = 2 * (-1) + 0.5 = -1.5
    assert "(1)" in record.subtitles["en"]
    assert "h = 0." in record.subtitles["en"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"x": [1.0] * 5, "W1": [[1.0]] * 5}, "x must hold 1 to 4 features"),
        ({"W1": [[1.0, 2.0]] * 2}, "W1 must have one row per feature of x"),
        ({"b1": [0.0]}, "b1 must have one bias per column of W1"),
        ({"W2": [[1.0]]}, "W2 must have one row per hidden value"),
        ({"b2": [0.0]}, "b2 must have one bias per column of W2"),
        ({"x": [100.0, 0.0, 0.0]}, "every value must satisfy"),
    ],
)
def test_bad_parameters_are_named(values, message):
    with pytest.raises(ValidationError, match=message):
        P(**values)
