"""Performance benchmarks: each a ratio against a baseline timed in the same run, with a target.

``theorycheck bench [--json]`` runs them; ``tests/benchmarks/`` asserts the same targets under
pytest-benchmark (marker ``bench``, outside the default test run). Timings are best-of-k wall-clock
times: on a shared machine the minimum is the least noisy estimate of the achievable cost, and the
baseline rounds are interleaved with the measured ones so that a change of machine load hits both.

The five targets (issue 7):

=====================  ===============================================  ==========================
benchmark              measured / baseline                              target
=====================  ===============================================  ==========================
hinf                   hinf(X), n = 4096, d = 64, float64 / X @ Xᵀ      ratio <= 2
monte-carlo-hinf       m = 10⁶ streamed, n = 256 / its raw GEMMs        ratio <= 2, peak < 1 GiB
gd-step                one closed-form step / its two GEMMs (float32)   efficiency >= 0.6
gd-step-vs-autograd    nn.Module + autograd + SGD step / ours           speed-up >= 1.5
batched-trainings      loop over 32 seeds / one batched call            speed-up >= 5
walsh-hadamard         naive O(4^d) / fast O(d·2^d) at the naive's d     speed-up >= 10, d=20 < 1 s
startup                slowest of --help/list/show/replay / 1 s         <= 1; collection < 2 s
cluster                serial / Dask LocalCluster of 2 workers           speed-up >= 1.8
=====================  ===============================================  ==========================

:mod:`checks.bench_scaling` adds the cost exponents of the three heaviest claims.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Callable

from theory.lazy import lazy

# numpy and the point sets on first use: the CLI reads BENCHMARKS' names to build its --help
np = lazy("numpy")


def make_points(*args):
    from theory.data.sphere import make_points as points
    return points(*args)


@dataclass
class BenchResult:
    """One benchmark: the measured and baseline times, their ratio and the target it must meet.

    ``ratio`` is measured/baseline when ``higher_is_better`` is False (a slowdown that must stay
    under ``target``) and baseline/measured otherwise (a speed-up or efficiency that must reach
    it). ``checks`` holds further named conditions (a memory ceiling, an absolute time) that must
    also be true for the benchmark to pass.
    """

    name: str
    what: str
    measured_s: float
    baseline_s: float
    baseline: str
    target: float
    higher_is_better: bool
    details: dict = field(default_factory=dict)
    checks: dict = field(default_factory=dict)
    summary: str = ""  # further lines printed under the result

    @property
    def ratio(self) -> float:
        if self.higher_is_better:
            return self.baseline_s / self.measured_s
        return self.measured_s / self.baseline_s

    @property
    def passed(self) -> bool:
        meets = self.ratio >= self.target if self.higher_is_better else self.ratio <= self.target
        return bool(meets and all(self.checks.values()))

    def line(self) -> str:
        rel = ">=" if self.higher_is_better else "<="
        extra = "".join(f", {k} {'yes' if v else 'NO'}" for k, v in self.checks.items())
        return (f"{self.name:<21} {self.ratio:7.2f}  (target {rel} {self.target:g}{extra})  "
                f"{'ok' if self.passed else 'MISSED'}\n"
                f"{'':<21} {self.what}: {_ms(self.measured_s)}; {self.baseline}: {_ms(self.baseline_s)}"
                + "".join(f"\n{'':<21} {line}" for line in self.summary.splitlines()))

    def as_dict(self) -> dict:
        return {"name": self.name, "what": self.what, "measured_s": self.measured_s,
                "baseline": self.baseline, "baseline_s": self.baseline_s, "ratio": self.ratio,
                "target": self.target, "higher_is_better": self.higher_is_better,
                "checks": self.checks, "passed": self.passed, "details": self.details,
                "summary": self.summary}


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def best_time(fn: Callable[[], object], rounds: int) -> float:
    """The fastest of ``rounds`` wall-clock timings of ``fn()``."""
    best = math.inf
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def interleaved(measured: Callable[[], object], baseline: Callable[[], object],
                rounds: int) -> tuple[float, float]:
    """Best times of ``measured`` and ``baseline``, alternating them round by round."""
    baseline()
    measured()
    best_m = best_b = math.inf
    for _ in range(rounds):
        best_b = min(best_b, best_time(baseline, 1))
        best_m = min(best_m, best_time(measured, 1))
    return best_m, best_b


# --------------------------------------------------------------------------------------------------
# Kernels (Arora et al. 2019, eq. (3))
# --------------------------------------------------------------------------------------------------

def bench_hinf(rounds: int = 9) -> BenchResult:
    """theory.kernels.hinf.hinf for n = 4096, d = 64 (float64, unit rows) against one torch X @ Xᵀ."""
    import torch

    from theory.kernels.hinf import hinf
    X = make_points(4096, 64, "gauss", 1, 20190125)
    Xt = torch.from_numpy(X)
    measured, base = interleaved(lambda: hinf(X), lambda: Xt @ Xt.T, rounds)
    return BenchResult("hinf", "hinf(X) n=4096 d=64 float64", measured, base,
                       "one float64 X @ X.T (torch)", 2.0, False,
                       {"n": 4096, "d": 64, "torch_threads": torch.get_num_threads()})


MC_N, MC_D, MC_M = 256, 64, 10**6


def monte_carlo_measurements(rounds: int = 2) -> dict:
    """Run in a fresh interpreter by :func:`bench_monte_carlo_hinf`: the streamed Monte-Carlo H∞
    (m = 10⁶, n = 256, d = 64) against the raw products it needs, and its peak resident memory
    above the interpreter's level after the imports (``ru_maxrss``, so torch's buffers count too).
    """
    import resource

    import torch

    from theory.kernels.hinf import _chunk_size, hinf_monte_carlo
    X = make_points(MC_N, MC_D, "gauss", 1, 1)
    chunk = _chunk_size(None, MC_N, MC_D, MC_M)
    X32 = X.astype(np.float32)
    W = np.random.default_rng(2).standard_normal((chunk, MC_D), dtype=np.float32)
    A = torch.from_numpy((X32 @ W.T >= 0).astype(np.float32))
    chunks = [min(chunk, MC_M - s) for s in range(0, MC_M, chunk)]

    def raw_products():
        # per chunk: the float32 projection GEMM (n×d by d×c) and co-activation GEMM (n×c by c×n)
        for c in chunks:
            X32 @ W[:c].T
            torch.mm(A[:, :c], A[:, :c].T)

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    hinf_monte_carlo(X, MC_M, np.random.default_rng(0))
    first = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    measured, base = interleaved(lambda: hinf_monte_carlo(X, MC_M, np.random.default_rng(0)),
                                 raw_products, rounds)
    return {"measured_s": min(first, measured), "baseline_s": base, "chunk": chunk,
            "chunks": len(chunks), "peak_MiB": peak_kib / 1024}


def bench_monte_carlo_hinf() -> BenchResult:
    """Monte-Carlo H∞ with m = 10⁶ streamed in chunks; timed and memory-measured in a child process
    so that the peak resident memory is this computation's alone."""
    code = "import json; from checks.bench import monte_carlo_measurements as f; print(json.dumps(f()))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the Monte-Carlo benchmark's child process failed:\n{done.stderr[-2000:]}")
    r = json.loads(done.stdout.strip().splitlines()[-1])
    return BenchResult("monte-carlo-hinf", f"hinf_monte_carlo m=1e6 n={MC_N} d={MC_D}",
                       r["measured_s"], r["baseline_s"],
                       f"its raw float32 GEMMs ({r['chunks']} chunks of {r['chunk']})", 2.0, False,
                       {"peak_MiB": r["peak_MiB"], "chunk": r["chunk"]},
                       {"peak memory < 1 GiB": r["peak_MiB"] < 1024})


