"""How a circuit's gates are written: their symbols, and the maths of their forward and local steps."""

from __future__ import annotations

import re
from typing import Any

from manim import Mobject

from scenes.kit import theme
from scenes.kit.format import fmt, fmt_typst

__all__ = [
    "forward_constant",
    "forward_template",
    "gate_mob",
    "gate_text",
    "local_template",
    "math_name",
    "partial",
]

#: Gates written as one symbol (no constant): Typst maths, and the text for subtitles.
_SYMBOLS = {
    "+": ("+", "+"),
    "-": ("-", "−"),
    "*": ("times", "×"),
    "/": ("div", "÷"),
    "@": ("dot", "·"),
    "**": ("x^2", "x²"),
    "exp": ('"exp"', "exp"),
    "log": ('"log"', "log"),
    "max": ('"max"', "max"),
    "sigmoid": ("sigma", "σ"),
    "relu": ('"ReLU"', "ReLU"),
    "tanh": ('"tanh"', "tanh"),
    "sum": ("sum", "Σ"),
}
#: Gates with a plain number ``c`` (``+1``, ``×−1``, ``1/x``): Typst templates with ``{c}``.
_WITH_CONSTANT = {
    "+": "+ {c}",
    "-": "- {c}",
    "*": "times {c}",
    "/": "div {c}",
    "rsub": "{c} - x",
    "rdiv": "{c} \\/ x",
    "rpow": "{c}^x",
    "**": "x^{c}",
    "max": '"max"(x, {c})',
}


#: The same gates as subtitles write them.
_TEXT_WITH_CONSTANT = {
    "+": "+{c}",
    "-": "−{c}",
    "*": "×{c}",
    "/": "÷{c}",
    "rsub": "{c}−x",
    "rdiv": "{c}/x",
    "rpow": "{c}^x",
    "**": "x^{c}",
    "max": "max(x, {c})",
}


def gate_text(node: Any) -> str:
    """A gate as subtitles write it: ``×``, ``+``, ``×−1``, ``+1``, ``1/x``, ``exp``, ``σ``."""
    if node.const is None or node.op not in _TEXT_WITH_CONSTANT:
        return _SYMBOLS.get(node.op, (node.op, node.op))[1]
    op, const = node.op, float(node.const)
    if op in ("+", "-") and const < 0:
        op, const = ("-" if op == "+" else "+"), -const
    return _TEXT_WITH_CONSTANT[op].format(c=fmt(const))


def gate_mob(node: Any, size: float) -> Mobject:
    """A gate's symbol as Typst maths; a constant is a number part ``c`` (it keeps its value).

    A negative constant is written without brackets (``×−1``, as CS231n draws it).
    """
    if node.const is not None and node.op in _WITH_CONSTANT:
        template = _WITH_CONSTANT[node.op]
        const = float(node.const)
        if node.op in ("+", "-") and const < 0:  # x + (−3) is written − 3
            template, const = _WITH_CONSTANT["-" if node.op == "+" else "+"], -const
        code = template.replace("{c}", f"{{{{ {fmt_typst(const)} : c }}}}")
        mob: Any = theme.math(code, size * theme.MATH_SCALE)
        mob.values = (const,)
        return mob
    code = _SYMBOLS.get(node.op, (f'"{node.op}"', node.op))[0]
    return theme.math(code, size * theme.MATH_SCALE)


def math_name(name: str) -> str:
    """A node name as Typst maths: ``x`` → ``x``, ``w0`` → ``w_0``, ``loss`` → ``"loss"``."""
    match = re.fullmatch(r"([A-Za-z])_?(\d+)", name)
    if match:
        return f"{match[1]}_{match[2]}"
    if re.fullmatch(r"[A-Za-z]", name):
        return name
    return '"' + re.sub(r'["\\{}]', "", name) + '"'


def partial(top: str, bottom: str) -> str:
    """Typst maths for ∂top/∂bottom on one line (names already as Typst maths)."""
    return f"partial {top} \\/ partial {bottom}"


#: Forward steps: ``{0}``, ``{1}`` are the inputs, ``{c}`` the gate's constant.
_FORWARD = {
    ("+", 2): "{0} + {1}",
    ("-", 2): "{0} - {1}",
    ("*", 2): "{0} times {1}",
    ("/", 2): "{0} / {1}",
    ("max", 2): '"max"({0}, {1})',
    ("+", 1): "{0} + {c}",
    ("-", 1): "{0} - {c}",
    ("*", 1): "{0} times {c}",
    ("/", 1): "{0} div {c}",
    ("rsub", 1): "{c} - {0}",
    ("rdiv", 1): "{c} / {0}",
    ("rpow", 1): "{c}^({0})",
    ("**", 1): "({0})^{c}",
    ("max", 1): '"max"({0}, {c})',
    ("exp", 1): "e^({0})",
    ("sigmoid", 1): "sigma({0})",
}


def forward_template(node: Any, names: list[str | None]) -> str:
    """Typst for the gate's forward step with number parts ``a0``, ``a1`` (inputs), ``c``, ``out``.

    ``names`` are the inputs' symbols (None when unnamed): with all of them
    named the symbolic form comes first (``x + y = {a0} + {a1} = {out}``). A
    negative constant of ``+``/``-`` is written with the other sign.
    """
    op, n = node.op, len(node.inputs)
    if node.const is not None and op in ("+", "-") and node.const < 0:
        op = "-" if op == "+" else "+"
    symbol = _SYMBOLS.get(op, ('"' + op + '"', op))[0]
    pattern = _FORWARD.get((op, n), symbol + "({0})")

    def fill(values: list[str]) -> str:
        text = pattern
        for k, v in enumerate(values):
            text = text.replace(f"{{{k}}}", v)
        return text

    numeric = fill([f"{{a{k}}}" for k in range(n)])
    if n and all(names):
        return fill([str(m) for m in names]) + " = " + numeric + " = {out}"
    return numeric + " = {out}"


def forward_constant(node: Any) -> float | None:
    """The constant as the forward step writes it (``x + (−3)`` is ``x − 3``: 3)."""
    if node.const is None:
        return None
    return abs(node.const) if node.op in ("+", "-") else float(node.const)


def local_template(
    node: Any, k: int, other: str | None, known: tuple[str, ...] = ()
) -> tuple[str, str | None, str | None]:
    """The local gradient of input ``k``: Typst with number parts, a part that travels, its source.

    Parts: ``l`` the local gradient, ``v`` (and ``v2``, ``v3``: the same
    again) a value, ``c`` the gate's constant.
    The source of the travelling part is ``"other"`` (the other input's value:
    multiply swaps), ``"input"``, ``"output"`` (exp and σ reuse their own
    output), ``"constant"`` (the ``c`` of the gate's symbol) or None.
    ``other`` is the other input's symbol, if named; ``known`` names extra
    numbers the caller can give (``om``: 1 − σ, computed stably).
    """
    op, const = node.op, node.const
    if op == "*" and len(node.inputs) == 2:
        return (f"{other} = {{l}}" if other else "{l}"), "l", "other"
    if op == "*" and const is not None:
        return "{l}", "l", "constant"
    if op == "rdiv":
        return "-{c} / x^2 = -{c} / ({v})^2 = {l}", "v", "input"
    if op == "exp":
        return "e^x = {l}", "l", "output"
    if op == "sigmoid":
        template = "(1 - sigma) sigma = (1 - {v}) dot {v2} = {l}"
        if "om" in known:
            template = "(1 - sigma) sigma = (1 - {v}) dot {v2} = {om} dot {v3} = {l}"
        return template, "v", "output"
    return "{l}", None, None
