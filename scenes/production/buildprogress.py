"""The build's progress display on stderr: one line per job (rich), or nothing when disabled."""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scenes.production.build import Planned

__all__ = ["BuildProgress"]


def _head(plan: Planned) -> str:
    job = plan.job
    return f"{job.stem} ({job.quality}, {job.fmt})"


class BuildProgress:
    """One line per planned job: waiting, rendering (its step), done in N s, or why nothing ran.

    Methods take a job's index in the plan list or the plan itself, and may be
    called from the progress-relay thread of a process pool.
    """

    def __init__(self, plans: list[Planned], *, enabled: bool = True) -> None:
        self.plans = plans
        self.enabled = enabled
        self.lock = threading.Lock()
        self.started_at: dict[int, float] = {}
        self.progress: Any = None
        self.tasks: dict[int, Any] = {}
        self.extra: list[str] = []

    def __enter__(self) -> BuildProgress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
            self.progress = Progress(*columns, console=Console(stderr=True))
            self.progress.start()
            for i, plan in enumerate(self.plans):
                self.tasks[i] = self.progress.add_task(f"{_head(plan)}: waiting", total=None)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.progress is None:
            return
        if error is not None:
            for i in self.tasks:
                if i in self.started_at:
                    self._say(i, "stopped, nothing written for it", finished=True)
        self.progress.stop()

    def _index(self, plan: Planned | int) -> int:
        if isinstance(plan, int):
            return plan
        for i, known in enumerate(self.plans):
            if known is plan:
                return i
        return self.plans.index(plan)

    def _say(self, i: int, text: str, *, finished: bool = False) -> None:
        if self.progress is None or i not in self.tasks:
            return
        with self.lock:
            description = f"{_head(self.plans[i])}: {text}"
            if finished:
                self.progress.update(self.tasks[i], description=description, total=1, completed=1)
            else:
                self.progress.update(self.tasks[i], description=description)

    def started(self, plan: Planned | int) -> None:
        """The job began to render."""
        i = self._index(plan)
        self.started_at[i] = time.perf_counter()
        self._say(i, "rendering")

    def step(self, plan: Planned | int, index: int, name: str) -> None:
        """The job reached step ``index`` (``name``)."""
        i = self._index(plan)
        self.started_at.setdefault(i, time.perf_counter())
        self._say(i, f"step {index + 1} {name}")

    def done(self, plan: Planned | int, how: str | None = None) -> None:
        """The job's outputs are in place (``how``: without rendering, and why)."""
        i = self._index(plan)
        if how is None:
            start = self.started_at.pop(i, time.perf_counter())
            how = f"rendered in {time.perf_counter() - start:.1f} s"
        else:
            self.started_at.pop(i, None)
        self._say(i, how, finished=True)

    def note(self, text: str) -> None:
        """A line for something that is not a job (the joined video)."""
        if self.progress is not None:
            with self.lock:
                task = self.progress.add_task(text, total=1)
                self.progress.update(task, completed=1)
