"""Written maths made speakable: ``∂f/∂x = −4`` becomes "d f by d x equals minus 4" (per language).

Subtitles keep the written form; only the text sent to a voice is rewritten.
A rule list per language; a language without one is spoken as written.
"""

from __future__ import annotations

import re

__all__ = ["RULES", "speakable"]

_COMMON: list[tuple[str, str]] = [
    (r"…+", ", "),
    (r"\s*→\s*", ", "),
    (r"(\w)_(\w)", r"\1 \2"),
]
#: (pattern, replacement) applied in order, per language.
RULES: dict[str, list[tuple[str, str]]] = {
    "en": [
        *_COMMON,
        (r"∂(\w)/∂(\w)", r"d \1 by d \2"),
        (r"−(?=\d)", "minus "),
        (r"\s*[−-]\s+", " minus "),
        (r"\s*\+\s*", " plus "),
        (r"\s*[×·]\s*", " times "),
        (r"\s*=\s*", " equals "),
        (r"²", " squared"),
        (r"₀", " nought"),
        (r"f′\(x\)", "f prime of x"),
        (r"Δ", "delta"),
        (r"η", "eta"),
        (r"\bmax\(", "the max of ("),
    ],
    "zh": [
        *_COMMON,
        (r"∂(\w)/∂(\w)", r"\1 对 \2 的偏导"),
        (r"−(?=\d)", "负"),
        (r"\s*[−-]\s+", "减"),
        (r"\s*\+\s*", "加"),
        (r"\s*[×·]\s*", "乘"),
        (r"\s*=\s*", "等于"),
        (r"²", "的平方"),
        (r"₀", "零"),
        (r"f′\(x\)", "f 的导数"),
        (r"Δ", "delta"),
        (r"η", "eta"),
    ],
}
_COMPILED = {lang: [(re.compile(p), r) for p, r in rules] for lang, rules in RULES.items()}


def speakable(text: str, lang: str) -> str:
    """``text`` with its maths written out as ``lang`` speaks it."""
    for pattern, replacement in _COMPILED.get(lang, []):
        text = pattern.sub(replacement, text)
    return " ".join(text.split())
