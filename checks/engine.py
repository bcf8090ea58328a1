"""The engine: one claim (or one of its mutants) in, one :class:`Outcome` out.

Each kind has its runner, registered in :data:`RUNNERS` (a new kind is one runner function and
its ``@runner(Kind.X)`` line):

- identity / inequality: a Hypothesis search over the claim's domain, ``target()`` pushing toward
  the smallest slack, shrinking a failure to the simplest recipe;
- probability: i.i.d. trials from the domain and an exact Clopper–Pearson interval;
- scaling: a sweep of the domain's Grid over several seeds and a bootstrap CI of the exponent;
- dynamics / experiment: whole runs (trainings) per seed, each returning a list of Evidence.

The outcome is the *raw* verdict of the statement as given (verified, refuted, inconclusive,
error); :mod:`checks.run` combines an erratum with its corrected sibling.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import math
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from checks.audit import audit_counterexample
from checks.policy import limited_threads
from checks.profiles import Profile
from checks.statistics import clopper_pearson, fit_exponent
from theory.claims import AtLeast, Claim, Exponent, Kind, Mutant, Verdict, memo
from theory.domains import canonical_json
from theory.evidence import Evidence

#: at most this many slacks are kept per claim for the report's histogram
MAX_SLACKS = 500


@functools.cache
def ignore_source_constants() -> bool:
    """Make Hypothesis's draws depend on the seed alone.

    Hypothesis mixes literals found in the source of every loaded project module into its draws
    (with probability 1/20 per draw). Which modules are loaded differs between a CLI run, a test
    session and a ``--jobs`` worker, so the same seed would visit different instances in each.
    We give it an empty set of source constants instead. This reaches into a private module of
    Hypothesis; if that module changes, the determinism tests (tests/checks/test_determinism_resume.py)
    say so. Returns whether the patch applied. Called before the first search (Hypothesis is
    imported only by the claims that search, so that commands which never search start faster).
    """
    try:
        from hypothesis.internal.conjecture import providers
        empty = providers.Constants()
        providers._get_local_constants = lambda: empty
        cache = getattr(providers, "CONSTANTS_CACHE", None)
        if cache is not None:  # entries computed with the old constants must go
            getattr(cache, "cache", cache).clear()
        return True
    except (ImportError, AttributeError, TypeError):
        return False



def derive_seed(run_seed: int, claim_id: str, mutant: str | None = None) -> int:
    """A 32-bit seed for one claim (or mutant) of a run: same run seed, same numbers."""
    text = f"{run_seed}|{claim_id}|{mutant or ''}"
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")


@dataclass
class RunContext:
    """What a dynamics or experiment predicate may need besides its instance."""

    device: str = "cpu"
    profile: str = "quick"
    progress: Callable[[str], None] | None = None


@dataclass
class Outcome:
    verdict: Verdict
    message: str
    instances: int = 0
    preconditions_violated: int = 0
    precondition_reasons: dict[str, int] = field(default_factory=dict)
    worst_slack: float | None = None
    worst_instance: dict | None = None
    tolerance: dict = field(default_factory=lambda: {"value": None, "source": ""})
    slacks: list[float] = field(default_factory=list)
    #: the tightest instance of an inequality or identity: ratio lhs/rhs (<=), rhs/lhs (>=, >),
    #: |lhs − rhs|/tol (==); 1 means equality, and 1 − ratio is the smallest relative change of the
    #: constant the check would notice
    tightness: dict | None = None
    #: several distinct instances were evaluated and every one gave the same two sides: the
    #: evidence does not depend on the instance, so the check cannot fail
    unable_to_fail: bool = False
    counterexample: dict | None = None
    #: for a refuted erratum or finding: its counterexample against the paper's standing
    #: assumptions, and its certificate outside float64 (see checks.audit)
    audit: dict | None = None
    fit: dict | None = None
    probability: dict | None = None
    diagnostics: list[dict] = field(default_factory=list)
    wall_s: float = 0.0


def replay_command(claim: Claim, recipe: dict, mutant: str | None) -> str:
    mut = f" --mutant '{mutant}'" if mutant else ""
    return f"theorycheck replay {claim.id}{mut} --instance '{canonical_json(recipe)}'"


def evaluate(claim: Claim, recipe: dict, context: RunContext | None = None) -> Any:
    """Realise ``recipe`` in the claim's domain and call its predicate (no search)."""
    instance = claim.domain.realize(recipe)
    fn = claim.predicate
    kwargs = dict(claim.params)
    if "context" in inspect.signature(fn).parameters:
        kwargs["context"] = context or RunContext()
    with limited_threads(claim.threads):
        return fn(instance, **kwargs)


