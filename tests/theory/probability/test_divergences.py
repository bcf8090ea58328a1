"""theory.probability.divergences: entropy potential, unnormalized KL and the facts of Lemma A.2."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import minimize

from theory.probability import divergences as dv
from theory.errors import InputError


def _pair(seed, m=6):
    rng = np.random.default_rng(seed)
    return rng.exponential(size=m) * 3, rng.exponential(size=m)


def test_kl_is_the_bregman_divergence_and_nonnegative():
    for seed in range(20):
        r, q = _pair(seed)
        assert dv.kl(r, q) == pytest.approx(dv.bregman_entropy(r, q), rel=1e-12, abs=1e-12)
        assert dv.kl(r, q) >= 0
    assert dv.kl(np.ones(3), np.ones(3)) == 0.0


def test_conjugate_against_a_numerical_supremum():
    r = np.array([-1.0, 0.3, 2.0])
    res = minimize(lambda t: -(r @ np.exp(t) - dv.entropy_potential(np.exp(t))), np.zeros(3))
    assert -res.fun == pytest.approx(dv.entropy_conjugate(r), rel=1e-6)


def test_decomposition_sums_to_kl():
    for seed in range(10):
        r, q = _pair(seed)
        first, second = dv.kl_decomposition(r, q)
        assert first + second == pytest.approx(dv.kl(r, q), rel=1e-12)


def test_simplex_minimum_against_an_optimiser():
    v = np.array([0.5, 2.0, 4.351])  # ‖v‖₁ = 6.851, the catalogue's example
    res = minimize(lambda t: dv.kl(np.exp(t) / np.exp(t).sum(), v), np.zeros(3))
    assert res.fun == pytest.approx(dv.simplex_min_kl(v), abs=1e-7)
    assert dv.simplex_min_kl(v) == pytest.approx(3.926, abs=1e-3)
    assert dv.simplex_min_kl_as_printed(v) == pytest.approx(-1.924, abs=1e-3)


def test_lemma_a2_lower_bounds_hold_and_q_over_4_does_not():
    r = np.array([1.0, 2.0, 3.0])
    q = 2 * r  # KL(r, 2r) = (1 − ln 2)‖r‖
    assert dv.kl(r, q) == pytest.approx((1 - math.log(2)) * 6, rel=1e-12)
    first, second = dv.lemma_a2_bounds(r, q)
    assert dv.kl(r, q) >= first >= second
    assert dv.kl(r, q) < q.sum() / 4


def test_scaled_reference_closed_form_and_its_log_term():
    p = np.array([0.2, 0.3, 0.5])
    q = np.full(3, 1 / 3)
    for c in [0.5, 1.0, 7.0, 1e4]:
        assert dv.scaled_reference_divergence(p, q, c) == pytest.approx(
            dv.scaled_reference_closed_form(p, q, c), rel=1e-12)
    # ln c − 1 + 1/c = Q(c) > 0: the term Lemma 3.5 drops
    assert dv.scaled_reference_divergence(p, q, 1e4) - dv.kl(p, q) == pytest.approx(
        dv.q_function(1e4), rel=1e-10)


@pytest.mark.parametrize("bad, match", [
    (lambda: dv.kl(np.array([1.0, 0.0]), np.ones(2)), "strictly positive"),
    (lambda: dv.kl(np.ones(2), np.ones(3)), "same length"),
    (lambda: dv.q_function(-1.0), "> 0"),
    (lambda: dv.scaled_reference_closed_form(np.ones(2), np.ones(2), 2.0), "‖p‖₁ = 1"),
])
def test_bad_input_is_named(bad, match):
    with pytest.raises(InputError, match=match):
        bad()


def test_kl_on_support_is_the_limit_of_kl_as_entries_vanish():
    """kl_on_support(p, q) with p_j = 0 is lim kl(p + t e_j, q) as t → 0 (the entry contributes q_j)."""
    p = np.array([0.0, 0.3, 0.7, 0.0])
    q = np.array([0.2, 0.5, 0.1, 0.4])
    exact = dv.kl_on_support(p, q)
    assert exact == pytest.approx(dv.kl(p[1:3], q[1:3]) + 0.6, abs=1e-15)
    for t in (1e-6, 1e-9):
        assert dv.kl(p + t, q) == pytest.approx(exact, abs=50 * t)
    with pytest.raises(InputError, match="p must have entries >= 0"):
        dv.kl_on_support(-p, q)
