"""``lecture build`` timings: serial against parallel, a no-change rebuild, a one-parameter change.

usage: .venv/bin/python benchmarks/bench_build.py [--select all] [--quality low] [-j N]
                                                  [--high SCENE ...] [--skip-serial]

Every figure is the wall time of a fresh ``lecture build`` process (start-up
included) into its own temporary folder, in one run on one machine:

1. the selection (default: the whole lecture) at ``--quality`` with ``-j 1``
   and with ``-j N`` (default: every core), each from an empty cache, with the
   video length (the joined lecture video) and the factor wall time / length;
2. the same command again with nothing changed;
3. one parameter of one scene changed (``hinge-loss.delta = 2``): that scene
   alone renders again (the joined video is re-assembled);
4. ``--high`` scenes (default four) at high quality, ``-j 1`` against ``-j N``.

Results are printed as a table and written to ``benchmarks/results/bench_build.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scenes.kit import registry

ROOT = Path(__file__).resolve().parents[1]
LECTURE = [sys.executable, "-m", "scenes.cli", "build"]
HIGH = ["hinge-loss", "softmax", "gradient-descent", "backprop-simple"]
CHANGE = "hinge-loss.delta=2"


def timed(args: list[str]) -> float:
    """Seconds one ``lecture build`` process takes (its progress display discarded)."""
    start = time.perf_counter()
    subprocess.run(LECTURE + args, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def video_seconds(folder: Path) -> float:
    """Length of the joined video in ``folder`` (else the sum of the scene videos)."""
    import av

    joined = [p for p in folder.glob("*.mp4") if not (folder / p.stem).is_dir()]
    videos = joined or [p for p in folder.glob("*.mp4") if (folder / p.stem).is_dir()]
    total = 0.0
    for path in videos[:1] if joined else videos:
        with av.open(str(path)) as container:
            total += float(container.duration or 0) / av.time_base
    return total


def renders(folder: Path) -> dict[str, int]:
    """Each manifest's modification time (what a build rewrote)."""
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.json")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--select", nargs="+", default=["all"])
    parser.add_argument("--quality", default="low")
    parser.add_argument("-j", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--high", nargs="*", default=HIGH)
    parser.add_argument("--skip-serial", action="store_true")
    args = parser.parse_args()
    results: dict[str, float | int | list[str]] = {"cores": os.cpu_count() or 1, "jobs": args.j}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        base = [*args.select, "-q", args.quality]
        if not args.skip_serial:
            results["serial_s"] = timed([*base, "-j", "1", "--out", f"{tmp}/serial"])
            print(f"serial (-j 1):          {results['serial_s']:8.1f} s", flush=True)
        out = Path(tmp) / "parallel"
        results["parallel_s"] = timed([*base, "-j", str(args.j), "--out", str(out)])
        print(f"parallel (-j {args.j}):         {results['parallel_s']:8.1f} s", flush=True)
        results["video_s"] = video_seconds(out / args.quality)
        results["no_change_s"] = timed([*base, "-j", str(args.j), "--out", str(out)])
        print(f"no change:              {results['no_change_s']:8.2f} s", flush=True)
        before = renders(out / args.quality)
        if "hinge-loss" in [e.name for e in registry.select(args.select)]:
            results["one_change_s"] = timed(
                [*base, "-j", str(args.j), "--set", CHANGE, "--out", str(out)]
            )
            after = renders(out / args.quality)
            results["rewritten"] = sorted(k for k in after if before.get(k) != after[k])
            print(f"one parameter changed:  {results['one_change_s']:8.1f} s "
                  f"(rewrote {', '.join(results['rewritten'])})", flush=True)  # fmt: skip
        if args.high:
            high = [*args.high, "-q", "high", "--no-video"]
            results["high_serial_s"] = timed([*high, "-j", "1", "--out", f"{tmp}/hs"])
            results["high_parallel_s"] = timed([*high, "-j", str(args.j), "--out", f"{tmp}/hp"])
            results["high_video_s"] = video_seconds(Path(tmp) / "hp/high")
            print(f"high, {len(args.high)} scenes: -j 1 {results['high_serial_s']:.1f} s, "
                  f"-j {args.j} {results['high_parallel_s']:.1f} s, "
                  f"video {results['high_video_s']:.1f} s", flush=True)  # fmt: skip
    video = float(results["video_s"])
    print(f"video length {video:.1f} s; wall/length: parallel "
          f"{float(results['parallel_s']) / video:.2f}", flush=True)  # fmt: skip
    folder = ROOT / "benchmarks" / "results"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bench_build.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
