"""Run scenes as stills (animations skipped, layout checked after every play), once per process.

Every test that needs a scene at some parameters, language and theme asks
:func:`render`; the contract test and a lesson's own tests share the runs.
"""

from __future__ import annotations

import atexit
import functools
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from manim import ManimColor

from scenes.kit import registry
from scenes.kit.layout import layout_problems
from scenes.kit.pacing import cues
from scenes.kit.scene import LectureScene
from scenes.kit.words import glossary

__all__ = [
    "HAN",
    "layout_report",
    "legibility_problems",
    "number_problems",
    "render",
    "subtitle_problems",
    "typed_digits",
]

HAN = re.compile(r"[\u4e00-\u9fff]")
_MEDIA = Path(tempfile.mkdtemp(prefix="lecture-stills-"))
atexit.register(shutil.rmtree, _MEDIA, ignore_errors=True)


@functools.cache
def _render(name: str, values: str, lang: str, theme: str) -> LectureScene[Any]:
    from scenes.production.render import run_scene

    entry = registry.get(name)
    params = entry.params_class().model_validate(json.loads(values))
    return run_scene(entry.load(), params, lang=lang, theme=theme, media_dir=_MEDIA, fmt="png")


def render(
    name: str, values: dict[str, Any] | None = None, lang: str = "en", theme: str = "dark"
) -> LectureScene[Any]:
    """Scene ``name`` run as stills with parameter ``values`` (cached per process)."""
    return _render(name, json.dumps(values or {}, sort_keys=True), lang, theme)


def layout_report(scene: LectureScene[Any]) -> list[str]:
    """Labels off the frame or overlapping, at the end of any play or step, and cross-fades."""
    problems: list[str] = []
    for record in scene.records:
        found = [*layout_problems(record.labels), *record.problems]
        for boxes in record.plays:
            found += layout_problems(boxes)
        problems += [f"step {record.name}: {p}" for p in dict.fromkeys(found)]
    return problems


def number_problems(scene: LectureScene[Any]) -> list[str]:
    """Numbers on screen at a step's end that are not in the scene's dlmath results."""
    pool = np.asarray(sorted(scene.pool), dtype=float)
    problems = []
    for record in scene.records:
        for value in record.numbers:
            if float(value).is_integer() and 0 <= value <= 32:
                continue  # counts and indices (rows, classes, steps)
            if pool.size and np.isclose(pool, value, rtol=1e-9, atol=1e-12).any():
                continue
            problems.append(f"step {record.name}: {value!r} is not in the scene's dlmath results")
    return problems


def subtitle_problems(scene: LectureScene[Any]) -> list[str]:
    """Cues read faster than their language allows, lines too long, more than two lines."""
    langs = glossary()
    problems = []
    for record in scene.records:
        for code, text in record.subtitles.items():
            lang = langs[code]
            if "{" in text or "}" in text:
                problems.append(f"{record.name} [{code}]: unfilled placeholder: {text}")
            for cue in cues(text, lang, record.start, record.end):
                seconds = max(cue.end - cue.start, 1e-6)
                if cue.chars / seconds > lang.reading_speed * 1.02:
                    problems.append(f"{record.name} [{code}]: {cue.chars / seconds:.1f} chars/s")
                if len(cue.lines) > 2 or max(len(line) for line in cue.lines) > lang.line_length:
                    problems.append(f"{record.name} [{code}]: cue too long: {cue.lines}")
    return problems


def typed_digits(scene: LectureScene[Any]) -> list[str]:
    """Text labels (words, not maths) with digits in them: numbers typed into words."""
    return sorted(
        {
            f"step {record.name}: {text!r}"
            for record in scene.records
            for text, kind, _, _ in record.texts
            if kind == "words" and re.search(r"\d", text)
        }
    )


def _luminance(hex_color: str) -> float:
    rgb = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def legibility_problems(scene: LectureScene[Any], minimum: float = 3.0) -> list[str]:
    """Labels (at full strength) whose colour has less than ``minimum`` contrast with the background."""
    background = _luminance(ManimColor(scene.camera.background_color).to_hex())
    problems = set()
    for record in scene.records:
        for text, _, colour, opacity in record.texts:
            if opacity < 0.5:
                continue  # dimmed on purpose
            lum = _luminance(colour)
            ratio = (max(lum, background) + 0.05) / (min(lum, background) + 0.05)
            if ratio < minimum:
                problems.add(f"{text!r} in {colour} has contrast {ratio:.1f} on the background")
    return sorted(problems)
