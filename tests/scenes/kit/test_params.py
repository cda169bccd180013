"""Scene parameters: ``--set`` values, parameter files, one-line errors, TOML round trips."""

from __future__ import annotations

import math
import tomllib

import pytest

from scenes.kit import registry
from scenes.kit.params import (
    OPTIONS,
    ParamError,
    build_params,
    params_toml,
    parse_assignment,
    read_params_file,
    scene_values,
    split_params_file,
)

# ----------------------------------------------------------------------------
# parse_assignment: key=value with a TOML value


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("lr=0.7", "lr", 0.7),
        ("steps=3", "steps", 3),
        ("x=-2", "x", -2),
        ("x=1e-3", "x", 1e-3),
        ("x=-999.99", "x", -999.99),
        ("flag=true", "flag", True),
        ("rates=[0.1, 0.7, 1]", "rates", [0.1, 0.7, 1]),
        ("scores=[[1,2,3],[3,2,1]]", "scores", [[1, 2, 3], [3, 2, 1]]),
        ("scores=[[1.5, -2], [0, 1e2]]", "scores", [[1.5, -2], [0, 100.0]]),
        ("labels=[]", "labels", []),
        ('name="cat"', "name", "cat"),
        ("name='two words'", "name", "two words"),
        ('classes=["cat", "car"]', "classes", ["cat", "car"]),
        ("metric=l1", "metric", "l1"),
        ("activation=leaky-relu", "activation", "leaky-relu"),
        ("kind=conv_2d.same", "kind", "conv_2d.same"),
        (" delta = 2 ", "delta", 2),
        ("table={a=1}", "table", {"a": 1}),
    ],
)
def test_parse_assignment_values(text, key, value):
    got_key, got = parse_assignment(text)
    assert got_key == key
    assert got == value
    assert type(got) is type(value)


def test_parse_assignment_ints_stay_ints_and_floats_floats():
    assert isinstance(parse_assignment("n=3")[1], int)
    assert isinstance(parse_assignment("x=3.0")[1], float)
    assert isinstance(parse_assignment("s=[[1,2]]")[1][0][0], int)


@pytest.mark.parametrize(
    "text",
    [
        "scores=[[1,2",  # unclosed array
        "scores=[[1,2],",
        'name="cat',  # unclosed string
        "x=1 2",
        "x=3abc",  # starts with a digit: not taken as a word
        "x=",  # no value
        "x=two words",
        "x=[1,,2]",
        "x={a=1",
        "x=__import__('os')",  # never evaluated
        "expr=a=b",  # the value is everything after the first '='
    ],
)
def test_parse_assignment_malformed(text):
    with pytest.raises(ParamError) as info:
        parse_assignment(text)
    message = str(info.value)
    assert "\n" not in message
    assert "--set" in message
    assert "accepted" in message


@pytest.mark.parametrize("text", ["delta", "", "=1", " =1", "scores[[1,2]]"])
def test_parse_assignment_without_key_or_equals(text):
    with pytest.raises(ParamError) as info:
        parse_assignment(text)
    message = str(info.value)
    assert "\n" not in message
    assert "key=value" in message


def test_parse_assignment_special_floats_are_parsed_then_rejected_by_params():
    key, value = parse_assignment("delta=nan")
    assert key == "delta"
    assert math.isnan(value)
    cls = registry.get("hinge-loss").params_class()
    for text in ("delta=nan", "delta=inf", "scores=[[nan, 1], [1, 2]]", "scores=[[1, -inf]]"):
        k, v = parse_assignment(text)
        values = {k: v} if k == "delta" else {k: v, "labels": [0] * len(v)}
        with pytest.raises(ParamError, match="finite|less than"):
            build_params("hinge-loss", cls, values)


# ----------------------------------------------------------------------------
# read_params_file


def _one_line_naming(err: ParamError, path) -> str:
    message = str(err)
    assert "\n" not in message, message
    assert str(path) in message
    return message


def test_read_params_file_ok(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(
        'delta = 2\nclasses = ["猫", "car"]\n\n[hinge-loss]\nscores = [[1, 2], [3, 4]]\n',
        encoding="utf-8",
    )
    assert read_params_file(path) == {
        "delta": 2,
        "classes": ["猫", "car"],
        "hinge-loss": {"scores": [[1, 2], [3, 4]]},
    }
    assert read_params_file(str(path)) == read_params_file(path)


def test_read_params_file_empty(tmp_path):
    path = tmp_path / "empty.toml"
    path.write_text("")
    assert read_params_file(path) == {}


def test_read_params_file_missing(tmp_path):
    path = tmp_path / "nope.toml"
    with pytest.raises(ParamError) as info:
        read_params_file(path)
    assert "No such file" in _one_line_naming(info.value, path)


def test_read_params_file_directory(tmp_path):
    with pytest.raises(ParamError) as info:
        read_params_file(tmp_path)
    assert "directory" in _one_line_naming(info.value, tmp_path).lower()


def test_read_params_file_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(ParamError) as info:
        read_params_file(path)
    assert "UTF-8" in _one_line_naming(info.value, path)


@pytest.mark.parametrize(
    "text",
    [
        "delta = \n",
        "scores = [[1, 2]\n",
        "delta = 1\ndelta = 2\n",  # duplicate key
        "[hinge-loss\n",
        "delta: 1\n",
        "\x00",
    ],
)
def test_read_params_file_malformed(tmp_path, text):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParamError) as info:
        read_params_file(path)
    assert "not valid TOML" in _one_line_naming(info.value, path)


