"""Pacing: reading time and cues of at most two lines, timed within their step."""

from __future__ import annotations

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
