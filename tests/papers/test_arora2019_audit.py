"""Arora et al. 2019 after the issue-13 audit: the Example 6.2 band witness stays inside the paper's
standing assumptions and is certified in interval arithmetic; the Hadamard-power typo is certified
in exact rationals; a witness outside the assumptions is caught; engine policy is declared."""

from __future__ import annotations

import numpy as np
import pytest

import theory.papers  # noqa: F401  (fills the registry)
from checks.audit import check_assumptions
from theory.claims import REGISTRY, ErrorClass, Status
from theory.errors import InputError

EX62 = "arora2019.ex6.2.printed-nuclear-norm"


def _realize(claim_id, recipe):
    claim = REGISTRY.get(claim_id)
    claim.domain.check(recipe)
    return claim, claim.domain.realize(recipe)


def test_band_witness_is_inside_the_standing_assumptions_and_refutes_the_printed_bound():
    claim, inst = _realize(EX62, REGISTRY.get(EX62).examples[0])
    ev = claim.predicate(inst, **claim.params)
    assert not ev.holds and ev.lhs > 1.3 * ev.rhs  # q/‖A‖_* ≈ 52 against 36
    rows = check_assumptions(claim, inst, ev.details["witness"])
    assert {r["name"] for r in rows} >= {"inputs on the unit sphere (‖x_i‖ = 1)", "bounded labels (|y_i| ≤ 1)"}
    assert all(r["holds"] for r in rows)
    cert = claim.certify(inst, **claim.params)
    assert cert.excludes_relation and cert.lo > 2000


def test_corrected_example62_holds_on_the_band_witness():
    claim, inst = _realize(EX62, {"pairs": 8, "c": 64.0})
    fixed = REGISTRY.get(claim.corrected_by)
    ev = fixed.predicate(inst, **fixed.params)
    assert ev.holds and ev.lhs < 6 * 128  # √q ≈ 81.8 ≤ 6‖A‖_* = 768


def test_a_witness_outside_the_assumptions_is_flagged():
    claim, inst = _realize(EX62, {"pairs": 2, "c": 4.0})
    X = np.eye(3)
    rows = check_assumptions(claim, inst, {"X": X, "y": np.full(3, 10.0)})  # A = 20·I/2: y ≡ 10
    broken = [r for r in rows if not r["holds"]]
    assert [r["name"] for r in broken] == ["bounded labels (|y_i| ≤ 1)"]
    rows = check_assumptions(claim, inst, {"X": 2 * X, "y": np.zeros(3)})
    assert [r["name"] for r in rows if not r["holds"]] == ["inputs on the unit sphere (‖x_i‖ = 1)"]


def test_hadamard_typo_certificate_is_exact_and_nonzero():
    claim, inst = _realize("arora2019.appE.printed-hadamard-power",
                           {"X": {"n": 5, "d": 3, "geometry": "gauss", "k": 1, "seed": 3}, "l": 2})
    assert claim.error_class is ErrorClass.TYPO
    cert = claim.certify(inst, **claim.params)
    assert cert.excludes_relation and cert.method.startswith("exact rationals")
    with pytest.raises(InputError):
        claim.certify(inst, product="khatri-rao")


def test_findings_are_not_errata():
    assert REGISTRY.get("arora2019.rem5.1.printed-parallel").status is Status.READING
    assert REGISTRY.get("arora2019.eq17.printed-small-ball").status is Status.SOURCE_UNVERIFIED
    errata = {c.id: c.error_class for c in REGISTRY.paper_claims("arora2019") if c.status is Status.ERRATUM}
    assert errata == {EX62: ErrorClass.STATEMENT, "arora2019.appE.printed-hadamard-power": ErrorClass.TYPO}


def test_every_arora_claim_declares_its_threads_and_every_flag_has_a_decision():
    assert all(c.threads == 1 for c in REGISTRY.paper_claims("arora2019"))
    flags = {d.flag.split(" ")[0] for d in REGISTRY.decisions if d.source.paper.key == "arora2019"}
    assert flags >= {"S1", "S2", "S3", "S4", "S5", "S6", "S7"}
