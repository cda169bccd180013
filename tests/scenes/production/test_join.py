"""Joining MP4s: stream copy with offsets, mismatches refused, chapters, subtitle tracks, sound."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from scenes.production.join import (
    RATE,
    Chapter,
    JoinError,
    SubtitleTrack,
    join_videos,
    part_duration,
)
from scenes.production.lecture_video import chapters_text

FPS = 15


def clip(path: Path, frames: int, size=(64, 48), tone: float | None = None, pix="yuv420p") -> Path:
    """A tiny H.264 clip (grey level rising frame by frame), with a sine tone when asked."""
    with av.open(str(path), "w") as out:
        video = out.add_stream("libx264", rate=FPS)
        video.width, video.height, video.pix_fmt = *size, pix
        audio = None
        if tone is not None:
            audio = out.add_stream("aac", rate=RATE, layout="mono")
        for i in range(frames):
            image = np.full((size[1], size[0], 3), (i * 9) % 256, np.uint8)
            out.mux(video.encode(av.VideoFrame.from_ndarray(image, format="rgb24")))
        out.mux(video.encode(None))
        if audio is not None:
            n = round(frames / FPS * RATE)
            wave = (0.5 * np.sin(2 * np.pi * tone * np.arange(n) / RATE)).astype(np.float32)
            for at in range(0, n, 1024):
                frame = av.AudioFrame.from_ndarray(
                    wave[at : at + 1024].reshape(1, -1), format="fltp", layout="mono"
                )
                frame.rate, frame.pts, frame.time_base = RATE, at, Fraction(1, RATE)
                out.mux(audio.encode(frame))
            out.mux(audio.encode(None))
    return path


def video_packets(path: Path) -> list[bytes]:
    with av.open(str(path)) as source:
        return [bytes(p) for p in source.demux(source.streams.video[0]) if p.size]


def test_parts_are_copied_packet_by_packet_with_offsets(tmp_path: Path):
    a, b = clip(tmp_path / "a.mp4", 20), clip(tmp_path / "b.mp4", 12)
    target = tmp_path / "ab.mp4"
    tracks = [
        SubtitleTrack("zh", "中文", ((0.0, 1.0, "你好"), (1.5, 2.0, "两行\n字幕"))),
        SubtitleTrack("en", "English", ((0.2, 1.0, "hello"),)),
    ]
    chapters = [Chapter(0, 20 / FPS, "A"), Chapter(20 / FPS, 32 / FPS, "B 二")]
    starts = join_videos([a, b], target, chapters=chapters, tracks=tracks)
    assert starts == pytest.approx([0, 20 / FPS])
    assert video_packets(target) == video_packets(a) + video_packets(b)  # no re-encoding
    assert part_duration(target) == pytest.approx(32 / FPS)
    with av.open(str(target)) as joined:
        frames = [f.to_ndarray(format="gray")[0, 0] for f in joined.decode(video=0)]
        assert len(frames) == 32
        times = [f.time for f in av.open(str(target)).decode(video=0)]
        assert times == pytest.approx([i / FPS for i in range(32)], abs=1e-3)
        assert [c["metadata"]["title"] for c in joined.chapters()] == ["A", "B 二"]
        assert joined.chapters()[1]["start"] * joined.chapters()[1]["time_base"] == pytest.approx(
            20 / FPS, abs=1e-3
        )
        subs = joined.streams.subtitles
        assert [s.metadata["language"] for s in subs] == ["chi", "eng"]
        assert [s.codec_context.name for s in subs] == ["mov_text", "mov_text"]
        assert not joined.streams.audio
    with av.open(str(target)) as joined:
        stream = joined.streams.subtitles[0]
        texts = [(p.pts, bytes(p)[2:].decode()) for p in joined.demux(stream) if p.size > 2]
        assert texts == [(0, "你好"), (1500, "两行\n字幕")]


def test_mismatched_parts_are_one_line_errors(tmp_path: Path):
    a = clip(tmp_path / "a.mp4", 5)
    big = clip(tmp_path / "big.mp4", 5, size=(96, 48))
    with pytest.raises(JoinError, match=r"big.mp4 \(h264 96x48 yuv420p 15 fps\) to a.mp4") as err:
        join_videos([a, big], tmp_path / "x.mp4")
    assert "\n" not in str(err.value)
    pix = clip(tmp_path / "pix.mp4", 5, pix="yuv444p")
    with pytest.raises(JoinError, match="pixel format"):
        join_videos([a, pix], tmp_path / "x.mp4")
    with pytest.raises(JoinError, match="nothing to join"):
        join_videos([], tmp_path / "x.mp4")


def test_sound_is_carried_and_silent_parts_get_silence(tmp_path: Path):
    a = clip(tmp_path / "a.mp4", 15, tone=440.0)  # 1 s with a tone
    b = clip(tmp_path / "b.mp4", 15)  # 1 s without sound
    target = tmp_path / "ab.mp4"
    join_videos([a, b], target)
    assert video_packets(target) == video_packets(a) + video_packets(b)
    with av.open(str(target)) as joined:
        stream = joined.streams.audio[0]
        assert stream.codec_context.name == "aac"
        samples = np.concatenate([f.to_ndarray().reshape(-1) for f in joined.decode(stream)])
    assert len(samples) / RATE == pytest.approx(2.0, abs=0.05)
    first, second = samples[2000 : RATE - 2000], samples[RATE + 2000 : 2 * RATE - 2000]
    assert np.sqrt(np.mean(first**2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.1)
    assert np.max(np.abs(second)) < 0.01
    spectrum = np.abs(np.fft.rfft(first))
    assert np.argmax(spectrum) * RATE / len(first) == pytest.approx(440, abs=5)


def test_chapters_text_starts_at_zero_and_uses_hours_when_needed():
    chapters = [Chapter(0, 70, "One"), Chapter(70.9, 200, "Two")]
    assert chapters_text(chapters) == "0:00 One\n1:10 Two\n"
    long = [Chapter(0, 10, "One"), Chapter(3725, 4000, "Two")]
    assert chapters_text(long) == "0:00:00 One\n1:02:05 Two\n"


def test_other_tracks_follow_this_videos_steps(tmp_path):
    """A narrated part has its own timeline per language: the Chinese track of the English
    video is cut from each step's Chinese text within the English step's span."""
    from scenes.production.lecture_video import _cues_in

    steps = [
        {"start": 0.0, "end": 4.0, "subtitles": {"en": "One.", "zh": "第一步。"}, "cues": []},
        {"start": 4.0, "end": 10.0, "subtitles": {"en": "Two.", "zh": "第二步。"}, "cues": []},
    ]
    (tmp_path / "s.json").write_text(json.dumps({"steps": steps}), encoding="utf-8")
    cues = _cues_in(tmp_path, "s", "zh", 2.5, 12.5)
    assert cues == [(2.5, 6.5, "第一步。"), (6.5, 12.5, "第二步。")]
    for step in steps:
        del step["subtitles"]
    (tmp_path / "s.json").write_text(json.dumps({"steps": steps}), encoding="utf-8")
    assert _cues_in(tmp_path, "s", "zh", 0.0, 10.0) is None  # older manifests: the twin's cues
