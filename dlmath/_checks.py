"""Input checks shared by every dlmath function: one error type, one-line messages."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "DlmathError",
    "as_array",
    "as_labels",
    "check_finite_scalar",
    "check_nonnegative",
    "check_positive",
    "check_probability",
    "check_positive_int",
    "check_choice",
]


class DlmathError(ValueError):
    """A bad argument to a dlmath function.

    The message names the argument and what is accepted, on one line, e.g.
    ``"delta must be a finite number >= 0, got -1.0"``.
    """


def _describe(x: Any) -> str:
    text = repr(x)
    return text if len(text) <= 60 else text[:57] + "..."


def as_array(
    name: str,
    x: Any,
    *,
    ndim: int | tuple[int, ...] | None = None,
    finite: bool = True,
    dtype: Any = np.float64,
    nonempty: bool = True,
) -> np.ndarray:
    """Convert ``x`` to a float array and check its rank and values.

    Parameters
    ----------
    name : str
        Argument name used in the error message.
    x : array_like
        The value to convert.
    ndim : int or tuple of int, optional
        Accepted number(s) of dimensions.
    finite : bool
        Reject NaN and infinity.
    dtype : numpy dtype
        Target dtype (float64 by default).
    nonempty : bool
        Reject arrays with zero elements.
    """
    try:
        raw = np.asarray(x)
        if x is None or raw.dtype.kind not in "biufO":  # strings, complex: not numbers
            raise TypeError(raw.dtype)
        arr = raw.astype(dtype, copy=False)
    except (TypeError, ValueError):
        raise DlmathError(
            f"{name} must be a numeric array (nested lists of equal length), got {_describe(x)}"
        ) from None
    if ndim is not None:
        accepted = (ndim,) if isinstance(ndim, int) else ndim
        if arr.ndim not in accepted:
            words = " or ".join(f"{d}-D" for d in accepted)
            raise DlmathError(f"{name} must be {words}, got shape {arr.shape}")
    if nonempty and arr.size == 0:
        raise DlmathError(f"{name} must not be empty, got shape {arr.shape}")
    if finite and np.issubdtype(arr.dtype, np.floating) and not np.isfinite(arr).all():
        raise DlmathError(f"{name} must be finite (no NaN or infinity)")
    return arr


def as_labels(name: str, y: Any, n_classes: int, *, shape: tuple[int, ...]) -> np.ndarray:
    """Check integer class labels ``0 <= y < n_classes`` of a given shape."""
    try:
        arr = np.asarray(y)
    except (TypeError, ValueError):  # ragged nested lists
        raise DlmathError(f"{name} must hold integer class indices, got {_describe(y)}") from None
    if arr.dtype == bool or not (
        np.issubdtype(arr.dtype, np.integer)
        or (
            np.issubdtype(arr.dtype, np.floating)
            and np.all(np.isfinite(arr))
            and np.all(arr == np.round(arr))
        )
    ):
        raise DlmathError(f"{name} must hold integer class indices, got {_describe(y)}")
    arr = arr.astype(np.intp)
    if arr.shape != shape:
        raise DlmathError(
            f"{name} must have shape {shape} (one label per example), got {arr.shape}"
        )
    if arr.size and (arr.min() < 0 or arr.max() >= n_classes):
        raise DlmathError(
            f"{name} must be class indices in 0..{n_classes - 1}, got values {arr.min()}..{arr.max()}"
        )
    return arr


def check_finite_scalar(name: str, x: Any) -> float:
    """Return ``x`` as a float, rejecting non-numbers, NaN and infinity."""
    if isinstance(x, (bool, np.bool_, str, bytes)):  # float() would accept True and "1"
        raise DlmathError(f"{name} must be a finite number, got {_describe(x)}")
    try:
        value = float(x)
    except (TypeError, ValueError):
        raise DlmathError(f"{name} must be a finite number, got {_describe(x)}") from None
    if not np.isfinite(value):
        raise DlmathError(f"{name} must be a finite number, got {value}")
    return value


def check_nonnegative(name: str, x: Any) -> float:
    """Return ``x`` as a float ``>= 0``."""
    value = check_finite_scalar(name, x)
    if value < 0:
        raise DlmathError(f"{name} must be a finite number >= 0, got {value:g}")
    return value


def check_positive(name: str, x: Any) -> float:
    """Return ``x`` as a float ``> 0``."""
    value = check_finite_scalar(name, x)
    if value <= 0:
        raise DlmathError(f"{name} must be a finite number > 0, got {value:g}")
    return value


def check_probability(name: str, x: Any, *, allow_zero: bool = False) -> float:
    """Return ``x`` as a float in ``(0, 1]`` (or ``[0, 1]`` with ``allow_zero``)."""
    value = check_finite_scalar(name, x)
    low_ok = value >= 0 if allow_zero else value > 0
    if not (low_ok and value <= 1):
        interval = "[0, 1]" if allow_zero else "(0, 1]"
        raise DlmathError(f"{name} must be a probability in {interval}, got {value:g}")
    return value


def check_positive_int(name: str, x: Any, *, minimum: int = 1) -> int:
    """Return ``x`` as an int ``>= minimum`` (bools and floats with a fraction are rejected)."""
    if isinstance(x, bool) or not isinstance(x, (int, np.integer)):
        raise DlmathError(f"{name} must be an integer >= {minimum}, got {_describe(x)}")
    if x < minimum:
        raise DlmathError(f"{name} must be an integer >= {minimum}, got {x}")
    return int(x)


def check_choice(name: str, x: Any, choices: tuple[str, ...]) -> str:
    """Return ``x`` if it is one of ``choices``."""
    if x not in choices:
        raise DlmathError(
            f"{name} must be one of {', '.join(map(repr, choices))}, got {_describe(x)}"
        )
    return str(x)
