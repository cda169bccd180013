"""The gallery ``renders/index.html``: every built scene at its best quality, playable over file://.

Read from the manifests in ``renders/<quality>/`` (never imports Manim). Each
scene shows once, at the best quality built (4k, high, medium, low), in the
dark theme where built: a thumbnail in the index at the top, then a player
(the first built language's video, English first) with a subtitle track for
every built language, embedded as ``data:`` URIs because browsers refuse track
files over ``file://``; chapter links (one per step) that seek the player;
links to each step's clip, the other languages' videos and subtitles, and the
decks and handouts of that quality folder. Joined videos (``lecture.mp4``,
``ch2.mp4`` …) are listed with their own players.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from scenes.kit import registry
from scenes.production.decks import decks_dir, scene_title, write_whole
from scenes.production.gallery_player import LANG_NAMES, Chapter, joined_videos, player, url
from scenes.production.job import DEFAULT_LANG, DEFAULT_THEME, QUALITIES

__all__ = ["best_builds", "gallery_html", "write_gallery"]

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 980px; padding: 1em;
       background: #16181c; color: #e6e6e6; }
a { color: #8cc8ff; } h1 { font-size: 1.6em; } h2 { margin-top: 2em; }
.index { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: .8em; }
.index a { text-decoration: none; font-size: .9em; } .index img { width: 100%; display: block; }
video { width: 100%; background: #000; } .scene { border-top: 1px solid #333; }
ol.chapters { columns: 2; } .muted { color: #999; font-size: .9em; }
"""

_SCRIPT = """
document.querySelectorAll('a.seek').forEach(function (a) {
  a.addEventListener('click', function (event) {
    event.preventDefault();
    var video = document.getElementById(a.dataset.video);
    video.currentTime = parseFloat(a.dataset.time);
    video.play().catch(function () {});
  });
});
"""


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(data, dict) and "scene" in data and isinstance(data.get("steps"), list)
    return data if ok else None


def best_builds(renders: Path) -> dict[str, list[dict[str, Any]]]:
    """Each built scene's manifests at its best quality and preferred theme, by language order.

    Keys are scene names in lecture order (unregistered scenes after, by
    name); each manifest gets ``"_folder"`` (its quality folder's name).
    """
    found: dict[str, dict[tuple[int, int], list[dict[str, Any]]]] = {}
    for rank, quality in enumerate(reversed(QUALITIES)):
        folder = renders / quality
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.json")):
            data = _read(path)
            if data is None or data.get("format") not in ("mp4", "webm"):
                continue
            data["_folder"] = quality
            key = (rank, int(data.get("theme") == DEFAULT_THEME))
            found.setdefault(data["scene"], {}).setdefault(key, []).append(data)
    order = {name: i for i, name in enumerate(registry.names())}
    best = {}
    for scene in sorted(found, key=lambda s: (order.get(s, len(order)), s)):
        builds = found[scene][min(found[scene])]
        builds.sort(key=lambda d: (d["language"] != DEFAULT_LANG, d["language"]))
        best[scene] = builds
    return best


def _scene(renders: Path, scene: str, builds: list[dict[str, Any]]) -> str:
    main = builds[0]
    quality = main["_folder"]
    folder = renders / quality
    ext = main["format"]
    title = html.escape(scene_title(scene, main["language"]))
    tracks = [(folder / f"{d['stem']}.vtt", str(d["language"])) for d in builds]
    chapters = [
        Chapter(
            float(s["start"]),
            f"{s['index']:02d} {s['name']}",
            f' · <a href="{url(quality, s["clip"])}">clip</a>' if s.get("clip") else "",
        )
        for s in main["steps"]
    ]
    others = " · ".join(
        f'<a href="{url(quality, d["stem"] + "." + ext)}">'
        f"{html.escape(LANG_NAMES.get(d['language'], d['language']))} video</a>"
        f' (<a href="{url(quality, d["stem"] + ".srt")}">srt</a>)'
        for d in builds
    )
    video = player(
        f"video-{scene}",
        url(quality, main["stem"] + "." + ext),
        url(quality, main["stem"] + ".png"),
        tracks,
        chapters,
    )
    return (
        f'<section class="scene" id="{html.escape(scene, quote=True)}">\n<h2>{title}</h2>\n'
        f'<p class="muted">{html.escape(scene)} · {quality} · {main["theme"]} · '
        f"{main['duration']:.1f} s</p>\n{video}<p>{others}</p>\n</section>"
    )


def _decks(renders: Path) -> list[str]:
    """Links to every deck and handout, best quality first."""
    links = []
    for quality in reversed(QUALITIES):
        folder = decks_dir(renders / quality)
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.suffix in (".html", ".pptx", ".pdf") and not path.name.startswith("."):
                links.append(
                    f'<li><a href="{url(quality, "decks", path.name)}">'
                    f'{html.escape(path.name)}</a> <span class="muted">{quality}</span></li>'
                )
    return links


def gallery_html(renders: Path) -> str:
    """The gallery page of the folder ``renders`` (links relative to it)."""
    best = best_builds(renders)
    index = "".join(
        f'<a href="#{html.escape(scene)}"><img loading="lazy" alt="" '
        f'src="{url(b[0]["_folder"], b[0]["stem"] + ".png")}">'
        f"{html.escape(scene_title(scene, b[0]['language']))}</a>"
        for scene, b in best.items()
    )
    scenes = "\n".join(_scene(renders, scene, builds) for scene, builds in best.items())
    decks, videos = _decks(renders), joined_videos(renders)
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        "<title>Deep-learning lecture: videos</title>\n",
        f"<style>{_STYLE}</style>\n</head>\n<body>\n<h1>Deep-learning lecture</h1>\n",
        f'<p class="muted">{len(best)} scene{"" if len(best) == 1 else "s"} built.</p>\n',
        f'<nav class="index">{index}</nav>\n',
    ]
    if videos:
        parts.append("<h2>Joined videos</h2>\n" + "\n".join(videos) + "\n")
    if decks:
        parts.append('<h2>Decks and handouts</h2>\n<ul class="decks">' + "".join(decks) + "</ul>\n")
    parts += [scenes, f"\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"]
    return "".join(parts)


def write_gallery(renders: Path) -> Path:
    """Write ``renders/index.html``; return its path."""
    text = gallery_html(Path(renders))
    return write_whole(Path(renders) / "index.html", lambda t: t.write_text(text, encoding="utf-8"))
