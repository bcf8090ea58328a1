"""The entropy mirror map and the unnormalized KL divergence (2-homogeneity paper, Lemma A.2).

On the positive orthant ℝ^m_{>0}, with the Legendre potential φ(u) = ⟨u, ln u − 1⟩:

- ∇φ = ln, (∇φ)⁻¹ = exp = ∇φ*, and φ*(r) = Σ_s e^{r_s} (Lemma A.2 part 1, in its proof);
- the Bregman divergence of φ is the unnormalized KL, KL(p, q) = ⟨p, ln(p/q)⟩ + ⟨1, q − p⟩
  (Lemma 3.3 part 2, Appendix A);
- KL(r, q) = ‖r‖₁ KL(r̃, q̃) + ‖r‖₁ Q(‖r‖₁/‖q‖₁) with r̃ = r/‖r‖₁, q̃ = q/‖q‖₁ and
  Q(x) = ln x + 1/x − 1 (proof of Lemma A.2 part 2);
- min over the simplex of KL(p, v) is ln(1/‖v‖₁) + ‖v‖₁ − 1, at p = v/‖v‖₁ (the proof of
  Lemma A.2 part 1 prints ln(1/‖v‖₁), which is wrong unless ‖v‖₁ = 1);
- D_φ(c p, q)/c = KL(p, q) + ln c + ‖q‖₁(1/c − 1) for ‖p‖₁ = 1 (the scaling behind Lemma 3.5).
"""

from __future__ import annotations

import numpy as np

from theory.errors import InputError
from theory.validation import as_vector, finite_array, finite_real


def positive_vector(v, name: str) -> np.ndarray:
    """v as a non-empty float64 vector with every entry > 0 (the domain of φ)."""
    a = as_vector(v, name)
    if a.size == 0:
        raise InputError(f"{name} must not be empty")
    if not np.all(a > 0):
        raise InputError(f"{name} must have strictly positive entries (the domain of the entropy "
                         f"potential); smallest entry is {a.min():.3g}")
    return a


def _pair(p, q, names=("p", "q")) -> tuple[np.ndarray, np.ndarray]:
    p, q = positive_vector(p, names[0]), positive_vector(q, names[1])
    if p.shape != q.shape:
        raise InputError(f"{names[0]} and {names[1]} must have the same length, got {p.size} and {q.size}")
    return p, q


def entropy_potential(u) -> float:
    """φ(u) = Σ_j (u_j ln u_j − u_j)."""
    u = positive_vector(u, "u")
    return float(np.sum(u * np.log(u) - u))


def entropy_conjugate(r) -> float:
    """φ*(r) = Σ_s e^{r_s} (the Fenchel conjugate of φ, any real r)."""
    r = as_vector(r, "r")
    return float(np.sum(np.exp(r)))


def bregman_entropy(v, u) -> float:
    """D_φ(v, u) = φ(v) − φ(u) − ⟨∇φ(u), v − u⟩, computed literally from the definition."""
    v, u = _pair(v, u, ("v", "u"))
    return entropy_potential(v) - entropy_potential(u) - float(np.dot(np.log(u), v - u))


def kl(p, q) -> float:
    """Unnormalized KL(p, q) = ⟨p, ln(p/q)⟩ + ⟨1, q − p⟩ (>= 0, = 0 iff p = q)."""
    p, q = _pair(p, q)
    return float(np.sum(p * (np.log(p) - np.log(q)) + q - p))


def kl_on_support(p, q) -> float:
    """Unnormalized KL(p, q) for p >= 0 (q > 0): the coordinates with p_j = 0 contribute their limit
    q_j (0·ln 0 = 0), the rest :func:`kl` (Lemma 3.4's D_φ(ū, u(0)) for a sparse p̄)."""
    p, q = as_vector(p, "p"), positive_vector(q, "q")
    if p.shape != q.shape:
        raise InputError(f"p and q must have the same length, got {p.size} and {q.size}")
    if np.any(p < 0):
        raise InputError(f"p must have entries >= 0; smallest entry is {p.min():.3g}")
    support = p > 0
    return kl(p[support], q[support]) + float(q[~support].sum())


def q_function(x) -> np.ndarray | float:
    """Q(x) = ln x + 1/x − 1 on (0, ∞) (proof of Lemma A.2 part 2); Q >= 0 with Q(1) = 0."""
    a = finite_array(x, "x")
    if not np.all(a > 0):
        raise InputError("x must be finite and > 0 (Q is defined on (0, ∞))")
    out = np.log(a) + 1.0 / a - 1.0
    return float(out) if out.ndim == 0 else out


def kl_decomposition(r, q) -> tuple[float, float]:
    """(‖r‖₁ KL(r̃, q̃), ‖r‖₁ Q(‖r‖₁/‖q‖₁)): the two terms whose sum is KL(r, q)."""
    r, q = _pair(r, q, ("r", "q"))
    nr, nq = float(r.sum()), float(q.sum())
    return nr * kl(r / nr, q / nq), nr * float(q_function(nr / nq))


def simplex_min_kl(v) -> float:
    """min_{p ∈ Δ} KL(p, v) = ln(1/‖v‖₁) + ‖v‖₁ − 1 (attained at p = v/‖v‖₁)."""
    v = positive_vector(v, "v")
    s = float(v.sum())
    return float(-np.log(s) + s - 1.0)


def simplex_min_kl_as_printed(v) -> float:
    """The value printed in the proof of Lemma A.2 part 1: ln(1/‖v‖₁)."""
    v = positive_vector(v, "v")
    return float(-np.log(v.sum()))


def lemma_a2_bounds(r, q) -> tuple[float, float]:
    """The two lower bounds on KL(r, q) of Lemma A.2 part 2 (as printed).

    first  = (‖r‖/2) KL(r̃, q̃) + 1[‖q‖ >= ‖r‖] (‖r‖/2)(√(‖r‖/‖q‖) − √(‖q‖/‖r‖))²
    second = (‖r‖/2) KL(r̃, q̃) + 1[‖q‖ >= 2‖r‖] ‖q‖/8
    """
    r, q = _pair(r, q, ("r", "q"))
    nr, nq = float(r.sum()), float(q.sum())
    base = nr / 2 * kl(r / nr, q / nq)
    first = base + (nr / 2 * (np.sqrt(nr / nq) - np.sqrt(nq / nr)) ** 2 if nq >= nr else 0.0)
    second = base + (nq / 8 if nq >= 2 * nr else 0.0)
    return float(first), float(second)


def scaled_reference_divergence(p, q, c: float) -> float:
    """D_φ(c·p, q)/c for a reference direction p (the quantity Lemmas 3.4, 3.5 and A.3 divide)."""
    p, q = _pair(p, q)
    c = finite_real(c, "c", lo=0.0, lo_open=True)
    return kl(c * p, q) / c


def scaled_reference_closed_form(p, q, c: float) -> float:
    """KL(p, q) + ln c + ‖q‖₁(1/c − 1), valid when ‖p‖₁ = 1 (equal to D_φ(c·p, q)/c)."""
    p, q = _pair(p, q)
    c = finite_real(c, "c", lo=0.0, lo_open=True)
    if abs(p.sum() - 1.0) > 1e-9:
        raise InputError(f"p must have ‖p‖₁ = 1 for this closed form, got {p.sum():.6g}")
    return kl(p, q) + float(np.log(c)) + float(q.sum()) * (1.0 / c - 1.0)
