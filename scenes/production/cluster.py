"""Run a build's render jobs on a Dask cluster; outputs come back to this machine as bytes.

The workers need the project installed at the same code (the job is refused
there when its code digest differs) and nothing else shared: each job renders
into a temporary folder on its worker, and the files of its quality folder are
returned by value. Needs ``distributed`` (the ``[cluster]`` extra); an address
that does not answer is one line of bad input. Never imports Manim here.
"""

from __future__ import annotations

import socket
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from scenes.kit.errors import ParamError
from scenes.production.job import RenderJob

__all__ = [
    "CONNECT_TIMEOUT",
    "CodeMismatch",
    "check_scheduler",
    "render_on_cluster",
    "render_remote",
]

#: Seconds to wait for a scheduler to answer.
CONNECT_TIMEOUT = 5


class CodeMismatch(RuntimeError):
    """A worker's project code is not the asking machine's (its outputs would not match the key)."""


def _client(address: str) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise ParamError(
            "--scheduler needs Dask's distributed package: pip install 'dl-lecture-videos[cluster]'"
        ) from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise ParamError(
            f"--scheduler {address!r}: cannot reach a Dask scheduler there ({reason}); "
            "accepted: a running scheduler's address, e.g. tcp://host:8786"
        ) from None


def check_scheduler(address: str) -> None:
    """Raise :class:`ParamError` (one line) unless a Dask scheduler answers at ``address``."""
    _client(address).close()


def render_remote(job: RenderJob, code: str) -> dict[str, bytes]:
    """On a worker: render ``job`` in a temporary folder; return its files by relative name."""
    from scenes.production.cache import code_digest
    from scenes.production.export import render_job

    if code_digest() != code:
        raise CodeMismatch(f"{socket.gethostname()} runs other project code")
    with tempfile.TemporaryDirectory(prefix="lecture-build-") as tmp:
        folder = Path(tmp) / job.quality
        render_job(job, Path(tmp))
        return {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }


def render_on_cluster(
    address: str,
    jobs: list[RenderJob],
    code: str,
    started: Callable[[int], None] | None = None,
) -> Iterator[tuple[int, dict[str, bytes]]]:
    """Submit every job to the scheduler at ``address``; yield ``(index, files)`` as each finishes.

    A failing job raises its error here (the finished ones were yielded first);
    stopping the iteration cancels what is still queued.
    """
    from distributed import as_completed

    client = _client(address)
    try:
        futures = {}
        for i, job in enumerate(jobs):
            future = client.submit(render_remote, job, code, pure=False)
            futures[future] = i
            if started is not None:
                started(i)
        for future in as_completed(list(futures), loop=client.loop):
            try:
                files = future.result()
            except CodeMismatch as err:
                raise ParamError(
                    f"--scheduler {address!r}: a worker on {err} than this machine; "
                    "accepted: workers with this project installed at the same version"
                ) from None
            yield futures[future], files
    finally:
        client.cancel(list(futures))
        client.close()
