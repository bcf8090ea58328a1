"""Arora, Du, Hu, Li, Wang 2019 — "Fine-Grained Analysis of Optimization and Generalization for
Overparameterized Two-Layer Neural Networks" (ICML 2019, arXiv:1901.08584).

The engine's first slice of this paper: the Gram matrix H∞ of eq. (3) against Monte Carlo and
against its Appendix E rewrites, positive definiteness (Remark 5.1, with its antipodal erratum),
Lemma C.3's concentration with the constant its proof gives, Theorem 6.1's bound on
sqrt(yᵀ(H∞)⁻¹y) for y = α(βᵀx)^p, and Example 6.2 (whose O(‖A‖_*) must be O(‖A‖_*²)).

Line numbers refer to ``shared/papers/arora2019_004_677e88d3645acab6.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory import kernels, linalg
from theory.bibliography import ARORA2019
from theory.claims import AtLeast, Exponent, Kind, Mutant, Source, Status, claim
from theory.domains import Choice, Fixed, Grid, Int, Real, Seed, Space, SpherePoints
from theory.evidence import at_most, greater_than, precondition_failed
from theory.sphere import min_angle
from theory.targets import monomial_labels, nuclear_norm, quadratic_labels, random_symmetric
from theory.tolerances import EPS, dot_error, gaussian_threshold


def src(result: str, section: str, line: int) -> Source:
    return Source(ARORA2019, result, section, line)


# ---------------------------------------------------------------------------------------------
# Mutant closed forms of eq. (3): each is what a plausible typo in the formula would compute.
# ---------------------------------------------------------------------------------------------

def hinf_pi_not_2pi(X):
    """Eq. (3) with 2π replaced by π (twice the true kernel)."""
    return 2.0 * kernels.hinf(X)


def hinf_arcsin_not_arccos(X):
    """Eq. (3) with arccos replaced by arcsin."""
    K = X @ X.T
    return K * (np.pi - np.arcsin(np.clip(K, -1.0, 1.0))) / (2 * np.pi)


def hinf_without_inner_product(X):
    """Eq. (3) with the factor x_iᵀx_j dropped: the co-activation probability alone."""
    return kernels.coactivation_probability(X)


# ---------------------------------------------------------------------------------------------
# Eq. (3): the closed form against a Monte-Carlo estimate over random first-layer weights.
# ---------------------------------------------------------------------------------------------

#: false-alarm share of one instance: the claim's 1e-4 split over up to 2000 examples (thorough)
MC_ALPHA_PER_INSTANCE = 1e-4 / 2000


def hinf_matches_monte_carlo(inst, *, closed_form=kernels.hinf, samples=20000):
    """max_ij z_ij <= z*, where z_ij = |Ĥ_ij − H_ij| / σ_ij for the Monte-Carlo estimate Ĥ.

    Error model: under eq. (3), Ĥ_ij is x_iᵀx_j times a mean of ``samples`` Bernoulli(p_ij)
    indicators with p_ij = H_ij / x_iᵀx_j, so σ_ij = |x_iᵀx_j|·sqrt(p(1−p)/M) (floored at
    one indicator's worth, 1/M, so a claimed p of 0 or 1 is still testable). z* is the two-sided
    Bonferroni threshold over the n(n+1)/2 entries at MC_ALPHA_PER_INSTANCE.
    """
    X = inst.X
    n = X.shape[0]
    H = closed_form(X)
    estimate = kernels.hinf_monte_carlo(X, samples, inst.rng("w"))
    K = X @ X.T
    iu = np.triu_indices(n)
    k, h, e = K[iu], H[iu], estimate[iu]
    live = np.abs(k) > 1e-12  # orthogonal pairs: both sides are exactly 0
    p = np.clip(h[live] / k[live], 0.0, 1.0)
    sigma = np.abs(k[live]) * np.sqrt(np.maximum(p * (1 - p), 1.0 / samples) / samples)
    z = np.abs(e[live] - h[live]) / sigma
    z_star = gaussian_threshold(MC_ALPHA_PER_INSTANCE, len(z))
    worst = int(np.argmax(z)) if z.size else 0
    return at_most(
        float(z.max()) if z.size else 0.0, z_star,
        why=f"Monte-Carlo z-score (Bernoulli variance under eq. (3), M={samples}); z* is the "
            f"Bonferroni threshold over {len(z)} entries at alpha={MC_ALPHA_PER_INSTANCE:.1e}",
        max_abs_error=float(np.abs(estimate - H).max()), worst_entry=int(worst),
    )


EQ3_STATEMENT = (r"H^\infty_{ij} = \mathbb{E}_{w\sim N(0,I)}[x_i^\top x_j\,\mathbb{I}\{w^\top x_i\ge0,"
                 r"w^\top x_j\ge0\}] = \frac{x_i^\top x_j(\pi-\arccos(x_i^\top x_j))}{2\pi}")

MC_POINTS = SpherePoints(n=(2, 12), d=(2, 20), k=(1, 6),
                         geometries=("gauss", "clustered", "near_parallel", "antipodal_pairs",
                                     "orthogonal"))

EQ3_MUTANTS = (
    Mutant("2π → π in eq. (3)", params={"closed_form": hinf_pi_not_2pi}),
    Mutant("arccos → arcsin in eq. (3)", params={"closed_form": hinf_arcsin_not_arccos}),
    Mutant("factor x_iᵀx_j dropped", params={"closed_form": hinf_without_inner_product}),
)


def mc_error_by_samples(rng: np.random.Generator) -> list[dict]:
    """Diagnostic for the report: max |Ĥ − H∞| against M, beside the M^{-1/2} reference."""
    from theory.sphere import make_points
    X = make_points(10, 8, "gauss", 1, int(rng.integers(2**32)))
    H = kernels.hinf(X)
    Ms = [10**2, 10**3, 10**4, 10**5]
    errs = [float(np.abs(kernels.hinf_monte_carlo(X, M, rng) - H).max()) for M in Ms]
    ref = [errs[0] * math.sqrt(Ms[0] / M) for M in Ms]
    mut = [float(np.abs(kernels.hinf_monte_carlo(X, M, rng) - hinf_pi_not_2pi(X)).max()) for M in Ms]
    return [{"name": "mc-error", "title": "Eq. (3): Monte-Carlo error vs samples (n=10, d=8)",
             "x": Ms, "y": errs, "xlabel": "Monte-Carlo samples M", "ylabel": "max |Ĥ − H∞|",
             "logx": True, "logy": True,
             "reference": {"label": "M^-1/2 reference", "x": Ms, "y": ref},
             "extra": {"label": "mutant 2π → π", "x": Ms, "y": mut}}]


claim(
    id="arora2019.eq3.hinf-closed-form-vs-mc",
    source=src("Equation (3)", "3.2 The Gram Matrix from ReLU Kernel", 114),
    statement=EQ3_STATEMENT,
    kind=Kind.IDENTITY,
    domain=Space(X=MC_POINTS),
    predicate=hinf_matches_monte_carlo,
    params={"closed_form": kernels.hinf, "samples": 20000},
    mutants=EQ3_MUTANTS,
    diagnostics=mc_error_by_samples,
)


def mc_error(inst, *, closed_form=kernels.hinf, y_name="‖Ĥ−H∞‖_F"):
    """Frobenius error of a Monte-Carlo H∞ with ``inst.M`` samples against ``closed_form``."""
    return float(np.linalg.norm(kernels.hinf_monte_carlo(inst.X, inst.M, inst.rng("w"))
                                - closed_form(inst.X)))


claim(
    id="arora2019.eq3.mc-error-rate",
    source=src("Equation (3)", "3.2 The Gram Matrix from ReLU Kernel", 114),
    statement=EQ3_STATEMENT + r"\;\Rightarrow\;\|\hat H_M - H^\infty\|_F = \Theta(M^{-1/2})",
    kind=Kind.SCALING,
    domain=Space(X=SpherePoints(n=16, d=8, geometries=("gauss", "clustered")),
                 M=Grid(100, 1000, 10**4, 10**5, 10**6)),
    predicate=mc_error,
    params={"closed_form": kernels.hinf, "y_name": "‖Ĥ_M − H∞‖_F"},
    expect=Exponent(-0.5, 0.15),
    mutants=(Mutant("2π → π in eq. (3)", params={"closed_form": hinf_pi_not_2pi},
                    why="a wrong closed form leaves a bias: the error stops decaying"),),
    note="If eq. (3) is the mean of the estimator, the error decays like M^{-1/2}; a wrong closed "
         "form leaves a constant bias and the fitted exponent goes to 0.",
)


# ---------------------------------------------------------------------------------------------
# Appendix E: H∞ = K/4 + K∘arcsin(K)/(2π) and its power series.
# ---------------------------------------------------------------------------------------------

def arcsin_rewrite_matches(inst, *, quarter=0.25, arcsin_coefficient=1 / (2 * np.pi)):
    """max_ij |H∞_ij − (K_ij/4 + K_ij·arcsin(K_ij)/(2π))| / tol_ij <= 1.

    Error model: K = XXᵀ carries a rounding error δ <= γ_d (unit rows); the rewrite's value moves
    by at most δ/4 + δ·π/2/(2π) + |K|·arcsin_error_bound(K, δ)/(2π) (arcsin is only Hölder-½ at
    ±1), plus 16 ulp for evaluating both forms.
    """
    X = inst.X
    K = X @ X.T
    rewrite = quarter * K + arcsin_coefficient * K * np.arcsin(np.clip(K, -1.0, 1.0))
    delta = dot_error(X.shape[1]) + 2 * EPS
    tol = (delta * (0.25 + 0.25) + np.abs(K) * kernels.arcsin_error_bound(np.clip(K, -1.0, 1.0), delta) / (2 * np.pi)
           + 16 * EPS)
    ratio = np.abs(kernels.hinf(X) - rewrite) / tol
    return at_most(float(ratio.max()), 1.0,
                   why="float64 rounding: γ_d error in XXᵀ propagated through the Hölder-½ arcsin, +16 ulp",
                   worst_abs_error=float(np.abs(kernels.hinf(X) - rewrite).max()))


REWRITE_POINTS = SpherePoints(n=(2, 30), d=(2, 10), k=(1, 12),
                              geometries=("gauss", "clustered", "near_parallel", "antipodal_pairs"))

claim(
    id="arora2019.appE.arcsin-rewrite",
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
    :func:`theory.kernels.series_remainder_bound`. Entries with |K| = 1 (the diagonal), where
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
    source=src("Appendix E (proof of Theorem 6.1)", "E Proofs for Section 6", 916),
    statement=r"H^\infty = \frac{K}{4} + \frac{1}{2\pi}\sum_{l\ge1}\frac{(2l-3)!!}{(2l-2)!!}"
              r"\frac{K^{\circ 2l}}{2l-1}",
    kind=Kind.IDENTITY,
    domain=Space(X=SpherePoints(n=(2, 20), d=(2, 10), k=(1, 3),
                                geometries=("gauss", "clustered", "near_parallel")),
                 terms=Int(1, 120)),
    predicate=power_series_matches,
    mutants=(Mutant("1/(2l−1) dropped from the coefficients",
                    params={"coefficients": series_coefficients_without_denominator}),
             Mutant("(2l−3)!!/(2l−2)!! → (2l−1)!!/(2l)!!",
                    params={"coefficients": series_coefficients_next_double_factorial})),
)


# ---------------------------------------------------------------------------------------------
# Remark 5.1: λ_min(H∞) > 0 when no two inputs are parallel — and antipodal pairs count.
# ---------------------------------------------------------------------------------------------

#: numerical floor of "not parallel": below this angle λ_min(H∞) ~ 0.16·angle approaches rounding
PARALLEL_FLOOR = 5e-4


def hinf_positive_definite(inst, *, min_separation=PARALLEL_FLOOR, antipodal_counts=True):
    """λ_min(H∞) > tol when every pair of rows is at least ``min_separation`` apart.

    With ``antipodal_counts`` the separation is also measured between x_i and −x_j (the corrected
    reading of "parallel"); without it only x_i against x_j (the printed reading). The tolerance is
    the backward error of the symmetric eigensolver plus n times the entrywise error of H∞.
    """
    X = inst.X
    if X.shape[0] >= 2 and min_separation > 0:
        angle = min_angle(X, antipodal=antipodal_counts)
        if angle < min_separation:
            return precondition_failed(
                f"two inputs {'(anti-)' if antipodal_counts else ''}parallel within "
                f"{min_separation:g} rad", min_angle=angle)
    H = kernels.hinf(X)
    tol = linalg.eig_error_bound(H) + X.shape[0] * 8 * EPS
    lam_max = float(np.linalg.eigvalsh(H)[-1])
    return greater_than(linalg.lambda_min(H), 0.0, tol=tol, scale=lam_max,
                        why="eigensolver backward error c·n·eps·‖H‖₂ + n·8eps entrywise error of H∞; "
                            "slack = λ_min/λ_max",
                        lambda_max=lam_max)


REMARK51 = r"\text{no two } x_i, x_j \text{ parallel} \implies \lambda_{\min}(H^\infty) > 0"

claim(
    id="arora2019.rem5.1.printed-parallel",
    source=src("Remark 5.1", "5 Analysis of Generalization", 229),
    statement=REMARK51 + r"\quad(\text{parallel read as } x_j = c\,x_i,\ c>0)",
    kind=Kind.INEQUALITY,
    status=Status.ERRATUM,
    corrected_by="arora2019.rem5.1.hinf-positive-definite",
    domain=Space(X=SpherePoints(n=(2, 24), d=(2, 8), k=(1, 12),
                                geometries=("gauss", "clustered", "antipodal_pairs"))),
    predicate=hinf_positive_definite,
    params={"antipodal_counts": False},
    note="d+1 antipodal pairs {x_t, −x_t} in R^d make H∞ singular: with Σ c_t x_t = 0 the vector "
         "(c_1, −c_1, …) is a null vector because φ(x) − φ(−x) = x for the ReLU feature map.",
)

claim(
    id="arora2019.rem5.1.hinf-positive-definite",
    source=src("Remark 5.1", "5 Analysis of Generalization", 229),
    statement=r"x_i \ne \pm x_j\ \forall i\ne j \implies \lambda_{\min}(H^\infty) > 0",
    kind=Kind.INEQUALITY,
    corrects="arora2019.rem5.1.printed-parallel",
    domain=Space(X=SpherePoints(n=(2, 24), d=(2, 8), k=(1, 3),
                                geometries=("gauss", "clustered", "near_parallel"))),
    predicate=hinf_positive_definite,
    mutants=(
        Mutant("hypothesis dropped: duplicated inputs allowed",
               params={"min_separation": 0.0},
               domain=Space(X=SpherePoints(n=(2, 24), d=(2, 8), k=(1, 3),
                                           geometries=("gauss", "clustered", "duplicate")))),
        Mutant("antipodal pairs allowed (the printed reading)",
               params={"antipodal_counts": False},
               domain=Space(X=SpherePoints(n=(2, 24), d=(2, 8), k=(1, 12),
                                           geometries=("gauss", "antipodal_pairs")))),
    ),
)


# ---------------------------------------------------------------------------------------------
# Lemma C.3: H(0) concentrates around H∞, with the constant its proof gives.
# ---------------------------------------------------------------------------------------------

def concentration_event(inst, *, delta=0.1, rate=0.5):
    """The event ‖H(0) − H∞‖_F <= n·sqrt(log(2n²/δ)/2)·m^{-rate} for one draw of W(0).

    ``rate = 1/2`` is what the proof of Lemma C.3 gives (Hoeffding per entry, union bound over
    n² entries); W(0) has m rows drawn from N(0, I) (the κ scale cancels in the indicators).
    """
    X, m = inst.X, inst.m
    n = X.shape[0]
    W = inst.rng("w0").standard_normal((m, X.shape[1]))
    gap = float(np.linalg.norm(kernels.finite_width_gram(W, X) - kernels.hinf(X)))
    bound = n * math.sqrt(math.log(2 * n * n / delta) / 2) / m**rate
    return at_most(gap, bound, why="event indicator (exact comparison of two computed numbers)")


claim(
    id="arora2019.lemC.3.gram-concentration",
    source=src("Lemma C.3", "C Proofs for Section 4", 550),
    statement=r"\Pr\Big[\|H(0)-H^\infty\|_F \le n\sqrt{\log(2n^2/\delta)/(2m)}\Big] \ge 1-\delta,"
              r"\ \delta = 0.1",
    kind=Kind.PROBABILITY,
    domain=Space(X=SpherePoints(n=(4, 12), d=(3, 10), geometries=("gauss", "clustered")),
                 m=Choice(200, 1000, 5000)),
    predicate=concentration_event,
    params={"delta": 0.1},
    expect=AtLeast(0.9),
    mutants=(Mutant("rate 1/m instead of 1/√m", params={"rate": 1.0}),),
    note="The statement prints O(n sqrt(log(2/δ))/sqrt(m)); the proof's explicit bound has "
         "log(2n²/δ) (catalogue S4). This claim checks the explicit form the proof gives.",
)


# ---------------------------------------------------------------------------------------------
# Theorem 6.1 and Example 6.2: sqrt(yᵀ(H∞)⁻¹y) for polynomial labels.
# ---------------------------------------------------------------------------------------------

#: relative error in yᵀH⁻¹y above which an instance is numerically indeterminate
MAX_RELATIVE_ERROR = 1e-6


def rkhs_norm(X, y):
    """(sqrt(yᵀH∞⁻¹y), error bound on it) or None when H∞ is too ill-conditioned to tell."""
    n = X.shape[0]
    sol = linalg.psd_quadratic_inverse(kernels.hinf(X), y, h_error=n * 8 * EPS)
    if not sol.positive_definite or sol.q_error > MAX_RELATIVE_ERROR * max(sol.q, 1e-300):
        return None
    root = math.sqrt(max(sol.q, 0.0))
    return root, (sol.q_error / (2 * root) if root > 0 else math.sqrt(sol.q_error))


def printed_constant(p: int) -> float:
    """Theorem 6.1 as printed: 3p."""
    return 3.0 * p


def theorem61_bound(inst, *, constant=printed_constant):
    """sqrt(yᵀ(H∞)⁻¹y) <= constant(p)·|α|·‖β‖^p for y_i = α(βᵀx_i)^p."""
    X, p = inst.X, inst.p
    beta = inst.rng("beta").standard_normal(X.shape[1])
    beta *= inst.beta_norm / np.linalg.norm(beta)
    alpha = inst.sign * inst.alpha
    y = monomial_labels(X, alpha, beta, p)
    solved = rkhs_norm(X, y)
    if solved is None:
        return precondition_failed("H∞ too ill-conditioned to resolve yᵀH∞⁻¹y to 1e-6")
    root, err = solved
    bound = constant(p) * abs(alpha) * inst.beta_norm**p
    return at_most(root, bound, tol=err,
                   why="Cholesky solve: |Δq| <= c·n·eps·‖H‖₂·‖H⁻¹y‖² (theory.linalg), halved for the root",
                   ratio=root / bound if bound > 0 else math.inf, n=X.shape[0])


THM61 = r"y_i = \alpha(\beta^\top x_i)^p,\ p\in\{1\}\cup 2\mathbb{N}_+ \implies " \
        r"\sqrt{y^\top(H^\infty)^{-1}y} \le 3p|\alpha|\,\|\beta\|_2^p"

THM61_POINTS = SpherePoints(n=(2, 300), d=(2, 5), geometries=("gauss", "clustered"), k=(1, 4))


def thm61_space(p) -> Space:
    """α = sign·|α| with |α| >= 0.1: the bound is homogeneous in α, and α = 0 is the trivial 0 <= 0."""
    return Space(X=THM61_POINTS, p=p, alpha=Real(0.1, 3.0), sign=Choice(1, -1),
                 beta_norm=Real(0.1, 2.0))


claim(
    id="arora2019.thm6.1.printed-bound",
    source=src("Theorem 6.1", "6 Provable Learning using Two-Layer ReLU Neural Networks", 312),
    statement=THM61,
    kind=Kind.INEQUALITY,
    domain=thm61_space(Choice(1, 2, 4, 6)),
    predicate=theorem61_bound,
    mutants=(
        Mutant("odd p = 3 (outside the theorem)", domain=thm61_space(Fixed(3)),
               why="the kernel's series has no odd power above 1: (βᵀx)³ is not in the RKHS"),
        Mutant("odd p = 5 (outside the theorem)", domain=thm61_space(Fixed(5))),
    ),
)


def sharp_linear_constant(p: int) -> float:
    """The constant the proof of Theorem 6.1 actually gives for p = 1 (H∞ ⪰ K/4)."""
    return 2.0


claim(
    id="arora2019.thm6.1.linear-sharp-constant",
    source=src("Theorem 6.1 (proof, case p = 1)", "E Proofs for Section 6", 925),
    statement=r"y_i = \alpha\beta^\top x_i \implies \sqrt{y^\top(H^\infty)^{-1}y} \le 2|\alpha|\,\|\beta\|_2",
    kind=Kind.INEQUALITY,
    domain=thm61_space(Fixed(1)),
    predicate=theorem61_bound,
    params={"constant": sharp_linear_constant},
    mutants=(Mutant("constant 2 → 1.9", params={"constant": lambda p: 1.9},
                    why="the value tends to exactly 2‖β‖|α| as n grows"),),
)


def example62_bound(inst, *, squared=True, norm=nuclear_norm, constant=6.0):
    """Example 6.2: y_i = x_iᵀAx_i.

    ``squared=True`` checks the corrected form sqrt(q) <= 6‖A‖_* (i.e. M_g = q <= 36‖A‖_*², which
    is Corollary 6.2 with p_j = 2); ``squared=False`` checks the printed M_g = O(‖A‖_*) with the
    constant 36 at which both forms agree when ‖A‖_* = 1: q <= 36‖A‖_*.
    """
    X = inst.X
    d = X.shape[1]
    S = np.eye(d) if inst.shape == "identity" else random_symmetric(d, inst.rng("A"))
    A = inst.scale * S / nuclear_norm(S)
    y = quadratic_labels(X, A)
    solved = rkhs_norm(X, y)
    if solved is None:
        return precondition_failed("H∞ too ill-conditioned to resolve yᵀH∞⁻¹y to 1e-6")
    root, err = solved
    size = norm(A)
    if squared:
        return at_most(root, constant * size, tol=err,
                       why="Cholesky solve error bound (theory.linalg), halved for the root",
                       nuclear_norm=nuclear_norm(A))
    return at_most(root**2, constant**2 * size, tol=2 * root * err + err**2,
                   why="Cholesky solve error bound (theory.linalg)",
                   nuclear_norm=nuclear_norm(A), q_over_nuclear_squared=root**2 / size**2)


EX62_SPACE = Space(X=SpherePoints(n=(10, 200), d=(2, 5), geometries=("gauss", "clustered")),
                   shape=Choice("identity", "random"), scale=Real(0.01, 100.0, log=True))

claim(
    id="arora2019.ex6.2.printed-nuclear-norm",
    source=src("Example 6.2", "6 Provable Learning using Two-Layer ReLU Neural Networks", 340),
    statement=r"g(x) = x^\top A x \implies M_g = O(\|A\|_*)\quad"
              r"(\text{checked as } y^\top(H^\infty)^{-1}y \le 36\|A\|_*)",
    kind=Kind.INEQUALITY,
    status=Status.ERRATUM,
    corrected_by="arora2019.ex6.2.nuclear-norm-squared",
    domain=EX62_SPACE,
    predicate=example62_bound,
    params={"squared": False},
    note="yᵀH∞⁻¹y is 2-homogeneous in A (y is linear in A), so no bound linear in ‖A‖_* can hold: "
         "A = cI breaks any constant once c is large.",
)

claim(
    id="arora2019.ex6.2.nuclear-norm-squared",
    source=src("Example 6.2 (via Corollary 6.2)", "6 Provable Learning using Two-Layer ReLU Neural Networks", 340),
    statement=r"g(x) = x^\top A x \implies \sqrt{y^\top(H^\infty)^{-1}y} \le 6\|A\|_*,\ "
              r"\text{i.e. } M_g = O(\|A\|_*^2)",
    kind=Kind.INEQUALITY,
    corrects="arora2019.ex6.2.printed-nuclear-norm",
    domain=EX62_SPACE,
    predicate=example62_bound,
    mutants=(
        Mutant("nuclear norm → |trace|", params={"norm": lambda A: abs(float(np.trace(A)))},
               domain=EX62_SPACE.replace(shape=Fixed("random"))),
        Mutant("constant 6 → 1", params={"constant": 1.0}),
    ),
)
