"""Words as data: each scene's TOML words file, the shared glossary, and language-neutral values.

A scene's words file (``scenes/chN/<scene>.toml``) has one table per language::

    [en]
    title = "Multiclass SVM (hinge) loss"
    description = "…"
    row = "{name} image"            # any word the scene shows, with {placeholders}

    [en.steps]                      # one subtitle per step (the step's name as key)
    scores = "Each row holds one image's scores …"

The languages are whatever the glossary (:file:`scenes/kit/glossary.toml`) and
the words files hold. Lesson code never asks which language it speaks: it asks
for a word (``self.t("row", name=...)``) and returns language-neutral values for
its subtitle — numbers, and :class:`Term`, :class:`Word`, :class:`Join` and
:class:`Num`, which :func:`resolve` writes in each language. This module never
imports Manim.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from scenes.kit.errors import ParamError
from scenes.kit.format import fmt

__all__ = [
    "GLOSSARY_FILE",
    "Join",
    "Language",
    "Num",
    "Term",
    "Word",
    "Words",
    "glossary",
    "languages",
    "load_words",
    "merge_words",
    "placeholders",
    "resolve",
]

GLOSSARY_FILE = Path(__file__).with_name("glossary.toml")
#: Keys every language table of a scene's words file must have.
REQUIRED = ("title", "description", "steps")


@dataclass(frozen=True)
class Language:
    """A language of the lecture: reading speed and subtitle line length, separators, terms."""

    code: str
    name: str
    reading_speed: float
    line_length: int
    wrap: str
    list_sep: str
    clause_sep: str
    terms: Mapping[str, str] = field(default_factory=dict)
    table: Mapping[str, Any] = field(default_factory=dict)

    def term(self, name: str) -> str:
        """``name`` in this language (the glossary's translation, else as typed)."""
        return str(self.terms.get(name, name))


@cache
def glossary() -> dict[str, Language]:
    """The languages of the lecture, from :data:`GLOSSARY_FILE`, by code."""
    data = tomllib.loads(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return {
        code: Language(
            code=code,
            name=table["name"],
            reading_speed=float(table["reading_speed"]),
            line_length=int(table["line_length"]),
            wrap=table.get("wrap", "words"),
            list_sep=table.get("list_sep", ", "),
            clause_sep=table.get("clause_sep", "; "),
            terms=dict(table.get("terms", {})),
            table=table,
        )
        for code, table in data.items()
    }


def languages() -> list[str]:
    """Language codes the glossary knows, English first."""
    return list(glossary())


# ----------------------------------------------------------------------------
# language-neutral values for subtitles


@dataclass(frozen=True)
class Term:
    """A glossary term (a class name, say), written in each language: ``Term("cat")``."""

    name: str


@dataclass(frozen=True)
class Word:
    """One of the scene's words (dotted key for a nested table), with its own values."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, key: str, **values: Any) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "values", values)


@dataclass(frozen=True)
class Join:
    """Items joined by the language's list separator (``sep="clause"`` for ``; ``)."""

    items: Sequence[Any]
    sep: str = "list"


@dataclass(frozen=True)
class Num:
    """A number written with more (or fewer) decimals than the default two."""

    value: float
    decimals: int = 2


def lookup(table: Mapping[str, Any], key: str) -> Any:
    """``table[key]`` where ``key`` may be dotted (``status.converged``)."""
    value: Any = table
    for piece in key.split("."):
        value = value[piece]
    return value


def resolve(value: Any, lang: Language, table: Mapping[str, Any]) -> Any:
    """Write a subtitle value in ``lang``: numbers by the kit's rule, terms and words translated."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return fmt(value)
    if isinstance(value, Num):
        return fmt(value.value, value.decimals)
    if isinstance(value, Term):
        return lang.term(value.name)
    if isinstance(value, Word):
        values = {k: resolve(v, lang, table) for k, v in value.values.items()}
        return str(lookup(table, value.key)).format(**values)
    if isinstance(value, Join):
        sep = lang.clause_sep if value.sep == "clause" else lang.list_sep
        return sep.join(str(resolve(v, lang, table)) for v in value.items)
    return value


# ----------------------------------------------------------------------------
# words files


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a template fills."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _read_toml(path: Path, what: str) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ParamError(f"cannot read {what} {str(path)!r}: {err.strerror}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ParamError(f"{what} {str(path)!r} is not UTF-8 text; accepted: a TOML file") from None
    except tomllib.TOMLDecodeError as err:
        raise ParamError(f"{what} {str(path)!r} is not valid TOML: {err}") from None
    except RecursionError:
        raise ParamError(f"{what} {str(path)!r} is nested too deeply to be TOML words") from None


def load_words(path: Path) -> dict[str, dict[str, Any]]:
    """A scene's words file: a table per language with title, description and steps."""
    data = _read_toml(path, "words file")
    for code, table in data.items():
        if not isinstance(table, dict) or any(k not in table for k in REQUIRED):
            raise ParamError(
                f"words file {str(path)!r}: [{code}] must be a table with {', '.join(REQUIRED)}"
            )
    return data


def _shape(table: Mapping[str, Any], prefix: str = "") -> dict[str, set[str]]:
    """Every string of a words table by dotted key, with its placeholders."""
    found: dict[str, set[str]] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            found.update(_shape(value, f"{prefix}{key}."))
        else:
            found[f"{prefix}{key}"] = placeholders(str(value))
    return found


def _merge(base: dict[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in new.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def merge_words(
    scene: str, base: dict[str, dict[str, Any]], override: Mapping[str, Any], source: str
) -> dict[str, dict[str, Any]]:
    """The scene's words with ``override`` (a ``--words`` file) laid over them.

    A language the scene has may be reworded in part; every key must exist and
    use only the placeholders of the original. A new language table must be
    complete (every key of the scene's English words).
    """
    reference = _shape(base.get("en") or next(iter(base.values())))
    merged = {code: dict(table) for code, table in base.items()}
    for code, table in override.items():
        if not isinstance(table, Mapping):
            raise ParamError(
                f"{source}: {code!r} must be a table of words ([{code}]); "
                f"accepted languages: {', '.join(languages())}"
            )
        if code not in glossary():
            raise ParamError(
                f"{source}: unknown language [{code}]; accepted: {', '.join(languages())} "
                "(a new language needs a table in scenes/kit/glossary.toml)"
            )
        original = _shape(base[code]) if code in base else reference
        given = _shape(table)
        for key, names in given.items():
            if key not in original:
                raise ParamError(
                    f"{source}: [{code}] has no word {key!r} in {scene}; "
                    f"accepted: {', '.join(sorted(original))}"
                )
            extra = names - original[key]
            if extra:
                raise ParamError(
                    f"{source}: [{code}] {key}: unknown placeholder {{{sorted(extra)[0]}}}; "
                    f"accepted: {', '.join('{' + n + '}' for n in sorted(original[key])) or 'none'}"
                )
        if code not in base:
            missing = sorted(set(reference) - set(given))
            if missing:
                raise ParamError(
                    f"{source}: new language [{code}] must give every word of {scene}; "
                    f"missing: {', '.join(missing[:5])}"
                )
        merged[code] = _merge(merged.get(code, {}), table)
    return merged


class Words:
    """A scene's words in every language, with the glossary: what lesson code and subtitles read."""

    def __init__(self, tables: Mapping[str, Mapping[str, Any]]) -> None:
        known = glossary()
        self.tables = {code: tables[code] for code in known if code in tables}
        self.langs = {code: known[code] for code in self.tables}

    @property
    def languages(self) -> list[str]:
        """The languages this scene speaks."""
        return list(self.tables)

    def text(self, lang: str, key: str, **values: Any) -> str:
        """Word ``key`` in ``lang``, its placeholders filled with ``values`` (resolved in ``lang``)."""
        table = self.tables[lang]
        filled = {k: resolve(v, self.langs[lang], table) for k, v in values.items()}
        return str(lookup(table, key)).format(**filled)

    def has(self, lang: str, key: str) -> bool:
        """Whether word ``key`` exists in ``lang``."""
        try:
            lookup(self.tables[lang], key)
        except (KeyError, TypeError):
            return False
        return True

    def term(self, lang: str, name: str) -> str:
        """Glossary term ``name`` in ``lang``."""
        return self.langs[lang].term(name)
