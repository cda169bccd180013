"""The lecture scene: named steps (section + subtitle + slide), words per language, shown numbers."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
from manim import UP, Mobject, Scene, Text, Typst

from scenes import theme
from scenes.layout import LabelBox, label_boxes
from scenes.params import SceneParams

__all__ = ["LectureScene", "StepRecord", "step", "num", "formula", "shown_numbers"]


@dataclass
class StepRecord:
    """What happened in one step: its name, subtitle, time span and final layout."""

    index: int
    name: str
    subtitle: str
    start: float
    end: float = 0.0
    labels: list[LabelBox] = field(default_factory=list)
    frame: np.ndarray | None = None


def step(name: str) -> Callable[[Callable[..., Any]], Callable[..., None]]:
    """Mark a scene method as one step of the lesson.

    The step starts a Manim section (so a per-step clip and a slide boundary),
    and adds one subtitle line: ``TEXT[lang]["steps"][name]`` formatted with the
    method's keyword arguments and the dict the method returns. ``name`` may hold
    ``{placeholders}`` filled from the keyword arguments, e.g. ``"example-{n}"``.
    """

    def decorate(method: Callable[..., Any]) -> Callable[..., None]:
        @functools.wraps(method)
        def run(self: LectureScene, **kwargs: Any) -> None:
            section = name.format(**kwargs)
            self._begin_step(section)
            values = method(self, **kwargs) or {}
            self._end_step(name, {**kwargs, **values})

        run.step_name = name  # type: ignore[attr-defined]
        return run

    return decorate


def num(
    value: float, decimals: int = 2, size: float = theme.BODY_SIZE, color: str = theme.TEXT
) -> Text:
    """A number on screen, formatted by the theme; ``.value`` keeps the dlmath float.

    Replace a shown number with ``ReplacementTransform`` (not ``Transform``) so the
    mobject on screen always carries the value it shows.
    """
    mob = theme.label(theme.fmt(value, decimals), size=size, color=color)
    mob.value = float(value)
    return mob


def formula(
    template: str,
    *,
    size: float = theme.BODY_SIZE,
    color: str = theme.TEXT,
    decimals: int = 2,
    **numbers: float,
) -> Typst:
    """Typst maths with computed numbers: ``formula("L = {a} + {b}", a=..., b=...)``.

    Each ``{name}`` becomes the number formatted by the theme (an ``int`` is shown
    without decimals). A negative number is parenthesised where it follows an
    operator (``3 - (-2)``, ``1 times (-4)``) but not after ``=``, ``(`` or a comma.
    ``.values`` keeps the numbers.
    """

    def substitute(match: re.Match[str]) -> str:
        value = numbers[match.group(1)]
        text = str(value) if isinstance(value, int) else theme.fmt(value, decimals)
        text = text.replace("−", "-")
        before = template[: match.start()].rstrip()
        after_operator = before.endswith(("+", "-", "*", "/", "^", "times", "dot", "×", "·"))
        return f"({text})" if text.startswith("-") and after_operator else text

    code = re.sub(r"\{(\w+)\}", substitute, template)
    mob = theme.math(code, size, color)
    mob.values = tuple(float(v) for v in numbers.values())
    return mob


def shown_numbers(mobjects: list[Mobject]) -> list[float]:
    """Every number carried by a mobject on screen (from :func:`num` and :func:`formula`)."""
    found: list[float] = []
    for top in mobjects:
        for mob in top.get_family():
            if hasattr(mob, "value") and isinstance(mob.value, float):
                found.append(mob.value)
            found.extend(getattr(mob, "values", ()))
    return found


class LectureScene(Scene):
    """A scene of the lecture, built from named steps.

    Subclasses set ``name`` (the command-line name), ``Params`` (their parameter
    class), ``TEXT`` (``{"en": {...}, "zh": {...}}`` with ``"title"``,
    ``"description"`` and ``"steps"``) and write ``construct`` as the outline:
    one call per :func:`step` method. The CLI passes parameters and language by
    subclassing with ``params`` and ``lang`` set; plain ``manim`` uses the defaults.
    """

    name: ClassVar[str] = ""
    Params: ClassVar[type[SceneParams]] = SceneParams
    TEXT: ClassVar[dict[str, dict[str, Any]]] = {}
    params: ClassVar[SceneParams | None] = None
    lang: ClassVar[str] = "en"
    capture_stills: ClassVar[bool] = False
    on_step: ClassVar[Callable[[int, str], None] | None] = None

    def setup(self) -> None:
        """Resolve parameters and words, prepare the step log and the background."""
        self.p: Any = type(self).params or self.Params()
        self.words: dict[str, Any] = self.TEXT[self.lang]
        self.records: list[StepRecord] = []
        self.camera.background_color = theme.BACKGROUND

    # words -------------------------------------------------------------
    def t(self, key: str, **values: Any) -> str:
        """The scene's word for ``key`` in the current language, formatted with ``values``."""
        return str(self.words[key]).format(**values)

    def heading(self, key: str = "title", **values: Any) -> Text:
        """A title at the top edge of the frame."""
        return theme.label(self.t(key, **values), size=theme.TITLE_SIZE).to_edge(UP, buff=0.3)

    # steps -------------------------------------------------------------
    def _begin_step(self, section: str) -> None:
        index = len(self.records)
        self.next_section(f"{index + 1:02d}_{section}")
        self.records.append(StepRecord(index, section, "", self.renderer.time))
        callback = type(self).on_step
        if callback is not None:
            callback(index, section)

    def _end_step(self, name: str, values: dict[str, Any]) -> None:
        record = self.records[-1]
        shown = {k: theme.fmt(v) if isinstance(v, float) else v for k, v in values.items()}
        record.subtitle = str(self.words["steps"][name]).format(**shown)
        record.end = self.renderer.time
        record.labels = label_boxes(self.mobjects)
        if self.capture_stills:
            self.renderer.update_frame(self, ignore_skipping=True)
            record.frame = self.renderer.get_frame()
