"""The arithmetic of ``theorycheck bench`` (no timing): ratios, targets, extra checks, exponents."""

from __future__ import annotations

import numpy as np
import pytest

from checks.bench import BenchResult, naive_walsh_transform
from checks.bench_scaling import SLACK, Sweep, declared_sweeps
from theory.data.hypercube import walsh_hadamard


def result(measured, baseline, target, higher, checks=None):
    return BenchResult("x", "m", measured, baseline, "b", target, higher, checks=checks or {})


def test_slowdown_and_speedup_ratios_and_targets():
    assert result(3.0, 2.0, 2.0, False).ratio == 1.5 and result(3.0, 2.0, 2.0, False).passed
    assert not result(5.0, 2.0, 2.0, False).passed
    assert result(1.0, 6.0, 5.0, True).ratio == 6.0 and result(1.0, 6.0, 5.0, True).passed
    assert not result(1.0, 4.0, 5.0, True).passed
    assert not result(1.0, 6.0, 5.0, True, {"memory": False}).passed
    assert "MISSED" in result(1.0, 4.0, 5.0, True).line()


@pytest.mark.parametrize("power", [1.0, 2.0, 3.0])
def test_sweep_recovers_a_power_law_and_judges_it(power):
    sizes = [16, 32, 64, 128, 256]
    s = Sweep("n", sizes, bound=2.0, algorithm="test", cost=lambda n: (lambda: None))
    s.seconds = [1e-6 * (10 + n**power) for n in sizes]  # a fixed overhead, then the law
    assert s.exponent == pytest.approx(power, abs=0.1)
    assert s.passed == (s.exponent <= 2.0 + SLACK)
    assert s.passed is (power <= 2.0)


@pytest.mark.parametrize("N", [0, 1, 3, 6])
def test_naive_walsh_transform_matches_the_fast_one(N):
    v = np.random.default_rng(N).standard_normal(2**N)
    np.testing.assert_allclose(naive_walsh_transform(v), walsh_hadamard(v), rtol=1e-12, atol=1e-12)


def test_cost_sweeps_are_read_from_the_claim_declaration():
    """checks/ names no claim: a claim's ``cost_sweeps`` declares its sweeps (a domain field, a
    predicate parameter, or a call of its own); a claim without one declares none."""
    from types import SimpleNamespace

    import theory.papers  # noqa: F401
    from theory.claims import REGISTRY
    claim = next(c for c in REGISTRY if c.domain is not None and c.domain.sample(np.random.default_rng(0)))
    assert declared_sweeps(claim) == []
    calls = []
    spec = SimpleNamespace(parameter="n", sizes=[2, 4], bound=1.0, algorithm="a test",
                           call=lambda n: (lambda: calls.append(n)))
    sweeps = declared_sweeps(SimpleNamespace(cost_sweeps=[spec]))
    assert [s.parameter for s in sweeps] == ["n"] and sweeps[0].bound == 1.0
    sweeps[0].run(rounds=1)
    assert calls == [2, 4] and len(sweeps[0].seconds) == 2


def test_tree_memory_counts_a_child_process():
    import subprocess
    import sys
    import time

    from checks.bench_quick_run import TreeMemory
    pytest.importorskip("psutil")
    # a parent that starts a child holding about 60 MB of its own (written, so resident)
    code = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
            "'import time; b = bytearray(60 * 1024 * 1024); time.sleep(1.5)'])")
    proc = subprocess.Popen([sys.executable, "-c", code])
    memory = TreeMemory(proc.pid, every_s=0.02)
    memory.start()
    proc.wait()
    time.sleep(0.05)
    memory.stop()
    mb = 1024 * 1024
    assert memory.peak_pss > 60 * mb and memory.peak_rss >= memory.peak_pss
    assert memory.peak_single_rss > 60 * mb
