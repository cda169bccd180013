"""``lecture slides``: slide decks (html, pptx, pdf handout) of a selection, built through the cache."""

from __future__ import annotations

from pathlib import Path

import click

from scenes.cli.flags import (
    assignments_option,
    cluster_options,
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
from scenes.kit.errors import ParamError
from scenes.production.decks import DECK_FORMATS

__all__ = ["parse_formats", "slides_command", "write_decks"]


def parse_formats(value: str) -> list[str]:
    """Deck formats from ``"html,pptx,pdf"``, each known, at least one, in the given order."""
    formats = list(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    if not formats:
        raise ParamError(f"--to: no deck format given; accepted: {', '.join(DECK_FORMATS)}")
    for fmt in formats:
        if fmt not in DECK_FORMATS:
            raise ParamError(
                f"--to: unknown deck format {fmt!r}; accepted: {', '.join(DECK_FORMATS)}"
            )
    return formats


def write_decks(name: str, manifests: list[Path], formats: list[str]) -> list[Path]:
    """Write deck ``name`` of ``manifests`` in ``formats``, one per language and theme."""
    from scenes.production.decks import group_manifests, read_deck
    from scenes.production.decks_html import write_html
    from scenes.production.decks_pptx import write_pptx
    from scenes.production.handout import write_pdf
    from scenes.production.staging import faults

    writers = {"html": write_html, "pptx": write_pptx, "pdf": write_pdf}
    written = []
    for group in group_manifests(manifests).values():
        deck = read_deck(name, group)
        with faults(deck.folder):
            written += [writers[fmt](deck) for fmt in formats]
    return written


@click.command("slides")
@click.argument("scenes", nargs=-1, required=True)
@click.option(
    "--to",
    "to",
    default="html,pptx,pdf",
    show_default=True,
    metavar="FORMATS",
    help="Deck formats, comma-separated: html (reveal.js), pptx, pdf (a handout).",
)
@quality_option
@lang_option("a deck each")
@theme_option(" (white slides and handouts)")
@pace_option
@words_option("Reworded words (as for render).")
@assignments_option
@params_option
@cluster_options("Render what is missing on a Dask cluster (tcp://host:8786; the [cluster] extra).")
@voice_option
@out_option
def slides_command(
    scenes: tuple[str, ...],
    to: str,
    quality: str | None,
    lang: str | None,
    theme: str | None,
    pace: float | None,
    words_file: str | None,
    assignments: tuple[str, ...],
    params_file: str | None,
    workers: int | None,
    scheduler: str | None,
    voice: str,
    out_dir: str,
) -> None:
    """Slide decks of SCENES (names, a chapter or all): one slide per step, in lecture order.

    Builds what is missing (as build does, cached), then writes into
    DIR/<quality>/decks/ a deck named after the selection (lecture, ch2, or the
    scene names joined by +) with .<lang> and .light suffixes: .html (reveal.js,
    no network needed; each clip plays when its slide opens, notes = subtitles,
    key S), .pptx (clips play on entry, notes = subtitles) and .pdf (a handout:
    each step's still and subtitle). Refreshes DIR/index.html. Prints the decks.
    """
    from scenes.production.build import BuildRequest, build, selection_name

    formats = parse_formats(to)
    if workers is not None and workers < 1:
        raise ParamError(f"-j {workers}: accepted: a whole number of jobs, 1 or more")
    flags = {"quality": quality, "format": None, "lang": lang, "theme": theme, "pace": pace}
    jobs = plan_jobs(
        scenes, params_file=params_file, assignments=assignments, words_file=words_file, flags=flags
    )
    if jobs[0].fmt != "mp4":
        raise ParamError(f"slides need mp4 clips; the parameter file asks for {jobs[0].fmt}")
    jobs = apply_voice(jobs, voice)  # narrated clips speak their step on their slide
    if scheduler is not None:
        from scenes.production.cluster import check_scheduler

        check_scheduler(scheduler)
    out = prepare_out(out_dir)
    manifests = build(BuildRequest(tuple(jobs), out, workers, scheduler, None))
    for path in write_decks(selection_name(scenes), manifests, formats):
        click.echo(str(path))
    from scenes.production.gallery import write_gallery

    write_gallery(out)
