"""The engine on toy claims whose truth is known: every kind, every verdict, determinism."""

from __future__ import annotations

import math

import numpy as np
import pytest

from checks.engine import RunContext, check, derive_seed, evaluate
from checks.profiles import get_profile
from checks.run import ClaimResult, combine, select_claims
from theory.bibliography import ARORA2019
from theory.claims import (AtLeast, Claim, ErrorClass, Exponent, Kind, Mutant, Registry, Source,
                           Status, Tier, Verdict, erratum_pair)
from theory.claims.certificates import exact
from theory.domains import Choice, Grid, Int, Real, Seed, Space, SpherePoints
from theory.errors import InputError, UnknownNameError
from theory.evidence import Series, at_least, at_most, close, precondition_failed

QUICK = get_profile("quick")
SRC = Source(ARORA2019, "toy", "toy", 1)


def toy(**kw) -> Claim:
    fields = dict(id="arora2019.toy.claim", source=SRC, statement="toy", kind=Kind.INEQUALITY,
                  domain=Space(x=Int(0, 1000)), predicate=lambda i: at_most(i.x, 1000),
                  mutants=(Mutant("m", params={}),))
    fields.update(kw)
    return Claim(**fields)


def squares(inst, *, limit=10**6):
    return at_most(inst.x * inst.x, limit)


def test_true_inequality_is_verified_with_worst_slack():
    out = check(toy(predicate=squares, domain=Space(x=Int(0, 1000))), QUICK, 0)
    assert out.verdict is Verdict.VERIFIED
    assert out.instances >= QUICK.examples // 2
    assert out.worst_slack is not None and out.worst_slack >= 0
    assert out.worst_instance is not None and "x" in out.worst_instance


def test_false_inequality_is_refuted_and_shrunk_to_the_boundary():
    out = check(toy(predicate=squares, params={"limit": 250}), QUICK, 0)
    assert out.verdict is Verdict.REFUTED
    ce = out.counterexample
    assert ce["instance"] == {"x": 16}  # smallest x with x² > 250: Hypothesis shrinks to it
    assert ce["lhs"] == 256 and ce["rhs"] == 250
    assert ce["reproduce"].startswith("theorycheck replay arora2019.toy.claim --instance")


def test_mutant_overrides_params_and_domain():
    c = toy(predicate=squares, mutants=(Mutant("limit 250", params={"limit": 250}),
                                        Mutant("small domain", domain=Space(x=Int(0, 3)),
                                               params={"limit": 4})))
    assert check(c, QUICK, 0, mutant=c.mutants[0]).verdict is Verdict.REFUTED
    small = check(c, QUICK, 0, mutant=c.mutants[1])
    assert small.verdict is Verdict.REFUTED and small.counterexample["instance"] == {"x": 3}
    assert check(c, QUICK, 0).verdict is Verdict.VERIFIED


def test_violated_preconditions_are_neither_pass_nor_refutation():
    def only_even(inst):
        if inst.x % 2:
            return precondition_failed("x must be even")
        return at_least(inst.x, -1)

    out = check(toy(predicate=only_even), QUICK, 0)
    assert out.verdict is Verdict.VERIFIED
    assert out.preconditions_violated > 0
    assert out.precondition_reasons == {"x must be even": out.preconditions_violated}

    never = check(toy(predicate=lambda i: precondition_failed("never")), QUICK, 0)
    assert never.verdict is Verdict.INCONCLUSIVE
    assert "preconditions" in never.message and never.counterexample is None


def test_a_finite_domain_searched_to_the_end_is_verified_however_few_its_points():
    standard = get_profile("standard")  # asks for max(3, examples // 10) valid instances: more than 12
    assert standard.examples // 10 > 12
    small = toy(domain=Space(x=Int(3, 14)), predicate=lambda i: at_most(i.x, 14))
    out = check(small, standard, 0)
    assert out.verdict is Verdict.VERIFIED, out.message
    assert "all 12 instances of the domain" in out.message
    wrong = check(toy(domain=Space(x=Int(3, 14)), predicate=lambda i: at_most(i.x, 13)), standard, 0)
    assert wrong.verdict is Verdict.REFUTED and wrong.counterexample["instance"] == {"x": 14}
    # every point violates a hypothesis: still nothing shown
    none = check(toy(domain=Space(x=Int(3, 14)), predicate=lambda i: precondition_failed("no")), standard, 0)
    assert none.verdict is Verdict.INCONCLUSIVE and "0 of 12" in none.message


def test_domain_sizes_count_finite_fields_only():
    assert Space(a=Int(3, 14), b=Choice("u", "v"), c=Grid(1, 2, 4)).size() == 12 * 2 * 3
    assert Space(a=Int(0, 1), x=Real(0, 1)).size() is None
    assert Space(s=Seed()).size() is None and Space().size() == 1