# --------------------------------------------------------------------------------------------------
# Training the two-layer net (Arora et al. 2019, eqs. (1), (5), (6))
# --------------------------------------------------------------------------------------------------

STEP_N, STEP_D, STEP_M = 4096, 256, 4096


def _step_problem(torch, dtype):
    from theory.dynamics.two_layer_gd import init_weights
    X = torch.from_numpy(make_points(STEP_N, STEP_D, "gauss", 1, 3)).to(dtype)
    init = init_weights(STEP_M, STEP_D, 1.0, [0], dtype=str(dtype).removeprefix("torch."))
    y = torch.from_numpy(np.sign(np.random.default_rng(4).standard_normal((1, STEP_N)))).to(dtype)
    return X, init.W0.clone(), init.a, y


def bench_gd_step(rounds: int = 9) -> BenchResult:
    """One GD step, n = 4096, d = 256, m = 4096, float32, at torch's default thread count.

    Efficiency: the 4·n·d·m FLOPs of its two large products per second of the whole step, over
    the FLOP/s of those two products timed alone (the machine's GEMM rate on these shapes).
    """
    import torch

    from theory.dynamics.two_layer_gd import Workspace, gd_step
    X, W, a, y = _step_problem(torch, torch.float32)
    Wt = W[0].T.contiguous()
    G = torch.randn(STEP_N, STEP_M).T.contiguous()  # m × n, like the weighted activations

    def products():
        torch.mm(X, Wt)  # n×d by d×m: the pre-activations
        torch.mm(G, X)   # m×n by n×d: the gradient

    ws = Workspace()  # buffers reused across steps, as train() does
    with torch.no_grad():
        step, gemm = interleaved(lambda: gd_step(W, a, X, y, 1e-3, ws), products, rounds)
    flops = 4 * STEP_N * STEP_D * STEP_M
    return BenchResult("gd-step", "one closed-form GD step (achieved FLOP/s)", step, gemm,
                       "its two GEMMs alone (machine GEMM FLOP/s)", 0.6, True,
                       {**_step_info(torch), "gemm_GFLOPs": flops / gemm / 1e9,
                        "step_GFLOPs": flops / step / 1e9})


