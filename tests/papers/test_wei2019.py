"""Wei et al. 2019: the pieces behind its verdicts — standing assumptions, certificates of the
errata (and their refusal of float-only counterexamples), the hinge-LP adversary of Theorem 2.1 and
the explicit examples that pin the printed forms."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

import theory.papers  # noqa: F401  (fills the registry)
from checks.audit import check_assumptions
from theory.data import hard_distribution as hd
from theory.margins import max_margin
from theory.dynamics import mean_field
from theory.kernels import relu_ntk
from theory.bibliography import WEI2019
from theory.claims import REGISTRY, ErrorClass, Status
from theory.papers.wei2019 import appendix_e, section2


def _claim(cid):
    return REGISTRY.get(cid)


def test_off_support_accepts_draws_of_D_and_names_what_is_wrong():
    X, y = hd.sample(20, 6, np.random.default_rng(0))
    assert hd.off_support(X, y) is None
    bad = X.copy()
    bad[3, 4] = 0.5
    assert "noise coordinate" in hd.off_support(bad, y)
    flipped = y.copy()
    flipped[0] = -flipped[0]
    assert "not an atom of D" in hd.off_support(X, flipped)


def test_a_counterexample_outside_the_standing_assumptions_is_flagged():
    claim = _claim("wei2019.thm2.1.printed-n-le-d2")
    X, y = hd.sample(5, 10, np.random.default_rng(1))
    inst = claim.domain.realize({"d": 10, "seed": 0})
    rows = check_assumptions(claim, inst, {"X_D": X, "y_D": y, "y": y})
    assert rows and all(r["holds"] for r in rows)
    X[0, :2] = (1.0, 1.0)  # not an atom of D
    rows = check_assumptions(claim, inst, {"X_D": X, "y_D": y, "y": 0.5 * y})
    broken = {r["name"] for r in rows if not r["holds"]}
    assert broken == {"examples drawn from D (eq. 2.1)", "binary labels (y_i ∈ {±1})"}
    assert {a.name for a in WEI2019.assumptions} >= broken


def test_every_erratum_is_classified_with_a_certificate_or_a_confidence():
    errata = [c for c in REGISTRY.paper_claims("wei2019") if c.status is Status.ERRATUM]
    assert len(errata) == 8
    classes = {c.id: c.error_class for c in errata}
    assert classes["wei2019.lemE.14.printed-cap-bound"] is ErrorClass.STATEMENT
    assert classes["wei2019.thm2.1.printed-n-le-d2"] is ErrorClass.TYPO
    for c in errata:
        assert "For the authors:" in c.note, c.id
        assert c.certify is not None or c.statistical, c.id


def test_kernel_certificate_encloses_the_margin_and_rejects_a_failing_predictor():
    d = 6
    X, _ = hd.sample(d * d, d, np.random.default_rng(2))
    S, ys = hd.support(d)
    A = ys[:, None] * relu_ntk.ntk(S, X)
    beta = max_margin.hinge_lp(A)
    lo, hi = section2.certified_min_margin(d, X, beta)
    assert lo <= Fraction(float((A @ beta).min())) + Fraction(1, 10**6) and lo <= hi
    # β = −β misclassifies the support: the enclosure cannot certify zero error
    lo_neg, hi_neg = section2.certified_min_margin(d, X, -beta)
    assert hi_neg < 0


def test_kernel_value_enclosures_contain_the_float_kernel():
    d = 7
    K = section2.kernel_value_enclosures(d)
    S, _ = hd.support(d)
    vals = relu_ntk.ntk(S[:40], S[:40])
    T = np.rint(S[:40] @ S[:40].T).astype(int)
    for t, v in zip(T.ravel(), vals.ravel()):
        lo, hi = K[int(t)]
        assert float(lo) - 1e-12 <= v <= float(hi) + 1e-12


@pytest.mark.parametrize("d,r", [(1, 1.0), (1, 0.3), (5, 0.9), (40, 0.5), (3, 1.9)])
def test_cap_measure_interval_encloses_the_betainc_value(d, r):
    import mpmath
    m = appendix_e.cap_measure_interval(d, r)
    value = float(mean_field.cap_measure(d, r))
    assert float(m.a) - 1e-13 * value <= value <= float(m.b) + 1e-13 * value
    assert isinstance(m, mpmath.iv.mpf().__class__)


def test_cap_certificate_refuses_an_instance_where_the_printed_bound_holds():
    claim = _claim("wei2019.lemE.14.printed-cap-bound")
    holds = claim.domain.realize({"d": 7, "r": 0.3})
    assert claim.predicate(holds, **claim.params).holds
    assert not claim.certify(holds, **claim.params).excludes_relation
    fails = claim.domain.realize({"d": 1, "r": 1.0})
    cert = claim.certify(fails, **claim.params)
    assert cert.excludes_relation and cert.hi < math.log(1 / 3) + 1e-9


def test_l_choice_certificate_is_exact_about_the_corrected_choice():
    claim = _claim("wei2019.thmE.4.printed-l-choice")
    inst = claim.domain.realize(dict(W2=2.0, eps=0.01, d=5, c2=3.0, sigma_fraction=1e-6))
    assert claim.certify(inst, **claim.params).excludes_relation
    corrected = claim.certify(inst, corrected=True, plus_one=True)
    assert not corrected.excludes_relation and corrected.lo <= 0 <= corrected.hi + 1e-9


def test_footnote6_certificate_agrees_with_the_half():
    claim = _claim("wei2019.propB.10.printed-footnote6")
    inst = claim.domain.realize({"m": 3, "d": 2, "seed": 4})
    assert claim.certify(inst, **claim.params).excludes_relation
    # the float net is balanced only to rounding, so against ½ the enclosure is at rounding level
    half = claim.certify(inst, claimed=0.5)
    assert abs(half.lo) < 1e-12 and abs(half.hi) < 1e-12


def test_b9_certificate_at_d5_where_norm_and_square_agree_is_refused():
    claim = _claim("wei2019.thmB.9.printed-norm-limit")
    agree = claim.domain.realize({"d": 5, "m": 1, "lam": 1e-3, "seed": 0})
    assert not claim.certify(agree, **claim.params).excludes_relation
    differ = claim.domain.realize({"d": 10, "m": 2, "lam": 1e-3, "seed": 0})
    assert claim.certify(differ, **claim.params).excludes_relation


def test_explicit_examples_refute_the_printed_forms():
    for cid in ("wei2019.thm2.1.printed-n-le-d2", "wei2019.lemE.14.printed-cap-bound",
                "wei2019.thmB.9.printed-norm-limit", "wei2019.eqB.1.printed-arc-probability"):
        claim = _claim(cid)
        assert claim.examples, cid
        ev = claim.predicate(claim.domain.realize(claim.examples[0]), **claim.params)
        assert not ev.holds and not ev.precondition, cid


def test_hinge_lp_separates_separable_rows_and_errs_on_inseparable_ones():
    A = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    assert (A @ max_margin.hinge_lp(A)).min() > 0
    B = np.array([[1.0], [-1.0], [1.0]])
    assert np.mean(B @ max_margin.hinge_lp(B) <= 0) == pytest.approx(1 / 3)
