"""Maximum-margin problems solved by scipy (HiGHS linear programs, SLSQP for the ℓ2 ball).

Wei, Lee, Liu, Ma 2019:

* ℓ1-SVM over a feature dictionary (eq. B.14, Prop. B.10): γ_ℓ1 = max_{‖μ‖₁<=1} min_i y_i Σ_k μ_k
  Φ_{ik}. As an LP in (μ⁺, μ⁻, t): maximise t s.t. y_i Φ_i(μ⁺ − μ⁻) >= t, Σ(μ⁺ + μ⁻) <= 1.
  For two-layer ReLU nets Φ_{ik} = [ū_kᵀx_i]_+ and the maximum normalized margin of any width
  >= n + 1 is γ_ℓ1/2 (Prop. B.10; the factor ½ is ‖μ‖₁ = ‖Θ‖_F²/2 for a balanced net).
* Best linear-combination margin with an ℓ∞ box (:func:`linear_separation_margin`): whether some
  coefficient vector makes every label-signed score positive, e.g. whether a kernel predictor
  Σ β_i K(x_i, ·) classifies a whole support correctly (Theorem 2.1's lower bound says it cannot).
* Linear hard-margin SVM (:func:`linear_max_margin`): γ* = max_{‖w‖₂<=1} min_i y_i wᵀx_i, the
  maximum normalized margin of the 1-homogeneous model f = wᵀx (Wei et al., Theorem 4.1 with
  a = 1; Telgarsky 2023, Proposition 2.6), solved as Lawson and Hanson's least-distance programme
  (:func:`least_distance_max_margin`, which also bounds the direction's rounding error, as the KKT
  check of Proposition 2.6 needs); :func:`best_linear_margin` also accepts inseparable data.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from theory.lazy import lazy

optimize = lazy("scipy.optimize")

from theory.errors import InputError
from theory.tolerances import dot_error
from theory.validation import as_matrix, as_vector, finite_real, finite_result, lp_coefficients, row_norms


#: the largest ℓ∞ box of :func:`linear_separation_margin` (HiGHS treats bounds >= 1e20 as infinite)
LP_MAX_BOX = 1e15


class L1Svm(NamedTuple):
    margin: float        # γ_ℓ1 (optimal t)
    weights: np.ndarray  # μ = μ⁺ − μ⁻, ‖μ‖₁ <= 1
    support: int         # number of k with |μ_k| > 1e-12


def _labels(y, n):
    y = as_vector(y, "y", length=n)
    if not np.all(np.abs(y) == 1.0):
        raise InputError("y must be ±1 labels")
    return y


def l1_svm(features, y) -> L1Svm:
    """γ_ℓ1 = max_{‖μ‖₁<=1} min_i y_i Σ_k μ_k features[i, k]  (an LP solved by HiGHS)."""
    F = as_matrix(features, "features")
    n, K = F.shape
    y = _labels(y, n)
    A = lp_coefficients(y[:, None] * F, "features")
    # variables: μ⁺ (K), μ⁻ (K), t (free); minimise −t
    c = np.zeros(2 * K + 1)
    c[-1] = -1.0
    A_ub = np.vstack([np.hstack([-A, A, np.ones((n, 1))]),
                      np.hstack([np.ones(K), np.ones(K), [0.0]])[None, :]])
    b_ub = np.concatenate([np.zeros(n), [1.0]])
    bounds = [(0, None)] * (2 * K) + [(None, None)]
    res = optimize.linprog(c, A_ub=A_ub, b_ub=b_ub, bounds=bounds, method="highs")
    if res.status != 0:
        raise RuntimeError(f"ℓ1-SVM LP failed: {res.message}")
    mu = res.x[:K] - res.x[K:2 * K]
    return L1Svm(float(res.x[-1]), mu, int(np.sum(np.abs(mu) > 1e-12)))


def relu_features(X, directions) -> np.ndarray:
    """Φ_{ik} = [ū_kᵀ x_i]_+ for unit directions ū_k (rows of ``directions``)."""
    X = as_matrix(X, "X")
    D = as_matrix(directions, "directions")
    if D.shape[1] != X.shape[1]:
        raise InputError(f"directions must have {X.shape[1]} columns, got {D.shape[1]}")
    norms = row_norms(D, "directions")
    if np.any(norms == 0):
        raise InputError("directions must be non-zero")
    with np.errstate(over="ignore", invalid="ignore"):
        features = np.maximum(X @ (D / norms[:, None]).T, 0.0)
    return finite_result(features, "X is", "the features [u_kᵀx_i]_+")


def network_from_l1_solution(directions, mu) -> tuple[np.ndarray, np.ndarray]:
    """A two-layer net (U, w) with ‖Θ‖_F = 1 realising μ: w_k = sign μ_k·s√|μ_k|, u_k = s√|μ_k|·ū_k.

    Balanced units (|w_k| = ‖u_k‖) give f = s²Σ μ_k[ū_kᵀx]_+ and ‖Θ‖_F² = 2s²‖μ‖₁, so s² = 1/(2‖μ‖₁)
    and the net's normalized margin is (min_i y_i Σ μ_k Φ_ik)/(2‖μ‖₁): γ_ℓ1/2 at the LP optimum.
    """
    D = as_matrix(directions, "directions")
    mu = as_vector(mu, "mu", length=D.shape[0])
    if np.any(row_norms(D, "directions") == 0):
        raise InputError("directions must be non-zero")
    l1 = float(np.abs(mu).sum())
    if l1 == 0:
        raise InputError("mu must not be zero")
    if not np.isfinite(l1):
        raise InputError("mu too large: ‖mu‖₁ overflows float64")
    s = 1.0 / np.sqrt(2 * l1)
    root = np.sqrt(np.abs(mu))
    U = (s * root)[:, None] * D / np.linalg.norm(D, axis=1)[:, None]
    return U, np.sign(mu) * s * root


def linear_separation_margin(A, box: float = 1.0) -> tuple[float, np.ndarray]:
    """max_{‖β‖∞<=box} min_j (Aβ)_j by LP: positive iff some β makes every row of A·β positive."""
    A = lp_coefficients(as_matrix(A, "A"), "A")
    box = finite_real(box, "box", lo=0.0, lo_open=True, hi=LP_MAX_BOX)
    m, k = A.shape
    c = np.zeros(k + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-A, np.ones((m, 1))])
    bounds = [(-box, box)] * k + [(None, None)]
    res = optimize.linprog(c, A_ub=A_ub, b_ub=np.zeros(m), bounds=bounds, method="highs")
    if res.status != 0:
        raise RuntimeError(f"separation LP failed: {res.message}")
    return float(res.x[-1]), res.x[:k]


def hinge_lp(A) -> np.ndarray:
    """argmin_β Σ_j [1 − (Aβ)_j]_+ (soft-margin fit of a linear combination, no norm bound).

    A best-effort minimiser of the number of non-positive rows of Aβ: a β that makes every row
    positive exists iff the optimum is 0, and otherwise the hinge solution is the usual convex
    surrogate of the fewest misclassified rows (e.g. the best kernel predictor a search can name
    against Theorem 2.1's Ω(1) error floor). Solved through its LP dual, max Σα s.t. Aᵀα = 0,
    0 <= α <= 1, whose k equality rows are far fewer than the primal's m (measured 5–10x faster
    for m = 2048 rows, k = 30 columns); β is minus the multipliers of the equalities.
    """
    A = lp_coefficients(as_matrix(A, "A"), "A")
    m, k = A.shape
    res = optimize.linprog(-np.ones(m), A_eq=A.T, b_eq=np.zeros(k), bounds=(0.0, 1.0), method="highs")
    if res.status != 0:
        raise RuntimeError(f"hinge LP failed: {res.message}")
    return -np.asarray(res.eqlin.marginals, dtype=np.float64)


def linear_max_margin(X, y) -> tuple[float, np.ndarray]:
    """γ* = max_{‖w‖₂<=1} min_i y_i wᵀx_i and its maximiser (hard-margin SVM through the origin),
    by :func:`least_distance_max_margin` (accurate to rounding). Raises InputError when the data
    are not linearly separable through the origin."""
    gamma, w, _ = least_distance_max_margin(X, y)
    return gamma, w


def best_linear_margin(X, y) -> tuple[float, np.ndarray]:
    """(γ̂, u), γ̂ = max_{‖u‖<=1} min_i y_i x_iᵀu, for data that may not be separable.

    Separability is decided exactly by the LP {w : y_ix_iᵀw >= 1} (HiGHS); on separable data u is
    :func:`least_distance_max_margin`'s direction. Otherwise γ̂ <= 0, and the returned value is the
    best min_i y_ix_iᵀu over the coordinate directions and the points themselves, capped at 0
    (e.g. 0 when a point and its negative carry the same label).
    """
    X = as_matrix(X, "X")
    y = _labels(y, X.shape[0])
    Z = lp_coefficients(y[:, None] * X, "X")
    n, d = Z.shape
    lp = optimize.linprog(np.zeros(d), A_ub=-Z, b_ub=-np.ones(n), bounds=[(None, None)] * d, method="highs")
    if lp.status == 0:
        try:
            return linear_max_margin(X, y)
        except InputError:   # feasible, but the margin is below the direction's rounding
            pass
    candidates = [c for c in list(np.eye(d)) + list(-np.eye(d)) + list(Z) if np.linalg.norm(c) > 0]
    values = [float(np.min(Z @ (c / np.linalg.norm(c)))) for c in candidates]
    k = int(np.argmax(values))
    return min(values[k], 0.0), candidates[k] / np.linalg.norm(candidates[k])


def least_distance_max_margin(X, y) -> tuple[float, np.ndarray, float]:
    """(γ̂, u, e): the linear max-margin direction through the origin, accurate to rounding.

    Lawson and Hanson's least-distance programme: the point of {w : y_ix_iᵀw >= 1} nearest to 0 is
    w = r_{1:d}/|r_{d+1}|, r = Eλ − e_{d+1} the residual of the NNLS min_{λ>=0} ‖Eλ − e_{d+1}‖ with
    E = [(y_ix_i)ᵀ; 1ᵀ]. One unweighted NNLS, so u = r_{1:d}/‖r_{1:d}‖ carries only rounding error;
    γ̂ = min_i y_ix_iᵀu, and e = 2γ_K(‖E‖‖λ‖ + 1)(1/|r_{d+1}| + 1/‖r_{1:d}‖), K = n + d + 4, bounds
    what that rounding does to any margin y_ix_iᵀu (‖x_i‖ <= 1). Raises InputError when the data
    are not linearly separable through the origin (r vanishes within its rounding, or γ̂ <= 0).
    """
    X = as_matrix(X, "X")
    y = _labels(y, X.shape[0])
    Z = lp_coefficients(y[:, None] * X, "X")
    n, d = Z.shape
    E = np.vstack([Z.T, np.ones((1, n))])
    target = np.r_[np.zeros(d), 1.0]
    lam, _ = optimize.nnls(E, target)
    r = E @ lam - target
    rounding = dot_error(n + d + 4) * (float(np.linalg.norm(E)) * float(np.linalg.norm(lam)) + 1.0)
    size = float(np.linalg.norm(r[:d]))
    u = r[:d] / size if size > 0 else np.zeros(d)
    if not (-r[d] > rounding and size > rounding and np.min(Z @ u) > 0):
        raise InputError("the data are not linearly separable through the origin (no u with "
                         "min_i y_ix_iᵀu > 0)")
    return float(np.min(Z @ u)), u, 2 * rounding * (1 / abs(float(r[d])) + 1 / size)