# ----------------------------------------------------------------------------
# build_params: one-line errors


@pytest.fixture(scope="module")
def hinge():
    return registry.get("hinge-loss").params_class()


def _message(cls, values) -> str:
    with pytest.raises(ParamError) as info:
        build_params("hinge-loss", cls, values)
    message = str(info.value)
    assert "\n" not in message, message
    assert "Traceback" not in message
    return message


def test_build_params_defaults_and_values(hinge):
    assert build_params("hinge-loss", hinge, {}) == hinge()
    p = build_params(
        "hinge-loss", hinge, {"delta": 2, "scores": [[1, 2], [3, 4]], "labels": [0, 1]}
    )
    assert p.delta == 2.0
    assert isinstance(p.delta, float)
    assert p.scores == [[1.0, 2.0], [3.0, 4.0]]


def test_build_params_unknown_key_lists_accepted(hinge):
    message = _message(hinge, {"foo": 1})
    assert "foo" in message
    assert "hinge-loss" in message
    for field in hinge.model_fields:
        assert field in message


@pytest.mark.parametrize(
    ("values", "where"),
    [
        ({"delta": "x"}, "delta"),
        ({"delta": "1"}, "delta"),  # strict: a string is not a number
        ({"delta": True}, "delta"),
        ({"delta": [1]}, "delta"),
        ({"labels": [0.5, 1, 2]}, "labels.0"),
        ({"labels": [True, 1, 2]}, "labels.0"),
        ({"scores": "1,2"}, "scores"),
        ({"scores": [[1, "2", 3], [1, 2, 3], [1, 2, 3]]}, "scores.0.1"),
        ({"classes": ["cat", 1, "frog"]}, "classes.1"),
    ],
)
def test_build_params_wrong_type(hinge, values, where):
    message = _message(hinge, values)
    assert f"'{where}'" in message
    assert "got" in message


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"delta": -1}, ("delta", "greater than or equal to 0", "-1")),
        ({"delta": 10.5}, ("delta", "less than or equal to 10", "10.5")),
    ],
)
def test_build_params_out_of_range(hinge, values, words):
    message = _message(hinge, values)
    for word in words:
        assert word in message


@pytest.mark.parametrize(
    ("values", "word"),
    [
        ({"scores": [[1, 2, 3], [3, 2, 1]]}, "labels"),  # shapes do not fit
        ({"scores": [[1, 2, 3], [3, 2]]}, "same length"),
        ({"scores": [[1, 2, 3]] * 5, "labels": [0] * 5}, "rows"),
        ({"scores": [[1000, 2, 3]], "labels": [0]}, "1000"),
        ({"labels": [0, 1, 3]}, "labels"),
        ({"classes": ["cat", "a-very-long-name", "frog"]}, "classes"),
    ],
)
def test_build_params_shape_errors_name_the_parameter(hinge, values, word):
    message = _message(hinge, values)
    assert message.startswith("hinge-loss: ")
    assert word in message


def test_build_params_long_input_is_shortened(hinge):
    message = _message(hinge, {"delta": "x" * 500})
    assert len(message) < 200


# ----------------------------------------------------------------------------
# params_toml round trips, for every scene of the lecture


@pytest.mark.parametrize("entry", registry.LECTURE, ids=registry.names())
def test_params_toml_round_trips_defaults(entry):
    cls = entry.params_class()
    defaults = cls()
    text = params_toml(entry.name, defaults)
    assert text.startswith(f"# parameters of {entry.name}")
    table = tomllib.loads(text)[entry.name]
    assert table == {k: v for k, v in defaults.model_dump().items() if v is not None}
    assert build_params(entry.name, cls, table) == defaults
    for name, field in cls.model_fields.items():
        assert field.description, f"{entry.name}: parameter {name} has no description"
        assert f"# {field.description}\n" in text


def test_params_toml_round_trips_given_values(hinge):
    p = hinge(scores=[[-999.99, 0.5], [1e-3, 999.99]], labels=[1, 0], delta=0, classes=["猫", "b"])
    table = tomllib.loads(params_toml("hinge-loss", p))["hinge-loss"]
    assert build_params("hinge-loss", hinge, table) == p


