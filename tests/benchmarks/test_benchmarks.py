"""The performance targets of ``theorycheck bench`` under pytest-benchmark, one benchmark per test.

Outside the default test run (marker ``bench``)::

    pytest -m bench tests/benchmarks --benchmark-json reports/bench.json

Each test times its whole benchmark once with pytest-benchmark (so the JSON has every one), stores
the measured and baseline times, the ratio and the target in ``extra_info``, prints the line
``theorycheck bench`` prints, and fails when the target is missed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.bench import BENCHMARKS
from checks.bench_scaling import measure_scaling

BASELINE = Path(__file__).resolve().parents[2] / "reports" / "baseline" / "report.json"


@pytest.mark.bench
@pytest.mark.parametrize("name", list(BENCHMARKS))
def test_benchmark_meets_its_target(benchmark, name):
    result = benchmark.pedantic(BENCHMARKS[name], rounds=1, iterations=1)
    benchmark.extra_info.update(result.as_dict())
    print("\n" + result.line())
    assert result.ratio > 0 and result.measured_s > 0 and result.baseline_s > 0
    assert result.passed, result.line()


@pytest.mark.bench
def test_heaviest_claims_cost_no_worse_than_their_algorithms(benchmark):
    claims = benchmark.pedantic(measure_scaling, args=(BASELINE,), rounds=1, iterations=1)
    benchmark.extra_info["scaling"] = [c.as_dict() for c in claims]
    for c in claims:
        print("\n" + c.text())
    assert len(claims) == 3
    failing = [c.text() for c in claims if not c.passed]
    assert not failing, "\n".join(failing)