def test_a_raising_predicate_is_an_error_with_its_instance():
    def boom(inst):
        if inst.x > 5:
            raise ZeroDivisionError("no")
        return at_most(0, 1)

    out = check(toy(predicate=boom), QUICK, 0)
    assert out.verdict is Verdict.ERROR
    assert "ZeroDivisionError" in out.message
    assert out.counterexample["instance"] == {"x": 6}


@pytest.mark.parametrize("tol", [math.nan, math.inf, -1e-12])
def test_a_broken_tolerance_is_an_error_of_the_claim_not_a_verdict(tol):
    # e.g. 0·∞ where a side underflows to 0: comparing against it would refute (NaN) or pass (∞)
    # without saying anything about the statement
    out = check(toy(predicate=lambda i: at_most(0.0, 0.0, tol=tol)), QUICK, 0)
    assert out.verdict is Verdict.ERROR
    assert "tolerance must be a finite number >= 0" in out.message and "error model" in out.message
    assert out.counterexample["instance"] is not None


def test_curves_passed_the_old_way_are_an_error_that_names_series():
    out = check(toy(predicate=lambda i: at_most(i.x, 1000, diagnostics=[{"name": "c", "x": [0], "y": [1]}])),
                QUICK, 0)
    assert out.verdict is Verdict.ERROR and "series=[Series(...)]" in out.message


def test_non_finite_values_never_pass():
    out = check(toy(predicate=lambda i: at_most(math.nan, 1.0)), QUICK, 0)
    assert out.verdict is Verdict.REFUTED


def test_identity_with_tolerance():
    ok = check(toy(kind=Kind.IDENTITY, domain=Space(x=Real(-10, 10)),
                   predicate=lambda i: close(math.sin(i.x) ** 2 + math.cos(i.x) ** 2, 1.0,
                                             tol=4e-16, why="4 ulp")), QUICK, 0)
    assert ok.verdict is Verdict.VERIFIED
    bad = check(toy(kind=Kind.IDENTITY, domain=Space(x=Real(-10, 10)),
                    predicate=lambda i: close(math.sin(i.x) ** 2, 1.0, tol=1e-12, why="x")), QUICK, 0)
    assert bad.verdict is Verdict.REFUTED


def test_identity_slack_is_relative_to_its_tolerance_even_a_subnormal_one():
    # a tolerance proportional to gradients that vanish (every unit inactive) is subnormal; exact
    # agreement there has the full slack, not (tol − 0)/1e-300 ≈ 1e-14
    assert close(0.0, 0.0, tol=7e-314, why="x").slack == 1.0
    assert close(3.5e-314, 0.0, tol=7e-314, why="x").slack == pytest.approx(0.5)
    assert close(1.0, 0.0, tol=7e-314, why="x").slack < -1e299
    exact = close(2.0, 2.0, tol=0.0, why="exact").slack
    assert exact == 0.0 and math.copysign(1.0, exact) == 1.0  # 0.0, not −0.0


def test_same_seed_same_outcome_and_different_seeds_differ():
    c = toy(domain=Space(X=SpherePoints(n=(2, 10), d=(2, 5)), s=Seed()),
            predicate=lambda i: at_most(float(np.abs(i.X).max()), 1.0))
    a, b = check(c, QUICK, 3), check(c, QUICK, 3)
    assert a.slacks == b.slacks and a.worst_instance == b.worst_instance
    assert check(c, QUICK, 4).slacks != a.slacks
    assert derive_seed(0, "x") == derive_seed(0, "x") != derive_seed(1, "x")


def coin(inst, *, p=0.95):
    return at_most(inst.rng("u").uniform(), p)


def test_probability_verified_refuted_inconclusive():
    dom = Space(s=Seed())
    verified = check(toy(kind=Kind.PROBABILITY, domain=dom, predicate=coin, expect=AtLeast(0.8)), QUICK, 0)
    assert verified.verdict is Verdict.VERIFIED, verified.message
    assert verified.probability["trials"] == QUICK.trials
    lo, hi = verified.probability["ci"]
    assert lo <= 0.95 <= hi
    refuted = check(toy(kind=Kind.PROBABILITY, domain=dom, predicate=coin, params={"p": 0.5},
                        expect=AtLeast(0.8)), QUICK, 0)
    assert refuted.verdict is Verdict.REFUTED and refuted.counterexample is not None
    straddle = check(toy(kind=Kind.PROBABILITY, domain=dom, predicate=coin, params={"p": 0.8},
                         expect=AtLeast(0.8)), QUICK, 0)
    assert straddle.verdict is Verdict.INCONCLUSIVE


def noisy_power(inst, *, exponent=-0.5):
    return inst.M ** exponent * math.exp(0.05 * inst.rng("e").standard_normal())


