"""The one error type of bad input: its message is one line naming the problem and what is accepted."""

from __future__ import annotations

__all__ = ["ParamError"]


class ParamError(ValueError):
    """Bad input (parameters, words, selection, options); the CLI prints it as one line, exit 2."""
