"""pooling: the lecture's map, max and average outputs, gradients routed or shared, parameters."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

import dlmath as dm
from scenes.ch3.pooling_params import PoolingParams
from tests.scenes.stills import render

NAME = "pooling"
P = PoolingParams
MAP = [[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]


def steps(scene):
    return {r.name: r for r in scene.records}


def shown(record, value) -> bool:
    return bool(np.isclose(record.numbers, value).any())


def on_screen(record, values) -> bool:
    return all(shown(record, v) for v in np.ravel(values))


def test_defaults_are_the_curriculum_example():
    p = P()
    assert p.map == MAP
    assert (p.window, p.stride, p.modes, p.grad) == (2, 2, ["max", "average"], None)


def test_step_outline():
    assert list(steps(render(NAME))) == ["map", "max", "max-back", "average", "average-back"]


def test_max_pooling_numbers_on_screen_and_in_subtitles():
    by = steps(render(NAME))
    r = dm.pool2d(MAP)
    assert r.output.tolist() == [[6, 8], [3, 4]]
    for value in (6, 8, 3, 4):
        assert shown(by["max"], value)
    assert "6, 8, 3, 4" in by["max"].subtitles["en"]
    assert "6，8，3，4" in by["max"].subtitles["zh"]
    assert "number of windows: 4" in by["map"].subtitles["en"]


def test_max_backward_routes_to_the_maximum_only():
    scene = render(NAME)
    by = steps(scene)
    r = dm.pool2d(MAP)
    # by hand: the winners 6, 8, 3, 4 sit at (1,1), (1,3), (2,0), (3,3); upstream 1, 2, 3, 4
    expected = np.zeros((4, 4))
    expected[1, 1], expected[1, 3], expected[2, 0], expected[3, 3] = 1, 2, 3, 4
    np.testing.assert_array_equal(r.dx, expected)
    back = by["max-back"].numbers
    # every input cell shows its value and its gradient: 12 zeros and the four routed values
    assert sum(np.isclose(back, 0.0)) >= 12 + 1  # the map's own 0 too
    assert "sends 1 to the 6" in by["max-back"].subtitles["en"]
    assert "max 门" in by["max-back"].subtitles["zh"]


def test_average_pooling_and_its_shared_gradient():
    by = steps(render(NAME))
    r = dm.pool2d(MAP, mode="average")
    np.testing.assert_allclose(r.output, [[3.25, 5.25], [2, 2]])
    for value in (3.25, 5.25, 2.0):
        assert shown(by["average"], value)
    assert "3.25, 5.25, 2, 2" in by["average"].subtitles["en"]
    for share in (0.25, 0.5, 0.75, 1.0):  # 1/4, 2/4, 3/4, 4/4
        assert shown(by["average-back"], share)
    assert "1 / 4 = 0.25" in by["average-back"].subtitles["en"]


def test_changed_parameters_follow():
    values = P.extremes[3]  # a 5×5 map, 3×3 windows, stride 2 (they overlap), a given gradient
    by = steps(render(NAME, values))
    assert list(by) == ["map", "max", "max-back", "average", "average-back"]
    x = np.array(values["map"], dtype=float)
    means = [[x[2 * i : 2 * i + 3, 2 * j : 2 * j + 3].mean() for j in range(2)] for i in range(2)]
    assert on_screen(by["average"], means)
    assert "9 / 9 = 1" in by["average-back"].subtitles["en"]
    assert "number of windows: 4" in by["map"].subtitles["en"]


def test_overlapping_windows_add_their_gradients():
    values = P.extremes[3]
    by = steps(render(NAME, values))
    x, g = np.array(values["map"], dtype=float), np.array(values["grad"])
    dx = np.zeros_like(x)
    for i in range(2):  # by hand: each window's gradient to its first maximum
        for j in range(2):
            window = x[2 * i : 2 * i + 3, 2 * j : 2 * j + 3]
            u, v = np.unravel_index(np.argmax(window), window.shape)
            dx[2 * i + u, 2 * j + v] += g[i, j]
    assert on_screen(by["max-back"], dx)
    # the centre cell (2, 2) lies in all four windows: its share adds up, (9 + 0.5) / 9
    assert on_screen(by["average-back"], [(9 + 0.5) / 9])


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"map": [[1.0, 2.0]]}, "2 to 6 rows"),
        ({"map": [[1.0, 2.0], [3.0]]}, "same length"),
        ({"map": [[100.0, 0.0], [0.0, 0.0]]}, r"\|value\| <= 99"),
        ({"window": 3, "map": [[1, 2], [3, 4]]}, "larger than the 2×2 map"),
        ({"stride": 3}, r"stride does not fit.*1.67"),
        ({"map": [[1.0] * 6] * 6, "window": 1, "stride": 1}, "do not fit on screen"),
        ({"modes": ["max", "max"]}, "each once"),
        ({"modes": []}, "each once"),
        ({"modes": ["min"]}, "max"),
        ({"grad": [[1.0, 2.0, 3.0]]}, "output's shape 2×2"),
        ({"window": 0}, "greater than or equal to 1"),
    ],
)
def test_bad_parameters_are_refused(values, words):
    with pytest.raises(ValidationError, match=words):
        P(**values)
