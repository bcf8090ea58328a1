"""The audit of an accusation (issue 13): standing assumptions, certificates outside float64,
explicit examples evaluated first, tightness, findings that are not errata."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest

from checks.engine import check
from checks.profiles import get_profile
from checks.run import ClaimResult, build_report, combine
from theory.claims import (Assumption, Claim, ErrorClass, Int, Kind, Mutant, Paper, Real, Registry,
                           Source, Space, Status, Verdict, at_most, close)
from theory.claims.assumptions import bounded_labels, unit_sphere_inputs
from theory.claims.certificates import Certificate, exact, interval, iv
from theory.errors import InputError

QUICK = get_profile("quick")
TOY = Paper(key="toy2020", authors="T", year=2020, title="Toy", where="nowhere",
            assumptions=(bounded_labels("Section 2"),
                         Assumption("positive scale", ("c",), lambda c: None if c > 0 else f"c = {c} <= 0")))
SRC = Source(TOY, "Theorem 1", "1", 3)


def labels_bound(inst, *, limit=1.0):
    """The printed claim: every label, times c, stays below limit."""
    y = np.full(3, inst.y)
    return at_most(float(np.max(np.abs(y))) * inst.c, limit, witness={"y": y})


def certify_labels(inst, *, limit=1.0):
    return interval(iv(abs(inst.y)) * iv(inst.c) - iv(limit), "<=")


def printed(**kw) -> Claim:
    fields = dict(id="toy2020.thm1.printed", source=SRC, statement="|y| c <= 1/2",
                  kind=Kind.INEQUALITY, domain=Space(y=Real(-1, 1), c=Real(0.5, 2)),
                  predicate=labels_bound, params={"limit": 0.5}, status=Status.ERRATUM,
                  error_class=ErrorClass.STATEMENT, certify=certify_labels,
                  corrected_by="toy2020.thm1.fixed")
    fields.update(kw)
    return Claim(**fields)


def test_counterexample_inside_the_assumptions_is_confirmed_with_its_certificate():
    out = check(printed(), QUICK, 0)
    assert out.verdict is Verdict.REFUTED, out.message
    audit = out.audit
    assert audit["objection"] is None
    assert {row["name"] for row in audit["assumptions"]} == {"bounded labels (|y_i| ≤ 1)", "positive scale"}
    assert all(row["holds"] for row in audit["assumptions"])
    assert audit["certificate"]["excludes_relation"] and audit["certificate"]["lhs_minus_rhs"][0] > 0


def test_counterexample_outside_the_standing_assumptions_fails_the_run():
    # with c <= 1/2, |y| c > 1/2 needs |y| > 1: every counterexample leaves the paper's |y| <= 1
    outside = Space(y=Real(-5, 5), c=Real(0.1, 0.5))
    out = check(printed(domain=outside), QUICK, 0)
    assert out.verdict is Verdict.ERROR
    assert "standing assumption 'bounded labels" in out.message and "Section 2" in out.message
    # a claim that says it leaves the scope is not checked against them (but is no statement erratum)
    scoped = printed(domain=outside,
                     scope="labels up to 5, beyond the paper's |y| <= 1", error_class=ErrorClass.PROOF)
    assert check(scoped, QUICK, 0).verdict is Verdict.REFUTED
    with pytest.raises(InputError, match="cannot be a statement erratum"):
        Registry().add(dataclasses.replace(scoped, error_class=ErrorClass.STATEMENT))


def test_float_only_counterexample_is_rejected():
    def rounding(inst):  # 0.1 + 0.2 "exceeds" 0.3 in float64 only
        return at_most(0.1 + 0.2, 0.3)

    def certify_rounding(inst):
        return exact(Fraction(1, 10) + Fraction(2, 10) - Fraction(3, 10), "<=", "exact rationals")

    c = printed(domain=Space(k=Int(0, 3)), predicate=rounding, certify=certify_rounding, params={})
    out = check(c, QUICK, 0)
    assert out.verdict is Verdict.ERROR and "float-only counterexample" in out.message
    missing = check(dataclasses.replace(c, certify=None), QUICK, 0)
    assert missing.verdict is Verdict.ERROR and "needs a certificate" in missing.message


def test_certificate_relations_and_enclosures():
    assert Certificate("m", "<=", 1e-300, 1.0).excludes_relation
    assert not Certificate("m", "<=", 0.0, 1.0).excludes_relation
    assert Certificate("m", ">", -1.0, 0.0).excludes_relation        # λ_min = 0 refutes λ_min > 0
    assert Certificate("m", "==", -2.0, -1.0).excludes_relation
    assert not Certificate("m", "==", -1.0, 1.0).excludes_relation
    with pytest.raises(InputError):
        Certificate("m", "<=", 1.0, 0.0)
    import sympy
    cert = exact(sympy.sqrt(2) - sympy.Rational(141421, 100000), ">=", "sympy")
    assert 0 < cert.lo <= cert.hi < 1e-5 and not cert.excludes_relation


def test_explicit_examples_are_evaluated_first():
    seen = []

    def spy(inst):
        seen.append(inst.x)
        return at_most(inst.x, 100)

    c = Claim(id="toy2020.thm1.spy", source=SRC, statement="x <= 100", kind=Kind.INEQUALITY,
              domain=Space(x=Int(0, 100)), predicate=spy, examples=({"x": 100}, {"x": 7}),
              mutants=(Mutant("m"),))
    out = check(c, QUICK, 0)
    assert seen[:2] == [100, 7] and out.verdict is Verdict.VERIFIED
    assert out.tightness["ratio"] == 1.0 and out.tightness["instance"] == {"x": 100}
    with pytest.raises(InputError, match="explicit example 0"):
        Registry().add(dataclasses.replace(c, examples=({"x": 101},)))


def test_evidence_that_ignores_the_instance_is_flagged_unable_to_fail():
    constant = Claim(id="toy2020.thm1.const", source=SRC, statement="1 = 1", kind=Kind.IDENTITY,
                     domain=Space(x=Int(0, 100)), predicate=lambda inst: close(1.0, 1.0, tol=1e-15, why="exact"),
                     mutants=(Mutant("m"),))
    assert check(constant, QUICK, 0).unable_to_fail
    varying = dataclasses.replace(constant, predicate=lambda inst: close(inst.x, inst.x, tol=1e-15, why="exact"))
    assert not check(varying, QUICK, 0).unable_to_fail


def test_a_finding_is_confirmed_apart_from_errata():
    reading = printed(id="toy2020.thm1.reading", status=Status.READING, error_class=None, certify=None)
    fixed = Claim(id="toy2020.thm1.fixed", source=SRC, statement="|y| c <= 2", kind=Kind.INEQUALITY,
                  domain=Space(y=Real(-1, 1), c=Real(0.5, 2)), predicate=labels_bound,
                  params={"limit": 2.0}, corrects="toy2020.thm1.reading", mutants=(Mutant("m"),))
    results = [ClaimResult(reading, check(reading, QUICK, 0)), ClaimResult(fixed, check(fixed, QUICK, 0))]
    combine(results)
    assert results[0].verdict is Verdict.FINDING_CONFIRMED and results[0].as_declared
    reg = Registry()
    reg.add(reading), reg.add(fixed)
    assert reg.errata_by_class() == {"reading": 1}
    report = build_report(results, run_id="r", seed=0, profile=QUICK, device="cpu", started=0.0,
                          command="t", registry=reg)
    assert report["errata"] == [] and report["findings"][0]["status"] == "reading"
    assert report["summary"]["errata_by_class"] == {"reading": 1}
    with pytest.raises(InputError, match="error_class"):
        Registry().add(dataclasses.replace(reading, error_class=ErrorClass.TYPO))


def test_every_accusation_has_an_independent_reading_in_its_note():
    import theory.papers  # noqa: F401  (the built-in papers)
    from checks.papers import builtin_paper_keys
    from theory.claims import REGISTRY

    builtin = set(builtin_paper_keys())
    accused = [c for c in REGISTRY if c.status is not Status.HOLDS and c.paper in builtin]
    assert accused, "the built-in papers register errata and findings"
    for c in accused:
        assert c.id in REGISTRY.readings, f"{c.id} has no independent referee reading"
        assert "Independent reading (docs/referee-readings/" in c.note


def test_a_reading_needs_a_known_class_an_outcome_and_an_accused_claim():
    from theory.claims.registry import READER_CLASSES

    reg = Registry()
    reg.add(dataclasses.replace(printed(), id="toy2020.thm1.printed"))
    with pytest.raises(InputError, match="reader class"):
        reg.record_reading("toy2020.thm1.printed", "wrong", "why")
    with pytest.raises(InputError, match="outcome"):
        reg.record_reading("toy2020.thm1.printed", "typo", "  ")
    updated = reg.record_reading("toy2020.thm1.printed", "typo", "A slip; the proof has it right.")
    assert "typo, differs from the audited class (statement)" in updated.note
    assert reg.get("toy2020.thm1.printed").note == updated.note and reg.readings == {"toy2020.thm1.printed": "typo"}
    assert "not-an-error" in READER_CLASSES
