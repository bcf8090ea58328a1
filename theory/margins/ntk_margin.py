"""Global and NTK margins of Telgarsky 2023 (Assumptions 1.1–1.4, Propositions 1.5/1.6, Lemma A.1).

* Global margin (Assumption 1.1): γ_gl = min_i y_i Σ_k α_k σ(β_kᵀx_i) with ‖α‖₁ = 1 and unit β_k
  (:func:`global_margin`); the best one over a finite dictionary of directions is a linear
  programme (:func:`best_global_margin`, scipy HiGHS).
* NTK margin (Assumption 1.3): γ_ntk = min_i E_{w~N_θ}⟨θ(w), ∂̄_w p_i(w)⟩ for a transport
  θ: R^{d+1} → R^{d+1} that vanishes on ‖w‖ >= 2 and is bounded by 1, where N_θ draws a ~ N(0, 1)
  and v ~ N(0, I/d). A transport here is a function θ(a, V) → (θ_a (N,), θ_v (N, d)) of N rows.
  The transports of Proposition 1.5.1 / 1.5.2 / 1.6.1 and Lemma A.1 are built by the ``*_transport``
  functions; :func:`pairings` gives ⟨θ(w_j), ∂̄p_i(w_j)⟩ for rows w_j, from which both the Monte
  Carlo estimate of γ_ntk and the finite-width sum of Lemma A.3.1 are formed.
* Closed forms of the four transports' margins (catalogue §5.4) reduce to two radial constants,
  K_a(d) = E|a|·1[a² + ρ² <= 4] and K_ρ(d) = E ρ·1[a² + ρ² <= 4] with ρ² = ‖v‖² ~ χ²_d/d,
  computed by 1-D quadrature.
"""

from __future__ import annotations

import functools
import math
from typing import Callable

import numpy as np

from theory.lazy import lazy

integrate, special, stats = lazy("scipy.integrate"), lazy("scipy.special"), lazy("scipy.stats")

from theory.nets import two_layer_relu as nets
from theory.margins.max_margin import l1_svm
from theory.errors import InputError
from theory.validation import (array_size, as_matrix, as_vector, callable_arg, finite_array, finite_real,
                               lp_coefficients, positive_int, unit_rows)

Transport = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


# -- global margins --------------------------------------------------------------------------------

def global_margin(alpha, B, X, y) -> float:
    """min_i y_i Σ_k α_k σ(β_kᵀx_i) (Assumption 1.1), with ‖α‖₁ = 1 and unit rows β_k checked."""
    alpha = as_vector(alpha, "alpha")
    B = unit_rows(B, "B")
    if B.shape[0] != alpha.shape[0]:
        raise InputError(f"alpha has {alpha.shape[0]} entries but B has {B.shape[0]} rows")
    if abs(np.abs(alpha).sum() - 1.0) > 1e-9:
        raise InputError(f"alpha must have ‖alpha‖₁ = 1, got {np.abs(alpha).sum():.6g}")
    X, y = nets.check_data(X, y, B.shape[1])
    return float(np.min(y * (nets.relu(X @ B.T) @ alpha)))


def best_global_margin(B, X, y) -> float:
    """max over ‖α‖₁ <= 1 of min_i y_i Σ_k α_k σ(β_kᵀx_i), β_k the rows of B (an LP).

    With the directions ṽ_j of a network W this is the exact ceiling of Section 3: F(x; W)/‖W‖²
    lies in ½·{Σ α_j σ(ṽ_jᵀx) : ‖α‖₁ <= 1}, so γ(W) <= ½·best_global_margin(Ṽ, X, y).
    """
    B = as_matrix(B, "B")
    X, y = nets.check_data(X, y, B.shape[1])
    features = lp_coefficients(nets.relu(X @ B.T), "B (the LP's features σ(β_kᵀx_i))")
    return l1_svm(features, y).margin


# -- transports ------------------------------------------------------------------------------------

def _unit(u, name: str) -> np.ndarray:
    u = as_vector(u, name)
    norm = np.linalg.norm(u)
    if abs(norm - 1.0) > 1e-9:
        raise InputError(f"{name} must be a unit vector, got norm {norm:.6g}")
    return u


def _support(a, V, indicator: bool) -> np.ndarray:
    if not indicator:
        return np.ones_like(a)
    return ((a * a + np.sum(V * V, axis=1)) <= 4.0).astype(float)


def inner_sign_transport(u, *, indicator: bool = True) -> Transport:
    """Proposition 1.5.1: θ(a, v) = (0, sgn(a)·ū)·1[‖(a, v)‖ <= 2] (inner layer only)."""
    u = _unit(u, "u")

    def theta(a, V):
        s = np.sign(a) * _support(a, V, indicator)
        return np.zeros_like(a), s[:, None] * u[None, :]
    return theta


