"""Tests of theory.linalg: λ_min, its error bound, and yᵀH⁻¹y by Cholesky."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theory.errors import InputError
from theory.kernels.hinf import hinf
from theory.linalg import (
    QuadraticInverse,
    eig_error_bound,
    lambda_min,
    psd_quadratic_inverse,
)

EPS = np.finfo(np.float64).eps


def random_spd(n: int, seed: int, cond: float = 10.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    eigenvalues = np.geomspace(1.0, 1.0 / cond, n)
    H = (Q * eigenvalues) @ Q.T
    return (H + H.T) / 2


def unit_rows(n: int, d: int, seed: int) -> np.ndarray:
    X = np.random.default_rng(seed).standard_normal((n, d))
    return X / np.linalg.norm(X, axis=1, keepdims=True)


# --------------------------------------------------------------------------------------------------
# lambda_min and eig_error_bound
# --------------------------------------------------------------------------------------------------

def test_lambda_min_of_known_spectrum():
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.standard_normal((8, 8)))
    spectrum = np.array([0.125, 0.5, 1, 2, 3, 4, 5, 6.0])
    H = (Q * spectrum) @ Q.T
    H = (H + H.T) / 2
    assert abs(lambda_min(H) - 0.125) <= eig_error_bound(H)
    assert lambda_min(np.diag([3.0, -2.0, 5.0])) == -2.0


def test_eig_error_bound_covers_high_precision_eigenvalue():
    X = unit_rows(12, 3, seed=1)
    H = hinf(X)
    with mpmath.workdps(40):
        exact = min(mpmath.eigsy(mpmath.matrix(H.tolist()))[0])
    assert abs(lambda_min(H) - float(exact)) <= eig_error_bound(H)
    # the stated model: c · n · eps · ‖H‖_∞ with c = 1
    assert eig_error_bound(H) == pytest.approx(12 * EPS * np.abs(H).sum(axis=1).max(), rel=1e-12)


def test_hinf_lambda_min_is_positive_for_distinct_rows():
    # Du et al. / Arora et al.: λ_min(H∞) > 0 when no two rows are parallel.
    X = unit_rows(30, 5, seed=2)
    assert lambda_min(hinf(X)) > eig_error_bound(hinf(X))


def test_hinf_is_singular_for_duplicated_row():
    X = unit_rows(10, 4, seed=3)
    X[9] = X[0]
    H = hinf(X)
    assert abs(lambda_min(H)) <= eig_error_bound(H) + 1e-15


# --------------------------------------------------------------------------------------------------
# psd_quadratic_inverse
# --------------------------------------------------------------------------------------------------

def test_quadratic_inverse_matches_direct_solve_and_mpmath():
    H = random_spd(20, seed=4, cond=1e4)
    y = np.random.default_rng(5).standard_normal(20)
    result = psd_quadratic_inverse(H, y)
    assert isinstance(result, QuadraticInverse) and result.positive_definite
    np.testing.assert_allclose(H @ result.z, y, rtol=0, atol=1e-9)
    with mpmath.workdps(40):
        Hm = mpmath.matrix(H.tolist())
        ym = mpmath.matrix(y.tolist())
        exact = float((ym.T * mpmath.lu_solve(Hm, ym))[0])
    assert abs(result.q - exact) <= result.q_error
    assert result.q_error < 1e-6 * abs(exact)  # the bound is informative


def test_quadratic_inverse_unpacks_as_tuple():
    q, z, q_error, ok, dh = psd_quadratic_inverse(np.diag([2.0, 4.0]), [2.0, 4.0])
    assert q == pytest.approx(2.0 + 4.0) and ok
    np.testing.assert_allclose(z, [1.0, 1.0])
    assert 0 < q_error < 1e-13 and dh > 0


def test_quadratic_inverse_h_error_widens_the_bound():
    H = random_spd(6, seed=6)
    y = np.ones(6)
    base = psd_quadratic_inverse(H, y)
    wide = psd_quadratic_inverse(H, y, h_error=1e-6)
    assert wide.q == base.q
    assert wide.q_error == pytest.approx(base.q_error + 1e-6 * float(base.z @ base.z), rel=1e-9)


def test_quadratic_inverse_bound_covers_a_perturbed_matrix():
    # The first-order model: perturbing H by ΔH with ‖ΔH‖₂ ≤ h_error moves q by ≲ h_error·‖z‖².
    H = random_spd(15, seed=7, cond=100)
    y = np.random.default_rng(8).standard_normal(15)
    E = np.random.default_rng(9).standard_normal((15, 15))
    E = (E + E.T) / 2
    E *= 1e-8 / np.linalg.norm(E, 2)
    exact = psd_quadratic_inverse(H + E, y).q
    result = psd_quadratic_inverse(H, y, h_error=1e-8)
    assert abs(result.q - exact) <= result.q_error


@pytest.mark.parametrize("H", [
    np.diag([1.0, -1.0]),
    np.zeros((3, 3)),
    np.array([[1.0, 2.0], [2.0, 1.0]]),
], ids=["indefinite", "zero", "negative-eigenvalue"])
def test_quadratic_inverse_not_positive_definite_gives_inf(H):
    result = psd_quadratic_inverse(H, np.ones(H.shape[0]))
    assert result.q == np.inf and result.q_error == np.inf
    assert result.z is None and not result.positive_definite


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 12), st.integers(0, 2**31 - 1))
def test_property_quadratic_inverse_of_spd(n, seed):
    H = random_spd(n, seed, cond=1e3)
    y = np.random.default_rng(seed + 1).standard_normal(n)
    result = psd_quadratic_inverse(H, y)
    assert result.positive_definite
    w, V = np.linalg.eigh(H)
    reference = float(np.sum((V.T @ y) ** 2 / w))
    assert abs(result.q - reference) <= result.q_error + 1e-12 * abs(reference)
    # q lies between |y|²/λ_max and |y|²/λ_min
    assert y @ y / w[-1] * (1 - 1e-12) <= result.q <= y @ y / w[0] * (1 + 1e-12)


# --------------------------------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------------------------------

BAD_H = {
    "non-square": np.ones((2, 3)),
    "non-symmetric": np.array([[1.0, 0.5], [0.0, 1.0]]),
    "nan": np.array([[1.0, np.nan], [np.nan, 1.0]]),
    "inf": np.array([[np.inf, 0.0], [0.0, 1.0]]),
    "1-D": np.ones(3),
    "3-D": np.ones((2, 2, 2)),
    "empty": np.empty((0, 0)),
    "string": "eye",
}


@pytest.mark.parametrize("bad", list(BAD_H), ids=list(BAD_H))
@pytest.mark.parametrize("func", [
    lambda_min,
    eig_error_bound,
    lambda H: psd_quadratic_inverse(H, np.ones(2)),
], ids=["lambda_min", "eig_error_bound", "psd_quadratic_inverse"])
def test_bad_h_raises_input_error_naming_h(func, bad):
    with pytest.raises(InputError) as info:
        func(BAD_H[bad])
    assert "H" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("y, kwargs, name", [
    (np.ones(3), {}, "y"),
    (np.array([1.0, np.nan]), {}, "y"),
    (np.ones((2, 1)), {}, "y"),
    ("ab", {}, "y"),
    (np.ones(2), {"h_error": -1.0}, "h_error"),
    (np.ones(2), {"h_error": np.inf}, "h_error"),
])
def test_bad_y_or_h_error_raises_input_error(y, kwargs, name):
    with pytest.raises(InputError) as info:
        psd_quadratic_inverse(np.eye(2), y, **kwargs)
    assert name in str(info.value)


def test_slightly_asymmetric_gram_is_accepted():
    H = random_spd(5, seed=10)
    H[0, 1] += 1e-15
    assert lambda_min(H) > 0
