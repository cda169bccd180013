"""What the commands share: the scene selection, parameters, lecture options and words, checked.

Plain functions that turn command-line words and files into validated render
jobs, raising :class:`~scenes.kit.errors.ParamError` (one line naming the
problem and what is accepted) on bad input. Nothing here imports Manim.
"""

from __future__ import annotations

import errno
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scenes.kit import registry
from scenes.kit.errors import ParamError
from scenes.kit.params import (
    OPTIONS,
    SceneParams,
    build_params,
    read_params_file,
    scene_values,
    split_params_file,
)
from scenes.kit.words import languages, load_words, merge_words
from scenes.production.errors import OutputFault
from scenes.production.job import (
    FORMATS,
    QUALITIES,
    THEMES,
    TRANSPARENT_FORMATS,
    RenderJob,
)

__all__ = [
    "PACE_RANGE",
    "LectureOptions",
    "lecture_options",
    "parse_langs",
    "plan_jobs",
    "prepare_out",
    "read_lecture_file",
    "resolve_params",
    "select",
    "words_overrides",
]

#: Accepted ``--pace`` values (above 1 is slower).
PACE_RANGE = (0.5, 3.0)


def select(words: Iterable[str]) -> list[registry.SceneEntry]:
    """Scenes named by ``words`` (names, ``ch1``–``ch3``, ``all``) in lecture order, at least one."""
    words = list(words)
    if not words:
        raise ParamError(
            f"name at least one scene, a chapter or all; accepted: {', '.join(registry.names())}"
        )
    for word in words:
        if word.startswith("ch") and word[2:].isdigit() and int(word[2:]) in registry.CHAPTERS:
            if not any(e.chapter == int(word[2:]) for e in registry.LECTURE):
                have = sorted({f"ch{e.chapter}" for e in registry.LECTURE})
                raise ParamError(
                    f"chapter {word} has no scenes yet; chapters with scenes: {', '.join(have)}"
                )
    return registry.select(words)


def read_lecture_file(path: str | None) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """A parameter file's lecture options (top level) and scene tables (empty without a file)."""
    if path is None:
        return {}, {}
    data = read_params_file(path)
    try:
        return split_params_file(data, registry.names(), source=f"parameter file {path!r}")
    except RecursionError:
        raise ParamError(f"parameter file {path!r} is nested too deeply") from None


def resolve_params(
    entries: list[registry.SceneEntry],
    tables: dict[str, dict[str, Any]],
    assignments: Iterable[str],
) -> dict[str, SceneParams]:
    """Each selected scene's validated parameters: defaults, its file table, then ``--set``."""
    names = [e.name for e in entries]
    values = scene_values(names, tables, assignments, registry.names())
    try:
        return {e.name: build_params(e.name, e.params_class(), values[e.name]) for e in entries}
    except RecursionError:
        raise ParamError("parameters are nested too deeply") from None


def parse_langs(value: Any, source: str = "--lang") -> list[str]:
    """Languages from ``"en,zh"`` (or a list of codes), each one the glossary knows."""
    known = languages()
    if isinstance(value, str):
        codes = [c.strip() for c in value.split(",")]
    elif isinstance(value, list) and all(isinstance(c, str) for c in value):
        codes = [c.strip() for c in value]
    else:
        raise ParamError(
            f'{source}: expected language codes like "en,zh"; accepted: {", ".join(known)}'
        )
    codes = list(dict.fromkeys(c for c in codes if c))
    if not codes:
        raise ParamError(f"{source}: no language given; accepted: {', '.join(known)}")
    for code in codes:
        if code not in known:
            raise ParamError(f"{source}: unknown language {code!r}; accepted: {', '.join(known)}")
    return codes


@dataclass(frozen=True)
class LectureOptions:
    """Lecture-wide render options, resolved from flags, the parameter file and defaults."""

    quality: str = "low"
    langs: tuple[str, ...] = ("en",)
    fmt: str = "mp4"
    theme: str = "dark"
    pace: float = 1.0


def _choice(name: str, value: Any, accepted: Iterable[str], source: str) -> str:
    accepted = list(accepted)
    if not isinstance(value, str) or value not in accepted:
        raise ParamError(f"{source}: {name} = {value!r}; accepted: {', '.join(accepted)}")
    return value


def _pace(value: Any, source: str) -> float:
    low, high = PACE_RANGE
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ParamError(f"{source}: pace must be a number from {low} to {high:g}, got {value!r}")
    if not low <= value <= high:
        raise ParamError(
            f"{source}: pace {value:g} is out of range; accepted: {low} to {high:g} "
            "(1 is the normal pace, above 1 slower)"
        )
    return float(value)


