"""Every claim of the built-in papers' quick tier is one test, and every mutant of those claims
another: the assertions are the pytest plugin's (checks/plugin.py), the same ones
``pytest --theorycheck-paper KEY`` applies to anyone's paper. A claim's verdict must equal its
declared status; an erratum's counterexample must carry a replay line, pass the audit against the
paper's standing assumptions and, where it is not statistical, be certified outside float64; the
same search budget must refute every mutant. The registry-wide rules (lines cited, mutants shipped,
errata classified) are checked below."""

from __future__ import annotations

import pytest

import theory.papers  # noqa: F401  (fills the registry with the built-in papers)
from checks.papers import builtin_paper_keys
from checks.plugin import claim_problems, mutant_problem
from theory.claims import REGISTRY, ErrorClass, Status, Tier

BUILTIN = [c for c in REGISTRY if c.paper in builtin_paper_keys()]
QUICK = [c for c in BUILTIN if c.tier is Tier.QUICK]
MUTANTS = [(c, m) for c in QUICK for m in c.mutants]


@pytest.mark.parametrize("claim", QUICK, ids=[c.id for c in QUICK])
def test_claim_verdict_is_declared_status(claim, outcomes):
    problems = claim_problems(claim, outcomes)
    assert problems is None, problems


@pytest.mark.parametrize("claim,mutant", MUTANTS, ids=[f"{c.id}::{m.name}" for c, m in MUTANTS])
def test_mutant_is_refuted(claim, mutant, outcomes):
    problem = mutant_problem(claim, mutant, outcomes(claim, mutant))
    assert problem is None, problem


def test_every_holding_claim_ships_a_mutant_and_cites_a_line():
    assert BUILTIN, "the built-in papers register claims"
    for c in BUILTIN:
        assert c.source.line, f"{c.id} cites no line"
        if c.status is Status.HOLDS:
            assert c.mutants, f"{c.id} has no mutant"


def test_errata_have_corrected_siblings_that_hold():
    errata = [c for c in BUILTIN if c.status.expects_refutation]
    assert errata, "the Arora slice registers errata"
    for c in errata:
        sib = REGISTRY.get(c.corrected_by)
        assert sib.status is Status.HOLDS and sib.corrects == c.id


def test_every_erratum_is_classified_and_statement_errata_stay_in_scope():
    for c in BUILTIN:
        if c.status is Status.ERRATUM:
            assert isinstance(c.error_class, ErrorClass), c.id
            if c.error_class is ErrorClass.STATEMENT:
                assert not c.scope, f"{c.id} leaves the paper's scope, so it cannot accuse the statement"
            if c.checks_certificate:
                assert c.certify is not None, f"{c.id}: a non-statistical erratum needs a certificate"