def tightness_ratio(ev: Evidence) -> float | None:
    """How close one instance comes to equality in the claim's relation (1 = equality, < 1 =
    holds with room): lhs/rhs for <=, rhs/lhs for >= and >, |lhs − rhs|/tol for ==. None where
    the ratio means nothing (a side of the wrong sign, a zero tolerance, a non-finite side)."""
    lhs, rhs = ev.lhs, ev.rhs
    if not (math.isfinite(lhs) and math.isfinite(rhs)):
        return None
    if ev.relation == "==":
        return abs(lhs - rhs) / ev.tol if ev.tol > 0 else None
    if ev.relation == "<=" and rhs > 0 and lhs >= 0:
        return lhs / rhs
    if ev.relation in (">=", ">") and lhs > 0 and rhs >= 0:
        return rhs / lhs
    return None


class _Tally:
    """Running record of the evidence a search produced."""

    def __init__(self) -> None:
        self.instances = 0
        self.reasons: Counter[str] = Counter()
        self.slacks: list[float] = []
        self.worst: tuple[float, dict, Evidence] | None = None
        self.tightest: tuple[float, dict, Evidence] | None = None
        self.recipes: set[str] = set()
        self.sides: set[tuple[float, float]] = set()

    def add(self, recipe: dict, ev: Evidence) -> None:
        self.instances += 1
        if ev.precondition:
            self.reasons[ev.precondition] += 1
            return
        if len(self.recipes) < 2 or len(self.sides) < 2:  # enough to tell "depends on the instance"
            self.recipes.add(canonical_json(recipe))
            self.sides.add((ev.lhs, ev.rhs))
        if len(self.slacks) < MAX_SLACKS:
            self.slacks.append(ev.slack)
        if self.worst is None or ev.slack < self.worst[0]:
            self.worst = (ev.slack, recipe, ev)
        ratio = tightness_ratio(ev)
        if ratio is not None and (self.tightest is None or ratio > self.tightest[0]):
            self.tightest = (ratio, recipe, ev)

    def fill(self, out: Outcome) -> Outcome:
        out.instances = self.instances
        out.preconditions_violated = sum(self.reasons.values())
        out.precondition_reasons = dict(self.reasons)
        out.slacks = self.slacks
        out.unable_to_fail = len(self.recipes) >= 2 and len(self.sides) == 1
        if self.worst is not None:
            out.worst_slack, out.worst_instance, ev = self.worst
            # the tolerance of the worst instance, where the verdict is decided (not the first's)
            out.tolerance = {"value": ev.tol, "source": ev.tol_source}
        if self.tightest is not None:
            ratio, recipe, ev = self.tightest
            out.tightness = {"ratio": ratio, "detectable_change": 1.0 - ratio, "instance": recipe,
                             "lhs": ev.lhs, "rhs": ev.rhs, "relation": ev.relation}
        return out


def _target_score(slack: float) -> float:
    """What ``target()`` maximises: −slack, clipped, and rounded to 8 significant digits.

    The rounding keeps the search path independent of last-bit differences in the slack (numpy's
    reductions can round differently with the memory alignment of their operands), so that the
    same seed visits the same instances in every process.
    """
    if not math.isfinite(slack):
        return 1e6
    return float(f"{float(np.clip(-slack, -1e6, 1e6)):.8g}")


class _Refuted(Exception):
    def __init__(self, recipe: dict, evidence: Evidence):
        super().__init__(f"refuted at {canonical_json(recipe)}")
        self.recipe, self.evidence = recipe, evidence


class _PredicateRaised(Exception):
    def __init__(self, recipe: dict, error: BaseException):
        super().__init__(f"{type(error).__name__}: {error}")
        self.recipe, self.error = recipe, error


def _as_evidence(value: Any, claim: Claim) -> Evidence:
    if not isinstance(value, Evidence):
        raise TypeError(f"predicate of {claim.id} returned {type(value).__name__}, not Evidence")
    if "diagnostics" in value.details:  # the old way of attaching curves: say so rather than drop them
        raise TypeError(f"predicate of {claim.id} passes curves as details['diagnostics']; "
                        "attach them as series=[Series(...)] (theory.claims.Series)")
    return value


