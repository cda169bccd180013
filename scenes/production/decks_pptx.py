"""The PowerPoint deck: python-pptx, one slide per step, its clip embedded and played on entry.

python-pptx embeds a movie with a click-to-play trigger only; each slide's
``<p:timing>`` is replaced by the one PowerPoint writes for a video set to
*Start: Automatically*: the main sequence's first (and only) effect is a
``mediacall`` ``playFrom(0.0)`` that begins after the slide opens. A video that
is not rewound holds its last frame. The poster frame is the step's still (its
last frame: what the step is about), the notes are the subtitle, the slide is
as wide as a 16:9 PowerPoint slide and as tall as the clips' aspect asks, and
its background is the theme's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.util import Emu

from scenes.production.decks import Deck, Slide, decks_dir, write_whole

__all__ = ["SLIDE_WIDTH", "autoplay_timing", "deck_pptx", "write_pptx"]

#: Slide width in EMU (13.333 in, PowerPoint's 16:9 default); the height follows the clips.
SLIDE_WIDTH = 12_192_000
_MIME = {".mp4": "video/mp4", ".webm": "video/webm", ".mov": "video/quicktime"}

_TIMING = """<p:timing {ns}>
  <p:tnLst><p:par>
    <p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"><p:childTnLst>
      <p:seq concurrent="1" nextAc="seek">
        <p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst>
          <p:par><p:cTn id="3" fill="hold">
            <p:stCondLst>
              <p:cond delay="indefinite"/>
              <p:cond evt="onBegin" delay="0"><p:tn val="2"/></p:cond>
            </p:stCondLst>
            <p:childTnLst><p:par><p:cTn id="4" fill="hold">
              <p:stCondLst><p:cond delay="0"/></p:stCondLst>
              <p:childTnLst><p:par>
                <p:cTn id="5" presetID="1" presetClass="mediacall" presetSubtype="0"
                       fill="hold" nodeType="afterEffect">
                  <p:stCondLst><p:cond delay="0"/></p:stCondLst>
                  <p:childTnLst>
                    <p:cmd type="call" cmd="playFrom(0.0)">
                      <p:cBhvr>
                        <p:cTn id="6" dur="{ms}" fill="hold"/>
                        <p:tgtEl><p:spTgt spid="{spid}"/></p:tgtEl>
                      </p:cBhvr>
                    </p:cmd>
                  </p:childTnLst>
                </p:cTn>
              </p:par></p:childTnLst>
            </p:cTn></p:par></p:childTnLst>
          </p:cTn></p:par>
        </p:childTnLst></p:cTn>
        <p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond>
        </p:prevCondLst>
        <p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond>
        </p:nextCondLst>
      </p:seq>
      <p:video>
        <p:cMediaNode vol="80000">
          <p:cTn id="7" fill="hold" display="0">
            <p:stCondLst><p:cond delay="indefinite"/></p:stCondLst>
          </p:cTn>
          <p:tgtEl><p:spTgt spid="{spid}"/></p:tgtEl>
        </p:cMediaNode>
      </p:video>
    </p:childTnLst></p:cTn>
  </p:par></p:tnLst>
</p:timing>"""


def autoplay_timing(shape_id: int, seconds: float) -> Any:
    """The ``<p:timing>`` element that plays movie ``shape_id`` when its slide opens."""
    ms = max(1, round(seconds * 1000))
    return parse_xml(_TIMING.format(ns=nsdecls("p"), ms=ms, spid=shape_id))


def _set_autoplay(slide: Any, shape_id: int, seconds: float) -> None:
    """Replace python-pptx's click-to-play timing of ``slide`` by :func:`autoplay_timing`."""
    sld = slide._element
    new = autoplay_timing(shape_id, seconds)
    old = sld.find(new.tag)
    if old is not None:
        old.addprevious(new)
        sld.remove(old)
    else:
        sld.append(new)


def _add(prs: Any, deck: Deck, item: Slide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(deck.background.lstrip("#"))
    width, height = prs.slide_width, prs.slide_height
    if item.clip:
        clip = deck.folder / item.clip
        movie = slide.shapes.add_movie(
            str(clip),
            0,
            0,
            width,
            height,
            poster_frame_image=str(deck.folder / item.still) if item.still else None,
            mime_type=_MIME.get(clip.suffix, "video/mp4"),
        )
        movie.name = f"{item.scene} {item.index:02d} {item.step}"
        _set_autoplay(slide, movie.shape_id, item.duration)
    elif item.still:
        slide.shapes.add_picture(str(deck.folder / item.still), 0, 0, width, height)
    slide.notes_slide.notes_text_frame.text = item.subtitle


def deck_pptx(deck: Deck) -> Any:
    """The python-pptx ``Presentation`` of ``deck``."""
    prs = Presentation()
    prs.slide_width = Emu(SLIDE_WIDTH)
    prs.slide_height = Emu(round(SLIDE_WIDTH * deck.height / deck.width))
    prs.core_properties.title = " · ".join(dict.fromkeys(s.title for s in deck.slides))
    prs.core_properties.language = deck.lang
    for item in deck.slides:
        _add(prs, deck, item)
    return prs


def write_pptx(deck: Deck) -> Path:
    """Write ``decks/<stem>.pptx`` into the deck's quality folder; return its path."""
    prs = deck_pptx(deck)
    target = decks_dir(deck.folder) / f"{deck.stem}.pptx"
    return write_whole(target, lambda tmp: prs.save(str(tmp)))
