"""Narration voices: engines (piper, espeak-ng), ``--voice`` specs, and the default voice per language.

``--voice none`` renders silently; ``default`` picks the best voice installed
for the render's language (piper's ``joe`` for English, espeak-ng's ``cmn`` —
a draft voice — for Chinese); ``ENGINE:VOICE`` names one. The engines come with
the optional extra ``voice``; without it a voice is a one-line error naming it.
Nothing here imports an engine's packages until it speaks.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from scenes.kit.errors import ParamError
from scenes.production.voices.engine import EXTRA, Engine, Speech, VoiceInfo
from scenes.production.voices.espeak import EspeakEngine
from scenes.production.voices.piper import PiperEngine

__all__ = [
    "DEFAULTS",
    "NONE",
    "Engine",
    "Speech",
    "VoiceInfo",
    "engines",
    "register",
    "resolve_voice",
    "split_voice",
]

NONE = "none"
#: The default voice of each language, best first (``ENGINE:VOICE``).
DEFAULTS: dict[str, tuple[str, ...]] = {"en": ("piper:joe",), "zh": ("espeak:cmn",)}
_ENGINES: dict[str, Engine] = {}


def register(engine: Engine) -> None:
    """Make ``engine`` available to ``--voice`` and ``lecture voices`` (replacing a namesake)."""
    _ENGINES[engine.name] = engine


def engines() -> dict[str, Engine]:
    """Every registered engine by name (the built-in ones and those of ``lecture.voices``)."""
    if not _ENGINES:
        register(PiperEngine())
        register(EspeakEngine())
        for point in entry_points(group="lecture.voices"):
            register(point.load()())
    return _ENGINES


def split_voice(spec: str) -> tuple[Engine, VoiceInfo]:
    """The engine and voice of ``ENGINE:VOICE`` (ParamError naming what is accepted)."""
    known = engines()
    accepted = ", ".join(f"{e.name}:{v.name}" for e in known.values() for v in e.voices())
    engine_name, colon, voice_name = spec.partition(":")
    engine = known.get(engine_name)
    voice = engine.voice(voice_name) if engine is not None and colon else None
    if engine is None or voice is None:
        raise ParamError(f"--voice {spec!r}: unknown voice; accepted: none, default, {accepted}")
    return engine, voice


def _need(engine: Engine, spec: str) -> None:
    missing = engine.missing()
    if missing:
        raise ParamError(
            f"--voice {spec}: the voices are the optional extra [{EXTRA}], not installed "
            f"(missing {', '.join(missing)}); install it with: pip install -e '.[{EXTRA}]'"
        )


def resolve_voice(spec: str, lang: str) -> str:
    """The concrete voice (``ENGINE:VOICE`` or ``none``) that ``spec`` means for ``lang``.

    Raises ParamError (one line) for an unknown voice, a voice of another
    language, or an engine whose extra is not installed.
    """
    if spec == NONE:
        return NONE
    if spec == "default":
        choices = DEFAULTS.get(lang, ())
        if not choices:
            raise ParamError(f"--voice default: no voice speaks {lang!r}; accepted: none")
        for choice in choices:
            engine, _ = split_voice(choice)
            if not engine.missing():
                return choice
        _need(split_voice(choices[0])[0], "default")
    engine, voice = split_voice(spec)
    if voice.lang != lang:
        fits = [
            f"{e.name}:{v.name}" for e in engines().values() for v in e.voices() if v.lang == lang
        ]
        raise ParamError(
            f"--voice {spec} speaks {voice.lang!r}, not {lang!r}; accepted for {lang}: "
            f"{', '.join(['none', 'default', *fits])}"
        )
    _need(engine, spec)
    return f"{engine.name}:{voice.name}"
