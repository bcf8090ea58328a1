"""Authoring as light as @given: the decorator form of ``claim``, explicit examples evaluated
first, and the falsifying-example block (in-process; the registry is a fresh one per test)."""

from __future__ import annotations

import pytest

import theory.claims.registry as registry_module
from checks.engine import check
from checks.falsifying import explain_entry, falsifying_block, side_names
from checks.profiles import get_profile
from checks.run import ClaimResult, claim_entry, combine
from theory.claims import (Claim, Kind, Mutant, Paper, Real, Registry, Source, Space, Status, Verdict,
                           at_most, claim, erratum_pair)
from theory.errors import InputError

NOTE = Paper(key="auth2026", authors="A. Author", year=2026, title="A note", where="arXiv:1")


@pytest.fixture
def registry(monkeypatch):
    fresh = Registry()
    monkeypatch.setattr(registry_module, "REGISTRY", fresh)
    return fresh


def test_decorator_registers_the_predicate_with_its_docstring_as_statement(registry):
    @claim(id="auth2026.lem1.bound", source=Source(NOTE, "Lemma 1", line=3), kind=Kind.INEQUALITY,
           domain=Space(a=Real(0, 1)), mutants=(Mutant("c", params={"c": 0.5}),))
    def bound(inst, c=1.0):
        r"""a \le 1

        (the rest of the docstring is not the statement)"""
        return at_most(inst.a, c)

    registered = registry.get("auth2026.lem1.bound")
    assert bound.claims == (registered,) and registered.predicate is bound
    assert registered.statement == r"a \le 1"
    assert bound(Space(a=Real(0, 1)).realize({"a": 0.25})).holds  # still a plain function


def test_decorator_without_statement_or_docstring_is_an_input_error(registry):
    with pytest.raises(InputError, match="statement"):
        @claim(id="auth2026.lem2.bare", source=Source(NOTE, "Lemma 2", line=4), kind=Kind.INEQUALITY,
               domain=Space(a=Real(0, 1)), mutants=(Mutant("c", params={"c": 0.5}),))
        def bare(inst, c=1.0):
            return at_most(inst.a, c)


def test_explicit_examples_are_evaluated_first():
    # fails on one point only, which a search over [0, 1] would not hit: the example finds it
    needle = 0.123456789
    c = Claim(id="auth2026.lem3.needle", source=Source(NOTE, "Lemma 3", line=5), statement="a != needle",
              kind=Kind.INEQUALITY, domain=Space(a=Real(0, 1)),
              predicate=lambda inst: at_most(1.0 if inst.a == needle else 0.0, 0.5),
              mutants=(Mutant("m", params={}),), examples=({"a": needle},))
    out = check(c, get_profile("quick"), 0)
    assert out.verdict is Verdict.REFUTED and out.counterexample["instance"] == {"a": needle}


def test_side_names_come_from_the_statement_or_the_details():
    assert side_names(r"\sqrt{ab} \le (a+b)/2", "<=") == (r"\sqrt{ab}", "(a+b)/2")
    assert side_names("x ≥ y", ">=") == ("x", "y")
    assert side_names("a = b", "==") == ("a", "b")
    assert side_names(r"\left(a\right) \leq b", "<=") == (r"\left(a\right)", "b")
    assert side_names("no relation here", "<=") == ("lhs", "rhs")
    assert side_names("x <= y", "<=", {"lhs_name": "‖w‖", "rhs_name": "B"}) == ("‖w‖", "B")


def _entry(c: Claim, sibling: Claim | None = None) -> dict:
    results = [ClaimResult(c, check(c, get_profile("quick"), 0))]
    if sibling:
        results.append(ClaimResult(sibling, check(sibling, get_profile("quick"), 0)))
    combine(results)
    return claim_entry(results[0])


def test_a_refuted_claim_shows_instance_sides_tolerance_citation_and_replay():
    c = Claim(id="auth2026.lem4.wrong", source=Source(NOTE, "Lemma 4", section="§2", line=9),
              statement=r"a \le a/2", kind=Kind.INEQUALITY, domain=Space(a=Real(1, 2)),
              predicate=lambda inst: at_most(inst.a, inst.a / 2, tol=1e-15, why="one division"),
              mutants=(Mutant("m"),))
    text = falsifying_block(e := _entry(c), e["counterexample"])
    assert text.startswith("Falsifying example: auth2026.lem4.wrong")
    assert "A. Author (2026). A note. arXiv:1; Lemma 4, §2, line 9" in text
    assert '  instance:   {"a": 1.0}' in text
    assert "  lhs  a   = 1.0" in text and "  rhs  a/2 = 0.5" in text
    assert "lhs <= rhs (within tol) fails by 0.5" in text
    assert "tolerance:  1e-15 — error model: one division" in text
    assert "replay:     theorycheck replay auth2026.lem4.wrong --instance '{\"a\":1.0}'" in text


def test_an_unexpectedly_verified_finding_says_which_instances_were_tried(registry):
    printed, fixed = erratum_pair(
        source=Source(NOTE, "Lemma 5", line=11), kind=Kind.INEQUALITY, domain=Space(a=Real(0, 1)),
        predicate=lambda inst, c=1.0: at_most(inst.a, c),
        printed=dict(id="auth2026.lem5.printed", statement="a <= 1", status=Status.READING,
                     examples=({"a": 0.5},)),
        corrected=dict(id="auth2026.lem5.fixed", statement="a <= 2", params={"c": 2.0},
                       mutants=(Mutant("m", params={"c": -1.0}),)))
    entry = _entry(printed, fixed)
    assert entry["verdict"] == "verified"
    text = explain_entry(entry, examples=printed.examples)
    assert "No counterexample found for the reading (expected refuted): auth2026.lem5.printed" in text
    assert "tried:      " in text and "meeting the preconditions" in text
    assert 'example:    {"a": 0.5} (explicit, evaluated first)' in text
    assert "closest:" in text
