"""Benchmark dlmath's hinge and softmax losses (with gradient) against plain numpy.

N = 10,000 examples, C = 10 classes, float64, fixed seed. The reference is the
standard CS231n vectorised ``svm_loss`` / ``softmax_loss`` (loss and d loss /
d scores, mean over examples). Run with ``.venv/bin/python benchmarks/bench_losses.py``.
"""

from __future__ import annotations

import time
from functools import partial

import numpy as np

from dlmath.losses import hinge_loss, softmax_loss

N, C, REPEATS, TARGET = 10_000, 10, 5, 1.3


def svm_loss_reference(scores, y, delta=1.0):
    """CS231n vectorised multiclass SVM loss: (mean loss, d loss / d scores)."""
    n = scores.shape[0]
    rows = np.arange(n)
    correct = scores[rows, y]
    margins = np.maximum(0.0, scores - correct[:, None] + delta)
    margins[rows, y] = 0.0
    loss = margins.sum() / n
    dscores = (margins > 0).astype(scores.dtype)
    dscores[rows, y] -= dscores.sum(axis=1)
    dscores /= n
    return loss, dscores


def softmax_loss_reference(scores, y):
    """CS231n vectorised softmax cross-entropy loss: (mean loss, d loss / d scores)."""
    n = scores.shape[0]
    rows = np.arange(n)
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    probs = np.exp(log_probs)
    loss = -log_probs[rows, y].sum() / n
    dscores = probs.copy()
    dscores[rows, y] -= 1.0
    dscores /= n
    return loss, dscores


def best_of_interleaved(funcs, repeats=REPEATS):
    """Best wall time of each function over ``repeats`` rounds, calling them in turn."""
    times = [[] for _ in funcs]
    for _ in range(repeats):
        for i, func in enumerate(funcs):
            start = time.perf_counter()
            func()
            times[i].append(time.perf_counter() - start)
    return [min(t) for t in times]


def main():
    rng = np.random.default_rng(0)
    scores = rng.standard_normal((N, C)) * 3.0
    y = rng.integers(0, C, N)

    rows = []
    cases = [
        ("hinge_loss", hinge_loss, svm_loss_reference),
        ("softmax_loss", softmax_loss, softmax_loss_reference),
    ]
    for name, func, reference in cases:
        ours, ref = partial(func, scores, y), partial(reference, scores, y)
        got, (loss, dscores) = ours(), ref()
        assert np.isclose(got.loss, loss, rtol=1e-12), (name, got.loss, loss)
        np.testing.assert_allclose(got.grad, dscores, rtol=1e-12, atol=1e-15)
        t_ours, t_ref = best_of_interleaved([ours, ref])
        rows.append((name, t_ours, t_ref))

    print(f"losses with gradient, N={N}, C={C}, float64, best of {REPEATS}")
    print(f"(target: ratio dlmath / numpy <= {TARGET})")
    print(f"{'':16}{'dlmath ms':>12}{'numpy ms':>12}{'ratio':>8}")
    for name, t_ours, t_ref in rows:
        flag = "" if t_ours / t_ref <= TARGET else "  over target"
        print(f"{name:16}{t_ours * 1e3:12.3f}{t_ref * 1e3:12.3f}{t_ours / t_ref:8.2f}{flag}")


if __name__ == "__main__":
    main()
