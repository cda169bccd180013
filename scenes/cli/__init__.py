"""The ``lecture`` command: list scenes, show their parameters, render them into ``renders/``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from scenes.kit import registry
from scenes.kit.params import (
    ParamError,
    build_params,
    params_toml,
    parse_assignment,
    read_params_file,
)

QUALITIES = ("low", "medium", "high", "4k")
FORMATS = ("mp4", "webm", "mov", "gif", "png")

__all__ = ["main", "collect_values"]

TRANSPARENT_FORMATS = ("webm", "mov", "png")


class LectureGroup(click.Group):
    """A click group whose errors are one line on stderr with exit status 2, never a traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.Exit as exit_:
            sys.exit(exit_.exit_code)
        except click.exceptions.NoArgsIsHelpError as err:
            click.echo(err.format_message())
            sys.exit(0)
        except (click.ClickException, ParamError) as err:
            message = err.format_message() if isinstance(err, click.ClickException) else str(err)
            click.echo(f"lecture: error: {message}", err=True)
            sys.exit(2)
        except (click.Abort, KeyboardInterrupt):
            click.echo("lecture: interrupted; no half-written output was left behind", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=LectureGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Render the deep-learning lecture's scenes from numbers computed by dlmath."""


@main.command("list")
def list_scenes() -> None:
    """Scene names in lecture order, with one-line descriptions."""
    chapter = None
    for entry in registry.LECTURE:
        if entry.chapter != chapter:
            chapter = entry.chapter
            click.echo(f"Chapter {chapter}: {registry.CHAPTERS[chapter]}")
        text = entry.words()["en"]
        click.echo(f"  {entry.name:<20} {text['title']}: {text['description']}")


def collect_values(
    name: str, file_data: dict[str, Any], assignments: tuple[str, ...]
) -> dict[str, Any]:
    """Merge a parameter file and ``--set`` values for scene ``name`` (later wins).

    Top-level keys of the file apply to every scene; a table named after a
    scene (``[hinge-loss]``) applies to that scene only, and so does a ``--set``
    key prefixed with a scene name (``--set hinge-loss.delta=2``).
    """
    scene_names = set(registry.names())
    values: dict[str, Any] = {}
    for key, value in file_data.items():
        if isinstance(value, dict) and key in scene_names:
            continue
        if isinstance(value, dict):
            raise ParamError(
                f"parameter file: unknown scene table [{key}]; accepted: {', '.join(registry.names())}"
            )
        values[key] = value
    values.update(file_data.get(name, {}))
    for text in assignments:
        key, value = parse_assignment(text)
        scene, dot, field = key.partition(".")
        if dot and scene in scene_names:
            if scene == name:
                values[field] = value
            continue
        values[key] = value
    return values


def _jobs(
    scenes: tuple[str, ...], params_file: str | None, assignments: tuple[str, ...], **options: Any
) -> list[Any]:
    from scenes.production.export import RenderJob

    file_data = read_params_file(params_file) if params_file else {}
    jobs = []
    for name in dict.fromkeys(scenes):
        entry = registry.get(name)
        params = build_params(
            name, entry.params_class(), collect_values(name, file_data, assignments)
        )
        jobs.append(RenderJob(name, entry.load(), params, **options))
    return jobs


@main.command()
@click.argument("scene")
@click.option(
    "--set", "assignments", multiple=True, metavar="KEY=VALUE", help="Override a parameter."
)
@click.option(
    "--params", "params_file", metavar="FILE.toml", help="Read parameters from a TOML file."
)
def params(scene: str, assignments: tuple[str, ...], params_file: str | None) -> None:
    """The parameters of SCENE and their defaults (or the given values), as TOML."""
    (job,) = _jobs((scene,), params_file, assignments)
    click.echo(params_toml(scene, job.params), nl=False)


@main.command()
@click.argument("scenes", nargs=-1, required=True)
@click.option(
    "-q", "--quality", type=click.Choice(list(QUALITIES)), default="low", show_default=True
)
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="KEY=VALUE",
    help="Override a parameter with a TOML value, e.g. --set lr=0.7.",
)
@click.option(
    "--params", "params_file", metavar="FILE.toml", help="Read parameters from a TOML file."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="mp4",
    show_default=True,
    help="Video format, or png for one still per step.",
)
@click.option("--transparent", is_flag=True, help="Transparent background (webm, mov or png).")
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default="en",
    show_default=True,
    help="Language of on-screen words and subtitles.",
)
@click.option(
    "--out", "out_dir", default="renders", show_default=True, metavar="DIR", help="Output folder."
)
def render(
    scenes: tuple[str, ...],
    quality: str,
    assignments: tuple[str, ...],
    params_file: str | None,
    fmt: str,
    transparent: bool,
    lang: str,
    out_dir: str,
) -> None:
    """Render SCENES into renders/<quality>/: video, subtitles, thumbnail, one clip per step."""
    if transparent and fmt not in TRANSPARENT_FORMATS:
        raise click.UsageError(
            f"--transparent needs --format {', '.join(TRANSPARENT_FORMATS)} ({fmt} has no alpha channel)"
        )
    jobs = _jobs(
        scenes,
        params_file,
        assignments,
        quality=quality,
        fmt=fmt,
        transparent=transparent,
        lang=lang,
    )
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise click.UsageError(f"--out {out_dir!r} is a file; accepted: a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise click.UsageError(
            f"--out {out_dir!r}: cannot create the folder ({err.strerror}); accepted: a writable folder"
        ) from None
    from scenes.production.progress import render_with_progress

    for path in render_with_progress(jobs, out):
        click.echo(str(path))