def test_scaling_fit_recovers_the_exponent():
    dom = Space(M=Grid(10, 100, 1000, 10000), s=Seed())
    c = toy(kind=Kind.SCALING, domain=dom, predicate=noisy_power, expect=Exponent(-0.5, 0.1))
    out = check(c, QUICK, 0)
    assert out.verdict is Verdict.VERIFIED, out.message
    assert abs(out.fit["exponent"] + 0.5) < 0.03
    assert out.fit["ci"][0] <= -0.5 <= out.fit["ci"][1]
    wrong = check(c, QUICK, 0, mutant=Mutant("rate -1", params={"exponent": -1.0}))
    assert wrong.verdict is Verdict.REFUTED


def test_trajectory_kinds_run_per_seed_and_collect_diagnostics():
    def run(inst, *, context, bad=False):
        assert isinstance(context, RunContext) and context.device == "cpu"
        curve = np.exp(-np.arange(5.0))
        ev = at_most(curve[-1], 0.5 if not bad else 1e-3, series=[Series("loss", [0, 1], [1, 0])])
        return [ev, at_least(curve[0], 1.0)]

    c = toy(kind=Kind.DYNAMICS, domain=Space(s=Seed()), predicate=run)
    out = check(c, QUICK, 0)
    assert out.verdict is Verdict.VERIFIED and out.diagnostics[0]["name"] == "loss"
    assert check(c, QUICK, 0, mutant=Mutant("bad", params={"bad": True})).verdict is Verdict.REFUTED


def certify_squares(inst, *, limit=10**6):
    return exact(inst.x * inst.x - limit, "<=", "exact integer arithmetic")


def test_erratum_is_confirmed_only_with_a_verified_sibling():
    printed = toy(id="arora2019.toy.printed", predicate=squares, params={"limit": 250},
                  status=Status.ERRATUM, error_class=ErrorClass.STATEMENT, certify=certify_squares,
                  corrected_by="arora2019.toy.fixed", mutants=())
    fixed = toy(id="arora2019.toy.fixed", predicate=squares, corrects="arora2019.toy.printed")
    results = [ClaimResult(printed, check(printed, QUICK, 0)), ClaimResult(fixed, check(fixed, QUICK, 0))]
    combine(results)
    assert results[0].verdict is Verdict.ERRATUM_CONFIRMED and results[0].as_declared
    broken = toy(id="arora2019.toy.fixed", predicate=squares, params={"limit": 9})
    results = [ClaimResult(printed, check(printed, QUICK, 0)), ClaimResult(broken, check(broken, QUICK, 0))]
    combine(results)
    assert results[0].verdict is Verdict.REFUTED and not results[0].as_declared


def test_registry_rules():
    reg = Registry()
    reg.add(toy())
    with pytest.raises(InputError, match="twice"):
        reg.add(toy())
    with pytest.raises(InputError, match="no mutant"):
        reg.add(toy(id="arora2019.toy.other", mutants=()))
    with pytest.raises(InputError, match="paper.result.slug"):
        reg.add(toy(id="Bad Id"))
    with pytest.raises(InputError, match="corrected sibling"):
        reg.add(toy(id="arora2019.toy.e", status=Status.ERRATUM, error_class=ErrorClass.TYPO))
    with pytest.raises(InputError, match="error_class"):
        reg.add(toy(id="arora2019.toy.e", status=Status.ERRATUM, corrected_by="arora2019.toy.claim"))
    with pytest.raises(InputError, match="Exponent"):
        reg.add(toy(id="arora2019.toy.s", kind=Kind.SCALING))
    with pytest.raises(UnknownNameError, match="unknown claim id"):
        reg.get("arora2019.nope.x")
    with pytest.raises(UnknownNameError, match="unknown paper"):
        reg.paper_claims("nobody2020")


def test_erratum_pair_registers_both_claims_linked_both_ways():
    reg = Registry()
    register = lambda **fields: reg.add(Claim(**fields))  # noqa: E731 — a fresh registry, not REGISTRY
    shared_domain = Space(x=Int(0, 1000))
    printed, fixed = erratum_pair(
        register=register,
        source=SRC, kind=Kind.INEQUALITY, domain=shared_domain, predicate=squares, tier=Tier.STANDARD,
        printed=dict(id="arora2019.toy.printed", statement="x² <= 250", params={"limit": 250},
                     tier=Tier.QUICK, error_class=ErrorClass.STATEMENT),
        corrected=dict(id="arora2019.toy.fixed", statement="x² <= 10⁶", mutants=(Mutant("m", params={}),)),
    )
    # registered in order, printed first, and returned as (printed, corrected)
    assert [c.id for c in reg] == ["arora2019.toy.printed", "arora2019.toy.fixed"]
    assert reg.get("arora2019.toy.printed") is printed and reg.get("arora2019.toy.fixed") is fixed
    # linked both ways, erratum status on the printed claim only
    assert printed.status is Status.ERRATUM and printed.corrected_by == fixed.id and printed.corrects is None
    assert fixed.status is Status.HOLDS and fixed.corrects == printed.id and fixed.corrected_by is None
    reg.validate_links()
    # shared fields on both; a per-claim key overrides the shared value for that claim only
    for c in (printed, fixed):
        assert c.source is SRC and c.kind is Kind.INEQUALITY and c.domain is shared_domain
        assert c.predicate is squares
    assert printed.tier is Tier.QUICK and fixed.tier is Tier.STANDARD
    assert printed.params == {"limit": 250} and dict(fixed.params) == {}
    assert (printed.statement, fixed.statement) == ("x² <= 250", "x² <= 10⁶")
    assert printed.mutants == () and len(fixed.mutants) == 1


