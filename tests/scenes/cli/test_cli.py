"""The ``lecture`` command: list, params, render options; one-line errors; nothing half-written."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from scenes.cli import main
from scenes.cli.options import LectureOptions, lecture_options, plan_jobs
from scenes.kit import registry
from scenes.kit.errors import ParamError
from scenes.kit.words import glossary, languages

SCENE = "hinge-loss"
#: The smallest hinge-loss: one image, two classes (five steps).
TINY = ("--set", "scores=[[1,2]]", "--set", "labels=[0]")
TINY_STEPS = ["scores", "formula", "example-1", "mean", "margin"]
HAN = re.compile(r"[\u4e00-\u9fff]")


def run(*args: str | Path):
    """Invoke ``lecture`` the way a shell would; unexpected exceptions propagate."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def assert_one_line_error(result, out: Path | None = None, code: int = 2) -> str:
    """Bad input (exit 2): one line on stderr, nothing else; nothing written under ``out``."""
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("lecture: error: "), lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""
    if out is not None:
        assert not out.exists(), files_under(out)
    return lines[0]


def assert_fault(result) -> str:
    """A fault met while rendering (exit 1): the progress line, then one error line."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    ours = [line for line in result.stderr.splitlines() if line.startswith("lecture:")]
    assert len(ours) == 1, result.stderr
    assert ours[0].startswith("lecture: error: ")
    assert result.stderr.rstrip("\n").splitlines()[-1] == ours[0]
    assert "stopped, nothing written" in result.stderr
    return ours[0]


# ----------------------------------------------------------------------------
# version, list, help


def test_version():
    from importlib.metadata import version

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"lecture {version('dl-lecture-videos')}\n"


def test_list_shows_scenes_in_lecture_order_by_chapter():
    result = run("list")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    names = [line.split()[0] for line in lines if line.startswith("  ")]
    assert names == registry.names()
    chapters = glossary()["en"].table["chapters"]
    headings = [line for line in lines if not line.startswith("  ")]
    have = sorted({e.chapter for e in registry.LECTURE})
    assert headings == [f"Chapter {n}: {chapters[n - 1]}" for n in have]
    for entry in registry.LECTURE:
        assert entry.words()["en"]["title"] in result.stdout


def test_list_in_chinese():
    result = run("list", "--lang", "zh")
    assert result.exit_code == 0, result.output
    for entry in registry.LECTURE:
        assert entry.words()["zh"]["title"] in result.stdout
    assert "第 2 章" in result.stdout


def test_no_command_shows_help():
    result = run()
    assert result.exit_code == 0
    assert "render" in result.stdout
    assert "lecture: error" not in result.output


def test_unknown_command():
    assert "nope" in assert_one_line_error(run("nope"))


# ----------------------------------------------------------------------------
# params: [scene] tables that --params accepts back


def test_params_prints_a_scene_table():
    result = run("params", SCENE)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    defaults = registry.get(SCENE).params_class()()
    assert tomllib.loads(result.stdout) == {SCENE: defaults.model_dump()}


def test_params_with_set():
    result = run("params", SCENE, "--set", "delta=2")
    assert result.exit_code == 0, result.output
    assert tomllib.loads(result.stdout)[SCENE]["delta"] == 2
    assert "delta = 2.0" in result.stdout.splitlines()


def test_params_of_a_chapter_and_all_in_lecture_order():
    result = run("params", "backprop-simple", "ch2", SCENE)
    assert result.exit_code == 0, result.output
    chapter2 = [e.name for e in registry.LECTURE if e.chapter == 2]
    assert list(tomllib.loads(result.stdout)) == chapter2
    result = run("params", "all")
    assert list(tomllib.loads(result.stdout)) == registry.names()


def test_params_round_trip_for_every_scene(tmp_path):
    """``lecture params all`` prints a file that ``--params`` takes back unchanged."""
    first = run("params", "all")
    assert first.exit_code == 0, first.output
    path = tmp_path / "lecture.toml"
    path.write_text(first.stdout, encoding="utf-8")
    again = run("params", "all", "--params", path)
    assert again.exit_code == 0, again.output
    assert again.stdout == first.stdout
    for name in registry.names():
        alone = run("params", name, "--params", path)
        assert alone.exit_code == 0, alone.output
        assert f"[{name}]" in alone.stdout
    jobs = plan_jobs(["all"], params_file=str(path))
    assert [j.name for j in jobs] == registry.names()
    for job in jobs:
        assert job.params == registry.get(job.name).params_class()()


def test_params_file_tables_and_options(tmp_path):
    path = tmp_path / "lecture.toml"
    path.write_text(
        'quality = "high"\nlang = "en,zh"\ntheme = "light"\npace = 1.5\nformat = "png"\n\n'
        "[hinge-loss]\nscores = [[1, 2, 3], [3, 2, 1]]\nlabels = [0, 2]\ndelta = 3\n\n"
        "[gradient-descent]\nsteps = 1\n",
        encoding="utf-8",
    )
    result = run("params", SCENE, "--params", path)
    assert result.exit_code == 0, result.output
    values = tomllib.loads(result.stdout)[SCENE]
    assert values["scores"] == [[1, 2, 3], [3, 2, 1]]
    assert values["delta"] == 3
    result = run("params", SCENE, "--params", path, "--set", "delta=4.5")
    assert tomllib.loads(result.stdout)[SCENE]["delta"] == 4.5  # --set wins over the file

    jobs = plan_jobs([SCENE, "gradient-descent"], params_file=str(path))
    assert [(j.name, j.lang) for j in jobs] == [
        (SCENE, "en"),
        (SCENE, "zh"),
        ("gradient-descent", "en"),
        ("gradient-descent", "zh"),
    ]
    assert {(j.quality, j.theme, j.pace, j.fmt) for j in jobs} == {("high", "light", 1.5, "png")}
    assert jobs[2].params.steps == 1  # type: ignore[attr-defined]
    flags = {"quality": "low", "lang": "zh", "theme": "dark", "pace": 2, "format": "mp4"}
    jobs = plan_jobs([SCENE], params_file=str(path), flags=flags)  # flags win over the file
    assert [(j.quality, j.lang, j.theme, j.pace, j.fmt) for j in jobs] == [
        ("low", "zh", "dark", 2.0, "mp4")
    ]


def test_lecture_options_defaults_and_lists():
    assert lecture_options({}, {}) == LectureOptions("low", ("en",), "mp4", "dark", 1.0)
    assert lecture_options({}, {"lang": ["zh", "en", "zh"]}).langs == ("zh", "en")
    assert lecture_options({"lang": " en , zh "}, {}).langs == ("en", "zh")


def test_set_with_several_scenes_names_the_scene():
    jobs = plan_jobs(
        [SCENE, "backprop-simple"], assignments=["hinge-loss.delta=2", "backprop-simple.x=3"]
    )
    assert jobs[0].params.delta == 2  # type: ignore[attr-defined]
    assert jobs[1].params.x == 3  # type: ignore[attr-defined]


def test_a_chapter_without_scenes_is_an_error(monkeypatch):
    only = tuple(e for e in registry.LECTURE if e.chapter != 3)
    monkeypatch.setattr(registry, "LECTURE", only)
    line = assert_one_line_error(run("params", "ch3"))
    assert "chapter ch3 has no scenes yet" in line
    assert "ch2" in line


# ----------------------------------------------------------------------------
# bad input: exit 2, one line on stderr, nothing written


def _files(tmp_path: Path) -> dict[str, Path]:
    texts = {
        "malformed": "delta = \n[hinge-loss\n",
        "unknown_table": "[hinge-los]\ndelta = 2\n",
        "bad_value": "[hinge-loss]\ndelta = -1\n",
        "top_level_param": "delta = 2\n",
        "scene_not_table": '"hinge-loss" = 3\n',
        "bad_quality": 'quality = "ultra"\n',
        "bad_pace": "pace = true\n",
        "bad_lang": 'lang = ["en", 3]\n',
        "deep": "[hinge-loss]\nscores = " + "[" * 5000 + "]" * 5000 + "\n",
        "deep_open": "x = " + "[" * 5000 + "\n",
        "words_unknown_key": '[en.steps]\nnope = "x"\n',
        "words_placeholder": '[en.steps]\nmean = "{nope}"\n',
        "words_language": '[fr]\ntitle = "x"\n',
        "words_unknown_table": '[nope.en]\ntitle = "x"\n',
        "words_not_table": '"hinge-loss" = 1\n',
        "words_malformed": "[en\n",
    }
    files = {}
    for name, text in texts.items():
        files[name] = tmp_path / f"{name}.toml"
        files[name].write_text(text, encoding="utf-8")
    files["huge"] = tmp_path / "huge.toml"
    files["huge"].write_text("# " + "x" * (5 * 2**20) + "\n", encoding="utf-8")
    files["latin1"] = tmp_path / "latin1.toml"
    files["latin1"].write_bytes('[hinge-loss]\nclasses = ["caf\xe9"]\n'.encode("latin-1"))
    files["missing"] = tmp_path / "missing.toml"
    files["folder"] = tmp_path / "a-folder"
    files["folder"].mkdir()
    return files


BAD_RENDER = {
    "unknown scene": (["nope"], "unknown scene 'nope'"),
    "unknown second scene": ([SCENE, "nope"], "accepted: "),
    "unknown chapter": (["ch9"], "unknown chapter 'ch9'"),
    "unknown key": ([SCENE, "--set", "foo=1"], "unknown parameter 'foo'"),
    "unknown scene in --set": ([SCENE, "--set", "nosuch.x=5"], "unknown scene 'nosuch'"),
    "bare --set, several scenes": ([SCENE, "backprop-simple", "--set", "x=1"], "SCENE.x"),
    "bare --set, a chapter": (["ch2", "--set", "delta=1"], "SCENE.delta"),
    "--set for a scene not selected": ([SCENE, "--set", "backprop-simple.x=1"], "not selected"),
    "wrong type string": ([SCENE, "--set", 'delta="x"'], "delta"),
    "wrong type bare word": ([SCENE, "--set", "delta=x"], "delta"),
    "wrong type bool": ([SCENE, "--set", "delta=true"], "delta"),
    "out of range": ([SCENE, "--set", "delta=-1"], "greater than or equal to 0"),
    "not finite": ([SCENE, "--set", "scores=[[nan,1,2],[1,2,3],[1,2,3]]"], "finite"),
    "shapes do not fit": ([SCENE, "--set", "scores=[[1,2,3],[3,2,1]]"], "labels"),
    "malformed value": ([SCENE, "--set", "scores=[[1,2"], "not a TOML value"),
    "deep value": ([SCENE, "--set", "scores=" + "[" * 3000 + "]" * 3000], "--set scores"),
    "missing =": ([SCENE, "--set", "delta"], "key=value"),
    "missing params file": ([SCENE, "--params", "{missing}"], "No such file"),
    "params file is a folder": ([SCENE, "--params", "{folder}"], "directory"),
    "malformed params file": ([SCENE, "--params", "{malformed}"], "not valid TOML"),
    "non-UTF-8 params file": ([SCENE, "--params", "{latin1}"], "UTF-8"),
    "huge params file": ([SCENE, "--params", "{huge}"], "larger than"),
    "5000 brackets deep": ([SCENE, "--params", "{deep}"], "nested too deeply"),
    "5000 open brackets": ([SCENE, "--params", "{deep_open}"], "deep_open.toml"),
    "unknown scene table": ([SCENE, "--params", "{unknown_table}"], "[hinge-los]"),
    "bad value in file": ([SCENE, "--params", "{bad_value}"], "delta"),
    "parameter at the top level": ([SCENE, "--params", "{top_level_param}"], "'delta'"),
    "scene not a table": ([SCENE, "--params", "{scene_not_table}"], "must be a table"),
    "bad quality in file": ([SCENE, "--params", "{bad_quality}"], "'ultra'"),
    "bad pace in file": ([SCENE, "--params", "{bad_pace}"], "pace"),
    "bad lang in file": ([SCENE, "--params", "{bad_lang}"], "language codes"),
    "bad quality": ([SCENE, "--quality", "ultra"], "ultra"),
    "bad -q": ([SCENE, "-q", "8k"], "8k"),
    "bad format": ([SCENE, "--format", "avi"], "avi"),
    "bad lang": ([SCENE, "--lang", "fr"], "unknown language 'fr'"),
    "bad second lang": ([SCENE, "--lang", "en,fr"], "'fr'"),
    "empty lang": ([SCENE, "--lang", ","], "no language"),
    "bad theme": ([SCENE, "--theme", "sepia"], "sepia"),
    "pace too slow": ([SCENE, "--pace", "3.5"], "0.5 to 3"),
    "pace too fast": ([SCENE, "--pace", "0.25"], "0.5 to 3"),
    "pace nan": ([SCENE, "--pace", "nan"], "pace"),
    "pace not a number": ([SCENE, "--pace", "slow"], "slow"),
    "transparent mp4": ([SCENE, "--transparent"], "--transparent"),
    "transparent gif": ([SCENE, "--transparent", "--format", "gif"], "--transparent"),
    "words: unknown key": ([SCENE, "--words", "{words_unknown_key}"], "no word 'steps.nope'"),
    "words: placeholder": ([SCENE, "--words", "{words_placeholder}"], "{nope}"),
    "words: language": ([SCENE, "--words", "{words_language}"], "unknown language or scene [fr]"),
    "words: unknown table": ([SCENE, "--words", "{words_unknown_table}"], "[nope]"),
    "words: not a table": ([SCENE, "--words", "{words_not_table}"], "must be a table"),
    "words: malformed": ([SCENE, "--words", "{words_malformed}"], "words file"),
    "words: missing": ([SCENE, "--words", "{missing}"], "cannot read words file"),
    "words: deep": ([SCENE, "--words", "{deep_open}"], "words file"),
    "words: language tables, several scenes": (
        [SCENE, "backprop-simple", "--words", "{words_unknown_key}"],
        "table named after it",
    ),
    "unknown option": ([SCENE, "--bogus"], "--bogus"),
    "no scene": ([], "SCENES"),
}


@pytest.mark.parametrize("case", BAD_RENDER, ids=list(BAD_RENDER))
def test_render_bad_input(tmp_path, case):
    args, word = BAD_RENDER[case]
    files = _files(tmp_path)
    args = [a.format(**files) if a.startswith("{") else a for a in args]
    out = tmp_path / "renders"
    line = assert_one_line_error(run("render", *args, "--out", out), out)
    assert word in line


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["nope"], "accepted: "),
        ([SCENE, "--set", "foo=1"], "accepted: scores, labels, delta, classes"),
        ([SCENE, "--set", "scores=[[1,2"], "--set scores"),
        ([SCENE, "--params", "{malformed}"], "malformed.toml"),
        ([SCENE, "--params", "{deep}"], "nested too deeply"),
        ([SCENE, "--params", "{bad_quality}"], "'ultra'"),
        ([SCENE, "backprop-simple", "--set", "delta=2"], "SCENE.delta"),
        ([SCENE, "--set", "nosuch.x=5"], "unknown scene 'nosuch'"),
        ([], "SCENES"),
    ],
)
def test_params_bad_input(tmp_path, args, word):
    files = _files(tmp_path)
    args = [a.format(**files) if a.startswith("{") else a for a in args]
    assert word in assert_one_line_error(run("params", *args))


def test_out_is_a_file(tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("keep")
    assert "is a file" in assert_one_line_error(run("render", SCENE, "--out", a_file))
    assert a_file.read_text() == "keep"
    assert_one_line_error(run("render", SCENE, "--out", a_file / "sub"))


def test_out_cannot_be_created(tmp_path, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    out = tmp_path / "renders"
    line = assert_one_line_error(run("render", SCENE, "--out", out), out, code=1)
    assert "cannot create the output folder" in line
    assert "Permission denied" in line


def test_out_not_writable(tmp_path, monkeypatch):
    import scenes.cli.options as options

    monkeypatch.setattr(options.os, "access", lambda *a, **k: False)
    out = tmp_path / "renders"
    out.mkdir()
    line = assert_one_line_error(run("render", SCENE, "--out", out), code=1)
    assert "cannot write to the output folder" in line
    assert files_under(out) == []


def test_a_file_where_the_quality_folder_goes(tmp_path):
    out = tmp_path / "renders"
    out.mkdir()
    (out / "low").write_text("in the way")
    line = assert_fault(run("render", SCENE, "--out", out))
    assert f"cannot write to {out / 'low'}" in line
    assert (out / "low").read_text() == "in the way"


# ----------------------------------------------------------------------------
# --words: a lecturer's rewording


def test_words_file_rewords_one_scene(tmp_path):
    path = tmp_path / "words.toml"
    path.write_text(
        '[en.steps]\nmean = "Average: {loss}."\n\n[zh.steps]\nmean = "平均：{loss}。"\n',
        encoding="utf-8",
    )
    (job,) = plan_jobs([SCENE], words_file=str(path))
    assert job.words is not None
    assert job.words["en"]["steps"]["mean"] == "Average: {loss}."
    assert job.words["zh"]["steps"]["mean"] == "平均：{loss}。"
    assert (
        job.words["en"]["steps"]["scores"] == registry.get(SCENE).words()["en"]["steps"]["scores"]
    )


def test_words_file_with_scene_tables(tmp_path):
    path = tmp_path / "words.toml"
    path.write_text(
        '["hinge-loss".en]\ntitle = "Hinge"\n\n["backprop-simple".en]\ntitle = "Backprop"\n'
        '\n["gradient-descent".en]\ntitle = "not selected: ignored"\n',
        encoding="utf-8",
    )
    jobs = plan_jobs([SCENE, "backprop-simple"], words_file=str(path), flags={"lang": "en,zh"})
    titles = {(j.name, j.lang): j.words and j.words["en"]["title"] for j in jobs}
    assert titles == {
        (SCENE, "en"): "Hinge",
        (SCENE, "zh"): "Hinge",
        ("backprop-simple", "en"): "Backprop",
        ("backprop-simple", "zh"): "Backprop",
    }


def test_every_glossary_language_renders():
    jobs = plan_jobs([SCENE], flags={"lang": ",".join(languages())})
    assert [j.lang for j in jobs] == languages()


def test_plan_errors_are_param_errors():
    with pytest.raises(ParamError, match="unknown scene"):
        plan_jobs(["nope"])


# ----------------------------------------------------------------------------
# real renders (tiny: one image, two classes, low quality)


def manifest_of(path: Path) -> dict:
    import json

    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[object, Path]:
    out = tmp_path_factory.mktemp("cli") / "renders"
    return run("render", SCENE, "--out", out, *TINY), out


def test_render_writes_its_stem(rendered):
    result, out = rendered
    assert result.exit_code == 0, result.output
    low = out / "low"
    steps = [f"{i:02d}_{name}" for i, name in enumerate(TINY_STEPS, start=1)]
    expected = {low / f"{SCENE}.{ext}" for ext in ("mp4", "srt", "vtt", "png", "json")}
    expected |= {low / SCENE / f"{s}.{ext}" for s in steps for ext in ("mp4", "png", "vtt")}
    assert set(files_under(out)) == expected
    assert not list(out.rglob(".tmp-*"))
    printed = [Path(line) for line in result.stdout.splitlines()]
    assert set(printed) == expected
    assert printed[-1] == low / f"{SCENE}.json"  # the manifest comes last
    data = manifest_of(low / f"{SCENE}.json")
    assert data["scene"] == SCENE
    assert (data["language"], data["theme"], data["format"], data["quality"]) == (
        "en",
        "dark",
        "mp4",
        "low",
    )
    assert data["parameters"]["scores"] == [[1.0, 2.0]]
    assert [s["name"] for s in data["steps"]] == TINY_STEPS
    assert sorted(data["files"]) == sorted(str(p.relative_to(low)) for p in expected)


def test_render_video_clips_and_subtitles_agree(rendered):
    av = pytest.importorskip("av")
    from PIL import Image

    _, out = rendered
    low = out / "low"

    def seconds(path: Path) -> float:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            assert (stream.width, stream.height) == (854, 480)
            return float(container.duration) / av.time_base

    total = seconds(low / f"{SCENE}.mp4")
    data = manifest_of(low / f"{SCENE}.json")
    assert total == pytest.approx(data["duration"], abs=0.2)
    clips = sum(seconds(p) for p in sorted((low / SCENE).glob("*.mp4")))
    assert clips == pytest.approx(total, abs=0.5)
    srt = (low / f"{SCENE}.srt").read_text(encoding="utf-8")
    ends = re.findall(r"--> (\d\d):(\d\d):(\d\d),(\d\d\d)", srt)
    h, m, sec, ms = (int(x) for x in ends[-1])
    assert h * 3600 + m * 60 + sec + ms / 1000 == pytest.approx(data["duration"], abs=0.01)
    assert "2" in data["steps"][2]["subtitle"]  # example-1: max(0, 2 - 1 + 1) = 2
    assert Image.open(low / f"{SCENE}.png").size == (854, 480)


def test_png_render_replaces_its_stem_whole_and_nothing_else(rendered, tmp_path):
    import shutil

    _, first = rendered
    out = tmp_path / "renders"
    shutil.copytree(first, out)
    low = out / "low"
    others = {
        low / f"{SCENE}.zh.mp4": b"zh video",
        low / f"{SCENE}.zh" / "01_scores.mp4": b"zh clip",
        low / f"{SCENE}.light.json": b"{}",
        low / f"{SCENE}-2.mp4": b"another scene",
        low / "notes.txt": b"mine",
    }
    for path, data in others.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (low / SCENE / "09_gone.png").write_bytes(b"a still of a step that no longer exists")
    result = run("render", SCENE, "--out", out, "--format", "png", *TINY)
    assert result.exit_code == 0, result.output
    stills = {low / SCENE / f"{i:02d}_{n}.png" for i, n in enumerate(TINY_STEPS, start=1)}
    ours = {low / f"{SCENE}.png", low / f"{SCENE}.json", *stills}
    assert set(files_under(out)) == ours | set(others)
    assert {p: p.read_bytes() for p in others} == others
    data = manifest_of(low / f"{SCENE}.json")
    assert data["format"] == "png"
    assert all(s["clip"] is None for s in data["steps"])
    assert [low / s["still"] for s in data["steps"]] == sorted(stills)


def test_languages_and_themes_have_their_own_stems(tmp_path):
    out = tmp_path / "renders"
    args = ("--format", "png", "--lang", "en,zh", "--theme", "light")
    result = run("render", SCENE, "--out", out, *args, *TINY)
    assert result.exit_code == 0, result.output
    low = out / "low"
    for stem, lang in ((f"{SCENE}.light", "en"), (f"{SCENE}.zh.light", "zh")):
        data = manifest_of(low / f"{stem}.json")
        assert (data["stem"], data["language"], data["theme"]) == (stem, lang, "light")
        assert len(list((low / stem).glob("*.png"))) == len(TINY_STEPS)
    progress = [line.strip() for line in result.stderr.splitlines() if "] hinge-loss" in line]
    assert len(progress) == 2, result.stderr  # one line per job
    assert progress[0].startswith("[1/2] hinge-loss.light (low, png): done in")
    assert progress[1].startswith("[2/2] hinge-loss.zh.light (low, png): done in")
    zh = manifest_of(low / f"{SCENE}.zh.light.json")
    assert all(HAN.search(s["subtitle"]) for s in zh["steps"])
    assert not (low / f"{SCENE}.json").exists()


def test_reworded_subtitles_reach_the_manifest(tmp_path):
    words = tmp_path / "words.toml"
    words.write_text('[en.steps]\nmean = "On average {loss}."\n', encoding="utf-8")
    out = tmp_path / "renders"
    result = run("render", SCENE, "--out", out, "--format", "png", "--words", words, *TINY)
    assert result.exit_code == 0, result.output
    data = manifest_of(out / "low" / f"{SCENE}.json")
    assert data["reworded"] is True
    mean = next(s for s in data["steps"] if s["name"] == "mean")
    assert mean["subtitle"] == "On average 2."


# ----------------------------------------------------------------------------
# Ctrl-C: exit 130, nothing half-written, the previous render kept


def _interrupt_at(monkeypatch, step_index: int) -> dict[str, object]:
    """Make the render raise KeyboardInterrupt when step ``step_index`` begins."""
    import scenes.production.export as export

    real = export.run_scene
    seen: dict[str, object] = {}

    def interrupted(*args, on_step=None, media_dir, **kwargs):
        def stop(index: int, name: str) -> None:
            if on_step is not None:
                on_step(index, name)
            if index == step_index:
                seen["staging"] = Path(media_dir).parent
                seen["files"] = files_under(Path(media_dir).parent)
                raise KeyboardInterrupt

        return real(*args, on_step=stop, media_dir=media_dir, **kwargs)

    monkeypatch.setattr(export, "run_scene", interrupted)
    return seen


def assert_interrupted(result, signal: str = "") -> None:
    assert result.exit_code == 130, result.output
    assert "Traceback" not in result.output
    ours = [line for line in result.stderr.splitlines() if line.startswith("lecture:")]
    assert len(ours) == 1, result.stderr
    assert ours[0].startswith(f"lecture: interrupted{signal}")
    assert result.stderr.rstrip("\n").splitlines()[-1] == ours[0]  # the last word
    assert result.stdout == ""  # no file reported as written


def test_interrupt_leaves_no_files(tmp_path, monkeypatch):
    seen = _interrupt_at(monkeypatch, 1)
    out = tmp_path / "renders"
    assert_interrupted(run("render", SCENE, "--out", out, *TINY))
    staging = seen["staging"]
    assert isinstance(staging, Path)
    assert staging.parent == out / "low"
    assert staging.name.startswith(f".tmp-{SCENE}-")
    assert seen["files"], "the first step should have written partial files to the staging folder"
    assert not staging.exists()
    assert files_under(out) == []


def test_interrupt_keeps_the_previous_render(tmp_path, monkeypatch):
    out = tmp_path / "renders"
    low = out / "low"
    (low / SCENE).mkdir(parents=True)
    old = {
        low / f"{SCENE}.mp4": b"old video",
        low / f"{SCENE}.srt": b"old subtitles",
        low / f"{SCENE}.json": b"{}",
        low / SCENE / "01_scores.mp4": b"old clip",
    }
    for path, data in old.items():
        path.write_bytes(data)
    _interrupt_at(monkeypatch, 0)
    assert_interrupted(run("render", SCENE, "--out", out))
    assert {p: p.read_bytes() for p in files_under(out)} == old
    assert not list(out.rglob(".tmp-*"))


# ----------------------------------------------------------------------------
# SIGTERM and SIGHUP clean up like Ctrl-C; a killed run's staging folder goes next time


def _lecture(*args: str | Path, **kwargs):
    import subprocess
    import sys

    command = [sys.executable, "-m", "scenes.cli", *(str(a) for a in args)]
    return subprocess.Popen(command, text=True, **kwargs)


def _wait_for_partial_video(out: Path, proc, seconds: float = 120) -> None:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the render ended before it could be signalled: {proc.returncode}")
        if any(p.suffix == ".mp4" for p in (out / "low").glob(".tmp-*/media/**/*")):
            return
        time.sleep(0.05)
    pytest.fail("no partial video appeared")


@pytest.mark.parametrize(
    "name", [pytest.param("SIGINT", marks=pytest.mark.slow), "SIGTERM", "SIGHUP"]
)
def test_signal_mid_render_cleans_up(tmp_path, name):
    import signal
    import subprocess

    out = tmp_path / "renders"
    proc = _lecture(
        "render", SCENE, "--out", out, "--pace", "3", *TINY,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        _wait_for_partial_video(out, proc)
        proc.send_signal(getattr(signal, name))
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.rstrip("\n").splitlines()[-1] == (
        f"lecture: interrupted ({name}); no half-written output was left behind"
    )
    assert stdout == ""
    assert files_under(out) == []
    assert not list(out.rglob(".tmp-*"))


def test_leftover_of_a_killed_run_is_removed_but_not_a_live_one(tmp_path):
    import subprocess
    import sys

    from scenes.production.staging import _start_time

    out = tmp_path / "renders"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        start = _start_time(live.pid) or 0
        killed = out / "high" / f".tmp-{SCENE}-{dead.pid}-1-0123abcd"
        running = out / "low" / f".tmp-{SCENE}.zh-{live.pid}-{start}-4567cdef"
        reused = out / "low" / f".tmp-{SCENE}-{live.pid}-{start + 1}-89abcdef"  # pid reused
        stranger = out / "low" / ".tmp-not-ours"
        for folder in (killed, running, reused, stranger):
            (folder / "media").mkdir(parents=True)
            (folder / "media" / "part.mp4").write_bytes(b"partial")
        result = run("render", SCENE, "--out", out, "--format", "png", *TINY)
        assert result.exit_code == 0, result.output
        assert not killed.exists()
        assert running.exists()
        assert not reused.exists() or start == 0
        assert stranger.exists()
    finally:
        live.kill()
        live.wait()


# ----------------------------------------------------------------------------
# faults: one line, exit 1, nothing half-written


def _fail_in_render(monkeypatch, error: BaseException) -> None:
    import scenes.production.export as export

    def failing(*args, media_dir, **kwargs):
        Path(media_dir).mkdir(parents=True, exist_ok=True)
        (Path(media_dir) / "partial.mp4").write_bytes(b"half")
        raise error

    monkeypatch.setattr(export, "run_scene", failing)


def test_disk_full_is_one_line(tmp_path, monkeypatch):
    import errno

    _fail_in_render(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    out = tmp_path / "renders"
    line = assert_fault(run("render", SCENE, "--out", out))
    assert "disk is full" in line
    assert str(out / "low") in line
    assert files_under(out) == []
    assert not list(out.rglob(".tmp-*"))


def test_failed_video_segment_on_a_full_disk_is_one_line(tmp_path, monkeypatch):
    import shutil
    from collections import namedtuple

    import scenes.production.staging as staging

    _fail_in_render(monkeypatch, RuntimeError("Failed to finish video segment /x/y.mp4"))
    real = shutil.disk_usage
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(staging.shutil, "disk_usage", lambda path: usage(10**9, 10**9, 4096))
    out = tmp_path / "renders"
    line = assert_fault(run("render", SCENE, "--out", out))
    assert "disk is full" in line
    assert files_under(out) == []
    monkeypatch.setattr(staging.shutil, "disk_usage", real)
    with pytest.raises(RuntimeError, match="video segment"):  # not the disk: a real bug
        run("render", SCENE, "--out", out)
    assert files_under(out) == []


def test_unwritable_during_render_is_one_line(tmp_path, monkeypatch):
    _fail_in_render(monkeypatch, PermissionError(13, "Permission denied"))
    out = tmp_path / "renders"
    line = assert_fault(run("render", SCENE, "--out", out))
    assert "cannot write to" in line
    assert "Permission denied" in line
    assert files_under(out) == []


@pytest.fixture
def small_tmpfs(tmp_path):
    import subprocess

    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk(small_tmpfs):
    out = small_tmpfs / "renders"
    line = assert_fault(run("render", SCENE, "--out", out, *TINY))
    assert "disk is full" in line
    assert files_under(out) == []
    assert not list(out.rglob(".tmp-*"))
