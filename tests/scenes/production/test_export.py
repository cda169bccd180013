"""Rendering into ``renders/``: names, whole replacement, manifest, subtitles, clips by name, GIF."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
from manim import Circle, Dot, FadeIn, Square
from PIL import Image

from scenes.kit.params import SceneParams
from scenes.kit.scene import LectureScene, StepRecord, step
from scenes.production.errors import OutputFault
from scenes.production.export import render_job
from scenes.production.job import RenderJob, owned_by, stem_of, step_file
from scenes.production.staging import (
    Interrupted,
    alive,
    deferred,
    faults,
    interruption_point,
    interrupts,
    make_staging,
    remove_stale,
)
from scenes.production.subtitles import srt_text, timestamp, vtt_text

# ----------------------------------------------------------------------------
# a probe scene: a step that only add()s has no clip


class ProbeScene(LectureScene[SceneParams]):
    name = "probe"

    @step("shown")
    def shown(self) -> None:
        self.play(FadeIn(Dot()), run_time=0.5)

    @step("added")
    def added(self) -> None:
        self.add(Square())

    @step("after")
    def after(self) -> None:
        self.play(FadeIn(Circle(radius=2)), run_time=0.5)

    def construct(self) -> None:
        self.shown()
        self.added()
        self.after()


WORDS = {
    "en": {
        "title": "Probe",
        "description": "a test scene",
        "steps": {
            "shown": "A dot appears, then the subtitle is long enough to take two cues to read.",
            "added": "",
            "after": "A circle.",
        },
    },
    "zh": {
        "title": "探针",
        "description": "测试场景",
        "steps": {"shown": "一个点出现了。", "added": "", "after": "一个圆。"},
    },
}
STEPS = ["shown", "added", "after"]


def probe_job(**options) -> RenderJob:
    return RenderJob("probe", SceneParams(), words=WORDS, scene=ProbeScene, **options)


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def seconds_of(path: Path) -> float:
    with av.open(str(path)) as container:
        return float(container.duration or 0) / av.time_base


@pytest.fixture(scope="module")
def probe_mp4(tmp_path_factory) -> tuple[list[Path], Path]:
    renders = tmp_path_factory.mktemp("probe") / "renders"
    seen: list[tuple[int, str]] = []
    written = render_job(probe_job(), renders, on_step=lambda i, s: seen.append((i, s)))
    assert seen == list(enumerate(STEPS))
    return written, renders / "low"


def test_outputs_and_clip_pairing_by_name(probe_mp4):
    written, low = probe_mp4
    expected = {low / f"probe.{ext}" for ext in ("mp4", "srt", "vtt", "png", "json")}
    expected |= {low / "probe" / f"{n}.png" for n in ("01_shown", "02_added", "03_after")}
    expected |= {low / "probe" / "01_shown.mp4", low / "probe" / "03_after.mp4"}
    expected |= {low / "probe" / "01_shown.vtt", low / "probe" / "03_after.vtt"}
    assert set(written) == expected
    assert files_under(low) == expected
    data = json.loads((low / "probe.json").read_text(encoding="utf-8"))
    steps = data["steps"]
    assert [s["clip"] for s in steps] == ["probe/01_shown.mp4", None, "probe/03_after.mp4"]
    assert "no clip" in steps[1]["note"]
    assert "note" not in steps[0]
    assert [s["still"] for s in steps] == [
        f"probe/{step_file(i, n, 'png')}" for i, n in enumerate(STEPS)
    ]
    clips = seconds_of(low / "probe" / "01_shown.mp4") + seconds_of(low / "probe" / "03_after.mp4")
    assert clips == pytest.approx(seconds_of(low / "probe.mp4"), abs=0.2)


def test_clip_vtt_is_timed_to_its_clip(probe_mp4):
    _, low = probe_mp4
    steps = json.loads((low / "probe.json").read_text(encoding="utf-8"))["steps"]
    assert [s["vtt"] for s in steps] == ["probe/01_shown.vtt", None, "probe/03_after.vtt"]
    whole = steps[2]
    text = (low / whole["vtt"]).read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\nLanguage: en\n")
    assert "NOTE poster: 03_after.png" in text
    spans = re.findall(r"(\d\d:\d\d:[\d.]+) --> (\d\d:\d\d:[\d.]+)\nA circle.", text)
    assert spans == [("00:00:00.000", timestamp(whole["end"] - whole["start"], "."))]
    first = (low / steps[0]["vtt"]).read_text(encoding="utf-8")
    assert first.count(" --> ") == len(steps[0]["cues"]) == 2


def test_manifest_describes_the_render(probe_mp4):
    from importlib.metadata import version

    _, low = probe_mp4
    data = json.loads((low / "probe.json").read_text(encoding="utf-8"))
    assert data["scene"] == "probe"
    assert (data["language"], data["quality"], data["format"], data["theme"]) == (
        "en",
        "low",
        "mp4",
        "dark",
    )
    assert (data["pace"], data["transparent"], data["reworded"]) == (1.0, False, True)
    assert data["parameters"] == {}
    assert data["versions"] == {
        "project": version("dl-lecture-videos"),
        "manim": version("manim"),
        "typst": version("typst"),
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", data["created"])
    assert set(data["files"]) == {str(p.relative_to(low)) for p in files_under(low)}
    steps = data["steps"]
    assert [s["index"] for s in steps] == [1, 2, 3]
    assert steps[0]["start"] == 0
    assert all(a["end"] == b["start"] for a, b in zip(steps, steps[1:], strict=False))
    assert data["duration"] == pytest.approx(seconds_of(low / "probe.mp4"), abs=0.1)
    first = steps[0]
    assert first["subtitle"] == WORDS["en"]["steps"]["shown"]
    assert len(first["cues"]) == 2
    assert first["cues"][0]["start"] == first["start"]
    assert first["cues"][-1]["end"] == first["end"]
    assert " ".join(" ".join(c["lines"]) for c in first["cues"]) == first["subtitle"]
    assert steps[1]["cues"] == []
    for cue in first["cues"]:
        assert len(cue["lines"]) <= 2
        assert all(len(line) <= 42 for line in cue["lines"])


def test_stills_are_the_last_frames_and_the_thumbnail(probe_mp4):
    _, low = probe_mp4
    last = np.asarray(Image.open(low / "probe" / "03_after.png").convert("RGB"))
    assert last.shape == (480, 854, 3)
    assert (low / "probe.png").read_bytes() == (low / "probe" / "03_after.png").read_bytes()
    with av.open(str(low / "probe" / "03_after.mp4")) as container:
        *_, final = container.decode(video=0)
        frame = final.to_ndarray(format="rgb24")
    assert np.abs(frame.astype(int) - last).mean() < 3  # the clip ends on its poster


def test_subtitle_files_match_the_manifest(probe_mp4):
    _, low = probe_mp4
    data = json.loads((low / "probe.json").read_text(encoding="utf-8"))
    cues = [c for s in data["steps"] for c in s["cues"]]
    srt = (low / "probe.srt").read_text(encoding="utf-8")
    vtt = (low / "probe.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT\n\n")
    srt_times = re.findall(r"(\S+) --> (\S+)", srt)
    vtt_times = re.findall(r"(\S+) --> (\S+)", vtt)
    assert srt_times == [(timestamp(c["start"]), timestamp(c["end"])) for c in cues]
    assert vtt_times == [(timestamp(c["start"], "."), timestamp(c["end"], ".")) for c in cues]
    assert [int(n) for n in re.findall(r"^(\d+)$", srt, re.M)] == list(range(1, len(cues) + 1))


# ----------------------------------------------------------------------------
# names: stems never collide


def test_stems():
    assert stem_of("hinge-loss") == "hinge-loss"
    assert stem_of("hinge-loss", "zh") == "hinge-loss.zh"
    assert stem_of("hinge-loss", "en", "light") == "hinge-loss.light"
    assert stem_of("hinge-loss", "zh", "light") == "hinge-loss.zh.light"
    assert probe_job(lang="zh", theme="light").stem == "probe.zh.light"


def test_owned_by(tmp_path):
    for name in ("hinge-loss.zh", "hinge-loss", "hinge-loss.zh.light"):
        (tmp_path / name).mkdir()
    names = [
        "hinge-loss.mp4",
        "hinge-loss.json",
        "hinge-loss.zh.mp4",
        "hinge-loss.light.srt",
        "hinge-loss.zh.light.vtt",
        "hinge-loss-2.mp4",
        "hinge-loss.tar.gz",
        "hinge-loss",
    ]
    for name in names[:-1]:
        (tmp_path / name).write_bytes(b"")
    ours = {p.name for p in tmp_path.iterdir() if owned_by(p, "hinge-loss")}
    assert ours == {"hinge-loss.mp4", "hinge-loss.json", "hinge-loss"}
    zh = {p.name for p in tmp_path.iterdir() if owned_by(p, "hinge-loss.zh")}
    assert zh == {"hinge-loss.zh.mp4", "hinge-loss.zh"}


def test_a_new_render_replaces_its_stem_whole(probe_mp4, tmp_path):
    import shutil

    _, first = probe_mp4
    renders = tmp_path / "renders"
    shutil.copytree(first, renders / "low")
    low = renders / "low"
    stale = [low / "probe.webm", low / "probe" / "07_gone.mp4", low / "probe" / "01_shown.gif"]
    kept = [low / "probe.zh.mp4", low / "probe.zh" / "01_shown.mp4", low / "probe-old.mp4"]
    for path in stale + kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    written = render_job(probe_job(fmt="png"), renders)
    assert files_under(low) == set(written) | set(kept)
    assert {p.suffix for p in written} == {".png", ".json"}


# ----------------------------------------------------------------------------
# subtitles


def test_srt_and_vtt_cut_long_subtitles_into_timed_cues():
    text = (
        "One two three four five six seven eight nine ten, eleven twelve thirteen fourteen; "
        "fifteen sixteen seventeen."
    )
    records = [
        StepRecord(0, "a", "a", 0.0, 1.5, subtitles={"en": "first"}),
        StepRecord(1, "b", "b", 1.5, 3661.25, subtitles={"en": text}),
    ]
    srt = srt_text(records, "en")
    assert srt.startswith("1\n00:00:00,000 --> 00:00:01,500\nfirst\n\n2\n00:00:01,500 --> ")
    assert srt.rstrip().endswith("--> 01:01:01,250\nfifteen sixteen seventeen.")
    assert srt.count(" --> ") == 3
    vtt = vtt_text(records, "en")
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nfirst\n")
    assert vtt.count(" --> ") == 3


# ----------------------------------------------------------------------------
# staging folders and faults


def test_staging_names_carry_the_pid_and_stale_ones_go(tmp_path):
    mine = make_staging(tmp_path, "probe.zh")
    assert re.fullmatch(rf"\.tmp-probe\.zh-{os.getpid()}-\d+-[0-9a-f]{{8}}", mine.name)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    assert not alive(dead.pid)
    assert alive(os.getpid())
    gone = tmp_path / f".tmp-probe-{dead.pid}-5-00000000"
    gone.mkdir()
    assert remove_stale([tmp_path, tmp_path / "missing"]) == [gone]
    assert mine.exists()


def _deliver(sig: int) -> None:
    import time

    os.kill(os.getpid(), sig)
    time.sleep(0.05)  # the handler runs between bytecodes


def _noted_then_raised(sig: int, seen: list[str]) -> None:
    with deferred():
        _deliver(sig)  # noted only ...
        seen.append("went on")
        interruption_point()  # ... raised at the safe point
        seen.append("past the safe point")


def _twice(sig: int) -> None:
    with deferred():
        _deliver(sig)
        _deliver(sig)  # a second one will not wait
        pytest.fail("the second signal should have raised")


def _at_the_end(sig: int) -> None:
    with deferred():
        _deliver(sig)  # no safe point: raised when the block ends


def test_signals_wait_for_a_safe_point_while_manim_renders():
    import signal

    with interrupts():
        with pytest.raises(Interrupted, match="SIGTERM"):
            _deliver(signal.SIGTERM)  # outside Manim: at once
        seen: list[str] = []
        with pytest.raises(Interrupted, match="SIGHUP"):
            _noted_then_raised(signal.SIGHUP, seen)
        assert seen == ["went on"]
        with pytest.raises(Interrupted, match="SIGINT"):
            _twice(signal.SIGINT)
        with pytest.raises(Interrupted, match="SIGTERM"):
            _at_the_end(signal.SIGTERM)
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_faults_become_one_line(tmp_path):
    with pytest.raises(OutputFault, match="disk is full.*nothing was written"), faults(tmp_path):
        raise OSError(errno.ENOSPC, "No space left on device")
    with pytest.raises(OutputFault, match="cannot write to .*Read-only"), faults(tmp_path):
        raise OSError(errno.EROFS, "Read-only file system")
    with pytest.raises(FileNotFoundError), faults(tmp_path):
        raise FileNotFoundError(errno.ENOENT, "a bug, not a fault")
    with pytest.raises(RuntimeError), faults(tmp_path):
        raise RuntimeError("plenty of space: a bug, not a fault")


# ----------------------------------------------------------------------------
# GIF: streamed, one palette, small


@pytest.fixture(scope="module")
def probe_gif(tmp_path_factory) -> tuple[list[Path], Path]:
    renders = tmp_path_factory.mktemp("probe-gif") / "renders"
    return render_job(probe_job(fmt="gif"), renders), renders / "low"


def _gif_frames(path: Path) -> tuple[list[np.ndarray], list[int]]:
    frames, delays = [], []
    with Image.open(path) as im:
        for i in range(im.n_frames):
            im.seek(i)
            frames.append(np.asarray(im.convert("RGB")))
            delays.append(im.info["duration"])
    return frames, delays


def test_gif_outputs(probe_gif):
    written, low = probe_gif
    assert low / "probe.gif" in written
    assert sorted(p.name for p in (low / "probe").glob("*.gif")) == ["01_shown.gif", "03_after.gif"]
    assert not list(low.rglob("*.mp4"))
    frames, delays = _gif_frames(low / "probe.gif")
    data = json.loads((low / "probe.json").read_text(encoding="utf-8"))
    assert sum(delays) / 1000 == pytest.approx(data["duration"], abs=0.1)
    assert min(delays) >= 50  # at most 20 frames a second
    assert frames[0].shape == (480, 854, 3)
    # the last frame is the poster, up to the palette
    poster = np.asarray(Image.open(low / "probe.png").convert("RGB")).astype(int)
    assert np.abs(frames[-1].astype(int) - poster).mean() < 3
    size = (low / "probe.gif").stat().st_size
    assert size < 60_000, size  # one palette, changed rectangles only
