"""Benchmark: theory.kernels.hinf against one float64 torch GEMM X @ Xᵀ of the same size.

Run with ``pytest -m bench tests/benchmarks -q`` (the default addopts deselect ``bench``).

The target: hinf for n = 4096, d = 64 (float64, unit rows) takes at most 2× the time of the bare
Gram matrix X @ Xᵀ computed by torch on the same machine in the same run. Both timings are
best-of-ROUNDS wall-clock times (the minimum is the least noisy estimate of the achievable cost);
the baseline rounds are split before and after the hinf rounds so that drift in machine load hits
both sides.
"""

from __future__ import annotations

import time

import numpy as np
import pytest
import torch

from theory.kernels import hinf

N, D = 4096, 64
ROUNDS = 15
TARGET_RATIO = 2.0

#: torch's own default (one thread per physical core), read before any test can change it.
DEFAULT_TORCH_THREADS = torch.get_num_threads()


@pytest.fixture(scope="module")
def unit_rows() -> np.ndarray:
    X = np.random.default_rng(20190125).standard_normal((N, D))
    return X / np.linalg.norm(X, axis=1, keepdims=True)


def best_time(fn, rounds: int) -> float:
    best = np.inf
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.bench
def test_bench_hinf_against_torch_gram(benchmark, unit_rows):
    torch.set_num_threads(DEFAULT_TORCH_THREADS)
    X = unit_rows
    X_t = torch.from_numpy(X)

    def torch_gram():
        return X_t @ X_t.T

    torch_gram()  # warm up MKL and the allocator
    baseline_before = best_time(torch_gram, ROUNDS // 2)
    H = benchmark.pedantic(hinf, args=(X,), rounds=ROUNDS, iterations=1, warmup_rounds=1)
    baseline_after = best_time(torch_gram, ROUNDS - ROUNDS // 2)

    baseline = min(baseline_before, baseline_after)
    hinf_best = benchmark.stats.stats.min
    ratio = hinf_best / baseline
    benchmark.extra_info.update({
        "n": N, "d": D, "rounds": ROUNDS, "torch_threads": torch.get_num_threads(),
        "torch_gram_best_s": baseline, "hinf_best_s": hinf_best,
        "ratio": ratio, "target_ratio": TARGET_RATIO,
    })
    print(f"\nhinf {hinf_best * 1e3:.1f} ms, torch X @ X.T {baseline * 1e3:.1f} ms, "
          f"ratio {ratio:.2f} (target <= {TARGET_RATIO})")

    assert H.shape == (N, N) and np.all(np.diag(H) == 0.5)
    assert ratio <= TARGET_RATIO
