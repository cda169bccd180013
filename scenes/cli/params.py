"""``lecture params``: the parameters of the selected scenes as ``[scene]`` tables of TOML.

What it prints, ``--params`` accepts back unchanged: one file can hold every
scene of a lecture.
"""

from __future__ import annotations

import click

from scenes.cli.flags import assignments_option, params_option
from scenes.cli.options import lecture_options, read_lecture_file, resolve_params, select
from scenes.kit.params import params_toml

__all__ = ["params_command", "params_text"]


def params_text(
    scenes: tuple[str, ...], params_file: str | None = None, assignments: tuple[str, ...] = ()
) -> str:
    """The resolved parameters of the selected scenes, one ``[scene]`` table each."""
    entries = select(scenes)
    options, tables = read_lecture_file(params_file)
    lecture_options({}, options, params_file)  # the file's options are checked too
    params = resolve_params(entries, tables, assignments)
    return "\n".join(params_toml(name, value) for name, value in params.items())


@click.command("params")
@click.argument("scenes", nargs=-1, required=True)
@assignments_option
@params_option
def params_command(
    scenes: tuple[str, ...], assignments: tuple[str, ...], params_file: str | None
) -> None:
    """The parameters of SCENES (names, a chapter or all) and their values, as TOML."""
    click.echo(params_text(scenes, params_file, assignments), nl=False)
