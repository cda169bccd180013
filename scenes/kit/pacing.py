"""Pacing: how long a subtitle takes to read, and its cut into cues of two short lines (no Manim).

A step lasts at least as long as its subtitle takes to read in every language of
the scene (English 15 characters/s, Chinese 7: the glossary's reading speeds), so
one timeline serves every language. A subtitle is cut into cues of at most two
lines (42 characters in English, 16 in Chinese), breaking at sentence and clause
ends where it can; each cue gets a share of its step in proportion to its length,
so no cue is read faster than the language's speed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scenes.kit.words import Language

__all__ = ["Cue", "cues", "reading_time", "wrap"]

#: Where a subtitle is best cut: after a sentence or clause end (and its space), never
#: inside a number (0.5, 1,000).
_CLAUSE = re.compile(r"(?<=[.;:!?,])(?!\d)\s*|(?<=[。；：！？，—])\s*")


@dataclass(frozen=True)
class Cue:
    """One subtitle cue: its time span (seconds from the video's start) and lines."""

    start: float
    end: float
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        """The cue's lines joined by line breaks."""
        return "\n".join(self.lines)

    @property
    def chars(self) -> int:
        """Characters a viewer reads (what reading speed counts)."""
        return sum(len(line) for line in self.lines)


def wrap(text: str, lang: Language) -> list[str]:
    """Break ``text`` into lines of at most ``lang.line_length`` characters.

    ``words`` languages break at spaces (a word longer than a line is cut);
    ``chars`` languages break between any two characters, but not before closing
    punctuation nor inside a number, Latin word or formula.
    """
    width = lang.line_length
    text = " ".join(text.split())
    lines: list[str] = []
    if lang.wrap == "words":
        line = ""
        for word in text.split(" "):
            while len(word) > width:
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:width])
                word = word[width:]
            if not line:
                line = word
            elif len(line) + 1 + len(word) <= width:
                line += " " + word
            else:
                lines.append(line)
                line = word
        if line:
            lines.append(line)
        return lines
    rest = text
    while len(rest) > width:
        cut = _char_break(rest, width)
        lines.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        lines.append(rest)
    return lines


#: Characters a ``chars`` line never starts with (closing punctuation).
_CLOSING = "，。；：！？、）)」』,.;:!?"
#: Characters of Latin words, numbers and formulas inside CJK text: a run of them is not cut.
_LATIN = re.compile(r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")


def _char_break(rest: str, width: int) -> int:
    """Where to cut ``rest`` (longer than ``width``) in a ``chars`` language.

    Lines are balanced: the cut nearest to an even share of ``rest`` over the
    lines it needs (at most ``width`` in, at least half a line), not before
    closing punctuation and not inside a run of Latin letters, digits and
    symbols (``−0.39``, ``ReLU``, ``∂f/∂w1``); failing that, at ``width``.
    """
    count = -(-len(rest) // width)
    target = min(width, -(-len(rest) // count))
    span = range(width // 2 + 1, width + 1)
    for cut in sorted(span, key=lambda c: (abs(c - target), -c)):
        before, after = rest[cut - 1], rest[cut]
        if after in _CLOSING:
            continue
        if _LATIN.match(before) and _LATIN.match(after):
            continue
        return cut
    return width


def _pieces(text: str, lang: Language) -> list[list[str]]:
    """Clauses of ``text``, each wrapped into lines."""
    clauses, begin = [], 0
    for match in _CLAUSE.finditer(text):
        head = text[: match.start()]
        if sum(head.count(o) for o in "([（") > sum(head.count(c) for c in ")]）"):
            continue  # never cut inside brackets: "(12, 34, 56)" stays one clause
        clauses.append(text[begin : match.start()].strip())
        begin = match.end()
    clauses = [c for c in [*clauses, text[begin:].strip()] if c]
    return [wrap(c, lang) for c in clauses]


def _blocks(text: str, lang: Language) -> list[tuple[str, ...]]:
    """The cue texts: clauses packed greedily into cues of at most two lines."""
    blocks: list[tuple[str, ...]] = []
    current: list[str] = []
    for lines in _pieces(text, lang):
        # a short clause joins the last line if it fits there
        if current and len(lines) == 1:
            joiner = " " if lang.wrap == "words" else ""
            merged = current[-1] + joiner + lines[0]
            if len(merged) <= lang.line_length:
                current[-1] = merged
                continue
        for line in lines:
            if len(current) == 2:
                blocks.append(tuple(current))
                current = []
            current.append(line)
    if current:
        blocks.append(tuple(current))
    return blocks


def reading_time(text: str, lang: Language) -> float:
    """Seconds a viewer needs to read ``text`` as cues (its shown characters / reading speed)."""
    return sum(len(line) for block in _blocks(text, lang) for line in block) / lang.reading_speed


def cues(text: str, lang: Language, start: float, end: float) -> list[Cue]:
    """``text`` cut into cues spanning ``start``–``end``, each timed by its share of characters."""
    blocks = _blocks(text, lang)
    total = sum(len(line) for block in blocks for line in block) or 1
    out, t = [], start
    for block in blocks:
        length = (end - start) * sum(len(line) for line in block) / total
        out.append(Cue(t, t + length, block))
        t += length
    if out:
        out[-1] = Cue(out[-1].start, end, out[-1].lines)
    return out
