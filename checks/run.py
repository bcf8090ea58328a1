"""A verification run: select claims, check each with its mutants, combine errata with their
corrected siblings, and assemble the report dict (schema ``theorycheck.report/1``).
"""

from __future__ import annotations

import datetime as _dt
import math
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping

from checks.engine import Outcome
from checks.executors import Executor, Task, make_executor
from checks.interrupt import STOP_REQUESTED
from checks.profiles import Profile
from checks.report import SCHEMA
from theory import __version__
from theory.claims import REGISTRY, Claim, Registry, Status, Tier, Verdict
from theory.errors import InputError




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
               with_mutants: bool = True, jobs: int = 1, executor: Executor | None = None,
               on_result: Callable[[ClaimResult], None] | None = None,
               journal=None, costs: Mapping[tuple[str, str | None], float] | None = None) -> list[ClaimResult]:
    """Check every claim (and its mutants) under run seed ``seed``.

    ``executor`` decides where the tasks run (:mod:`checks.executors`); without one, ``jobs`` > 1
    spreads them over that many local processes. Each claim and each mutant draws its own seed
    from (run seed, claim id, mutant name), so the outcomes do not depend on the order or the
    process they run in: every executor reports the numbers of a serial run. With a
    :class:`checks.journal.Journal`, every finished task is saved as it completes and tasks the
    journal already holds are not run again (``--resume``). ``costs`` (see :func:`task_costs`)
    orders the tasks of a parallel executor longest first.
    """
    return run_seeds(claims, profile, [seed], device=device, with_mutants=with_mutants, jobs=jobs,
                     executor=executor, on_result=on_result, journal=journal, costs=costs)[seed]


def run_seeds(claims: list[Claim], profile: Profile, seeds: list[int], *, device: str = "cpu",
              with_mutants: bool = True, jobs: int = 1, executor: Executor | None = None,
              on_result: Callable[[ClaimResult], None] | None = None,
              journal=None, costs: Mapping[tuple[str, str | None], float] | None = None,
              ) -> dict[int, list[ClaimResult]]:
    """:func:`run_claims` for several run seeds at once (a calibration): every claim, mutant and
    seed is one task, so a cluster works on all of them together. ``journal`` needs one seed."""
    if journal is not None and len(seeds) != 1:
        raise ValueError("a journal records one run seed")
    n_tasks = {c.id: 1 + (len(c.mutants) if with_mutants else 0) for c in claims}
    pending = {(c.id, s): n_tasks[c.id] for c in claims for s in seeds}
    results = {(c.id, s): ClaimResult(c, None) for c in claims for s in seeds}  # type: ignore[arg-type]
    mutant_outcomes: dict[tuple[str, int], dict[str, Outcome]] = {k: {} for k in results}
    by_id = {c.id: c for c in claims}

    def record(task: Task, outcome: Outcome, *, fresh: bool = True) -> None:
        if STOP_REQUESTED.is_set():  # a signal whose KeyboardInterrupt was swallowed somewhere
            raise KeyboardInterrupt("stop requested")
        if journal is not None and fresh:
            journal.record(task.claim_id, task.mutant, outcome)
        key = (task.claim_id, task.seed)
        if task.mutant is None:
            results[key].outcome = outcome
        else:
            mutant_outcomes[key][task.mutant] = outcome
        pending[key] -= 1
        if pending[key] == 0:
            res, c = results[key], by_id[task.claim_id]
            res.mutants = [(mu.name, mutant_outcomes[key][mu.name])
                           for mu in (c.mutants if with_mutants else ())]
            if on_result:
                on_result(res)

    # claims first, then mutants, in registry order: a serial run reports claims as they finish
    tasks = [Task(c.id, None, s, c.tier is Tier.GPU) for s in seeds for c in claims]
    if with_mutants:
        tasks += [Task(c.id, m.name, s, c.tier is Tier.GPU) for s in seeds for c in claims for m in c.mutants]
    position = {c.id: i for i, c in enumerate(claims)}
    tasks.sort(key=lambda t: (t.seed, position[t.claim_id]))  # stable: the claim before its mutants
    done = journal.done() if journal is not None else {}
    todo = []
    for t in tasks:
        previous = done.get((t.claim_id, t.mutant))
        if previous is not None:
            record(t, previous, fresh=False)
        else:
            todo.append(t)
    own = executor is None
    executor = executor or make_executor("processes" if jobs > 1 else "serial", jobs)
    if costs and executor.name != "serial":
        todo = longest_first(todo, costs)
    try:
        for task, outcome in executor.run(todo, profile, device, by_id):
            record(task, outcome)
    finally:
        if own:
            executor.close()
    out = {}
    for s in seeds:
        out[s] = [results[(c.id, s)] for c in claims]
        combine(out[s])
    return out


