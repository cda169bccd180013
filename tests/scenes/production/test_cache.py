"""The build cache: content keys cover every job field, the code and the tools; entries and records."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from scenes.kit import registry
from scenes.production import cache as cache_module
from scenes.production.cache import Cache, code_digest, job_key, settings
from scenes.production.job import RenderJob
from scenes.production.titlecard import TitleJob, title_jobs


def job(**changes) -> RenderJob:
    entry = registry.get("hinge-loss")
    params = entry.params_class()(scores=[[1.0, 2.0]], labels=[0])
    return dataclasses.replace(RenderJob("hinge-loss", params), **changes)


def test_every_field_of_the_job_changes_the_key():
    base = job()
    other = registry.get("hinge-loss").params_class()(scores=[[1.0, 3.0]], labels=[0])
    values = {
        "name": "softmax",
        "params": other,
        "quality": "high",
        "fmt": "webm",
        "transparent": True,
        "lang": "zh",
        "theme": "light",
        "pace": 1.5,
        "words": {"en": {"title": "x"}},
        "scene": TitleJob,  # any class: keyed by its qualified name
        "voice": "default",
    }
    keys = {job_key(base, "code")}
    for field in dataclasses.fields(RenderJob):
        assert field.name in values, f"no test value for the new field {field.name!r}"
        keys.add(job_key(dataclasses.replace(base, **{field.name: values[field.name]}), "code"))
    assert len(keys) == len(dataclasses.fields(RenderJob)) + 1
    assert job_key(job(), "code") == job_key(base, "code")  # stable


def test_a_field_added_later_is_keyed_without_touching_the_cache():
    @dataclasses.dataclass(frozen=True)
    class LaterJob(RenderJob):
        narrator: str = "none"

    a = LaterJob("hinge-loss", job().params)
    b = dataclasses.replace(a, narrator="piper")
    assert settings(b)["narrator"] == "piper"
    assert job_key(a, "code") != job_key(b, "code")


def test_code_and_tool_versions_change_the_key(monkeypatch):
    assert job_key(job(), "one") != job_key(job(), "two")
    before = job_key(job(), "code")
    monkeypatch.setattr(
        cache_module, "versions", lambda: {"project": "0", "manim": "9.9", "typst": "0.13"}
    )
    assert job_key(job(), "code") != before


def test_code_digest_covers_code_words_and_assets_not_the_cli(tmp_path: Path):
    for name in ("dlmath/a.py", "scenes/ch2/x.toml", "scenes/widgets/p.svg", "scenes/cli/c.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("1")
    (tmp_path / "scenes/__pycache__").mkdir()
    digest = code_digest.__wrapped__  # uncached
    first = digest(tmp_path)
    (tmp_path / "scenes/cli/c.py").write_text("2")
    (tmp_path / "scenes/__pycache__/x.pyc").write_text("2")
    assert digest(tmp_path) == first
    for name in ("dlmath/a.py", "scenes/ch2/x.toml", "scenes/widgets/p.svg"):
        (tmp_path / name).write_text("changed")
        assert digest(tmp_path) != first
        first = digest(tmp_path)
    assert len(code_digest()) == 64


def test_entries_appear_whole_and_records_see_outside_changes(tmp_path: Path):
    store = Cache(tmp_path)
    work = store.work_dir("k")
    (work / "hinge-loss").mkdir()
    (work / "hinge-loss/01_a.png").write_bytes(b"png")
    assert not store.has("k1")
    store.store("k1", work)
    assert store.has("k1")
    assert not work.exists()
    with pytest.raises(ValueError, match="outside"):
        store.store_files("k2", {"../evil": b"x"})
    store.store_files("k3", {"hinge-loss.json": b"{}", "hinge-loss/01_a.png": b"p"})
    assert (store.entry("k3") / "hinge-loss/01_a.png").read_bytes() == b"p"

    one = job()
    quality = tmp_path / "low"
    quality.mkdir()
    (quality / "hinge-loss.json").write_text("{}")
    assert store.published(one, "k3") is None
    store.mark_published(one, "k3", ["hinge-loss.json"])
    assert store.published(one, "k3") == quality / "hinge-loss.json"
    assert store.published(one, "k1") is None  # another key
    (quality / "hinge-loss.json").write_text('{"rendered": "by lecture render"}')
    assert store.published(one, "k3") is None  # replaced outside the build
    record = json.loads((store.root / "published/low/hinge-loss.json").read_text())
    assert record["key"] == "k3"


def test_title_cards_one_per_chapter_language_and_theme():
    jobs = [
        dataclasses.replace(job(), name=name, lang=lang)
        for name in ("knn-vote", "hinge-loss", "softmax", "pooling")
        for lang in ("en", "zh")
    ]
    cards = title_jobs(jobs)
    assert sorted((c.chapter, c.lang) for c in cards) == [
        (1, "en"), (1, "zh"), (2, "en"), (2, "zh"), (3, "en"), (3, "zh"),
    ]  # fmt: skip
    card = next(c for c in cards if c.chapter == 2 and c.lang == "zh")
    assert card.stem == "title-ch2.zh"
    assert card.words is not None
    assert card.words["zh"]["steps"]["card"] == "第 2 章：前向传播与反向传播"
    assert card.words["en"]["steps"]["card"] == "Chapter 2: Forward and backward propagation"
    assert title_jobs([dataclasses.replace(job(), fmt="png")]) == []


def test_deck_and_gallery_code_never_rerenders(tmp_path):
    """Editing what only reads finished renders keeps every key; editing a scene changes them."""
    from scenes.production.cache import code_digest

    for rel in ("dlmath/a.py", "scenes/ch2/s.py", "scenes/production/render.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n")
    base = code_digest.__wrapped__(tmp_path)
    for rel in (
        "scenes/production/decks_html.py",
        "scenes/production/gallery.py",
        "scenes/production/serve.py",
        "scenes/production/handout.py",
        "scenes/production/assets/reveal/reveal.js",
        "scenes/cli/slides.py",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("changed\n")
        assert code_digest.__wrapped__(tmp_path) == base, rel
    (tmp_path / "scenes/ch2/s.py").write_text("x = 2\n")
    assert code_digest.__wrapped__(tmp_path) != base


def test_a_narrated_job_is_keyed_by_its_voice_packages(monkeypatch):
    """A new voice model speaks differently; a silent job does not care."""
    silent, spoken = job(), job(voice="piper:joe")
    before = job_key(silent, "c"), job_key(spoken, "c")
    monkeypatch.setattr(cache_module, "_installed", lambda dist: "99.0")
    assert job_key(silent, "c") == before[0]
    assert job_key(spoken, "c") != before[1]
