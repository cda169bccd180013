"""``lecture voices`` and ``--voice``: the narration voices, which are installed, and each language's default."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

import click

from scenes.kit.errors import ParamError
from scenes.production.job import RenderJob

__all__ = ["VOICE_FORMATS", "apply_voice", "voice_option", "voices_command"]

F = TypeVar("F", bound=Callable[..., Any])
#: Formats whose videos carry sound.
VOICE_FORMATS = ("mp4", "webm", "mov")


def voice_option(command: F) -> F:
    """``--voice none|default|ENGINE:VOICE`` (none by default)."""
    return click.option(
        "--voice",
        default="none",
        show_default=True,
        metavar="VOICE",
        help="Narration: none, default (best installed voice per language) or ENGINE:VOICE "
        "(see lecture voices; needs the [voice] extra).",
    )(command)


def apply_voice(jobs: list[RenderJob], spec: str) -> list[RenderJob]:
    """``jobs`` narrated by ``spec``, resolved per language (ParamError on bad input or no extra)."""
    from scenes.production.voices import NONE, resolve_voice

    if spec == NONE:
        return jobs
    out = []
    for job in jobs:
        if job.fmt not in VOICE_FORMATS:
            raise ParamError(
                f"--voice {spec}: {job.fmt} has no sound; accepted formats: {', '.join(VOICE_FORMATS)}"
            )
        out.append(replace(job, voice=resolve_voice(spec, job.lang)))
    return out


@click.command("voices")
def voices_command() -> None:
    """List the narration voices: engine:voice, language, installed, and each language's default."""
    from scenes.production.voices import DEFAULTS, engines
    from scenes.production.voices.engine import EXTRA

    defaults = {spec: lang for lang, specs in DEFAULTS.items() for spec in specs[:1]}
    for engine in engines().values():
        missing = engine.missing()
        state = "installed" if not missing else f"not installed (extra [{EXTRA}])"
        for voice in engine.voices():
            spec = f"{engine.name}:{voice.name}"
            marks = [state]
            if spec in defaults:
                marks.append(f"default for {defaults[spec]}")
            if voice.draft:
                marks.append("draft voice")
            click.echo(f"{spec:14} {voice.lang:3} {voice.description}  [{', '.join(marks)}]")
