"""Scene parameters: typed, validated, immutable; loaded from defaults, TOML and ``key=value``."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import BaseModel, ConfigDict, ValidationError

__all__ = [
    "ParamError",
    "SceneParams",
    "build_params",
    "params_toml",
    "parse_assignment",
    "read_params_file",
]


class ParamError(ValueError):
    """Bad scene parameters; the message is one line naming the problem and what is accepted."""


class SceneParams(BaseModel):
    """Base class of every scene's parameters.

    Unknown keys and wrong types are errors (``extra="forbid"``, strict types:
    ``"1"`` is not a number and ``true`` is not an integer, but an integer is
    accepted where a float is expected; ``nan`` and ``inf`` are rejected).
    Subclasses give every field a default equal to the lecture's classic
    example and a ``description``, and check shapes in a ``model_validator``.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


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


def read_params_file(path: str | Path) -> dict[str, Any]:
    """Read a TOML parameter file; raise :class:`ParamError` if unreadable or malformed."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise ParamError(f"cannot read parameter file {str(p)!r}: {err.strerror}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ParamError(
            f"parameter file {str(p)!r} is not UTF-8 text; accepted: a TOML file"
        ) from None
    except tomllib.TOMLDecodeError as err:
        raise ParamError(f"parameter file {str(p)!r} is not valid TOML: {err}") from None


def _toml_value(value: Any) -> str:
    """One TOML value on one line (arrays inline, so a matrix reads as rows)."""
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return tomli_w.dumps({"v": value})[len("v = ") :].strip()


def params_toml(scene: str, params: SceneParams) -> str:
    """The parameters as a TOML document with each field's description as a comment."""
    lines = [f"# parameters of {scene} (defaults: the lecture's classic example)"]
    for name, field in type(params).model_fields.items():
        value = getattr(params, name)
        if field.description:
            lines.append(f"# {field.description}")
        lines.append(f"{name} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"
