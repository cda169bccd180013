"""The ``lecture`` command: list, params, render; one-line errors; nothing half-written."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from scenes import registry
from scenes.cli import main

SCENE = "hinge-loss"
SMALL = ("--set", "scores=[[1,2,3],[3,2,1]]", "--set", "labels=[0,2]")  # losses 5 and 5
SMALL_STEPS = ["scores", "formula", "example-1", "example-2", "mean", "margin"]
HAN = re.compile(r"[\u4e00-\u9fff]")
CUE = re.compile(
    r"(\d+)\n(\d\d):(\d\d):(\d\d),(\d\d\d) --> (\d\d):(\d\d):(\d\d),(\d\d\d)\n(.+)", re.M
)


def run(*args: str | Path):
    """Invoke ``lecture`` the way a shell would; unexpected exceptions propagate."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def staging_left(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob(".tmp-*"))


def assert_one_line_error(result, out: Path | None = None) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("lecture: error: "), lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""
    if out is not None:
        assert not out.exists(), files_under(out)
    return lines[0]


def srt_cues(text: str) -> list[tuple[int, float, float, str]]:
    cues = []
    for m in CUE.finditer(text):
        g = [int(x) for x in m.groups()[:9]]
        start = g[1] * 3600 + g[2] * 60 + g[3] + g[4] / 1000
        end = g[5] * 3600 + g[6] * 60 + g[7] + g[8] / 1000
        cues.append((g[0], start, end, m.group(10)))
    return cues


# ----------------------------------------------------------------------------
# list and params


def test_list_shows_scenes_in_lecture_order():
    result = run("list")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    names = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")]
    assert names == registry.names()
    assert result.stdout.startswith("Chapter ")
    for entry in registry.LECTURE:
        assert entry.load().TEXT["en"]["title"] in result.stdout


def test_no_command_shows_help():
    result = run()
    assert result.exit_code == 0
    assert "render" in result.stdout
    assert "lecture: error" not in result.output


def test_params_prints_defaults_as_toml():
    result = run("params", SCENE)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    defaults = registry.get(SCENE).load().Params()
    assert tomllib.loads(result.stdout) == defaults.model_dump()


def test_params_with_set():
    result = run("params", SCENE, "--set", "delta=2")
    assert result.exit_code == 0, result.output
    assert tomllib.loads(result.stdout)["delta"] == 2
    assert "delta = 2.0" in result.stdout.splitlines()


def test_params_file_top_level_and_scene_table(tmp_path):
    path = tmp_path / "lecture.toml"
    path.write_text(
        "delta = 2\n"
        'classes = ["a", "b", "c"]\n'
        "\n"
        "[hinge-loss]\n"
        "scores = [[1, 2, 3], [3, 2, 1]]\n"
        "labels = [0, 2]\n"
        "delta = 3\n"
        "\n"
        "[gradient-descent]\n"  # another scene's table is not applied to hinge-loss
        "steps = 1\n",
        encoding="utf-8",
    )
    result = run("params", SCENE, "--params", path)
    assert result.exit_code == 0, result.output
    values = tomllib.loads(result.stdout)
    assert values["scores"] == [[1, 2, 3], [3, 2, 1]]
    assert values["labels"] == [0, 2]
    assert values["delta"] == 3  # the scene's table wins over the top level
    assert values["classes"] == ["a", "b", "c"]  # top-level keys apply
    assert "steps" not in values

    result = run("params", SCENE, "--params", path, "--set", "delta=4.5")
    assert result.exit_code == 0, result.output
    assert tomllib.loads(result.stdout)["delta"] == 4.5  # --set wins over the file


# ----------------------------------------------------------------------------
# bad input: exit 2, one line on stderr, nothing written


def _files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    malformed = tmp_path / "malformed.toml"
    malformed.write_text("delta = \n[hinge-loss\n", encoding="utf-8")
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('classes = ["caf\xe9"]\n'.encode("latin-1"))
    unknown_table = tmp_path / "unknown-table.toml"
    unknown_table.write_text("[hinge-los]\ndelta = 2\n", encoding="utf-8")
    bad_value = tmp_path / "bad-value.toml"
    bad_value.write_text("[hinge-loss]\ndelta = -1\n", encoding="utf-8")
    unknown_key = tmp_path / "unknown-key.toml"
    unknown_key.write_text("lr = 0.1\n", encoding="utf-8")
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    return {
        "missing": tmp_path / "missing.toml",
        "folder": folder,
        "malformed": malformed,
        "latin1": latin1,
        "unknown_table": unknown_table,
        "bad_value": bad_value,
        "unknown_key": unknown_key,
        "a_file": a_file,
    }


