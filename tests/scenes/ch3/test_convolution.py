"""convolution: the curriculum's outputs for strides 1 and 2, padding, sizes, the misfit, channels."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

import dlmath as dm
from scenes.ch3.convolution_params import ConvolutionParams
from tests.scenes.stills import layout_report, render

NAME = "convolution"
P = ConvolutionParams
X = [[1, 0, 2, 1, 0], [0, 1, 3, 1, 1], [2, 1, 0, 0, 2], [1, 3, 1, 2, 0], [0, 2, 1, 1, 1]]
K = [[1, 0, -1], [1, 0, -1], [1, 0, -1]]


def steps(scene):
    return {r.name: r for r in scene.records}


def on_screen(record, values) -> bool:
    return all(np.isclose(record.numbers, v).any() for v in np.ravel(values))


def loop_conv(x, k, b, stride):
    """Plain loops: each output cell is its window times the filter, summed, plus b."""
    x, k = np.array(x, float), np.array(k, float)
    n = (len(x) - len(k)) // stride + 1
    return [
        [
            sum(
                x[i * stride + u][j * stride + v] * k[u][v]
                for u in range(len(k))
                for v in range(len(k))
            )
            + b
            for j in range(n)
        ]
        for i in range(n)
    ]


def test_defaults_are_the_curriculum_example():
    p = P()
    assert (p.input, p.filter, p.bias, p.strides, p.padding) == (X, K, 1.0, [1, 2], 1)


def test_step_outline():
    assert list(steps(render(NAME))) == [
        "input",
        "stride-1",
        "stride-2",
        "padding",
        "no-fit",
        "channels",
        "channels-slide",
    ]


def test_stride_outputs_on_screen_and_in_subtitles():
    by = steps(render(NAME))
    one, two = [[-1, 1, 3], [0, 3, 2], [2, 4, 0]], [[-1, 3], [2, 0]]
    assert loop_conv(X, K, 1, 1) == one
    assert loop_conv(X, K, 1, 2) == two
    assert on_screen(by["stride-1"], one)
    assert on_screen(by["stride-2"], two)
    assert "first −1" in by["stride-1"].subtitles["en"]
    assert "3×3" in by["stride-1"].subtitles["en"]
    assert "2×2" in by["stride-2"].subtitles["en"]


def test_sizes_three_two_five_three_and_the_misfit():
    by = steps(render(NAME))
    assert on_screen(by["stride-1"], [5, 3, 0, 1, 3])  # (5 − 3 + 2·0)/1 + 1 = 3
    assert on_screen(by["stride-2"], [2])
    assert "5, 3" in by["padding"].subtitles["en"]
    assert on_screen(by["padding"], dm.conv2d(X, K, 1, pad=1).output)
    assert on_screen(by["no-fit"], [5 / 3])
    assert "1.67" in by["no-fit"].subtitles["en"]
    assert "步长 3" in by["no-fit"].subtitles["zh"]


def test_channels_demo_sums_every_channel():
    scene = render(NAME)
    by = steps(scene)
    r = scene.volume_result
    assert r.output.shape == (2, 3, 3)
    x = r.padded
    for k in range(2):
        for i in range(3):
            for j in range(3):
                window = x[:, 2 * i : 2 * i + 3, 2 * j : 2 * j + 3]
                assert r.output[k, i, j] == pytest.approx(
                    float(np.sum(window * r.weights[k])) + r.bias[k]
                )
    assert set(np.unique(x)) <= {0.0, 1.0, 2.0}
    assert set(np.unique(r.weights)) <= {-1.0, 0.0, 1.0}
    assert on_screen(by["channels-slide"], r.output)
    assert "3×3×2" in by["channels-slide"].subtitles["en"]


def test_changed_parameters_follow():
    values = P.extremes[2]  # a 1×1 filter of −1.5, b = 0, strides 2, 1, 2, padding 1
    by = steps(render(NAME, values))
    assert list(by)[:6] == ["input", "stride-1", "stride-2", "stride-3", "padding", "no-fit"]
    two = loop_conv(X, values["filter"], 0.0, 2)
    one = loop_conv(X, values["filter"], 0.0, 1)
    assert on_screen(by["stride-1"], two)
    assert on_screen(by["stride-2"], one)
    assert f"first {two[0][0]:g}".replace("-", "−") in by["stride-1"].subtitles["en"]
    assert "Stride 1" in by["stride-2"].subtitles["en"]
    assert "b = 0." in by["input"].subtitles["en"]
    assert "4, 7, 4" in by["padding"].subtitles["en"]  # (5 − 1 + 2)/2 + 1, /1 + 1, /2 + 1


def test_a_filter_the_size_of_the_input_has_no_misfit():
    names = list(steps(render(NAME, P.extremes[1])))  # 3×3 input and filter, padding 2
    assert "no-fit" not in names
    assert "padding" in names


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"strides": [3]}, r"stride 3 does not fit.*\(5 − 3 \+ 2·0\)/3 \+ 1 = 1.67"),
        ({"input": [[1] * 6] * 6, "strides": [3]}, r"stride 3 does not fit.*with padding 1"),
        ({"strides": []}, "1 to 3 strides"),
        ({"strides": [5]}, "1 to 3 strides"),
        ({"input": [[1, 2], [3, 4]]}, "3 to 7 rows"),
        ({"filter": [[1] * 6] * 6}, "1 to 5 rows"),
        ({"input": [[1, 2, 3]] * 3, "filter": [[1, 2, 3, 4]] * 3}, "larger than the 3×3 input"),
        ({"input": [[9] * 7] * 7, "padding": 2, "strides": [1]}, "padded input is 11×11"),
        ({"input": [[99] * 5] * 5, "filter": [[99] * 3] * 3}, "outputs reach"),
        ({"bias": 100.0}, "less than or equal to 99"),
        ({"demo_bias": [1.0]}, "demo_bias"),
        ({"demo_channels": 4}, "less than or equal to 3"),
    ],
)
def test_bad_parameters_are_refused(values, words):
    with pytest.raises(ValidationError, match=words):
        P(**values)


def test_a_wide_input_gives_a_wide_output():
    """3 rows × 5 columns with the 3×3 filter: 1×3 at stride 1, 1×2 at stride 2 (not 3×3, 2×2)."""
    scene = render(NAME, {"input": [[1, 0, 2, 1, 0], [0, 1, 3, 1, 1], [2, 1, 0, 0, 2]]})
    assert not layout_report(scene)
    by = steps(scene)
    assert "The output is 1×3." in by["stride-1"].subtitles["en"]
    assert "The output is 1×2." in by["stride-2"].subtitles["en"]
    assert "输出 1×3。" in by["stride-1"].subtitles["zh"]
