"""Staging folders, interruption and faults: a render lands whole or not at all.

A render writes into a hidden ``.tmp-<stem>-<pid>-<start>-<token>`` folder next
to its destination and moves its outputs in with ``os.replace`` when complete.
The folder's name holds the process id and its start time, so a later run
removes the leftovers of a killed run (SIGKILL) but never the folder of a run
still alive. SIGTERM and SIGHUP interrupt like Ctrl-C, at a point where
Manim can clean up; the final moves are shielded from all three. A full disk or an unwritable folder becomes one
:class:`~scenes.production.errors.OutputFault`.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import signal
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from scenes.production.errors import OutputFault

__all__ = [
    "Interrupted",
    "alive",
    "deferred",
    "faults",
    "interruption_point",
    "interrupts",
    "make_staging",
    "remove_stale",
    "shielded",
]

_STAGING = re.compile(r"\.tmp-.+-(\d+)-(\d+)-[0-9a-f]{8}")
#: Below this many free bytes a failed video write is taken for a full disk.
LOW_SPACE = 32 * 2**20
_SIGNALS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s)


class Interrupted(KeyboardInterrupt):
    """The render was stopped by Ctrl-C, SIGTERM or SIGHUP."""


def _start_time(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (Linux), or None when unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()
    if fields and fields[0] in ("Z", "X"):
        return -1  # a zombie: dead
    try:
        return int(fields[19])
    except (IndexError, ValueError):
        return None


def alive(pid: int, start: int = 0) -> bool:
    """Whether process ``pid`` (started at ``start``, 0: unknown) still runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: it exists
    now = _start_time(pid)
    if now == -1:
        return False
    return not (start and now is not None and now != start)


def make_staging(folder: Path, stem: str) -> Path:
    """Create and return a fresh staging folder for ``stem`` inside ``folder``."""
    pid = os.getpid()
    name = f".tmp-{stem}-{pid}-{_start_time(pid) or 0}-{secrets.token_hex(4)}"
    path = folder / name
    path.mkdir()
    return path


def remove_stale(folders: Iterable[Path]) -> list[Path]:
    """Remove staging folders of dead processes in ``folders``; return those removed."""
    removed = []
    for folder in folders:
        try:
            candidates = sorted(folder.glob(".tmp-*"))
        except OSError:
            continue
        for path in candidates:
            match = _STAGING.fullmatch(path.name)
            if not match or not path.is_dir():
                continue
            pid, start = int(match[1]), int(match[2])
            if pid == os.getpid() or alive(pid, start):
                continue
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


class _State:
    """Whether interruptions wait for a safe point, and the one that waits."""

    deferring = False
    pending: str | None = None


def _interrupt(signum: int, frame: FrameType | None) -> None:
    name = signal.Signals(signum).name
    if _State.deferring and _State.pending is None:
        _State.pending = name  # the first signal waits for a safe point; a second one won't
        return
    raise Interrupted(name)


def interruption_point() -> None:
    """Raise the interruption that waited (a safe point of a deferred block), if any."""
    name, _State.pending = _State.pending, None
    if name is not None:
        raise Interrupted(name)


@contextmanager
def interrupts() -> Iterator[None]:
    """Within the block Ctrl-C, SIGTERM and SIGHUP raise :class:`Interrupted`."""
    previous = {sig: signal.signal(sig, _interrupt) for sig in _SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _State.pending = None


@contextmanager
def deferred() -> Iterator[None]:
    """Within the block an interruption waits for :func:`interruption_point` (or the end).

    Manim's encoder threads must not be orphaned by an exception raised at an
    arbitrary point (a worker blocked on its queue would hang the process at
    exit), so while Manim renders, the first signal only takes note; the scene
    raises it at its next ``play``, where Manim cleans up. A second signal
    raises at once.
    """
    outer = _State.deferring
    _State.deferring = True
    try:
        yield
    finally:
        _State.deferring = outer
    interruption_point()


@contextmanager
def shielded() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends (the final moves)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _low_on_space(*folders: Path) -> bool:
    for folder in folders:
        try:
            if shutil.disk_usage(folder).free < LOW_SPACE:
                return True
        except OSError:
            continue
    return False


@contextmanager
def faults(folder: Path) -> Iterator[None]:
    """Turn a full disk or an unwritable ``folder`` into one :class:`OutputFault`.

    ENOSPC (or a quota) anywhere is a full disk; so is a failed video write
    (Manim's ``RuntimeError``) when ``folder`` or the temporary folder is
    nearly out of space. Permission and read-only errors name the folder.
    """
    full = f"the disk is full: no space left to write {folder} (nothing was written)"
    try:
        yield
    except OutputFault:
        raise
    except OSError as err:
        if err.errno in (errno.ENOSPC, errno.EDQUOT):
            raise OutputFault(full) from None
        if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST):
            raise OutputFault(
                f"cannot write to {folder}: {err.strerror} (nothing was written)"
            ) from None
        raise
    except RuntimeError:
        if _low_on_space(folder, Path(tempfile.gettempdir())):
            raise OutputFault(full) from None
        raise
