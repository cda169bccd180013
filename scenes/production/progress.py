"""Render jobs one after the other with a progress display on stderr: one line per job."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from scenes.production.export import RenderJob, render_job

__all__ = ["render_with_progress"]


def render_with_progress(jobs: list[RenderJob], renders: Path) -> Iterator[Path]:
    """Render every job into ``renders``, showing its scene, language and step; yield written files."""
    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        for number, job in enumerate(jobs, start=1):
            head = f"[{number}/{len(jobs)}] {job.stem} ({job.quality}, {job.fmt})"
            task = progress.add_task(head, total=None)

            def on_step(index: int, name: str, task: TaskID = task, head: str = head) -> None:
                progress.update(task, description=f"{head}: step {index + 1} {name}")

            start = time.perf_counter()
            try:
                written = render_job(job, renders, on_step)
            except BaseException:
                progress.update(task, description=f"{head}: stopped, nothing written")
                raise
            seconds = time.perf_counter() - start
            progress.update(
                task, description=f"{head}: done in {seconds:.1f} s", total=1, completed=1
            )
            yield from written
