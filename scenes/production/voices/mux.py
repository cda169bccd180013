"""Put a narration track into a rendered video (and its clips) without re-encoding the video (PyAV)."""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path
from typing import cast

import av
import numpy as np
from av.audio.stream import AudioStream

from scenes.production.voices.loudness import RATE

__all__ = ["AUDIO_CODECS", "add_audio", "audio_of", "video_duration"]

#: The audio codec of each video format that can carry sound.
AUDIO_CODECS = {"mp4": "aac", "mov": "aac", "webm": "libopus"}
_FRAME = 1024


def video_duration(path: Path) -> float:
    """Seconds of video in ``path`` (frames over frame rate)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.frames and stream.average_rate:
            return float(stream.frames / stream.average_rate)
        if stream.duration is not None and stream.time_base is not None:
            return float(stream.duration * stream.time_base)
        return float(container.duration or 0) / av.time_base


def add_audio(path: Path, track: np.ndarray, start: float = 0.0) -> None:
    """Replace ``path`` by itself with ``track`` from ``start`` (seconds) as its sound.

    The video stream is copied packet by packet; the audio (mono, 48 kHz) is
    encoded as AAC (MP4, MOV) or Opus (WebM) and is exactly as long as the video.
    """
    codec = AUDIO_CODECS[path.suffix.lstrip(".")]
    length = round(video_duration(path) * RATE)
    first = round(start * RATE)
    piece = np.zeros(length, np.float32)
    chunk = track[first : first + length]
    piece[: len(chunk)] = chunk
    tmp = path.with_name(f".{path.stem}.audio{path.suffix}")
    with av.open(str(path)) as source, av.open(str(tmp), "w") as target:
        video_in = source.streams.video[0]
        video_out = target.add_stream_from_template(video_in)
        audio = cast(AudioStream, target.add_stream(codec, rate=RATE, layout="mono"))
        audio.time_base = Fraction(1, RATE)
        for packet in source.demux(video_in):
            if packet.dts is None:
                continue
            packet.stream = video_out
            target.mux(packet)
        fmt = "fltp" if codec == "aac" else "flt"
        size = audio.codec_context.frame_size or _FRAME
        for at in range(0, length, size):
            block = piece[at : at + size]
            frame = av.AudioFrame.from_ndarray(block.reshape(1, -1), format=fmt, layout="mono")
            frame.rate, frame.pts, frame.time_base = RATE, at, Fraction(1, RATE)
            target.mux(audio.encode(frame))
        target.mux(audio.encode(None))
    os.replace(tmp, path)


def audio_of(path: Path) -> tuple[np.ndarray, int] | None:
    """The first audio stream of ``path`` decoded to mono float32 samples and its rate (None: silent)."""
    with av.open(str(path)) as container:
        if not container.streams.audio:
            return None
        stream = container.streams.audio[0]
        parts = [frame.to_ndarray()[0] for frame in container.decode(stream)]  # mono
        return (np.concatenate(parts) if parts else np.zeros(0)).astype(np.float32), stream.rate