def outer_sign_transport(u, *, indicator: bool = True) -> Transport:
    """Proposition 1.5.2: θ(a, v) = (sgn(ūᵀv), 0)·1[‖(a, v)‖ <= 2] (outer layer only)."""
    u = _unit(u, "u")

    def theta(a, V):
        return np.sign(V @ u) * _support(a, V, indicator), np.zeros_like(V)
    return theta


def parity_transport(B, *, signs=None, indicator: bool = False) -> Transport:
    """Proposition 1.6.1 (l.447): θ(a, v) = (0, (sgn a/2) Σ_k β_k 1[β_kᵀv >= 0]).

    As printed (``signs=None``) the map ignores the reference signs α_k and its margin is negative
    on every label −1 point of the cube; ``signs`` = sgn(α) gives the corrected
    (0, (sgn a/2) Σ_k sgn(α_k) β_k 1[β_kᵀv >= 0]). The printed map also has no support indicator
    (catalogue M3); ``indicator=True`` adds 1[‖w‖ <= 2].
    """
    B = unit_rows(B, "B")
    weights = np.ones(B.shape[0]) if signs is None else np.sign(as_vector(signs, "signs",
                                                                         length=B.shape[0]))

    def theta(a, V):
        s = 0.5 * np.sign(a) * _support(a, V, indicator)
        return np.zeros_like(a), s[:, None] * (((V @ B.T >= 0) * weights[None, :]) @ B)
    return theta


def global_outer_transport(alpha, B, *, indicator: bool = True) -> Transport:
    """Lemma A.1: θ(a, v) = (Σ_k α_k σ'(β_kᵀv), 0)·1[‖(a, v)‖ <= 2]."""
    alpha = as_vector(alpha, "alpha")
    B = unit_rows(B, "B")
    if B.shape[0] != alpha.shape[0]:
        raise InputError(f"alpha has {alpha.shape[0]} entries but B has {B.shape[0]} rows")

    def theta(a, V):
        return ((V @ B.T > 0).astype(float) @ alpha) * _support(a, V, indicator), np.zeros_like(V)
    return theta


def scaled_transport(theta: Transport, c: float) -> Transport:
    """c·θ (used to show why Assumption 1.3 needs ‖θ‖ <= 1, catalogue M2)."""
    callable_arg(theta, "theta")
    finite_real(c, "c")
    return lambda a, V: tuple(c * t for t in theta(a, V))


def _apply(theta: Transport, a: np.ndarray, V: np.ndarray):
    """θ(a, V), checked to be a pair (θ_a (m,), θ_v (m, d)) of finite arrays."""
    callable_arg(theta, "theta")
    out = theta(a, V)
    if isinstance(out, (str, bytes)) or not hasattr(out, "__len__") or len(out) != 2:
        raise InputError(f"theta must return the pair (theta_a, theta_v), got {type(out).__name__}")
    ta, tV = out
    if np.shape(ta) != a.shape or np.shape(tV) != V.shape:
        raise InputError(f"theta must return arrays of shapes {a.shape} and {V.shape}, "
                         f"got {np.shape(ta)} and {np.shape(tV)}")
    finite_array(ta, "theta(a, V)[0]", allow_empty=True)
    finite_array(tV, "theta(a, V)[1]", allow_empty=True)
    return ta, tV


def pairings(theta: Transport, a, V, X, y) -> np.ndarray:
    """The (m, n) matrix ⟨θ(w_j), ∂̄p_i(w_j)⟩ for rows w_j = (a_j, v_j) (single-node margins)."""
    a, V = nets.check_weights(a, V)
    X, y = nets.check_data(X, y, V.shape[1])
    ta, tV = _apply(theta, a, V)
    Z = V @ X.T                                              # (m, n)
    return y[None, :] * (ta[:, None] * nets.relu(Z) + (a[:, None] * nets.relu_slope(Z)) * (tV @ X.T))


def transport_sup_norm(theta: Transport, a, V) -> tuple[float, float]:
    """(max ‖θ(w_j)‖, max ‖θ(w_j)‖ over rows with ‖w_j‖ >= 2): the audit of A1.3's conditions."""
    a, V = nets.check_weights(a, V)
    ta, tV = _apply(theta, a, V)
    norms = np.sqrt(ta * ta + np.sum(tV * tV, axis=1))
    outside = (a * a + np.sum(V * V, axis=1)) >= 4.0
    return float(norms.max()), float(norms[outside].max()) if outside.any() else 0.0


def monte_carlo_margins(theta: Transport, X, y, samples: int, rng: np.random.Generator):
    """(mean, standard error) per example of ⟨θ(w), ∂̄p_i(w)⟩ with w ~ N_θ, ``samples`` draws."""
    samples = positive_int(samples, "samples", minimum=2)
    X = as_matrix(X, "X")
    array_size((samples, X.shape[1] + 1), "samples")
    a, V = nets.transport_rows(samples, X.shape[1], rng)
    P = pairings(theta, a, V, X, y)
    return P.mean(axis=0), P.std(axis=0, ddof=1) / math.sqrt(samples)


