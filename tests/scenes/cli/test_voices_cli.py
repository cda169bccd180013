"""``lecture voices`` and ``--voice``: the listing, one-line errors, a missing extra, none stays silent."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from scenes.cli import main
from scenes.cli.options import plan_jobs
from scenes.cli.voices import apply_voice
from scenes.production.voices import engines

TINY = ("--set", "scores=[[1,2]]", "--set", "labels=[0]")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def one_line_error(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("lecture: error: ")
    return lines[0]


def test_voices_lists_defaults_and_draft():
    result = run("voices")
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert "default for en" in lines["piper:joe"]
    assert "default for zh" in lines["espeak:cmn"]
    assert "draft voice" in lines["espeak:cmn"]


def test_voice_none_and_default_resolve_per_language():
    pytest.importorskip("piper", reason="the [voice] extra is not installed")
    jobs = plan_jobs(["hinge-loss"], flags={"lang": "en,zh"})
    assert apply_voice(jobs, "none") == jobs
    voiced = apply_voice(jobs, "default")
    assert [j.voice for j in voiced] == ["piper:joe", "espeak:cmn"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--voice", "espeak:cmn"), "speaks 'zh', not 'en'"),
        (("--voice", "nobody"), "unknown voice; accepted: none, default, piper:joe"),
        (("--voice", "default", "--format", "gif"), "gif has no sound"),
    ],
)
def test_bad_voice_is_one_line(args, words, tmp_path):
    line = one_line_error(run("render", "hinge-loss", *TINY, *args, "--out", tmp_path / "r"))
    assert words in line
    assert not (tmp_path / "r" / "low").exists()


def test_missing_extra_names_it(monkeypatch, tmp_path):
    monkeypatch.setattr(type(engines()["piper"]), "modules", ("no_such_piper_module",))
    line = one_line_error(run("render", "hinge-loss", "--voice", "default", "--out", tmp_path))
    assert "optional extra [voice]" in line
    assert "pip install -e '.[voice]'" in line


@pytest.mark.slow
def test_render_voice_default_en_zh(tmp_path):
    result = run(
        "render", "hinge-loss", *TINY, "--lang", "en,zh", "--voice", "default", "--out", tmp_path
    )
    assert result.exit_code == 0, result.output
    for stem, voice in (("hinge-loss", "piper:joe"), ("hinge-loss.zh", "espeak:cmn")):
        data = json.loads((tmp_path / "low" / f"{stem}.json").read_text())
        assert data["voice"] == voice