def bench_gd_step_vs_autograd(rounds: int = 9) -> BenchResult:
    """The same step against the loop a user would write: an ``nn.Module``, autograd and
    ``torch.optim.SGD`` (zero_grad, forward, loss, backward, step)."""
    import torch

    from theory.dynamics.two_layer_gd import Workspace, gd_step
    X, W, a, y = _step_problem(torch, torch.float32)
    net = _autograd_net(torch, W[0].clone(), a[0])
    opt = torch.optim.SGD(net.parameters(), lr=1e-3)

    def autograd_step():
        opt.zero_grad()
        loss = 0.5 * ((net(X) - y[0]) ** 2).sum()
        loss.backward()
        opt.step()

    ws = Workspace()  # buffers reused across steps, as train() does

    def our_step():
        with torch.no_grad():
            gd_step(W, a, X, y, 1e-3, ws)

    step, module = interleaved(our_step, autograd_step, rounds)
    return BenchResult("gd-step-vs-autograd", "one closed-form GD step", step, module,
                       "nn.Module + autograd + torch.optim.SGD step", 1.5, True, _step_info(torch))


def _step_info(torch) -> dict:
    return {"n": STEP_N, "d": STEP_D, "m": STEP_M, "dtype": "float32",
            "torch_threads": torch.get_num_threads()}


