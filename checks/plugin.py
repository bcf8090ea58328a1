"""The pytest plugin: the claims of a paper as tests (registered through the ``pytest11`` entry
point, so installing theorycheck is enough).

``pytest --theorycheck-paper KEY`` (repeatable) collects one test per claim of paper KEY, whose
test id is the claim id, and one per mutant (``<claim id>[mutant: <name>]``). A claim's test passes
when its verdict is the one its status declares (an erratum: printed form refuted with an audited,
certified counterexample and corrected sibling verified); a mutant's test passes when the same
search budget refutes it. A failure prints the falsifying example (:mod:`checks.falsifying`).

Tiers are markers: claims of the ``standard`` tier carry ``@standard`` and those of the ``gpu``
tier ``@gpu``. Under the default ``--theorycheck-profile quick`` they are deselected unless the
``-m`` expression asks for them (``-m standard``); a larger profile includes them. gpu claims are
skipped, in one summary line, where CUDA is missing. Options: ``--theorycheck-profile``,
``--theorycheck-seed`` (default ``$THEORYCHECK_SEED`` or 0) and ``--theorycheck-module`` (a module
or ``.py`` file of claims that is not installed). Papers are found as by the command line
(:mod:`checks.papers`), so this works from any directory.

:func:`claim_problems` and :func:`mutant_problem` are the assertions themselves; the repository's
``tests/papers/test_registered_claims.py`` applies them to the built-in papers.
"""

from __future__ import annotations

import os
from typing import Callable

import pytest
from _pytest.runner import collect_one_node

from theory.claims import Claim, Mutant, Tier, Verdict

#: the smallest profile that includes each tier (a claim above the requested profile runs under it)
_TIER_PROFILE = {Tier.QUICK: "quick", Tier.STANDARD: "standard", Tier.GPU: "gpu"}
_STATE = pytest.StashKey["_State"]()


class ClaimFailed(Exception):
    """A claim or mutant test failed; the message is the whole explanation (no traceback)."""


# -- the assertions -------------------------------------------------------------------------------

def claim_problems(claim: Claim, outcome_of: Callable) -> str | None:
    """None when ``claim`` comes out as declared; otherwise what is wrong, with its evidence.

    ``outcome_of(claim)`` returns the claim's raw :class:`checks.engine.Outcome` (memoised by the
    caller: an erratum's corrected sibling is also a claim of its own).
    """
    from checks.falsifying import explain_entry
    from checks.run import ClaimResult, claim_entry, combine
    from theory.claims import REGISTRY
    results = [ClaimResult(claim, outcome_of(claim))]
    if claim.corrected_by:
        sibling = REGISTRY.get(claim.corrected_by)
        results.append(ClaimResult(sibling, outcome_of(sibling)))
    combine(results)
    r = results[0]
    problems = []
    if r.verdict is not r.expected:
        problems.append(f"{claim.id}: {r.verdict.value} (declared {claim.status.value}, so expected "
                        f"{r.expected.value}): {r.message}")
    if r.outcome.unable_to_fail:
        problems.append(f"{claim.id}: its evidence does not depend on the instance (the check cannot fail)")
    if claim.status.expects_refutation and r.outcome.verdict is Verdict.REFUTED:
        ce = r.outcome.counterexample or {}
        if not str(ce.get("reproduce", "")).startswith("theorycheck "):
            problems.append(f"{claim.id}: a refuted printed statement needs its counterexample and replay line")
        audit = r.outcome.audit
        if audit is None or audit.get("objection"):
            problems.append(f"{claim.id}: its counterexample does not stand: "
                            f"{audit.get('objection') if audit else 'no audit'}")
        elif claim.checks_certificate and not (audit.get("certificate") or {}).get("excludes_relation"):
            problems.append(f"{claim.id}: its counterexample is not certified outside float64")
    if not problems:
        return None
    return "\n".join(problems) + "\n\n" + explain_entry(claim_entry(r), examples=claim.examples)


def mutant_problem(claim: Claim, mutant: Mutant, outcome) -> str | None:
    """None when the mutant is refuted; otherwise what the search tried without refuting it."""
    from checks.falsifying import tried_block
    from checks.run import ClaimResult, claim_entry, combine
    if outcome.verdict is Verdict.REFUTED:
        return None
    r = ClaimResult(claim.with_mutant(mutant), outcome)
    combine([r])
    entry = claim_entry(r)
    head = (f"mutant {mutant.name!r} of {claim.id} survived ({outcome.verdict.value}: {outcome.message})"
            + (f"\n  the mutant: {mutant.why}" if mutant.why else ""))
    return head + "\n\n" + tried_block(entry, title="Mutant not refuted", examples=claim.examples)


# -- the pytest hooks -----------------------------------------------------------------------------

