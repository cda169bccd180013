"""Pacing: reading time and cues of at most two lines, timed within their step."""

from __future__ import annotations

import re

import pytest

from scenes.kit.pacing import cues, reading_time, wrap
from scenes.kit.words import glossary

EN, ZH = glossary()["en"], glossary()["zh"]
LONG_EN = (
    "Gate ×: local gradients ∂f/∂q = −4, ∂f/∂z = 3; upstream 1 × local gives "
    "∂f/∂q = −4, ∂f/∂z = 3. The multiply gate swaps: each input's local gradient "
    "is the other input."
)
LONG_ZH = "乘法门：局部梯度 ∂f/∂q = −4，∂f/∂z = 3；上游梯度 1 × 局部梯度 得到 ∂f/∂q = −4，∂f/∂z = 3。乘法门交换：每个输入的局部梯度是另一个输入的值。"


@pytest.mark.parametrize(("text", "lang"), [(LONG_EN, EN), (LONG_ZH, ZH)])
def test_cues_have_two_short_lines_and_fill_the_step(text, lang):
    found = cues(text, lang, 10.0, 10.0 + reading_time(text, lang))
    assert found[0].start == 10.0
    assert found[-1].end == pytest.approx(10.0 + reading_time(text, lang))
    for a, b in zip(found, found[1:], strict=False):
        assert a.end == pytest.approx(b.start)
    for cue in found:
        assert 1 <= len(cue.lines) <= 2
        assert all(len(line) <= lang.line_length for line in cue.lines)
        assert cue.chars / (cue.end - cue.start) <= lang.reading_speed + 1e-9
    # nothing lost but spaces at line breaks
    joined = "".join("".join(c.lines) for c in found)
    assert joined.replace(" ", "") == text.replace(" ", "")


def test_reading_time_uses_the_language_speed():
    assert reading_time("a" * 30, EN) == pytest.approx(2.0)
    assert reading_time("字" * 14, ZH) == pytest.approx(2.0)


def test_wrap_breaks_english_at_spaces_and_cuts_long_words():
    lines = wrap("word " * 20, EN)
    assert all(len(line) <= 42 for line in lines)
    assert all(not line.startswith(" ") and not line.endswith(" ") for line in lines)
    assert wrap("x" * 50, EN) == ["x" * 42, "x" * 8]


def test_chinese_lines_do_not_start_with_closing_punctuation():
    text = "一二三四五六七八九十一二三四五六，七八九"
    for line in wrap(text, ZH):
        assert not line.startswith("，")
        assert len(line) <= 16


def test_cues_never_cut_inside_a_number():
    en = glossary()["en"]
    text = "A fixed step h = 0.5: x goes 0.5, 0, 0… converged. Then 1,000 steps: x = −0.064."
    joined = " ".join(line for cue in cues(text, en, 0, 20) for line in cue.lines)
    assert joined == text


@pytest.mark.parametrize(
    "text",
    [
        "最后得到 ∂f/∂w1 = −0.39，∂f/∂x1 = −0.59，∂f/∂s = 0.2。",
        "ReLU 对正输入传回 1，对负输入传回 0，这样的单元叫死单元。",
        "四个数 −0.112345678 和 0.636123 是 ∂f/∂x 的分量。",
    ],
)
def test_chinese_lines_never_cut_a_number_or_latin_word(text):
    lines = [line for cue in cues(text, ZH, 0, 30) for line in cue.lines]
    assert all(len(line) <= ZH.line_length for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    runs = re.findall(r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+", text)
    for run in runs:  # numbers, Latin words and formulas stay whole
        assert any(run in line for line in lines), (run, lines)


def test_chinese_lines_are_balanced():
    """Two lines of 9, not 16 and an orphan of 2."""
    assert wrap("每行的方框是这张图片正确类别的得分。", ZH) == [
        "每行的方框是这张图",
        "片正确类别的得分。",
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (EN, "The pixel is (12, 34, 56): red, green, blue."),
        (ZH, "这个像素是 (12, 34, 56)：红、绿、蓝。"),
    ],
)
def test_a_bracketed_list_is_never_cut(lang, text):
    shown = [" ".join(cue.lines) for cue in cues(text, lang, 0, 10)]
    assert any("(12, 34, 56)" in cue for cue in shown), shown
