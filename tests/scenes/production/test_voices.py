"""Narration: voices, cache, loudness, step timing, and sound in the video and every clip."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from manim import Circle, Dot, FadeIn, Square

from scenes.kit.errors import ParamError
from scenes.kit.params import SceneParams
from scenes.kit.scene import LectureScene, StepRecord, step
from scenes.kit.words import glossary
from scenes.production.export import render_job
from scenes.production.job import RenderJob
from scenes.production.voices import engines, resolve_voice
from scenes.production.voices.cache import speak, speech_key, stats
from scenes.production.voices.loudness import PEAK, RATE, TARGET_LUFS, loudness, normalise
from scenes.production.voices.mux import audio_of, video_duration
from scenes.production.voices.narrate import LEAD, MAX_STRETCH, PAUSE, StepSpeech, plan, sentences
from scenes.production.voices.speakable import speakable

pytest.importorskip("espeakng_loader", reason="the [voice] extra is not installed")


class SpokenScene(LectureScene[SceneParams]):
    name = "spoken"

    @step("dot")
    def dot(self) -> None:
        self.play(FadeIn(Dot()), run_time=0.5)
        self.hold(0.5)

    @step("quiet")
    def quiet(self) -> None:
        self.add(Square())

    @step("circle")
    def circle(self) -> None:
        self.play(FadeIn(Circle(radius=2)), run_time=0.5)

    def construct(self) -> None:
        self.dot()
        self.quiet()
        self.circle()


WORDS = {
    "en": {
        "title": "Spoken",
        "description": "a narrated test scene",
        "steps": {"dot": "A dot.", "quiet": "", "circle": "A circle."},
        "narration": {"dot": "A dot appears in the middle. It is small."},
    },
    "zh": {
        "title": "朗读",
        "description": "测试场景",
        "steps": {"dot": "一个点。", "quiet": "", "circle": "一个圆。"},
        "narration": {"dot": "中间出现一个点。它很小。"},
    },
}


def test_sentences_and_speakable_maths():
    assert sentences("x = 0.5, then 1.5. Next! 好。再来？") == [
        "x = 0.5, then 1.5.",
        "Next!",
        "好。",
        "再来？",
    ]
    assert (
        speakable("∂f/∂q = −4, η·f′(x)", "en")
        == "d f by d q equals minus 4, eta times f prime of x"
    )
    assert speakable("x₀ = −2", "zh") == "x零等于负2"


@pytest.mark.parametrize(
    ("spec", "lang", "text"),
    [
        ("espeak:cmn", "zh", "反向传播从输出开始，梯度是一。"),
        (
            "piper:joe",
            "en",
            "The hinge loss looks at every wrong class and adds what is left over above the margin.",
        ),
    ],
)
def test_synthesis_is_speech_of_plausible_length(spec, lang, text, tmp_path):
    name, voice = spec.split(":")
    speech = speak(engines()[name], voice, text, tmp_path)
    rms = float(np.sqrt(np.mean(speech.samples**2)))
    assert rms > 0.02, "silent"
    per_char = speech.duration / len(text)
    assert 1 / 25 < per_char < 1 / 2, per_char
    # spoken no faster than the language's reading speed
    assert len(text) / speech.duration <= glossary()[lang].reading_speed


def test_cache_hits_and_keys(tmp_path):
    engine = engines()["espeak"]
    before = (stats.hits, stats.misses)
    first = speak(engine, "en-us", "Cached once.", tmp_path)
    again = speak(engine, "en-us", "Cached once.", tmp_path)
    assert (stats.hits - before[0], stats.misses - before[1]) == (1, 1)
    np.testing.assert_allclose(first.samples, again.samples, atol=1 / 32767)
    keys = {
        speech_key(engine, "en-us", "Cached once."),
        speech_key(engine, "en-us", "Cached twice."),
        speech_key(engine, "cmn", "Cached once."),
    }
    assert len(keys) == 3


def test_normalise_reaches_target_without_clipping():
    rng = np.random.default_rng(0)
    t = np.arange(3 * RATE) / RATE
    burst = (0.02 * np.sin(2 * np.pi * 220 * t) * (1 + rng.standard_normal(t.size) * 0.1)).astype(
        np.float32
    )
    burst[RATE : RATE + 200] = 0.9  # a spike
    out = normalise(burst)
    assert abs(loudness(out) - TARGET_LUFS) < 0.6
    assert np.max(np.abs(out)) <= PEAK + 1e-6
    silent = np.zeros(RATE, np.float32)
    assert not np.any(normalise(silent))


def test_plan_covers_speech_and_stretches_motion():
    records = [StepRecord(0, "a", "a", 0.0, motion=1.0), StepRecord(1, "b", "b", 5.0, motion=6.0)]
    for r in records:
        r.narrations = {"en": "Hi."}
    speech = {
        0: StepSpeech(np.zeros(4 * RATE, np.float32)),
        1: StepSpeech(np.zeros(RATE, np.float32)),
    }
    timing = plan(records, speech, "en", pace=1.0)
    assert timing[0] == (pytest.approx(MAX_STRETCH), pytest.approx(LEAD + 4 + PAUSE))
    assert timing[1] == (1.0, pytest.approx(LEAD + 1 + PAUSE))  # longer motion: unstretched


@pytest.fixture(scope="module")
def narrated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("narrated")
    renders, cache = folder / "renders", folder / "cache"
    import os

    old = os.environ.get("LECTURE_VOICE_CACHE")
    os.environ["LECTURE_VOICE_CACHE"] = str(cache)
    try:
        job = RenderJob(
            "spoken", SceneParams(), words=WORDS, scene=SpokenScene, voice="espeak:en-us"
        )
        render_job(job, renders)
        misses = stats.misses
        render_job(job, renders)  # a rebuild speaks nothing new
        yield renders / "low", stats.misses - misses
    finally:
        if old is None:
            os.environ.pop("LECTURE_VOICE_CACHE", None)
        else:
            os.environ["LECTURE_VOICE_CACHE"] = old


def test_narrated_video_steps_cover_their_speech(narrated):
    low, new_misses = narrated
    assert new_misses == 0, "a rebuild synthesised again"
    data = json.loads((low / "spoken.json").read_text())
    assert data["voice"] == "espeak:en-us"
    video = low / "spoken.mp4"
    samples, rate = audio_of(video)
    assert rate == RATE
    assert abs(len(samples) / rate - video_duration(video)) < 0.05
    assert abs(loudness(samples, rate) - TARGET_LUFS) < 1.0
    steps = data["steps"]
    # the first step's narration is two sentences, two cues, said within the step
    assert [c["lines"] for c in steps[0]["cues"]] == [
        ["A dot appears in the middle."],
        ["It is small."],
    ]
    assert steps[0]["subtitle"] == "A dot appears in the middle. It is small."
    loud = np.flatnonzero(np.abs(samples) > 0.05) / rate
    first = loud[loud < steps[1]["start"]]
    assert first.min() >= LEAD - 0.05
    assert first.max() <= steps[0]["end"] - PAUSE + 0.1
    # the stretched motion fills the step: 1 s of plays and holds, stretched, no dead air
    assert steps[0]["end"] - steps[0]["start"] >= first.max() + PAUSE - 0.1
    # the silent step stays silent, the last step speaks its subtitle
    middle = (loud > steps[1]["start"]) & (loud < steps[1]["end"])
    assert not middle.any()
    assert steps[2]["subtitle"] == "A circle."
    assert any(steps[2]["start"] < t < steps[2]["end"] for t in loud)


def test_every_clip_speaks_its_own_step(narrated):
    low, _ = narrated
    data = json.loads((low / "spoken.json").read_text())
    whole, rate = audio_of(low / "spoken.mp4")
    for entry in data["steps"]:
        if entry["clip"] is None:
            continue
        clip = low / entry["clip"]
        samples, _ = audio_of(clip)
        assert abs(len(samples) / rate - video_duration(clip)) < 0.05
        at = round(entry["start"] * rate)
        part = whole[at : at + len(samples)]
        assert math.isclose(
            np.sqrt(np.mean(samples**2)), np.sqrt(np.mean(part**2)), rel_tol=0.1, abs_tol=1e-3
        )


def test_voice_resolution_errors(monkeypatch):
    assert resolve_voice("default", "zh") == "espeak:cmn"
    assert resolve_voice("none", "en") == "none"
    with pytest.raises(ParamError, match="speaks 'zh', not 'en'"):
        resolve_voice("espeak:cmn", "en")
    with pytest.raises(ParamError, match="unknown voice"):
        resolve_voice("espeak", "en")
    monkeypatch.setattr(type(engines()["piper"]), "modules", ("no_such_module_piper",))
    with pytest.raises(ParamError, match=r"optional extra \[voice\].*pip install -e '\.\[voice\]'"):
        resolve_voice("default", "en")


def test_joined_lecture_speech_lines_up_with_its_chapters(narrated, tmp_path):
    from scenes.production.join import Chapter, join_videos

    low, _ = narrated
    part = low / "spoken.mp4"
    length = video_duration(part)
    chapters = [Chapter(0.0, length, "one"), Chapter(length, 2 * length, "two")]
    starts = join_videos([part, part], tmp_path / "lecture.mp4", chapters=chapters)
    assert starts == pytest.approx([0.0, length], abs=0.05)
    whole, rate = audio_of(tmp_path / "lecture.mp4")
    alone, _ = audio_of(part)
    assert abs(len(whole) / rate - 2 * length) < 0.1
    for chapter in chapters:
        at = round(chapter.start * rate)
        piece = whole[at : at + len(alone)]
        n = min(len(piece), len(alone))
        # the same speech, at the same place in its chapter (10 ms envelopes)
        frame = rate // 100
        env = [
            np.sqrt((x[: n // frame * frame].reshape(-1, frame) ** 2).mean(1))
            for x in (piece, alone)
        ]
        assert np.corrcoef(env[0], env[1])[0, 1] > 0.9


def test_manifest_keeps_every_language_for_other_tracks(narrated):
    low, _ = narrated
    first = json.loads((low / "spoken.json").read_text())["steps"][0]
    assert first["subtitles"] == {"en": first["subtitle"], "zh": "一个点。"}
