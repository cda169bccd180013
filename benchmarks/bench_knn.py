"""Benchmark knn_predict against scikit-learn's brute-force KNeighborsClassifier.

CIFAR-10 sizes (5000 training images of 3072 values, 500 queries, 10 classes,
random data with a fixed seed), L2, k = 5. Run with
``.venv/bin/python benchmarks/bench_knn.py`` (needs scikit-learn).
"""

from __future__ import annotations

import os
import time
import tracemalloc

import numpy as np
from sklearn.neighbors import KNeighborsClassifier

from dlmath.distances import pairwise_distances
from dlmath.knn import knn_predict

N_TRAIN, N_QUERY, DIM, N_CLASSES, K, REPEATS = 5000, 500, 3072, 10, 5, 3


def best_of_interleaved(funcs, repeats=REPEATS):
    """Best wall time of each function over ``repeats`` rounds, calling them in turn.

    Interleaving keeps both sides under the same machine load (the CPU is shared).
    Returns the best times and each function's last result.
    """
    times = [[] for _ in funcs]
    results = [None] * len(funcs)
    for _ in range(repeats):
        for i, func in enumerate(funcs):
            start = time.perf_counter()
            results[i] = func()
            times[i].append(time.perf_counter() - start)
    return [min(t) for t in times], results


def sklearn_predict(train_X, train_y, X):
    model = KNeighborsClassifier(n_neighbors=K, algorithm="brute", metric="euclidean")
    return model.fit(train_X, train_y).predict(X)


def peak_memory(func):
    """Peak bytes allocated (numpy reports to tracemalloc) while ``func`` runs."""
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def vote_ties(train_X, train_y, X):
    """Queries whose k nearest neighbours have two or more labels with the top vote count."""
    nearest = np.argsort(pairwise_distances(X, train_X), axis=1, kind="stable")[:, :K]
    votes = np.array([np.bincount(row, minlength=N_CLASSES) for row in train_y[nearest]])
    return (votes == votes.max(axis=1, keepdims=True)).sum(axis=1) > 1


def print_blas_info():
    print(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        print("threadpoolctl not installed")
        return
    for pool in threadpool_info():
        keys = ("user_api", "internal_api", "num_threads", "version", "architecture")
        print("  " + ", ".join(f"{key}={pool.get(key)}" for key in keys))


def main():
    print_blas_info()
    rng = np.random.default_rng(0)
    train_X = rng.standard_normal((N_TRAIN, DIM))
    train_y = rng.integers(0, N_CLASSES, N_TRAIN)
    X = rng.standard_normal((N_QUERY, DIM))

    (t_ours, t_sk), (ours, theirs) = best_of_interleaved(
        [lambda: knn_predict(train_X, train_y, X, K), lambda: sklearn_predict(train_X, train_y, X)]
    )
    peak = peak_memory(lambda: knn_predict(train_X, train_y, X, K))
    matrix = N_QUERY * N_TRAIN * 8

    ties = vote_ties(train_X, train_y, X)
    differ = ours != theirs
    print(
        f"\nknn_predict vs KNeighborsClassifier(brute): train {N_TRAIN}x{DIM}, "
        f"{N_QUERY} queries, float64, L2, k={K}, best of {REPEATS}"
    )
    print(f"{'':28}{'seconds':>10}{'ratio':>10}")
    print(f"{'dlmath.knn_predict':28}{t_ours:10.3f}{t_ours / t_sk:10.2f}")
    print(f"{'sklearn brute fit+predict':28}{t_sk:10.3f}{1.0:10.2f}")
    print(f"\n{'peak memory (MiB)':28}{peak / 2**20:10.1f}{peak / matrix:10.2f}  x distance matrix")
    print(f"{'(500, 5000) float64 matrix':28}{matrix / 2**20:10.1f}")
    print(
        f"\npredictions differing: {differ.sum()} of {N_QUERY}; queries with a vote tie: "
        f"{ties.sum()}; differing without a tie: {(differ & ~ties).sum()}"
    )
    print(
        "(ties: dlmath picks the tied label whose nearest member is closest; "
        "sklearn the smallest tied label)"
    )
    assert not (differ & ~ties).any(), "predictions differ on a query without a vote tie"


if __name__ == "__main__":
    main()
