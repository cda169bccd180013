"""Benchmark: forward + backward through a ~10,000-node scalar graph, dlmath.Value vs micrograd.

Run on demand: ``.venv/bin/python benchmarks/bench_graph.py`` (needs
``.venv/bin/pip install micrograd==0.1.0``). Both libraries build the same
expression from the same parameters; the best of 5 runs is reported and the
gradients of the parameters are checked to agree.

micrograd 0.1.0 only has ``+ * ** relu`` (and ``- /`` built from them), so the
expression uses those: a recurrence of ``STEPS`` steps

    h <- ((h * w_i + b_i).relu() + (h * 0.5) ** 2) * 0.5

with ``w_i, b_i`` cycling through ``K`` parameters. micrograd turns each plain
number into an extra leaf node; dlmath makes a one-input gate instead, so both
graphs have the same number of operations.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere

from dlmath import Value, topo_order  # noqa: E402

K = 50
STEPS = 1430  # 7 operations per step: 10,010 operation nodes


def build(cls: Callable[[float], Any], params: list[float], steps: int) -> tuple[Any, list[Any]]:
    """The recurrence built with Value class ``cls``; returns (root, parameter leaves)."""
    leaves = [cls(p) for p in params]
    h = leaves[0]
    for i in range(steps):
        w, b = leaves[i % K], leaves[(7 * i + 3) % K]
        h = ((h * w + b).relu() + (h * 0.5) ** 2) * 0.5
    return h, leaves


def run_once(cls: Callable[[float], Any], params: list[float], steps: int) -> tuple:
    """Time one forward (graph build) + backward; returns (seconds, root, leaves)."""
    gc.collect()  # free the previous run's graph (micrograd's closures make cycles) untimed
    start = time.perf_counter()
    root, leaves = build(cls, params, steps)
    root.backward()
    return time.perf_counter() - start, root, leaves


def best_of(n: int, cls: Callable[[float], Any], params: list[float], steps: int) -> tuple:
    """Best time of ``n`` runs and the last run's root and leaves."""
    times, root, leaves = [], None, []
    for _ in range(n):
        t, root, leaves = run_once(cls, params, steps)
        times.append(t)
    return min(times), root, leaves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    try:
        from micrograd.engine import Value as MgValue
    except ImportError:
        sys.exit("micrograd is missing: .venv/bin/pip install micrograd==0.1.0")
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20 * args.steps + 1000))

    rng = random.Random(0)
    params = [rng.uniform(-1.0, 1.0) for _ in range(K)]
    t_dm, root_dm, leaves_dm = best_of(args.repeat, Value, params, args.steps)
    t_mg, root_mg, leaves_mg = best_of(args.repeat, MgValue, params, args.steps)

    n_ops = sum(1 for node in topo_order(root_dm) if node.op)
    max_diff = max(abs(a.grad - b.grad) for a, b in zip(leaves_dm, leaves_mg, strict=True))
    scale = max(1.0, max(abs(a.grad) for a in leaves_dm))
    same = abs(root_dm.data - root_mg.data) <= 1e-12 and max_diff <= 1e-9 * scale
    print(f"graph: {n_ops} operation nodes, {K} parameters, f = {root_dm.data:.6g}")
    print(f"dlmath.Value  forward+backward best of {args.repeat}: {t_dm * 1e3:8.2f} ms")
    print(f"micrograd     forward+backward best of {args.repeat}: {t_mg * 1e3:8.2f} ms")
    print(f"ratio dlmath / micrograd: {t_dm / t_mg:.2f}")
    print(f"same value and gradients: {same} (max |grad difference| {max_diff:.2e})")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
