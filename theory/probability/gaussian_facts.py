"""Gaussian concentration and covering facts of Telgarsky 2023, Appendices A.2 and C.

* Lemma A.2.1: for a ~ N(0, I_m/m), ‖a‖ <= 1 + √(2 ln(1/δ)/m) w.p. >= 1 − δ; for V with iid
  N(0, 1/d) entries, ‖V‖_F <= √m + √(2 ln(1/δ)/d) w.p. >= 1 − δ (Lipschitz concentration of the
  norm around its mean, which is at most 1, resp. √m).
* Lemma A.2.2: for ‖x_i‖ <= 1, max_i |F(x_i; W_0)| <= 4 ln(n/δ) w.p. >= 1 − 4δ.
* Lemma C.1: for v_j iid N(0, I/d) and unit β_1..β_r, m >= 2(2/ε)^d ln(r/δ) makes every β_k have
  some ṽ_j within ε, w.p. >= 1 − δ. Its proof uses the cap bound
  μ{u ∈ S^{d-1} : ‖u − β‖ <= ε} >= ½(ε/2)^{d−1}; the exact cap measure is
  ½ I_{1−t²}((d−1)/2, ½) with t = 1 − ε²/2 (regularised incomplete beta), for t >= 0.
"""

from __future__ import annotations

import math

import numpy as np

from theory.lazy import lazy

special = lazy("scipy.special")

from theory.nets import two_layer_relu as nets
from theory.errors import InputError
from theory.validation import as_matrix, finite_real, positive_int, unit_rows


def outer_norm_bound(m: int, delta: float) -> float:
    """1 + √(2 ln(1/δ)/m) (Lemma A.2.1, outer layer)."""
    m = positive_int(m, "m")
    delta = finite_real(delta, "delta", lo=0.0, hi=1.0, lo_open=True)
    return 1.0 + math.sqrt(2.0 * math.log(1.0 / delta) / m)


def inner_norm_bound(m: int, d: int, delta: float) -> float:
    """√m + √(2 ln(1/δ)/d) (Lemma A.2.1, inner layer, Frobenius norm)."""
    m, d = positive_int(m, "m"), positive_int(d, "d")
    delta = finite_real(delta, "delta", lo=0.0, hi=1.0, lo_open=True)
    return math.sqrt(m) + math.sqrt(2.0 * math.log(1.0 / delta) / d)


def output_bound(n: int, delta: float) -> float:
    """4 ln(n/δ) (Lemma A.2.2)."""
    n = positive_int(n, "n")
    delta = finite_real(delta, "delta", lo=0.0, hi=1.0, lo_open=True)
    return 4.0 * math.log(n / delta)


def max_abs_output(a, V, X) -> float:
    """max_i |F(x_i; W)|."""
    return float(np.max(np.abs(nets.outputs(a, V, X))))


def cap_measure(d: int, eps: float) -> float:
    """Uniform measure of {u ∈ S^{d-1} : ‖u − β‖ <= ε}, exactly (d >= 2, 0 < ε <= 2)."""
    d = positive_int(d, "d", minimum=2)
    eps = finite_real(eps, "eps", lo=0.0, hi=2.0, lo_open=True)
    t = 1.0 - eps * eps / 2.0                     # the cap is {uᵀβ >= t}
    half = 0.5 * special.betainc((d - 1) / 2.0, 0.5, 1.0 - t * t)
    return float(half if t >= 0 else 1.0 - half)


def cap_lower_bound(d: int, eps: float, *, exponent_shift: int = 1) -> float:
    """½(ε/2)^{d − shift}: the bound used in the proof of Lemma C.1 (shift = 1)."""
    d = positive_int(d, "d", minimum=2)
    eps = finite_real(eps, "eps", lo=0.0, hi=2.0, lo_open=True)
    return 0.5 * (eps / 2.0) ** (d - exponent_shift)


def covering_width(d: int, eps: float, r: int, delta: float, *, exponent: int | None = None) -> int:
    """⌈2(2/ε)^d ln(r/δ)⌉, the width of Lemma C.1 (``exponent`` replaces d for mutants)."""
    d, r = positive_int(d, "d"), positive_int(r, "r")
    eps = finite_real(eps, "eps", lo=0.0, hi=2.0, lo_open=True)
    delta = finite_real(delta, "delta", lo=0.0, hi=1.0, lo_open=True)
    e = d if exponent is None else exponent
    return int(math.ceil(2.0 * (2.0 / eps) ** e * math.log(r / delta)))


def covering_radius(B, V) -> float:
    """max_k min_j ‖ṽ_j − β_k‖ for unit rows β_k of B and nonzero rows v_j of V."""
    B = unit_rows(B, "B")
    V = as_matrix(V, "V")
    norms = np.linalg.norm(V, axis=1)
    if np.any(norms == 0):
        raise InputError("V must have nonzero rows (their directions are compared)")
    cos = (V / norms[:, None]) @ B.T                         # (m, r)
    best = np.clip(cos.max(axis=0), -1.0, 1.0)
    return float(np.sqrt(np.max(2.0 - 2.0 * best)))
