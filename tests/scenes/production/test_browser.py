"""In a real headless browser (Debian's chromium via Playwright): the gallery and a deck work offline.

Asserted over ``file://`` and over ``lecture serve``: the videos play, the
Chinese track (a data URI) loads its cues, a chapter link seeks (over HTTP
this needs Range requests), a deck's clip plays when its slide opens, and no
request leaves the machine (every other request is aborted and recorded).
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from scenes.production.decks import read_deck
from scenes.production.decks_html import write_html
from scenes.production.gallery import write_gallery
from scenes.production.serve import make_server
from tests.scenes.production.built import fresh_copy

pytestmark = pytest.mark.xdist_group("decks")
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    renders = fresh_copy(tmp_path_factory.mktemp("browser"))
    for stem in ("hinge-loss", "hinge-loss.zh"):
        write_html(read_deck("hinge-loss", [renders / "low" / f"{stem}.json"]))
    write_gallery(renders)
    server = make_server(renders, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield renders, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(site, tmp_path_factory):
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (bash setup.sh installs it)")
    _, base = site
    left: list[str] = []
    with playwright_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            args=ARGS,
            headless=True,
            viewport={"width": 960, "height": 640},
        )

        def guard(route):
            url = route.request.url
            if url.startswith(("file://", base + "/")):
                route.continue_()
            else:
                left.append(url)
                route.abort()

        context.route("**/*", guard)
        yield context, left
        context.close()
    assert left == [], f"requests left the machine: {left}"


PLAYS = "v => new Promise(r => { v.muted = true; v.play().then(() => r(true), () => r(false)); })"


def check_gallery(page) -> None:
    video = page.locator("#video-hinge-loss")
    assert video.evaluate(PLAYS)
    page.wait_for_function("document.querySelector('#video-hinge-loss').currentTime > 0.3")
    zh = "document.querySelectorAll('#video-hinge-loss track')[1]"
    page.evaluate(f"{zh}.track.mode = 'hidden'")
    page.wait_for_function(f"{zh}.readyState === 2 && {zh}.track.cues.length > 0")
    first = page.evaluate(f"{zh}.track.cues[0].text")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in first), first
    link = page.locator("a.seek").nth(3)
    start = float(link.get_attribute("data-time"))
    link.click()
    page.wait_for_function(
        f"(() => {{ const v = document.querySelector('#video-hinge-loss');"
        f" return !v.seeking && v.currentTime >= {start - 0.05}; }})()"
    )


def test_gallery_over_file(browser, site):
    context, _ = browser
    page = context.new_page()
    page.goto((site[0] / "index.html").as_uri())
    check_gallery(page)
    page.close()


def test_gallery_over_lecture_serve(browser, site):
    context, _ = browser
    page = context.new_page()
    page.goto(f"{site[1]}/index.html")
    check_gallery(page)
    page.close()


def test_deck_plays_each_clip_when_its_slide_opens(browser, site):
    context, _ = browser
    page = context.new_page()
    page.goto((site[0] / "low" / "decks" / "hinge-loss.zh.html").as_uri())
    current = "document.querySelector('.reveal section.present video')"
    page.wait_for_function(f"{current} && {current}.currentTime > 0.2")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"{current}.getAttribute('src').endsWith('02_formula.mp4') && {current}.currentTime > 0.2"
    )
    page.close()
