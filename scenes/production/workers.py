"""Where a build's render jobs run: in this process (``-j 1``) or in a pool of local processes.

Each job renders with :func:`scenes.production.export.render_job` into its own
private folder (so its own Manim media folder: SVG import writes temporary
files with fixed names), and the caller stores the finished quality folder in
the cache. Workers are started with ``spawn`` (no state forked from a parent
that may hold threads), and report each step through a queue for the progress
display. Nothing here imports Manim until a job runs.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from scenes.production.job import RenderJob

__all__ = ["OnStep", "Task", "render_in_process", "render_in_pool"]

#: ``on_step(task_id, step_index, step_name)``: a job reached a step.
OnStep = Callable[[int, int, str], None]
#: One job to render: an id (for progress), the job, and its private renders folder.
Task = tuple[int, RenderJob, Path]

_QUEUE: Any = None


def _render(task_id: int, job: RenderJob, work: Path, on_step: OnStep | None) -> int:
    from scenes.production.export import render_job
    from scenes.production.staging import interrupts

    def step(index: int, name: str) -> None:
        if on_step is not None:
            on_step(task_id, index, name)

    with interrupts():
        render_job(job, work, step)
    return task_id


def render_in_process(tasks: list[Task], on_step: OnStep | None = None) -> Iterator[int]:
    """Render ``tasks`` one after the other here; yield each task's id when it is finished."""
    for task_id, job, work in tasks:
        yield _render(task_id, job, work, on_step)


def _init(q: Any) -> None:
    global _QUEUE
    _QUEUE = q


def _pool_render(task_id: int, job: RenderJob, work: str) -> int:
    def report(task: int, index: int, name: str) -> None:
        if _QUEUE is not None:
            _QUEUE.put((task, index, name))

    return _render(task_id, job, Path(work), report)


def render_in_pool(tasks: list[Task], workers: int, on_step: OnStep | None = None) -> Iterator[int]:
    """Render ``tasks`` in ``workers`` processes; yield each task's id as it finishes.

    A failed job raises its error here once the jobs already running have
    finished (their outputs are kept); an interruption cancels what has not
    started and waits for the running jobs to stop.
    """
    context = mp.get_context("spawn")
    steps: Any = context.Queue()
    stop = threading.Event()

    def relay() -> None:
        while not stop.is_set():
            try:
                item = steps.get(timeout=0.1)
            except queue.Empty:
                continue
            except (EOFError, OSError):
                return
            if on_step is not None:
                on_step(*item)

    reader = threading.Thread(target=relay, daemon=True)
    reader.start()
    pool = ProcessPoolExecutor(
        max_workers=max(1, min(workers, len(tasks))),
        mp_context=context,
        initializer=_init,
        initargs=(steps,),
    )
    futures: dict[Future[int], int] = {
        pool.submit(_pool_render, task_id, job, str(work)): task_id for task_id, job, work in tasks
    }
    failure: BaseException | None = None
    try:
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                if future.cancelled():
                    continue
                error = future.exception()
                if error is None:
                    yield future.result()
                elif failure is None:
                    failure = error
                    for other in pending:
                        other.cancel()
        if failure is not None:
            raise failure
    except KeyboardInterrupt as stop_:
        if str(stop_) != "SIGINT":  # Ctrl-C reached the workers too; SIGTERM or SIGHUP did not
            _stop_workers(pool)  # each stops at its next play and cleans up
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        stop.set()
        reader.join(timeout=1)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Ask every worker process to stop (Ctrl-C reaches them itself; SIGTERM to us does not)."""
    for process in list(getattr(pool, "_processes", {}).values()):
        if process.is_alive():
            process.terminate()
