"""backprop-simple: f = (x + y)·z, and the GraphDiagram widget."""

from __future__ import annotations

import numpy as np
import pytest
from manim import config
from pydantic import ValidationError
from scenes.backprop import BackpropSimpleParams, BackpropSimpleScene
from scenes.base import shown_numbers
from scenes.graph_diagram import GraphDiagram, gate_text, local_symbol, math_name, partial
from scenes.layout import label_boxes, layout_problems
from scenes.render import run_scene

import dlmath as dm
from tests.scenes.conftest import assert_clean_layout, assert_numbers_from

EXTREME = {"x": -99.99, "y": -99.99, "z": 99.99}


def circuit(x: float, y: float, z: float) -> list[dm.Value]:
    q = dm.Value(x, "x") + dm.Value(y, "y")
    f = q * dm.Value(z, "z")
    q.name, f.name = "q", "f"
    f.backward()
    return dm.topo_order(f)


def sigmoid_circuit() -> list[dm.Value]:
    w0, x0, w1, x1, w2 = (
        dm.Value(v, n)
        for v, n in [(2.0, "w0"), (-1.0, "x0"), (-3.0, "w1"), (-2.0, "x1"), (-3.0, "w2")]
    )
    f = 1 / (1 + (-(w0 * x0 + w1 * x1 + w2)).exp())
    f.backward()
    return dm.topo_order(f)


def pool(nodes: list[dm.Value]) -> list[float]:
    out = [1.0]
    for n in nodes:
        out += [n.data, n.grad, *n.local_grads, *n.input_grads]
    return out


@pytest.fixture(scope="module")
def default_scene(tmp_path_factory):
    return run_scene(BackpropSimpleScene, None, media_dir=tmp_path_factory.mktemp("bp"), fmt="png")


@pytest.fixture(scope="module")
def extreme_zh_scene(tmp_path_factory):
    params = BackpropSimpleParams(**EXTREME)
    return run_scene(
        BackpropSimpleScene, params, lang="zh", media_dir=tmp_path_factory.mktemp("bp"), fmt="png"
    )


def test_steps_in_order(default_scene):
    names = [r.name for r in default_scene.records]
    assert names == ["graph", "forward", "seed", "back-1", "back-2", "summary"]


def test_every_node_shows_dlmath_value_and_grad(default_scene):
    nodes = circuit(-2.0, 5.0, -4.0)
    scene = default_scene
    assert [n.data for n in scene.nodes] == [n.data for n in nodes] == [-2.0, 5.0, 3.0, -4.0, -12.0]
    assert [n.grad for n in nodes] == [-4.0, -4.0, -4.0, 3.0, 1.0]
    assert [m.value for m in scene.values] == [n.data for n in nodes]
    assert {i: m.value for i, m in scene.grads.items()} == {i: n.grad for i, n in enumerate(nodes)}
    on_screen = set(scene.mobjects)
    assert all(m in on_screen for m in [*scene.values, *scene.grads.values()])
    assert_numbers_from(scene, pool(nodes))
    shown = shown_numbers(scene.mobjects)
    for key in (3.0, -12.0, -4.0, 1.0):
        assert key in shown


def test_layout_clean_default(default_scene):
    assert_clean_layout(default_scene)


def test_layout_clean_extremes_zh(extreme_zh_scene):
    assert_clean_layout(extreme_zh_scene)
    assert_numbers_from(extreme_zh_scene, pool(circuit(**EXTREME)))
    assert [r.name for r in extreme_zh_scene.records][-1] == "summary"


def test_subtitles_carry_numbers(default_scene, extreme_zh_scene):
    subs = {r.name: r.subtitle for r in default_scene.records}
    assert "3.00" in subs["forward"]
    assert "−12.00" in subs["forward"]
    assert "∂f/∂f = 1.00" in subs["seed"]
    assert "∂f/∂q = 1.00" not in subs["back-1"]
    assert "∂f/∂q = −4.00" in subs["back-1"]
    assert "∂f/∂z = 3.00" in subs["back-1"]
    assert "upstream −4.00" in subs["back-2"]
    assert "∂f/∂x = −4.00" in subs["back-2"]
    assert subs["summary"].count("−4.00") == 2
    assert "∂f/∂z = 3.00" in subs["summary"]
    zh = {r.name: r.subtitle for r in extreme_zh_scene.records}
    assert "−19996.00" in zh["forward"]
    assert "∂f/∂z = −199.98" in zh["summary"]


