"""``build``: bring render jobs' outputs up to date, cached by content, in parallel; never imports Manim.

What :func:`build` guarantees:

- After it returns, ``<out>/<quality>/`` holds every job's outputs exactly as
  ``lecture render`` writes them (video, clips, stills, subtitles, manifest),
  and the manifests are returned in the jobs' (lecture) order.
- A job renders only when no finished output exists for its content key
  (:mod:`scenes.production.cache`: its full settings, the project's code, Manim's
  and Typst's versions); otherwise its stored outputs are published again, or
  left alone when already in place. With nothing to do it returns in well under
  a second and does not import Manim.
- Jobs run in parallel (local processes, ``workers``; all cores by default) or
  on a Dask cluster (``scheduler``), each in its own media folder; every
  finished job is stored and published at once, so an interruption or a
  failing job loses nothing already finished, and nothing half-written is
  left behind.
- With ``video`` set (mp4 only) the jobs are also joined, per language, into
  one video with title cards, chapters and subtitle tracks
  (:mod:`scenes.production.lecture_video`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scenes.kit import registry
from scenes.production.buildprogress import BuildProgress
from scenes.production.cache import Cache, code_digest, job_key
from scenes.production.job import RenderJob
from scenes.production.staging import faults, make_staging, shielded

__all__ = ["BuildRequest", "Planned", "build", "selection_name"]


@dataclass(frozen=True)
class BuildRequest:
    """What to build.

    ``jobs`` come from :func:`scenes.cli.options.plan_jobs` (one per scene and
    language); outputs go to ``out/<quality>/``. ``workers``: local processes
    (None: every core; 1 renders in this process). ``scheduler``: a Dask
    scheduler's address (outputs come back as bytes: no shared filesystem
    needed). ``video``: name of the joined video to assemble (``"lecture"``,
    ``"ch2"`` … see :func:`selection_name`), or None.
    """

    jobs: tuple[RenderJob, ...]
    out: Path
    workers: int | None = None
    scheduler: str | None = None
    video: str | None = None


@dataclass(frozen=True)
class Planned:
    """A job with its content key; ``publish``: whether its outputs go to the quality folder."""

    job: RenderJob
    key: str
    publish: bool = True


def selection_name(words: Sequence[str]) -> str:
    """Name of what a selection holds: ``lecture`` (all), ``ch2`` (one chapter) or the scene names."""
    entries = registry.select(list(words))
    if [e.name for e in entries] == registry.names():
        return "lecture"
    chapters = {e.chapter for e in entries}
    if len(chapters) == 1:
        (chapter,) = chapters
        if [e.name for e in entries] == [e.name for e in registry.LECTURE if e.chapter == chapter]:
            return f"ch{chapter}"
    return "+".join(e.name for e in entries)


def _copy_tree(source: Path, target: Path) -> None:
    """Copy ``source`` into ``target`` (copies, not links: an edit in place can't reach the cache)."""
    for path in sorted(source.rglob("*")):
        if path.name == ".complete":
            continue
        dest = target / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)


def publish(cache: Cache, plan: Planned) -> Path:
    """Put the stored outputs of ``plan`` into ``<out>/<quality>/`` whole; return the manifest."""
    from scenes.production.export import _publish  # imports Manim: only when restoring

    job, target = plan.job, cache.out / plan.job.quality
    entry = cache.entry(plan.key)
    with faults(target):
        target.mkdir(parents=True, exist_ok=True)
        staging = make_staging(target, job.stem)
        try:
            _copy_tree(entry, staging / "out")
            files = [p.relative_to(entry).as_posix() for p in entry.rglob("*") if p.is_file()]
            files = [f for f in files if f != ".complete"]
            with shielded():
                _publish(staging / "out", target, job.stem, staging / "old")
                cache.mark_published(job, plan.key, files)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target / f"{job.stem}.json"


def _render(cache: Cache, plans: list[Planned], request: BuildRequest, show: BuildProgress) -> None:
    """Render ``plans`` (none stored yet); store and publish each as soon as it is finished."""
    works = {i: cache.work_dir(p.key[:12]) for i, p in enumerate(plans)}
    code = code_digest()

    def finished(i: int, entry_from: Path | None = None) -> None:
        plan = plans[i]
        folder = entry_from if entry_from is not None else works[i] / plan.job.quality
        cache.store(plan.key, folder, code)
        if plan.publish:
            publish(cache, plan)
        show.done(plan)

    try:
        if request.scheduler is not None:
            from scenes.production.cluster import render_on_cluster

            for i, files in render_on_cluster(
                request.scheduler,
                [p.job for p in plans],
                code,
                lambda i: show.started(plans[i]),
            ):
                cache.store_files(plans[i].key, files, code)
                if plans[i].publish:
                    publish(cache, plans[i])
                show.done(plans[i])
            return
        from scenes.production.workers import render_in_pool, render_in_process

        tasks = [(i, p.job, works[i]) for i, p in enumerate(plans)]
        workers = request.workers or os.cpu_count() or 1

        def step(i: int, index: int, name: str) -> None:
            show.step(plans[i], index, name)

        runner = (
            render_in_process(tasks, step)
            if workers == 1 or len(tasks) == 1
            else render_in_pool(tasks, workers, step)
        )
        for i in runner:
            finished(i)
    finally:
        for work in works.values():
            shutil.rmtree(work, ignore_errors=True)


def build(request: BuildRequest, *, progress: bool = True) -> list[Path]:
    """Bring every job's outputs up to date in ``out/<quality>/``; return the manifests in order.

    Raises :class:`~scenes.kit.errors.ParamError` for an unreachable scheduler,
    :class:`~scenes.production.errors.OutputFault` when the disk is full or the
    folder unwritable, and a job's own error if it fails (finished jobs kept).
    """
    cache = Cache(Path(request.out))
    code = code_digest()
    plans = [Planned(job, job_key(job, code)) for job in request.jobs]
    extra: list[Planned] = []
    if request.video is not None:
        from scenes.production.titlecard import title_jobs

        extra = [Planned(j, job_key(j, code), publish=False) for j in title_jobs(request.jobs)]
    manifests: list[Path | None] = [cache.published(p.job, p.key) for p in plans]
    todo = [p for p, m in zip(plans, manifests, strict=True) if m is None]
    todo += [p for p in extra if not cache.has(p.key)]
    videos_fresh = True
    if request.video is not None:
        from scenes.production.lecture_video import videos_fresh as fresh

        videos_fresh = fresh(cache, request.video, plans, extra)
    if todo or not videos_fresh:
        with BuildProgress(plans + extra, enabled=progress) as show:
            for plan, manifest in zip(plans, manifests, strict=True):
                if manifest is not None:
                    show.done(plan, "up to date")
            for plan in extra:
                if cache.has(plan.key):
                    show.done(plan, "stored")
            stored = [p for p in todo if cache.has(p.key)]
            for plan in stored:
                publish(cache, plan)
                show.done(plan, "restored from the cache")
            missing = [p for p in todo if not cache.has(p.key)]
            if missing:
                try:
                    _render(cache, missing, request, show)
                finally:
                    cache.prune(code)  # what older code made can never be used again
            if request.video is not None:
                from scenes.production.lecture_video import assemble_videos

                assemble_videos(cache, request.video, plans, extra, show)
    return [cache.out / p.job.quality / f"{p.job.stem}.json" for p in plans]


def keys_of(jobs: Iterable[RenderJob]) -> list[str]:
    """The content keys of ``jobs`` (for tests and tools)."""
    code = code_digest()
    return [job_key(job, code) for job in jobs]
