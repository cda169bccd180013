"""Render time of scenes at the given qualities, against an older revision in the same run.

usage: .venv/bin/python benchmarks/bench_render.py [SCENE ...] [--quality low high]
                                                   [--baseline REV] [--repeat N]

Each scene renders (defaults, English, mp4) into a temporary folder, in a fresh
interpreter per code version; the table gives wall-clock seconds, the video's
length and the factor render time / video length. With ``--baseline REV`` the
same scenes are also rendered by the code of REV, checked out into a temporary
``git worktree`` and run with ``PYTHONPATH`` pointing at it (the worker drops
the editable install's finder, which would fill in modules the old code
lacks), alternating before and after scene by scene, so both factors come out
of one run on one machine. ``--repeat N`` keeps the fastest of N runs. The
worker speaks both the current API (``scenes.production.export``) and the old
one (``scenes.export``, up to bbef278).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# ----------------------------------------------------------------------------
# the worker: runs inside the code version under test


def _video_seconds(path: Path) -> float:
    import av

    with av.open(str(path)) as container:
        return float(container.duration or 0) / av.time_base


def _renderer() -> Callable[[str, str, Path], Path]:
    """A function (scene, quality, folder) -> video file, for whichever code is on sys.path.

    The project's editable-install finder is dropped first: it would fill in
    modules that the code under test lacks from the current tree.
    """
    sys.meta_path[:] = [f for f in sys.meta_path if "Editable" not in getattr(f, "__name__", "")]
    import scenes

    if (Path(scenes.__file__).parent / "production").is_dir():
        from scenes.kit import registry
        from scenes.production.export import RenderJob, render_job

        def render(name: str, quality: str, folder: Path) -> Path:
            params = registry.get(name).params_class()()
            written = render_job(RenderJob(name, params, quality=quality), folder)
            return next(p for p in written if p.suffix == ".mp4" and p.parent.name == quality)

        return render

    from scenes.export import RenderJob as OldJob  # type: ignore[import-not-found]
    from scenes.export import render_job as old_render_job

    from scenes import registry as old_registry  # type: ignore[attr-defined]

    def render_old(name: str, quality: str, folder: Path) -> Path:
        cls = old_registry.get(name).load()
        written = old_render_job(OldJob(name, cls, cls.Params(), quality=quality), folder)
        return next(p for p in written if p.suffix == ".mp4" and p.parent.name == quality)

    return render_old


def worker(scenes: list[str], qualities: list[str]) -> None:
    """Render every scene at every quality; print one JSON line each."""
    render = _renderer()
    for name in scenes:
        for quality in qualities:
            with tempfile.TemporaryDirectory() as tmp:
                start = time.perf_counter()
                movie = render(name, quality, Path(tmp))
                seconds = time.perf_counter() - start
                length = _video_seconds(movie)
            row = {"scene": name, "quality": quality, "render": seconds, "video": length}
            print(json.dumps(row), flush=True)


# ----------------------------------------------------------------------------
# the driver


@contextmanager
def worktree(rev: str) -> Iterator[Path]:
    """A temporary checkout of ``rev`` (a detached git worktree), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="bench-baseline-"))
    path = folder / "code"
    git = ["git", "-C", str(ROOT)]
    subprocess.run(
        [*git, "worktree", "add", "--detach", str(path), rev], check=True, capture_output=True
    )
    try:
        yield path
    finally:
        subprocess.run(
            [*git, "worktree", "remove", "--force", str(path)], check=False, capture_output=True
        )
        subprocess.run([*git, "worktree", "prune"], check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def measure(code: Path, scenes: list[str], qualities: list[str]) -> dict[tuple[str, str], dict]:
    """Run the worker with the code at ``code``; its rows by (scene, quality)."""
    env = dict(os.environ, PYTHONPATH=str(code))
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", *scenes]
    command += ["--quality", *qualities]
    with tempfile.TemporaryDirectory() as cwd:
        done = subprocess.run(
            command, env=env, cwd=cwd, capture_output=True, text=True, check=False
        )
    if done.returncode != 0:
        sys.exit(f"bench_render: the code at {code} failed:\n{done.stderr[-3000:]}")
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {(r["scene"], r["quality"]): r for r in rows}


def _cells(row: dict | None) -> str:
    if row is None:
        return f"{'-':>9} {'-':>8} {'-':>6}"
    factor = row["render"] / row["video"]
    return f"{row['render']:9.1f} {row['video']:8.1f} {factor:6.2f}"


def _row(name: str, quality: str, old: dict | None, now: dict | None, baseline: bool) -> str:
    line = f"{name:<20} {quality:<8} "
    if not baseline:
        return line + _cells(now)
    change = ""
    if old and now:
        ratio = (now["render"] / now["video"]) / (old["render"] / old["video"])
        change = f"{ratio:6.2f}x"
    return line + f"{_cells(old)} {_cells(now)} {change:>7}"


def _best(rows: list[dict]) -> dict | None:
    """The fastest of repeated measurements (the least disturbed by other load)."""
    return min(rows, key=lambda r: r["render"] / r["video"]) if rows else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenes", nargs="*")
    ap.add_argument("--quality", nargs="+", default=["low", "high"])
    ap.add_argument("--baseline", metavar="REV", help="also render with the code of REV")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.scenes, args.quality)
        return
    if not args.scenes:
        sys.path.insert(0, str(ROOT))
        from scenes.kit import registry

        args.scenes = registry.names()
    head = f"{'scene':<20} {'quality':<8}"
    cols = f"{'render s':>9} {'video s':>8} {'factor':>6}"
    if args.baseline:
        print(f"{'':<29} {'before (' + args.baseline + ')':<25} {'after':<25}")
        print(f"{head} {cols} {cols} {'change':>7}", flush=True)
    else:
        print(f"{head} {cols}", flush=True)
    with contextlib.ExitStack() as stack:
        old_code = stack.enter_context(worktree(args.baseline)) if args.baseline else None
        for name in args.scenes:
            for quality in args.quality:
                # before and after alternate, so a change of load hits both alike
                before: list[dict] = []
                after: list[dict] = []
                for _ in range(args.repeat):
                    if old_code is not None:
                        before += measure(old_code, [name], [quality]).values()
                    after += measure(ROOT, [name], [quality]).values()
                print(_row(name, quality, _best(before), _best(after), bool(args.baseline)))


if __name__ == "__main__":
    main()