def test_erratum_pair_can_keep_the_corrected_sibling_first():
    reg = Registry()
    printed, fixed = erratum_pair(
        register=lambda **fields: reg.add(Claim(**fields)), corrected_first=True,
        source=SRC, statement="toy", kind=Kind.INEQUALITY, domain=Space(x=Int(0, 10)), predicate=squares,
        printed=dict(id="arora2019.toy.printed", error_class=ErrorClass.TYPO),
        corrected=dict(id="arora2019.toy.fixed", mutants=(Mutant("m", params={}),)),
    )
    assert [c.id for c in reg] == ["arora2019.toy.fixed", "arora2019.toy.printed"]
    assert (printed.id, fixed.id) == ("arora2019.toy.printed", "arora2019.toy.fixed")
    assert printed.corrected_by == fixed.id and fixed.corrects == printed.id
    reg.validate_links()


@pytest.mark.parametrize("side", ["printed", "corrected", "shared"])
@pytest.mark.parametrize("field_name, value", [("status", Status.HOLDS), ("corrected_by", "arora2019.toy.x"),
                                                ("corrects", "arora2019.toy.x")])
def test_erratum_pair_rejects_link_fields_set_by_hand(side, field_name, value):
    reg = Registry()
    printed = dict(id="arora2019.toy.printed")
    corrected = dict(id="arora2019.toy.fixed", mutants=(Mutant("m", params={}),))
    shared = dict(source=SRC, statement="toy", kind=Kind.INEQUALITY, domain=Space(x=Int(0, 10)),
                  predicate=squares)
    {"printed": printed, "corrected": corrected, "shared": shared}[side][field_name] = value
    with pytest.raises(InputError, match=field_name):
        erratum_pair(register=lambda **fields: reg.add(Claim(**fields)), printed=printed,
                     corrected=corrected, **shared)
    assert len(reg) == 0  # nothing half-registered


def test_erratum_pair_needs_both_ids():
    with pytest.raises(InputError, match="corrected claim needs an id"):
        erratum_pair(register=lambda **fields: pytest.fail("registered"), source=SRC,
                     printed=dict(id="arora2019.toy.printed"), corrected=dict(statement="toy"))


def test_select_claims_respects_tiers_and_adds_siblings():
    reg = Registry()
    reg.add(toy(id="arora2019.toy.printed", status=Status.ERRATUM, error_class=ErrorClass.STATEMENT, corrected_by="arora2019.toy.fixed", mutants=()))
    reg.add(toy(id="arora2019.toy.fixed", corrects="arora2019.toy.printed", tier=Tier.STANDARD))
    reg.add(toy(id="arora2019.toy.gpu", tier=Tier.GPU))
    quick = select_claims(QUICK, registry=reg)
    assert [c.id for c in quick] == ["arora2019.toy.printed", "arora2019.toy.fixed"]
    assert [c.id for c in select_claims(QUICK, claim_ids=["arora2019.toy.gpu"], registry=reg)] == ["arora2019.toy.gpu"]
    assert len(select_claims(get_profile("gpu"), registry=reg)) == 3


def test_evaluate_replays_a_recipe():
    c = toy(predicate=squares, params={"limit": 250})
    assert evaluate(c, {"x": 16}).holds is False
    assert evaluate(c, {"x": 15}).holds is True
    with pytest.raises(InputError, match="integer in"):
        c.domain.check({"x": 5000})
    with pytest.raises(InputError, match="missing"):
        c.domain.check({})


def test_every_kind_has_exactly_one_runner():
    """A kind is a runner in the table RUNNERS: every Kind has one, and a second registration
    for the same kind is refused."""
    import pytest

    from checks.engine import RUNNERS, runner
    from theory.claims import Kind
    assert set(RUNNERS) == set(Kind)
    with pytest.raises(ValueError, match="already has the runner"):
        runner(Kind.SCALING)(lambda *a: None)
