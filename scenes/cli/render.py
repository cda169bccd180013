"""``lecture render``: render the selected scenes into ``renders/<quality>/``, each language apart."""

from __future__ import annotations

from pathlib import Path

import click

from scenes.cli.flags import (
    assignments_option,
    lang_option,
    out_option,
    pace_option,
    params_option,
    quality_option,
    theme_option,
    words_option,
)
from scenes.cli.options import plan_jobs, prepare_out
from scenes.cli.voices import apply_voice, voice_option
from scenes.production.job import FORMATS, RenderJob

__all__ = ["render_command", "render_jobs"]


def render_jobs(jobs: list[RenderJob], out: Path) -> list[Path]:
    """Render ``jobs`` into ``out`` with a progress line each; SIGTERM and SIGHUP interrupt."""
    from scenes.production.progress import render_with_progress
    from scenes.production.staging import interrupts

    written = []
    with interrupts():
        for path in render_with_progress(jobs, out):
            click.echo(str(path))
            written.append(path)
    return written


@click.command("render")
@click.argument("scenes", nargs=-1, required=True)
@quality_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="mp4 (default), webm, mov, gif, or png stills.",
)
@click.option("--transparent", is_flag=True, help="Transparent background (webm, mov or png).")
@lang_option("each rendered")
@theme_option(" (white background, for handouts and slides)")
@pace_option
@words_option("Reworded words (a scene's words-file layout; several scenes: [scene] tables).")
@assignments_option
@params_option
@voice_option
@out_option
def render_command(
    scenes: tuple[str, ...],
    quality: str | None,
    fmt: str | None,
    transparent: bool,
    lang: str | None,
    theme: str | None,
    pace: float | None,
    words_file: str | None,
    assignments: tuple[str, ...],
    params_file: str | None,
    voice: str,
    out_dir: str,
) -> None:
    """Render SCENES (names, a chapter or all) into DIR/<quality>/.

    Each scene, language and theme writes a video, .srt and .vtt subtitles, a
    thumbnail, a folder of per-step clips and stills, and a .json manifest.
    With --voice each language is narrated: steps last as long as their speech,
    the subtitles are the narration, and the video and every clip carry it.
    Flags win over the top level of a --params file.
    """
    flags = {"quality": quality, "format": fmt, "lang": lang, "theme": theme, "pace": pace}
    jobs = plan_jobs(
        scenes,
        params_file=params_file,
        assignments=assignments,
        words_file=words_file,
        flags=flags,
        transparent=transparent,
    )
    jobs = apply_voice(jobs, voice)
    render_jobs(jobs, prepare_out(out_dir))
