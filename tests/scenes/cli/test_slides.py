"""``lecture slides``, ``lecture gallery`` and ``lecture serve`` on the command line."""

from __future__ import annotations

import shutil
import socket

import pytest

from scenes.production import build as build_module
from tests.scenes.cli.test_cli import assert_one_line_error, files_under, run
from tests.scenes.production.built import SETTINGS, built

pytestmark = pytest.mark.xdist_group("decks")
SET = [arg for s in SETTINGS for arg in ("--set", s)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["hinge-loss", "--to", "html,keynote"],
            "--to: unknown deck format 'keynote'; accepted: html, pptx, pdf",
        ),
        (["hinge-loss", "--to", ","], "--to: no deck format given"),
        (["nosuch", "--to", "html"], "unknown scene 'nosuch'"),
        (["ch9"], "unknown chapter 'ch9'"),
        (["hinge-loss", "--lang", "xx"], "--lang: unknown language 'xx'"),
        (["hinge-loss", "-j", "0"], "-j 0: accepted"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, args, message):
    out = tmp_path / "out"
    line = assert_one_line_error(run("slides", *args, "--out", out), out)
    assert message in line


def test_a_parameter_file_asking_for_stills_is_refused(tmp_path):
    params = tmp_path / "p.toml"
    params.write_text('format = "png"\n', encoding="utf-8")
    out = tmp_path / "out"
    line = assert_one_line_error(run("slides", "hinge-loss", "--params", params, "--out", out))
    assert "slides need mp4 clips" in line


def test_slides_build_through_the_cache_then_write_every_deck(tmp_path, monkeypatch):
    out = tmp_path / "renders"
    asked = []

    def fake_build(request, progress=True):
        asked.append(request)
        shutil.copytree(built() / "low", request.out / "low", dirs_exist_ok=True)
        return [request.out / "low" / f"{job.stem}.json" for job in request.jobs]

    monkeypatch.setattr(build_module, "build", fake_build)
    result = run(
        "slides", "hinge-loss", *SET, "--lang", "en,zh", "--pace", "0.5", "-j", "2", "--out", out
    )
    assert result.exit_code == 0, result.output
    (request,) = asked
    assert [(j.name, j.lang, j.pace) for j in request.jobs] == [
        ("hinge-loss", "en", 0.5),
        ("hinge-loss", "zh", 0.5),
    ]
    assert request.workers == 2
    assert request.video is None
    decks = out / "low" / "decks"
    expected = [
        decks / f"hinge-loss{lang}.{ext}" for lang in ("", ".zh") for ext in ("html", "pptx", "pdf")
    ]
    assert result.stdout.split() == [str(p) for p in expected]
    assert sorted(decks.iterdir()) == sorted(expected)  # no temporary file left
    assert (out / "index.html").is_file()
    again = run(
        "slides", "hinge-loss", *SET, "--lang", "zh", "--pace", "0.5", "--to", "pdf", "--out", out
    )
    assert again.stdout.split() == [str(decks / "hinge-loss.zh.pdf")]


def test_gallery_command(tmp_path):
    shutil.copytree(built(), tmp_path / "renders")
    result = run("gallery", "--out", tmp_path / "renders")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(tmp_path / "renders" / "index.html")
    assert_one_line_error(run("gallery", "--out", tmp_path / "none"), tmp_path / "none")


def test_serve_on_a_busy_port_is_one_line(tmp_path):
    (tmp_path / "renders").mkdir()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        line = assert_one_line_error(run("serve", "--out", tmp_path / "renders", "--port", port))
    assert f"cannot listen on 127.0.0.1:{port}" in line
    assert files_under(tmp_path / "renders") == []


@pytest.mark.slow
def test_slides_for_real(tmp_path):
    out = tmp_path / "renders"
    result = run("slides", "hinge-loss", *SET, "--pace", "0.5", "--to", "html,pptx", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [
        str(out / "low" / "decks" / f"hinge-loss.{e}") for e in ("html", "pptx")
    ]
