"""The neural tangent kernel of a two-layer ReLU net f(x) = Σ_j w_j [u_jᵀx]_+ at Gaussian init.

Wei, Lee, Liu, Ma 2019, Section 2 (L90–97) and Appendix B (eq. B.1): with w ~ N(0, r_w²) and
u ~ N(0, r_u² I), the kernel K(x, x') = E⟨∇_θ f(x), ∇_θ f(x')⟩ has one term per layer,

    K = τ₁·K1 + τ₂·(K1 + K2),   K1 = ⟨x,x'⟩(1 − θ/π),   K2 = ‖x‖‖x'‖ sin θ / π,

where θ is the angle between x and x'. The paper only says τ₁, τ₂ > 0; the exact values are
τ₁ = r_w²/2 (gradient in u: E[w²]·P(both active) = r_w²(π−θ)/(2π)) and τ₂ = r_u²/2 (gradient in w:
E[[uᵀx]_+[uᵀx']_+] = r_u²‖x‖‖x'‖(sin θ + (π−θ)cos θ)/(2π), Cho & Saul's arc-cosine kernel).
Lemma B.5 replaces K1, K2 on the hypercube by their Taylor polynomials h₁, h₂ to order 4.

Angles and the co-activation probability come from :mod:`theory.kernels.hinf` (one arc-cosine
formula for both papers): θ by Kahan's atan2 form, accurate near θ = 0 and π where arccos is not.
"""

from __future__ import annotations

import math

import numpy as np

from theory.errors import InputError
from theory.kernels import hinf
from theory.kernels.hinf import _matching_columns as _pair
from theory.validation import (UNIT_NORM_TOL, finite_array, finite_real, finite_result,
                               iterations, positive_int, rng_generator, row_norms)


def k1(X, Z) -> np.ndarray:
    """K1(x, z) = ⟨x, z⟩(1 − θ/π) (Wei et al. 2019, L327): ⟨x, z⟩ times twice the co-activation
    probability (π − θ)/(2π), so K1 = 2·H∞ of Arora et al. 2019, eq. (3), for unit rows."""
    X, Z = _pair(X, Z)
    with np.errstate(over="ignore", invalid="ignore"):
        K = (X @ Z.T) * (2.0 * hinf.coactivation_from_angle(hinf.cross_angles(X, Z)))
    return finite_result(K, "X and Z are", "K1")


def k2(X, Z) -> np.ndarray:
    """K2(x, z) = ‖x‖‖z‖ sin θ / π  (Wei et al. 2019, L329)."""
    X, Z = _pair(X, Z)
    nx = row_norms(X, "X")[:, None]
    nz = row_norms(Z, "Z")[None, :]
    with np.errstate(over="ignore", invalid="ignore"):
        K = nx * nz * np.sin(hinf.cross_angles(X, Z)) / math.pi
    return finite_result(K, "X and Z are", "K2")


def paired(X, Z, which: str = "k1") -> np.ndarray:
    """K1(x_i, z_i) or K2(x_i, z_i) for corresponding rows (a vector, not a matrix)."""
    X, Z = _pair(X, Z)
    if not isinstance(which, str) or which not in ("k1", "k2"):
        raise InputError(f"which must be 'k1' or 'k2', got {which!r}")
    theta = hinf.paired_angles(X, Z)
    with np.errstate(over="ignore", invalid="ignore"):
        if which == "k1":
            K = np.sum(X * Z, axis=1) * (2.0 * hinf.coactivation_from_angle(theta))
        else:
            K = row_norms(X, "X") * row_norms(Z, "Z") * np.sin(theta) / math.pi
    return finite_result(K, "X and Z are", which.upper())


def taus(r_w: float, r_u: float) -> tuple[float, float]:
    """(τ₁, τ₂) = (r_w²/2, r_u²/2): the weights of eq. B.1 for init scales r_w, r_u."""
    r_w = finite_real(r_w, "r_w", lo=0.0)
    r_u = finite_real(r_u, "r_u", lo=0.0)
    return r_w**2 / 2.0, r_u**2 / 2.0


def ntk(X, Z, tau1: float = 0.5, tau2: float = 0.5) -> np.ndarray:
    """K = τ₁·K1 + τ₂·(K1 + K2)  (eq. B.1)."""
    tau1 = finite_real(tau1, "tau1", lo=0.0)
    tau2 = finite_real(tau2, "tau2", lo=0.0)
    a, b = k1(X, Z), k2(X, Z)
    with np.errstate(over="ignore", invalid="ignore"):
        K = tau1 * a + tau2 * (a + b)
    return finite_result(K, "X, Z, tau1 and tau2 are", "the kernel")