def lecture_options(
    flags: dict[str, Any], file_options: dict[str, Any], path: str | None = None
) -> LectureOptions:
    """Options from ``flags`` (None where not given), else the file's top level, else defaults."""
    merged: dict[str, tuple[Any, str]] = {}
    for key in OPTIONS:
        if flags.get(key) is not None:
            merged[key] = (flags[key], f"--{key}")
        elif key in file_options:
            merged[key] = (file_options[key], f"parameter file {path!r}")
    out: dict[str, Any] = {}
    for key, (value, source) in merged.items():
        if key == "quality":
            out["quality"] = _choice(key, value, QUALITIES, source)
        elif key == "format":
            out["fmt"] = _choice(key, value, FORMATS, source)
        elif key == "theme":
            out["theme"] = _choice(key, value, THEMES, source)
        elif key == "pace":
            out["pace"] = _pace(value, source)
        elif key == "lang":
            out["langs"] = tuple(parse_langs(value, source))
    return LectureOptions(**out)


def words_overrides(
    path: str | None, entries: list[registry.SceneEntry]
) -> dict[str, dict[str, Any]]:
    """Each selected scene's words with a ``--words`` file laid over them (empty without one).

    For one scene the file may have a scene's words-file layout (``[en.steps]``);
    for any selection it may hold tables named after scenes
    (``["hinge-loss".en.steps]``); tables of scenes not selected are ignored.
    """
    if path is None:
        return {}
    data = read_params_file(path, what="words file")
    source = f"words file {path!r}"
    every, codes = registry.names(), languages()
    if data and all(key in codes for key in data):
        if len(entries) != 1:
            raise ParamError(
                f"{source}: with several scenes, put each scene's words in a table named after it "
                f'(["{entries[0].name}".en.steps]); selected: {", ".join(e.name for e in entries)}'
            )
        data = {entries[0].name: data}
    for key, value in data.items():
        if key not in every:
            raise ParamError(
                f"{source}: unknown language or scene [{key}]; accepted: languages "
                f"{', '.join(codes)} (one scene's words), or scenes {', '.join(every)}"
            )
        if not isinstance(value, dict):
            raise ParamError(f"{source}: {key!r} must be a table of languages ([{key}.en])")
    out = {}
    for entry in entries:
        if entry.name in data:
            base = load_words(entry.words_path)
            out[entry.name] = merge_words(
                entry.name, base, data[entry.name], f"{source} [{entry.name}]"
            )
    return out


def plan_jobs(
    scenes: Iterable[str],
    *,
    params_file: str | None = None,
    assignments: Iterable[str] = (),
    words_file: str | None = None,
    flags: dict[str, Any] | None = None,
    transparent: bool = False,
) -> list[RenderJob]:
    """Every render job of a command line, checked before anything is rendered or written."""
    entries = select(scenes)
    file_options, tables = read_lecture_file(params_file)
    options = lecture_options(flags or {}, file_options, params_file)
    if transparent and options.fmt not in TRANSPARENT_FORMATS:
        raise ParamError(
            f"--transparent needs --format {', '.join(TRANSPARENT_FORMATS)} "
            f"({options.fmt} has no alpha channel)"
        )
    params = resolve_params(entries, tables, assignments)
    words = words_overrides(words_file, entries)
    jobs = []
    for entry in entries:
        have = list(words.get(entry.name) or load_words(entry.words_path))
        for lang in options.langs:
            if lang not in have:
                raise ParamError(
                    f"{entry.name} has no words in {lang!r}; accepted: {', '.join(have)}"
                )
            jobs.append(
                RenderJob(
                    entry.name,
                    params[entry.name],
                    quality=options.quality,
                    fmt=options.fmt,
                    transparent=transparent,
                    lang=lang,
                    theme=options.theme,
                    pace=options.pace,
                    words=words.get(entry.name),
                )
            )
    return jobs


def prepare_out(out_dir: str) -> Path:
    """Create the output folder; a file there is bad input, an unwritable place a fault."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ParamError(f"--out {out_dir!r} is a file; accepted: a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (NotADirectoryError, FileExistsError):
        raise ParamError(f"--out {out_dir!r}: a parent is a file; accepted: a folder") from None
    except OSError as err:
        if err.errno in (errno.ENOSPC, errno.EDQUOT):
            raise OutputFault(f"the disk is full: cannot create the folder {out_dir!r}") from None
        raise OutputFault(f"cannot create the output folder {out_dir!r}: {err.strerror}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputFault(f"cannot write to the output folder {out_dir!r}: permission denied")
    return out
