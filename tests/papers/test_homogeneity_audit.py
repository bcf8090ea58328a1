"""homogeneity2025's accusations (issue 13): each certificate proves its erratum on the pinned
counterexample and does not "prove" it where the printed statement holds; witnesses outside the
paper's standing assumptions are rejected."""

from __future__ import annotations

import pytest

import theory.papers  # noqa: F401  (fills the registry)
from checks.audit import check_assumptions
from theory.claims import REGISTRY, Choice

H = "homogeneity2025."


def _claim(slug):
    return REGISTRY.get(H + slug)


@pytest.mark.parametrize("slug, recipe", [
    ("lemA.1.printed-log-n-gap", None),
    ("lem3.4.printed-proof-norm-bound", None),
    ("ex4.1.printed-f1-margin", None),
    ("ex4.1.printed-f1-margin", {"d": 3, "k": 3, "seed": 0}),
    ("ex4.1.printed-f1-margin", {"d": 5, "k": 1, "seed": 0}),
    ("lemA.2.printed-simplex-minimum", {"m": 3, "scale": 6.851, "seed": 1}),
    ("lem3.5.printed-kl-in-place-of-bregman", {"m": 5, "c": 100.0, "seed": 1}),
])
def test_certificate_excludes_the_printed_relation_on_a_counterexample(slug, recipe):
    c = _claim(slug)
    inst = c.domain.realize(recipe or c.examples[0])
    assert not c.predicate(inst, **c.params).holds
    cert = c.certify(inst, **c.params)
    assert cert.excludes_relation, cert


@pytest.mark.parametrize("slug, recipe", [
    ("lemA.1.printed-log-n-gap", {"n": 2, "scale": 0.0, "loss": "logistic", "pattern": "equal", "seed": 0}),
    ("lemA.2.printed-simplex-minimum", {"m": 1, "scale": 1.0, "seed": 0}),   # ‖v‖₁ = 1: printed value right
    ("lem3.5.printed-kl-in-place-of-bregman", {"m": 4, "c": 1.0, "seed": 0}),  # c = 1: no dropped term
])
def test_certificate_does_not_refute_where_the_printed_statement_holds(slug, recipe):
    c = _claim(slug)
    cert = c.certify(c.domain.realize(recipe), **c.params)
    assert not cert.excludes_relation, cert


def test_parity_certificate_refuses_even_k_without_a_dual_bound():
    c = _claim("ex4.1.printed-f1-margin")
    assert not c.certify(c.domain.realize({"d": 4, "k": 4, "seed": 0})).excludes_relation


def test_the_earlier_norm_growth_witness_breaks_the_proofs_hypothesis():
    """z ≡ 1 with m = 4 (the witness registered before the audit) has ‖z_i‖₂ = 2 > 1 (l.861)."""
    c = _claim("lem3.4.printed-proof-norm-bound")
    recipe = {"n": 5, "m": 4, "eta": 0.5, "steps": 20, "features": "ones", "reference": "initial", "seed": 0}
    inst = c.domain.replace(features=Choice("ones")).realize(recipe)
    ev = c.predicate(inst, **c.params)
    rows = check_assumptions(c, inst, ev.details["witness"])
    broken = [r for r in rows if not r["holds"]]
    assert broken and "‖z_i(s)‖₂ ≤ 1" in broken[0]["name"]
    pinned = c.domain.realize(c.examples[0])
    assert all(r["holds"] for r in check_assumptions(c, pinned, c.predicate(pinned, **c.params).details["witness"]))
