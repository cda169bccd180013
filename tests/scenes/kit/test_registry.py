"""The registry: lecture order, files that follow from a scene's name, selections."""

from __future__ import annotations

import pytest

from scenes.kit import registry
from scenes.kit.errors import ParamError

LECTURE_ORDER = [
    "ml-vs-dl",
    "image-as-numbers",
    "cv-challenges",
    "knn-vote",
    "knn-distance",
    "score-function",
    "activations",
    "hinge-loss",
    "regularization",
    "softmax",
    "gradient-descent",
    "momentum",
    "forward-pass",
    "neuron-count",
    "backprop-simple",
    "backprop-sigmoid",
    "gate-patterns",
    "backprop-matrix",
    "preprocessing",
    "initialization",
    "dropout",
    "convolution",
    "pooling",
]


def test_the_whole_lecture_in_curriculum_order():
    assert registry.names() == LECTURE_ORDER
    assert [e.chapter for e in registry.LECTURE] == [1] * 5 + [2] * 16 + [3] * 2


def test_every_scene_has_its_three_files():
    for entry in registry.LECTURE:
        assert entry.source.is_file(), entry.source
        assert entry.words_path.is_file(), entry.words_path
        assert entry.source.with_name(entry.source.stem + "_params.py").is_file()
        assert entry.params_class().__name__ == f"{entry.stem}Params"


def test_chapters_in_order():
    chapters = [e.chapter for e in registry.LECTURE]
    assert chapters == sorted(chapters)
    assert len(set(registry.names())) == len(registry.LECTURE)


def test_select_names_chapters_and_all_in_lecture_order():
    names = registry.names()
    assert [e.name for e in registry.select(["all"])] == names
    assert [e.name for e in registry.select(list(reversed(names)))] == names
    ch2 = [e.name for e in registry.LECTURE if e.chapter == 2]
    assert [e.name for e in registry.select(["ch2"])] == ch2
    assert [e.name for e in registry.select(["hinge-loss", "hinge-loss"])] == ["hinge-loss"]


@pytest.mark.parametrize(
    ("words", "message"), [(["nope"], "unknown scene 'nope'"), (["ch9"], "unknown chapter 'ch9'")]
)
def test_bad_selection(words, message):
    with pytest.raises(ParamError, match=message):
        registry.select(words)