def _counterexample(claim: Claim, recipe: dict, ev: Evidence, mutant: str | None) -> dict:
    return {
        "instance": recipe, "lhs": ev.lhs, "rhs": ev.rhs, "relation": ev.relation,
        "slack": ev.slack, "tol": ev.tol, "tol_source": ev.tol_source,
        "details": {k: v for k, v in ev.details.items() if k != "witness"},
        "reproduce": replay_command(claim, recipe, mutant),
    }


#: A runner checks one claim (or a claim with a mutant applied) of its kind and returns the raw
#: outcome: ``runner(claim, profile, seed, mutant_name, context) -> Outcome``.
Runner = Callable[[Claim, Profile, int, "str | None", RunContext], Outcome]

#: The runner of each kind. :func:`check` looks the claim's kind up here; nothing else in the
#: engine depends on the kind.
RUNNERS: dict[Kind, Runner] = {}


def runner(*kinds: Kind) -> Callable[[Runner], Runner]:
    """Register the decorated function as the runner of ``kinds``."""
    def register(fn: Runner) -> Runner:
        for kind in kinds:
            if kind in RUNNERS:
                raise ValueError(f"kind {kind.value!r} already has the runner {RUNNERS[kind].__name__}")
            RUNNERS[kind] = fn
        return fn
    return register


