"""The command-line flags that several commands share, as click decorators."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from scenes.cli.options import PACE_RANGE
from scenes.kit.words import languages
from scenes.production.job import QUALITIES, THEMES

__all__ = [
    "assignments_option",
    "cluster_options",
    "lang_option",
    "out_option",
    "pace_option",
    "params_option",
    "quality_option",
    "theme_option",
    "words_option",
]

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


def quality_option(command: F) -> F:
    """``-q/--quality``: low, medium, high or 4k."""
    return click.option(
        "-q", "--quality", type=click.Choice(QUALITIES), help="low (default), medium, high or 4k."
    )(command)


def lang_option(each: str) -> Callable[[F], F]:
    """``--lang CODES``, comma-separated; ``each`` says what each language gets ("each built")."""
    return click.option(
        "--lang",
        metavar="CODES",
        help=f"Language(s), comma-separated, {each}: {','.join(languages())} (default en).",
    )


def theme_option(light: str) -> Callable[[F], F]:
    """``--theme dark|light``; ``light`` says what the light theme is for."""
    return click.option(
        "--theme", type=click.Choice(THEMES), help=f"dark (default) or light{light}."
    )


def pace_option(command: F) -> F:
    """``--pace F``: scale every hold."""
    low, high = PACE_RANGE
    return click.option(
        "--pace",
        type=float,
        metavar="F",
        help=f"Scale every hold, {low:g} to {high:g} (default 1; above 1 slower).",
    )(command)


def words_option(help_text: str) -> Callable[[F], F]:
    """``--words FILE.toml``: reworded words."""
    return click.option("--words", "words_file", metavar="FILE.toml", help=help_text)


def cluster_options(scheduler_help: str) -> Callable[[F], F]:
    """``-j/--jobs N`` and ``--scheduler ADDRESS`` of the cached, parallel commands."""

    def decorate(command: F) -> F:
        command = click.option("--scheduler", metavar="ADDRESS", help=scheduler_help)(command)
        return click.option(
            "-j",
            "--jobs",
            "workers",
            type=int,
            metavar="N",
            help="Parallel render jobs (default: all cores).",
        )(command)

    return decorate


def out_option(command: F) -> F:
    """``--out DIR``: the output folder (default ``renders``)."""
    return click.option(
        "--out",
        "out_dir",
        default="renders",
        show_default=True,
        metavar="DIR",
        help="Output folder.",
    )(command)
