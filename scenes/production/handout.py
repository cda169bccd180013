"""The pdf handout: Typst lays out one block per step, its still and its subtitle, in any language.

The handout is typeset by the ``typst`` Python package from generated markup
whose root is the quality folder (so the stills are read in place). Text is
set in Libertinus Serif (Typst's own) with WenQuanYi Micro Hei for Chinese
(``fonts-wqy-microhei``; its folder is searched where Debian puts it and where
fontconfig says). Subtitles go in as Typst strings, so no character of theirs
is read as markup. Each scene starts with its title; a step's block never
breaks across pages.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import typst

from scenes.production.decks import Deck, decks_dir, write_whole

__all__ = ["CJK_FONT", "cjk_font_dirs", "handout_source", "write_pdf"]

#: The font Chinese text is set in.
CJK_FONT = "WenQuanYi Micro Hei"
_FONT_DIRS = ("/usr/share/fonts/truetype/wqy", "/usr/share/fonts/wenquanyi")


@cache
def cjk_font_dirs() -> tuple[str, ...]:
    """Folders holding the CJK font (empty when it is not installed)."""
    found = [d for d in _FONT_DIRS if Path(d).is_dir()]
    if not found and shutil.which("fc-match"):
        out = subprocess.run(
            ["fc-match", "-f", "%{file}", CJK_FONT], capture_output=True, text=True, check=False
        ).stdout
        if out and "wqy" in out.lower():
            found.append(str(Path(out).parent))
    return tuple(found)


def _fonts(lang: str) -> tuple[str, ...]:
    """Text fonts, first choice first: Chinese text all in the CJK font, digits included."""
    return (CJK_FONT, "Libertinus Serif") if lang == "zh" else ("Libertinus Serif", CJK_FONT)


def _string(text: str) -> str:
    """``text`` as a Typst string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


_HEAD = """#set document(title: {title})
#set page(paper: "a4", margin: (x: 1.8cm, y: 1.6cm),
  footer: context align(center, text(size: 8pt, fill: gray)[{footer} · #counter(page).display()]))
#set text(font: ({fonts}), size: 11pt, lang: "{lang}")
#set par(justify: false, leading: 0.7em)
#show heading: set text(font: ({fonts}))
"""

_STEP = """#block(breakable: false, width: 100%, above: 1.1em, below: 1.1em)[
  #grid(columns: (58%, 1fr), column-gutter: 1em, align: (left + top, left + horizon),
    {image},
    [#text(size: 8pt, fill: gray)[{number}] \\ #text({subtitle})])
]
"""


def handout_source(deck: Deck) -> str:
    """The Typst markup of ``deck``'s handout (image paths from the quality folder's root)."""
    titles = list(dict.fromkeys(s.title for s in deck.slides))
    parts = [
        _HEAD.format(
            title=_string(" · ".join(titles)),
            footer=f"#text({_string(deck.stem)})",
            fonts=", ".join(_string(f) for f in _fonts(deck.lang)),
            lang=deck.lang,
        )
    ]
    scene = None
    for slide in deck.slides:
        if slide.scene != scene:
            scene = slide.scene
            parts.append(f"#heading(level: 1, {_string(slide.title)})\n")
        image = (
            f'box(stroke: 0.5pt + luma(180), image("/{slide.still}", width: 100%))'
            if slide.still
            else "rect(width: 100%, height: 3cm)"
        )
        parts.append(
            _STEP.format(
                image=image,
                number=f"{slide.index:02d} · #text({_string(slide.step)})",
                subtitle=_string(slide.subtitle),
            )
        )
    return "\n".join(parts)


def write_pdf(deck: Deck) -> Path:
    """Typeset ``decks/<stem>.pdf`` in the deck's quality folder; return its path."""
    source = handout_source(deck).encode("utf-8")
    target = decks_dir(deck.folder) / f"{deck.stem}.pdf"

    def typeset(tmp: Path) -> None:
        compile_: Any = typst.compile  # its stubs cannot infer the input type of bytes
        compile_(source, output=str(tmp), root=str(deck.folder), font_paths=list(cjk_font_dirs()))

    return write_whole(target, typeset)
