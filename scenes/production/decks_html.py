"""The html slide deck: reveal.js (vendored, inlined) with one slide per step that plays its clip.

The page needs no network: reveal.js 6 and its speaker-notes plugin are read
from ``scenes/production/assets/reveal/`` (the npm package's files, with its
licence) and inlined, and the clips, stills and posters are linked relative to
the deck (``../hinge-loss/01_scores.mp4``), so the deck works over ``file://``
and from ``lecture serve`` alike. Each slide's clip plays when the slide opens
(``data-autoplay``) and, not looping, holds its last frame; its poster is the
step's still (its last frame); the speaker notes (key ``S``) are the step's
subtitle; the slide size is the clips' and every background the theme's.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

from scenes.production.decks import Deck, Slide, decks_dir, write_whole

__all__ = ["ASSETS", "deck_html", "write_html"]

#: The vendored reveal.js files.
ASSETS = Path(__file__).resolve().parent / "assets" / "reveal"

_STYLE = """
html, body, .reveal, .reveal-viewport {{ background: {bg}; }}
.reveal .slides section {{ padding: 0; height: 100%; }}
.reveal .slides video, .reveal .slides img.still {{
  display: block; width: 100%; height: 100%; object-fit: contain; margin: 0;
}}
.reveal .controls, .reveal .progress {{ color: {fg}; }}
"""


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _link(path: str) -> str:
    """A quality-folder path as a link from the decks folder."""
    return "../" + quote(path)


def _slide(slide: Slide, background: str) -> str:
    ident = html.escape(f"{slide.scene}-{slide.index:02d}-{slide.step}", quote=True)
    notes = html.escape(slide.subtitle)
    if slide.clip:
        poster = f' poster="{_link(slide.still)}"' if slide.still else ""
        media = (
            f'<video data-autoplay preload="auto" playsinline src="{_link(slide.clip)}"'
            f"{poster}></video>"
        )
    elif slide.still:
        media = f'<img class="still" src="{_link(slide.still)}" alt="">'
    else:
        media = ""
    return (
        f'<section id="{ident}" data-background-color="{background}" '
        f'data-scene="{html.escape(slide.scene, quote=True)}" '
        f'data-step="{html.escape(slide.step, quote=True)}">\n'
        f"  {media}\n"
        f'  <aside class="notes">{notes}</aside>\n'
        "</section>"
    )


def _foreground(background: str) -> str:
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "#222222" if 0.299 * red + 0.587 * green + 0.114 * blue > 128 else "#DDDDDD"


def deck_html(deck: Deck, title: str | None = None) -> str:
    """The html text of ``deck`` (to be written into the quality folder's ``decks/``)."""
    heading = title or " · ".join(dict.fromkeys(s.title for s in deck.slides))
    style = _STYLE.format(bg=deck.background, fg=_foreground(deck.background))
    slides = "\n".join(_slide(s, deck.background) for s in deck.slides)
    config = (
        f"{{width: {deck.width}, height: {deck.height}, margin: 0, minScale: 0.05, "
        "maxScale: 8, hash: true, transition: 'none', backgroundTransition: 'none', "
        "controls: true, progress: true, autoPlayMedia: null, plugins: [RevealNotes]}"
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(deck.lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(heading)}</title>\n"
        "<!-- reveal.js 6.0.2, MIT licence (c) Hakim El Hattab and contributors -->\n"
        f"<style>\n{_asset('reset.css')}\n{_asset('reveal.css')}\n{style}</style>\n"
        f'</head>\n<body>\n<div class="reveal"><div class="slides">\n{slides}\n'
        "</div></div>\n"
        f"<script>\n{_asset('reveal.js')}\n</script>\n"
        f"<script>\n{_asset('plugin/notes.js')}\n</script>\n"
        f"<script>\nReveal.initialize({config});\n</script>\n"
        "</body>\n</html>\n"
    )


def write_html(deck: Deck) -> Path:
    """Write ``decks/<stem>.html`` into the deck's quality folder; return its path."""
    target = decks_dir(deck.folder) / f"{deck.stem}.html"
    text = deck_html(deck)
    return write_whole(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
