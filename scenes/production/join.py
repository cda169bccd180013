"""Join MP4 videos without re-encoding their video: PyAV packet copy with timestamp offsets.

The parts must share codec, size, pixel format, frame rate and encoder set-up
(a mismatch is a one-line :class:`JoinError`). The joined file gets chapter
markers, one soft ``mov_text`` subtitle track per language (language-tagged),
and, when any part has sound, one AAC track (mono, 48 kHz, re-encoded: AAC
priming makes copied packets overlap; a part without sound is silent for its
length).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np

__all__ = ["Chapter", "JoinError", "SubtitleTrack", "join_videos", "part_duration", "RATE"]

#: Sample rate of the joined sound.
RATE = 48_000
#: ISO 639-2 codes that MP4 tags a track's language with.
ISO639_2 = {"en": "eng", "zh": "chi", "fr": "fre", "de": "ger", "es": "spa", "ja": "jpn"}
_MS = Fraction(1, 1000)
_ASS_HEADER = (
    b"[Script Info]\nScriptType: v4.00+\nPlayResX: 384\nPlayResY: 288\n\n[V4+ Styles]\n"
    b"Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
    b"BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, "
    b"BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n"
    b"Style: Default,Sans,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0\n\n"
    b"[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
)


class JoinError(ValueError):
    """Parts that cannot be joined without re-encoding (one line naming both)."""


@dataclass(frozen=True)
class Chapter:
    """A chapter marker: seconds from the joined video's start, and its title."""

    start: float
    end: float
    title: str


@dataclass(frozen=True)
class SubtitleTrack:
    """One language's cues (start and end in seconds of the joined video, text)."""

    lang: str
    name: str
    cues: tuple[tuple[float, float, str], ...]


def _format(stream: Any) -> tuple[Any, ...]:
    ctx = stream.codec_context
    return (
        ctx.name,
        stream.width,
        stream.height,
        stream.format.name if stream.format else None,
        stream.base_rate,
        stream.time_base,
    )


def _describe(fmt: tuple[Any, ...]) -> str:
    codec, width, height, pix, rate, _ = fmt
    fps = f"{float(rate):.4g} fps" if rate else "unknown fps"
    return f"{codec} {width}x{height} {pix} {fps}"


def part_duration(path: Path) -> float:
    """Seconds of video in ``path``: the end of its last frame (packet pts plus duration)."""
    with av.open(str(path)) as source:
        stream = source.streams.video[0]
        end = max(
            ((p.pts or 0) + (p.duration or 0) for p in source.demux(stream) if p.dts is not None),
            default=0,
        )
        return float(end * (stream.time_base or 1))


def _check(paths: Sequence[Path]) -> None:
    first: tuple[Any, ...] | None = None
    extradata: bytes | None = None
    for path in paths:
        with av.open(str(path)) as source:
            if not source.streams.video:
                raise JoinError(f"cannot join {path.name}: it has no video stream")
            stream = source.streams.video[0]
            fmt, extra = _format(stream), bytes(stream.codec_context.extradata or b"")
        if first is None:
            first, extradata, head = fmt, extra, path
        elif fmt[:5] != first[:5] or fmt[5] != first[5]:
            raise JoinError(
                f"cannot join {path.name} ({_describe(fmt)}) to {head.name} ({_describe(first)}) "
                "without re-encoding: size, pixel format and frame rate must match"
            )
        elif extra != extradata:
            raise JoinError(
                f"cannot join {path.name} to {head.name} without re-encoding: "
                "their encoder settings differ"
            )


def _sound(path: Path, seconds: float) -> np.ndarray:
    """The part's sound as mono float32 at :data:`RATE`, cut or padded to ``seconds``."""
    length = round(seconds * RATE)
    out = np.zeros(length, np.float32)
    with av.open(str(path)) as source:
        if not source.streams.audio:
            return out
        resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
        chunks = [
            f.to_ndarray().reshape(-1)
            for frame in source.decode(source.streams.audio[0])
            for f in resampler.resample(frame)
        ]
        chunks += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    if chunks:
        samples = np.concatenate(chunks)[:length]
        out[: len(samples)] = samples
    return out


def _has_sound(paths: Sequence[Path]) -> bool:
    for path in paths:
        with av.open(str(path)) as source:
            if source.streams.audio:
                return True
    return False


def join_videos(
    parts: Sequence[Path],
    target: Path,
    *,
    chapters: Sequence[Chapter] = (),
    tracks: Sequence[SubtitleTrack] = (),
) -> list[float]:
    """Write ``parts`` one after the other into ``target`` (MP4); return each part's start.

    Video packets are copied with their timestamps shifted by the length of
    the parts before them; subtitle cues and chapters are in the joined
    video's seconds.
    """
    if not parts:
        raise JoinError("nothing to join: no videos given")
    _check(parts)
    sound = _has_sound(parts)
    starts: list[float] = []
    with av.open(str(target), "w", format="mp4") as out:
        with av.open(str(parts[0])) as first:
            video = out.add_stream_from_template(first.streams.video[0])
        audio: Any = None
        if sound:
            audio = out.add_stream("aac", rate=RATE, layout="mono")
            audio.time_base = Fraction(1, RATE)
        subs = []
        for track in tracks:
            sub = out.add_stream("mov_text")
            sub.codec_context.subtitle_header = _ASS_HEADER
            sub.time_base = _MS
            sub.metadata["language"] = ISO639_2.get(track.lang, "und")
            sub.metadata["title"] = track.name
            subs.append((sub, track))
        base = video.time_base or Fraction(1, 1)
        offset, sample = 0, 0  # in the video's time base; in audio samples
        for path in parts:
            starts.append(float(offset * base))
            with av.open(str(path)) as source:
                end = 0
                for packet in source.demux(source.streams.video[0]):
                    if packet.dts is None:
                        continue
                    end = max(end, (packet.pts or 0) + (packet.duration or 0))
                    packet.pts = (packet.pts or 0) + offset
                    packet.dts += offset
                    packet.stream = video
                    out.mux(packet)
            seconds = float(end * base)
            if audio is not None:
                samples = _sound(path, seconds)
                size = audio.codec_context.frame_size or 1024
                for at in range(0, len(samples), size):
                    block = samples[at : at + size].reshape(1, -1)
                    frame = av.AudioFrame.from_ndarray(block, format="flt", layout="mono")
                    frame.rate, frame.pts, frame.time_base = RATE, sample + at, Fraction(1, RATE)
                    out.mux(audio.encode(frame))
                sample += len(samples)
            offset += end
        if audio is not None:
            out.mux(audio.encode(None))
        for sub, track in subs:
            for i, (start, stop, text) in enumerate(track.cues):
                a, b = round(start * 1000), round(stop * 1000)
                line = text.replace("\n", "\\N")
                cue = av.subtitles.subtitle.SubtitleSet.create(
                    f"{i},0,Default,,0,0,0,,{line}".encode(), 0, b - a, pts=a * 1000
                )
                held: Any = sub.codec_context.encode_subtitle(cue)
                held.stream, held.time_base = sub, _MS
                held.pts = held.dts = a
                held.duration = b - a
                out.mux(held)
        out.set_chapters(
            [
                {
                    "id": i + 1,
                    "start": round(c.start * 1000),
                    "end": round(c.end * 1000),
                    "time_base": _MS,
                    "metadata": {"title": c.title},
                }
                for i, c in enumerate(chapters)
            ]
        )
    return starts