def _autograd_net(torch, W, a):
    """f(x) = m^{-1/2} Σ_r a_r relu(w_rᵀx) as a user would write it: an nn.Module (built here so
    that importing this module does not import torch)."""

    class TwoLayer(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.hidden = torch.nn.Linear(W.shape[1], W.shape[0], bias=False)
            with torch.no_grad():
                self.hidden.weight.copy_(W)
            self.register_buffer("a", a / math.sqrt(W.shape[0]))

        def forward(self, x):
            return torch.relu(self.hidden(x)) @ self.a

    return TwoLayer()


BATCH_S, BATCH_N, BATCH_M, BATCH_D, BATCH_STEPS = 32, 64, 256, 16, 2000


def bench_batched_trainings(dtype: str = "float32") -> BenchResult:
    """32 trainings (n = 64, m = 256, d = 16, 2000 steps) in one batched
    :func:`theory.dynamics.two_layer_gd.train` call against a Python loop calling it once per seed.

    float32 by default, like the GD-step benchmark. In float64 (the claims' dtype) batching gains
    only about 1.5× on this 2-core machine: one run's step already costs more in arithmetic on its
    n×m activations than in per-call overhead, and the batched float64 small-k products run at a
    fraction of the GEMM rate. Both sides use :func:`train`'s default of one CPU thread.
    """
    from theory.dynamics.two_layer_gd import init_weights, train
    X = make_points(BATCH_N, BATCH_D, "gauss", 1, 5)
    y = np.sign(X[:, 0] + 0.1)
    seeds = list(range(BATCH_S))
    eta = 0.5

    def batched():
        return train(X, y, init_weights(BATCH_M, BATCH_D, 1.0, seeds, dtype=dtype), eta, BATCH_STEPS)

    def loop():
        return [train(X, y, init_weights(BATCH_M, BATCH_D, 1.0, [s], dtype=dtype), eta, BATCH_STEPS)
                for s in seeds]

    start = time.perf_counter()
    one = batched()
    measured = time.perf_counter() - start
    start = time.perf_counter()
    each = loop()
    base = time.perf_counter() - start
    measured = min(measured, best_time(batched, 1))
    rtol = 1e-4 if dtype == "float32" else 1e-9
    same = bool(np.allclose(one.loss, np.concatenate([t.loss for t in each]), rtol=rtol, atol=1e-6))
    return BenchResult("batched-trainings", f"{BATCH_S} trainings in one batched call ({dtype})",
                       measured, base, f"a Python loop over the {BATCH_S} seeds", 5.0, True,
                       {"S": BATCH_S, "n": BATCH_N, "m": BATCH_M, "d": BATCH_D,
                        "steps": BATCH_STEPS, "dtype": dtype},
                       {"same losses as the loop": same})


# --------------------------------------------------------------------------------------------------
# Fourier analysis on the hypercube (Wei et al. 2019, Appendix B)
# --------------------------------------------------------------------------------------------------

def naive_walsh_transform(values: np.ndarray) -> np.ndarray:
    """H·v with the explicit 2^N × 2^N character matrix H[S, j] = (−1)^{popcount(S & j)}: O(4^N)."""
    size = values.size
    j = np.arange(size, dtype=np.uint64)
    out = np.empty(size)
    block = max(1, (1 << 22) // size)  # rows of H built at a time
    for start in range(0, size, block):
        S = np.arange(start, min(start + block, size), dtype=np.uint64)[:, None]
        H = 1.0 - 2.0 * (np.bitwise_count(S & j) & 1)
        out[start:start + len(S)] = H @ values
    return out


def bench_walsh_hadamard(d: int = 20, naive_budget_s: float = 1.0) -> BenchResult:
    """The O(d·2^d) transform against the naive one at the largest d where the naive runs within
    ``naive_budget_s``; also the fast one at d = 20 must take under a second."""
    from theory.data.hypercube import walsh_hadamard
    rng = np.random.default_rng(0)
    k, naive_s = 4, 0.0
    while k < d:
        v = rng.standard_normal(2 ** (k + 1))
        t = best_time(lambda: naive_walsh_transform(v), 1)
        if t > naive_budget_s:
            break
        k, naive_s = k + 1, t
    v = rng.standard_normal(2**k)
    agree = bool(np.allclose(walsh_hadamard(v), naive_walsh_transform(v), rtol=1e-12, atol=1e-9))
    fast_s, naive_s = interleaved(lambda: walsh_hadamard(v), lambda: naive_walsh_transform(v), 3)
    big = rng.standard_normal(2**d)
    fast_d = best_time(lambda: walsh_hadamard(big), 3)
    return BenchResult("walsh-hadamard", f"fast transform at d={k}", fast_s, naive_s,
                       f"naive O(4^d) transform at d={k}", 10.0, True,
                       {"naive_d": k, f"fast_d{d}_s": fast_d},
                       {f"d={d} under 1 s": fast_d < 1.0,
                        "agrees with the naive transform": agree})


def bench_startup() -> BenchResult:
    """Start-up time of the instant commands (:mod:`checks.bench_startup`)."""
    from checks.bench_startup import bench_startup as measure
    return measure()


def bench_cluster() -> BenchResult:
    """Two-worker Dask LocalCluster against serial (:mod:`checks.bench_cluster`)."""
    from checks.bench_cluster import bench_cluster as measure
    return measure()


def bench_quick_run() -> BenchResult:
    """The README's quick run, report included, against --jobs 1 (:mod:`checks.bench_quick_run`)."""
    from checks.bench_quick_run import bench_quick_run as measure
    return measure()


BENCHMARKS: dict[str, Callable[[], BenchResult]] = {
    "startup": bench_startup,
    "quick-run": bench_quick_run,
    "cluster": bench_cluster,
    "hinf": bench_hinf,
    "monte-carlo-hinf": bench_monte_carlo_hinf,
    "gd-step": bench_gd_step,
    "gd-step-vs-autograd": bench_gd_step_vs_autograd,
    "batched-trainings": bench_batched_trainings,
    "walsh-hadamard": bench_walsh_hadamard,
}


def run_benchmarks(names: list[str] | None = None, progress: Callable[[str], None] | None = None
                   ) -> list[BenchResult]:
    """Run the named benchmarks (all by default) in order."""
    results: list[BenchResult] = []
    for name in list(BENCHMARKS) if names is None else names:
        if progress:
            progress(name)
        results.append(BENCHMARKS[name]())
    return results
