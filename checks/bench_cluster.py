"""Speed-up of a run on a Dask LocalCluster of two single-threaded workers over a serial run
(``theorycheck bench --only cluster``; target ≥ 1.8×, issue 17).

The work is a representative subset of the quick profile: every ``stride``-th quick-tier claim in
registry order with its mutants, so every paper and kind is in it and no claim is named here. The
cluster is started and its workers have imported the libraries and the registry
(:mod:`checks.worker_preload`, what a local run's workers start with) before the clock starts (a cluster
stays up between runs; its start-up is reported separately). Both runs must give the same
outcomes.
"""

from __future__ import annotations

import json
import time


def representative_claims(stride: int):
    import theory.papers  # noqa: F401
    from checks.profiles import get_profile
    from checks.run import select_claims
    from theory.claims import REGISTRY
    quick = select_claims(get_profile("quick"), registry=REGISTRY)
    chosen = {c.id for c in quick[::stride]}
    for c in quick[::stride]:  # an erratum needs its corrected sibling to be combined
        if c.corrected_by:
            chosen.add(c.corrected_by)
    return [c for c in quick if c.id in chosen]


def _warm(_: int) -> bool:
    import checks.worker_preload  # noqa: F401  (the libraries and papers a local worker starts with)
    return True


def bench_cluster(stride: int = 8, workers: int = 2):
    from checks.bench import BenchResult
    from checks.executors import make_executor
    from checks.profiles import get_profile
    from checks.run import baseline_costs, run_claims, untimed_entries
    profile = get_profile("quick")
    claims = representative_claims(stride)
    costs = baseline_costs()  # longest first, as `theorycheck run` orders them
    start = time.perf_counter()
    with make_executor("dask", workers) as ex:
        ex.map(_warm, range(workers * 4))
        startup = time.perf_counter() - start
        start = time.perf_counter()
        parallel = run_claims(claims, profile, 0, executor=ex, costs=costs)
        cluster_s = time.perf_counter() - start
    start = time.perf_counter()
    serial = run_claims(claims, profile, 0, jobs=1)
    serial_s = time.perf_counter() - start

    # compared as JSON: a NaN in a counterexample (a mutant refuted by NaN) equals itself there
    same = json.dumps(untimed_entries(parallel), sort_keys=True) == json.dumps(untimed_entries(serial), sort_keys=True)
    tasks = sum(1 + len(c.mutants) for c in claims)
    longest = max(r.outcome.wall_s + sum(o.wall_s for _, o in r.mutants) for r in serial)
    import os
    return BenchResult(
        "cluster", f"{len(claims)} quick claims ({tasks} tasks) on a LocalCluster of {workers} "
                   f"single-threaded workers", cluster_s, serial_s, "the same claims serially",
        1.8, True,
        {"claims": len(claims), "tasks": tasks, "workers": workers, "cluster_startup_s": startup,
         "longest_claim_s": longest, "load_average": list(os.getloadavg())},
        {"same outcomes as serial": same},
        f"cluster start-up (not timed above) {startup:.1f} s; longest claim {longest:.1f} s; "
        f"load average {os.getloadavg()[0]:.1f}")
