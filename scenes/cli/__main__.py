"""``python -m scenes.cli``: the ``lecture`` command."""

from __future__ import annotations

from scenes.cli import main

main(prog_name="lecture")
