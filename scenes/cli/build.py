"""``lecture build``: the cached, parallel render of a selection, joined into one video."""

from __future__ import annotations

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
from scenes.production.job import FORMATS

__all__ = ["build_command"]


@click.command("build")
@click.argument("scenes", nargs=-1, required=True)
@quality_option
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), help="mp4 (default), webm, mov, gif or png."
)
@lang_option("each built")
@theme_option("")
@pace_option
@words_option("Reworded words (as for render).")
@assignments_option
@params_option
@cluster_options("Run the jobs on a Dask cluster (tcp://host:8786; needs the [cluster] extra).")
@voice_option
@click.option("--no-video", is_flag=True, help="Build the scenes only, without the joined video.")
@out_option
def build_command(
    scenes: tuple[str, ...],
    quality: str | None,
    fmt: str | None,
    lang: str | None,
    theme: str | None,
    pace: float | None,
    words_file: str | None,
    assignments: tuple[str, ...],
    params_file: str | None,
    workers: int | None,
    scheduler: str | None,
    voice: str,
    no_video: bool,
    out_dir: str,
) -> None:
    """Build SCENES (names, a chapter or all) into DIR/<quality>/, rendering only what changed.

    Outputs are those of render, plus (mp4, two scenes or more) the selection
    joined in lecture order: lecture[.<lang>].mp4 for all, ch2[.<lang>].mp4 for a
    chapter, a+b[.<lang>].mp4 otherwise, with title cards, a chapter per scene, a
    subtitle track per built language, .srt/.vtt, a WebVTT chapters file and
    chapters[.<lang>].txt. Prints the manifests, in order, then refreshes DIR/index.html.
    """
    from scenes.production.build import BuildRequest, build, selection_name
    from scenes.production.staging import interrupts

    if workers is not None and workers < 1:
        raise ParamError(f"-j {workers}: accepted: a whole number of jobs, 1 or more")
    if workers is not None and scheduler is not None:
        raise ParamError("-j and --scheduler exclude each other: the cluster decides how many run")
    flags = {"quality": quality, "format": fmt, "lang": lang, "theme": theme, "pace": pace}
    jobs = plan_jobs(
        scenes, params_file=params_file, assignments=assignments, words_file=words_file, flags=flags
    )
    jobs = apply_voice(jobs, voice)
    if scheduler is not None:
        from scenes.production.cluster import check_scheduler

        check_scheduler(scheduler)
    names = {job.name for job in jobs}
    joined = not no_video and jobs[0].fmt == "mp4" and len(names) > 1
    video = selection_name(scenes) if joined else None
    request = BuildRequest(tuple(jobs), prepare_out(out_dir), workers, scheduler, video)
    with interrupts():
        manifests = build(request)
    for path in manifests:
        click.echo(str(path))
    from scenes.production.gallery import write_gallery

    click.echo(str(write_gallery(request.out)))  # the gallery shows what was just built
