"""Direct tests of the helpers behind Lemma A.3.2's deterministic sub-bounds (catalogue PI-3) and
Proposition 2.6's KKT point (catalogue PI-11) in theory.papers.telgarsky2023 (appA, sec2_ntk)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from theory.margins import max_margin
from theory.nets import two_layer_relu as nets
from theory.errors import InputError
from theory.papers.telgarsky2023 import appA, sec2_ntk


def test_gradient_pairings_match_a_hand_computation():
    # one node a = 2, v = (1, 0), x = (0.6, 0.8), y = +1: ∂̂p = (σ(0.6), 2·1·x) = (0.6, 1.2, 1.6)
    a, V = np.array([2.0]), np.array([[1.0, 0.0]])
    X, y = np.array([[0.6, 0.8]]), np.ones(1)
    Ga, GV = nets.margin_gradients(a, V, X, y)
    value = appA.gradient_pairings(np.array([3.0]), np.array([[1.0, -1.0]]), Ga, GV)
    assert value == pytest.approx([3.0 * 0.6 + 1.2 - 1.6])


def test_activation_flip_breaks_the_bound_without_the_flip_term():
    # W: a = 1, v = ε(1, 0); W' flips v → −v. θ̄ = (0, V̄) with V̄ = (1, 0), x = e_1.
    # ⟨θ̄, ∂̂p(W') − ∂̂p(W)⟩ = a·(σ'(−ε) − σ'(ε))·v̄ᵀx = −1, while
    # ‖ā‖‖V' − V‖ + ‖a' − a‖‖V̄‖ = 0 and the flip term ‖a‖‖V̄‖ = 1 pays exactly for it.
    eps = 1e-3
    a, V, V2 = np.array([1.0]), np.array([[eps, 0.0]]), np.array([[-eps, 0.0]])
    X, y = np.array([[1.0, 0.0]]), np.ones(1)
    ta, tV = np.zeros(1), np.array([[1.0, 0.0]])
    G = nets.margin_gradients(a, V, X, y)
    G2 = nets.margin_gradients(a, V2, X, y)
    lhs = abs(float(appA.gradient_pairings(ta, tV, *G2)[0] - appA.gradient_pairings(ta, tV, *G)[0]))
    without_flip = np.linalg.norm(ta) * np.linalg.norm(V2 - V) + 0.0 * np.linalg.norm(tV)
    assert lhs == 1.0
    assert lhs > without_flip
    assert lhs <= without_flip + np.linalg.norm(a) * np.linalg.norm(tV)


def test_pairing_rounding_is_the_absolute_sum():
    X = np.array([[0.6, -0.8]])
    V = np.array([[1.0, 2.0], [-1.0, 0.5]])
    a = np.array([0.5, -2.0])
    ta, tV = np.array([1.0, -1.0]), np.array([[0.0, 1.0], [2.0, 0.0]])
    expected = (0.6 * 1 + 0.8 * 2) * 1 + (0.6 * 1 + 0.8 * 0.5) * 1 + (0.8 * 1) * 0.5 + (0.6 * 2) * 2.0
    assert appA.pairing_rounding(X, V, a, ta, tV) == pytest.approx([expected])


def test_euler_defect_is_tight_at_w_equal_w_prime():
    # ⟨W, ∂̂p_i(W)⟩ − p_i(W) = 2p_i − p_i = p_i: the bound |p_i(W)| + 0 + 0 holds with equality
    rng = np.random.default_rng(0)
    a, V = nets.standard_init(5, 3, rng)
    X = rng.standard_normal((4, 3))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    y = np.array([1.0, -1.0, 1.0, -1.0])
    Ga, GV = nets.margin_gradients(a, V, X, y)
    p = nets.margins(a, V, X, y)
    defect = Ga @ a + np.einsum("imd,md->i", GV, V) - p
    np.testing.assert_allclose(np.abs(defect), np.abs(p), rtol=1e-12, atol=1e-15)


def _plane_cones():
    ang = math.radians(70) + math.radians(2) * np.linspace(-1, 1, 5)
    S1 = np.c_[np.cos(ang), np.sin(ang)]
    return S1, S1 * np.array([1.0, -1.0])


def test_ldp_max_margin_on_symmetric_cones():
    # cones at ±(68°..72°): u = e_1, γ̂ = cos 72°, support vectors the two extreme points
    S1, S2 = _plane_cones()
    X = np.vstack([S1, S2])
    gamma, u, error = max_margin.least_distance_max_margin(X, np.ones(len(X)))
    assert gamma == pytest.approx(math.cos(math.radians(72)), abs=1e-14)
    np.testing.assert_allclose(u, [1.0, 0.0], atol=1e-14)
    assert 0 < error < 1e-12


def test_ldp_max_margin_refuses_non_separable_data():
    # S_1 = {e_1}, S_2 = {−e_1}: satisfies ⟨x, x'⟩ <= −1/√2 but 0 ∈ conv S (catalogue M8)
    X = np.array([[1.0, 0.0], [-1.0, 0.0]])
    with pytest.raises(InputError, match="not linearly separable"):
        max_margin.least_distance_max_margin(X, np.ones(2))


def test_linear_kkt_network_refuses_a_direction_without_margin():
    X = np.array([[1.0, 0.0], [-1.0, 0.0]])
    with pytest.raises(InputError, match="no positive linear margin"):
        sec2_ntk.linear_kkt_network(X, np.array([1.0, 0.0]), 3)


def test_linear_kkt_network_has_unit_margin_and_balanced_nodes():
    S1, S2 = _plane_cones()
    X = np.vstack([S1, S2])
    a, V = sec2_ntk.linear_kkt_network(X, np.array([1.0, 0.0]), 4)
    assert nets.margins(a, V, X, np.ones(len(X))).min() == pytest.approx(1.0, rel=1e-14)
    np.testing.assert_allclose(np.abs(a), np.linalg.norm(V, axis=1), rtol=1e-15)


def test_kkt_residual_vanishes_at_the_max_margin_net_only():
    S1, S2 = _plane_cones()
    X, y = np.vstack([S1, S2]), np.ones(10)
    rho, lam = sec2_ntk.kkt_residual(*sec2_ntk.linear_kkt_network(X, np.array([1.0, 0.0]), 3), X, y)
    assert rho < 1e-12
    # the multipliers sit on the two support vectors (angles ±72°, rows 4 and 9) only
    assert set(np.flatnonzero(lam > 1e-12)) == {4, 9}
    tilted = np.array([math.cos(0.05), math.sin(0.05)])
    assert sec2_ntk.kkt_residual(*sec2_ntk.linear_kkt_network(X, tilted, 3), X, y)[0] > 1e-3
    assert sec2_ntk.kkt_residual(*sec2_ntk.linear_kkt_network(X, np.array([1.0, 0.0]), 3, balance=2.0), X, y)[0] > 1e-2


def test_kkt_residual_refuses_a_net_without_positive_margin():
    X, y = np.array([[1.0, 0.0]]), np.ones(1)
    with pytest.raises(InputError, match="min_i p_i"):
        sec2_ntk.kkt_residual(np.array([-1.0]), np.array([[1.0, 0.0]]), X, y)
