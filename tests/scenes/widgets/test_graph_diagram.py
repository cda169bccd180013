"""GraphDiagram: a layered drawing of the lecture's circuits, legible, with nothing crossing a label."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import dlmath as dm
from scenes.kit.layout import label_boxes
from scenes.widgets.gates import forward_template, gate_mob, gate_text, local_template, math_name
from scenes.widgets.graph_diagram import GraphDiagram, layered

#: The sigmoid scene's room for its circuit, and the smallest label height legible at 480p.
BOX = {"max_width": 13.4, "max_height": 3.8}
LEGIBLE = 0.17

NEURONS = {
    "default": ([2, -3, -3], [-1, -2]),
    "negative": ([-10, 10, -10], [10, -10]),
    "positive": ([10, 10, 10], [10, 10]),
    "fractional": ([0.25, -0.5, 0.125], [-0.75, 1.5]),
}


def everything(d: GraphDiagram):
    """The diagram with every value and gradient label placed."""
    labels = [d.value_label(i) for i in range(len(d.nodes))]
    labels += [d.grad_label(i) for i in range(len(d.nodes))]
    return labels


def segments(d: GraphDiagram):
    """Every straight piece of every arrow and wire, as point pairs."""
    out = []
    for mob in [*d.edges, *d.wires]:
        for part in mob.family_members_with_points():
            pts = part.get_anchors()
            out += [(a, b) for a, b in itertools.pairwise(pts) if np.linalg.norm(b - a) > 1e-6]
    return out


def crossed(segs, boxes, shrink=0.02) -> list[str]:
    """Labels that some segment passes through (each segment sampled at 60 points)."""
    if not segs or not boxes:
        return []
    t = np.linspace(0, 1, 60)[None, :, None]
    starts = np.array([a[:2] for a, _ in segs])[:, None, :]
    ends = np.array([b[:2] for _, b in segs])[:, None, :]
    pts = (starts + t * (ends - starts)).reshape(-1, 2)
    found = []
    for box in boxes:
        inside = (
            (pts[:, 0] > box.left + shrink)
            & (pts[:, 0] < box.right - shrink)
            & (pts[:, 1] > box.bottom + shrink)
            & (pts[:, 1] < box.top - shrink)
        )
        if inside.any():
            found.append(f"a wire crosses {box.text!r}")
    return found


def problems(d: GraphDiagram) -> list[str]:
    """Overlapping labels, and arrows or wires through a label."""
    boxes = label_boxes([*everything(d), *(s for s in d.shapes)])
    found = [
        f"{a.text!r} overlaps {b.text!r}"
        for a, b in itertools.combinations(boxes, 2)
        if a.overlap(b) > 0.01
    ]
    return found + crossed(segments(d), boxes)


def shafts(d: GraphDiagram):
    """Each arrow into a gate as (consumer, input, polyline of its shaft)."""
    out = []
    for i, group in enumerate(d.edges):
        for k, mob in enumerate(group):
            arrow = mob if not mob.submobjects or hasattr(mob, "tip") else mob[-1]
            points = [arrow.get_start(), arrow.get_end()]
            if arrow is not mob:
                points = [*mob[0].get_anchors(), arrow.get_end()]
            out.append((i, k, [np.asarray(p[:2]) for p in points]))
    return out


def arrows_cross(d: GraphDiagram) -> list[tuple[int, int]]:
    """Pairs of arrows (by consumer) that cross each other away from their ends."""

    def orient(a, b, c):
        return np.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]))

    def cross(p, q, r, s):
        shared = min(np.linalg.norm(u - v) for u in (p, q) for v in (r, s)) < 1e-3
        return (
            not shared
            and orient(p, q, r) * orient(p, q, s) < 0
            and orient(r, s, p) * orient(r, s, q) < 0
        )

    found = []
    for (i, _, a), (j, _, b) in itertools.combinations(shafts(d), 2):
        for p, q in itertools.pairwise(a):
            for r, s in itertools.pairwise(b):
                if cross(p, q, r, s):
                    found.append((i, j))
    return found


@pytest.mark.parametrize("case", list(NEURONS))
def test_sigmoid_circuit_is_legible_and_clear(case):
    w, x = NEURONS[case]
    for circuit in (dm.sigmoid_neuron(w, x).gates, dm.sigmoid_neuron(w, x).collapsed):
        d = layered(list(circuit.nodes), wrap_at=4, **BOX)
        assert d.width <= BOX["max_width"] + 1e-6
        assert d.height <= BOX["max_height"] + 1e-6
        assert d.label_height * d.scale_factor >= LEGIBLE, (case, d.scale_factor)
        assert not problems(d), problems(d)[:5]
        assert not arrows_cross(d)


def test_sigmoid_circuit_is_one_band_at_the_defaults_and_wraps_at_the_extremes():
    d = layered(list(dm.sigmoid_neuron().gates.nodes), wrap_at=4, **BOX)
    assert d.wrap is None
    assert d.n_columns == 8
    # inputs sit just left of the gate that uses them: w2 in the column before its + gate
    names = {n.name: d.level[i] for i, n in enumerate(d.nodes) if n.name}
    assert names == {"w0": 0, "x0": 0, "w1": 0, "x1": 0, "w2": 2, "s": 3, "f": 7}
    big = layered(list(dm.sigmoid_neuron(*NEURONS["negative"]).gates.nodes), wrap_at=4, **BOX)
    assert big.wrap == 4
    one = GraphDiagram(list(dm.sigmoid_neuron(*NEURONS["negative"]).gates.nodes), **BOX)
    assert one.label_height * one.scale_factor < LEGIBLE  # why it wraps


def test_values_above_and_gradients_below_their_wires():
    d = GraphDiagram(list(dm.simple_circuit().nodes))
    for i in range(len(d.nodes)):
        y = d.wires[i].get_start()[1]
        assert d.value_label(i).get_bottom()[1] > y
        assert d.grad_label(i).get_top()[1] < y
        assert d.value_label(i).value == d.nodes[i].data
        assert d.grad_label(i).value == d.nodes[i].grad


@pytest.mark.parametrize(
    "circuit",
    [dm.simple_circuit(), dm.simple_circuit(-99.99, -99.99, 99.99), dm.gate_patterns()],
    ids=["simple", "simple-extreme", "patterns"],
)
def test_small_circuits_are_clear(circuit):
    d = GraphDiagram(list(circuit.nodes))
    assert not problems(d)
    assert not arrows_cross(d)


@pytest.mark.parametrize("case", list(NEURONS))
def test_collapsed_circuit_lines_up_with_the_full_one(case):
    n = dm.sigmoid_neuron(*NEURONS[case])
    full = layered(list(n.gates.nodes), wrap_at=4, **BOX).move_to([0.3, 0.5, 0])
    small = GraphDiagram(list(n.collapsed.nodes), wrap=full.wrap, **BOX).align_with(full)
    for i in range(9):  # everything left of the sigmoid gates
        assert np.allclose(full.wires[i].get_start(), small.wires[i].get_start(), atol=1e-6)
        assert np.allclose(full.wires[i].get_end(), small.wires[i].get_end(), atol=1e-6)


def test_the_drawing_follows_moves_and_scales():
    d = GraphDiagram(list(dm.simple_circuit().nodes))
    before = d.value_label(2).get_center() - d.wires[2].get_start()
    d.scale(0.5).shift([1, -1, 0])
    after = d.value_label(2).get_center() - d.wires[2].get_start()
    assert np.allclose(after, before * 0.5, atol=1e-6)
    assert d.scale_factor == pytest.approx(0.5)


def test_bad_node_lists_are_refused():
    nodes = list(dm.simple_circuit().nodes)
    with pytest.raises(ValueError, match="every input before its node"):
        GraphDiagram(nodes[::-1])
    with pytest.raises(ValueError, match="each node once"):
        GraphDiagram([*nodes, nodes[0]])
    with pytest.raises(ValueError, match="one entry per node"):
        GraphDiagram(nodes, names=["a"])
    with pytest.raises(ValueError, match="wrap must be a column"):
        GraphDiagram(nodes, wrap=9)


def test_gates_are_written_as_the_lecture_writes_them():
    gates = dm.sigmoid_neuron().gates.gates()
    assert [gate_text(g) for g in gates] == ["×", "×", "+", "+", "×−1", "exp", "+1", "1/x"]
    assert gate_mob(gates[4], 24).values == (-1.0,)
    assert math_name("w0") == "w_0"
    assert math_name("loss") == '"loss"'
    patterns = dm.gate_patterns(factor=-2.5)
    assert gate_text(patterns.root) == "×−2.5"
    assert forward_template(patterns.node("q"), ["x", "y"]) == "x times y = {a0} times {a1} = {out}"
    assert forward_template(gates[7], [None]) == "{c} / {a0} = {out}"
    assert local_template(patterns.node("q"), 0, "y") == ("y = {l}", "l", "other")
    assert local_template(gates[5], 0, None)[2] == "output"
