"""The moves every backpropagation lesson makes on a circuit: values flow forward, gradients flow back.

A lesson subclasses :class:`CircuitLesson`, draws its dlmath circuit with
:meth:`~CircuitLesson.draw_circuit` and, inside its own steps, calls
:meth:`~CircuitLesson.flow` (a gate's inputs run along their wires into it and
down into the working; the result rises through the gate onto its wire),
:meth:`~CircuitLesson.seed` and :meth:`~CircuitLesson.back` (the local gradient,
then upstream × local, whose result flies out of the gate onto the input's
wire). The working sits in the lower part of the frame, under the circuit.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

import numpy as np
from manim import DOWN, FadeIn, FadeOut, Mobject, VGroup, Write

from scenes.kit import theme
from scenes.kit.layout import fit
from scenes.kit.numbers import formula, part, rest
from scenes.kit.params import SceneParams
from scenes.kit.scene import LectureScene
from scenes.kit.travel import along, travel, travel_into
from scenes.kit.words import Join, Word
from scenes.widgets.circuit_working import chain_row, forward_row, local_row, working_table
from scenes.widgets.gates import gate_text, partial
from scenes.widgets.graph_diagram import GraphDiagram, layered
from scenes.widgets.legend import Legend

__all__ = ["CircuitLesson"]

P = TypeVar("P", bound=SceneParams)


class CircuitLesson(LectureScene[P]):
    """A lecture scene about one circuit, with the shared forward and backward moves.

    The scene's words need ``local`` and ``chain`` (the working's column heads)
    and ``legend.value``, ``legend.grad``, ``legend.focus``.
    """

    #: Top of the working panel and the lowest point it may reach (scene units).
    panel_top: ClassVar[float] = -0.8
    floor: ClassVar[float] = -3.1
    #: Decimals of every number on the circuit and in the working.
    decimals: ClassVar[int] = 2

    diagram: GraphDiagram

    # set-up --------------------------------------------------------------
    def draw_circuit(
        self,
        nodes: list[Any],
        *,
        top: float,
        bottom: float,
        names: list[str] | None = None,
        wrap_at: int | None = None,
        size: float = theme.SMALL_SIZE,
        gap: float = 0.6,
    ) -> GraphDiagram:
        """Lay out ``nodes`` between heights ``top`` and ``bottom``, centred; start the bookkeeping."""
        self.diagram = layered(
            nodes,
            names=names,
            decimals=self.decimals,
            wrap_at=wrap_at,
            size=size,
            gap=gap,
            max_width=13.4,
            max_height=top - bottom,
        )
        self.diagram.move_to(np.array([0.0, (top + bottom) / 2, 0.0]))
        self.vals: dict[int, Mobject] = {}
        self.grads: dict[int, Mobject] = {}
        self.panel: Mobject | None = None
        self.focused: int | None = None
        return self.diagram

    def legend(self) -> Legend:
        """The colour key of the circuit: forward value, gradient, gate in focus (bottom edge)."""
        legend = Legend(
            [
                (theme.FORWARD, self.t("legend.value")),
                (theme.GRADIENT, self.t("legend.grad")),
                (theme.FOCUS, self.t("legend.focus")),
            ]
        )
        return legend.to_edge(DOWN, buff=0.25)

    def place_panel(self, panel: Mobject) -> Mobject:
        """Fit ``panel`` into the working area (under the circuit), centred; return it."""
        fit(panel, 13.2, self.panel_top - self.floor)
        return panel.move_to(np.array([0.0, self.panel_top - panel.height / 2, 0.0]))

    def clear_panel(self, focus: int | None = None) -> None:
        """Fade the working out (before the next one comes) and put gate ``focus`` in focus."""
        anims = self.focus_anims(focus)
        if self.panel is not None:
            anims.append(FadeOut(self.panel))
            self.panel = None
        if anims:
            self.play(*anims, run_time=0.5)

    def focus_anims(self, i: int | None) -> list[Any]:
        """Animations that colour gate ``i`` as the one in focus (the previous one back); None: none."""
        d, anims = self.diagram, []
        if self.focused is not None and self.focused != i:
            anims.append(d.unhighlight(self.focused))
        if i is not None and i != self.focused:
            anims.append(d.highlight(i))
        self.focused = i
        return anims

    # forward ---------------------------------------------------------------
    def show_inputs(self, givens: Mobject | None = None) -> None:
        """The inputs' values onto their wires, travelling from ``givens`` parts named like them."""
        d = self.diagram
        leaves = [i for i, idx in enumerate(d.inputs) if not idx]
        anims = []
        for i in leaves:
            self.vals[i] = d.value_label(i)
            name = d.names[i]
            if givens is not None and name and part(givens, name):
                anims.append(travel(part(givens, name), self.vals[i], path_arc=-0.3))
            else:
                anims.append(FadeIn(self.vals[i], shift=DOWN * 0.15))
        self.play(*anims, run_time=1.2)

    def flow(self, i: int, run_time: float = 0.7) -> None:
        """Forward through gate ``i``: inputs run into it and down into the working; the value goes up.

        Each input's value runs along its wire into the gate and on into the
        working under the circuit; the result, written there, rises through the
        gate onto the gate's own wire.
        """
        d = self.diagram
        inputs = d.inputs[i]
        working = forward_row(d, i, decimals=self.decimals)
        self.place_panel(working)
        self.clear_panel(i)
        arrivals = [
            along(self.vals[j], d.gate(i), part(working, f"a{k}"), run_time=run_time)
            for k, j in enumerate(inputs)
        ]
        frame = rest(working, *[f"a{k}" for k in range(len(inputs))], "out")
        self.play(Write(frame), *arrivals)
        out = part(working, "out")
        self.play(FadeIn(out), run_time=0.4)
        self.vals[i] = d.value_label(i)
        self.play(along(out, d.gate(i), self.vals[i], run_time=run_time))
        self.remove(frame, out, *[part(working, f"a{k}") for k in range(len(inputs))])
        self.add(working)
        self.panel = working

    # backward --------------------------------------------------------------
    def seed(self) -> dict[str, Any]:
        """∂f/∂f = 1 in the working, flying onto the output's wire."""
        d = self.diagram
        root = len(d.nodes) - 1
        name = d.symbol(root) or "f"
        working = formula(
            partial(name, name) + " = {g}",
            g=float(d.nodes[root].grad),
            color=theme.GRADIENT,
            decimals=self.decimals,
        )
        self.place_panel(working)
        self.clear_panel(None)
        self.play(Write(working))
        self.grads[root] = d.grad_label(root)
        self.play(travel(part(working, "g"), self.grads[root], path_arc=0.3))
        self.panel = working
        return {"seed": float(d.nodes[root].grad)}

    def note_key(self, i: int) -> str:
        """The words key of gate ``i``'s note: ``notes.<op>``, ``c`` added for a constant (``notes.*c``)."""
        node = self.diagram.nodes[i]
        return f"notes.{node.op}{'c' if node.const is not None else ''}"

    def back(
        self, i: int, tag: Any = None, extra: dict[str, float] | None = None
    ) -> dict[str, Any]:
        """Backward through gate ``i``: local gradients, upstream × local, results onto the input wires.

        ``tag`` (say, the gate's pattern) heads the working; ``extra`` gives
        dlmath numbers a local gradient's working may show (``om``). Returns subtitle
        values: ``gate`` (its symbol as text), ``up`` (the upstream gradient),
        ``local`` (one number per input), ``sent`` (``∂f/∂x = …`` per input,
        the words' ``grad``; a number for an unnamed input) and ``note`` (the
        words' note for this gate, if any).
        """
        d, node = self.diagram, self.diagram.nodes[i]
        inputs = d.inputs[i]
        rows: list[tuple[Any, Any]] = []
        for k in range(len(inputs)):
            local, _ = local_row(d, self.vals, i, k, extra, decimals=self.decimals)
            rows.append((local, chain_row(d, i, k, local, decimals=self.decimals)))
        inner: Any = working_table(rows, self.t("local"), self.t("chain"))
        heads = VGroup(*([tag] if tag is not None else []), inner[0])
        table = VGroup(tag, inner).arrange(DOWN, buff=0.3) if tag is not None else inner
        self.place_panel(table)
        self.clear_panel(i)
        locals_in: list[Any] = []
        for local, _ in rows:
            if local.moving:
                locals_in.append(travel_into(local, local.moving))
            else:
                locals_in.append(Write(local))
        self.play(FadeIn(heads), *locals_in, run_time=1.2)
        chains = [
            travel_into(chain, {"u": self.grads[i], "l": part(local, "l")}) for local, chain in rows
        ]
        self.play(*chains, run_time=1.2)
        sends = []
        for (_, chain), j in zip(rows, inputs, strict=True):
            self.grads[j] = d.grad_label(j)
            sends.append(along(part(chain, "s"), d.gate(i), self.grads[j], run_time=0.6))
        self.play(*sends)
        self.panel = table
        note = self.note_key(i)
        return {
            "gate": gate_text(node),
            "up": float(node.grad),
            "local": Join([float(v) for v in node.local_grads]),
            "sent": Join(
                [
                    Word("grad", name=d.names[j], value=float(g)) if d.names[j] else float(g)
                    for j, g in zip(inputs, node.input_grads, strict=True)
                ]
            ),
            "note": Word(note) if self.words.has(self.lang, note) else "",
        }