def test_params_defaults_and_bounds():
    p = BackpropSimpleParams()
    assert (p.x, p.y, p.z) == (-2.0, 5.0, -4.0)
    assert BackpropSimpleParams(x=3).x == 3.0
    for bad in (
        {"x": 100.0},
        {"z": -100},
        {"y": "1"},
        {"x": float("nan")},
        {"y": float("inf")},
        {"w": 1.0},
    ):
        with pytest.raises(ValidationError):
            BackpropSimpleParams(**bad)


def _geometry(d: GraphDiagram) -> list[np.ndarray]:
    return [m.points.round(9) for m in d.get_family() if m.has_points()]


def test_diagram_is_deterministic():
    a, b = GraphDiagram(sigmoid_circuit()), GraphDiagram(sigmoid_circuit())
    assert np.array_equal(a.positions(), b.positions())
    ga, gb = _geometry(a), _geometry(b)
    assert len(ga) == len(gb)
    assert all(np.array_equal(p, q) for p, q in zip(ga, gb, strict=True))


def test_diagram_columns_rows_and_labels():
    nodes = circuit(-2.0, 5.0, -4.0)
    d = GraphDiagram(nodes)
    assert d.level == [0, 0, 1, 0, 2]
    assert d.n_columns == 3
    pos = d.positions()
    assert pos[0, 0] == pos[1, 0] == pos[3, 0] < pos[2, 0] < pos[4, 0]  # inputs left, output right
    assert pos[0, 1] > pos[2, 1] > pos[1, 1] > pos[3, 1]  # q between x and y; z below
    for i, n in enumerate(nodes):
        v, g = d.value_label(i), d.grad_label(i)
        assert (v.value, g.value) == (n.data, n.grad)
        assert v.get_bottom()[1] > d.wires[i].get_start()[1] > g.get_top()[1]


def test_diagram_fits_a_fifteen_node_graph():
    vs = [dm.Value(v, n) for v, n in zip([1.5, -2.0, 3.0, -0.5, 2.0], "abcde", strict=True)]
    s = ((vs[0] * vs[1]) * (vs[2] + vs[3]) + vs[4]) * -1
    root = ((s * vs[4]).sigmoid() + 1) ** 2 * vs[0]
    root.backward()
    for nodes in (sigmoid_circuit(), dm.topo_order(root)):
        d = GraphDiagram(nodes)
        labels = [m for i in range(len(nodes)) for m in (d.value_label(i), d.grad_label(i))]
        boxes = label_boxes([d, *labels])
        assert len(boxes) >= 2 * len(nodes)
        assert layout_problems(boxes) == []
        assert d.width <= 13.0 + 1e-9
        assert d.height < config.frame_height - 1
    assert len(nodes) == 15


def test_diagram_rejects_bad_node_lists():
    nodes = circuit(1.0, 2.0, 3.0)
    with pytest.raises(ValueError, match="before"):
        GraphDiagram(nodes[::-1])
    with pytest.raises(ValueError, match="once"):
        GraphDiagram([*nodes, nodes[0]])
    with pytest.raises(ValueError, match="names"):
        GraphDiagram(nodes, names=["a"])


def test_gate_text_and_names():
    assert [gate_text(s) for s in ["*", "+", "*-1", "+1", "1/x", "x^2", "sigmoid"]] == [
        "×",
        "+",
        "×−1",
        "+1",
        "1/x",
        "x²",
        "σ",
    ]
    assert [math_name(s) for s in ["x", "w0", "w_12", "loss"]] == ["x", "w_0", "w_12", '"loss"']


def test_local_gradient_rules():
    d = GraphDiagram(circuit(-2.0, 5.0, -4.0))
    assert [local_symbol(d, 4, k) for k in (0, 1)] == ["z", "q"]  # multiply swaps
    assert local_symbol(d, 2, 0) is None  # add: just the number 1
    x = dm.Value(1.0, "x0")
    e = GraphDiagram(dm.topo_order(x.exp()))
    assert local_symbol(e, 1, 0) == "e^(x_0)"
    assert partial("f", "x_0") == "(partial f)/(partial x_0)"