BAD_RENDER = {
    "unknown scene": (["nope"], "nope"),
    "unknown second scene": ([SCENE, "nope"], "accepted: hinge-loss"),
    "unknown key": ([SCENE, "--set", "foo=1"], "unknown parameter 'foo'"),
    "wrong type string": ([SCENE, "--set", 'delta="x"'], "delta"),
    "wrong type bare word": ([SCENE, "--set", "delta=x"], "delta"),
    "wrong type float label": ([SCENE, "--set", "labels=[0.5,1,2]"], "labels"),
    "wrong type bool": ([SCENE, "--set", "delta=true"], "delta"),
    "out of range": ([SCENE, "--set", "delta=-1"], "greater than or equal to 0"),
    "too large": ([SCENE, "--set", "delta=11"], "less than or equal to 10"),
    "not finite": ([SCENE, "--set", "scores=[[nan,1,2],[1,2,3],[1,2,3]]"], "finite"),
    "shapes do not fit": ([SCENE, "--set", "scores=[[1,2,3],[3,2,1]]"], "labels"),
    "ragged": ([SCENE, "--set", "scores=[[1,2,3],[3,2],[1,2,3]]"], "same length"),
    "malformed value": ([SCENE, "--set", "scores=[[1,2"], "not a TOML value"),
    "missing =": ([SCENE, "--set", "delta"], "key=value"),
    "empty value": ([SCENE, "--set", "delta="], "not a TOML value"),
    "missing params file": ([SCENE, "--params", "{missing}"], "No such file"),
    "params file is a folder": ([SCENE, "--params", "{folder}"], "directory"),
    "malformed params file": ([SCENE, "--params", "{malformed}"], "not valid TOML"),
    "non-UTF-8 params file": ([SCENE, "--params", "{latin1}"], "UTF-8"),
    "unknown scene table": ([SCENE, "--params", "{unknown_table}"], "[hinge-los]"),
    "bad value in file": ([SCENE, "--params", "{bad_value}"], "delta"),
    "unknown key in file": ([SCENE, "--params", "{unknown_key}"], "'lr'"),
    "bad quality": ([SCENE, "--quality", "ultra"], "ultra"),
    "bad -q": ([SCENE, "-q", "8k"], "8k"),
    "bad format": ([SCENE, "--format", "avi"], "avi"),
    "bad lang": ([SCENE, "--lang", "fr"], "fr"),
    "transparent mp4": ([SCENE, "--transparent"], "--transparent"),
    "transparent gif": ([SCENE, "--transparent", "--format", "gif"], "--transparent"),
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
        (["nope"], "accepted: hinge-loss"),
        ([SCENE, "--set", "foo=1"], "accepted: scores, labels, delta, classes"),
        ([SCENE, "--set", "scores=[[1,2"], "--set scores"),
        ([SCENE, "--params", "{malformed}"], "malformed.toml"),
        ([], "SCENE"),
    ],
)
def test_params_bad_input(tmp_path, args, word):
    files = _files(tmp_path)
    args = [a.format(**files) if a.startswith("{") else a for a in args]
    assert word in assert_one_line_error(run("params", *args))


def test_unknown_command():
    assert "nope" in assert_one_line_error(run("nope"))


