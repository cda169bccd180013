"""The working a circuit lesson writes under its circuit: a gate's forward line, its gradient rows, their table."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import LEFT, Mobject, VGroup

from scenes.kit import theme
from scenes.kit.numbers import formula, part
from scenes.widgets.gates import forward_constant, forward_template, local_template, partial
from scenes.widgets.graph_diagram import GraphDiagram

__all__ = ["chain_row", "forward_row", "local_row", "working_table"]


def forward_row(diagram: GraphDiagram, i: int, *, decimals: int) -> Any:
    """Gate ``i``'s forward working, ``y = a0 + a1 = out``: inputs ``a0``, ``a1``… and ``out`` in the value colour."""
    d, node = diagram, diagram.nodes[i]
    inputs = d.inputs[i]
    numbers: dict[str, Any] = {f"a{k}": float(d.nodes[j].data) for k, j in enumerate(inputs)}
    const = forward_constant(node)
    if const is not None:
        numbers["c"] = const
    numbers["out"] = float(node.data)
    template = forward_template(node, [d.symbol(j) for j in inputs])
    name = d.symbol(i)
    if name:
        template = f"{name} = {template}"
    working = formula(template, decimals=decimals, **numbers)
    for key in [f"a{k}" for k in range(len(inputs))] + ["out"]:
        part(working, key).set_color(theme.FORWARD)
    return working


def local_row(
    diagram: GraphDiagram,
    vals: dict[int, Mobject],
    i: int,
    k: int,
    extra: dict[str, float] | None = None,
    *,
    decimals: int,
) -> tuple[Any, Any]:
    """The local gradient of gate ``i`` for its input ``k``, and the mobject its number comes from.

    ``vals`` holds the value labels already on the wires; ``extra`` gives dlmath
    numbers the working may show (``om``).
    """
    d, node = diagram, diagram.nodes[i]
    inputs = d.inputs[i]
    j = inputs[k]
    other = d.symbol(inputs[1 - k]) if len(inputs) == 2 else None
    extra = extra or {}
    template, moving, source = local_template(node, k, other, tuple(extra))
    numbers: dict[str, Any] = {"l": float(node.local_grads[k])}
    numbers.update({key: v for key, v in extra.items() if f"{{{key}}}" in template})
    if "{c}" in template and node.const is not None:
        numbers["c"] = float(node.const)
    origin: Any = None
    if source in ("other", "input", "output"):
        which = {"other": inputs[1 - k] if len(inputs) == 2 else j, "input": j, "output": i}
        holder = which[str(source)]
        value = float(d.nodes[holder].data)
        numbers.update({key: value for key in ("v", "v2", "v3") if f"{{{key}}}" in template})
        if moving == "l":
            numbers["l"] = value
        origin = vals[holder]
    elif source == "constant":
        symbol = d.symbol_mob(i)
        origin = part(symbol, "c") if symbol is not None else None
    top, bottom = d.symbol(i), d.symbol(j)
    head = partial(top, bottom) + " = " if top and bottom else ""
    row: Any = formula(head + template, decimals=decimals, **numbers)
    keys: list[str] = [k for k in ("v", "v2", "v3") if k in numbers] if moving == "v" else []
    keys = keys or ([moving] if moving else [])
    if origin is not None and source != "constant":
        for key in keys:
            part(row, key).set_color(theme.FORWARD)
    #: The parts that travel in, each from ``origin``.
    row.moving = {key: origin for key in keys} if moving and origin is not None else {}
    return row, origin


def chain_row(diagram: GraphDiagram, i: int, k: int, local: Mobject, *, decimals: int) -> Mobject:
    """Upstream × local = the gradient sent to input ``k`` of gate ``i``."""
    d, node = diagram, diagram.nodes[i]
    j = d.inputs[i][k]
    root, name = d.symbol(len(d.nodes) - 1) or "f", d.symbol(j)
    head = partial(root, name) + " = " if name else ""
    row = formula(
        head + "{u} times {l} = {s}",
        u=float(node.grad),
        l=float(node.local_grads[k]),
        s=float(node.input_grads[k]),
        color=theme.GRADIENT,
        decimals=decimals,
    )
    part(row, "l").set_color(part(local, "l")[0].get_fill_color())
    return row


def working_table(rows: list[tuple[Any, Any]], local: str, chain: str) -> VGroup:
    """Local gradient | upstream × local under their heads ``local`` and ``chain``: ``VGroup(heads, *rows)``."""
    heads = VGroup(
        theme.label(local, theme.SMALL_SIZE, theme.MUTED),
        theme.label(chain, theme.SMALL_SIZE, theme.MUTED),
    )
    lines = [heads, *(VGroup(a, b) for a, b in rows)]
    left_width = max(line[0].width for line in lines) + 0.9
    y = 0.0
    for line in lines:
        height = max(cell.height for cell in line)
        for col, cell in enumerate(line):
            cell.move_to(np.array([col * left_width, y - height / 2, 0.0]), aligned_edge=LEFT)
        y -= height + 0.3
    return VGroup(*lines)