def ntk_monte_carlo(X, Z, r_w: float, r_u: float, samples: int, rng: np.random.Generator):
    """Monte-Carlo estimate of E⟨∇_θ f(x), ∇_θ f(z)⟩ over (w, u), with its standard error.

    Per sample the integrand is w²·1(uᵀx>0)1(uᵀz>0)⟨x,z⟩ + [uᵀx]_+[uᵀz]_+ (the u- and w-blocks of
    the gradient). Returns (mean, standard error), each of shape (len(X), len(Z)).
    """
    X, Z = _pair(X, Z)
    samples = iterations(samples, "samples", minimum=2)
    r_w = finite_real(r_w, "r_w", lo=0.0)
    r_u = finite_real(r_u, "r_u", lo=0.0)
    rng = rng_generator(rng)
    total = np.zeros((X.shape[0], Z.shape[0]))
    total2 = np.zeros_like(total)
    ip = X @ Z.T
    done = 0
    chunk = max(1, min(samples, 2_000_000 // max(1, X.shape[0] * Z.shape[0])))
    while done < samples:
        m = min(chunk, samples - done)
        U = rng.standard_normal((m, X.shape[1])) * r_u
        w = rng.standard_normal(m) * r_w
        ax, az = X @ U.T, Z @ U.T  # (n, m), (k, m)
        vals_u = (ax > 0)[:, None, :] * (az > 0)[None, :, :] * (w**2)[None, None, :] * ip[:, :, None]
        vals_w = np.maximum(ax, 0)[:, None, :] * np.maximum(az, 0)[None, :, :]
        vals = vals_u + vals_w
        total += vals.sum(axis=2)
        total2 += (vals**2).sum(axis=2)
        done += m
    mean = total / samples
    var = np.maximum(total2 / samples - mean**2, 0.0)
    return mean, np.sqrt(var / samples)


# --- Lemma B.5: the kernel on the hypercube and its degree-4 Taylor surrogate -------------------

def _cosines(t) -> np.ndarray:
    """t as finite float64 cosines: |t| <= 1 up to rounding (clipped to [−1, 1] by the caller)."""
    t = finite_array(t, "t")
    if np.any(np.abs(t) > 1.0 + UNIT_NORM_TOL):
        raise InputError(f"t must be a cosine in [-1, 1], got an entry of size {float(np.max(np.abs(t))):.6g}")
    return t


def h1(t) -> np.ndarray:
    """h₁(t) = t(1 − arccos(t)/π): K1 of two vectors of norm² d−1 is (d−1)·h₁(cos θ)."""
    t = np.clip(_cosines(t), -1.0, 1.0)
    return t * (1.0 - np.arccos(t) / math.pi)


def h2(t) -> np.ndarray:
    """h₂(t) = sqrt(1 − t²)/π: K2 of two vectors of norm² d−1 is (d−1)·h₂(cos θ)."""
    t = np.clip(_cosines(t), -1.0, 1.0)
    return np.sqrt(np.maximum(1.0 - t * t, 0.0)) / math.pi


def arc_cosine_kernel(t) -> np.ndarray:
    """κ(t) = (sin θ + (π − θ)t)/(2π), θ = arccos t: Cho & Saul's degree-1 arc-cosine kernel
    E_{g~N(0,I)}[σ(gᵀx)σ(gᵀx')] of two unit vectors at cosine t, i.e. (h₁(t) + h₂(t))/2.

    Evaluated as (s + (π − atan2(s, t))t)/(2π) with s = √(1 − t²), not as (h₁ + h₂)/2: the F2 margins
    of the 2-homogeneity paper (Example 4.1) take k-th differences of κ, and there the sum of the
    arccos forms moved the k = 2, 4 margins by up to 1.7e-8 relative (d = 4…64, measured), this form
    does not cancel.
    """
    t = np.clip(_cosines(t), -1.0, 1.0)
    s = np.sqrt(np.maximum(1.0 - t * t, 0.0))
    return (s + (math.pi - np.arctan2(s, t)) * t) / (2 * math.pi)


#: Taylor coefficients (t^0..t^4) of h₁ and h₂ as printed in Lemma B.5 (g₁ and g₂, L513–515)
G1_COEFFICIENTS = (0.0, 0.5, 1 / math.pi, 0.0, 1 / (6 * math.pi))
G2_COEFFICIENTS = (1 / math.pi, 0.0, -1 / (2 * math.pi), 0.0, -1 / (8 * math.pi))


def surrogate_coefficients(d: int, tau1: float, tau2: float) -> np.ndarray:
    """Coefficients (t^0..t^4) of g(t) = (τ₁+τ₂)(d−1)g₁(t) + τ₂(d−1)g₂(t) of Lemma B.5."""
    d = positive_int(d, "d", minimum=3)
    tau1 = finite_real(tau1, "tau1", lo=0.0)
    tau2 = finite_real(tau2, "tau2", lo=0.0)
    return (d - 1) * ((tau1 + tau2) * np.array(G1_COEFFICIENTS) + tau2 * np.array(G2_COEFFICIENTS))
