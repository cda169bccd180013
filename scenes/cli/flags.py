"""The command-line flags that several commands share, as click decorators."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

__all__ = ["assignments_option", "params_option"]

F = TypeVar("F", bound=Callable[..., Any])


def assignments_option(command: F) -> F:
    """``--set KEY=VALUE`` (``SCENE.KEY=VALUE`` with several scenes), repeatable."""
    return click.option(
        "--set",
        "assignments",
        multiple=True,
        metavar="KEY=VALUE",
        help="Set a parameter to a TOML value (lr=0.7); with several scenes SCENE.KEY=VALUE.",
    )(command)


def params_option(command: F) -> F:
    """``--params FILE.toml``: lecture options at the top level, ``[scene]`` tables."""
    return click.option(
        "--params",
        "params_file",
        metavar="FILE.toml",
        help="Parameters in [scene] tables; top-level quality, lang, format, theme, pace.",
    )(command)
