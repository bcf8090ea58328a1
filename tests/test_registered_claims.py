"""Every registered claim of the quick tier is one test: its verdict equals its declared status.
Every mutant of those claims is one test: the same search budget must refute it."""

from __future__ import annotations

import pytest

import theory.papers  # noqa: F401  (fills the registry)
from checks.run import ClaimResult, combine, expected_verdict
from theory.claims import REGISTRY, ErrorClass, Status, Tier, Verdict

QUICK = [c for c in REGISTRY if c.tier is Tier.QUICK]


@pytest.mark.parametrize("claim", QUICK, ids=[c.id for c in QUICK])
def test_claim_verdict_is_declared_status(claim, outcomes):
    results = [ClaimResult(claim, outcomes(claim))]
    if claim.corrected_by:
        sibling = REGISTRY.get(claim.corrected_by)
        results.append(ClaimResult(sibling, outcomes(sibling)))
    combine(results)
    result = results[0]
    expected = expected_verdict(claim.status)
    assert result.verdict is expected, f"{claim.id}: {result.verdict.value}: {result.message}"
    assert not result.outcome.unable_to_fail, f"{claim.id}: its evidence does not depend on the instance"
    if claim.status.expects_refutation:
        ce = result.outcome.counterexample
        assert ce and ce["reproduce"].startswith("theorycheck "), "an erratum needs its counterexample"
        audit = result.outcome.audit
        assert audit is not None and audit["objection"] is None
        if claim.checks_certificate:
            assert audit["certificate"]["excludes_relation"], f"{claim.id}: uncertified counterexample"


MUTANTS = [(c, m) for c in QUICK for m in c.mutants]


@pytest.mark.parametrize("claim,mutant", MUTANTS, ids=[f"{c.id}::{m.name}" for c, m in MUTANTS])
def test_mutant_is_refuted(claim, mutant, outcomes):
    out = outcomes(claim, mutant)
    assert out.verdict is Verdict.REFUTED, f"mutant survived: {out.verdict.value}: {out.message}"


def test_every_holding_claim_ships_a_mutant_and_cites_a_line():
    for c in REGISTRY:
        assert c.source.line, f"{c.id} cites no line"
        if c.status is Status.HOLDS:
            assert c.mutants, f"{c.id} has no mutant"


def test_errata_have_corrected_siblings_that_hold():
    errata = [c for c in REGISTRY if c.status.expects_refutation]
    assert errata, "the Arora slice registers errata"
    for c in errata:
        sib = REGISTRY.get(c.corrected_by)
        assert sib.status is Status.HOLDS and sib.corrects == c.id


def test_every_erratum_is_classified_and_statement_errata_stay_in_scope():
    for c in REGISTRY:
        if c.status is Status.ERRATUM:
            assert isinstance(c.error_class, ErrorClass), c.id
            if c.error_class is ErrorClass.STATEMENT:
                assert not c.scope, f"{c.id} leaves the paper's scope, so it cannot accuse the statement"
            if c.checks_certificate:
                assert c.certify is not None, f"{c.id}: a non-statistical erratum needs a certificate"
