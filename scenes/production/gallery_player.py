"""The gallery's players: a video with its subtitle tracks as ``data:`` URIs and chapter links that seek.

Browsers refuse ``<track src="file.vtt">`` on a page opened from ``file://``,
so every track is embedded as a base64 ``data:`` URI. Chapter links carry
the player's id and a start time; the gallery's script seeks and plays. Also
finds the joined videos of a build (``lecture[.L][.light].mp4`` with their
``.json``: chapters and languages) so the gallery can play them too.
"""

from __future__ import annotations

import base64
import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from scenes.production.job import DEFAULT_LANG, QUALITIES

__all__ = ["LANG_NAMES", "Chapter", "joined_videos", "player", "url"]

#: Track labels by language code (the code where unknown).
LANG_NAMES = {"en": "English", "zh": "中文"}


@dataclass(frozen=True)
class Chapter:
    """A chapter link: where it seeks to, its label and extra html after it (e.g. a clip link)."""

    start: float
    label: str
    extra: str = ""


def url(*parts: str) -> str:
    """A relative link from the gallery page, each part quoted."""
    return "/".join(quote(p) for p in parts)


def _track(vtt: Path, lang: str, default: bool) -> str:
    if not vtt.is_file():
        return ""
    uri = "data:text/vtt;base64," + base64.b64encode(vtt.read_bytes()).decode("ascii")
    return (
        f'<track kind="subtitles" srclang="{html.escape(lang, quote=True)}" '
        f'label="{html.escape(LANG_NAMES.get(lang, lang), quote=True)}" src="{uri}"'
        f"{' default' if default else ''}>"
    )


def player(
    ident: str,
    src: str,
    poster: str | None,
    tracks: list[tuple[Path, str]],
    chapters: list[Chapter],
) -> str:
    """A ``<video>`` with ``tracks`` (WebVTT file, language; the first shown) and chapter links."""
    vid = html.escape(ident, quote=True)
    poster_attr = f' poster="{poster}"' if poster else ""
    embedded = "".join(_track(vtt, lang, i == 0) for i, (vtt, lang) in enumerate(tracks))
    links = "".join(
        f'<li><a class="seek" href="#{vid}" data-video="{vid}" data-time="{c.start}">'
        f"{html.escape(c.label)}</a> "
        f'<span class="muted">{c.start:.1f} s</span>{c.extra}</li>'
        for c in chapters
    )
    return (
        f'<video id="{vid}" controls preload="metadata"{poster_attr} src="{src}">'
        f"{embedded}</video>\n"
        f'<ol class="chapters">{links}</ol>\n'
    )


def _joined(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and "video" in data and isinstance(data.get("chapters"), list):
        return data
    return None


def joined_videos(renders: Path) -> list[str]:
    """Players of the joined videos at the best quality that has any, one per name and theme."""
    for quality in reversed(QUALITIES):
        folder = renders / quality
        groups: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            data = _joined(path)
            if data is None:
                continue
            lang = str(data.get("language", DEFAULT_LANG))
            name = path.stem.replace(f".{lang}", "", 1) if lang != DEFAULT_LANG else path.stem
            groups.setdefault(name, []).append((path.stem, data))
        if not groups:
            continue
        out = []
        for name, items in groups.items():
            items.sort(key=lambda item: (item[1]["language"] != DEFAULT_LANG, item[1]["language"]))
            stem, main = items[0]
            chapters = [Chapter(float(c["start"]), str(c["title"])) for c in main["chapters"]]
            tracks = [(folder / f"{s}.vtt", str(d["language"])) for s, d in items]
            others = " · ".join(
                f'<a href="{url(quality, str(d["video"]))}">'
                f"{html.escape(LANG_NAMES.get(d['language'], d['language']))} video</a>"
                for _, d in items
            )
            out.append(
                f'<h3>{html.escape(name)} <span class="muted">{quality} · '
                f"{float(main['duration']):.1f} s</span></h3>\n"
                + player(f"joined-{stem}", url(quality, str(main["video"])), None, tracks, chapters)
                + f"<p>{others}</p>"
            )
        return out
    return []
