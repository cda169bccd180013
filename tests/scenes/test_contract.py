"""The contract every scene of the registry keeps: words, layout, numbers, subtitles, themes, Manim."""

from __future__ import annotations

import subprocess
import sys

import pytest
from manim import ManimColor
from manim.utils.module_ops import get_module

from scenes.kit import registry
from scenes.kit.scene import LectureScene
from scenes.kit.words import glossary, load_words, placeholders
from tests.scenes.stills import (
    HAN,
    layout_report,
    legibility_problems,
    number_problems,
    render,
    subtitle_problems,
    typed_digits,
)

ENTRIES = registry.LECTURE
IDS = registry.names()
EXTREMES = [(entry, k) for entry in ENTRIES for k in range(len(entry.params_class().extremes))]


def _shape(table, prefix=""):
    out = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(_shape(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = placeholders(str(value))
    return out


def step_names(cls: type[LectureScene]) -> set[str]:
    return {
        member.step_name
        for klass in cls.__mro__
        for member in vars(klass).values()
        if hasattr(member, "step_name")
    }


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_words_complete_in_every_language(entry):
    words = load_words(entry.words_path)
    assert set(words) == set(glossary()), f"languages: {sorted(words)}"
    shapes = {code: _shape(table) for code, table in words.items()}
    english = shapes["en"]
    for code, shape in shapes.items():
        assert set(shape) == set(english), f"[{code}] keys differ: {set(shape) ^ set(english)}"
        for key, names in shape.items():
            assert names == english[key], f"[{code}] {key}: placeholders {names} != {english[key]}"
        assert all(words[code][k] for k in ("title", "description"))
    assert set(words["en"]["steps"]) == step_names(entry.load()), "steps table != @step names"
    narration = set(words["en"].get("narration", {}))
    assert narration <= set(words["en"]["steps"]), (
        f"narration of no step: {narration - set(words['en']['steps'])}"
    )


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_defaults_render_clean(entry):
    scene = render(entry.name)
    assert scene.records, "no step ran"
    names = [r.name for r in scene.records]
    assert len(names) == len(set(names)), f"step names repeat: {names}"
    assert all(
        a.end == pytest.approx(b.start)
        for a, b in zip(scene.records, scene.records[1:], strict=False)
    )
    assert all(r.start < r.end for r in scene.records)
    assert not layout_report(scene)
    assert not number_problems(scene)
    assert not subtitle_problems(scene)
    assert not typed_digits(scene)
    assert not legibility_problems(scene)
    for record in scene.records:
        assert set(record.subtitles) == set(glossary())
        assert HAN.search(record.subtitles["zh"]), record.subtitles["zh"]


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_chinese_on_the_light_theme(entry):
    scene = render(entry.name, lang="zh", theme="light")
    assert ManimColor(scene.camera.background_color).to_hex().upper() == "#FFFFFF"
    assert not layout_report(scene)
    assert not legibility_problems(scene)
    english = render(entry.name)
    assert [r.name for r in scene.records] == [r.name for r in english.records]
    assert [r.end for r in scene.records] == pytest.approx([r.end for r in english.records])


@pytest.mark.parametrize(("entry", "k"), EXTREMES, ids=[f"{e.name}-{k}" for e, k in EXTREMES])
def test_extremes_render_clean(entry, k):
    values = entry.params_class().extremes[k]
    scene = render(entry.name, values)
    assert not layout_report(scene)
    assert not number_problems(scene)
    assert not subtitle_problems(scene)


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_plain_manim_finds_the_scene(entry):
    module = get_module(entry.source)
    cls = getattr(module, entry.class_name)
    assert issubclass(cls, LectureScene)
    assert cls.name == entry.name


def test_listing_and_parameters_never_import_manim():
    code = (
        "import sys\n"
        "from scenes.kit import registry\n"
        "from scenes.kit.words import load_words\n"
        "for e in registry.LECTURE:\n"
        "    e.params_class()()\n"
        "    load_words(e.words_path)\n"
        "import scenes.cli\n"
        "assert 'manim' not in sys.modules, sorted(m for m in sys.modules if 'manim' in m)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-2000:]


def test_dlmath_never_imports_manim():
    code = "import sys, dlmath\nassert 'manim' not in sys.modules\n"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
