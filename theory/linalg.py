"""Small, documented linear algebra for Gram matrices: λ_min, eigenvalue error, yᵀH⁻¹y.

Arora et al. 2019 state their results through λ_min(H∞) = λ₀ and the quadratic form yᵀ(H∞)⁻¹y.
These helpers compute both in float64 and attach an error bound from a stated rounding model, so a
check can tell a violated inequality from rounding.

Conventions: ``eps`` = 2⁻⁵² (numpy's float64 eps, twice the unit roundoff u). ‖H‖₂ is bounded above
by ‖H‖_∞ (max absolute row sum), which for a symmetric matrix is ≥ ‖H‖₂ and costs O(n²).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from theory.lazy import lazy

scipy_linalg = lazy("scipy.linalg")

from theory.validation import as_vector, finite_real, square_symmetric

__all__ = [
    "SYMMETRY_TOL",
    "EIG_BACKWARD_C",
    "CHOLESKY_BACKWARD_C",
    "lambda_min",
    "eig_error_bound",
    "QuadraticInverse",
    "psd_quadratic_inverse",
]

_EPS = float(np.finfo(np.float64).eps)

#: H counts as symmetric when max|H − Hᵀ| ≤ SYMMETRY_TOL · max|H| (a few thousand roundings: Gram
#: matrices assembled by GEMM are symmetric only up to the summation order of each entry).
SYMMETRY_TOL = 1e-12

#: Constant c of the eigenvalue backward-error model ‖E‖₂ ≤ c · n · eps · ‖H‖₂ (eig_error_bound).
EIG_BACKWARD_C = 1.0

#: Constant c in the Cholesky solve backward-error model ‖ΔH‖₂ ≤ c · n · eps · ‖H‖₂.
CHOLESKY_BACKWARD_C = 3.0


def _symmetric(H, name: str = "H") -> np.ndarray:
    """Return H as a finite, square, numerically symmetric float64 matrix, or raise InputError."""
    return square_symmetric(H, name, tol=SYMMETRY_TOL)


def _norm2_upper(A: np.ndarray) -> float:
    """An upper bound on ‖A‖₂ for symmetric A: ‖A‖₂ ≤ √(‖A‖₁‖A‖_∞) = ‖A‖_∞."""
    return float(np.max(np.sum(np.abs(A), axis=1)))


def lambda_min(H) -> float:
    """Smallest eigenvalue of the symmetric matrix H (LAPACK syevd via numpy.linalg.eigvalsh).

    Only the lower triangle is read; H must still be symmetric to within SYMMETRY_TOL.
    The computed value is within :func:`eig_error_bound` of the exact one.
    """
    A = _symmetric(H)
    return float(np.linalg.eigvalsh(A)[0])


def eig_error_bound(H) -> float:
    """Bound on |λ̂_i − λ_i| for every eigenvalue computed by :func:`lambda_min` (eigvalsh).

    Model: LAPACK's symmetric eigensolvers (Householder tridiagonalisation, then divide and conquer
    or QR) are backward stable: the computed eigenvalues are the exact eigenvalues of H + E with
    ‖E‖₂ ≤ p(n)·u·‖H‖₂, p(n) a modestly growing function of n (LAPACK Users' Guide, §4.7). By Weyl's
    inequality each eigenvalue then moves by at most ‖E‖₂. We take p(n)·u = c·n·eps with
    c = :data:`EIG_BACKWARD_C` = 1 (i.e. p(n) = 2n, generous compared with the errors seen in
    practice, which grow like √n), and bound ‖H‖₂ by ‖H‖_∞:

        bound = c · n · eps · ‖H‖_∞.
    """
    A = _symmetric(H)
    n = A.shape[0]
    return EIG_BACKWARD_C * n * _EPS * _norm2_upper(A)


class QuadraticInverse(NamedTuple):
    """yᵀH⁻¹y computed by Cholesky, with its error model.

    q: yᵀH⁻¹y (= yᵀz); +inf when H is not numerically positive definite.
    z: H⁻¹y (None when H is not numerically positive definite).
    q_error: bound on |q̂ − q| from the model in :func:`psd_quadratic_inverse` (+inf if not PD).
    positive_definite: whether the Cholesky factorisation of H succeeded.
    h_perturbation: the ‖ΔH‖₂ used in q_error (rounding model plus the caller's ``h_error``).
    """

    q: float
    z: np.ndarray | None
    q_error: float
    positive_definite: bool
    h_perturbation: float


def psd_quadratic_inverse(H, y, *, h_error: float = 0.0) -> QuadraticInverse:
    """q = yᵀH⁻¹y and z = H⁻¹y for a symmetric positive definite H, by Cholesky (scipy cho_factor).

    Error model. The Cholesky solve is backward stable: ẑ solves (H + ΔH) ẑ = y exactly with
    ‖ΔH‖₂ ≲ c · n · eps · ‖H‖₂ (Higham, Accuracy and Stability, Thm 10.4 gives the componentwise
    worst case γ_{3n+1}|R̂ᵀ||R̂|; we use the typical normwise size, c = CHOLESKY_BACKWARD_C = 3).
    ``h_error`` adds a bound on ‖ΔH‖₂ already present in H (e.g. n times an entrywise error bound).
    Then q − q̂ = zᵀ ΔH ẑ, so to first order in ‖ΔH‖

        |q̂ − q| ≲ ‖ΔH‖₂ · ‖ẑ‖² + n · eps · |y|ᵀ|ẑ|,

    the last term being the rounding of the final inner product yᵀẑ. The first-order model is
    meaningful while ‖ΔH‖₂ ≪ λ_min(H); near-singular H shows up as a large ‖ẑ‖ and hence a large
    q_error.

    If Cholesky fails (H not numerically positive definite), returns q = +inf, z = None,
    q_error = +inf, positive_definite = False instead of raising. Non-square, non-symmetric or
    non-finite H and a y of the wrong length raise InputError.
    """
    A = _symmetric(H)
    n = A.shape[0]
    v = as_vector(y, "y", length=n)
    extra = finite_real(h_error, "h_error", lo=0.0)
    delta_h = CHOLESKY_BACKWARD_C * n * _EPS * _norm2_upper(A) + extra
    try:
        factor = scipy_linalg.cho_factor(A, lower=True, check_finite=False)
    except np.linalg.LinAlgError:
        return QuadraticInverse(np.inf, None, np.inf, False, delta_h)
    z = scipy_linalg.cho_solve(factor, v, check_finite=False)
    q = float(v @ z)
    q_error = delta_h * float(z @ z) + n * _EPS * float(np.abs(v) @ np.abs(z))
    return QuadraticInverse(q, z, q_error, True, delta_h)