def baseline_for(option: str | None) -> tuple[dict | None, str]:
    """The report a run compares with (``run --baseline``: a path, ``"none"``, or None for the
    committed ``reports/baseline/report.json`` when it exists) and how the pages name it."""
    from checks import DEFAULT_OUT
    from checks.report import load_report
    if option is not None and option.lower() == "none":
        return None, ""
    path = Path(option) if option else Path(DEFAULT_OUT) / "baseline" / "report.json"
    if option is None and not path.exists():
        return None, ""
    return load_report(path), "the baseline" if option is None else str(path)


def baseline_costs() -> dict[tuple[str, str | None], float]:
    """:func:`task_costs` of the committed baseline (empty without one): what orders a quick run's
    tasks longest first, in ``run``, ``calibrate`` and the benchmarks alike."""
    return task_costs(baseline_for(None)[0])


def task_costs(report: dict | None) -> dict[tuple[str, str | None], float]:
    """Seconds each task took in an earlier ``report`` (the baseline): (claim id, mutant name or
    None) → wall seconds. Empty without a report."""
    costs: dict[tuple[str, str | None], float] = {}
    for c in (report or {}).get("claims", ()):
        mutants = c.get("mutants") or ()
        for m in mutants:
            if isinstance(m.get("wall_s"), (int, float)):
                costs[(c["id"], m["name"])] = float(m["wall_s"])
        if isinstance(c.get("wall_s"), (int, float)):  # the claim's entry includes its mutants
            costs[(c["id"], None)] = max(0.0, float(c["wall_s"]) - sum(float(m.get("wall_s") or 0) for m in mutants))
    return costs


def longest_first(tasks: list[Task], costs: Mapping[tuple[str, str | None], float]) -> list[Task]:
    """``tasks`` ordered by expected cost, longest first (a task not in ``costs`` counts as the
    median known cost). With workers taking the next task as they free up, this is the classic
    longest-processing-time rule: the longest claim no longer starts last and holds the run's tail.
    Outcomes do not depend on the order (each task's randomness comes from its own seed)."""
    known = sorted(costs.values())
    default = known[len(known) // 2] if known else 0.0
    return sorted(tasks, key=lambda t: -costs.get((t.claim_id, t.mutant), default))


def longest_first_makespan(costs: Iterable[float], workers: int) -> float:
    """Wall seconds of tasks taking ``costs`` seconds on ``workers`` workers that each take the
    longest task left when they free up (:func:`longest_first`, no overhead counted): the
    README's estimate of a run or a calibration on a cluster. Never below the longest task."""
    import heapq
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InputError(f"workers must be an integer >= 1, got {workers!r}")
    free_at = [0.0] * workers
    for cost in sorted(costs, reverse=True):
        heapq.heapreplace(free_at, free_at[0] + cost)
    return max(free_at)


# -- the report dict ----------------------------------------------------------------------------

def _versions() -> dict:
    """The versions the report records, read from the installed packages' metadata: importing
    torch only to read its version cost the run's own process about 200 MB and 1.5 s (measured)."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:  # torch is a dependency, but the report must not depend on it
            return None

    return {"theorycheck": __version__, "python": sys.version.split()[0], "numpy": installed("numpy"),
            "scipy": installed("scipy"), "torch": installed("torch"), "hypothesis": installed("hypothesis"),
            "platform": platform.platform()}


def untimed_entries(results: Iterable[ClaimResult]) -> list[dict]:
    """The report entries of ``results`` without their wall times: what two runs of the same claims
    under the same seed must agree on, wherever they ran."""
    entries = [claim_entry(r) for r in results]
    for e in entries:
        e.pop("wall_s")
        for m in e["mutants"]:
            m.pop("wall_s")
    return entries


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
