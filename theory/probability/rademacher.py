"""Empirical Rademacher complexity of the near-initialisation class of a two-layer ReLU net.

Arora, Du, Hu, Li, Wang (2019), Lemma 5.4 (l.282–290 of the text copy, proof in Appendix D.2,
l.769–837) bounds, for the net f_{W,a}(x) = m^{-1/2} Σ_r a_r relu(w_rᵀx) with a_r = ±1,

    F_{R,B} = {f_{W,a} : ‖w_r − w_r(0)‖ <= R for every r, ‖W − W(0)‖_F <= B},
    R_S(F_{R,B}) = (1/n) E_ε sup_{f ∈ F_{R,B}} Σ_i ε_i f(x_i),

from above. This module computes the pieces a numerical check of that bound needs:

- :func:`lemma54_bound` — the right-hand side as printed;
- :func:`witness_gains` — a *lower* bound on the supremum, one sign vector ε at a time: the member
  W_ε = W(0) + t_ε·B·Z(0)ε/‖Z(0)ε‖ of F_{R,B} (Z(0) the md × n feature matrix of eq. (6), t_ε <= 1
  the largest step that keeps every row within R), and its exact gain εᵀ(f_{W_ε} − f_{W(0)})(X);
- :func:`sign_vectors` and :func:`sqrt_quadratic_form_mean` — exact averages over all 2ⁿ sign
  vectors (the control variate of the witness estimate, and the identity E‖Z(0)ε‖² = ‖Z(0)‖_F²).

Why the gain and not εᵀf_{W_ε}(X): the supremum is over W, so E_ε sup_W εᵀf_W ≥ E_ε εᵀf_{W_ε}, and
E_ε εᵀf_{W(0)}(X) = 0 exactly (W(0) does not depend on ε); subtracting it leaves the same lower
bound without the O(κ) noise of the initial outputs.

How the gain is computed without forming m × d × k arrays. Row r of W_ε − W(0) is
Δ_r = s_ε a_r m^{-1/2} Σ_i S_ri ε_i x_i with S_ri = 1{w_r(0)ᵀx_i >= 0} and s_ε = t_ε B/‖Z(0)ε‖, so
Δ_rᵀx_j = s_ε a_r m^{-1/2} T_rj with T = (S ∘ ε)G, G = XXᵀ. Because relu is convex with
subgradient S at W(0)X ᵀ, relu(p + δ) − relu(p) = S δ + φ(p, δ) with φ = |p + δ| when the sign of
p + δ differs from that of p and 0 otherwise. Summed against ε the linear part is exactly
s_ε‖Z(0)ε‖² = t_ε B‖Z(0)ε‖ with ‖Z(0)ε‖² = εᵀH(0)ε, H(0) = Z(0)ᵀZ(0); the flip part φ is non-zero
only where |w_r(0)ᵀx_j| < |Δ_rᵀx_j| <= R, so only those rows are expanded. The row norms depend on
a row only through its activation pattern S_r, so they are computed once per distinct pattern
(at most 2ⁿ of them) with one GEMM against the n(n+1)/2 products ε_iε_j.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from theory.errors import InputError
from theory.validation import (array_size, as_matrix, as_vector, finite_real, positive_int, real_or_inf,
                               finite_result, row_norms, unit_rows)

#: largest n for which all 2ⁿ sign vectors are enumerated (2²⁴ ≈ 1.7e7 quadratic forms)
MAX_ENUMERATED = 24
#: entries per block of the chunked computations (2²² float64 = 32 MiB)
BLOCK = 2**22


def sign_vectors(n: int) -> np.ndarray:
    """All 2ⁿ vectors in {−1, +1}ⁿ as the rows of a (2ⁿ, n) float64 array (n <= 20)."""
    n = positive_int(n, "n")
    if n > 20:
        raise InputError(f"n must be at most 20 to list all 2^n sign vectors (2^n rows), got {n}")
    bits = (np.arange(2**n)[:, None] >> np.arange(n)[None, :]) & 1
    return 1.0 - 2.0 * bits


def sqrt_quadratic_form_mean(H) -> float:
    """E_ε sqrt(εᵀHε) over all 2ⁿ sign vectors ε, exactly (n <= 24); negative forms count as 0.

    The sum is split as ε = (u, v) over the first h = ⌈n/2⌉ and the last n − h coordinates,
    εᵀHε = uᵀH_uu u + vᵀH_vv v + 2uᵀH_uv v, so each block is a 2^h × 2^{n−h} GEMM.
    """
    A = as_matrix(H, "H")
    n = A.shape[0]
    if A.shape[1] != n:
        raise InputError(f"H must be square, got shape {A.shape}")
    if n > MAX_ENUMERATED:
        raise InputError(f"H must be at most {MAX_ENUMERATED} x {MAX_ENUMERATED} to enumerate all 2^n sign "
                         f"vectors, got n = {n}")
    scale = float(np.max(np.abs(A)))
    if not math.isfinite(scale * n * n):
        raise InputError("H has entries too large for float64 (εᵀHε overflows)")
    A = (A + A.T) / 2
    h = (n + 1) // 2
    U = sign_vectors(h)
    qu = np.einsum("ui,ij,uj->u", U, A[:h, :h], U)
    if n == h:
        return float(np.sqrt(np.maximum(qu, 0.0)).mean())
    V = sign_vectors(n - h)
    qv = np.einsum("vi,ij,vj->v", V, A[h:, h:], V)
    cross = 2.0 * (U @ A[:h, h:])  # (2^h, n − h)
    rows = max(1, BLOCK // len(V))
    total = 0.0
    for s in range(0, len(U), rows):
        q = qu[s:s + rows, None] + qv[None, :] + cross[s:s + rows] @ V.T
        total += float(np.sqrt(np.maximum(q, 0.0)).sum())
    return total / (len(U) * len(V))


def lemma54_bound(n: int, m: int, B: float, R: float, kappa: float, delta: float, *,
                  first_constant: float = 1 / math.sqrt(2)) -> float:
    """The right-hand side of Lemma 5.4 (l.288):

        first_constant·(B/√n)·(1 + (2 log(2/δ)/m)^{1/4}) + 2R²√m/κ + R√(2 log(2/δ)),

    with ``first_constant`` = 1/√2 as printed (B/√(2n)); 1/2 gives the mutant B/(2√n).
    """
    n = positive_int(n, "n")
    m = positive_int(m, "m")
    B = finite_real(B, "B", lo=0.0, lo_open=True)
    R = finite_real(R, "R", lo=0.0, lo_open=True)
    kappa = finite_real(kappa, "kappa", lo=0.0, lo_open=True)
    delta = finite_real(delta, "delta", lo=0.0, lo_open=True)
    if delta >= 1:
        raise InputError(f"delta must be < 1 (a failure probability), got {delta}")
    first_constant = finite_real(first_constant, "first_constant", lo=0.0, lo_open=True)
    log_term = 2 * math.log(2 / delta)
    value = (first_constant * B / math.sqrt(n) * (1 + (log_term / m) ** 0.25)
             + 2 * R * R * math.sqrt(m) / kappa + R * math.sqrt(log_term))
    if not math.isfinite(value):
        raise InputError("B, R and kappa are too extreme: the Lemma 5.4 bound overflows float64")
    return value


@dataclass(frozen=True)
class WitnessGains:
    """Per sign vector ε (arrays of length k) and per initialisation (scalars):

    gains        εᵀ(f_{W_ε} − f_{W(0)})(X), exact up to rounding
    linear       t_ε·B·‖Z(0)ε‖, the part linear in W_ε − W(0)
    flips        gains − linear: the contribution of activations that change sign (φ above)
    norms        ‖Z(0)ε‖ = sqrt(εᵀH(0)ε)
    movement     max_r ‖(W_ε − W(0))_r‖ before truncation, i.e. with t_ε = 1
    steps        t_ε = min(1, R / movement)
    gram         H(0) = Z(0)ᵀZ(0), n × n
    frobenius_sq ‖Z(0)‖_F² = trace H(0)
    near_boundary number of pairs (r, j) with |w_r(0)ᵀx_j| <= R (the proof's Σ 1{A_rj})
    patterns     number of distinct activation patterns S_r
    """

    gains: np.ndarray
    linear: np.ndarray
    flips: np.ndarray
    norms: np.ndarray
    movement: np.ndarray
    steps: np.ndarray
    gram: np.ndarray
    frobenius_sq: float
    near_boundary: int
    patterns: int


def _pattern_row_norms(patterns: np.ndarray, G: np.ndarray, eps: np.ndarray) -> np.ndarray:
    """max over patterns u of Q_u(ε) = (u ∘ ε)ᵀG(u ∘ ε), for each row ε of ``eps``."""
    n = G.shape[0]
    iu, ju = np.triu_indices(n)
    weight = np.where(iu == ju, 1.0, 2.0) * G[iu, ju]
    pairs = eps[:, iu] * eps[:, ju]  # (k, n(n+1)/2)
    best = np.full(eps.shape[0], -np.inf)
    rows = max(1, BLOCK // max(len(iu), eps.shape[0]))
    for s in range(0, len(patterns), rows):
        U = patterns[s:s + rows]
        phi = U[:, iu] * U[:, ju] * weight  # (rows, n(n+1)/2)
        best = np.maximum(best, (phi @ pairs.T).max(axis=0))
    return np.maximum(best, 0.0)


def witness_gains(W0, a, X, eps, B: float, R: float) -> WitnessGains:
    """The gains εᵀ(f_{W_ε} − f_{W(0)})(X) of the witnesses W_ε ∈ F_{R,B} (see the module docstring).

    ``W0`` (m × d) holds the rows w_r(0), ``a`` the output signs (±1), ``X`` (n × d) unit-norm inputs,
    ``eps`` (k × n) the sign vectors, ``B`` the Frobenius radius, ``R`` the per-row radius (inf: no
    per-row constraint). A sign vector with Z(0)ε = 0 gets the witness W(0) and gain 0.
    """
    W = as_matrix(W0, "W0")
    row_norms(W, "W0")  # |w_rᵀx_j| <= ‖w_r‖ then cannot overflow either
    m, d = W.shape
    a = as_vector(a, "a", length=m)
    if not np.all(np.abs(a) == 1.0):
        raise InputError("a must have entries ±1 (the output signs of Lemma 5.4)")
    X = unit_rows(X, "X")
    if X.shape[1] != d:
        raise InputError(f"X must have d = {d} columns like W0, got shape {X.shape}")
    n = X.shape[0]
    if n > 62:
        raise InputError(f"X must have at most 62 rows (activation patterns are packed in int64), got {n}")
    E = as_matrix(eps, "eps")
    if E.shape[1] != n:
        raise InputError(f"eps must have n = {n} columns like X has rows, got shape {E.shape}")
    if not np.all(np.abs(E) == 1.0):
        raise InputError("eps must have entries ±1 (Rademacher sign vectors)")
    k = E.shape[0]
    B = finite_real(B, "B", lo=0.0, lo_open=True)
    R = real_or_inf(R, "R")
    if not R > 0:
        raise InputError(f"R must be > 0, got {R}")
    array_size((m, n), "W0 and X")
    array_size((k, n * (n + 1) // 2), "eps and X")
    P = W @ X.T  # pre-activations w_r(0)ᵀx_j
    S = P >= 0
    G = X @ X.T
    keys = S.astype(np.int64) @ (np.int64(1) << np.arange(n, dtype=np.int64))
    uniq, first, counts = np.unique(keys, return_index=True, return_counts=True)
    U = S[first].astype(np.float64)  # distinct patterns
    H = (U.T * counts) @ U * G / m
    q = np.maximum(np.einsum("li,ij,lj->l", E, H, E), 0.0)
    norms = np.sqrt(q)
    live = norms > 0
    c = np.where(live, B / np.where(live, norms, 1.0), 0.0)  # ‖Δ‖_F = B along Z(0)ε/‖Z(0)ε‖
    movement = c * np.sqrt(_pattern_row_norms(U, G, E) / m)
    with np.errstate(divide="ignore"):
        steps = np.where(movement > R, R / np.where(movement > 0, movement, 1.0), 1.0)
    s = steps * c / math.sqrt(m)  # Δ_rᵀx_j = s_ε a_r T_rj
    linear = steps * c * q
    flips = np.zeros(k)
    near = np.abs(P) <= R
    rows = np.flatnonzero(near.any(axis=1))
    block = max(1, BLOCK // max(1, k * n))
    for start in range(0, len(rows), block):
        r = rows[start:start + block]
        Y = S[r].astype(np.float64)[:, None, :] * E[None, :, :]  # (b, k, n)
        delta = (Y @ G) * s[None, :, None] * a[r][:, None, None]
        p = P[r][:, None, :]
        moved = p + delta
        phi = np.where((p >= 0) != (moved >= 0), np.abs(moved), 0.0)
        flips += np.einsum("b,bkn,kn->k", a[r], phi, E) / math.sqrt(m)
    finite_result(linear + flips, "B, R and W0 are", "the witness gains")
    return WitnessGains(gains=linear + flips, linear=linear, flips=flips, norms=norms, movement=movement,
                        steps=steps, gram=H, frobenius_sq=float(np.trace(H)),
                        near_boundary=int(near.sum()), patterns=int(len(uniq)))
