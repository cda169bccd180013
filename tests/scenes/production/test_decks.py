"""Slide decks from built clips: html (reveal.js), pptx (play on entry), pdf handout; names; WebVTT."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pptx import Presentation

from scenes.kit import registry
from scenes.kit.pacing import Cue
from scenes.production.build import selection_name
from scenes.production.clip_vtt import clip_vtt_text
from scenes.production.decks import deck_stem, read_deck
from scenes.production.decks_html import write_html
from scenes.production.decks_pptx import SLIDE_WIDTH, write_pptx
from scenes.production.handout import cjk_font_dirs, handout_source, write_pdf
from tests.scenes.production.built import fresh_copy

pytestmark = pytest.mark.xdist_group("decks")

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@pytest.fixture(scope="module")
def renders(tmp_path_factory) -> Path:
    return fresh_copy(tmp_path_factory.mktemp("decks"))


@pytest.fixture(scope="module", params=["en", "zh"])
def deck(request, renders):
    stem = "hinge-loss" if request.param == "en" else "hinge-loss.zh"
    return read_deck("hinge-loss", [renders / "low" / f"{stem}.json"])


def manifest(renders: Path, lang: str) -> dict:
    stem = "hinge-loss" if lang == "en" else f"hinge-loss.{lang}"
    return json.loads((renders / "low" / f"{stem}.json").read_text(encoding="utf-8"))


def test_deck_reads_every_step_in_order(deck, renders):
    data = manifest(renders, deck.lang)
    assert [s.step for s in deck.slides] == [s["name"] for s in data["steps"]]
    assert [s.subtitle for s in deck.slides] == [s["subtitle"] for s in data["steps"]]
    assert (deck.width, deck.height, deck.background) == (854, 480, "#111418")
    assert deck.stem == ("hinge-loss" if deck.lang == "en" else "hinge-loss.zh")
    assert deck.slides[0].title == (
        "Multiclass SVM (hinge) loss" if deck.lang == "en" else "多类 SVM（合页）损失"
    )


def test_names_say_what_a_deck_holds():
    assert selection_name(["all"]) == "lecture"
    assert selection_name(["ch2"]) == "ch2"
    assert selection_name(["softmax", "hinge-loss"]) == "hinge-loss+softmax"
    assert selection_name(registry.names()) == "lecture"
    assert deck_stem("ch2", "zh", "light") == "ch2.zh.light"
    assert deck_stem("lecture", "en", "dark") == "lecture"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.attrs: list[tuple[str, str, str]] = []
        self.notes: list[str] = []
        self._in_notes = False

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("src", "href", "poster") and value:
                self.attrs.append((tag, key, value))
        self._in_notes = tag == "aside"

    def handle_data(self, data):
        if self._in_notes:
            self.notes.append(data)

    def handle_endtag(self, tag):
        self._in_notes = False


def test_html_deck_plays_each_clip_with_its_still_and_notes(deck):
    path = write_html(deck)
    assert path == deck.folder / "decks" / f"{deck.stem}.html"
    text = path.read_text(encoding="utf-8")
    parser = Links()
    parser.feed(text)
    videos = [v for t, k, v in parser.attrs if t == "video" and k == "src"]
    posters = [v for t, k, v in parser.attrs if k == "poster"]
    assert videos == [f"../{s.clip}" for s in deck.slides]
    assert posters == [f"../{s.still}" for s in deck.slides]
    for _, _, link in parser.attrs:
        assert not re.match(r"[a-z]+:", link), link  # nothing from the network
        assert (path.parent / link).resolve().is_file(), link
    assert parser.notes == [s.subtitle for s in deck.slides]
    assert text.count("<video data-autoplay") == len(deck.slides)
    tags = re.findall(r"<video[^>]*>", text)
    assert len(tags) == len(deck.slides)
    assert not any("loop" in tag for tag in tags)  # a clip holds its last frame
    assert f"width: {deck.width}, height: {deck.height}" in text
    assert text.count(f'data-background-color="{deck.background}"') == len(deck.slides)
    assert "Reveal.initialize" in text
    assert "RevealNotes" in text


def test_pptx_embeds_each_clip_to_play_on_entry(deck):
    path = write_pptx(deck)
    prs = Presentation(str(path))
    assert prs.slide_width == SLIDE_WIDTH
    assert prs.slide_width / prs.slide_height == pytest.approx(854 / 480, rel=1e-4)
    assert len(prs.slides) == len(deck.slides)
    for slide, item in zip(prs.slides, deck.slides, strict=True):
        (movie,) = [s for s in slide.shapes if s.shape_type == 16]  # MSO_SHAPE_TYPE.MEDIA
        parts = {
            r.target_part.partname.ext: r.target_part
            for r in slide.part.rels.values()
            if not r.is_external and r.reltype.endswith(("/video", "/media", "/image"))
        }
        assert parts["mp4"].blob == (deck.folder / item.clip).read_bytes()
        assert (
            parts["png"].blob == (deck.folder / item.still).read_bytes()
        )  # poster: the step's end
        timing = slide._element.find(f"{P}timing")
        cmd = timing.find(f".//{P}cmd")
        assert cmd.get("cmd") == "playFrom(0.0)"
        assert cmd.find(f".//{P}spTgt").get("spid") == str(movie.shape_id)
        (effect,) = timing.findall(f".//{P}cTn[@presetClass='mediacall']")
        assert effect.get("nodeType") == "afterEffect"  # not a click: starts with the slide
        assert slide.notes_slide.notes_text_frame.text == item.subtitle
        assert str(slide.background.fill.fore_color.rgb) == deck.background.lstrip("#")


def test_pdf_handout_one_block_per_step(deck):
    source = handout_source(deck)
    for item in deck.slides:
        assert f'image("/{item.still}", width: 100%)' in source
    assert source.count("#block(breakable: false") == len(deck.slides)
    path = write_pdf(deck)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    if deck.lang == "zh":
        assert cjk_font_dirs(), "fonts-wqy-microhei is not installed"
        assert b"WenQuanYi" in data


def test_handout_text_is_never_markup(renders):
    deck = read_deck("hinge-loss", [renders / "low" / "hinge-loss.json"])
    odd = 'a #b $c$ *d* _e_ [f] <g> @h \\i "j" `k`'
    rebuilt = type(deck)(
        **{
            **deck.__dict__,
            "slides": (type(deck.slides[0])(**{**deck.slides[0].__dict__, "subtitle": odd}),),
        }
    )
    assert 'text("a #b $c$ *d* _e_ [f] <g> @h \\\\i \\"j\\" `k`")' in handout_source(rebuilt)
    assert write_pdf(rebuilt).read_bytes().startswith(b"%PDF")


def test_clip_vtt_retimes_cues_into_the_clip():
    cues = [Cue(10.0, 12.5, ("first",)), Cue(12.5, 16.0, ("second", "line"))]
    text = clip_vtt_text(cues, 10.0, 15.0, poster="03_x.png", lang="zh")
    assert text.splitlines()[:2] == ["WEBVTT", "Language: zh"]
    assert "NOTE poster: 03_x.png" in text
    assert "00:00:00.000 --> 00:00:02.500\nfirst" in text
    assert "00:00:02.500 --> 00:00:05.000\nsecond\nline" in text  # clipped to the clip's end


def test_clip_vtt_files_of_the_build_fit_their_clips(renders):
    data = manifest(renders, "zh")
    for step in data["steps"]:
        text = (renders / "low" / step["vtt"]).read_text(encoding="utf-8")
        assert f"NOTE poster: {Path(step['still']).name}" in text
        ends = re.findall(r"--> (\d\d):(\d\d):(\d\d\.\d+)", text)
        assert ends
        assert max(float(s) + 60 * float(m) for _, m, s in ends) <= (
            step["end"] - step["start"] + 1e-3
        )


def test_a_step_without_a_clip_shows_its_still(renders, tmp_path):
    deck = read_deck("hinge-loss", [renders / "low" / "hinge-loss.json"])
    first = type(deck.slides[0])(**{**deck.slides[0].__dict__, "clip": None, "vtt": None})
    deck = type(deck)(**{**deck.__dict__, "name": "no-clip", "slides": (first, *deck.slides[1:])})
    text = write_html(deck).read_text(encoding="utf-8")
    assert text.count("<video data-autoplay") == len(deck.slides) - 1
    assert f'<img class="still" src="../{first.still}"' in text
    prs = Presentation(str(write_pptx(deck)))
    slide = prs.slides[0]
    assert [s.shape_type for s in slide.shapes] == [13]  # MSO_SHAPE_TYPE.PICTURE
    assert slide._element.find(f"{P}timing") is None
    assert slide.notes_slide.notes_text_frame.text == first.subtitle
