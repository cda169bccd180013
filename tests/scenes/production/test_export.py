"""Every scene of the registry renders to video with clips, subtitles and a thumbnail."""

from __future__ import annotations

import re

import av
import pytest
from scenes.export import RenderJob, render_job, srt_text

from scenes import registry


def _frames(path):
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return (
            stream.codec_context.width,
            stream.codec_context.height,
            float(container.duration) / av.time_base,
        )


def _render(name, tmp_path, quality):
    cls = registry.get(name).load()
    job = RenderJob(name, cls, cls.Params(), quality=quality)
    steps: list[str] = []
    written = render_job(job, tmp_path, on_step=lambda i, s: steps.append(s))
    return written, steps


def _check_outputs(name, tmp_path, quality, size, written, steps):
    folder = tmp_path / quality
    movie, srt, thumb = (folder / f"{name}.{ext}" for ext in ("mp4", "srt", "png"))
    assert {movie, srt, thumb} <= set(written)
    width, height, seconds = _frames(movie)
    assert (width, height) == size
    clips = sorted((folder / name).glob("*.mp4"))
    assert [c.name for c in clips] == [f"{i + 1:02d}_{s}.mp4" for i, s in enumerate(steps)]
    total = sum(_frames(c)[2] for c in clips)
    assert total == pytest.approx(seconds, abs=0.5 * len(clips))
    cues = srt.read_text(encoding="utf-8").strip().split("\n\n")
    assert len(cues) == len(steps)
    ends = [re.findall(r"(\d\d):(\d\d):(\d\d),(\d\d\d)", cue)[1] for cue in cues]
    end_s = [int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000 for h, m, s, ms in ends]
    assert end_s == sorted(end_s)
    assert end_s[-1] == pytest.approx(seconds, abs=0.2)
    assert not list(folder.glob(".tmp-*")), "staging folder left behind"


@pytest.mark.parametrize("name", registry.names())
def test_scene_renders_at_low_quality(name, tmp_path):
    written, steps = _render(name, tmp_path, "low")
    _check_outputs(name, tmp_path, "low", (854, 480), written, steps)


@pytest.mark.slow
@pytest.mark.parametrize("name", registry.names())
def test_scene_renders_at_high_quality(name, tmp_path):
    written, steps = _render(name, tmp_path, "high")
    _check_outputs(name, tmp_path, "high", (1920, 1080), written, steps)


def test_srt_format():
    from scenes.base import StepRecord

    records = [StepRecord(0, "a", "first", 0.0, 1.5), StepRecord(1, "b", "second", 1.5, 3661.25)]
    assert srt_text(records) == (
        "1\n00:00:00,000 --> 00:00:01,500\nfirst\n\n2\n00:00:01,500 --> 01:01:01,250\nsecond\n"
    )


def test_gif_is_small_and_has_gif_clips(tmp_path):
    from PIL import Image

    cls = registry.get("hinge-loss").load()
    params = cls.Params(scores=[[1.0, 2.0]], labels=[0])
    written = render_job(RenderJob("hinge-loss", cls, params, fmt="gif"), tmp_path)
    gif = tmp_path / "low" / "hinge-loss.gif"
    assert gif in written
    clips = sorted((tmp_path / "low" / "hinge-loss").glob("*"))
    assert clips, "no clips"
    assert all(c.suffix == ".gif" for c in clips)
    with Image.open(gif) as im:
        assert im.n_frames > 30
        assert im.size == (854, 480)
    # one palette for the whole clip: far smaller than Manim's own GIF writer
    assert gif.stat().st_size < 3_000_000