def test_out_is_a_file(tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("keep")
    assert_one_line_error(run("render", SCENE, "--out", a_file))
    assert a_file.read_text() == "keep"
    assert_one_line_error(run("render", SCENE, "--out", a_file / "sub"))


# ----------------------------------------------------------------------------
# a real render (the one video render in this file)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[object, Path]:
    out = tmp_path_factory.mktemp("cli") / "renders"
    return run("render", SCENE, "--out", out, *SMALL), out


def test_render_writes_video_subtitles_thumbnail_clips(rendered):
    result, out = rendered
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    low = out / "low"
    expected = {
        low / f"{SCENE}.mp4",
        low / f"{SCENE}.srt",
        low / f"{SCENE}.png",
        *(low / SCENE / f"{i:02d}_{name}.mp4" for i, name in enumerate(SMALL_STEPS, start=1)),
    }
    assert set(files_under(out)) == expected
    assert staging_left(out) == []
    assert {Path(line) for line in result.stdout.splitlines()} == expected  # written files


def test_render_subtitles(rendered):
    _, out = rendered
    text = (out / "low" / f"{SCENE}.srt").read_text(encoding="utf-8")
    cues = srt_cues(text)
    assert [c[0] for c in cues] == list(range(1, len(SMALL_STEPS) + 1))
    for (_, start, end, _), (_, next_start, _, _) in zip(cues, cues[1:], strict=False):
        assert start < end <= next_start
    assert cues[-1][1] < cues[-1][2]
    assert "5.00" in text
    assert "5.00" in cues[2][3]  # example-1
    assert "5.00" in cues[3][3]  # example-2
    assert "5.00" in cues[4][3]  # mean
    assert "{" not in text


def test_render_video_is_valid(rendered):
    av = pytest.importorskip("av")
    from PIL import Image

    _, out = rendered
    low = out / "low"
    with av.open(str(low / f"{SCENE}.mp4")) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (854, 480)
        total = container.duration / av.time_base
        frame = next(container.decode(video=0))
        assert (frame.width, frame.height) == (854, 480)
    assert total > 5
    srt_end = srt_cues((low / f"{SCENE}.srt").read_text(encoding="utf-8"))[-1][2]
    assert total == pytest.approx(srt_end, abs=0.5)
    clips = 0.0
    for clip in sorted((low / SCENE).glob("*.mp4")):
        with av.open(str(clip)) as container:
            clips += container.duration / av.time_base
    assert clips == pytest.approx(total, abs=0.5)
    assert Image.open(low / f"{SCENE}.png").size == (854, 480)


def test_render_png_writes_stills_and_keeps_the_video(rendered, tmp_path):
    _, first = rendered
    out = tmp_path / "renders"
    shutil.copytree(first, out)
    low = out / "low"
    before = {p: p.read_bytes() for p in files_under(out) if p.suffix in (".mp4", ".srt")}
    result = run("render", SCENE, "--out", out, "--format", "png", *SMALL)
    assert result.exit_code == 0, result.output
    stills = [low / SCENE / f"{i:02d}_{name}.png" for i, name in enumerate(SMALL_STEPS, start=1)]
    assert sorted((low / SCENE).glob("*.png")) == stills
    assert {Path(line) for line in result.stdout.splitlines()} == {*stills, low / f"{SCENE}.png"}
    from PIL import Image

    for path in [*stills, low / f"{SCENE}.png"]:
        assert Image.open(path).size == (854, 480)
    after = {p: p.read_bytes() for p in files_under(out) if p.suffix in (".mp4", ".srt")}
    assert after == before  # the video, its clips and subtitles are untouched
    assert staging_left(out) == []


def test_render_chinese_subtitles(tmp_path):
    out = tmp_path / "renders"
    one = ("--set", "scores=[[1,2]]", "--set", "labels=[0]")  # the shortest scene: 5 steps
    result = run("render", SCENE, "--out", out, "--lang", "zh", *one)
    assert result.exit_code == 0, result.output
    cues = srt_cues((out / "low" / f"{SCENE}.srt").read_text(encoding="utf-8"))
    assert len(cues) == 5
    assert all(HAN.search(text) for *_, text in cues), cues
    assert "2.00" in cues[2][3]  # max(0, 2 - 1 + 1)
    assert staging_left(out) == []


# ----------------------------------------------------------------------------
# Ctrl-C: exit 130, nothing half-written


def _interrupt_at(monkeypatch, step_index: int) -> dict[str, object]:
    """Make the render raise KeyboardInterrupt when step ``step_index`` begins."""
    import scenes.export as export

    real = export.run_scene
    seen: dict[str, object] = {}

    def interrupted(*args, on_step=None, media_dir, **kwargs):
        def stop(index: int, name: str) -> None:
            if on_step is not None:
                on_step(index, name)
            if index == step_index:
                seen["staging"] = Path(media_dir).parent
                seen["files"] = files_under(Path(media_dir))
                raise KeyboardInterrupt

        return real(*args, on_step=stop, media_dir=media_dir, **kwargs)

    monkeypatch.setattr(export, "run_scene", interrupted)
    return seen


def assert_interrupted(result) -> None:
    assert result.exit_code == 130, result.output
    assert "Traceback" not in result.output
    ours = [line for line in result.stderr.splitlines() if line.startswith("lecture:")]
    assert len(ours) == 1, result.stderr
    assert "interrupted" in ours[0]
    assert result.stderr.rstrip("\n").splitlines()[-1] == ours[0]  # the last word
    assert result.stdout == ""  # no file reported as written


def test_interrupt_leaves_no_files(tmp_path, monkeypatch):
    seen = _interrupt_at(monkeypatch, 1)
    out = tmp_path / "renders"
    result = run("render", SCENE, "--out", out, *SMALL)
    assert_interrupted(result)
    staging = seen["staging"]
    assert isinstance(staging, Path)
    assert staging.parent == out / "low"
    assert staging.name.startswith(f".tmp-{SCENE}-")
    assert seen["files"], "the first step should have written partial files to the staging folder"
    assert not staging.exists()
    assert files_under(out) == []
    assert staging_left(out) == []
    assert all(p.is_dir() for p in out.rglob("*"))


def test_interrupt_keeps_the_previous_render(tmp_path, monkeypatch):
    out = tmp_path / "renders"
    low = out / "low"
    (low / SCENE).mkdir(parents=True)
    old = {
        low / f"{SCENE}.mp4": b"old video",
        low / f"{SCENE}.srt": b"old subtitles",
        low / f"{SCENE}.png": b"old thumbnail",
        low / SCENE / "01_scores.mp4": b"old clip",
        low / SCENE / "09_gone.mp4": b"old clip of a step that no longer exists",
    }
    for path, data in old.items():
        path.write_bytes(data)
    _interrupt_at(monkeypatch, 0)
    assert_interrupted(run("render", SCENE, "--out", out))
    assert {p: p.read_bytes() for p in files_under(out)} == old
    assert staging_left(out) == []


def test_set_prefixed_with_a_scene_applies_to_that_scene_only():
    from scenes.cli import collect_values

    sets = ("hinge-loss.delta=2", "backprop-simple.x=3")
    assert collect_values("hinge-loss", {}, sets) == {"delta": 2}
    assert collect_values("backprop-simple", {}, sets) == {"x": 3}
    assert collect_values("gradient-descent", {}, sets) == {}