def pytest_addoption(parser) -> None:
    group = parser.getgroup("theorycheck", "theorycheck: the claims of papers as tests")
    group.addoption("--theorycheck-paper", action="append", default=[], metavar="KEY",
                    help="collect one test per claim and per mutant of paper KEY (repeatable)")
    group.addoption("--theorycheck-module", action="append", default=[], metavar="MOD",
                    help="also load the claims of MOD (pkg.claims or a .py file) that is not installed")
    group.addoption("--theorycheck-profile", default="quick", metavar="NAME",
                    help="search budget and tiers: quick (default), standard, thorough or gpu")
    group.addoption("--theorycheck-seed", type=int, default=None, metavar="N",
                    help="run seed (default $THEORYCHECK_SEED or 0): same seed, same instances")


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "standard: a claim of the standard tier (CPU minutes); "
                                       "select with -m standard")
    config.addinivalue_line("markers", "gpu: a claim of the gpu tier (paper scale, needs CUDA); "
                                       "select with -m gpu")
    config.addinivalue_line("markers", "theorycheck: a claim or mutant collected by --theorycheck-paper")
    keys = list(dict.fromkeys(config.getoption("theorycheck_paper") or []))  # each paper once
    if not keys:
        return
    from checks.papers import load_papers
    from checks.profiles import get_profile
    from checks.run import check_seed
    from theory.errors import TheorycheckError
    seed = config.getoption("theorycheck_seed")
    try:
        profile = get_profile(config.getoption("theorycheck_profile"))
        seed = check_seed(int(os.environ.get("THEORYCHECK_SEED", "0")) if seed is None else seed)
        registry = load_papers(config.getoption("theorycheck_module"))
        claims = [c for key in keys for c in registry.paper_claims(key)]
    except (TheorycheckError, ValueError) as exc:
        raise pytest.UsageError(f"theorycheck: {exc}") from None
    config.stash[_STATE] = _State(profile, seed, claims, config.getoption("markexpr") or "")


class _State:
    """The session's selection and its memoised outcomes (a claim is checked once per session)."""

    def __init__(self, profile, seed: int, claims: list[Claim], markexpr: str):
        self.profile, self.seed, self.claims, self.markexpr = profile, seed, claims, markexpr
        self._cache: dict = {}

    def profile_for(self, claim: Claim):
        from checks.profiles import get_profile
        return self.profile if self.profile.includes(claim.tier) else get_profile(_TIER_PROFILE[claim.tier])

    def outcome(self, claim: Claim, mutant: Mutant | None = None):
        from checks.engine import RunContext, check
        key = (claim.id, mutant.name if mutant else None)
        if key not in self._cache:
            profile = self.profile_for(claim)
            device = "cuda" if claim.tier is Tier.GPU else "cpu"
            self._cache[key] = check(claim, profile, self.seed, mutant=mutant,
                                     context=RunContext(device=device, profile=profile.name))
        return self._cache[key]

    def asked_for(self, tier: Tier) -> bool:
        """Whether a claim of ``tier`` runs: its tier is in the profile, or ``-m`` selects it."""
        if self.profile.includes(tier):
            return True
        if not self.markexpr:
            return False
        try:
            from _pytest.mark.expression import Expression
            expr = Expression.compile(self.markexpr)
            only = lambda name, **kw: name in (tier.value, "theorycheck")  # noqa: E731
            return expr.evaluate(only) and not expr.evaluate(lambda name, **kw: name == "theorycheck")
        except Exception:  # a private API of pytest; fall back to the marker's name in the expression
            return tier.value in self.markexpr.split() and f"not {tier.value}" not in self.markexpr


class ClaimItem(pytest.Item):
    """One claim (``mutant=None``) or one mutant of it."""

    def __init__(self, *, claim: Claim, mutant: Mutant | None, state: _State, **kwargs):
        super().__init__(**kwargs)
        self.claim, self.mutant, self.state = claim, mutant, state
        self.add_marker("theorycheck")
        if claim.tier is not Tier.QUICK:
            self.add_marker(claim.tier.value)

    def setup(self) -> None:
        if self.claim.tier is Tier.GPU:
            import torch
            if not torch.cuda.is_available():
                pytest.skip("theorycheck gpu tier: no CUDA device")

    def runtest(self) -> None:
        if self.mutant is None:
            problem = claim_problems(self.claim, self.state.outcome)
        else:
            problem = mutant_problem(self.claim, self.mutant, self.state.outcome(self.claim, self.mutant))
        if problem:
            raise ClaimFailed(problem)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ClaimFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        what = f"mutant {self.mutant.name!r} of " if self.mutant else ""
        return self.path, None, f"{what}{self.claim.id} ({self.claim.source.paper.key}, {self.claim.source.result})"


class PaperCollector(pytest.Collector):
    """The claims and mutants of one paper."""

    def __init__(self, *, claims: list[Claim], state: _State, **kwargs):
        super().__init__(**kwargs)
        self.claims, self.state = claims, state

    def collect(self):
        for c in self.claims:
            yield ClaimItem.from_parent(self, name=c.id, claim=c, mutant=None, state=self.state)
        for c in self.claims:
            for m in c.mutants:
                yield ClaimItem.from_parent(self, name=f"{c.id}[mutant: {m.name}]", claim=c, mutant=m,
                                            state=self.state)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items) -> None:
    """Add the claims of the selected papers (before -k/-m deselection, which then applies)."""
    state = config.stash.get(_STATE, None)
    if state is None:
        return
    papers: dict[str, list[Claim]] = {}
    for c in state.claims:
        papers.setdefault(c.paper, []).append(c)
    added, deselected = [], []
    for key, claims in papers.items():
        collector = PaperCollector.from_parent(session, name=key, nodeid=f"theorycheck:{key}",
                                               claims=claims, state=state)
        # collected as pytest collects a file (collectstart/collectreport hooks: counts, -x, errors)
        report = collect_one_node(collector)
        collector.ihook.pytest_collectreport(report=report)
        for item in report.result:
            (added if state.asked_for(item.claim.tier) else deselected).append(item)
    items.extend(added)
    if deselected:
        config.hook.pytest_deselected(items=deselected)


def pytest_report_header(config):
    state = config.stash.get(_STATE, None)
    if state is None:
        return None
    papers = sorted({c.paper for c in state.claims})
    mutants = sum(len(c.mutants) for c in state.claims)
    return (f"theorycheck: papers {', '.join(papers)} ({len(state.claims)} claims, {mutants} mutants); "
            f"profile {state.profile.name}, seed {state.seed}")
