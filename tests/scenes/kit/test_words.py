"""Words as data: language-neutral subtitle values, words files, a lecturer's rewording."""

from __future__ import annotations

import pytest

from scenes.kit.errors import ParamError
from scenes.kit.registry import get
from scenes.kit.words import Join, Num, Term, Word, Words, glossary, load_words, merge_words

TABLES = {
    "en": {
        "title": "T",
        "description": "D",
        "row": "{name} image",
        "status": {"ok": "converged"},
        "steps": {"a": "The {name}: {loss}; {verdicts}."},
    },
    "zh": {
        "title": "标题",
        "description": "描述",
        "row": "{name}图片",
        "status": {"ok": "已收敛"},
        "steps": {"a": "{name}：{loss}；{verdicts}。"},
    },
}


def test_neutral_values_are_written_in_each_language():
    words = Words(TABLES)
    values = {
        "name": Word("row", name=Term("cat")),
        "loss": 12.9,
        "verdicts": Join([Word("status.ok"), Num(0.30864, 4)]),
    }
    assert words.text("en", "steps.a", **values) == "The cat image: 12.9; converged, 0.3086."
    assert words.text("zh", "steps.a", **values) == "猫图片：12.9；已收敛，0.3086。"


def test_glossary_languages_and_reading_speeds():
    langs = glossary()
    assert list(langs)[0] == "en"
    assert (langs["en"].reading_speed, langs["en"].line_length) == (15, 42)
    assert (langs["zh"].reading_speed, langs["zh"].line_length) == (7, 16)
    assert langs["zh"].term("automobile") == "汽车"
    assert langs["zh"].term("hummingbird") == "hummingbird"  # as typed
    assert len(langs["en"].table["chapters"]) == len(langs["zh"].table["chapters"]) == 3


def test_rewording_part_of_a_language():
    base = load_words(get("hinge-loss").words_path)
    merged = merge_words("hinge-loss", base, {"en": {"steps": {"mean": "Mean: {loss}."}}}, "w.toml")
    assert merged["en"]["steps"]["mean"] == "Mean: {loss}."
    assert merged["en"]["steps"]["scores"] == base["en"]["steps"]["scores"]
    assert merged["zh"] == base["zh"]


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"en": {"steps": {"nope": "x"}}}, "has no word 'steps.nope'"),
        ({"en": {"steps": {"mean": "{oops}"}}}, "unknown placeholder {oops}"),
        ({"fr": {"title": "x"}}, "unknown language [fr]"),
        ({"en": "x"}, "must be a table"),
    ],
)
def test_bad_rewording_is_one_line(override, message):
    base = load_words(get("hinge-loss").words_path)
    with pytest.raises(ParamError, match=message.replace("[", r"\[").replace("{", r"\{")) as err:
        merge_words("hinge-loss", base, override, "w.toml")
    assert "\n" not in str(err.value)


def test_bad_words_file(tmp_path):
    path = tmp_path / "w.toml"
    path.write_text("[en]\ntitle = 'x'\n", encoding="utf-8")
    with pytest.raises(ParamError, match="must be a table with title, description, steps"):
        load_words(path)
    path.write_text("[en\n", encoding="utf-8")
    with pytest.raises(ParamError, match="not valid TOML"):
        load_words(path)
