"""A tiny build shared by the deck, gallery, serve and browser tests: rendered once per process.

hinge-loss with one 1×2 row at half pace, low quality, English and Chinese
(about 5 s of CPU each); tests copy it when they write into it.
"""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from scenes.cli.options import plan_jobs

__all__ = ["SETTINGS", "built", "fresh_copy", "tiny_jobs"]

SETTINGS = ["scores=[[1.0, 2.0]]", "labels=[1]"]


def tiny_jobs():
    """The render jobs of the tiny build (en and zh)."""
    return plan_jobs(["hinge-loss"], assignments=SETTINGS, flags={"lang": "en,zh", "pace": 0.5})


@cache
def built() -> Path:
    """The renders folder of the tiny build (do not write into it: see :func:`fresh_copy`)."""
    from scenes.production.export import render_job

    renders = Path(tempfile.mkdtemp(prefix="decks-built-")) / "renders"
    for job in tiny_jobs():
        render_job(job, renders)
    return renders


def fresh_copy(target: Path) -> Path:
    """A private copy of the tiny build under ``target``; returns its renders folder."""
    dest = target / "renders"
    shutil.copytree(built(), dest)
    return dest
