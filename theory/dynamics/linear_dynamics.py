"""The linear (kernel) dynamics that Arora et al. 2019 compare gradient descent with.

Arora, Du, Hu, Li, Wang 2019 (arXiv:1901.08584) describe the outputs of an over-parameterised
two-layer ReLU net under GD by the linear recursion of eq. (7),

    ũ(0) = 0,   ũ(k+1) = ũ(k) − η H∞ (ũ(k) − y),   so   y − ũ(k) = (I − ηH∞)^k y,

whose residual is the "power method" of Theorem 4.1 / eq. (8) and (28):

    ‖y − ũ(k)‖₂ = sqrt( Σ_i (1 − ηλ_i)^{2k} (v_iᵀy)² ),      H∞ = Σ_i λ_i v_i v_iᵀ.

Section 5.2 runs the same recursion on the weights with the finite-width Z(0) (eq. (11)): the
auxiliary sequence W̃(k) with W̃(0) = 0 whose limit has ‖W̃(∞)‖_F² = yᵀH(0)⁻¹y. Theorem 5.1 and
Definition/eq. (10) use the complexity measure sqrt(2yᵀ(H∞)⁻¹y/n).

Everything here is float64 numpy on a symmetric positive (semi)definite H given by the caller
(build H∞ with :func:`theory.kernels.hinf.hinf`, H(0) with :func:`theory.kernels.hinf.finite_width_gram`).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from theory import linalg
from theory.errors import InputError
from theory.validation import as_matrix, as_vector, finite_real, iterations, positive_int, square_symmetric

__all__ = [
    "Spectrum",
    "spectrum",
    "power_method_residuals",
    "linear_residuals",
    "iterate_linear_recursion",
    "top_energy_fraction",
    "complexity_measure",
    "gd_sum_operator",
    "auxiliary_sequence",
    "auxiliary_limit",
    "kernel_predictor",
    "max_k_geometric",
]


class Spectrum(NamedTuple):
    """Eigen-decomposition H = Σ λ_i v_i v_iᵀ in *descending* order (the paper's "top" first)."""

    values: np.ndarray   # λ_1 ≥ λ_2 ≥ … ≥ λ_n
    vectors: np.ndarray  # columns v_i


def _square(H, name: str = "H") -> np.ndarray:
    return square_symmetric(H, name, tol=linalg.SYMMETRY_TOL)


def _steps(steps, name: str = "steps") -> np.ndarray:
    try:
        k = np.atleast_1d(np.asarray(steps))
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a non-empty 1-D array of integers >= 0") from None
    if k.ndim != 1 or k.size == 0 or not np.issubdtype(k.dtype, np.integer) or np.any(k < 0):
        raise InputError(f"{name} must be a non-empty 1-D array of integers >= 0")
    return k.astype(np.int64)


def _eta(eta) -> float:
    return finite_real(eta, "eta", lo=0.0, lo_open=True)


def spectrum(H) -> Spectrum:
    """Eigenvalues (descending) and eigenvectors of the symmetric matrix H (numpy eigh)."""
    lam, V = np.linalg.eigh(_square(H))
    return Spectrum(lam[::-1].copy(), V[:, ::-1].copy())


def linear_residuals(H, r0, eta: float, steps) -> np.ndarray:
    """‖(I − ηH)^k r0‖₂ for each k in ``steps``: the residual of eq. (7) started from y − u(0) = r0.

    Computed in the eigenbasis: sqrt(Σ_i (1 − ηλ_i)^{2k} (v_iᵀr0)²) (eq. (28) with y → r0).
    """
    return _residuals(H, r0, eta, steps, "r0")


def _residuals(H, r0, eta, steps, name):
    H = _square(H)
    r0 = as_vector(r0, name, length=H.shape[0])
    eta, k = _eta(eta), _steps(steps)
    lam, V = np.linalg.eigh(H)
    proj2 = (V.T @ r0) ** 2
    factors = np.abs(1.0 - eta * lam)[None, :] ** (2.0 * k[:, None])
    return np.sqrt(factors @ proj2)


def power_method_residuals(H, y, eta: float, steps) -> np.ndarray:
    """Theorem 4.1's prediction sqrt(Σ_i (1 − ηλ_i)^{2k}(v_iᵀy)²) for each k in ``steps``.

    This is ‖y − ũ(k)‖ for the recursion (7) started at ũ(0) = 0 (Arora et al. 2019, eq. (8)).
    """
    return _residuals(H, y, eta, steps, "y")


def iterate_linear_recursion(H, y, eta: float, steps: int, u0=None) -> np.ndarray:
    """Residual norms ‖y − ũ(k)‖ for k = 0..steps by running eq. (7) step by step (no eigh).

    ``u0`` defaults to 0, the paper's ũ(0). Used to check the eigen-form of eq. (28) against the
    recursion it solves.
    """
    H = _square(H)
    y = as_vector(y, "y", length=H.shape[0])
    eta, K = _eta(eta), iterations(steps, "steps", minimum=0)
    u = np.zeros_like(y) if u0 is None else as_vector(u0, "u0", length=H.shape[0]).copy()
    out = np.empty(K + 1)
    for k in range(K + 1):
        out[k] = np.linalg.norm(y - u)
        u = u - eta * (H @ (u - y))
    return out


def top_energy_fraction(H, y, top: int) -> float:
    """Σ_{i ≤ top} (v_iᵀy)² / ‖y‖²: the share of the label energy on the ``top`` leading eigenvectors.

    The quantity Figure 1(b) of Arora et al. 2019 shows qualitatively (true labels concentrate on
    the top eigenvectors of H∞, random labels spread out).
    """
    H = _square(H)
    y = as_vector(y, "y", length=H.shape[0])
    top = positive_int(top, "top")
    if top > H.shape[0]:
        raise InputError(f"top must be <= n = {H.shape[0]}, got {top}")
    norm2 = float(y @ y)
    if norm2 == 0:
        raise InputError("y must not be the zero vector")
    spec = spectrum(H)
    proj = spec.vectors.T @ y
    return float(np.sum(proj[:top] ** 2) / norm2)


def complexity_measure(H, y) -> float:
    """sqrt(2 yᵀH⁻¹y / n), the data-dependent complexity of Theorem 5.1 / eq. (10).

    Cholesky solve via :func:`theory.linalg.psd_quadratic_inverse`; a H that is not numerically
    positive definite raises InputError.
    """
    H = _square(H)
    y = as_vector(y, "y", length=H.shape[0])
    sol = linalg.psd_quadratic_inverse(H, y)
    if not sol.positive_definite:
        raise InputError("H must be positive definite (Cholesky failed); λ_min(H∞) > 0 is Theorem 5.1's hypothesis")
    return math.sqrt(2.0 * max(sol.q, 0.0) / H.shape[0])


def gd_sum_operator(H, eta: float, steps: int) -> np.ndarray:
    """T = η Σ_{k<K} (I − ηH)^k = Σ_i (1 − (1 − ηλ_i)^K)/λ_i · v_i v_iᵀ (Arora et al. 2019, D.1).

    For λ_i = 0 the factor is its limit ηK. W(K) − W(0) ≈ Z T y in the proof of Lemma 5.3.
    """
    H = _square(H)
    eta, K = _eta(eta), iterations(steps, "steps", minimum=0, limit=10**15)
    lam, V = np.linalg.eigh(H)
    with np.errstate(divide="ignore", invalid="ignore"):
        # (1 − (1 − x)^K)/λ computed as −expm1(K log1p(−x))/λ: no cancellation for small ηλ
        x = eta * lam
        base = np.where(x < 1.0, -np.expm1(K * np.log1p(-np.minimum(x, 1.0 - 1e-300))),
                        1.0 - (1.0 - x) ** K)
        factor = np.where(np.abs(lam) > 0, base / lam, eta * K)
    return (V * factor) @ V.T


def auxiliary_sequence(Z, y, eta: float, steps: int) -> np.ndarray:
    """vec W̃(K) of Section 5.2, eq. (11): W̃(0) = 0, W̃ ← W̃ − η Z (Zᵀ W̃ − y), run for ``steps``.

    ``Z`` is the (md × n) matrix of eq. (6) at initialisation (any fixed ordering of vec).
    """
    Z = as_matrix(Z, "Z")
    y = as_vector(y, "y", length=Z.shape[1])
    eta, K = _eta(eta), iterations(steps, "steps", minimum=0)
    w = np.zeros(Z.shape[0])
    for _ in range(K):
        w = w - eta * (Z @ (Z.T @ w - y))
    return w


def auxiliary_limit(Z, y) -> np.ndarray:
    """vec W̃(∞) = Z H⁻¹ y with H = ZᵀZ (Section 5.2): so ‖W̃(∞)‖_F² = yᵀH⁻¹y."""
    Z = as_matrix(Z, "Z")
    y = as_vector(y, "y", length=Z.shape[1])
    sol = linalg.psd_quadratic_inverse(Z.T @ Z, y)
    if not sol.positive_definite:
        raise InputError("Z must have full column rank (H(0) = ZᵀZ positive definite; needs md >= n)")
    return Z @ sol.z


def kernel_predictor(H_train, H_cross, y) -> np.ndarray:
    """The lazy-limit predictor f(x) = H∞(x, X) H∞⁻¹ y (GD with K → ∞ from u(0) = 0).

    ``H_train`` is H∞ on the n training points, ``H_cross`` the (n_test × n) kernel between test
    and training points. It is where the linear dynamics (7) converge, extended off the sample.
    """
    H = _square(H_train, "H_train")
    C = as_matrix(H_cross, "H_cross")
    if C.shape[1] != H.shape[0]:
        raise InputError(f"H_cross must have n = {H.shape[0]} columns, got shape {C.shape}")
    y = as_vector(y, "y", length=H.shape[0])
    sol = linalg.psd_quadratic_inverse(H, y)
    if not sol.positive_definite:
        raise InputError("H_train must be positive definite (Cholesky failed)")
    return C @ sol.z


def max_k_geometric(x: float) -> float:
    """max over integers k ≥ 0 of k (1 − x)^{k−1}, for 0 < x < 1 (proof of Theorem 4.1, L679).

    The real maximiser is t* = −1/log(1 − x); the integer maximum is at floor or ceil of t*.
    """
    x = finite_real(x, "x", lo=0.0, lo_open=True)
    if x >= 1.0:
        raise InputError(f"x must be < 1, got {x}")
    t = -1.0 / math.log1p(-x)
    cands = {max(0, math.floor(t)), math.ceil(t), 1}
    return max(k * (1.0 - x) ** (k - 1) for k in cands)
