"""A verification run: select claims, check each with its mutants, combine errata with their
corrected siblings, and assemble the report dict (schema ``theorycheck.report/1``).
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import platform
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

from checks.engine import Outcome, RunContext, check
from checks.profiles import Profile
from checks.report import SCHEMA
from theory import __version__
from theory.claims import REGISTRY, Claim, Registry, Status, Verdict
from theory.errors import InputError


#: Set by the CLI's signal handlers. The handler also raises KeyboardInterrupt at once, but an
#: exception raised inside a garbage-collector callback or a __del__ is printed and dropped by
#: Python, so the run also stops at the next finished task when this is set.
STOP_REQUESTED = threading.Event()


@dataclass
class ClaimResult:
    claim: Claim
    outcome: Outcome                       # raw verdict of the statement as given
    mutants: list[tuple[str, Outcome]] = field(default_factory=list)
    verdict: Verdict | None = None         # final verdict (errata combined with siblings)
    message: str = ""

    @property
    def expected(self) -> Verdict:
        return expected_verdict(self.claim.status)

    @property
    def as_declared(self) -> bool:
        return self.verdict is self.expected

    @property
    def looks_as_declared(self) -> bool:
        """Before errata are combined: the raw verdict is the one the status predicts."""
        raw = Verdict.REFUTED if self.claim.status.expects_refutation else Verdict.VERIFIED
        return self.outcome.verdict is raw and not self.survivors

    @property
    def survivors(self) -> list[str]:
        return [name for name, o in self.mutants if o.verdict is not Verdict.REFUTED]


def expected_verdict(status: Status) -> Verdict:
    """The final verdict a claim of this status must get."""
    if status is Status.ERRATUM:
        return Verdict.ERRATUM_CONFIRMED
    return Verdict.FINDING_CONFIRMED if status.is_finding else Verdict.VERIFIED


def select_claims(profile: Profile, *, papers: Iterable[str] | None = None,
                  claim_ids: Iterable[str] | None = None,
                  registry: Registry = REGISTRY) -> list[Claim]:
    """The claims a run checks, in registry order, plus the corrected sibling of every erratum.

    Claims named with ``claim_ids`` run whatever their tier; otherwise the profile's tiers decide.
    """
    claim_ids = list(claim_ids or [])
    papers = list(papers or [])
    if claim_ids:
        chosen = {registry.get(i).id for i in claim_ids}
        if papers:
            for p in papers:
                registry.paper_claims(p)  # validates the name
            chosen = {i for i in chosen if registry.get(i).paper in papers}
    else:
        pool = [c for p in papers for c in registry.paper_claims(p)] if papers else list(registry)
        chosen = {c.id for c in pool if profile.includes(c.tier)}
    for cid in list(chosen):
        sibling = registry.get(cid).corrected_by
        if sibling:
            chosen.add(sibling)
    return [c for c in registry if c.id in chosen]


def combine(results: list[ClaimResult]) -> None:
    """Set each result's final verdict: an erratum is confirmed when its printed form is refuted
    and its corrected sibling verified."""
    by_id = {r.claim.id: r for r in results}
    for r in results:
        raw = r.outcome.verdict
        r.verdict, r.message = raw, r.outcome.message
        if not r.claim.status.expects_refutation or raw is not Verdict.REFUTED:
            continue
        sibling = by_id.get(r.claim.corrected_by)
        sib_verdict = sibling.outcome.verdict if sibling else None
        if sib_verdict is Verdict.VERIFIED:
            r.verdict = expected_verdict(r.claim.status)
            r.message = f"printed form refuted; corrected {r.claim.corrected_by} verified. {raw.value}: {r.outcome.message}"
        else:
            r.message = (f"printed form refuted, but the corrected sibling {r.claim.corrected_by} "
                         f"is {sib_verdict.value if sib_verdict else 'not run'}")


def run_claims(claims: list[Claim], profile: Profile, seed: int, *, device: str = "cpu",
               with_mutants: bool = True, jobs: int = 1,
               on_result: Callable[[ClaimResult], None] | None = None,
               journal=None) -> list[ClaimResult]:
    """Check every claim (and its mutants); ``jobs`` > 1 spreads them over worker processes.

    Each claim and each mutant draws its own seed from (run seed, claim id, mutant name), so the
    outcomes do not depend on the order or the process they run in: a parallel run reports the
    same numbers as a serial one. With a :class:`checks.journal.Journal`, every finished task is
    saved as it completes and tasks the journal already holds are not run again (``--resume``).
    """
    tasks = [(c, None) for c in claims]
    if with_mutants:
        tasks += [(c, m) for c in claims for m in c.mutants]
    pending = {c.id: 1 + (len(c.mutants) if with_mutants else 0) for c in claims}
    results = {c.id: ClaimResult(c, None) for c in claims}  # type: ignore[arg-type]
    mutant_outcomes: dict[str, dict[str, Outcome]] = {c.id: {} for c in claims}

    def record(c: Claim, m, outcome: Outcome, *, fresh: bool = True) -> None:
        if STOP_REQUESTED.is_set():  # a signal whose KeyboardInterrupt was swallowed somewhere
            raise KeyboardInterrupt("stop requested")
        if journal is not None and fresh:
            journal.record(c.id, m.name if m else None, outcome)
        if m is None:
            results[c.id].outcome = outcome
        else:
            mutant_outcomes[c.id][m.name] = outcome
        pending[c.id] -= 1
        if pending[c.id] == 0:
            res = results[c.id]
            res.mutants = [(mu.name, mutant_outcomes[c.id][mu.name])
                           for mu in (c.mutants if with_mutants else ())]
            if on_result:
                on_result(res)

    done = journal.done() if journal is not None else {}
    todo = []
    for c, m in tasks:
        previous = done.get((c.id, m.name if m else None))
        if previous is not None:
            record(c, m, previous, fresh=False)
        else:
            todo.append((c, m))
    tasks = todo
    if jobs <= 1:
        context = RunContext(device=device, profile=profile.name)
        position = {c.id: i for i, c in enumerate(claims)}
        order = sorted(tasks, key=lambda t: position[t[0].id])
        for c, m in order:
            record(c, m, check(c, profile, seed, mutant=m, context=context))
    else:
        _run_parallel(tasks, profile, seed, device, jobs, record)
    ordered = [results[c.id] for c in claims]
    combine(ordered)
    return ordered


def _check_by_name(claim_id: str, mutant: str | None, profile_name: str, seed: int,
                   device: str) -> Outcome:
    """Worker side of a parallel run: look the claim up by id (claims hold lambdas and do not
    pickle) and check it."""
    from checks.papers import load_papers
    from checks.profiles import get_profile
    load_papers()  # built-in, installed and the parent's --module papers (checks.papers.MODULES_ENV)
    claim = REGISTRY.get(claim_id)
    return check(claim, get_profile(profile_name), seed,
                 mutant=claim.mutant(mutant) if mutant else None,
                 context=RunContext(device=device, profile=profile_name))


def _limit_threads(threads: int) -> None:
    """Worker start-up: BLAS/OpenMP pools and torch's intra-op pool share the CPUs between the
    workers (``cpu_count // jobs`` threads each) instead of each worker spinning up one thread per
    CPU and the workers' threads fighting over the same cores."""
    import torch
    from threadpoolctl import threadpool_limits
    threadpool_limits(threads)
    torch.set_num_threads(threads)


def _run_parallel(tasks, profile: Profile, seed: int, device: str, jobs: int, record) -> None:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    ctx = multiprocessing.get_context("spawn")  # fork is unsafe once torch's threads exist
    threads = max(1, (os.cpu_count() or 1) // jobs)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_limit_threads,
                             initargs=(threads,)) as pool:
        futures = {pool.submit(_check_by_name, c.id, m.name if m else None, profile.name, seed,
                               device): (c, m) for c, m in tasks}
        try:
            remaining = set(futures)
            while remaining:
                done, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                for f in done:
                    c, m = futures[f]
                    record(c, m, f.result())
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


# -- the report dict ----------------------------------------------------------------------------

def _versions() -> dict:
    import hypothesis
    import numpy
    import scipy
    try:
        import torch
        torch_version = torch.__version__
    except ImportError:  # torch is a dependency, but the report must not depend on it
        torch_version = None
    return {"theorycheck": __version__, "python": sys.version.split()[0], "numpy": numpy.__version__,
            "scipy": scipy.__version__, "torch": torch_version, "hypothesis": hypothesis.__version__,
            "platform": platform.platform()}


def claim_entry(r: ClaimResult) -> dict:
    c, o = r.claim, r.outcome
    return {
        "id": c.id, "paper": c.paper, "result": c.source.result, "kind": c.kind.value,
        "tier": c.tier.value, "status": c.status.value, "expected_verdict": r.expected.value,
        "verdict": r.verdict.value, "as_declared": r.as_declared, "message": r.message,
        "statement": c.statement, "note": c.note, "corrected_by": c.corrected_by,
        "error_class": c.error_class.value if c.error_class else None, "scope": c.scope,
        "corrects": c.corrects, "source": c.source.as_dict(),
        "instances": o.instances, "preconditions_violated": o.preconditions_violated,
        "precondition_reasons": o.precondition_reasons, "worst_slack": o.worst_slack,
        "worst_instance": o.worst_instance, "tolerance": o.tolerance, "slacks": o.slacks,
        "tightness": o.tightness, "unable_to_fail": o.unable_to_fail,
        "counterexample": o.counterexample, "audit": o.audit, "fit": o.fit, "probability": o.probability,
        "diagnostics": o.diagnostics,
        "mutants": [{"name": name, "verdict": mo.verdict.value,
                     "killed": mo.verdict is Verdict.REFUTED, "message": mo.message,
                     "counterexample": mo.counterexample, "wall_s": mo.wall_s}
                    for name, mo in r.mutants],
        "wall_s": o.wall_s + sum(mo.wall_s for _, mo in r.mutants),
    }


def build_report(results: list[ClaimResult], *, run_id: str, seed: int, profile: Profile,
                 device: str, started: float, command: str, papers=None, claim_ids=None,
                 registry: Registry = REGISTRY) -> dict:
    entries = [claim_entry(r) for r in results]
    verdicts: dict[str, int] = {}
    for e in entries:
        verdicts[e["verdict"]] = verdicts.get(e["verdict"], 0) + 1
    survivors = [f"{r.claim.id} :: {name}" for r in results for name in r.survivors]
    total_mutants = sum(len(r.mutants) for r in results)
    by_id = {r.claim.id: r for r in results}
    errata = []
    findings = []
    for r in results:
        if r.claim.status.expects_refutation:
            sib = by_id.get(r.claim.corrected_by)
            entry = {
                "id": r.claim.id, "result": r.claim.source.result, "statement": r.claim.statement,
                "verdict": r.verdict.value, "counterexample": r.outcome.counterexample,
                "corrected_by": r.claim.corrected_by,
                "corrected_statement": sib.claim.statement if sib else None,
                "corrected_verdict": sib.verdict.value if sib else "not run",
                "note": r.claim.note, "audit": r.outcome.audit,
            }
            if r.claim.status is Status.ERRATUM:
                errata.append({**entry, "error_class": r.claim.error_class.value})
            else:
                findings.append({**entry, "status": r.claim.status.value})
    selected_papers = sorted({r.claim.paper for r in results})
    finished = time.time()
    iso = lambda t: _dt.datetime.fromtimestamp(t, _dt.timezone.utc).isoformat(timespec="seconds")
    return {
        "schema": SCHEMA,
        "run": {"id": run_id, "seed": seed, "profile": profile.name, "device": device,
                "dtype": "float64", "started": iso(started), "finished": iso(finished),
                "wall_s": finished - started,
                "selection": {"papers": list(papers) if papers else None,
                              "claims": list(claim_ids) if claim_ids else None},
                "versions": _versions(), "command": command},
        "summary": {"claims": len(entries), "as_declared": sum(e["as_declared"] for e in entries),
                    "unexpected": [e["id"] for e in entries if not e["as_declared"]],
                    "verdicts": verdicts,
                    "errata_by_class": registry.errata_by_class([r.claim for r in results]),
                    "unable_to_fail": [e["id"] for e in entries if e["unable_to_fail"]],
                    "mutants": {"total": total_mutants, "refuted": total_mutants - len(survivors),
                                "survivors": survivors}},
        "claims": entries,
        "errata": errata,
        "findings": findings,
        "not_checkable": [{"paper": n.source.paper.key, "result": n.source.result, "reason": n.reason}
                          for n in registry.unchecked if n.source.paper.key in selected_papers],
        "decisions": [{"paper": d.source.paper.key, "result": d.source.result, "flag": d.flag,
                       "decision": d.decision, "reason": d.reason, "claims": list(d.claims)}
                      for d in registry.decisions if d.source.paper.key in selected_papers],
    }


def new_run_id(profile: Profile, seed: int, now: float | None = None) -> str:
    now = time.time() if now is None else now
    stamp = _dt.datetime.fromtimestamp(now, _dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    return f"{stamp}{int((now % 1) * 1000):03d}-{profile.name}-seed{seed}"


def check_seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise InputError(f"--seed must be an integer in [0, 2**63), got {seed!r}")
    return seed


def fmt_slack(x) -> str:
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.3g}"


#: report fields that measure time (and so differ between two runs with the same seed)
TIMING_FIELDS = ("started", "finished", "wall_s", "id", "command")


def without_timing(report: dict) -> dict:
    """A copy of ``report`` without its timing fields: two runs with the same seed give equal
    copies (the determinism contract)."""
    import copy
    r = copy.deepcopy(report)
    for key in TIMING_FIELDS:
        r["run"].pop(key, None)
    for c in r["claims"]:
        c.pop("wall_s", None)
        for m in c["mutants"]:
            m.pop("wall_s", None)
    return r
