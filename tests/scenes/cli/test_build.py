"""``lecture build``: a real tiny build (joined video, cached rebuild without Manim), a Dask cluster, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import av
import pytest
from click.testing import CliRunner

from scenes.cli import main
from scenes.cli.options import plan_jobs
from scenes.kit.errors import ParamError
from scenes.production import cluster
from scenes.production.build import BuildRequest, build

#: One xdist worker runs this file: the module's tiny build renders once.
pytestmark = pytest.mark.xdist_group("build")

ROOT = Path(__file__).resolve().parents[3]
#: The smallest hinge-loss (one image, two classes), at half pace: a few seconds a language.
TINY = ("--set", "scores=[[1,2]]", "--set", "labels=[0]", "--pace", "0.5", "--lang", "en,zh")


def run(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Tiny hinge-loss in English and Chinese, joined (with its chapter's title card) as ``pair``."""
    out = tmp_path_factory.mktemp("build")
    jobs = plan_jobs(
        ["hinge-loss"],
        assignments=["scores=[[1,2]]", "labels=[0]"],
        flags={"lang": "en,zh", "pace": 0.5},
    )
    build(BuildRequest(tuple(jobs), out, workers=1, video="pair"), progress=False)
    return out


def packets(path: Path) -> list[bytes]:
    with av.open(str(path)) as source:
        return [bytes(p) for p in source.demux(source.streams.video[0]) if p.size]


def test_the_joined_video_is_the_title_card_then_the_scene_stream_copied(built: Path):
    low = built / "low"
    data = json.loads((low / "pair.zh.json").read_text(encoding="utf-8"))
    assert [p["stem"] for p in data["parts"]] == ["title-ch2.zh", "hinge-loss.zh"]
    card = next((built / ".cache/objects").glob("*/title-ch2.zh.mp4"))
    assert packets(low / "pair.zh.mp4") == packets(card) + packets(low / "hinge-loss.zh.mp4")
    assert data["languages"] == ["zh", "en"]
    with av.open(str(low / "pair.zh.mp4")) as joined:
        assert [s.metadata["language"] for s in joined.streams.subtitles] == ["chi", "eng"]
        (chapter,) = joined.chapters()
        assert chapter["metadata"]["title"] == "第 2 章：前向传播与反向传播 · 多类 SVM（合页）损失"
        assert joined.duration / 1e6 == pytest.approx(data["duration"], abs=0.1)
    assert (low / "chapters.zh.txt").exists() is False  # not the whole lecture
    assert (low / "pair.chapters.zh.txt").read_text(encoding="utf-8").startswith("0:00 第 2 章")
    assert (low / "pair.chapters.txt").read_text() == (
        "0:00 Chapter 2: Forward and backward propagation · Multiclass SVM (hinge) loss\n"
    )


def test_the_joined_subtitles_are_the_scene_cues_shifted_by_the_card(built: Path):
    low = built / "low"
    scene = json.loads((low / "hinge-loss.json").read_text())
    pair = json.loads((low / "pair.json").read_text())
    shift = pair["parts"][1]["start"]
    srt = (low / "pair.srt").read_text()
    vtt = (low / "pair.vtt").read_text()
    assert srt.startswith("1\n00:00:00,000 --> ")
    assert "Forward and backward propagation" in srt.split("\n\n")[0]
    first = scene["steps"][0]["cues"][0]
    millis = round((first["start"] + shift) * 1000)
    stamp = f"00:00:{millis // 1000:02d}.{millis % 1000:03d}"
    assert f"{stamp} --> " in vtt
    assert "\n".join(first["lines"]) in vtt
    assert (low / "pair.chapters.vtt").read_text().startswith("WEBVTT")


