"""Tests of theory.kernels.hinf: H∞ of Arora et al. 2019, eq. (3), its closed form and approximations."""

from __future__ import annotations

import math
import threading
import tracemalloc

import mpmath
import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from theory.errors import InputError
from theory.kernels.hinf import (
    REFINE_BAND,
    arcsin_error_bound,
    arcsin_series_coefficients,
    coactivation_probability,
    finite_width_gram,
    hinf,
    hinf_arcsin_form,
    hinf_monte_carlo,
    hinf_monte_carlo_fraction,
    hinf_series,
    pairwise_angles,
    series_remainder_bound,
)

EPS = np.finfo(np.float64).eps


# --------------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------------

def random_unit_rows(n: int, d: int, seed: int) -> np.ndarray:
    X = np.random.default_rng(seed).standard_normal((n, d))
    return X / np.linalg.norm(X, axis=1, keepdims=True)


def pair_at_angle(angle: float, d: int, seed: int, antipodal: bool = False) -> np.ndarray:
    """Two unit rows at the given angle (or π − angle when ``antipodal``)."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(d)
    x /= np.linalg.norm(x)
    v = rng.standard_normal(d)
    v -= (v @ x) * x
    v /= np.linalg.norm(v)
    y = math.cos(angle) * x + math.sin(angle) * v
    y /= np.linalg.norm(y)
    if antipodal:
        y = -y
    return np.stack([x, y])


def mp_reference(X: np.ndarray, dps: int = 50):
    """50-digit eq. (3) on the given float64 rows: (H∞, θ) with θ the angle of the rows."""
    n = X.shape[0]
    H = np.empty((n, n))
    theta = np.empty((n, n))
    with mpmath.workdps(dps):
        rows = [[mpmath.mpf(float(v)) for v in row] for row in X]
        units = []
        for row in rows:
            norm = mpmath.sqrt(mpmath.fsum(v * v for v in row))
            units.append([v / norm for v in row])
        for i in range(n):
            for j in range(n):
                k = mpmath.fsum(a * b for a, b in zip(rows[i], rows[j]))
                diff = mpmath.sqrt(mpmath.fsum((a - b) ** 2 for a, b in zip(units[i], units[j])))
                plus = mpmath.sqrt(mpmath.fsum((a + b) ** 2 for a, b in zip(units[i], units[j])))
                t = 2 * mpmath.atan2(diff, plus)
                theta[i, j] = float(t)
                H[i, j] = float(k * (mpmath.pi - t) / (2 * mpmath.pi))
    return H, theta


def off_diagonal(A: np.ndarray) -> np.ndarray:
    return A[~np.eye(A.shape[0], dtype=bool)]


@st.composite
def unit_row_matrices(draw, max_n: int = 10, max_d: int = 5):
    """Unit rows, some of them near-duplicates or near-antipodes of others."""
    n = draw(st.integers(1, max_n))
    d = draw(st.integers(1, max_d))
    A = draw(hnp.arrays(np.float64, (n, d), elements=st.floats(-1, 1, allow_nan=False)))
    A[np.linalg.norm(A, axis=1) < 1e-3] = 1.0
    A /= np.linalg.norm(A, axis=1, keepdims=True)
    if n >= 2 and draw(st.booleans()):
        scale = 10.0 ** -draw(st.integers(3, 12))
        sign = draw(st.sampled_from([1.0, -1.0]))
        A[-1] = sign * A[0] + scale * draw(
            hnp.arrays(np.float64, (d,), elements=st.floats(-1, 1, allow_nan=False)))
        A[-1] /= np.linalg.norm(A[-1])
    return A


# --------------------------------------------------------------------------------------------------
# structure: diagonal, symmetry, orthogonal rows
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 7, 129, 300])
def test_hinf_diagonal_is_exactly_half_and_matrix_is_symmetric(n):
    H = hinf(random_unit_rows(n, 5, seed=n))
    assert np.all(np.diag(H) == 0.5)
    assert np.array_equal(H, H.T)


def test_orthogonal_rows_give_exactly_half_identity():
    Q, _ = np.linalg.qr(np.random.default_rng(3).standard_normal((16, 16)))
    assert np.array_equal(hinf(np.eye(6)), 0.5 * np.eye(6))
    H = hinf(Q.T[:10])  # orthonormal rows, inner products ~1e-16
    assert np.all(np.diag(H) == 0.5)
    assert np.max(np.abs(H - 0.5 * np.eye(10))) < 1e-15


def test_angles_and_probability_structure():
    X = random_unit_rows(200, 3, seed=4)  # d = 3: many pairs inside the refinement band
    theta = pairwise_angles(X)
    p = coactivation_probability(X)
    assert np.all(np.diag(theta) == 0.0) and np.all(np.diag(p) == 0.5)
    assert np.array_equal(theta, theta.T) and np.array_equal(p, p.T)
    assert theta.min() >= 0.0 and theta.max() <= math.pi
    np.testing.assert_allclose(p, (math.pi - theta) / (2 * math.pi), rtol=0, atol=2e-16)
    K = X @ X.T
    np.testing.assert_allclose(hinf(X), K * p, rtol=0, atol=4e-16)


def test_exact_duplicates_and_antipodes():
    x = random_unit_rows(1, 4, seed=5)[0]
    X = np.stack([x, x, -x])
    theta = pairwise_angles(X)
    assert theta[0, 1] == 0.0 and theta[0, 2] == math.pi
    H = hinf(X)
    assert H[0, 2] == 0.0  # antipodal: no half-space contains both
    assert abs(H[0, 1] - 0.5) <= 2 * EPS


# --------------------------------------------------------------------------------------------------
# accuracy against 50-digit arithmetic
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("d", [2, 3, 8, 64])
def test_hinf_matches_mpmath_on_random_rows(d):
    X = random_unit_rows(24, d, seed=d)
    ref, ref_theta = mp_reference(X)
    H = hinf(X)
    assert np.max(np.abs(off_diagonal(H - ref))) <= 1e-15
    assert np.max(np.abs(off_diagonal(pairwise_angles(X) - ref_theta))) <= 4e-15


@pytest.mark.parametrize("angle", [1e-6, 1e-8, 1e-10, 1e-12])
@pytest.mark.parametrize("antipodal", [False, True])
def test_hinf_matches_mpmath_on_nearly_parallel_and_antipodal_pairs(angle, antipodal):
    X = pair_at_angle(angle, d=16, seed=11, antipodal=antipodal)
    ref, ref_theta = mp_reference(X)
    assert abs(hinf(X)[0, 1] - ref[0, 1]) <= 1e-15
    if antipodal:  # H∞ ~ -angle/(2π) is tiny; π − θ must not be formed by cancellation
        assert abs(hinf(X)[0, 1] - ref[0, 1]) <= 1e-6 * abs(ref[0, 1])
    ref_p = (math.pi - ref_theta[0, 1]) / (2 * math.pi)
    assert abs(coactivation_probability(X)[0, 1] - ref_p) <= 1e-15
    assert abs(pairwise_angles(X)[0, 1] - ref_theta[0, 1]) <= 1e-15
    # The literal Appendix E form loses ~sqrt(eps) here; the closed form must not.
    naive = hinf_arcsin_form(X)[0, 1]
    assert abs(naive - ref[0, 1]) > 1e-13 or angle > 1e-7


def test_refinement_band_boundary_is_accurate():
    # Pairs just outside and just inside 1 - |K| = REFINE_BAND, where arccos is least accurate.
    angle = math.acos(1 - REFINE_BAND)
    rows = [pair_at_angle(angle * f, 32, seed=k, antipodal=anti)
            for k, f in enumerate([0.98, 1.0, 1.02]) for anti in (False, True)]
    X = np.concatenate(rows)
    ref, _ = mp_reference(X)
    assert np.max(np.abs(off_diagonal(hinf(X) - ref))) <= 1e-15


def test_refinement_across_row_blocks():
    # n = 300 spans several row blocks; the close pairs sit in different blocks and on either side
    # of the diagonal, so both the row strip and the mirrored column strip must carry the fix.
    X = random_unit_rows(300, 5, seed=21)
    close = {(3, 290): (1e-9, False), (10, 150): (1e-7, True), (200, 201): (1e-11, False)}
    for (i, j), (angle, antipodal) in close.items():
        X[[i, j]] = pair_at_angle(angle, 5, seed=i, antipodal=antipodal)
    H = hinf(X)
    theta = pairwise_angles(X)
    for i, j in close:
        ref, ref_theta = mp_reference(X[[i, j]])
        assert abs(H[i, j] - ref[0, 1]) <= 1e-15 and H[i, j] == H[j, i]
        assert abs(theta[i, j] - ref_theta[0, 1]) <= 1e-15 and theta[i, j] == theta[j, i]


def test_result_does_not_depend_on_torch_thread_count():
    import torch

    X = random_unit_rows(700, 6, seed=22)
    before = torch.get_num_threads()
    H = hinf(X)
    assert torch.get_num_threads() == before  # the workers' setting does not leak to the caller
    seen = []
    fresh = threading.Thread(target=lambda: seen.append(torch.get_num_threads()))
    fresh.start()
    fresh.join()
    assert seen == [before]  # ... nor to threads started afterwards (torch keeps a global default)
    try:
        torch.set_num_threads(1)
        H_serial = hinf(X)
    finally:
        torch.set_num_threads(before)
    assert np.array_equal(H, H_serial)


@settings(max_examples=30, deadline=None)
@given(unit_row_matrices())
def test_property_hinf_is_symmetric_psd_and_accurate(X):
    H = hinf(X)
    assert np.array_equal(H, H.T) and np.all(np.diag(H) == 0.5)
    assert np.all(np.abs(H) <= 0.5)
    assert np.linalg.eigvalsh(H)[0] >= -1e-12  # an expectation of Gram matrices is PSD
    ref, _ = mp_reference(X, dps=30)
    assert np.max(np.abs(off_diagonal(H - ref)), initial=0.0) <= 2e-15


@settings(max_examples=20, deadline=None)
@given(unit_row_matrices(max_n=8), st.randoms(use_true_random=False))
def test_property_permuting_rows_permutes_hinf(X, random):
    perm = list(range(X.shape[0]))
    random.shuffle(perm)
    np.testing.assert_allclose(hinf(X[perm]), hinf(X)[np.ix_(perm, perm)], rtol=0, atol=1e-15)


# --------------------------------------------------------------------------------------------------
# Appendix E forms: arcsin form, power series, and their error bounds
# --------------------------------------------------------------------------------------------------

def test_sympy_closed_form_equals_arcsin_form():
    u = sympy.symbols("u", real=True)
    eq3 = u * (sympy.pi - sympy.acos(u)) / (2 * sympy.pi)
    appendix_e = u / 4 + u * sympy.asin(u) / (2 * sympy.pi)
    # acos(u) = pi/2 - asin(u) on [-1, 1]; sympy needs the identity made explicit.
    difference = (eq3 - appendix_e).rewrite(sympy.asin)
    assert sympy.simplify(difference) == 0


def test_sympy_series_coefficients_of_u_arcsin_u():
    u = sympy.symbols("u")
    expansion = sympy.series(u * sympy.asin(u), u, 0, 25).removeO()
    poly = sympy.Poly(expansion, u)
    ours = arcsin_series_coefficients(12)
    for l in range(1, 13):
        c_l = sympy.factorial2(2 * l - 3) / sympy.factorial2(2 * l - 2)
        exact = poly.coeff_monomial(u ** (2 * l))
        assert exact == c_l / (2 * l - 1)
        assert abs(float(exact) - ours[l - 1]) <= 2 * EPS * float(exact)
    odd = [poly.coeff_monomial(u ** k) for k in range(1, 25, 2)]
    assert all(c == 0 for c in odd)


def gemm_error(d: int) -> float:
    """Bound on the rounding error of an inner product of two (near-)unit vectors in R^d."""
    return (d + 4) * EPS


def test_closed_form_vs_arcsin_form_within_error_model():
    X = np.concatenate([random_unit_rows(40, 6, seed=8), pair_at_angle(1e-9, 6, seed=9),
                        pair_at_angle(1e-5, 6, seed=10, antipodal=True)])
    K = X @ X.T
    dK = gemm_error(X.shape[1])
    # A K-error dK moves K/4 + K asin(K)/(2π) by at most dK (1/4 + 1/4) + |K| asin-error/(2π).
    model = dK * 0.5 + np.abs(K) * arcsin_error_bound(np.clip(K, -1, 1), dK) / (2 * math.pi)
    gap = np.abs(hinf(X) - hinf_arcsin_form(X))
    assert np.all(gap <= model + 1e-15)
    assert model.max() < 1e-6  # the model is not vacuous
    assert gap[40, 41] > 1e-12  # ... and the literal form really does lose digits near parallel


@pytest.mark.parametrize("terms", [1, 2, 5, 20, 80])
def test_series_within_remainder_bound(terms):
    X = random_unit_rows(30, 3, seed=terms)
    H = hinf(X)
    S = hinf_series(X, terms)
    bound = series_remainder_bound(X @ X.T, terms)
    gap = H - S
    off = ~np.eye(30, dtype=bool)
    rounding = 1e-15
    assert np.all(gap[off] >= -rounding)  # omitted terms are nonnegative
    assert np.all(gap[off] <= bound[off] + rounding)


def test_series_remainder_bound_values():
    assert series_remainder_bound(1.0, 3) == np.inf
    assert series_remainder_bound(-1.0, 3) == np.inf
    assert series_remainder_bound(0.0, 3) == 0.0
    # L = 1: a_2 = c_2/3 = 1/6; bound = (1/6) u^4 / (1 - u^2) / (2π)
    u = 0.5
    assert series_remainder_bound(u, 1) == pytest.approx(u ** 4 / 6 / (1 - u * u) / (2 * math.pi),
                                                         rel=1e-14)
    # ... and it really bounds the exact remainder computed in high precision
    with mpmath.workdps(40):
        exact = (u * mpmath.asin(u) - u * u) / (2 * mpmath.pi)
    assert 0 < float(exact) <= series_remainder_bound(u, 1)


def test_hinf_series_converges_to_arcsin_form():
    X = random_unit_rows(12, 4, seed=1)
    S = hinf_series(X, 400)
    off = ~np.eye(12, dtype=bool)
    assert np.max(np.abs(S - hinf_arcsin_form(X))[off]) < 1e-12


@settings(max_examples=60, deadline=None)
@given(st.floats(-1, 1), st.floats(0, 2), st.floats(-1, 1))
def test_property_arcsin_error_bound_holds(u, delta, t):
    e = t * delta
    target = min(max(u + e, -1.0), 1.0)
    with mpmath.workdps(40):
        change = abs(mpmath.asin(mpmath.mpf(target)) - mpmath.asin(mpmath.mpf(u)))
    assert float(change) <= float(arcsin_error_bound(u, delta))


def test_arcsin_error_bound_shapes():
    b = arcsin_error_bound(1.0, 1e-16)
    assert b == pytest.approx(math.sqrt(2e-16), rel=1e-6)  # Hölder-1/2 at the endpoint
    assert arcsin_error_bound(0.0, 1e-10) == pytest.approx(1e-10, rel=1e-9)  # slope 1 at 0
    assert arcsin_error_bound(np.zeros(3), 0.1).shape == (3,)
    with pytest.raises(InputError, match="u"):
        arcsin_error_bound(1.5, 0.1)
    with pytest.raises(InputError, match="delta"):
        arcsin_error_bound(0.5, -1.0)


# --------------------------------------------------------------------------------------------------
# Monte Carlo and finite width
# --------------------------------------------------------------------------------------------------

def test_monte_carlo_within_z_score():
    X = random_unit_rows(20, 5, seed=2)
    m = 40_000
    p = coactivation_probability(X)
    p_hat = hinf_monte_carlo_fraction(X, m, np.random.default_rng(123))
    off = ~np.eye(20, dtype=bool) & (p > 0)
    z = (p_hat - p)[off] / np.sqrt(p * (1 - p) / m)[off]
    assert np.max(np.abs(z)) < 5.0  # 190 pairs; P(max |z| > 5) < 2e-4 under the model
    assert abs(np.mean(z)) < 1.0  # no systematic bias
    H_hat = hinf_monte_carlo(X, m, np.random.default_rng(123))
    np.testing.assert_allclose(H_hat, (X @ X.T) * p_hat, rtol=0, atol=1e-15)


def test_monte_carlo_does_not_depend_on_chunk_and_matches_finite_width():
    X = random_unit_rows(9, 4, seed=6)
    a = hinf_monte_carlo(X, 5000, np.random.default_rng(7), chunk=7)
    b = hinf_monte_carlo(X, 5000, np.random.default_rng(7), chunk=5000)
    c = hinf_monte_carlo(X, 5000, np.random.default_rng(7), kappa=3.0)
    assert np.array_equal(a, b) and np.array_equal(a, c)
    # The Monte Carlo weights are float32 draws; a float64 projection of the same weights gives
    # the same signs here (a flip needs |w·x| within float32 rounding of 0).
    W = np.random.default_rng(7).standard_normal((5000, 4), dtype=np.float32)
    assert np.array_equal(a, finite_width_gram(W.astype(np.float64), X))
    assert not np.array_equal(a, hinf_monte_carlo(X, 5000, np.random.default_rng(8)))


def test_monte_carlo_memory_is_per_chunk():
    X = random_unit_rows(64, 8, seed=0)
    m, chunk = 100_000, 500
    tracemalloc.start()
    try:
        hinf_monte_carlo(X, m, np.random.default_rng(0), chunk=chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    all_at_once = m * 64 * 8  # the n × m projection matrix, 51 MB
    assert peak < 4 * 2**20
    assert peak < all_at_once / 10


def test_finite_width_gram_matches_its_definition():
    rng = np.random.default_rng(12)
    X = random_unit_rows(7, 3, seed=12)
    W = rng.standard_normal((50, 3))
    S = (X @ W.T >= 0).astype(float)
    expected = (X @ X.T) * (S @ S.T) / 50
    np.testing.assert_allclose(finite_width_gram(W, X), expected, rtol=0, atol=1e-15)


def test_finite_width_gram_expectation_by_quadrature():
    # d = 2: m equally spaced directions form a quadrature of the uniform law of w/|w|. The
    # co-activation set of x_i, x_j is an arc of length π − θ_ij, holding m(π − θ)/(2π) ± 1 of them.
    X = random_unit_rows(15, 2, seed=13)
    m = 3600
    phi = 2 * math.pi * (np.arange(m) + 0.5) / m
    W = np.stack([np.cos(phi), np.sin(phi)], axis=1)
    gap = np.abs(finite_width_gram(W, X) - hinf(X))
    assert np.all(gap <= np.abs(X @ X.T) / m + 1e-15)
    assert gap.max() > 0  # the finite-width matrix is not the limit itself


def test_finite_width_gram_averages_to_hinf():
    X = random_unit_rows(6, 3, seed=14)
    rng = np.random.default_rng(15)
    draws = np.stack([finite_width_gram(rng.standard_normal((100, 3)), X) for _ in range(400)])
    mean = draws.mean(axis=0)
    stderr = draws.std(axis=0, ddof=1) / math.sqrt(draws.shape[0])
    off = ~np.eye(6, dtype=bool)
    z = (mean - hinf(X))[off] / np.maximum(stderr[off], 1e-12)
    assert np.max(np.abs(z)) < 5.0


# --------------------------------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------------------------------

BAD_X = {
    "nan": np.array([[np.nan, 1.0], [1.0, 0.0]]),
    "inf": np.array([[np.inf, 0.0], [1.0, 0.0]]),
    "1-D": np.array([1.0, 0.0]),
    "3-D": np.ones((2, 2, 2)) / 2,
    "empty": np.empty((0, 3)),
    "no columns": np.empty((3, 0)),
    "non-unit rows": np.array([[1.0, 1.0], [1.0, 0.0]]),
    "string": "[[1, 0]]",
    "ragged": [[1.0, 0.0], [1.0]],
    "None": None,
}

X_FUNCTIONS = {
    "pairwise_angles": pairwise_angles,
    "hinf": hinf,
    "coactivation_probability": coactivation_probability,
    "hinf_arcsin_form": hinf_arcsin_form,
    "hinf_series": lambda X: hinf_series(X, 3),
    "hinf_monte_carlo": lambda X: hinf_monte_carlo(X, 10, np.random.default_rng(0)),
    "finite_width_gram": lambda X: finite_width_gram(np.ones((4, 2)), X),
}


@pytest.mark.parametrize("bad", list(BAD_X), ids=list(BAD_X))
@pytest.mark.parametrize("func", list(X_FUNCTIONS), ids=list(X_FUNCTIONS))
def test_bad_x_raises_input_error_naming_x(func, bad):
    with pytest.raises(InputError) as info:
        X_FUNCTIONS[func](BAD_X[bad])
    message = str(info.value)
    assert "X" in message and "\n" not in message


@pytest.mark.parametrize("call, name", [
    (lambda X: hinf_series(X, 0), "terms"),
    (lambda X: hinf_series(X, 1.5), "terms"),
    (lambda X: hinf_monte_carlo(X, 0, np.random.default_rng(0)), "m"),
    (lambda X: hinf_monte_carlo(X, 10, 42), "rng"),
    (lambda X: hinf_monte_carlo(X, 10, np.random.default_rng(0), kappa=0.0), "kappa"),
    (lambda X: hinf_monte_carlo(X, 10, np.random.default_rng(0), kappa=np.nan), "kappa"),
    (lambda X: hinf_monte_carlo(X, 10, np.random.default_rng(0), chunk=0), "chunk"),
    (lambda X: finite_width_gram(np.ones((4, 3)), X), "W"),
    (lambda X: finite_width_gram(np.full((4, 2), np.nan), X), "W"),
    (lambda X: series_remainder_bound([[0.5, np.nan]], 2), "K"),
    (lambda X: series_remainder_bound("0.5", 2), "K"),
])
def test_bad_other_arguments_raise_input_error_naming_them(call, name):
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    with pytest.raises(InputError) as info:
        call(X)
    assert name in str(info.value)
