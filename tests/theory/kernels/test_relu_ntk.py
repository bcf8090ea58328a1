"""Tests of theory.kernels.relu_ntk: the two-layer ReLU NTK closed form (Wei et al. 2019, eq. B.1)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from theory.kernels import hinf, relu_ntk
from theory.errors import InputError


def test_closed_form_matches_monte_carlo():
    rng = np.random.default_rng(1)
    X, Z = rng.standard_normal((3, 5)), rng.standard_normal((2, 5))
    mean, se = relu_ntk.ntk_monte_carlo(X, Z, 1.3, 0.7, 200_000, np.random.default_rng(2))
    K = relu_ntk.ntk(X, Z, *relu_ntk.taus(1.3, 0.7))
    assert np.all(np.abs(mean - K) <= 5 * se)
    # the printed arc probability (1 − θ/π) would double the gradient part: far outside 5σ
    wrong = K + relu_ntk.taus(1.3, 0.7)[0] * relu_ntk.k1(X, Z)
    assert np.any(np.abs(mean - wrong) > 5 * se)


def test_relu_part_is_arc_cosine_kernel():
    # E_g[[gᵀx]_+[gᵀx']_+] = (K1 + K2)/2 for g ~ N(0, I) (Cho & Saul), by quadrature over angles
    x, xp = np.array([[1.0, 0.0]]), np.array([[math.cos(1.1), math.sin(1.1)]]) * 2.0
    phi = np.linspace(0, 2 * math.pi, 200_001)[:-1]
    g = np.stack([np.cos(phi), np.sin(phi)], 1)
    # g = r·(cos φ, sin φ) with E[r²] = 2 in 2-D and φ uniform: the expectation is 2·mean over φ
    quad = 2 * np.mean(np.maximum(g @ x[0], 0) * np.maximum(g @ xp[0], 0))
    assert math.isclose(quad, float((relu_ntk.k1(x, xp) + relu_ntk.k2(x, xp))[0, 0]) / 2, rel_tol=1e-6)


@given(st.floats(0.0, math.pi))
def test_coactivation_from_angle_endpoints_and_formula(theta):
    p = float(hinf.coactivation_from_angle(theta))
    assert 0.0 <= p <= 0.5
    assert math.isclose(p, 0.5 - theta / (2 * math.pi), abs_tol=1e-15)


def test_angles_are_accurate_near_parallel_and_antipodal():
    x = np.array([[1.0, 0.0, 0.0]])
    for t in (1e-9, 1e-5, math.pi - 1e-7):
        z = np.array([[math.cos(t), math.sin(t), 0.0]])
        assert math.isclose(float(hinf.cross_angles(x, z)[0, 0]), t, rel_tol=1e-8)
    assert float(relu_ntk.k2(x, x)[0, 0]) == 0.0
    assert float(relu_ntk.k1(x, -x)[0, 0]) == 0.0


def test_taylor_surrogate_coefficients_match_lemma_b5():
    d, t1, t2 = 11, 0.3, 0.9
    c = relu_ntk.surrogate_coefficients(d, t1, t2)
    assert np.all(c >= 0)
    assert math.isclose(c[2] / (d - 1) ** 2, (t1 + t2 / 2) / (math.pi * (d - 1)))
    t = np.linspace(-0.2, 0.2, 41)
    approx = np.polyval(c[::-1], t)
    exact = (d - 1) * ((t1 + t2) * relu_ntk.h1(t) + t2 * relu_ntk.h2(t))
    assert np.max(np.abs(approx - exact)) <= (d - 1) * (t1 + t2) * 0.2**6  # O(t⁶) remainder


def test_inputs_are_validated():
    with pytest.raises(InputError, match="same number of columns"):
        relu_ntk.k1(np.ones((2, 3)), np.ones((2, 4)))
    with pytest.raises(InputError, match="tau1"):
        relu_ntk.ntk(np.ones((1, 2)), np.ones((1, 2)), tau1=-1.0)
    with pytest.raises(InputError, match="theta"):
        hinf.coactivation_from_angle(4.0)
    with pytest.raises(InputError, match="samples"):
        relu_ntk.ntk_monte_carlo(np.ones((1, 2)), np.ones((1, 2)), 1, 1, 1, np.random.default_rng(0))
    with pytest.raises(InputError, match="d must be"):
        relu_ntk.surrogate_coefficients(2, 1.0, 1.0)


def test_arc_cosine_kernel_is_half_of_k1_plus_k2_for_unit_vectors():
    rng = np.random.default_rng(5)
    X, Z = rng.standard_normal((4, 3)), rng.standard_normal((5, 3))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    Z /= np.linalg.norm(Z, axis=1, keepdims=True)
    expected = (relu_ntk.k1(X, Z) + relu_ntk.k2(X, Z)) / 2
    np.testing.assert_allclose(relu_ntk.arc_cosine_kernel(np.clip(X @ Z.T, -1, 1)), expected, rtol=1e-12, atol=1e-15)
    assert relu_ntk.arc_cosine_kernel(1.0) == 0.5 and relu_ntk.arc_cosine_kernel(-1.0) == 0.0
