"""Faults of the machine, not of the input: a full disk, an unwritable folder (exit 1, one line)."""

from __future__ import annotations

__all__ = ["OutputFault"]


class OutputFault(Exception):
    """Output could not be written (disk full, folder unwritable); the message is one line.

    Nothing half-written is left behind when it is raised; the CLI prints it as
    ``lecture: error: …`` and exits with status 1.
    """