def finite_width_sum(theta: Transport, a, V, X, y) -> np.ndarray:
    """Σ_j ⟨θ(w_j)/√m, ∂̂p_i(w_j)⟩ per example (the left side of Lemma A.3.1)."""
    a, V = nets.check_weights(a, V)
    return pairings(theta, a, V, X, y).sum(axis=0) / math.sqrt(a.shape[0])


# -- closed forms (catalogue §5.4) -----------------------------------------------------------------

def _radial(d: int, fn) -> float:
    """E over ρ² ~ χ²_d/d restricted to ρ <= 2 of fn(ρ), by quadrature in s = ρ²."""
    d = positive_int(d, "d")
    dens = stats.chi2(d).pdf
    val, _ = integrate.quad(lambda s: fn(math.sqrt(s)) * d * dens(d * s), 0.0, 4.0,
                            limit=200, epsabs=1e-13, epsrel=1e-11)
    return float(val)


def k_abs_a(d: int) -> float:
    """K_a(d) = E[|a|·1[a² + ρ² <= 4]], a ~ N(0, 1): E|a|1[|a| <= c] = 2(φ(0) − φ(c))."""
    return _k_abs_a(positive_int(d, "d"))


@functools.lru_cache(maxsize=256)
def _k_abs_a(d: int) -> float:
    phi = stats.norm.pdf
    return _radial(d, lambda r: 2.0 * (phi(0.0) - phi(math.sqrt(max(4.0 - r * r, 0.0)))))


def k_rho(d: int) -> float:
    """K_ρ(d) = E[ρ·1[a² + ρ² <= 4]] = E_ρ[ρ(2Φ(√(4 − ρ²)) − 1)]."""
    return _k_rho(positive_int(d, "d"))


@functools.lru_cache(maxsize=256)
def _k_rho(d: int) -> float:
    return _radial(d, lambda r: r * (2.0 * stats.norm.cdf(math.sqrt(max(4.0 - r * r, 0.0))) - 1.0))


def mean_rho(d: int) -> float:
    """E ρ = E‖v‖ for v ~ N(0, I/d): √(2/d)·Γ((d+1)/2)/Γ(d/2)."""
    d = positive_int(d, "d")
    return math.sqrt(2.0 / d) * math.exp(special.gammaln((d + 1) / 2) - special.gammaln(d / 2))


def mean_abs_coordinate(d: int) -> float:
    """E|u_1| for u uniform on S^{d-1}: Γ(d/2)/(√π Γ((d+1)/2))."""
    d = positive_int(d, "d")
    return math.exp(special.gammaln(d / 2) - special.gammaln((d + 1) / 2)) / math.sqrt(math.pi)


def inner_sign_margin(d: int) -> float:
    """Proposition 1.5.1's transport: E⟨θ, ∂̄p⟩ = ½ K_a(d)·y ūᵀx (this returns the factor ½K_a)."""
    return 0.5 * k_abs_a(d)


def outer_sign_margin(d: int) -> float:
    """Proposition 1.5.2's transport: E⟨θ, ∂̄p⟩ = ½ E|u_1| K_ρ(d)·y ūᵀx (returns the factor)."""
    return 0.5 * mean_abs_coordinate(d) * k_rho(d)


def parity_transport_margin(d: int, *, indicator: bool = False) -> float:
    """The sign-corrected transport of Proposition 1.6.1 on every x ∈ H_d (and the printed one on
    the label +1 points): (E|a|·1 / 2)·√(2/d)·arcsin(√(2/d))/π."""
    d = positive_int(d, "d", minimum=2)
    c = math.sqrt(2.0 / d)
    ea = k_abs_a(d) if indicator else math.sqrt(2.0 / math.pi)
    return 0.5 * ea * c * math.asin(c) / math.pi


def global_outer_margins(alpha, B, X, y, *, indicator: bool = True) -> np.ndarray:
    """Lemma A.1's transport, per example with ‖x_i‖ = 1: y_i Σ_k α_k (1 + β_kᵀx_i)/(2√(2πd)),
    times K_ρ(d)/Eρ with the support indicator."""
    alpha = as_vector(alpha, "alpha")
    B = unit_rows(B, "B")
    if B.shape[0] != alpha.shape[0]:
        raise InputError(f"alpha has {alpha.shape[0]} entries but B has {B.shape[0]} rows")
    X = unit_rows(X, "X")
    if X.shape[1] != B.shape[1]:
        raise InputError(f"X has {X.shape[1]} columns but the rows of B have {B.shape[1]} entries")
    y = as_vector(y, "y", length=X.shape[0])
    d = X.shape[1]
    base = y * ((1.0 + X @ B.T) @ alpha) / (2.0 * math.sqrt(2.0 * math.pi * d))
    return base * (k_rho(d) / mean_rho(d) if indicator else 1.0)
