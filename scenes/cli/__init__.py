"""The ``lecture`` command: a click group with one module per command (list, params, render, build, slides, gallery, serve, voices).

Bad input is one line ``lecture: error: …`` on stderr with exit status 2 and
nothing written; a fault of the machine (full disk, unwritable folder) is one
line with status 1; Ctrl-C, SIGTERM and SIGHUP stop with status 130 and leave
nothing half-written. Importing this package never imports Manim (rendering
imports it when it starts).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from scenes.cli.build import build_command
from scenes.cli.gallery import gallery_command, serve_command
from scenes.cli.list import list_command
from scenes.cli.params import params_command
from scenes.cli.render import render_command
from scenes.cli.slides import slides_command
from scenes.cli.voices import voices_command
from scenes.kit.errors import ParamError
from scenes.production.errors import OutputFault
from scenes.production.manifest import PROJECT

__all__ = ["LectureGroup", "main"]


def _say(message: str) -> None:
    click.echo(f"lecture: {message}", err=True)


class LectureGroup(click.Group):
    """A click group whose errors are one line on stderr, never a traceback."""

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
            _say(f"error: {message}")
            sys.exit(2)
        except OutputFault as err:
            _say(f"error: {err}")
            sys.exit(1)
        except (click.Abort, KeyboardInterrupt) as err:
            cause = err.__cause__ if isinstance(err, click.Abort) else err
            signal = f" ({cause})" if isinstance(cause, KeyboardInterrupt) and str(cause) else ""
            _say(f"interrupted{signal}; no half-written output was left behind")
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=LectureGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name=PROJECT, prog_name="lecture", message="%(prog)s %(version)s")
def main() -> None:
    """Render the deep-learning lecture's scenes from numbers computed by dlmath.

    A selection is scene names, a chapter (ch1, ch2, ch3) or all, in lecture order.
    """


main.add_command(list_command)
main.add_command(params_command)
main.add_command(render_command)
main.add_command(voices_command)
main.add_command(build_command)
main.add_command(slides_command)
main.add_command(gallery_command)
main.add_command(serve_command)
