"""``lecture gallery`` and ``lecture serve``: the gallery page of the renders, and a local server."""

from __future__ import annotations

from pathlib import Path

import click

from scenes.kit.errors import ParamError

__all__ = ["gallery_command", "serve_command"]


def _renders(out_dir: str) -> Path:
    out = Path(out_dir)
    if not out.is_dir():
        raise ParamError(f"--out {out_dir!r} is not a folder of renders; render or build first")
    return out


@click.command("gallery")
@click.option(
    "--out", "out_dir", default="renders", show_default=True, metavar="DIR", help="Renders folder."
)
def gallery_command(out_dir: str) -> None:
    """Write DIR/index.html: every built scene at its best quality, playable over file://.

    Thumbnails, a player per scene with its English and Chinese subtitles
    (embedded), chapter links that seek, links to clips, decks and handouts.
    """
    from scenes.production.gallery import write_gallery
    from scenes.production.staging import faults

    out = _renders(out_dir)
    with faults(out):
        click.echo(str(write_gallery(out)))


@click.command("serve")
@click.option(
    "--out", "out_dir", default="renders", show_default=True, metavar="DIR", help="Folder to serve."
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--bind",
    default="127.0.0.1",
    show_default=True,
    metavar="ADDRESS",
    help="Address to listen on.",
)
def serve_command(out_dir: str, port: int, bind: str) -> None:
    """Serve DIR over HTTP with byte ranges (videos seek), writing the gallery first; Ctrl-C stops.

    Python's http.server ignores Range requests; this one honours them.
    """
    from scenes.production.gallery import write_gallery
    from scenes.production.serve import make_server
    from scenes.production.staging import faults

    out = _renders(out_dir)
    try:
        server = make_server(out, bind, port)
    except OSError as err:
        raise ParamError(f"cannot listen on {bind}:{port}: {err.strerror}") from None
    try:
        with faults(out):
            write_gallery(out)
    except BaseException:
        server.server_close()
        raise
    real_port = server.server_address[1]
    click.echo(f"Serving {out} at http://{bind}:{real_port}/ (Ctrl-C stops)")
    from scenes.production.staging import interrupts

    try:
        with interrupts():  # SIGTERM and SIGHUP stop it like Ctrl-C
            server.serve_forever()
    finally:
        server.server_close()
