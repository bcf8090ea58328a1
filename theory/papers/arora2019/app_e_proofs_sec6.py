"""Arora et al. 2019, Appendix E (proofs for Section 6): H∞ = K/4 + K∘arcsin(K)/(2π) and its power
series, the PSD lower bounds H∞ ⪰ K/4 and H∞ ⪰ K^{∘2l}/(2π(2l−1)²), the Khatri–Rao power (L911's
Hadamard power is a typo) and Lemma E.1.

Line numbers refer to ``shared/papers/arora2019_004_677e88d3645acab6.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory import linalg
from theory.kernels import hinf as kernels
from theory.claims import (
    at_least, at_most, Choice, claim, close, erratum_pair, ErrorClass, Fixed, Int, Kind, Mutant,
    Space, SpherePoints,
)
from theory.errors import InputError
from theory.tolerances import dot_error, EPS
from theory.papers.arora2019._shared import APPE, src

# ---------------------------------------------------------------------------------------------
# Appendix E: H∞ = K/4 + K∘arcsin(K)/(2π) and its power series.
# ---------------------------------------------------------------------------------------------

def arcsin_rewrite_matches(inst, *, quarter=0.25, arcsin_coefficient=1 / (2 * np.pi)):
    """max_ij |H∞_ij − (K_ij/4 + K_ij·arcsin(K_ij)/(2π))| / tol_ij <= 1.

    Error model: K = XXᵀ differs from the Gram matrix of exactly unit rows by δ <= γ_d + 2 ulp plus
    the rows' own deviation from unit norm, max_i |‖x_i‖² − 1| (generated rows can be off by
    ~100 ulp: a near-parallel pair in d = 2 had ‖x‖ − 1 = −3.7e-14, calibration seed 13, which
    moves arcsin near 1 by √(2·7.4e-14) ≈ 4e-7); the rewrite's value moves by at most
    δ/4 + δ·π/2/(2π) + |K|·arcsin_error_bound(K, δ)/(2π) (arcsin is only Hölder-½ at ±1), plus
    16 ulp for evaluating both forms.
    """
    X = inst.X
    K = X @ X.T
    rewrite = quarter * K + arcsin_coefficient * K * np.arcsin(np.clip(K, -1.0, 1.0))
    off_sphere = float(np.abs(np.einsum("ij,ij->i", X, X) - 1.0).max())
    delta = dot_error(X.shape[1]) + 2 * EPS + off_sphere
    tol = (delta * (0.25 + 0.25) + np.abs(K) * kernels.arcsin_error_bound(np.clip(K, -1.0, 1.0), delta) / (2 * np.pi)
           + 16 * EPS)
    ratio = np.abs(kernels.hinf(X) - rewrite) / tol
    return at_most(float(ratio.max()), 1.0,
                   why="float64 rounding: γ_d error in XXᵀ propagated through the Hölder-½ arcsin, +16 ulp",
                   worst_abs_error=float(np.abs(kernels.hinf(X) - rewrite).max()))


REWRITE_POINTS = SpherePoints(n=(1, 30), d=(2, 10), k=(1, 12),
                              geometries=("gauss", "clustered", "near_parallel", "antipodal_pairs"))

claim(
    id="arora2019.appE.arcsin-rewrite",
    threads=1,
    source=src("Appendix E (proof of Theorem 6.1)", "E Proofs for Section 6", 911),
    statement=r"H^\infty_{ij} = \frac{K_{ij}}{4} + \frac{K_{ij}\arcsin(K_{ij})}{2\pi},\quad K = X^\top X",
    kind=Kind.IDENTITY,
    domain=Space(X=REWRITE_POINTS),
    predicate=arcsin_rewrite_matches,
    mutants=(Mutant("1/(2π) → 1/π on the arcsin term", params={"arcsin_coefficient": 1 / np.pi}),
             Mutant("K/4 → K/2", params={"quarter": 0.5})),
)


def series_coefficients_without_denominator(terms: int) -> np.ndarray:
    """Mutant: c_l instead of c_l/(2l−1) (the 1/(2l−1) of Appendix E dropped)."""
    return kernels.arcsin_series_coefficients(terms) * (2.0 * np.arange(1, terms + 1) - 1.0)


def series_coefficients_next_double_factorial(terms: int) -> np.ndarray:
    """Mutant: (2l−1)!!/(2l)!! in place of (2l−3)!!/(2l−2)!!, i.e. c_{l+1}/(2l−1)."""
    c = kernels.arcsin_series_coefficients(terms + 1) * (2.0 * np.arange(1, terms + 2) - 1.0)
    return c[1:] / (2.0 * np.arange(1, terms + 1) - 1.0)


def power_series_matches(inst, *, coefficients=kernels.arcsin_series_coefficients):
    """|H∞_ij − S_L(K_ij)| <= R_L(K_ij) + rounding, on every entry with |K_ij| < 1.

    S_L(u) = u/4 + (1/2π) Σ_{l<=L} c_l u^{2l}/(2l−1); R_L is the tail bound of
    :func:`theory.kernels.hinf.series_remainder_bound`. Entries with |K| = 1 (the diagonal), where
    the tail bound is infinite, are skipped (counted in the details).
    """
    X, L = inst.X, inst.terms
    K = X @ X.T
    coef = coefficients(L)
    powers = K[..., None] ** (2 * np.arange(1, L + 1))
    series = K / 4 + (powers @ coef) / (2 * np.pi)
    bound = kernels.series_remainder_bound(K, L)
    live = np.isfinite(bound)
    delta = dot_error(X.shape[1]) + 2 * EPS
    rounding = (L + 8) * EPS + delta * (0.25 + np.abs(K) / np.maximum(1 - np.abs(K), 1e-300))
    err = np.abs(kernels.hinf(X) - series)
    ratio = np.where(live, err / (bound + rounding), 0.0)
    return at_most(float(ratio.max()), 1.0,
                   why="tail bound c_{L+1}|u|^{2L+2}/((2L+1)(1−u²)2π) plus (L+8) ulp and the "
                       "propagated γ_d error of XXᵀ",
                   skipped_entries=int((~live).sum()), terms=L)


claim(
    id="arora2019.appE.power-series",
    threads=1,
    source=src("Appendix E (proof of Theorem 6.1)", "E Proofs for Section 6", 916),
    statement=r"H^\infty = \frac{K}{4} + \frac{1}{2\pi}\sum_{l\ge1}\frac{(2l-3)!!}{(2l-2)!!}"
              r"\frac{K^{\circ 2l}}{2l-1}",
    kind=Kind.IDENTITY,
    domain=Space(X=SpherePoints(n=(1, 20), d=(2, 10), k=(1, 3),
                                geometries=("gauss", "clustered", "near_parallel")),
                 terms=Int(1, 120)),
    predicate=power_series_matches,
    mutants=(Mutant("1/(2l−1) dropped from the coefficients",
                    params={"coefficients": series_coefficients_without_denominator}),
             Mutant("(2l−3)!!/(2l−2)!! → (2l−1)!!/(2l)!!",
                    params={"coefficients": series_coefficients_next_double_factorial})),
)


# ---------------------------------------------------------------------------------------------
# Appendix E: H∞ ⪰ K/4 and H∞ ⪰ K^{∘2l}/(2π(2l−1)²); the Khatri–Rao vs Hadamard power.
# ---------------------------------------------------------------------------------------------

def psd_lower_bound(inst, *, quarter=0.25, two_pi=2 * math.pi):
    """λ_min(H∞ − K/4) >= −tol and λ_min(H∞ − K^{∘2l}/(two_pi·(2l−1)²)) >= −tol for l = inst.l.

    Error model: eigensolver backward error c·n·eps·‖·‖ plus n times the entrywise error of H∞
    (8 eps) and of the Hadamard power (2l·γ_d).
    """
    X, l = inst.X, inst.l
    n, d = X.shape
    K = X @ X.T
    H = kernels.hinf(X)
    lower = quarter * K if inst.which == "linear" else K ** (2 * l) / (two_pi * (2 * l - 1) ** 2)
    D = H - lower
    D = (D + D.T) / 2
    tol = linalg.eig_error_bound(D) + n * (8 * EPS + (2 * l + 1) * dot_error(d))
    return at_least(linalg.lambda_min(D), 0.0, tol=tol,
                    why="eigensolver backward error + n × entrywise rounding of H∞ and K^{∘2l}")


PSD_POINTS = SpherePoints(n=(1, 30), d=(2, 8), geometries=("gauss", "clustered", "near_parallel"), k=(1, 4))

claim(
    id="arora2019.appE.psd-lower-bounds",
    threads=1,
    source=src("Appendix E (proof of Theorem 6.1)", APPE, 921),
    statement=r"H^\infty\succeq\frac{K}{4},\qquad H^\infty\succeq\frac{K^{\circ 2l}}{2\pi(2l-1)^2}\ \ \forall l\in\mathbb{N}_+",
    kind=Kind.INEQUALITY,
    domain=Space(X=PSD_POINTS, which=Choice("linear", "even"), l=Int(1, 6)),
    predicate=psd_lower_bound,
    mutants=(Mutant("K/4 → K/2", params={"quarter": 0.5},
                    domain=Space(X=PSD_POINTS, which=Fixed("linear"), l=Fixed(1))),
             Mutant("2π → π in the even bound", params={"two_pi": math.pi},
                    domain=Space(X=PSD_POINTS, which=Fixed("even"), l=Fixed(1)))),
)


def khatri_rao_power(X, l: int) -> np.ndarray:
    """Rows x_i^{⊗l} (n × d^l): the Khatri–Rao power X^{⊙l} of Appendix E (points as rows)."""
    out = X
    for _ in range(l - 1):
        out = np.einsum("ia,ib->iab", out, X).reshape(X.shape[0], -1)
    return out


def power_features(X, l: int, product: str) -> np.ndarray:
    """X^{⊙l} (``product="khatri-rao"``), X^{∘l} (``"hadamard"``), or X^{⊙(l−1)} (``"khatri-rao-1"``,
    a mutant's off-by-one power)."""
    if product == "khatri-rao":
        return khatri_rao_power(X, l)
    if product == "khatri-rao-1":
        return khatri_rao_power(X, l - 1)
    return X ** l


def power_gram(inst, *, product="khatri-rao"):
    """max_ij |[(X^{·l})ᵀX^{·l}]_ij − K_ij^l| with · the Khatri–Rao (⊙) or Hadamard (∘) power."""
    X, l = inst.X, inst.l
    d = X.shape[1]
    feats = power_features(X, l, product)
    G = feats @ feats.T
    target = (X @ X.T) ** l
    err = float(np.abs(G - target).max())
    tol = (l + 1) * dot_error(d ** l) + 2 * l * dot_error(d)
    i, j = np.unravel_index(int(np.argmax(np.abs(G - target))), G.shape)
    return close(err, 0.0, tol=tol, why="γ_{d^l} for the feature Gram plus l·γ_d for K^{∘l}",
                 entry=[int(i), int(j)])


def certify_power_gram(inst, *, product="hadamard"):
    """Exact rational certificate: at the entry where the float search found the largest gap,
    [(X^{·l})ᵀX^{·l}]_ij − K_ij^l evaluated in rationals from the float rows (the identity is claimed
    for every X, so the float rows are the instance itself)."""
    from fractions import Fraction
    from theory.claims.certificates import exact
    X, l = inst.X, inst.l
    feats = power_features(X, l, product)
    gap = np.abs(feats @ feats.T - (X @ X.T) ** l)
    i, j = np.unravel_index(int(np.argmax(gap)), gap.shape)
    xi = [Fraction(float(v)) for v in X[i]]
    xj = [Fraction(float(v)) for v in X[j]]
    if product == "hadamard":
        gram = sum(a ** l * b ** l for a, b in zip(xi, xj))
    else:
        raise InputError(f"the certificate is for the printed Hadamard power, not {product!r}")
    kernel = sum(a * b for a, b in zip(xi, xj)) ** l
    return exact(gram - kernel, "==", "exact rationals (fractions.Fraction) from the float rows",
                 detail=f"entry ({i}, {j}), l = {l}: Σ_a x_ia^l x_ja^l − (x_iᵀx_j)^l")


KR_SPACE = Space(X=SpherePoints(n=(1, 12), d=(2, 5), geometries=("gauss", "clustered")), l=Int(2, 4))

erratum_pair(
    threads=1,
    kind=Kind.IDENTITY,
    domain=KR_SPACE,
    predicate=power_gram,
    printed=dict(
        id="arora2019.appE.printed-hadamard-power",
        error_class=ErrorClass.TYPO,
        source=src("Appendix E (proof of Theorem 6.1)", APPE, 911),
        statement=r"K^{\circ l} = (X^{\circ l})^\top X^{\circ l}",
        params={"product": "hadamard"},
        certify=certify_power_gram,
        note="L911 writes the Hadamard power X^{∘l}, whose Gram matrix Σ_a x_ia^l x_ja^l is not K_ij^l "
             "for l ≥ 2 (certified in exact rationals).\n"
             "For the authors: L909 defines the Khatri–Rao product ⊙ just before, for exactly this "
             "use, and L946 writes K^{∘2l} = (X^{⊙2l})ᵀX^{⊙2l} correctly; only the PSD-ness of "
             "K^{∘l} is used, which the Schur product theorem gives anyway. The intended form is "
             "evident from the paper's own later use, and ∘ for ⊙ may even be a conversion slip: a "
             "typo, not a false result.",
    ),
    corrected=dict(
        id="arora2019.appE.khatri-rao-power",
        source=src("Appendix E (proof of Theorem 6.1)", APPE, 946),
        statement=r"K^{\circ l} = (X^{\odot l})^\top X^{\odot l}",
        mutants=(Mutant("Khatri–Rao power l − 1 instead of l", params={"product": "khatri-rao-1"}),),
    ),
)


# ---------------------------------------------------------------------------------------------
# Lemma E.1: B ⪰ A ⪰ 0  ⟹  A† ⪰ P_A B† P_A.
# ---------------------------------------------------------------------------------------------

def lemma_e1(inst, *, projector=True):
    """λ_min(A† − P_A B† P_A) >= −tol for random PSD A (rank r) and B = A + DDᵀ (+ t I).

    ``projector=False`` is the mutant A† ⪰ B†. Error model: pinv with relative cutoff 1e-10 on
    matrices of condition <= 1e6 (by construction): tol = 1e-8·‖A†‖.
    """
    n, r = inst.n, min(inst.rank, inst.n)
    rng = inst.rng("AB")
    C = rng.standard_normal((n, r))
    A = C @ C.T
    D = rng.standard_normal((n, inst.extra_rank))
    B = A + D @ D.T + inst.shift * np.eye(n)
    Ap = np.linalg.pinv(A, rcond=1e-10, hermitian=True)
    Bp = np.linalg.pinv(B, rcond=1e-10, hermitian=True)
    P = A @ Ap if projector else np.eye(n)
    M = Ap - P @ Bp @ P
    M = (M + M.T) / 2
    scale = float(np.abs(Ap).max())
    return at_least(float(np.linalg.eigvalsh(M)[0]), 0.0, tol=1e-8 * max(scale, 1.0),
                    why="pinv cutoff 1e-10 on well-conditioned factors: 1e-8·‖A†‖")


claim(
    id="arora2019.lemE.1.pseudo-inverse-order",
    threads=1,
    source=src("Lemma E.1", APPE, 895),
    statement=r"B\succeq A\succeq 0\implies A^\dagger\succeq P_AB^\dagger P_A,\ P_A=A^{1/2}A^\dagger A^{1/2}",
    kind=Kind.INEQUALITY,
    domain=Space(n=Int(1, 7), rank=Int(1, 7), extra_rank=Int(0, 7), shift=Choice(0.0, 0.1)),
    predicate=lemma_e1,
    # tight: B = A (no extra rank, no shift) gives A† − P_A A† P_A = 0
    examples=({"n": 4, "rank": 2, "extra_rank": 0, "shift": 0.0},),
    mutants=(Mutant("projector dropped: A† ⪰ B†", params={"projector": False},
                    domain=Space(n=Int(3, 7), rank=Int(1, 2), extra_rank=Int(1, 7), shift=Choice(0.0, 0.1))),),
    note="B may be singular (shift 0, extra rank < n − rank): the proof's 'W.L.O.G. B invertible' holds "
         "because null(B) ⊆ null(A).",
)
