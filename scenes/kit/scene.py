"""The lecture scene: named steps (section, subtitle, slide), paced to be read, with their layout."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar, cast

import numpy as np
from manim import UP, Animation, AnimationGroup, FadeIn, FadeOut, Mobject, Scene, Text
from manim.animation.animation import prepare_animation
from manim.renderer.cairo_renderer import CairoRenderer
from PIL import Image

from scenes.kit import registry, theme
from scenes.kit.errors import ParamError
from scenes.kit.layout import LabelBox, label_boxes, label_colours
from scenes.kit.numbers import shown_numbers
from scenes.kit.pacing import Cue, reading_time
from scenes.kit.params import SceneParams
from scenes.kit.words import Words, load_words

__all__ = ["LectureScene", "StepRecord", "numbers_in", "step"]

P = TypeVar("P", bound=SceneParams)
R = TypeVar("R")


@dataclass
class StepRecord:
    """What happened in one step: name, subtitles, time span, layout after every play, still."""

    index: int
    name: str
    key: str
    start: float
    end: float = 0.0
    subtitle: str = ""
    subtitles: dict[str, str] = field(default_factory=dict)
    #: Label boxes at the end of the step, and at the end of every ``play`` in it.
    labels: list[LabelBox] = field(default_factory=list)
    plays: list[list[LabelBox]] = field(default_factory=list)
    #: Things that went wrong in a ``play`` (a fade-out crossing a fade-in).
    problems: list[str] = field(default_factory=list)
    still: Path | None = None
    frame: np.ndarray | None = None
    #: In checking mode: the numbers on screen at the step's end, and each label's
    #: text, kind (``"words"`` or ``"maths"``), fill colour and opacity.
    numbers: list[float] = field(default_factory=list)
    texts: list[tuple[str, str, str, float]] = field(default_factory=list)
    #: Seconds the step's own plays and holds took, before it waited to be read.
    motion: float = 0.0
    #: The step's narration in every language (``[LANG.narration]``, else its subtitle).
    narrations: dict[str, str] = field(default_factory=dict)
    #: Cues timed from synthesised speech, by language (narrated renders; see subtitles).
    spoken: dict[str, list[Cue]] = field(default_factory=dict)


def step(name: str) -> Callable[[Callable[..., Any]], Callable[..., None]]:
    """Mark a scene method as one step of the lesson.

    The step opens a Manim section (one clip, one slide) and ends with one
    subtitle: ``[LANG.steps] NAME`` of the scene's words, filled with the method's
    keyword arguments and the dict it returns — numbers and the language-neutral
    values of :mod:`scenes.kit.words`, written in every language. The step then
    holds until its subtitle can be read in every language of the scene. ``name``
    may hold ``{placeholders}`` filled from the keyword arguments (``"example-{n}"``).
    """

    def decorate(method: Callable[..., Any]) -> Callable[..., None]:
        @functools.wraps(method)
        def run(self: LectureScene[Any], **kwargs: Any) -> None:
            self._begin_step(name.format(**kwargs), name)
            values = method(self, **kwargs) or {}
            self._end_step({**kwargs, **values})

        run.step_name = name  # type: ignore[attr-defined]
        return run

    return decorate


def numbers_in(obj: Any, depth: int = 0, seen: set[int] | None = None) -> list[float]:
    """Every number held by a dlmath result (fields, arrays, lists, nested results, graph nodes)."""
    seen = set() if seen is None else seen
    if isinstance(obj, bool | str) or obj is None or depth > 6 or id(obj) in seen:
        return []
    seen.add(id(obj))
    if isinstance(obj, int | float | np.number):
        return [float(obj)]
    if isinstance(obj, np.ndarray):
        return [float(v) for v in obj.ravel()] if obj.dtype.kind in "biuf" else []
    if isinstance(obj, dict):
        obj = list(obj.values())
    if isinstance(obj, list | tuple):
        return [v for item in obj for v in numbers_in(item, depth + 1, seen)]
    found: list[float] = []
    names = (
        [f.name for f in fields(obj)]
        if is_dataclass(obj)
        else list(vars(obj) if hasattr(obj, "__dict__") else [])
    )
    names += [n for n, a in vars(type(obj)).items() if isinstance(a, cached_property | property)]
    for name in dict.fromkeys(names):
        if name.startswith("_") and name not in ("_op",):
            continue
        try:
            value = getattr(obj, name)
        except Exception:  # noqa: BLE001 - a property that cannot be computed holds no number
            continue
        if callable(value):
            continue
        found += numbers_in(value, depth + 1, seen)
    return found


def _walk(animations: Iterable[Any]) -> Iterable[Animation]:
    for anim in animations:
        if isinstance(anim, AnimationGroup):
            yield from _walk(anim.animations)
        elif isinstance(anim, Animation):
            yield anim


class LectureScene(Scene, Generic[P]):
    """A scene of the lecture, built from named steps.

    A lesson sets ``name`` (its command-line name, which finds its words file
    through the registry) and ``Params``, and writes ``construct`` as the outline:
    one call per :func:`step` method. Production passes parameters, language,
    theme and pace by subclassing with the class attributes below set; plain
    ``manim`` renders the defaults in English, dark.
    """

    name: ClassVar[str] = ""
    Params: ClassVar[type[SceneParams]] = SceneParams
    params: ClassVar[SceneParams | None] = None
    lang: ClassVar[str] = "en"
    theme_name: ClassVar[str] = "dark"
    #: Above 1 every hold is longer (a slower class); below 1 shorter, never under reading time.
    pace: ClassVar[float] = 1.0
    #: Words tables to use instead of the scene's words file (a ``--words`` override merged in).
    words_tables: ClassVar[dict[str, Any] | None] = None
    #: Where each step's last frame is saved as ``NN_<step>.png`` (None: not saved).
    stills_dir: ClassVar[Path | None] = None
    #: Keep each step's last frame in memory too (``record.frame``), for tests.
    keep_frames: ClassVar[bool] = False
    #: Record label boxes after every ``play`` and check fades (tests; png renders).
    check_layout: ClassVar[bool] = False
    on_step: ClassVar[Callable[[int, str], None] | None] = None
    #: Narrated renders: by step index, (stretch, length): every run time and hold of
    #: the step is multiplied by stretch, and the step lasts at least length seconds
    #: (its speech and a pause) instead of its reading time in every language.
    timing: ClassVar[dict[int, tuple[float, float]] | None] = None

    p: P

    def setup(self) -> None:
        """Resolve theme, parameters and words; prepare the step log and the background."""
        theme.use(self.theme_name)
        self.p = cast(P, type(self).params or self.Params())
        tables = type(self).words_tables or load_words(registry.get(self.name).words_path)
        self.words = Words(tables)
        if self.lang not in self.words.languages:
            raise ParamError(
                f"{self.name} has no words in {self.lang!r}; accepted: {', '.join(self.words.languages)}"
            )
        self.records: list[StepRecord] = []
        self._stretch = 1.0
        #: Every number of the dlmath results the scene declared with :meth:`computed`.
        self.pool: list[float] = numbers_in(self.p.model_dump())
        self.camera.background_color = theme.BACKGROUND
        renderer = cast(CairoRenderer, self.renderer)
        self._draw = renderer.update_frame
        if renderer.skip_animations:
            # stills: Manim would still draw every skipped play twice; draw only at step ends
            setattr(renderer, "update_frame", lambda *args, **kwargs: None)  # noqa: B010
            setattr(renderer, "save_static_frame_data", lambda *args, **kwargs: None)  # noqa: B010

    def computed(self, result: R) -> R:
        """Declare a dlmath result whose numbers the scene shows (the tests check them); return it."""
        self.pool.extend(numbers_in(result))
        return result

    # words -------------------------------------------------------------
    def t(self, key: str, **values: Any) -> str:
        """The scene's word ``key`` (dotted for nested tables) in the scene's language."""
        return self.words.text(self.lang, key, **values)

    def term(self, name: str) -> str:
        """Glossary term ``name`` (a class name, say) in the scene's language."""
        return self.words.term(self.lang, name)

    def heading(self, key: str = "title", **values: Any) -> Text:
        """A title at the top edge of the frame."""
        return theme.label(self.t(key, **values), size=theme.TITLE_SIZE).to_edge(UP, buff=0.3)

    # time --------------------------------------------------------------
    def hold(self, seconds: float = 1.0) -> None:
        """Pause for ``seconds`` scaled by the pace."""
        self.wait(seconds * self.pace)

    def swap(self, old: Mobject | None, new: Mobject, *also: Animation, **kwargs: Any) -> None:
        """Fade ``old`` out, then fade ``new`` in (with ``also``): never a cross-fade."""
        if old is not None and old.get_family():
            self.play(FadeOut(old), run_time=0.5)
        self.play(FadeIn(new), *also, **kwargs)

    def play(self, *animations: Any, **kwargs: Any) -> None:
        """Play (stretched in a narrated step), and in checking mode record layout and cross-fades."""
        if self._stretch != 1.0:
            animations = tuple(prepare_animation(a) for a in animations)
            if kwargs.get("run_time") is not None:
                kwargs["run_time"] *= self._stretch
            else:
                for anim in animations:
                    anim.run_time *= self._stretch
        if self.check_layout and self.records:
            self._check_fades(animations)
        super().play(*animations, **kwargs)
        if self.check_layout and self.records:
            self.records[-1].plays.append(label_boxes(self.mobjects))

    def _check_fades(self, animations: Iterable[Any]) -> None:
        leaving: list[LabelBox] = []
        arriving: list[LabelBox] = []
        for anim in _walk(animations):
            if isinstance(anim.mobject, Mobject):
                if anim.is_remover():
                    leaving += label_boxes([anim.mobject])
                elif anim.is_introducer():
                    arriving += label_boxes([anim.mobject])
        for a in leaving:
            for b in arriving:
                if a.overlap(b) > 0.02:
                    self.records[-1].problems.append(
                        f"{a.text!r} fades out while {b.text!r} fades in over it"
                    )

    # steps -------------------------------------------------------------
    def _begin_step(self, section: str, key: str) -> None:
        index = len(self.records)
        self.next_section(f"{index + 1:02d}_{section}")
        self.records.append(StepRecord(index, section, key, self.renderer.time))
        timing = type(self).timing
        self._stretch = timing[index][0] if timing and index in timing else 1.0
        callback = type(self).on_step
        if callback is not None:
            callback(index, section)

    def step_floor(self, record: StepRecord) -> float:
        """The shortest this step may last: its subtitle read in the slowest language.

        A narrated render gives each step its own length instead (:attr:`timing`).
        """
        timing = type(self).timing
        if timing and record.index in timing:
            return timing[record.index][1]
        langs = self.words.langs
        need = max(reading_time(text, langs[code]) for code, text in record.subtitles.items())
        return need * max(1.0, self.pace)

    def _end_step(self, values: dict[str, Any]) -> None:
        record = self.records[-1]
        record.subtitles = {
            code: self.words.text(code, f"steps.{record.key}", **values)
            for code in self.words.languages
        }
        record.subtitle = record.subtitles[self.lang]
        record.narrations = {
            code: self.words.text(code, f"narration.{record.key}", **values)
            if self.words.has(code, f"narration.{record.key}")
            else text
            for code, text in record.subtitles.items()
        }
        record.motion = self.renderer.time - record.start
        self._stretch = 1.0
        remaining = self.step_floor(record) - record.motion
        if remaining > 1e-3:
            self.wait(remaining)
        record.end = self.renderer.time
        record.labels = label_boxes(self.mobjects)
        if self.check_layout:
            record.numbers = shown_numbers(self.mobjects)
            record.texts = label_colours(self.mobjects)
        if self.stills_dir is not None or self.keep_frames:
            cast(CairoRenderer, self.renderer).static_image = None
            self._draw(self, ignore_skipping=True)
            frame = cast(CairoRenderer, self.renderer).get_frame()
            if self.keep_frames:
                record.frame = frame.copy()
            if self.stills_dir is not None:
                record.still = Path(self.stills_dir) / f"{record.index + 1:02d}_{record.name}.png"
                Image.fromarray(frame).save(record.still)