def _valid_needed(budget: int) -> int:
    """Instances meeting the preconditions a search needs before "held" means something."""
    return max(3, budget // 10)


@runner(Kind.IDENTITY, Kind.INEQUALITY)
def run_search(claim: Claim, profile: Profile, seed: int, mutant: str | None,
               context: RunContext) -> Outcome:
    """identity / inequality: Hypothesis search for a counterexample."""
    from hypothesis import HealthCheck, Phase, example, given, settings, target
    from hypothesis import seed as hypothesis_seed

    from checks.strategies import recipes
    ignore_source_constants()
    tally = _Tally()
    domain_size = claim.domain.size()  # None unless the domain is finite
    tried: set[str] = set()

    def body(recipe):
        try:
            ev = _as_evidence(evaluate(claim, recipe), claim)
        except Exception as exc:  # the predicate itself failed: report it as an error verdict
            raise _PredicateRaised(recipe, exc) from exc
        tally.add(recipe, ev)
        if domain_size is not None:
            tried.add(canonical_json(recipe))
        if ev.precondition:
            return
        target(_target_score(ev.slack), label="negated slack")
        if not ev.holds:
            raise _Refuted(recipe, ev)

    # The parent is Hypothesis's built-in default profile, not whatever profile is loaded
    # globally (a test suite's derandomize=True would otherwise replace the run seed).
    test = given(recipes(claim.domain))(body)
    for recipe in reversed(claim.examples):  # evaluated first, in the order declared
        test = example(recipe)(test)
    search = settings(
        settings.get_profile("default"),
        max_examples=profile.examples, deadline=None, database=None, derandomize=False,
        suppress_health_check=list(HealthCheck), report_multiple_bugs=False,
        # A mutant needs one counterexample, not the smallest: shrinking it took most of a
        # search mutant's time (measured on five claims of two built-in papers: 6.6 → 1.9 CPU s for
        # their seven mutants). Whether it is refuted is decided before the shrink phase, so its
        # verdict is the same either way; a claim's own counterexample is still shrunk.
        phases=[Phase.explicit, Phase.generate, Phase.target] + ([Phase.shrink] if mutant is None else []),
        print_blob=False,
    )(hypothesis_seed(seed)(test))

    out = Outcome(Verdict.VERIFIED, "")
    try:
        search()
    except _Refuted as r:
        out.verdict = Verdict.REFUTED
        out.counterexample = _counterexample(claim, r.recipe, r.evidence, mutant)
        out.refuting = (r.recipe, r.evidence)
        out.message = (f"counterexample: {r.evidence.lhs:.6g} {r.evidence.relation} "
                       f"{r.evidence.rhs:.6g} fails (tol {r.evidence.tol:.3g})")
        return tally.fill(out)
    except _PredicateRaised as e:
        out.verdict = Verdict.ERROR
        out.message = f"predicate raised {type(e.error).__name__}: {e.error}"
        out.counterexample = {"instance": e.recipe, "details": {
            "traceback": "".join(traceback.format_exception(e.error))[-2000:]},
            "reproduce": replay_command(claim, e.recipe, mutant)}
        return tally.fill(out)
    tally.fill(out)
    valid = out.instances - out.preconditions_violated
    # a finite domain searched to the end has been checked on every instance it holds, however
    # few: that is not too little evidence (the standard profile's 30 would exceed a 12-point domain)
    exhausted = domain_size is not None and len(tried) >= domain_size
    needed = _valid_needed(profile.examples)
    if not (valid >= needed or (exhausted and valid >= 1)):
        out.verdict = Verdict.INCONCLUSIVE
        top = ", ".join(f"{r} ({c})" for r, c in Counter(tally.reasons).most_common(2))
        out.message = (f"only {valid} of {out.instances} instances met the preconditions: {top}" if top else
                       f"only {valid} instances were drawn, fewer than the {needed} this profile needs")
    elif exhausted:
        out.message = (f"held on all {domain_size} instances of the domain ({valid} met the preconditions); "
                       f"worst normalised slack {out.worst_slack:.3g}")
    else:
        out.message = f"held on {valid} instances; worst normalised slack {out.worst_slack:.3g}"
    return out


@runner(Kind.PROBABILITY)
def run_probability(claim: Claim, profile: Profile, seed: int, mutant: str | None,
                    context: RunContext) -> Outcome:
    """probability: trials drawn from the domain; exact binomial interval against the level."""
    assert isinstance(claim.expect, AtLeast)
    rng = np.random.default_rng(seed)
    tally = _Tally()
    successes = 0
    first_failure: tuple[dict, Evidence] | None = None
    for _ in range(profile.trials):
        recipe = claim.domain.sample(rng)
        ev = _as_evidence(evaluate(claim, recipe), claim)
        tally.add(recipe, ev)
        if ev.precondition:
            continue
        if ev.holds:
            successes += 1
        elif first_failure is None:
            first_failure = (recipe, ev)
    out = tally.fill(Outcome(Verdict.INCONCLUSIVE, ""))
    trials = out.instances - out.preconditions_violated
    if trials == 0:
        out.message = "no trial met the preconditions"
        return out
    lo, hi = clopper_pearson(successes, trials, claim.false_alarm)
    level = claim.expect.level
    out.probability = {"trials": trials, "successes": successes, "frequency": successes / trials,
                       "ci": [lo, hi], "claimed_at_least": level, "confidence": 1 - claim.false_alarm}
    freq = f"{successes}/{trials} = {successes / trials:.4f}, {100 * (1 - claim.false_alarm):g}% CI [{lo:.4f}, {hi:.4f}]"
    if lo >= level:
        out.verdict, out.message = Verdict.VERIFIED, f"frequency {freq} is at least {level}"
    elif hi < level:
        out.verdict, out.message = Verdict.REFUTED, f"frequency {freq} is below the claimed {level}"
        if first_failure is not None:
            out.counterexample = _counterexample(claim, *first_failure, mutant)
            out.refuting = first_failure
            out.counterexample["details"] = {**out.counterexample["details"], **out.probability}
    else:
        out.message = f"frequency {freq} straddles the claimed {level}"
    return out


@runner(Kind.SCALING)
def run_scaling(claim: Claim, profile: Profile, seed: int, mutant: str | None,
                context: RunContext) -> Outcome:
    """scaling: sweep the Grid field for several seeds and fit the log-log exponent."""
    assert isinstance(claim.expect, Exponent)
    grid_field = claim.domain.grid_field()
    if grid_field is None:
        raise ValueError(f"scaling claim {claim.id} has no Grid field in its domain")
    name, grid = grid_field
    rng = np.random.default_rng(seed)
    Y = np.empty((profile.scaling_seeds, len(grid.values)))
    for s in range(profile.scaling_seeds):
        base = claim.domain.sample(rng)
        for j, x in enumerate(grid.values):
            value = evaluate(claim, {**base, name: x})
            if isinstance(value, Evidence):  # only a precondition may come back as Evidence
                out = Outcome(Verdict.INCONCLUSIVE, f"precondition violated: {value.precondition}")
                out.precondition_reasons = {str(value.precondition): 1}
                return out
            Y[s, j] = float(value)
    fit = fit_exponent(grid.values, Y, alpha=claim.false_alarm, rng=rng)
    lo_ok, hi_ok = claim.expect.accept
    lo, hi = fit.ci
    out = Outcome(Verdict.INCONCLUSIVE, "", instances=Y.size)
    out.fit = {"x_name": name, "y_name": claim.y_label or claim.params.get("y_name", "y"),
               "x": list(map(float, grid.values)), "y": Y.mean(axis=0).tolist(),
               "y_by_seed": Y.tolist(), "exponent": fit.exponent, "intercept": fit.intercept,
               "ci": [lo, hi], "expected": claim.expect.value, "accept": [lo_ok, hi_ok],
               "confidence": fit.confidence}
    out.tolerance = {"value": claim.expect.tol,
                     "source": f"accepted exponents {claim.expect.value} ± {claim.expect.tol}; "
                               f"bootstrap over {profile.scaling_seeds} seeds at {100 * fit.confidence:g}%"}
    desc = f"exponent {fit.exponent:.3f}, CI [{lo:.3f}, {hi:.3f}], accepted [{lo_ok:.3f}, {hi_ok:.3f}]"
    worst = min(lo - lo_ok, hi_ok - hi)
    out.worst_slack = worst
    if lo_ok <= lo and hi <= hi_ok:
        out.verdict, out.message = Verdict.VERIFIED, desc
    elif hi < lo_ok or lo > hi_ok:
        out.verdict, out.message = Verdict.REFUTED, desc
        out.counterexample = {"instance": {"grid": list(grid.values), "seed": seed},
                              "lhs": fit.exponent, "rhs": claim.expect.value, "relation": "≈",
                              "slack": worst, "tol": claim.expect.tol, "details": {"ci": [lo, hi]},
                              "reproduce": f"theorycheck run --claim {claim.id}"}
    else:
        out.message = desc + " (the CI straddles the accepted range)"
    return out


@runner(Kind.DYNAMICS, Kind.EXPERIMENT)
def run_trajectories(claim: Claim, profile: Profile, seed: int, mutant: str | None,
                     context: RunContext) -> Outcome:
    """dynamics / experiment: whole runs per seed, each returning Evidence (one or a list)."""
    rng = np.random.default_rng(seed)
    tally = _Tally()
    out = Outcome(Verdict.VERIFIED, "")
    runs = list(claim.examples) + [claim.domain.sample(rng) for _ in range(profile.run_seeds)]
    for recipe in runs:
        result = evaluate(claim, recipe, context)
        for ev in ([result] if isinstance(result, Evidence) else list(result)):
            ev = _as_evidence(ev, claim)
            out.diagnostics.extend(s.as_dict() for s in ev.series)
            tally.add(recipe, ev)
            if not ev.precondition and not ev.holds and out.verdict is Verdict.VERIFIED:
                out.verdict = Verdict.REFUTED
                out.counterexample = _counterexample(claim, recipe, ev, mutant)
                out.refuting = (recipe, ev)
    tally.fill(out)
    if out.verdict is Verdict.REFUTED:
        ce = out.counterexample
        out.message = f"a run violated the claim: {ce['lhs']:.6g} {ce['relation']} {ce['rhs']:.6g} fails"
    elif tally.instances == sum(tally.reasons.values()):
        out.verdict, out.message = Verdict.INCONCLUSIVE, "no run met the preconditions"
    else:
        out.message = f"held on {out.instances - out.preconditions_violated} checks along the runs"
    return out


def check(claim: Claim, profile: Profile, run_seed: int, *, mutant: Mutant | None = None,
          context: RunContext | None = None) -> Outcome:
    """Raw verdict of ``claim`` (or of ``mutant`` applied to it) under ``profile``."""
    name = mutant.name if mutant else None
    target_claim = claim.with_mutant(mutant) if mutant else claim
    seed = derive_seed(run_seed, claim.id, name)
    context = context or RunContext(profile=profile.name)
    memo.clear()  # memo caches live for one claim check (theory.claims.memo)
    start = time.perf_counter()
    try:
        out = RUNNERS[claim.kind](target_claim, profile, seed, name, context)
        if claim.diagnostics is not None and mutant is None:
            out.diagnostics.extend(claim.diagnostics(np.random.default_rng(seed)))
        refuting = getattr(out, "refuting", None)
        if mutant is None and claim.status.expects_refutation and out.verdict is Verdict.REFUTED:
            out.audit = audit_counterexample(claim, refuting, out, context)
            if out.audit["objection"]:
                out.verdict = Verdict.ERROR
                out.message = f"{out.audit['objection']} (search found: {out.message})"
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # an error in the machinery or a non-search predicate
        out = Outcome(Verdict.ERROR, f"{type(exc).__name__}: {exc}")
    if hasattr(out, "refuting"):
        del out.refuting  # the raw evidence (with its witness objects) stays in this process
    out.wall_s = time.perf_counter() - start
    return out
