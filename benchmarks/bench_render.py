"""Render time of every scene at the given qualities (default low and high), run on demand.

usage: .venv/bin/python benchmarks/bench_render.py [SCENE ...] [--quality low high]
Each scene renders into a temporary folder; the table gives wall-clock seconds,
the video's length and the ratio of render time to video length.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import av

from scenes import registry
from scenes.export import RenderJob, render_job


def video_seconds(path: Path) -> float:
    with av.open(str(path)) as container:
        return float(container.duration or 0) / av.time_base


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenes", nargs="*", default=registry.names())
    ap.add_argument("--quality", nargs="+", default=["low", "high"])
    args = ap.parse_args()
    print(f"{'scene':<20} {'quality':<8} {'render s':>9} {'video s':>8} {'ratio':>6}")
    for name in args.scenes:
        cls = registry.get(name).load()
        for quality in args.quality:
            with tempfile.TemporaryDirectory() as tmp:
                job = RenderJob(name, cls, cls.Params(), quality=quality)
                start = time.perf_counter()
                written = render_job(job, Path(tmp))
                seconds = time.perf_counter() - start
                movie = next(p for p in written if p.suffix == ".mp4" and p.parent.name == quality)
                length = video_seconds(movie)
            print(f"{name:<20} {quality:<8} {seconds:9.1f} {length:8.1f} {seconds / length:6.2f}")


if __name__ == "__main__":
    main()
