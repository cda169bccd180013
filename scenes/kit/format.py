"""The kit's one rule for writing a number, for the screen and the subtitles alike (no Manim).

- at most ``decimals`` decimals (2 unless a scene asks for more), rounded half up
  (8.125 → 8.13), trailing zeros dropped (2.9, 0, 12.9, −12; not 12.90, 0.00);
- a nonzero number that would round to 0 keeps two significant digits
  (0.001, −0.001, 0.00097);
- below 10⁻⁴ or from 10⁵ on, a power of ten (6.2 × 10⁻⁶, 1.54 × 10⁵);
- a true minus sign (−), never ``-0``; ``∞``, ``−∞`` and ``NaN`` for non-finite values.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from math import floor, isinf, isnan, log10

__all__ = ["fmt", "fmt_typst"]

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _round(value: float, decimals: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _plain(d: Decimal) -> str:
    text = f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _parts(x: float, decimals: int) -> tuple[str, int | None]:
    """Mantissa text (ASCII minus) and power of ten (``None`` for plain numbers)."""
    value = float(x)
    if value == 0:
        return "0", None
    size = abs(value)
    if size < 1e-4 or size >= 1e5:
        power = floor(log10(size))
        mantissa = _round(value / 10.0**power, 2)
        if abs(mantissa) >= 10:  # 9.999 rounds up to 10
            power, mantissa = power + 1, _round(value / 10.0 ** (power + 1), 2)
        return _plain(mantissa), power
    rounded = _round(value, decimals)
    if rounded == 0:
        rounded = _round(value, -floor(log10(size)) + 1)
    return _plain(rounded), None


def fmt(x: float, decimals: int = 2) -> str:
    """A number as the screen and the subtitles write it (the rule in the module docstring).

    >>> [fmt(v) for v in (2.9, 0.0, 12.9, -12.0, 8.125, 5.26666, 1.0)]
    ['2.9', '0', '12.9', '−12', '8.13', '5.27', '1']
    >>> [fmt(v) for v in (0.001, -0.001, 0.00097, 0.0000062, 154321.0)]
    ['0.001', '−0.001', '0.00097', '6.2×10⁻⁶', '1.54×10⁵']
    >>> fmt(-0.0001234, 4), fmt(0.30864, 4), fmt(-1e-20)
    ('−0.0001', '0.3086', '−1×10⁻²⁰')
    """
    value = float(x)
    if isnan(value):
        return "NaN"
    if isinf(value):
        return "∞" if value > 0 else "−∞"
    mantissa, power = _parts(value, decimals)
    text = mantissa if power is None else f"{mantissa}×10{str(power).translate(_SUPERSCRIPT)}"
    return text.replace("-", "−")


def fmt_typst(x: float, decimals: int = 2) -> str:
    """The same number as Typst maths (``6.2 times 10^(-6)``, ``infinity``)."""
    value = float(x)
    if isnan(value):
        return '"NaN"'
    if isinf(value):
        return "infinity" if value > 0 else "-infinity"
    mantissa, power = _parts(value, decimals)
    return mantissa if power is None else f"{mantissa} times 10^({power})"