def test_a_build_with_nothing_changed_is_fast_and_never_imports_manim(built: Path):
    args = ["build", "hinge-loss", *TINY, "--out", str(built)]
    script = textwrap.dedent(
        f"""
        import json, sys, time
        start = time.perf_counter()
        from scenes.cli import main
        try:
            main({args!r})
        except SystemExit as end:
            code = end.code
        seconds = time.perf_counter() - start
        print(json.dumps({{"code": code, "seconds": seconds,
                          "manim": "manim" in sys.modules, "av": "av" in sys.modules}}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    *printed, report = done.stdout.splitlines()
    result = json.loads(report)
    assert result["code"] == 0
    manifests = [str(built / "low/hinge-loss.json"), str(built / "low/hinge-loss.zh.json")]
    assert printed == [*manifests, str(built / "index.html")]  # the gallery is refreshed
    assert not result["manim"]
    assert not result["av"]
    assert result["seconds"] < 1.0
    assert done.stderr == ""  # nothing to show


def test_jobs_run_on_a_dask_cluster_and_come_back_as_bytes(tmp_path: Path):
    distributed = pytest.importorskip("distributed")
    from scenes.production.titlecard import title_jobs

    (card,) = [j for j in title_jobs(plan_jobs(["hinge-loss"])) if j.lang == "en"]
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as local:
        request = BuildRequest((card,), tmp_path, scheduler=local.scheduler_address)
        (manifest,) = build(request, progress=False)
        with pytest.raises(ParamError, match="runs other project code than this machine"):
            list(cluster.render_on_cluster(local.scheduler_address, [card], "other code"))
    assert manifest == tmp_path / "low/title-ch2.json"
    data = json.loads(manifest.read_text())
    assert [s["name"] for s in data["steps"]] == ["card"]
    assert (tmp_path / "low/title-ch2.mp4").stat().st_size > 0
    assert (tmp_path / "low" / data["steps"][0]["still"]).is_file()


# ----------------------------------------------------------------------------
# bad input: one line, exit 2, nothing written


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuch"], "unknown scene 'nosuch'"),
        (["ch9"], "unknown chapter 'ch9'"),
        (["hinge-loss", "-j", "0"], "-j 0: accepted: a whole number"),
        (["hinge-loss", "-j", "2", "--scheduler", "tcp://x:1"], "exclude each other"),
        (["hinge-loss", "--set", "nosuch=1"], "unknown parameter"),
        (["hinge-loss", "--lang", "xx"], "unknown language 'xx'"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path, args, message):
    out = tmp_path / "renders"
    result = run("build", *args, "--out", out)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("lecture: error: ")
    assert message in line
    assert not out.exists()


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 0.5)
    out = tmp_path / "renders"
    result = run("build", "hinge-loss", "--scheduler", "tcp://127.0.0.1:9", "--out", out)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert "cannot reach a Dask scheduler there" in line
    assert not out.exists()


# ----------------------------------------------------------------------------
# slow: real worker processes


@pytest.mark.slow
def test_a_parallel_build_renders_in_worker_processes(tmp_path: Path):
    from scenes.production.titlecard import title_jobs

    cards = title_jobs(plan_jobs(["hinge-loss", "pooling"], flags={"lang": "en,zh"}))
    assert len(cards) == 4
    manifests = build(BuildRequest(tuple(cards), tmp_path, workers=2), progress=False)
    assert [m.name for m in manifests] == [f"{c.stem}.json" for c in cards]
    assert all((tmp_path / "low" / f"{c.stem}.mp4").is_file() for c in cards)
    assert not list((tmp_path / ".cache/work").iterdir())


@pytest.mark.slow
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_a_signal_stops_a_parallel_build_and_leaves_nothing_half_written(tmp_path, signal_name):
    import signal
    import time

    out = tmp_path / "renders"
    command = [sys.executable, "-m", "scenes.cli", "build", "hinge-loss", "softmax", "-j", "2"]
    process = subprocess.Popen(
        [*command, "--out", str(out)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob(".cache/work/*/low/.tmp-*"))) < 2:
        time.sleep(0.2)  # both renders under way, each in its own folder
    time.sleep(1)
    if signal_name == "SIGINT":
        for child in [process.pid, *_children(process.pid)]:  # as Ctrl-C reaches them all
            os.kill(child, signal.SIGINT)
    else:
        process.send_signal(getattr(signal, signal_name))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    assert err.decode().splitlines()[-1].startswith("lecture: interrupted")
    assert not list(out.glob("low/.tmp-*"))
    assert not list(out.glob(".cache/work/*"))
    assert not list(out.glob("low/*.mp4"))


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found
