"""Scene parameters and lecture options: typed, validated, immutable; from defaults, TOML and ``--set``.

A parameter file holds each scene's parameters in a table named after the scene
(``[hinge-loss]``); its top level holds only lecture-wide options (quality, lang,
format, theme, pace). ``--set KEY=VALUE`` sets a parameter of the one scene
selected; with several scenes it takes ``SCENE.KEY=VALUE``. Never imports Manim.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

import tomli_w
from pydantic import BaseModel, ConfigDict, ValidationError

from scenes.kit.errors import ParamError

__all__ = [
    "OPTIONS",
    "ParamError",
    "SceneParams",
    "build_params",
    "params_toml",
    "parse_assignment",
    "read_params_file",
    "scene_values",
    "split_params_file",
]

#: Lecture-wide options a parameter file may set at its top level (as the CLI's flags).
OPTIONS = ("quality", "lang", "format", "theme", "pace")
#: A parameter file larger than this is refused before parsing.
MAX_FILE_BYTES = 4 * 1024 * 1024


class SceneParams(BaseModel):
    """Base class of every scene's parameters.

    Unknown keys and wrong types are errors (``extra="forbid"``, strict types:
    ``"1"`` is not a number and ``true`` is not an integer, but an integer is
    accepted where a float is expected; ``nan`` and ``inf`` are rejected).
    Subclasses give every field a default equal to the lecture's classic
    example, a ``description`` and bounds the scene's layout holds, check shapes
    in a ``model_validator``, and list a few ``extremes`` (dicts of values at the
    edges of what they accept) that the layout tests render.
    """

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, allow_inf_nan=False, validate_default=True
    )

    #: Parameter sets at the edges of what the scene accepts, for the layout tests.
    extremes: ClassVar[tuple[dict[str, Any], ...]] = ()


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 50 else text[:47] + "..."


def _one_line(scene: str, cls: type[SceneParams], err: ValidationError) -> str:
    """Turn pydantic's first error into one line: where, what, what is accepted."""
    first = err.errors(include_url=False)[0]
    loc = ".".join(str(p) for p in first["loc"])
    accepted = ", ".join(cls.model_fields)
    if first["type"] == "extra_forbidden":
        return f"unknown parameter '{loc}' for {scene}; accepted: {accepted}"
    msg = first["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    where = f"parameter '{loc}'" if loc else "parameters"
    got = f" (got {_short(first['input'])})" if loc else ""
    return f"{scene}: {where}: {msg}{got}"


def build_params(scene: str, cls: type[SceneParams], values: dict[str, Any]) -> SceneParams:
    """Validate ``values`` over the defaults of ``cls``; raise :class:`ParamError` on bad input."""
    try:
        return cls.model_validate(values)
    except ValidationError as err:
        raise ParamError(_one_line(scene, cls, err)) from None
    except RecursionError:
        raise ParamError(f"{scene}: parameters are nested too deeply") from None


def parse_assignment(text: str) -> tuple[str, Any]:
    """Parse ``key=value`` where ``value`` is a TOML value (never evaluated as code).

    A value that is not valid TOML but is a single bare word (``--set
    metric=l1``) is taken as a string.
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ParamError(f"--set expects key=value with a TOML value (e.g. lr=0.7), got {text!r}")
    raw = raw.strip()
    try:
        return key, tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError as err:
        if raw and all(ch.isalnum() or ch in "-_." for ch in raw) and not raw[0].isdigit():
            return key, raw
        raise ParamError(
            f"--set {key}: {raw!r} is not a TOML value ({err}); "
            'accepted: numbers, true/false, "strings", [arrays]'
        ) from None
    except RecursionError:
        raise ParamError(f"--set {key}: the value is nested too deeply") from None


def read_params_file(path: str | Path, what: str = "parameter file") -> dict[str, Any]:
    """Read a TOML file (``what``: how errors name it); :class:`ParamError` if unreadable or malformed.

    Any size or depth gives one line: a file over :data:`MAX_FILE_BYTES` is
    refused unread, and nesting too deep for the parser is caught.
    """
    p = Path(path)
    try:
        if p.is_file() and p.stat().st_size > MAX_FILE_BYTES:
            raise ParamError(
                f"{what} {str(p)!r} is larger than {MAX_FILE_BYTES // 2**20} MB; "
                "accepted: a TOML file of scene tables"
            )
        data = p.read_bytes()
    except OSError as err:
        raise ParamError(f"cannot read {what} {str(p)!r}: {err.strerror}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ParamError(f"{what} {str(p)!r} is not UTF-8 text; accepted: a TOML file") from None
    except tomllib.TOMLDecodeError as err:
        raise ParamError(f"{what} {str(p)!r} is not valid TOML: {err}") from None
    except RecursionError:
        raise ParamError(f"{what} {str(p)!r} is nested too deeply to read") from None


def split_params_file(
    data: dict[str, Any], scene_names: Iterable[str], source: str = "parameter file"
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Split a parameter file into lecture options (top level) and scene tables.

    An unknown top-level key, or a scene name whose value is not a table, is an
    error naming what is accepted.
    """
    known = list(scene_names)
    options: dict[str, Any] = {}
    tables: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        if key in known:
            if not isinstance(value, dict):
                raise ParamError(
                    f"{source}: {key!r} must be a table of its parameters ([{key}]), "
                    f"got {_short(value)}"
                )
            tables[key] = value
        elif key in OPTIONS:
            options[key] = value
        elif isinstance(value, dict):
            raise ParamError(f"{source}: unknown scene table [{key}]; accepted: {', '.join(known)}")
        else:
            raise ParamError(
                f"{source}: unknown top-level key {key!r}; accepted: {', '.join(OPTIONS)} "
                "(scene parameters go in a [scene] table)"
            )
    return options, tables


def scene_values(
    selected: list[str],
    tables: dict[str, dict[str, Any]],
    assignments: Iterable[str],
    scene_names: Iterable[str],
) -> dict[str, dict[str, Any]]:
    """Each selected scene's parameter values: its file table, then ``--set`` (later wins).

    With one scene selected ``--set KEY=VALUE`` sets its parameter; with several,
    only ``SCENE.KEY=VALUE`` is accepted. A scene named in ``--set`` must exist and
    be selected.
    """
    known = list(scene_names)
    values = {name: dict(tables.get(name, {})) for name in selected}
    for text in assignments:
        key, value = parse_assignment(text)
        scene, dot, field = key.partition(".")
        if dot:
            if scene not in known:
                raise ParamError(
                    f"--set {key}: unknown scene {scene!r}; accepted: {', '.join(known)}"
                )
            if scene not in values:
                raise ParamError(
                    f"--set {key}: {scene} is not selected; selected: {', '.join(selected)}"
                )
            values[scene][field] = value
        elif len(selected) == 1:
            values[selected[0]][key] = value
        else:
            raise ParamError(
                f"--set {key}: with several scenes, name the scene: --set SCENE.{key}=VALUE "
                f"(selected: {', '.join(selected)})"
            )
    return values


def _toml_value(value: Any) -> str:
    """One TOML value on one line (arrays inline, so a matrix reads as rows)."""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return tomli_w.dumps({"v": value})[len("v = ") :].strip()


def params_toml(scene: str, params: SceneParams) -> str:
    """The parameters as a ``[scene]`` table, each field's description as a comment."""
    lines = [f"# parameters of {scene} (defaults: the lecture's classic example)", f"[{scene}]"]
    for name, field in type(params).model_fields.items():
        value = getattr(params, name)
        if field.description:
            lines.append(f"# {field.description}")
        if value is None:  # TOML has no null: leaving the key out keeps the default
            lines.append(f"# {name} is not set")
        else:
            lines.append(f"{name} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"
