"""Tests of theory.margins.ntk_margin (global/NTK margins, transports, closed forms) and
theory.probability.gaussian_facts (Lemma A.2 bounds, the cap measure and covering of Lemma C.1)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from theory.data import hypercube
from theory.probability import gaussian_facts
from theory.margins import ntk_margin
from theory.data import sparse_parity
from theory.errors import InputError


def test_radial_constants_against_monte_carlo():
    rng = np.random.default_rng(0)
    d = 5
    a = rng.standard_normal(400000)
    rho = np.linalg.norm(rng.standard_normal((400000, d)), axis=1) / math.sqrt(d)
    inside = a * a + rho * rho <= 4
    assert ntk_margin.k_abs_a(d) == pytest.approx(np.mean(np.abs(a) * inside), abs=4e-3)
    assert ntk_margin.k_rho(d) == pytest.approx(np.mean(rho * inside), abs=4e-3)
    assert ntk_margin.mean_rho(d) == pytest.approx(np.mean(rho), abs=3e-3)


def test_mean_abs_coordinate_of_the_sphere():
    rng = np.random.default_rng(1)
    U = rng.standard_normal((200000, 4))
    U /= np.linalg.norm(U, axis=1, keepdims=True)
    assert ntk_margin.mean_abs_coordinate(4) == pytest.approx(np.mean(np.abs(U[:, 0])), abs=3e-3)
    assert ntk_margin.mean_abs_coordinate(1) == pytest.approx(1.0)


@pytest.mark.parametrize("transport", ["inner", "outer"])
def test_separable_closed_forms_against_monte_carlo(transport):
    d = 4
    u = np.eye(d)[0]
    X = np.array([[0.6, 0.8, 0, 0], [-0.5, 0, 0.5, math.sqrt(0.5)]])
    y = np.array([1.0, -1.0])
    theta = (ntk_margin.inner_sign_transport if transport == "inner" else ntk_margin.outer_sign_transport)(u)
    factor = (ntk_margin.inner_sign_margin if transport == "inner" else ntk_margin.outer_sign_margin)(d)
    mean, se = ntk_margin.monte_carlo_margins(theta, X, y, 200000, np.random.default_rng(2))
    assert np.all(np.abs(mean - factor * y * (X @ u)) <= 5 * se)


def test_parity_transport_sign_error_and_its_correction():
    d = 4
    X = hypercube.scaled_points(d)
    y = sparse_parity.parity_labels(X)
    alpha, B = sparse_parity.four_relu_reference(d)
    rng = np.random.default_rng(3)
    printed, se = ntk_margin.monte_carlo_margins(ntk_margin.parity_transport(B), X, y, 100000, rng)
    signed, se2 = ntk_margin.monte_carlo_margins(ntk_margin.parity_transport(B, signs=alpha), X, y, 100000, rng)
    value = ntk_margin.parity_transport_margin(d)
    assert np.all(np.abs(printed - value * y) <= 5 * se)      # the printed map: −value on y = −1
    assert np.all(np.abs(signed - value) <= 5 * se2)


def test_global_outer_closed_form_against_monte_carlo():
    alpha = np.array([0.7, 0.3])
    B = np.array([[1.0, 0, 0], [0, 1.0, 0]])
    X = np.array([[0.6, 0.8, 0.0], [0.0, 0.6, 0.8]])
    y = np.ones(2)
    theta = ntk_margin.global_outer_transport(alpha, B)
    mean, se = ntk_margin.monte_carlo_margins(theta, X, y, 200000, np.random.default_rng(4))
    assert np.all(np.abs(mean - ntk_margin.global_outer_margins(alpha, B, X, y)) <= 5 * se)


def test_transport_audit_detects_missing_support():
    alpha, B = sparse_parity.four_relu_reference(3)
    a = np.array([0.1, 3.0])
    V = np.array([[0.1, 0.1, 0.1], [0.1, 0.2, 0.0]])
    sup, outside = ntk_margin.transport_sup_norm(ntk_margin.parity_transport(B), a, V)
    assert outside > 0
    sup, outside = ntk_margin.transport_sup_norm(ntk_margin.parity_transport(B, indicator=True), a, V)
    assert outside == 0 and sup <= 1


def test_best_global_margin_recovers_parity_reference():
    X = hypercube.scaled_points(4)
    y = sparse_parity.parity_labels(X)
    alpha, B = sparse_parity.four_relu_reference(4)
    assert ntk_margin.best_global_margin(B, X, y) == pytest.approx(1 / math.sqrt(32), rel=1e-9)
    assert ntk_margin.global_margin(alpha, B, X, y) == pytest.approx(1 / math.sqrt(32), rel=1e-12)


def test_cap_measure_against_monte_carlo_and_bound():
    rng = np.random.default_rng(6)
    U = rng.standard_normal((400000, 4))
    U /= np.linalg.norm(U, axis=1, keepdims=True)
    for eps in (0.3, 1.0, 1.7):
        freq = np.mean(np.linalg.norm(U - np.eye(4)[0], axis=1) <= eps)
        assert gaussian_facts.cap_measure(4, eps) == pytest.approx(freq, abs=3e-3)
        assert gaussian_facts.cap_measure(4, eps) >= gaussian_facts.cap_lower_bound(4, eps)
    assert gaussian_facts.cap_measure(3, 2.0) == pytest.approx(1.0)


def test_initial_norm_bounds_hold_with_the_stated_probability():
    rng = np.random.default_rng(7)
    m, d, delta = 50, 5, 0.1
    ok = [np.linalg.norm(rng.standard_normal(m) / math.sqrt(m)) <= gaussian_facts.outer_norm_bound(m, delta)
          for _ in range(2000)]
    assert np.mean(ok) >= 1 - delta
    assert gaussian_facts.inner_norm_bound(m, d, delta) > math.sqrt(m)
    assert gaussian_facts.output_bound(10, 0.1) == pytest.approx(4 * math.log(100))


def test_covering_radius_and_width():
    B = np.eye(2)
    V = np.array([[1.0, 0.1], [0.0, 2.0]])
    assert gaussian_facts.covering_radius(B, V) == pytest.approx(np.linalg.norm(V[0] / np.linalg.norm(V[0]) - B[0]))
    assert gaussian_facts.covering_width(2, 1.0, 1, 0.5) == math.ceil(2 * 4 * math.log(2))


@pytest.mark.parametrize("call, message", [
    (lambda: ntk_margin.global_margin([0.5, 0.2], np.eye(2), np.eye(2) / 2, [1, 1]), "‖alpha‖₁ = 1"),
    (lambda: ntk_margin.inner_sign_transport([1.0, 1.0]), "unit vector"),
    (lambda: ntk_margin.parity_transport(np.ones((4, 2))), "unit-norm rows"),
    (lambda: ntk_margin.monte_carlo_margins(None, np.eye(2), [1, 1], 1, np.random.default_rng()), "samples"),
    (lambda: gaussian_facts.cap_measure(3, 2.5), "eps"),
    (lambda: gaussian_facts.outer_norm_bound(5, 0.0), "delta"),
    (lambda: gaussian_facts.covering_radius(np.eye(2), np.zeros((1, 2))), "nonzero rows"),
])
def test_bad_inputs(call, message):
    with pytest.raises(InputError, match=message):
        call()
