"""The gallery page (tracks as data URIs, seeking chapters, links) and the Range-honouring server."""

from __future__ import annotations

import base64
import json
import re
import shutil
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scenes.production.gallery import best_builds, write_gallery
from scenes.production.serve import make_server, parse_range
from tests.scenes.production.built import fresh_copy

pytestmark = pytest.mark.xdist_group("decks")


@pytest.fixture(scope="module")
def renders(tmp_path_factory) -> Path:
    renders = fresh_copy(tmp_path_factory.mktemp("gallery"))
    (renders / "low" / "decks").mkdir()
    (renders / "low" / "decks" / "hinge-loss.zh.pdf").write_bytes(b"%PDF-1.7\n")
    return renders


def test_gallery_embeds_both_tracks_and_links_what_is_built(renders):
    page = write_gallery(renders)
    assert page == renders / "index.html"
    text = page.read_text(encoding="utf-8")
    tracks = re.findall(
        r'<track kind="subtitles" srclang="(\w+)" label="[^"]+" src="data:text/vtt;base64,([^"]+)"',
        text,
    )
    assert [lang for lang, _ in tracks] == ["en", "zh"]
    for lang, payload in tracks:
        stem = "hinge-loss" if lang == "en" else "hinge-loss.zh"
        assert base64.b64decode(payload) == (renders / "low" / f"{stem}.vtt").read_bytes()
    steps = json.loads((renders / "low" / "hinge-loss.json").read_text(encoding="utf-8"))["steps"]
    seeks = re.findall(r'class="seek"[^>]*data-time="([\d.]+)"', text)
    assert [float(t) for t in seeks] == [s["start"] for s in steps]
    links = re.findall(r'(?:src|href|poster)="([^"#][^"]*)"', text)
    local = [link for link in links if not link.startswith("data:")]
    assert "low/decks/hinge-loss.zh.pdf" in local
    assert all(f"low/{s['clip']}" in local for s in steps)
    for link in local:
        assert not re.match(r"[a-z]+:", link), link
        assert (renders / link).is_file(), link


def test_gallery_plays_a_joined_video_with_every_language(tmp_path):
    renders = fresh_copy(tmp_path)
    low = renders / "low"
    for lang, stem in (("en", "lecture"), ("zh", "lecture.zh")):
        source = "hinge-loss" if lang == "en" else "hinge-loss.zh"
        shutil.copyfile(low / f"{source}.mp4", low / f"{stem}.mp4")
        shutil.copyfile(low / f"{source}.vtt", low / f"{stem}.vtt")
        chapters = [
            {"start": 0.0, "end": 3.0, "title": "Chapter 2"},
            {"start": 3.0, "end": 9.0, "title": "Hinge"},
        ]
        data = {
            "video": f"{stem}.mp4",
            "language": lang,
            "languages": ["en", "zh"],
            "duration": 9.0,
            "chapters": chapters,
        }
        (low / f"{stem}.json").write_text(json.dumps(data), encoding="utf-8")
    text = write_gallery(renders).read_text(encoding="utf-8")
    assert text.count('<video id="joined-lecture"') == 1
    assert 'id="joined-lecture.zh"' not in text
    joined = text[text.index('<video id="joined-lecture"') :]
    joined = joined[: joined.index("</ol>")]
    assert re.findall(r'srclang="(\w+)"', joined) == ["en", "zh"]
    assert re.findall(r'data-video="joined-lecture" data-time="([\d.]+)">([^<]+)<', joined) == [
        ("0.0", "Chapter 2"),
        ("3.0", "Hinge"),
    ]
    assert 'href="low/lecture.zh.mp4"' in text
    assert list(best_builds(renders)) == ["hinge-loss"]  # a joined video is not a scene


def test_gallery_picks_the_best_quality_built(renders, tmp_path):
    copy = fresh_copy(tmp_path)
    (copy / "low").rename(copy / "high")
    for path in (copy / "high").glob("*.json"):
        path.write_text(
            path.read_text(encoding="utf-8").replace('"low"', '"high"'), encoding="utf-8"
        )
    shutil.copytree(renders / "low", copy / "low")
    best = best_builds(copy)
    assert list(best) == ["hinge-loss"]
    assert [(d["_folder"], d["language"]) for d in best["hinge-loss"]] == [
        ("high", "en"),
        ("high", "zh"),
    ]


@pytest.mark.parametrize(
    ("header", "span"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-10", (990, 999)),
        ("bytes=900-5000", (900, 999)),
        ("bytes=1000-", False),
        ("bytes=5-4", False),
        ("bytes=-0", False),
        ("bytes=0-1,5-6", None),
        ("items=0-1", None),
    ],
)
def test_parse_range(header, span):
    assert parse_range(header, 1000) == span


@pytest.fixture(scope="module")
def server(renders):
    server = make_server(renders, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch(url: str, header: str | None = None):
    request = urllib.request.Request(url, headers={"Range": header} if header else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_server_answers_ranges(server, renders):
    video = (renders / "low" / "hinge-loss.mp4").read_bytes()
    status, headers, body = fetch(f"{server}/low/hinge-loss.mp4", "bytes=100-299")
    assert (status, body) == (206, video[100:300])
    assert headers["Content-Range"] == f"bytes 100-299/{len(video)}"
    assert headers["Content-Type"] == "video/mp4"
    status, _, body = fetch(f"{server}/low/hinge-loss.mp4", "bytes=-16")
    assert (status, body) == (206, video[-16:])
    status, headers, _ = fetch(f"{server}/low/hinge-loss.mp4", f"bytes={len(video)}-")
    assert (status, headers["Content-Range"]) == (416, f"bytes */{len(video)}")
    status, headers, body = fetch(f"{server}/low/hinge-loss.mp4")
    assert (status, headers["Accept-Ranges"], body) == (200, "bytes", video)
    status, headers, _ = fetch(f"{server}/low/hinge-loss.zh.vtt")
    assert (status, headers["Content-Type"]) == (200, "text/vtt; charset=utf-8")