def test_registry_unknown_scene_lists_names():
    with pytest.raises(ParamError) as info:
        registry.get("nope")
    message = str(info.value)
    assert "nope" in message
    assert all(name in message for name in registry.names())


# ----------------------------------------------------------------------------
# hostile files: any depth or size is one line


@pytest.mark.parametrize("depth", [50, 500, 990, 1000, 5000, 100_000])
@pytest.mark.parametrize("where", ["top", "table", "inline"])
def test_read_params_file_deeply_nested(tmp_path, depth, where):
    path = tmp_path / "deep.toml"
    body = "[" * depth + "]" * depth
    text = {
        "top": f"delta = {body}\n",
        "table": f"[hinge-loss]\nscores = {body}\n",
        "inline": "x = " + "{a = " * depth + "1" + "}" * depth + "\n",
    }[where]
    path.write_text(text, encoding="utf-8")
    try:
        data = read_params_file(path)
    except ParamError as err:
        message = _one_line_naming(err, path)
        assert "nested too deeply" in message or "not valid TOML" in message
        return
    # shallow enough to parse: what follows must fail in one line too, never RecursionError
    with pytest.raises(ParamError) as info:
        _check_file(data)
    assert "\n" not in str(info.value)


def _check_file(data):
    _, tables = split_params_file(data, registry.names())
    for name, values in tables.items():
        build_params(name, registry.get(name).params_class(), values)


def test_read_params_file_unclosed_deep_brackets(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ParamError) as info:
        read_params_file(path)
    _one_line_naming(info.value, path)


def test_read_params_file_huge(tmp_path):
    path = tmp_path / "huge.toml"
    path.write_text("# " + "x" * (5 * 2**20) + "\n", encoding="utf-8")
    with pytest.raises(ParamError) as info:
        read_params_file(path)
    assert "larger than" in _one_line_naming(info.value, path)


def test_read_params_file_names_what_it_reads(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[en\n", encoding="utf-8")
    with pytest.raises(ParamError, match="^words file "):
        read_params_file(path, what="words file")


# ----------------------------------------------------------------------------
# a parameter file for a lecture: options at the top, scene tables


NAMES = ["hinge-loss", "gradient-descent", "backprop-simple"]


def test_split_params_file_options_and_tables():
    data = {"quality": "high", "pace": 1.5, "hinge-loss": {"delta": 2}, "backprop-simple": {}}
    options, tables = split_params_file(data, NAMES)
    assert options == {"quality": "high", "pace": 1.5}
    assert tables == {"hinge-loss": {"delta": 2}, "backprop-simple": {}}
    assert set(OPTIONS) == {"quality", "lang", "format", "theme", "pace"}


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"steps": 5}, ("unknown top-level key 'steps'", "quality, lang, format, theme, pace")),
        ({"hinge-loss": 3}, ("'hinge-loss' must be a table", "[hinge-loss]")),
        ({"hinge-loss": [1, 2]}, ("'hinge-loss' must be a table",)),
        ({"hinge-los": {"delta": 2}}, ("unknown scene table [hinge-los]", "hinge-loss")),
    ],
)
def test_split_params_file_errors(data, words):
    with pytest.raises(ParamError) as info:
        split_params_file(data, NAMES, source="parameter file 'p.toml'")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("parameter file 'p.toml': ")
    for word in words:
        assert word in message


def test_split_params_file_deep_value_is_short():
    deep: list = []
    for _ in range(900):
        deep = [deep]
    with pytest.raises(ParamError) as info:
        split_params_file({"hinge-loss": deep}, NAMES)
    assert len(str(info.value)) < 200


def test_scene_values_file_then_set():
    tables = {"hinge-loss": {"delta": 2, "labels": [0]}, "gradient-descent": {"x0": 1}}
    got = scene_values(["hinge-loss"], tables, ["delta=3"], NAMES)
    assert got == {"hinge-loss": {"delta": 3, "labels": [0]}}
    got = scene_values(
        ["hinge-loss", "backprop-simple"],
        tables,
        ["backprop-simple.x=4", "hinge-loss.delta=5"],
        NAMES,
    )
    assert got == {"hinge-loss": {"delta": 5, "labels": [0]}, "backprop-simple": {"x": 4}}


@pytest.mark.parametrize(
    ("selected", "text", "word"),
    [
        (["hinge-loss", "backprop-simple"], "delta=2", "name the scene: --set SCENE.delta=VALUE"),
        (["hinge-loss"], "nosuch.x=5", "unknown scene 'nosuch'"),
        (["hinge-loss", "backprop-simple"], "nosuch.x=5", "unknown scene 'nosuch'"),
        (["hinge-loss"], "backprop-simple.x=5", "backprop-simple is not selected"),
    ],
)
def test_scene_values_errors(selected, text, word):
    with pytest.raises(ParamError) as info:
        scene_values(selected, {}, [text], NAMES)
    assert word in str(info.value)
    assert "\n" not in str(info.value)
