"""Arora, Du, Hu, Li, Wang 2019 — "Fine-Grained Analysis of Optimization and Generalization for
Overparameterized Two-Layer Neural Networks" (ICML 2019, arXiv:1901.08584).

The engine's first slice of this paper: the Gram matrix H∞ of eq. (3) against Monte Carlo and
against its Appendix E rewrites, positive definiteness (Remark 5.1, with its antipodal erratum),
Lemma C.3's concentration with the constant its proof gives, Theorem 6.1's bound on
sqrt(yᵀ(H∞)⁻¹y) for y = α(βᵀx)^p, and Example 6.2 (whose O(‖A‖_*) must be O(‖A‖_*²)).

The second slice: the linear dynamics (eq. (7)/(28), Section 5.2's auxiliary sequence), the exact
facts the proofs use (init moments, eq. (17) and its √(2πκ) erratum, Appendix E's PSD bounds and
its Hadamard/Khatri–Rao erratum, Lemma E.1, step-size facts, the ramp loss), Corollary 6.2 and
Examples 6.1, 6.3, 6.4, the GD trainings (Theorem 3.1's contraction, Theorem 4.1 and Lemma C.2 as
scaling laws in √m·κ, Lemma 5.3's distance ratio, Lemma C.1), and Figures 1 and 2 on sklearn's
digits (quick, standard and a gpu tier at the paper's n = m = 10⁴), and Lemma 5.4's Rademacher bound
against an explicit witness in F_{R,B} (with the exact sign-vector identity of its proof).

Line numbers refer to ``shared/papers/arora2019_004_677e88d3645acab6.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory import digits as digit_data
from theory import kernels, linalg, linear_dynamics, rademacher, two_layer_gd
from theory.bibliography import ARORA2019
from theory.claims import ErrorClass, REGISTRY, Status, AtLeast, Exponent, Kind, Mutant, Source, Tier, erratum_pair
from theory.claims import claim
from theory.domains import Choice, Fixed, Grid, Int, Real, Seed, Space, SpherePoints
from theory.errors import InputError
from theory.evidence import at_least, at_most, close, greater_than, precondition_failed
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

MC_POINTS = SpherePoints(n=(1, 12), d=(2, 20), k=(1, 6),
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
    threads=1,
    source=src("Equation (3)", "3.2 The Gram Matrix from ReLU Kernel", 114),
    statement=EQ3_STATEMENT,
    kind=Kind.IDENTITY,
    stochastic=True,
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
    threads=1,
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


#: point sets where d + 1 antipodal pairs are likely: pairs = min(k, n//2) >= 3 and d <= 4, so a
#: few dozen draws meet the degenerate configuration with near certainty (the printed reading of
#: Remark 5.1 quantifies over every dimension; the counterexample lives in small ones).
ANTIPODAL_SEARCH = Space(X=SpherePoints(n=(6, 24), d=(2, 4), k=(3, 12),
                                        geometries=("gauss", "antipodal_pairs")))

REMARK51 = r"\text{no two } x_i, x_j \text{ parallel} \implies \lambda_{\min}(H^\infty) > 0"

erratum_pair(
    threads=1,
    source=src("Remark 5.1", "5 Analysis of Generalization", 229),
    kind=Kind.INEQUALITY,
    predicate=hinf_positive_definite,
    printed=dict(
        id="arora2019.rem5.1.printed-parallel",
        status=Status.READING,
        statement=REMARK51 + r"\quad(\text{parallel read as } x_j = c\,x_i,\ c>0)",
        domain=ANTIPODAL_SEARCH,
        params={"antipodal_counts": False},
        note="Under the reading x_j = c·x_i with c > 0, d+1 antipodal pairs {x_t, −x_t} in R^d make H∞ "
             "singular: with Σ c_t x_t = 0 the vector (c_1, −c_1, …) is a null vector because "
             "φ(x) − φ(−x) = x for the ReLU feature map.\n"
             "For the authors: the inputs lie on the unit sphere (L94), where x_j = c·x_i with c > 0 means "
             "x_j = x_i, so under that reading 'parallel' would just say 'equal' and the remark would have "
             "no reason to use the word. The usual meaning of parallel vectors, x_j = c·x_i with c of "
             "either sign, includes x_j = −x_i, and under it the remark is the sibling "
             "arora2019.rem5.1.hinf-positive-definite, which holds. The remark cites Du et al. for it. "
             "Decision: a reading (the narrow reading fails, the usual one holds), not an erratum.",
    ),
    corrected=dict(
        id="arora2019.rem5.1.hinf-positive-definite",
        statement=r"x_i \ne \pm x_j\ \forall i\ne j \implies \lambda_{\min}(H^\infty) > 0",
        domain=Space(X=SpherePoints(n=(1, 24), d=(2, 8), k=(1, 3),
                                    geometries=("gauss", "clustered", "near_parallel"))),
        mutants=(
            Mutant("hypothesis dropped: duplicated inputs allowed",
                   params={"min_separation": 0.0},
                   domain=Space(X=SpherePoints(n=(2, 24), d=(2, 8), k=(1, 3),
                                               geometries=("gauss", "clustered", "duplicate")))),
        ),
    ),
)


# ---------------------------------------------------------------------------------------------
# Lemma C.3: H(0) concentrates around H∞, with the constant its proof gives.
# ---------------------------------------------------------------------------------------------

def concentration_event(inst, *, delta=0.1, rate=0.5, union_bound=True):
    """The event ‖H(0) − H∞‖_F <= n·sqrt(log(2n²/δ)/2)·m^{-rate} for one draw of W(0).

    ``rate = 1/2`` is what the proof of Lemma C.3 gives (Hoeffding per entry, union bound over
    n² entries); W(0) has m rows drawn from N(0, I) (the κ scale cancels in the indicators).
    """
    X, m = inst.X, inst.m
    n = X.shape[0]
    W = inst.rng("w0").standard_normal((m, X.shape[1]))
    gap = float(np.linalg.norm(kernels.finite_width_gram(W, X) - kernels.hinf(X)))
    numerator = 2 * n * n if union_bound else 2  # log(2n²/δ) from the proof, log(2/δ) as printed
    bound = n * math.sqrt(math.log(numerator / delta) / 2) / m**rate
    return at_most(gap, bound, why="event indicator (exact comparison of two computed numbers)")


claim(
    id="arora2019.lemC.3.gram-concentration",
    threads=1,
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


claim(
    id="arora2019.lemC.3.printed-log-factor",
    threads=1,
    source=src("Lemma C.3", "C Proofs for Section 4", 550),
    statement=r"\Pr\Big[\|H(0)-H^\infty\|_F \le n\sqrt{\log(2/\delta)/(2m)}\Big] \ge 1-\delta,"
              r"\ \delta = 0.1\quad(\text{the statement's }\log(2/\delta)\text{ with the proof's constant})",
    kind=Kind.PROBABILITY,
    domain=Space(X=SpherePoints(n=(4, 12), d=(3, 10), geometries=("gauss", "clustered")),
                 m=Choice(200, 1000, 5000)),
    predicate=concentration_event,
    params={"delta": 0.1, "union_bound": False},
    expect=AtLeast(0.9),
    mutants=(Mutant("rate 1/m instead of 1/√m", params={"rate": 1.0}),),
    note="Catalogue S4: the statement's log(2/δ) is not what the proof (a union bound over n² entries) "
         "gives, but it is still true (E‖H(0) − H∞‖_F² <= n²/(4m) ≪ n² log(2/δ)/(2m)), so it is not an "
         "erratum a number can show; both forms hold.",
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

THM61_POINTS = SpherePoints(n=(1, 300), d=(2, 5), geometries=("gauss", "clustered"), k=(1, 4))


def thm61_space(p) -> Space:
    """α = sign·|α| with |α| >= 0.1: the bound is homogeneous in α, and α = 0 is the trivial 0 <= 0."""
    return Space(X=THM61_POINTS, p=p, alpha=Real(0.1, 3.0), sign=Choice(1, -1),
                 beta_norm=Real(0.1, 2.0))


claim(
    id="arora2019.thm6.1.printed-bound",
    threads=1,
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
    threads=1,
    source=src("Theorem 6.1 (proof, case p = 1)", "E Proofs for Section 6", 925),
    statement=r"y_i = \alpha\beta^\top x_i \implies \sqrt{y^\top(H^\infty)^{-1}y} \le 2|\alpha|\,\|\beta\|_2",
    kind=Kind.INEQUALITY,
    domain=thm61_space(Fixed(1)),
    predicate=theorem61_bound,
    params={"constant": sharp_linear_constant},
    # tight: on dense data the RKHS norm of βᵀx tends to exactly 2‖β‖ (ratio 0.999997 here)
    examples=({"X": {"n": 300, "d": 2, "geometry": "gauss", "k": 1, "seed": 0}, "p": 1, "alpha": 1.0,
               "sign": 1, "beta_norm": 1.0},),
    mutants=(Mutant("constant 2 → 1.9", params={"constant": lambda p: 1.9},
                    why="the value tends to exactly 2‖β‖|α| as n grows"),),
)


#: labels of the band witness stop this far inside |y| ≤ 1 (the certificate re-checks |y| ≤ 1 exactly)
BAND_LABEL = 0.999


def band_pairs(pairs: int, c: float) -> np.ndarray:
    """Points of S² on the band |xᵀAx| ≤ 1 of A = c·diag(1, −1, 0), in pairs straddling it.

    The band surrounds the great circles x₁ = ±x₂. On each, at the positions t_j = jπ/pairs with
    c·|cos t_j| ≥ BAND_LABEL, one point on each side of the circle at the angle where
    y = c(x₁² − x₂²) = ±BAND_LABEL. Each pair is ≈ BAND_LABEL/(c|cos t|) apart with labels ±0.999,
    so it alone makes yᵀ(H∞)⁻¹y ≈ 4πc|cos t| while ‖A‖_* = 2c (catalogue S1; the issue-13 audit).
    """
    diagonals = (np.array([1.0, 1.0, 0.0]) / math.sqrt(2), np.array([1.0, -1.0, 0.0]) / math.sqrt(2))
    pole = np.array([0.0, 0.0, 1.0])
    points = []
    for circle in range(2):
        along, across = diagonals[circle], diagonals[1 - circle]
        for j in range(pairs):
            t = j * math.pi / pairs
            cos_t = abs(math.cos(t))
            if c * cos_t < BAND_LABEL:
                continue
            centre = math.cos(t) * along + math.sin(t) * pole
            phi = 0.5 * math.asin(BAND_LABEL / (c * cos_t))
            for side in (1.0, -1.0):
                points.append(math.cos(phi) * centre + side * math.sin(phi) * across)
    X = np.array(points)
    return X / np.linalg.norm(X, axis=1, keepdims=True)


def band_matrix(c: float) -> np.ndarray:
    return np.diag([c, -c, 0.0])


def example62_data(inst) -> tuple[np.ndarray, np.ndarray]:
    """(X, A) of an Example 6.2 instance: the band witness (fields pairs, c) or a point set with a
    random or identity A scaled to ‖A‖_* = scale (fields X, shape, scale)."""
    if hasattr(inst, "pairs"):
        return band_pairs(inst.pairs, inst.c), band_matrix(inst.c)
    X = inst.X
    d = X.shape[1]
    S = np.eye(d) if inst.shape == "identity" else random_symmetric(d, inst.rng("A"))
    return X, inst.scale * S / nuclear_norm(S)


def example62_bound(inst, *, squared=True, norm=nuclear_norm, constant=6.0):
    """Example 6.2: y_i = x_iᵀAx_i.

    ``squared=True`` checks the corrected form sqrt(q) <= 6‖A‖_* (i.e. M_g = q <= 36‖A‖_*², which
    is Corollary 6.2 with p_j = 2); ``squared=False`` checks the printed M_g = O(‖A‖_*) with the
    constant 36 at which both forms agree when ‖A‖_* = 1: q <= 36‖A‖_*.
    """
    X, A = example62_data(inst)
    y = quadratic_labels(X, A)
    solved = rkhs_norm(X, y)
    if solved is None:
        return precondition_failed("H∞ too ill-conditioned to resolve yᵀH∞⁻¹y to 1e-6")
    root, err = solved
    size = norm(A)
    witness = {"X": X, "y": y}
    if squared:
        return at_most(root, constant * size, tol=err,
                       why="Cholesky solve error bound (theory.linalg), halved for the root",
                       nuclear_norm=nuclear_norm(A), witness=witness)
    return at_most(root**2, constant**2 * size, tol=2 * root * err + err**2,
                   why="Cholesky solve error bound (theory.linalg)",
                   nuclear_norm=nuclear_norm(A), q_over_nuclear=root**2 / size,
                   q_over_nuclear_squared=root**2 / size**2, witness=witness)


def interval_hinf(rows):
    """H∞ of eq. (3) in mpmath interval arithmetic, for interval rows on the unit sphere:
    H_ij = K_ij(π − θ_ij)/(2π) with θ_ij = 2·atan2(‖x_i − x_j‖, ‖x_i + x_j‖) (valid for any angle)."""
    import mpmath
    iv = mpmath.iv
    n = len(rows)
    H = iv.matrix(n, n)
    for i in range(n):
        for j in range(i, n):
            a, b = rows[i], rows[j]
            k = sum(p * q for p, q in zip(a, b))
            theta = 2 * iv.atan2(iv.sqrt(sum((p - q) ** 2 for p, q in zip(a, b))),
                                 iv.sqrt(sum((p + q) ** 2 for p, q in zip(a, b))))
            H[i, j] = H[j, i] = k * (iv.pi - theta) / (2 * iv.pi)
    return H


def certify_example62(inst, *, squared=False, norm=nuclear_norm, constant=6.0):
    """Interval certificate of the printed Example 6.2 (q <= 36‖A‖_*) on a band witness.

    The float rows are normalised in interval arithmetic, so the enclosures are of the exact points
    x/‖x‖ on S² (the paper's ‖x‖ = 1). On them every |y_i| <= 1 is proved, H∞ is enclosed entrywise
    (:func:`interval_hinf`) and q = yᵀ(H∞)⁻¹y by mpmath's interval LU solve. ‖A‖_* = 2c exactly."""
    import mpmath
    from theory.claims.certificates import interval, interval_precision, iv as exact_iv
    if not hasattr(inst, "pairs"):
        raise InputError("the Example 6.2 certificate is for band witnesses (fields pairs, c)")
    X = band_pairs(inst.pairs, inst.c)
    with interval_precision():
        ivc = mpmath.iv
        rows = []
        for row in X:
            entries = [exact_iv(float(v)) for v in row]
            length = ivc.sqrt(sum(v * v for v in entries))
            rows.append([v / length for v in entries])
        c = exact_iv(float(inst.c))
        y = [c * (r[0] ** 2 - r[1] ** 2) for r in rows]
        worst_label = max(float(abs(v).b) for v in y)
        if worst_label > 1.0:
            raise InputError(f"band witness has a label enclosure reaching {worst_label} > 1")
        H = interval_hinf(rows)
        solution = ivc.lu_solve(H, ivc.matrix(y))
        q = sum(y[i] * solution[i] for i in range(len(y)))
        difference = q - exact_iv(float(constant)) ** 2 * (2 * c)
        return interval(difference, "<=", detail=f"n = {len(y)} points on S², max |y_i| <= {worst_label:.6g} "
                                                 f"(proved), q = yᵀ(H∞)⁻¹y in [{float(q.a):.6g}, "
                                                 f"{float(q.b):.6g}], ‖A‖_* = 2c = {2 * inst.c:g}")


EX62_SPACE = Space(X=SpherePoints(n=(10, 200), d=(2, 5), geometries=("gauss", "clustered")),
                   shape=Choice("identity", "random"), scale=Real(0.01, 100.0, log=True))

#: the band witness: pairs per great circle and c; inside the paper's ‖x‖ = 1 and |y| <= 1 (L94)
EX62_BAND = Space(pairs=Int(1, 12), c=Real(1.0, 256.0, log=True))

erratum_pair(
    threads=1,
    kind=Kind.INEQUALITY,
    predicate=example62_bound,
    printed=dict(
        id="arora2019.ex6.2.printed-nuclear-norm",
        error_class=ErrorClass.STATEMENT,
        source=src("Example 6.2", "6 Provable Learning using Two-Layer ReLU Neural Networks", 340),
        statement=r"g(x) = x^\top A x \implies M_g = O(\|A\|_*)\quad"
                  r"(\text{checked as } y^\top(H^\infty)^{-1}y \le 36\|A\|_*)",
        domain=EX62_BAND,
        params={"squared": False},
        certify=certify_example62,
        examples=({"pairs": 8, "c": 64.0},),
        note="yᵀH∞⁻¹y is 2-homogeneous in A (y is linear in A), so a bound linear in ‖A‖_* can only hold "
             "where ‖A‖_* stays bounded. The paper's |y| ≤ 1 (L94) does not bound it: data on the band "
             "|xᵀAx| ≤ 1 of A = c·diag(1, −1, 0) in d = 3 keep |y| ≤ 1 for every c. Uniform band data "
             "(n = 800, seeds 0–2) give q/‖A‖_* ≈ 4.9, 15.8, 46, 107 at c = 1, 4, 16, 64; the pinned "
             "witness (8 pairs straddling the band, n = 28, c = 64, |y_i| ≤ 0.999) gives q/‖A‖_* ≈ 52 > 36, "
             "certified in interval arithmetic (q ∈ 6697.43…, 36‖A‖_* = 4608). Each pair at angle "
             "≈ 1/(c|cos t|) with labels ±0.999 contributes ≈ 4πc|cos t| to q, so q/‖A‖_* grows "
             "without bound with the number of pairs.\n"
             "For the authors: O(·) hides a constant, and no finite instance refutes an O(·) bound. "
             "The checked constant, 36, is the one the paper's own route gives (Corollary 6.2 with "
             "p_j = 2: √q ≤ 6‖A‖_*), where the two forms agree at ‖A‖_* = 1; on data covering the "
             "whole sphere |y| ≤ 1 forces ‖A‖_op ≤ 1, hence ‖A‖_* ≤ d, and O(‖A‖_*) is then harmless "
             "for fixed d. It does not stand: Example 6.2 is stated for every symmetric A, the band "
             "distribution satisfies every standing assumption, and on it q/‖A‖_* is unbounded (the "
             "family above), so no constant works; Corollary 6.2 yields M_g = O(‖A‖_*²).",
    ),
    corrected=dict(
        id="arora2019.ex6.2.nuclear-norm-squared",
        domain=EX62_SPACE,
        source=src("Example 6.2 (via Corollary 6.2)", "6 Provable Learning using Two-Layer ReLU Neural Networks", 340),
        statement=r"g(x) = x^\top A x \implies \sqrt{y^\top(H^\infty)^{-1}y} \le 6\|A\|_*,\ "
                  r"\text{i.e. } M_g = O(\|A\|_*^2)",
        mutants=(
            Mutant("nuclear norm → |trace|", params={"norm": lambda A: abs(float(np.trace(A)))},
                   domain=EX62_SPACE.replace(shape=Fixed("random"))),
            Mutant("constant 6 → 1", params={"constant": 1.0}),
        ),
        note="Corollary 6.2 is deterministic and homogeneous in A, so the domain scales A freely "
             "(‖A‖_* from 0.01 to 100, beyond |y| ≤ 1: the bound holds for every scale).",
    ),
)


# =============================================================================================
# Second slice: the linear dynamics, the exact facts of the proofs, Section 6's examples, the
# GD trainings (Theorems 3.1 and 4.1, Lemmas 5.3 and C.1) and Figures 1 and 2 on digits.
# =============================================================================================


SEC4 = "4 Analysis of Convergence Rate"
SEC5 = "5 Analysis of Generalization"
SEC6 = "6 Provable Learning using Two-Layer ReLU Neural Networks"
APPC = "C Proofs for Section 4"
APPD = "D Proofs for Section 5"
APPE = "E Proofs for Section 6"


def first_failure(*evidence, representative: int | None = None):
    """One Evidence for a search from several checks of the same instance: the first that fails
    (or is a precondition), else the one with the least slack (or ``evidence[representative]``,
    for checks whose other parts are exact facts whose sides never vary); the others' slacks go
    in details."""
    for ev in evidence:
        if ev.precondition or not ev.holds:
            chosen = ev
            break
    else:
        chosen = (min(evidence, key=lambda ev: ev.slack) if representative is None
                  else evidence[representative])
    chosen.details["all_slacks"] = [ev.slack for ev in evidence]
    return chosen


def step_size(H, fraction: float = 1.0) -> float:
    """η = fraction/λ_max(H): the largest step at which I − ηH ⪰ 0 (the theory's η = O(λ₀/n²) is
    smaller still; every statement below only needs η <= 1/λ_max)."""
    return fraction / float(np.linalg.eigvalsh(H)[-1])


# ---------------------------------------------------------------------------------------------
# Eq. (7)/(28): the power-method form of the linear dynamics.
# ---------------------------------------------------------------------------------------------

def power_method_identity(inst, *, exponent_factor=2.0):
    """‖y − ũ(K)‖ from running recursion (7) equals sqrt(Σ (1−ηλ_i)^{2K}(v_iᵀy)²) (eq. (28)).

    Error model: K steps of the recursion each add ~ n·eps·‖H‖‖u−y‖ rounding, and eigh's backward
    error moves each (1−ηλ)^{2K} by ~2K·η·n·eps‖H‖; tol = 4(K+1)·n·eps·‖y‖·(1 + ηλ_max).
    """
    X, K, y = inst.X, inst.steps, inst.rng("y").choice([-1.0, 1.0], size=inst.X.shape[0])
    H = kernels.hinf(X)
    eta = step_size(H, inst.c)
    direct = linear_dynamics.iterate_linear_recursion(H, y, eta, K)[-1]
    lam, V = np.linalg.eigh(H)
    predicted = math.sqrt(float(np.sum((1 - eta * lam) ** (exponent_factor * K) * (V.T @ y) ** 2)))
    n = X.shape[0]
    tol = 4 * (K + 1) * n * EPS * float(np.linalg.norm(y)) * (1 + eta * lam[-1])
    return close(direct, predicted, tol=tol, why="(K+1)·n·eps rounding of the recursion and of eigh, times ‖y‖")


claim(
    id="arora2019.eq28.power-method-identity",
    threads=1,
    source=src("Equation (28) (and (7), (8))", "C Proofs for Section 4", 656),
    statement=r"\tilde u(0)=0,\ \tilde u(k+1)=\tilde u(k)-\eta H^\infty(\tilde u(k)-y)\implies "
              r"\|y-\tilde u(k)\|_2=\sqrt{\textstyle\sum_i(1-\eta\lambda_i)^{2k}(v_i^\top y)^2}",
    kind=Kind.IDENTITY,
    domain=Space(X=SpherePoints(n=(1, 16), d=(2, 10), geometries=("gauss", "clustered")),
                 steps=Int(1, 200), c=Real(0.1, 1.0)),
    predicate=power_method_identity,
    mutants=(Mutant("exponent 2k → k", params={"exponent_factor": 1.0}),
             Mutant("exponent 2k → 4k (squaring each step twice)", params={"exponent_factor": 4.0})),
)


# ---------------------------------------------------------------------------------------------
# Section 5.2: the auxiliary sequence W̃ at finite width (exact, H(0) not H∞).
# ---------------------------------------------------------------------------------------------

def z_matrix(W, a, X):
    """Z of eq. (6): (m·d) × n, block (r, i) = m^{-1/2} 1{w_rᵀx_i ≥ 0} a_r x_i (rows of W are w_r)."""
    m = W.shape[0]
    act = (W @ X.T >= 0).astype(float) * a[:, None] / math.sqrt(m)  # (m, n)
    return np.einsum("ri,id->rdi", act, X).reshape(m * X.shape[1], X.shape[0])


def auxiliary_sequence_identity(inst, *, gram="finite"):
    """‖W̃(K)‖_F² = yᵀT₀H(0)T₀y with T₀ = ηΣ_{k<K}(I − ηH(0))^k, and ≤ yᵀH(0)⁻¹y (Section 5.2).

    ``gram="infinite"`` is the mutant that uses H∞ in place of H(0). The same computation at
    K = ∞ is the section's ‖W̃(∞)‖_F² = yᵀH(0)⁻¹y. Error model: K steps with n·md·eps rounding
    relative to the size of the iterate, 8(K+1)(n+md)·eps·max(value, 1).
    """
    X, K = inst.X, inst.steps
    n, d = X.shape
    m = inst.width_factor * n
    rng = inst.rng("init")
    W, a = rng.standard_normal((m, d)), rng.choice([-1.0, 1.0], size=m)
    y = rng.choice([-1.0, 1.0], size=n)
    Z = z_matrix(W, a, X)
    H0 = Z.T @ Z
    if linalg.lambda_min(H0) <= 1e-3 * float(np.linalg.eigvalsh(H0)[-1]):
        return precondition_failed("H(0) nearly singular (Section 5.2 needs H(0) ≻ 0)")
    eta = step_size(H0, inst.c)
    w = linear_dynamics.auxiliary_sequence(Z, y, eta, K)
    H = H0 if gram == "finite" else kernels.hinf(X)
    T = linear_dynamics.gd_sum_operator(H, eta, K)
    predicted = float(y @ T @ H @ T @ y)
    actual = float(w @ w)
    tol = 8 * (K + 1) * (n + m * d) * EPS * max(actual, 1.0)
    limit = float(y @ np.linalg.solve(H0, y))
    return first_failure(close(actual, predicted, tol=tol, why="(K+1)(n+md)·eps rounding of K matrix-vector steps"),
                         at_most(actual, limit, tol=tol, why="same rounding model", bound="yᵀH(0)⁻¹y"))


def auxiliary_limit_identity(inst, *, inverse=True):
    """‖Z(0)H(0)⁻¹y‖² = yᵀH(0)⁻¹y: the K → ∞ limit of Section 5.2 (tolerance from the solve).

    ``inverse=False`` is the mutant comparing with yᵀH(0)y instead.
    """
    X = inst.X
    n, d = X.shape
    m = inst.width_factor * n
    rng = inst.rng("init")
    W, a = rng.standard_normal((m, d)), rng.choice([-1.0, 1.0], size=m)
    y = rng.choice([-1.0, 1.0], size=n)
    Z = z_matrix(W, a, X)
    sol = linalg.psd_quadratic_inverse(Z.T @ Z, y)
    if not sol.positive_definite or sol.q_error > 1e-6 * sol.q:
        return precondition_failed("H(0) too ill-conditioned for the solve")
    w = linear_dynamics.auxiliary_limit(Z, y)
    rhs = sol.q if inverse else float(y @ (Z.T @ Z) @ y)
    return close(float(w @ w), rhs, tol=4 * sol.q_error + 8 * m * d * EPS * sol.q,
                 why="Cholesky error model of theory.linalg (×4) plus md·eps for ‖Zz‖²")


AUX_SPACE = Space(X=SpherePoints(n=(1, 10), d=(2, 8), geometries=("gauss", "clustered")),
                  width_factor=Int(3, 20), steps=Int(1, 300), c=Real(0.2, 1.0))

claim(
    id="arora2019.sec5.2.auxiliary-sequence-finite-k",
    threads=1,
    source=src("Section 5.2 (eq. (11)) and proof of Lemma 5.3", SEC5, 296),
    statement=r"\widetilde W(0)=0,\ \mathrm{vec}\,\widetilde W(k+1)=\mathrm{vec}\,\widetilde W(k)-\eta Z(0)"
              r"(Z(0)^\top\mathrm{vec}\,\widetilde W(k)-y)\implies \|\widetilde W(K)\|_F^2 = y^\top T_0H(0)T_0y"
              r"\le y^\top H(0)^{-1}y,\ T_0=\eta\sum_{k<K}(I-\eta H(0))^k",
    kind=Kind.IDENTITY,
    domain=AUX_SPACE,
    predicate=auxiliary_sequence_identity,
    mutants=(Mutant("H∞ in place of the finite-width H(0)", params={"gram": "infinite"},
                    why="the identity is exact only for the Gram matrix of the same Z(0)"),),
)

claim(
    id="arora2019.sec5.2.auxiliary-limit",
    threads=1,
    source=src("Section 5.2", SEC5, 300),
    statement=r"\|\widetilde W(\infty)-\widetilde W(0)\|_F^2=y^\top H(0)^{-1}Z(0)^\top Z(0)H(0)^{-1}y=y^\top H(0)^{-1}y",
    kind=Kind.IDENTITY,
    domain=AUX_SPACE.replace(steps=Fixed(0), c=Fixed(1.0)),
    predicate=auxiliary_limit_identity,
    mutants=(Mutant("H(0)⁻¹ → H(0) in the limit", params={"inverse": False}),),
)


# ---------------------------------------------------------------------------------------------
# The initial outputs: E[u_i(0)] = 0, E[u_i(0)²] = κ²/2 (proof of Thm 4.1), and the arc-cosine
# moment E[relu(wᵀx) relu(wᵀx')] = κ²(sin θ + (π − θ)cos θ)/(2π).
# ---------------------------------------------------------------------------------------------

def init_output_second_moment(inst, *, moment=lambda kappa, theta: kappa**2 * (
        math.sin(theta) + (math.pi - theta) * math.cos(theta)) / (2 * math.pi)):
    """Monte-Carlo mean of u_i(0)u_j(0) over M independent width-m initialisations vs ``moment``.

    For the net of eq. (1), E[u_i(0)u_j(0)] = E_w[relu(wᵀx_i)relu(wᵀx_j)] (the a_r are independent
    signs, so cross terms vanish); θ = 0 gives E[u_i(0)²] = κ²/2. Error model: a CLT z-test with
    the sample standard deviation over the M draws, Bonferroni threshold at 1e-4 / 2000.
    """
    d, kappa, theta = inst.d, inst.kappa, inst.theta
    rng = inst.rng("w")
    x1 = np.zeros(d)
    x1[0] = 1.0
    x2 = np.zeros(d)
    x2[0], x2[1] = math.cos(theta), math.sin(theta)
    M, m = 4000, inst.m
    W = kappa * rng.standard_normal((M, m, d))
    a = rng.choice([-1.0, 1.0], size=(M, m))
    u1 = np.einsum("sr,sr->s", a, np.maximum(W @ x1, 0)) / math.sqrt(m)
    u2 = np.einsum("sr,sr->s", a, np.maximum(W @ x2, 0)) / math.sqrt(m)
    prod = u1 * u2
    se = float(prod.std(ddof=1) / math.sqrt(M))
    z = gaussian_threshold(MC_ALPHA_PER_INSTANCE, 1)
    # + the closed form's own rounding (sin π is 1.2e-16, not 0): a few ulp of κ²
    return close(float(prod.mean()), moment(kappa, theta), tol=z * se + 8 * EPS * kappa**2,
                 why=f"CLT z-test over {M} initialisations, z*={z:.2f} (Bonferroni 1e-4/2000), "
                     "+ 8 ulp of κ² for the closed form",
                 mean_u1=float(u1.mean()))


claim(
    id="arora2019.thm4.1.init-output-moment",
    threads=1,
    source=src("Proof of Theorem 4.1 (E[u_i(0)²] = O(κ²))", APPC, 658),
    statement=r"\mathbb{E}[u_i(0)u_j(0)] = \frac{\kappa^2(\sin\theta_{ij}+(\pi-\theta_{ij})\cos\theta_{ij})}{2\pi},"
              r"\ \text{so}\ \mathbb{E}[u_i(0)^2] = \kappa^2/2",
    kind=Kind.IDENTITY,
    stochastic=True,
    domain=Space(d=Int(2, 6), m=Int(1, 50), kappa=Real(0.01, 3.0, log=True),
                 theta=Choice(0.0, math.pi / 3, math.pi / 2, 2 * math.pi / 3, math.pi)),
    predicate=init_output_second_moment,
    mutants=(Mutant("E[u(0)²] = κ² (the 1/2 dropped)",
                    params={"moment": lambda k, t: k**2 * (math.sin(t) + (math.pi - t) * math.cos(t)) / math.pi}),
             Mutant("sin θ dropped from the arc-cosine moment",
                    params={"moment": lambda k, t: k**2 * (math.pi - t) * math.cos(t) / (2 * math.pi)},
                    domain=Space(d=Int(2, 6), m=Int(1, 50), kappa=Real(0.5, 3.0, log=True),
                                 theta=Choice(math.pi / 2, 2 * math.pi / 3, math.pi)))),
    note="The paper states only E[u_i(0)²] = O(κ²); the exact value κ²/2 is E[relu(κg)²], g ~ N(0,1).",
)


# ---------------------------------------------------------------------------------------------
# Eq. (17): the Gaussian small-ball bound, printed with √(2πκ) where √(2π)·κ is meant.
# ---------------------------------------------------------------------------------------------

def small_ball(inst, *, printed=False, constant=2.0):
    """P_{z~N(0,κ²)}(|z| <= R) = erf(R/(κ√2)) against constant·R/√(2πκ) (printed) or
    constant·R/(√(2π)κ) (corrected). Exact normal CDF; tolerance 8 ulp of the larger side."""
    R, kappa = inst.R, inst.kappa
    prob = math.erf(R / (kappa * math.sqrt(2.0)))
    denom = math.sqrt(2 * math.pi * kappa) if printed else math.sqrt(2 * math.pi) * kappa
    bound = constant * R / denom
    return at_most(prob, bound, tol=8 * EPS * max(prob, bound), why="exact erf; 8 ulp")


#: κ ∈ [10⁻³, 1]: the paper's initialisation scale 0 < κ ≤ 1 (L100), whose w_r(0)ᵀx_i ~ N(0, κ²)
#: eq. (17) bounds; R from 10⁻⁴ (where the corrected bound is tight) to 10 (where it is vacuous)
SMALL_BALL = Space(R=Real(1e-4, 10.0, log=True), kappa=Real(1e-3, 1.0, log=True))

erratum_pair(
    threads=1,
    source=src("Equation (17) (proof of Lemma C.2)", APPC, 528),
    kind=Kind.INEQUALITY,
    domain=SMALL_BALL,
    predicate=small_ball,
    printed=dict(
        id="arora2019.eq17.printed-small-ball",
        status=Status.SOURCE_UNVERIFIED,
        statement=r"\Pr_{z\sim N(0,\kappa^2)}[|z|\le R] \le \frac{2R}{\sqrt{2\pi\kappa}}",
        params={"printed": True},
        examples=({"R": 0.001, "kappa": 0.01},),
        note="Read as printed in our text copy, √(2πκ) makes the bound false for every κ < 1 once R is "
             "small: at κ = 0.01, R = 0.001, P = 0.0797 > 0.00798.\n"
             "For the authors: the text copy never prints √(2π) on its own. The same line writes the "
             "N(0, κ²) density as e^{−x²/2κ²}/√(2πκ), which no author means; L544 and L584 repeat "
             "√(2πκ), L834 has √(πκ) where Lemma 5.4's statement (L288) needs √π·κ, and L826's "
             "√(2nR)/√(πκ) is dimensionally impossible (it must be √2·nR/(√π·κ)). Every occurrence is "
             "√(2π)·κ with the radical's bar extended over κ, the signature of a PDF-to-text "
             "conversion. The original typesetting cannot be consulted here, so this is a finding "
             "about our copy (source-unverified), not an erratum; the sibling holds.",
    ),
    corrected=dict(
        id="arora2019.eq17.small-ball",
        statement=r"\Pr_{z\sim N(0,\kappa^2)}[|z|\le R] \le \frac{2R}{\sqrt{2\pi}\,\kappa}",
        examples=({"R": 1e-4, "kappa": 1.0}, {"R": 1e-4, "kappa": 1e-3}),
        mutants=(Mutant("constant 2 → 1.9", params={"constant": 1.9},
                        why="for R ≪ κ the probability is 2R/(√(2π)κ)(1 − O(R²/κ²)): the constant is sharp"),),
    ),
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


# ---------------------------------------------------------------------------------------------
# Step-size facts of the proof of Theorem 4.1 and Lemma 5.3 (L652, L746–752, L679).
# ---------------------------------------------------------------------------------------------

def contraction_norm(inst, *, relation="<="):
    """diag(H∞) = ½ (so tr = n/2 >= ‖H∞‖₂) and ‖I − ηH∞‖₂ <= 1 − ηλ₀ for η = c/λ_max, c <= 1."""
    X = inst.X
    H = kernels.hinf(X)
    lam = np.linalg.eigvalsh(H)
    eta = inst.c / lam[-1]
    n = X.shape[0]
    norm = float(np.abs(1 - eta * lam).max())
    tol = 4 * n * EPS * (1 + eta * lam[-1])
    return first_failure(close(float(np.trace(H)), n / 2, tol=n * EPS, why="n ulp (diagonal set exactly to ½)"),
                         at_most(lam[-1], n / 2, tol=linalg.eig_error_bound(H), why="eigensolver backward error"),
                         at_most(norm, 1 - eta * lam[0], tol=tol, why="eigensolver backward error ×η"))


STEP_POINTS = SpherePoints(n=(1, 30), d=(2, 10), geometries=("gauss", "clustered"))

claim(
    id="arora2019.thm4.1.step-size-contraction",
    threads=1,
    source=src("Proof of Theorem 4.1 (‖H∞‖₂ <= n/2, I − ηH∞ ⪰ 0)", APPC, 652),
    statement=r"\mathrm{diag}(H^\infty)=\tfrac12,\ \|H^\infty\|_2\le\tfrac n2,\ "
              r"\eta\le 1/\lambda_{\max}\implies\|I-\eta H^\infty\|_2\le 1-\eta\lambda_0",
    kind=Kind.INEQUALITY,
    domain=Space(X=STEP_POINTS, c=Real(0.05, 1.0)),
    predicate=contraction_norm,
    mutants=(Mutant("step beyond 1/λ_max (η = c/λ_max, c ∈ [1.5, 1.99])",
                    domain=Space(X=STEP_POINTS, c=Real(1.5, 1.99))),),
)


def sum_operator_bound(inst):
    """T H∞ T ⪯ (H∞)⁻¹ and ‖T‖₂ <= 1/λ₀ for T = ηΣ_{k<K}(I − ηH∞)^k, η = c/λ_max (D.1, L746–752).

    Error model: both sides in the eigenbasis of H∞; relative 1e-9 for the condition numbers
    allowed here (λ₀/λ_max >= 1e-6 or the instance is skipped).
    """
    X = inst.X
    H = kernels.hinf(X)
    lam = np.linalg.eigvalsh(H)
    if lam[0] < 1e-6 * lam[-1]:
        return precondition_failed("H∞ too ill-conditioned (λ₀ < 1e-6 λ_max)")
    eta = inst.c / lam[-1]
    T = linear_dynamics.gd_sum_operator(H, eta, inst.steps)
    D = np.linalg.inv(H) - T @ H @ T
    D = (D + D.T) / 2
    scale = 1.0 / lam[0]
    return first_failure(at_least(float(np.linalg.eigvalsh(D)[0]), 0.0, tol=1e-9 * scale, why="relative 1e-9 of 1/λ₀"),
                         at_most(float(np.abs(np.linalg.eigvalsh(T)).max()), scale, tol=1e-9 * scale,
                                 why="relative 1e-9 of 1/λ₀"))


claim(
    id="arora2019.lem5.3.gd-sum-operator",
    threads=1,
    source=src("Proof of Lemma 5.3 (T H∞ T ⪯ (H∞)⁻¹)", APPD, 750),
    statement=r"T=\eta\sum_{k=0}^{K-1}(I-\eta H^\infty)^k:\ T H^\infty T\preceq (H^\infty)^{-1},\ \|T\|_2\le 1/\lambda_0"
              r"\quad(0\le\eta\lambda_i\le1)",
    kind=Kind.INEQUALITY,
    domain=Space(X=STEP_POINTS, c=Real(0.05, 1.0), steps=Int(1, 400)),
    predicate=sum_operator_bound,
    mutants=(Mutant("step beyond 1/λ_max (c ∈ [1.5, 1.99])",
                    domain=Space(X=STEP_POINTS, c=Real(1.5, 1.99), steps=Int(1, 400))),),
)


def geometric_max(inst, *, bound=lambda x: 1.0 / (math.e * x * (1.0 - x))):
    """max_k k(1 − x)^{k−1} <= 1/(e·x·(1 − x)) (the O(1/(ηλ₀)) of L679, with its constant)."""
    x = inst.x
    return at_most(linear_dynamics.max_k_geometric(x), bound(x), tol=64 * EPS * bound(x),
                   why="64 ulp for pow/log1p")


claim(
    id="arora2019.thm4.1.max-k-geometric",
    threads=1,
    source=src("Proof of Theorem 4.1", APPC, 679),
    statement=r"\max_{k\ge0}k(1-x)^{k-1}\le\frac{1}{e\,x(1-x)}=O(1/x),\ 0<x<1",
    kind=Kind.INEQUALITY,
    domain=Space(x=Real(1e-6, 0.999, log=True)),
    predicate=geometric_max,
    # tight as x → 0: the maximum is 1/(e·x)·(1 + O(x)), the bound 1/(e·x·(1 − x))
    examples=({"x": 1e-6},),
    mutants=(Mutant("1/(e x(1−x)) → 1/(e x)", params={"bound": lambda x: 1.0 / (math.e * x)}),),
)


# ---------------------------------------------------------------------------------------------
# D.4: the ramp loss used for Corollary 5.2.
# ---------------------------------------------------------------------------------------------

def ramp_loss(u, y, slope=1.0):
    """ℓ^ramp(u, y) = 1 if uy <= 0, 1 − uy if 0 < uy < 1, 0 if uy >= 1 (``slope`` for mutants)."""
    t = u * y
    return 1.0 if t <= 0 else (max(0.0, 1.0 - slope * t))


def ramp_properties(inst, *, slope=1.0):
    """|ℓ(u1,y) − ℓ(u2,y)| <= |u1 − u2|, ℓ(y,y) = 0, 𝕀{uy <= 0} <= ℓ(u,y) <= 1 (exact arithmetic up to 2 ulp)."""
    u1, u2, y = inst.u1, inst.u2, inst.y
    l1, l2 = ramp_loss(u1, y, slope), ramp_loss(u2, y, slope)
    tol = 4 * EPS * max(1.0, abs(u1), abs(u2))
    return first_failure(at_most(abs(l1 - l2), abs(u1 - u2), tol=tol, why="4 ulp"),
                         close(ramp_loss(y, y, slope), 0.0, tol=0.0, why="exact"),
                         at_least(l1, 1.0 if u1 * y <= 0 else 0.0, why="exact"),
                         at_most(l1, 1.0, why="exact"), representative=0)


claim(
    id="arora2019.cor5.2.ramp-loss",
    threads=1,
    source=src("Proof of Corollary 5.2 (ramp loss)", APPD, 883),
    statement=r"\ell^{ramp}\ \text{is 1-Lipschitz in } u,\ \ell^{ramp}(y,y)=0,\ \ell^{ramp}(u,y)\ge\mathbb{I}\{uy\le0\},\ y\in\{\pm1\}",
    kind=Kind.INEQUALITY,
    domain=Space(u1=Real(-3.0, 3.0), u2=Real(-3.0, 3.0), y=Choice(1.0, -1.0)),
    predicate=ramp_properties,
    # tight: on the ramp 0 < uy < 1 the Lipschitz bound holds with equality
    examples=({"u1": 0.25, "u2": 0.75, "y": 1.0},),
    mutants=(Mutant("slope 2 (ramp 1 − 2uy)", params={"slope": 2.0}),),
)


# ---------------------------------------------------------------------------------------------
# The norm sqrt(yᵀ(H∞)⁻¹y): triangle inequality (L322) and the crude bound ‖y‖²/λ₀ (L853).
# ---------------------------------------------------------------------------------------------

def rkhs_triangle(inst, *, squared=False):
    """sqrt(q(y¹+y²)) <= sqrt(q(y¹)) + sqrt(q(y²)), q(y) = yᵀ(H∞)⁻¹y (``squared``: the mutant
    q(y¹+y²) <= q(y¹) + q(y²))."""
    X = inst.X
    rng = inst.rng("y")
    n = X.shape[0]
    y1, y2 = rng.standard_normal(n), rng.standard_normal(n)
    if inst.aligned:
        y2 = y1 * rng.uniform(0.2, 1.0) + 0.1 * y2
    parts = [rkhs_norm(X, v) for v in (y1 + y2, y1, y2)]
    if any(p is None for p in parts):
        return precondition_failed("H∞ too ill-conditioned to resolve yᵀH∞⁻¹y to 1e-6")
    (s, es), (a, ea), (b, eb) = parts
    if squared:
        return at_most(s * s, a * a + b * b, tol=2 * (s * es + a * ea + b * eb),
                       why="Cholesky error bounds of the three solves")
    return at_most(s, a + b, tol=es + ea + eb, why="Cholesky error bounds of the three solves")


claim(
    id="arora2019.sec6.rkhs-triangle-inequality",
    threads=1,
    source=src("Section 6 (before Corollary 6.2)", SEC6, 322),
    statement=r"\sqrt{(y^1+y^2)^\top(H^\infty)^{-1}(y^1+y^2)}\le\sqrt{y^{1\top}(H^\infty)^{-1}y^1}+\sqrt{y^{2\top}(H^\infty)^{-1}y^2}",
    kind=Kind.INEQUALITY,
    domain=Space(X=SpherePoints(n=(1, 30), d=(2, 8), geometries=("gauss", "clustered")), aligned=Choice(False, True)),
    predicate=rkhs_triangle,
    mutants=(Mutant("squared norms (no square roots)", params={"squared": True},
                    domain=Space(X=SpherePoints(n=(2, 30), d=(2, 8), geometries=("gauss", "clustered")),
                                 aligned=Fixed(True))),),
)


def quadratic_form_crude_bound(inst, *, use="lambda_min"):
    """yᵀ(H∞)⁻¹y <= ‖y‖²/λ₀ <= n/λ₀ for |y_i| <= 1 (proof of Theorem 5.1, L853)."""
    X = inst.X
    n = X.shape[0]
    y = inst.rng("y").uniform(-1.0, 1.0, size=n)
    H = kernels.hinf(X)
    lam = np.linalg.eigvalsh(H)
    sol = linalg.psd_quadratic_inverse(H, y, h_error=n * 8 * EPS)
    if not sol.positive_definite or sol.q_error > 1e-6 * sol.q:
        return precondition_failed("H∞ too ill-conditioned")
    denom = lam[0] if use == "lambda_min" else lam[-1]
    bound = float(y @ y) / denom
    tol = sol.q_error + bound * linalg.eig_error_bound(H) / max(lam[0], 1e-300)
    return first_failure(at_most(sol.q, bound, tol=tol, why="Cholesky error + eigenvalue error relative to λ₀"),
                         at_most(float(y @ y), n, why="exact"))


claim(
    id="arora2019.thm5.1.quadratic-form-crude-bound",
    threads=1,
    source=src("Proof of Theorem 5.1", APPD, 853),
    statement=r"y^\top(H^\infty)^{-1}y\le\|y\|_2^2/\lambda_0\le n/\lambda_0\quad(|y_i|\le1)",
    kind=Kind.INEQUALITY,
    domain=Space(X=SpherePoints(n=(1, 30), d=(2, 8), geometries=("gauss", "clustered"))),
    predicate=quadratic_form_crude_bound,
    mutants=(Mutant("λ₀ → λ_max", params={"use": "lambda_max"}),),
)


# ---------------------------------------------------------------------------------------------
# Eq. (5)/(6): the closed-form gradient, vec ∇Φ = Z(u − y), H = ZᵀZ.
# ---------------------------------------------------------------------------------------------

def gradient_closed_form(inst, *, scale_sqrt_m=True):
    """The closed-form gradient of theory.two_layer_gd equals torch autograd of Φ and Z(u − y).

    ``scale_sqrt_m=False`` is the mutant without the m^{-1/2} of eq. (5) (it rescales the
    closed form by √m). Error model: float64, both computed from the same pre-activations;
    tol = 8·n·eps·max|g| (summation order differs).
    """
    import torch
    X = inst.X
    n, d = X.shape
    m = inst.m
    init = two_layer_gd.init_weights(m, d, inst.kappa, [inst.seed])
    y = inst.rng("y").choice([-1.0, 1.0], size=n)
    Xt, Yt = torch.as_tensor(X), torch.as_tensor(y).unsqueeze(0)
    g, u = two_layer_gd.gradient(init.W0, init.a, Xt, Yt)
    if not scale_sqrt_m:
        g = g * math.sqrt(m)
    W = init.W0.clone().requires_grad_(True)
    phi = two_layer_gd.loss(W, init.a, Xt, Yt).sum()
    (auto,) = torch.autograd.grad(phi, W)
    W0, a = init.W0[0].numpy(), init.a[0].numpy()
    Z = z_matrix(W0, a, X)
    zg = (Z @ (u[0].numpy() - y)).reshape(m, d)
    H0 = Z.T @ Z
    # A sum over i of n terms (u_i − y_i)·x_i·a_r/√m rounds within γ_n·Σ_i|terms| (Higham): the
    # bound scales with the terms' magnitudes, not with the (possibly cancelling) result.
    residual = np.abs(u[0].numpy() - y)
    scale = float((residual @ np.abs(X)).max()) / math.sqrt(m) + 1e-300
    tol = 8 * n * EPS * scale
    why = "8·n·eps·max_k Σ_i|u_i−y_i||x_ik|/√m (dot-product rounding, summation order differs)"
    return first_failure(close(float((g - auto).abs().max()), 0.0, tol=tol, why=why),
                         close(float(np.abs(g[0].numpy() - zg).max()), 0.0, tol=tol, why=why),
                         close(float(np.abs(H0 - kernels.finite_width_gram(W0, X)).max()), 0.0,
                               tol=8 * m * EPS, why="m·eps (sums of m indicator products)"))


claim(
    id="arora2019.eq5.closed-form-gradient",
    threads=1,
    source=src("Equations (5), (6)", "3.1 Notation and Problem Setup", 159),
    statement=r"\frac{\partial\Phi}{\partial w_r}=\frac{1}{\sqrt m}a_r\sum_i(u_i-y_i)\mathbb{I}_{r,i}x_i,\ "
              r"\mathrm{vec}(\nabla\Phi)=Z(u-y),\ H=Z^\top Z",
    kind=Kind.IDENTITY,
    domain=Space(X=SpherePoints(n=(1, 12), d=(2, 8), geometries=("gauss", "clustered")),
                 m=Int(1, 200), kappa=Real(0.01, 1.0, log=True), seed=Seed()),
    predicate=gradient_closed_form,
    mutants=(Mutant("m^{-1/2} dropped from eq. (5)", params={"scale_sqrt_m": False},
                    domain=Space(X=SpherePoints(n=(1, 12), d=(2, 8)), m=Int(2, 200),
                                 kappa=Real(0.01, 1.0, log=True), seed=Seed())),),
    note="Autograd differentiates relu with 1{· > 0} while eq. (5) uses 1{· >= 0} (footnote 2); "
         "they differ only where some w_rᵀx_i = 0 exactly, which has probability 0 here.",
)


# ---------------------------------------------------------------------------------------------
# Theorem 6.1, even p, with the constant the proof gives; Corollary 6.2; Examples 6.1, 6.3, 6.4.
# ---------------------------------------------------------------------------------------------

def sharp_even_constant(p: int) -> float:
    """√(2π)(p − 1) for p = 2l: what the proof of Theorem 6.1 gives (H∞ ⪰ K^{∘2l}/(2π(2l−1)²))."""
    return math.sqrt(2 * math.pi) * (p - 1)


claim(
    id="arora2019.thm6.1.even-sharp-constant",
    threads=1,
    source=src("Theorem 6.1 (proof, case p = 2l)", APPE, 946),
    statement=r"y_i=\alpha(\beta^\top x_i)^{2l}\implies\sqrt{y^\top(H^\infty)^{-1}y}\le\sqrt{2\pi}(2l-1)|\alpha|\,\|\beta\|_2^{2l}",
    kind=Kind.INEQUALITY,
    domain=thm61_space(Choice(2, 4, 6)),
    predicate=theorem61_bound,
    params={"constant": sharp_even_constant},
    mutants=(Mutant("odd p = 3 with the constant √(2π)(p − 1)", domain=thm61_space(Fixed(3))),
             Mutant("√(2π) → 1 (constant p − 1)", params={"constant": lambda p: p - 1.0},
                    domain=thm61_space(Fixed(2)))),
)


def corollary62_bound(inst, *, degrees=(1, 2, 4, 6)):
    """y = Σ_j α_j(β_jᵀx)^{p_j}: sqrt(yᵀ(H∞)⁻¹y) <= 3 Σ_j p_j|α_j|‖β_j‖^{p_j}."""
    X = inst.X
    d = X.shape[1]
    rng = inst.rng("terms")
    y = np.zeros(X.shape[0])
    bound = 0.0
    for _ in range(inst.terms):
        p = int(rng.choice(degrees))
        alpha = rng.uniform(-2.0, 2.0)
        beta = rng.standard_normal(d)
        beta *= rng.uniform(0.2, 1.5) / np.linalg.norm(beta)
        y += monomial_labels(X, alpha, beta, p)
        bound += 3 * p * abs(alpha) * float(np.linalg.norm(beta)) ** p
    solved = rkhs_norm(X, y)
    if solved is None:
        return precondition_failed("H∞ too ill-conditioned to resolve yᵀH∞⁻¹y to 1e-6")
    root, err = solved
    return at_most(root, bound, tol=err, why="Cholesky solve error bound (theory.linalg)")


COR62_POINTS = SpherePoints(n=(1, 300), d=(2, 4), geometries=("gauss", "clustered"))

claim(
    id="arora2019.cor6.2.sum-of-monomials",
    threads=1,
    source=src("Corollary 6.2", SEC6, 328),
    statement=r"y_i=\sum_j\alpha_j(\beta_j^\top x_i)^{p_j},\ p_j\in\{1,2,4,6,\dots\}\implies"
              r"\sqrt{y^\top(H^\infty)^{-1}y}\le 3\sum_j p_j|\alpha_j|\,\|\beta_j\|_2^{p_j}",
    kind=Kind.INEQUALITY,
    domain=Space(X=COR62_POINTS, terms=Int(1, 4)),
    predicate=corollary62_bound,
    mutants=(Mutant("odd degree 3 allowed among the p_j", params={"degrees": (3,)},
                    domain=Space(X=COR62_POINTS, terms=Int(1, 2))),),
)


def example61_bound(inst, *, constant=4.0):
    """Example 6.1: y = βᵀx gives M_g = yᵀ(H∞)⁻¹y <= 4‖β‖² (the sharp constant of the p = 1 proof)."""
    X = inst.X
    beta = inst.rng("beta").standard_normal(X.shape[1])
    beta *= inst.beta_norm / np.linalg.norm(beta)
    solved = rkhs_norm(X, X @ beta)
    if solved is None:
        return precondition_failed("H∞ too ill-conditioned to resolve yᵀH∞⁻¹y to 1e-6")
    root, err = solved
    return at_most(root**2, constant * inst.beta_norm**2, tol=2 * root * err + err**2,
                   why="Cholesky solve error bound (theory.linalg)")


claim(
    id="arora2019.ex6.1.linear-functions",
    threads=1,
    source=src("Example 6.1", SEC6, 338),
    statement=r"g(x)=\beta^\top x\implies M_g=O(\|\beta\|_2^2)\quad(\text{checked as }y^\top(H^\infty)^{-1}y\le4\|\beta\|_2^2)",
    kind=Kind.INEQUALITY,
    domain=Space(X=SpherePoints(n=(1, 300), d=(2, 4), geometries=("gauss",)), beta_norm=Real(0.1, 3.0)),
    predicate=example61_bound,
    mutants=(Mutant("constant 4 → 3.6", params={"constant": 3.6},
                    why="yᵀH∞⁻¹y/‖β‖² tends to exactly 4 as n grows (H∞'s only odd term is K/4)"),),
)


def series_identity(inst, *, kind="cosh", terms=400, leading=2.0):
    """Example 6.3: Σ_{j>=1} j z^{2j}/(2j)! = (z/2) sinh z; Example 6.4: z·arctan(z/2) =
    Σ_{j>=1} (−1)^{j−1} 2^{1−2j} z^{2j}/(2j−1) for |z| <= 2 (``terms`` partial sum, the rest
    bounded: Ex 6.3's tail is super-geometric; Ex 6.4's alternating tail is at most its first
    omitted term when |z| <= 2).
    """
    z = inst.z
    j = np.arange(1, terms + 1, dtype=float)
    if kind == "cosh":
        from scipy.special import gammaln
        logs = np.log(j) + 2 * j * math.log(abs(z)) - gammaln(2 * j + 1) if z != 0 else np.full(terms, -np.inf)
        partial = float(np.exp(logs).sum())
        exact = z / 2 * math.sinh(z)
        # each term is exp(a computed logarithm): its relative error is about |log term|·eps
        log_size = float(np.max(np.abs(logs[np.isfinite(logs)]), initial=0.0))
        tol = (64 + 4 * log_size) * EPS * max(abs(exact), 1e-300)
    else:
        signs = np.where(j % 2 == 1, 1.0, -1.0)
        powers = leading * np.power(abs(z) / 2.0, 2 * j)  # 2^{1−2j} z^{2j} when leading = 2
        termsv = signs * powers / (2 * j - 1)
        partial = float(termsv.sum())
        exact = z * math.atan(z / 2)
        nxt = 2 * (abs(z) / 2) ** (2 * terms + 2) / (2 * terms + 1)
        tol = nxt + 64 * EPS * max(1.0, float(np.abs(termsv).sum()))
    return close(partial, exact, tol=tol, why="tail bound of the series + 64 ulp of the partial sum")


claim(
    id="arora2019.ex6.3.cosine-series",
    threads=1,
    source=src("Example 6.3", SEC6, 342),
    statement=r"\sum_{j\ge1}\frac{j}{(2j)!}z^{2j}=\frac z2\sinh z",
    kind=Kind.IDENTITY,
    domain=Space(z=Real(0.0, 8.0)),
    predicate=series_identity,
    params={"kind": "cosh"},
    mutants=(Mutant("series truncated after 3 terms", params={"terms": 3}),),
)

claim(
    id="arora2019.ex6.4.arctan-series",
    threads=1,
    source=src("Example 6.4", SEC6, 346),
    statement=r"z\arctan\frac z2=\sum_{j\ge1}\frac{(-1)^{j-1}2^{1-2j}}{2j-1}z^{2j},\ |z|\le2",
    kind=Kind.IDENTITY,
    domain=Space(z=Real(-2.0, 2.0)),
    predicate=series_identity,
    params={"kind": "arctan"},
    mutants=(Mutant("coefficient 2^{1−2j} → 2^{−2j}", params={"leading": 1.0}),),
)


def smooth_target_bound(inst, *, target="cosine", bound_kind="corrected"):
    """sqrt(yᵀ(H∞)⁻¹y) against Corollary 6.2's bound for Examples 6.3 and 6.4.

    cosine: g = cos(βᵀx) − 1, bound 3Σ_j 2j‖β‖^{2j}/(2j)! = 3b·sinh b (b = ‖β‖): the bound is on
    sqrt(M_g), so M_g <= 9b² sinh² b (catalogue S2). arctan: g = φ(βᵀx), φ(z) = z·arctan(z/2),
    ‖β‖ <= 1, bound 3Σ_j 2j·2^{1−2j}b^{2j}/(2j−1).
    """
    X = inst.X
    beta = inst.rng("beta").standard_normal(X.shape[1])
    b = inst.beta_norm
    beta *= b / np.linalg.norm(beta)
    z = X @ beta
    if target == "cosine":
        y = np.cos(z) - 1.0
        bound = 3 * b * math.sinh(b) if bound_kind == "corrected" else 3 * b * math.sin(b)
    else:
        y = z * np.arctan(z / 2)
        j = np.arange(1, 200)
        bound = 3 * float(np.sum(2 * j * 2.0 ** (1 - 2 * j) * b ** (2 * j) / (2 * j - 1)))
        if bound_kind != "corrected":  # mutant: Corollary 6.2's 3 and p_j both dropped
            bound = float(np.sum(2.0 ** (1 - 2 * j) * b ** (2 * j) / (2 * j - 1)))
    solved = rkhs_norm(X, y)
    if solved is None:
        return precondition_failed("H∞ too ill-conditioned to resolve yᵀH∞⁻¹y to 1e-6")
    root, err = solved
    return at_most(root, bound, tol=err, why="Cholesky solve error bound (theory.linalg)")


SMOOTH_POINTS = SpherePoints(n=(1, 300), d=(2, 4), geometries=("gauss",))

claim(
    id="arora2019.ex6.3.cosine-bound",
    threads=1,
    source=src("Example 6.3 (via Corollary 6.2)", SEC6, 342),
    statement=r"g(x)=\cos(\beta^\top x)-1\implies\sqrt{y^\top(H^\infty)^{-1}y}\le3\|\beta\|\sinh\|\beta\|,\ "
              r"\text{i.e. }M_g=O(\|\beta\|^2\sinh^2\|\beta\|)",
    kind=Kind.INEQUALITY,
    domain=Space(X=SMOOTH_POINTS, beta_norm=Real(0.1, 4.0)),
    predicate=smooth_target_bound,
    mutants=(Mutant("sinh → sin", params={"bound_kind": "sin"},
                    domain=Space(X=SMOOTH_POINTS, beta_norm=Real(2.8, 3.3))),),
    note="The paper prints M_g = O(‖β‖ sinh ‖β‖); Corollary 6.2 bounds sqrt(M_g) by 3‖β‖ sinh‖β‖, so "
         "M_g = O(‖β‖² sinh²‖β‖) (catalogue S2). No finite n refutes the printed order (for small ‖β‖, "
         "yᵀH∞⁻¹y ~ ‖β‖⁴ ≪ ‖β‖ sinh ‖β‖, and for large ‖β‖ it is capped by n/λ₀), so only the corrected "
         "form is checked.",
)

claim(
    id="arora2019.ex6.4.arctan-bound",
    threads=1,
    source=src("Example 6.4 (via Corollary 6.2)", SEC6, 346),
    statement=r"g(x)=\phi(\beta^\top x),\ \phi(z)=z\arctan\frac z2,\ \|\beta\|\le1\implies"
              r"\sqrt{y^\top(H^\infty)^{-1}y}\le3\sum_j\frac{2j\,2^{1-2j}}{2j-1}\|\beta\|^{2j}=O(\|\beta\|^2)",
    kind=Kind.INEQUALITY,
    domain=Space(X=SMOOTH_POINTS, beta_norm=Real(0.05, 1.0)),
    predicate=smooth_target_bound,
    params={"target": "arctan"},
    mutants=(Mutant("Corollary 6.2's factors 3 and p_j = 2j dropped", params={"bound_kind": "no-degree"},
                    domain=Space(X=SMOOTH_POINTS, beta_norm=Real(0.5, 1.0))),),
)


# ---------------------------------------------------------------------------------------------
# GD trainings: Theorem 3.1 (per-step contraction), Theorem 4.1 (trajectory ≈ power method, as a
# scaling law in √m·κ), Lemma 5.3 (‖W − W(0)‖_F → sqrt(yᵀ(H∞)⁻¹y)), Lemma C.1 (per-neuron moves).
# ---------------------------------------------------------------------------------------------

def sign_labels(inst, n: int) -> np.ndarray:
    return inst.rng("labels").choice([-1.0, 1.0], size=n)


def training_setup(inst, *, fraction=1.0, horizon=8.0, max_steps=400):
    """(H∞, λ, η = fraction/λ_max, K = ⌈horizon/(ηλ₀)⌉) or a precondition failure when K is too long."""
    H = kernels.hinf(inst.X)
    lam = np.linalg.eigvalsh(H)
    eta = fraction / lam[-1]
    K = int(math.ceil(horizon / (eta * lam[0])))
    if K > max_steps:
        return None
    return H, lam, eta, K


def torch_seeds(inst, count: int) -> list[int]:
    return [int(s) for s in inst.rng("init-seeds").integers(0, 2**31 - 1, size=count)]


def contraction_run(inst, *, context, rate_factor=0.5):
    """Theorem 3.1(ii): Φ(W(k+1)) <= (1 − ηλ₀/2)Φ(W(k)) at every step, for each seed.

    ``rate_factor`` is the 1/2 (mutant: 2). Steps with Φ below 1e-20 are not compared (rounding).
    Tolerance: 1e-12 relative (float64 GD: the ratio of two losses carries ~n·m·eps relative error).
    """
    X = inst.X
    n, d = X.shape
    setup = training_setup(inst, horizon=6.0)
    if setup is None:
        return precondition_failed("λ₀ too small: more than 400 steps to converge")
    H, lam, eta, K = setup
    m = int(round((inst.sqrt_m_kappa / inst.kappa) ** 2))
    y = sign_labels(inst, n)
    init = two_layer_gd.init_weights(m, d, inst.kappa, torch_seeds(inst, inst.seeds), device=context.device)
    traj = two_layer_gd.train(X, y, init, eta, K)
    out = []
    for s in range(inst.seeds):
        phi = traj.loss[s]
        live = phi[:-1] > 1e-20
        ratio = float((phi[1:][live] / phi[:-1][live]).max())
        out.append(at_most(ratio, 1 - rate_factor * eta * lam[0], tol=1e-12,
                           why="1e-12 relative rounding of Φ in float64",
                           sqrt_m_kappa=inst.sqrt_m_kappa, m=m, steps=K,
                           flip_fraction=float(traj.flips[s, -1])))
    return out


def initial_loss_event(inst, *, delta=0.1, markov=True):
    """Theorem 3.1(i): Φ(W(0)) = O(n/δ) w.p. >= 1 − δ, with the constant the exact mean gives:
    E Φ(W(0)) = ½(‖y‖² + nκ²/2) (E u_i(0) = 0, E u_i(0)² = κ²/2), so by Markov
    P[Φ(W(0)) <= ½(‖y‖² + nκ²/2)/δ] >= 1 − δ. ``markov=False`` (mutant) drops the 1/δ."""
    X = inst.X
    n, d = X.shape
    rng = inst.rng("init")
    W = inst.kappa * rng.standard_normal((inst.m, d))
    a = rng.choice([-1.0, 1.0], size=inst.m)
    y = rng.choice([-1.0, 1.0], size=n)
    u = np.maximum(X @ W.T, 0.0) @ a / math.sqrt(inst.m)
    phi = 0.5 * float(np.sum((y - u) ** 2))
    mean = 0.5 * (float(y @ y) + n * inst.kappa**2 / 2)
    return at_most(phi, mean / delta if markov else mean, why="event indicator (exact comparison)")


claim(
    id="arora2019.thm3.1.initial-loss",
    threads=1,
    source=src("Theorem 3.1 (i)", "3.2 The Gram Matrix from ReLU Kernel", 120),
    statement=r"\Pr\big[\Phi(W(0))\le\frac{1}{2\delta}(\|y\|^2+n\kappa^2/2)\big]\ge1-\delta,\ \delta=0.1"
              r"\quad(\text{the }O(n/\delta)\text{ of Theorem 3.1(i)})",
    kind=Kind.PROBABILITY,
    domain=Space(X=SpherePoints(n=(2, 10), d=(2, 8), geometries=("gauss", "clustered")),
                 kappa=Real(0.5, 5.0, log=True), m=Int(1, 50)),
    predicate=initial_loss_event,
    expect=AtLeast(0.9),
    mutants=(Mutant("1/δ dropped (Φ(W(0)) below its mean w.p. 0.9)", params={"markov": False}),),
)


LAZY_POINTS = SpherePoints(n=(6, 10), d=(8, 12), geometries=("gauss",))

claim(
    id="arora2019.thm3.1.per-step-contraction",
    threads=1,
    source=src("Theorem 3.1", "3.2 The Gram Matrix from ReLU Kernel", 120),
    statement=r"\Phi(W(k+1))\le\Big(1-\frac{\eta\lambda_0}{2}\Big)\Phi(W(k))\ \ \forall k\ge0"
              r"\quad(m=\Omega(n^6/(\lambda_0^4\kappa^2\delta^3)),\ \eta=O(\lambda_0/n^2))",
    kind=Kind.DYNAMICS,
    domain=Space(X=LAZY_POINTS, kappa=Fixed(0.1), sqrt_m_kappa=Fixed(10.0), seeds=Fixed(3)),
    predicate=contraction_run,
    mutants=(Mutant("rate 1 − ηλ₀/2 → 1 − 2ηλ₀", params={"rate_factor": 2.0},
                    domain=Space(X=SpherePoints(n=(6, 10), d=(10, 12), geometries=("orthogonal",)),
                                 kappa=Fixed(0.1), sqrt_m_kappa=Fixed(10.0), seeds=Fixed(3)),
                    why="the loss ratio tends to (1 − ηλ₀)², above 1 − 2ηλ₀ only by (ηλ₀)², which is "
                        "tiny when λ₀ ≪ λ_max (it survived calibration seed 10 on Gaussian points); "
                        "orthogonal points give λ₀ = λ_max, ηλ₀ = 1 and a mutated rate of −1"),),
    note="Run at η = 1/λ_max (larger than the theorem's O(λ₀/n²), which only makes the check harder) "
         "and √m·κ = 10; the catalogue saw the contraction fail at √m·κ <= 1.",
)


def loglog_slope(x, y, confidence=0.999):
    """Least-squares slope of log y on log x with a t-interval (x repeated over seeds is fine)."""
    from scipy import stats
    lx, ly = np.log(np.asarray(x, float)), np.log(np.asarray(y, float))
    fit = stats.linregress(lx, ly)
    half = stats.t.ppf(0.5 + confidence / 2, len(lx) - 2) * fit.stderr
    return float(fit.slope), float(fit.slope - half), float(fit.slope + half), float(fit.intercept)


def sweep_widths(inst) -> list[float]:
    """The √m·κ values of a width sweep, stored in the recipe as a comma-separated string."""
    return [float(v) for v in inst.widths.split(",")]


def width_sweep(inst, context, widths, keep_weights=False, kappas=None):
    """Train one (X, y) at √m·κ in ``widths`` (κ = inst.kappa, or per width from ``kappas``),
    inst.seeds seeds batched per width."""
    X = inst.X
    n, d = X.shape
    setup = training_setup(inst)
    if setup is None:
        return None
    H, lam, eta, K = setup
    y = sign_labels(inst, n)
    seeds = torch_seeds(inst, inst.seeds)
    runs = []
    for j, w in enumerate(widths):
        kappa = inst.kappa if kappas is None else kappas[j]
        m = int(round((w / kappa) ** 2))
        init = two_layer_gd.init_weights(m, d, kappa, seeds, device=context.device)
        runs.append((w, m, two_layer_gd.train(X, y, init, eta, K, keep_weights=keep_weights)))
    return H, lam, eta, K, y, runs


#: accepted band for the fitted exponent of Theorem 4.1's deviation: −1 ± 0.6. Measured (issue 13)
#: over seeds 0..9 of the quick claim (X seeds 0..9, n = d = 6, √m·κ = 4..32): compared from ũ(0) = 0
#: with κ coupled (κ₀ = 0.4) and 12 seeds per width, point estimates −0.57 … −1.18 and 99.9%
#: intervals within [−1.56, −0.42]; with 6 seeds per width the intervals reached −2.06, and
#: √m·κ = 8..64 (6 seeds) still reached [−1.73, −0.41]. The old comparison from u(0) at fixed
#: κ = 0.1 gave −0.54 … −1.11 with intervals within [−1.52, −0.41]. So the seeds do not support a
#: narrower band at the widths the quick tier affords; the mutants sit near 0.
THM41_ACCEPT = (-1.6, -0.4)


def coupled_kappas(inst, widths) -> list[float]:
    """κ_j = κ₀·x₀/x_j along a sweep of x = √m·κ: both terms of Theorem 4.1's error
    O(√n·κ/δ + n^{7/2}/(√m·λ₀²·κ·δ²)) are then ∝ x⁻¹ (κ₀ = inst.kappa at the first width)."""
    return [inst.kappa * widths[0] / w for w in widths]


def trajectory_deviation_scaling(inst, *, context, kernel_scale=1.0, start="zero",
                                 kappa_schedule="coupled", accept=THM41_ACCEPT):
    """Theorem 4.1 as a scaling law: max_k |‖y − u(k)‖ − P(k)| ∝ (√m·κ)^b with b ≈ −1.

    P(k) = ‖(I − ηH)^k y‖ (``start="zero"``: the theorem's ũ(0) = 0, eq. (8) literally) or
    ‖(I − ηH)^k (y − u(0))‖ (``start="u0"``: the linear model from the same u(0)). From ũ(0) = 0
    the deviation carries the floor ‖u(0)‖ ≈ κ√(n/2), the theorem's √n·κ/δ term; with
    ``kappa_schedule="coupled"`` κ shrinks like 1/(√m·κ) along the sweep (:func:`coupled_kappas`),
    so both error terms of the theorem fall like (√m·κ)⁻¹; ``"fixed"`` keeps κ = inst.kappa.
    H = kernel_scale·H∞ (mutant: the 2π → π typo). The slope is fitted over all seeds and widths;
    accepted when its 99.9% t-interval lies inside ``accept``.
    """
    widths = sweep_widths(inst)
    kappas = coupled_kappas(inst, widths) if kappa_schedule == "coupled" else [inst.kappa] * len(widths)
    sweep = width_sweep(inst, context, widths, kappas=kappas)
    if sweep is None:
        return precondition_failed("λ₀ too small: more than 400 steps to converge")
    H, lam, eta, K, y, runs = sweep
    Hm = kernel_scale * H
    ks = np.arange(K + 1)
    xs, errs, means, flips = [], [], [], []
    for w, m, traj in runs:
        e = []
        for s in range(inst.seeds):
            r0 = y - traj.u0[s] if start == "u0" else y
            pred = linear_dynamics.linear_residuals(Hm, r0, eta, ks)
            e.append(float(np.abs(traj.residual[s] - pred).max()))
        xs += [w] * len(e)
        errs += e
        means.append(float(np.mean(e)))
        flips.append(float(traj.flips[:, -1].mean()))
    slope, lo, hi, _ = loglog_slope(xs, errs)
    ref = [means[0] * widths[0] / w for w in widths]
    diag = [{"name": "thm4.1-deviation", "title": f"Theorem 4.1: max_k |‖y−u(k)‖ − power method| vs √m·κ; "
                                                   f"fitted exponent {slope:.2f} [{lo:.2f}, {hi:.2f}]",
             "x": list(widths), "y": means, "xlabel": "√m·κ", "ylabel": "max_k deviation",
             "logx": True, "logy": True, "reference": {"label": "(√m·κ)^-1", "x": list(widths), "y": ref},
             "extra": {"label": "activation flip fraction", "x": list(widths), "y": flips}}]
    details = dict(slope=slope, ci=[lo, hi], widths=list(widths), kappas=kappas, mean_deviation=means,
                   flip_fraction=flips, steps=K, eta=eta, lambda0=float(lam[0]))
    return [at_least(lo, accept[0], why="99.9% t-interval of the fitted log-log slope; accepted band "
                                         f"{accept}", diagnostics=diag, **details),
            at_most(hi, accept[1], why=f"99.9% t-interval of the fitted log-log slope; accepted band {accept}",
                    **details)]


#: Six seeds per width: with three, one run's large deviation could widen the 99.9% t-interval of
#: the slope to ±0.8 (calibration seed 10: slope −1.33, interval [−2.13, −0.53]); with six the
#: interval is about ±0.1 around −0.9…−1.0 on the instances measured.
THM41_SPACE = Space(X=SpherePoints(n=6, d=6, geometries=("gauss",)), kappa=Fixed(0.1),
                    widths=Fixed("4,8,16,32"), seeds=Fixed(6))

#: Theorem 4.1 from ũ(0) = 0: κ = 0.4, 0.2, 0.1, 0.05 at √m·κ = 4, 8, 16, 32 (m = 100 … 409600),
#: twelve seeds per width (see THM41_ACCEPT for what six gave)
THM41_ZERO_SPACE = THM41_SPACE.replace(kappa=Fixed(0.4), seeds=Fixed(12))

claim(
    id="arora2019.thm4.1.trajectory-deviation-scaling",
    threads=1,
    source=src("Theorem 4.1", SEC4, 200),
    statement=r"\|y-u(k)\|_2=\sqrt{\textstyle\sum_i(1-\eta\lambda_i)^{2k}(v_i^\top y)^2}\pm\epsilon,\ "
              r"\text{checked as }\max_k\big|\|y-u(k)\|-\|(I-\eta H^\infty)^k y\|\big|\propto(\sqrt m\,\kappa)^{-1}"
              r"\ (\kappa\propto(\sqrt m\,\kappa)^{-1})",
    kind=Kind.DYNAMICS,
    domain=THM41_ZERO_SPACE,
    predicate=trajectory_deviation_scaling,
    mutants=(Mutant("2π → π in H∞ (the power method on 2H∞)", params={"kernel_scale": 2.0}),
             Mutant("κ held at 1 along the sweep (the hypothesis κ = O(εδ/√n) dropped)",
                    params={"kappa_schedule": "fixed"},
                    domain=THM41_ZERO_SPACE.replace(kappa=Fixed(1.0)))),
    note="Compared from the theorem's ũ(0) = 0 (eq. (8) literally). The proof's error is "
         "O(√n·κ/δ + n^{7/2}/(√m·λ₀²·κ·δ²)): the first term is the ‖u(0)‖ ≈ κ√(n/2) floor, the second "
         "the width term (√m·κ)⁻¹. Shrinking κ like (√m·κ)⁻¹ along the sweep makes both terms fall at "
         "the rate −1, so the fitted exponent tests the whole error bound; with κ held at 1 the floor "
         "stays and the exponent is near 0 (the mutant). η = 1/λ_max, K = ⌈8/(ηλ₀)⌉.",
)


def distance_ratio(inst, *, context, quadratic="inverse"):
    """Lemma 5.3(ii) in the limit: ρ = ‖W(K) − W(0)‖_F / sqrt(yᵀ(H∞)⁻¹y) tends to 1 from above.

    Both error terms of the lemma must vanish, O(nκ/(λ₀δ)) and poly/(m^{1/4}κ^{1/2}), so the sweep
    moves along κ → 0 and √m·κ → ∞ together (κ halves while √m·κ doubles); at fixed κ the ratio
    stalls at a κ-dependent floor.

    Checks, on the seed-mean ρ over the width sweep: ρ is not below 1 at any width (from above;
    within 3 standard errors over the seeds, since one seed's ρ can dip below 1 at large width
    where H(0) ≠ H∞), and the seed-mean ρ − 1 shrinks over the sweep at least as fast as the
    lemma's error term (√m·κ)^{-1/2} (i.e. m^{-1/4}κ^{-1/2}): the widest width's ρ − 1 is at most
    the largest earlier ρ − 1 carried to that width at that rate. ``quadratic="forward"`` is the
    mutant sqrt(yᵀH∞y).
    """
    kappas = [float(v) for v in inst.kappas.split(",")]
    sweep = width_sweep(inst, context, sweep_widths(inst), kappas=kappas)
    if sweep is None:
        return precondition_failed("λ₀ too small: more than 400 steps to converge")
    H, lam, eta, K, y, runs = sweep
    q = float(y @ np.linalg.solve(H, y)) if quadratic == "inverse" else float(y @ H @ y)
    rhos = np.array([traj.distance[:, -1] / math.sqrt(q) for _, _, traj in runs])  # (widths, seeds)
    mean = rhos.mean(axis=1)
    se = rhos.std(axis=1, ddof=1) / math.sqrt(rhos.shape[1])
    gaps = mean - 1.0
    widths = sweep_widths(inst)
    below = int(np.argmin(gaps + 3 * se))
    # The lemma bounds ρ − 1 by C·(√m·κ)^{-1/2}; every earlier width gives a lower estimate of C.
    # (Comparing with the narrowest width alone failed when its seed-mean ρ dipped below 1,
    # calibration seed 15: ρ = 0.992, 1.024, 1.064, 1.015.)
    envelope = max(float(g) * (w / widths[-1]) ** 0.5 for g, w in zip(gaps[:-1], widths[:-1]))
    diag = [{"name": "lem5.3-ratio", "title": "Lemma 5.3: ρ − 1, κ halving as √m·κ doubles; ρ = "
                                              + ", ".join(f"{r:.3f}" for r in mean),
             "x": widths, "y": gaps.tolist(), "xlabel": "√m·κ",
             "ylabel": "ρ − 1, ρ = ‖W−W(0)‖_F / sqrt(yᵀH∞⁻¹y)",
             "logx": True, "logy": bool(np.all(gaps > 0)),
             "reference": {"label": "(√m·κ)^-1/2 (the lemma's rate)", "x": widths,
                           "y": [gaps[0] * (widths[0] / w) ** 0.5 for w in widths]},
             "extra": None}]
    return [greater_than(float(mean[below]), 1.0, tol=-3 * float(se[below]),
                         why="seed-mean ratio against 1, within 3 standard errors over seeds",
                         rho=mean.tolist(), rho_by_seed=rhos.tolist(), widths=widths, diagnostics=diag),
            at_most(float(gaps[-1]), envelope,
                    why="ρ − 1 at the widest width against the largest earlier ρ − 1 carried to that "
                        "width at the lemma's rate (√m·κ)^{-1/2} (exact comparison)", rho=mean.tolist())]


claim(
    id="arora2019.lem5.3.distance-ratio-limit",
    threads=1,
    source=src("Lemma 5.3", "5.1 Proof Sketch of Theorem 5.1", 263),
    statement=r"\|W(k)-W(0)\|_F\le\sqrt{y^\top(H^\infty)^{-1}y}+O\Big(\frac{n\kappa}{\lambda_0\delta}\Big)"
              r"+\frac{\mathrm{poly}(n,\lambda_0^{-1},\delta^{-1})}{m^{1/4}\kappa^{1/2}}",
    kind=Kind.DYNAMICS,
    domain=Space(X=SpherePoints(n=8, d=8, geometries=("gauss",)), kappas=Fixed("0.4,0.2,0.1,0.05"),
                 widths=Fixed("2,4,8,16"), seeds=Fixed(3)),
    predicate=distance_ratio,
    mutants=(Mutant("(H∞)⁻¹ → H∞ in the leading term", params={"quadratic": "forward"}),),
    note="Per seed the ratio can dip below 1 at large width (H(0) ≠ H∞); the seed mean approaches 1 "
         "from above. On average a bare ‖W − W(0)‖_F <= sqrt(yᵀH∞⁻¹y) fails at every width we ran.",
)


def per_neuron_movement(inst, *, context, width_power=0.5):
    """Lemma C.1's chain on a GD run: max_r ‖w_r(k) − w_r(0)‖ <= η·sqrt(n)/m^{width_power}·Σ_{t<k}‖y − u(t)‖
    (deterministic, from ‖∂Φ/∂w_r‖ <= sqrt(n/m)‖u − y‖ for unit x_i), and <= 4√n‖y − u(0)‖/(√m λ₀)
    on runs where Theorem 3.1's contraction held. Tolerance 1e-12 relative."""
    X = inst.X
    n, d = X.shape
    setup = training_setup(inst, horizon=6.0)
    if setup is None:
        return precondition_failed("λ₀ too small: more than 400 steps to converge")
    H, lam, eta, K = setup
    m = inst.m
    y = sign_labels(inst, n)
    init = two_layer_gd.init_weights(m, d, inst.kappa, torch_seeds(inst, 2), device=context.device)
    traj = two_layer_gd.train(X, y, init, eta, K)
    out = []
    for s in range(2):
        csum = np.concatenate([[0.0], np.cumsum(traj.residual[s][:-1])])
        chain = eta * math.sqrt(n) / m**width_power * csum[traj.steps]
        worst = int(np.argmax(traj.max_move[s] - chain))
        out.append(at_most(float(traj.max_move[s][worst]), float(chain[worst]),
                           tol=1e-12 * max(1.0, float(chain[worst])), why="1e-12 relative (float64 GD)"))
        phi = traj.loss[s]
        if np.all(phi[1:] <= (1 - eta * lam[0] / 2) * phi[:-1] + 1e-30):
            c1 = 4 * math.sqrt(n) * traj.residual[s][0] / (math.sqrt(m) * lam[0])
            out.append(at_most(float(traj.max_move[s].max()), c1, why="exact comparison",
                               lemma_c1_bound=c1))
    return out


claim(
    id="arora2019.lemC.1.per-neuron-movement",
    threads=1,
    source=src("Lemma C.1", APPC, 484),
    statement=r"\|w_r(k)-w_r(0)\|_2\le\eta\sqrt{\tfrac nm}\sum_{t<k}\|y-u(t)\|_2\le\frac{4\sqrt n\|y-u(0)\|_2}{\sqrt m\lambda_0}",
    kind=Kind.DYNAMICS,
    domain=Space(X=LAZY_POINTS, kappa=Choice(0.1, 1.0), m=Choice(100, 1000, 4000)),
    predicate=per_neuron_movement,
    mutants=(Mutant("1/√m → 1/m in the per-step bound", params={"width_power": 1.0}),),
)


# ---------------------------------------------------------------------------------------------
# Figures 1 and 2 on scikit-learn's bundled digits (two classes, rows on the unit sphere).
# ---------------------------------------------------------------------------------------------

DIGIT_PAIRS = {"0v1": (0, 1), "3v5": (3, 5), "4v9": (4, 9)}


def digit_data_for(inst, size=None):
    """(X, y) for the instance's digit pair, optionally a class-balanced random subset of ``size``."""
    X, y = digit_data.two_class_digits(*DIGIT_PAIRS[inst.pair])
    if size is not None and size < len(y):
        rng = inst.rng("subset")
        pos, neg = np.flatnonzero(y > 0), np.flatnonzero(y < 0)
        keep = np.concatenate([rng.choice(pos, size // 2, replace=False),
                               rng.choice(neg, size - size // 2, replace=False)])
        X, y = X[keep], y[keep]
    return X, y


def figure1b_alignment(inst, *, context, shuffle=False, top=10):
    """Figure 1(b): the share of ‖y‖² on H∞'s top-10 eigenvectors, true labels vs random labels.

    Must show: >= 0.8 for the true labels and <= 0.1 for random labels (catalogue: 0.969 vs 0.021
    on 0v1). ``shuffle`` (mutant): the true labels randomly permuted, which destroys the alignment.
    """
    X, y = digit_data_for(inst)
    if shuffle:
        y = inst.rng("shuffle").permutation(y)
    H = kernels.hinf(X)
    spec = linear_dynamics.spectrum(H)
    rand = digit_data.random_signs(len(y), inst.rng("random"))
    e_true = linear_dynamics.top_energy_fraction(H, y, top)
    e_rand = linear_dynamics.top_energy_fraction(H, rand, top)
    idx = list(range(1, len(y) + 1))
    diag = [{"name": "fig1b-projections", "title": f"Figure 1(b), digits {inst.pair}: |v_iᵀy| by eigen-index; top-10 "
                                                    f"energy {e_true:.3f} (true) vs {e_rand:.3f} (random)",
             "x": idx, "y": np.abs(spec.vectors.T @ y).tolist(), "xlabel": "eigenvector i (λ descending)",
             "ylabel": "|v_iᵀy|", "logx": True, "logy": True,
             "reference": {"label": "random labels", "x": idx, "y": np.abs(spec.vectors.T @ rand).tolist()},
             "extra": {"label": "eigenvalue λ_i", "x": idx, "y": np.maximum(spec.values, 1e-300).tolist()}}]
    why = "exact comparison of an energy share with the figure's threshold"
    return [at_least(e_true, 0.8, why=why, diagnostics=diag, top10_true=e_true, top10_random=e_rand,
                     lambda_max=float(spec.values[0]), lambda_min=float(spec.values[-1]), n=len(y)),
            at_most(e_rand, 0.1, why=why, top10_random=e_rand)]


claim(
    id="arora2019.fig1b.eigen-alignment-digits",
    threads=1,
    source=src("Figure 1(b)", SEC4, 190),
    statement=r"\text{true labels put their energy on the top eigenvectors of }H^\infty\text{, random labels spread out: }"
              r"\sum_{i\le10}(v_i^\top y)^2/\|y\|^2\ge0.8\text{ (true)},\ \le0.1\text{ (random)}",
    kind=Kind.EXPERIMENT,
    domain=Space(pair=Choice(*DIGIT_PAIRS), seed=Seed()),
    predicate=figure1b_alignment,
    mutants=(Mutant("true labels shuffled", params={"shuffle": True}),),
    note="sklearn digits stand in for MNIST; the thresholds 0.8/0.1 are the catalogue's reading of the figure.",
)


def figure1a_convergence(inst, *, context, worst="bottom"):
    """Figure 1(a): GD loss for true, random and worst-case labels (worst = the eigenvector of λ_min,
    rescaled to ‖y‖ = √n so the curves are comparable, catalogue S10), one batched run of 3 label
    vectors. Must show: Φ_true(K) <= 0.1·Φ_random(K) and Φ_random(K) < Φ_worst(K), and the linear
    prediction of eq. (8) orders them the same way; and ‖W(K) − W(0)‖_F is larger for random than
    for true labels (the distance plot stands in for the paper's Section 5 discussion of Figure 1;
    Figure 1(c),(d) are the CIFAR panels, which have no stand-in here). ``worst="top"`` (mutant) uses the eigenvector of
    λ_max instead, which GD fits fastest.
    """
    X, y = digit_data_for(inst, inst.size)
    n, d = X.shape
    H = kernels.hinf(X)
    spec = linear_dynamics.spectrum(H)
    v = spec.vectors[:, -1] if worst == "bottom" else spec.vectors[:, 0]
    labels = np.stack([y, digit_data.random_signs(n, inst.rng("random")), math.sqrt(n) * v])
    eta = 1.0 / float(spec.values[0])
    K = inst.steps
    init = two_layer_gd.init_weights(inst.m, d, inst.kappa, torch_seeds(inst, 1) * 3, device=context.device)
    traj = two_layer_gd.train(X, labels, init, eta, K, per_decade=10)
    names = ["true", "random", "worst"]
    final = traj.loss[:, -1] / n
    ks = traj.steps
    predicted = [0.5 * linear_dynamics.power_method_residuals(H, labels[i], eta, [K])[0] ** 2 / n for i in range(3)]
    curves = [(traj.loss[i, ks] / n).tolist() for i in range(3)]
    preds = [(0.5 * linear_dynamics.power_method_residuals(H, labels[i], eta, ks) ** 2 / n).tolist()
             for i in range(3)]
    regime_text = (f"√m·κ = {math.sqrt(inst.m) * inst.kappa:.3g}, final flip fraction "
                   + "/".join(f"{f:.2f}" for f in traj.flips[:, -1]) + " (true/random/worst)")
    x = ks.tolist()
    diag = [{"name": "fig1a-measured", "title": f"Figure 1(a), digits {inst.pair}, n={n}, m={inst.m}: "
                                                 f"GD loss/n; {regime_text}",
             "x": x, "y": curves[0], "xlabel": "GD step k", "ylabel": "Φ(W(k))/n", "logx": False, "logy": True,
             "reference": {"label": "random labels", "x": x, "y": curves[1]},
             "extra": {"label": "worst-case labels (λ_min eigenvector, ‖y‖ = √n)", "x": x, "y": curves[2]}},
            {"name": "fig1a-predicted", "title": "Figure 1(a): the power method (8) for the same labels",
             "x": x, "y": preds[0], "xlabel": "GD step k", "ylabel": "½‖(I−ηH∞)^k y‖²/n", "logx": False,
             "logy": True, "reference": {"label": "random labels", "x": x, "y": preds[1]},
             "extra": {"label": "worst-case labels", "x": x, "y": preds[2]}}]
    roots = [math.sqrt(float(labels[i] @ np.linalg.solve(H, labels[i]))) for i in range(3)]
    diag.append({"name": "fig1cd-distance", "title": "Distance from initialisation ‖W(k) − W(0)‖_F (Lemma 5.3): "
                                                     "true / random / worst labels; sqrt(yᵀH∞⁻¹y) = "
                                                     + " / ".join(f"{r:.3g}" for r in roots),
                 "x": x, "y": traj.distance[0].tolist(), "xlabel": "GD step k", "ylabel": "‖W(k) − W(0)‖_F",
                 "logx": False, "logy": False,
                 "reference": {"label": "random labels", "x": x, "y": traj.distance[1].tolist()},
                 "extra": {"label": "worst-case labels", "x": x, "y": traj.distance[2].tolist()}})
    regime = dict(sqrt_m_kappa=math.sqrt(inst.m) * inst.kappa, flip_fraction=traj.flips[:, -1].tolist(),
                  dist_over_w0=(traj.distance[:, -1] / traj.w0_norm).tolist(),
                  loss_over_n=dict(zip(names, final.tolist())),
                  predicted_loss_over_n=dict(zip(names, predicted)), n=n, m=inst.m, steps=K, eta=eta)
    why = "exact comparison of final losses (the figure's ordering)"
    return [at_most(final[0], 0.1 * final[1], why=why, diagnostics=diag, **regime),
            greater_than(final[2], final[1], why=why, **regime),
            greater_than(predicted[2], predicted[1], why="eq. (8) prediction, exact comparison"),
            at_most(predicted[0], 0.1 * predicted[1], why="eq. (8) prediction, exact comparison"),
            greater_than(float(traj.distance[1, -1]), float(traj.distance[0, -1]),
                         why="random labels move W further than true labels (exact comparison)",
                         sqrt_yHinvy=roots)]


FIG1A_MUTANTS = (Mutant("worst-case labels replaced by the top eigenvector", params={"worst": "top"}),)

claim(
    id="arora2019.fig1a.convergence-by-labels-digits",
    threads=1,
    source=src("Figure 1(a)", SEC4, 190),
    statement=r"\text{GD on true labels converges fastest, random labels slowly, worst-case labels "
              r"(eigenvector of }\lambda_{\min})\text{ slowest}",
    kind=Kind.EXPERIMENT,
    domain=Space(pair=Fixed("0v1"), size=Fixed(120), m=Fixed(500), kappa=Fixed(0.1), steps=Fixed(150),
                 seed=Seed()),
    predicate=figure1a_convergence,
    mutants=FIG1A_MUTANTS,
    note="Quick version: 120 digits (0 vs 1), m = 500, κ = 0.1, η = 1/λ_max(H∞), 150 steps. The "
         "regime diagnostics (√m·κ, flip fraction, ‖W−W0‖/‖W0‖) are in the evidence: the run is not "
         "lazy, so only the ordering is claimed (catalogue S8).",
)

claim(
    id="arora2019.fig1a.convergence-by-labels-digits-standard",
    threads=1,
    source=src("Figure 1(a)", SEC4, 190),
    statement=r"\text{as above, all 360 digits 0 vs 1, } m=1000,\ \kappa=0.1,\ 500\text{ steps}",
    kind=Kind.EXPERIMENT,
    tier=Tier.STANDARD,
    domain=Space(pair=Fixed("0v1"), size=Fixed(360), m=Fixed(1000), kappa=Fixed(0.1), steps=Fixed(500),
                 seed=Seed()),
    predicate=figure1a_convergence,
    mutants=FIG1A_MUTANTS,
)


def figure2_complexity(inst, *, context, quadratic="inverse", levels=(0.0, 0.25, 0.5, 0.75, 1.0)):
    """Figure 2 (kernel level): the complexity sqrt(2yᵀ(H∞)⁻¹y/n) and the test error of the lazy
    limit f = H∞(x, X)(H∞)⁻¹y, against the fraction of random labels (train and test corrupted,
    Appendix A). Must show: C strictly increasing in the fraction (means over repetitions), test
    0-1 error with Spearman >= 0.9 against the fraction, C(1) >= 3·C(0), clipped ℓ1 >= 0-1 error.
    ``quadratic="forward"`` (mutant) uses sqrt(2yᵀH∞y/n).
    """
    from scipy import stats
    X_all, y_all = digit_data_for(inst)
    rng = inst.rng("split")
    Xtr, ytr, Xte, yte = digit_data.split(X_all, y_all, 0.2, rng)
    ntr = len(ytr)
    H_all = kernels.hinf(np.vstack([Xtr, Xte]))
    H, C_cross = H_all[:ntr, :ntr], H_all[ntr:, :ntr]
    comps, errs, l1s = [], [], []
    for q in levels:
        c_q, e_q, l_q = [], [], []
        for r in range(inst.repeats):
            g = inst.rng(f"corrupt-{q}-{r}")
            yq, yq_te = digit_data.corrupt_labels(ytr, q, g), digit_data.corrupt_labels(yte, q, g)
            if quadratic == "inverse":
                c_q.append(linear_dynamics.complexity_measure(H, yq))
            else:
                c_q.append(math.sqrt(2 * float(yq @ H @ yq) / ntr))
            f = linear_dynamics.kernel_predictor(H, C_cross, yq)
            e_q.append(float(np.mean(np.sign(f) != yq_te)))
            l_q.append(float(np.mean(np.minimum(1.0, np.abs(f - yq_te)))))
        comps.append(float(np.mean(c_q)))
        errs.append(float(np.mean(e_q)))
        l1s.append(float(np.mean(l_q)))
    levels = list(levels)
    diag = [{"name": "fig2-complexity", "title": f"Figure 2, digits {inst.pair} (lazy limit, n={ntr}): complexity "
                                                  f"{comps[0]:.2f} → {comps[-1]:.2f}, test error {errs[0]:.3f} → {errs[-1]:.3f}",
             "x": levels, "y": comps, "xlabel": "fraction of random labels", "ylabel": "sqrt(2yᵀH∞⁻¹y/n)",
             "logx": False, "logy": False,
             "reference": {"label": "test clipped ℓ1 (lazy limit)", "x": levels, "y": l1s},
             "extra": {"label": "test 0-1 error (lazy limit)", "x": levels, "y": errs}}]
    steps_up = min(b - a for a, b in zip(comps, comps[1:]))
    rho = float(stats.spearmanr(levels, errs).statistic)
    info = dict(complexity=comps, test_error=errs, test_l1_clipped=l1s, n_train=ntr, n_test=len(yte))
    why = "exact comparison of averaged measured values"
    return [greater_than(steps_up, 0.0, why=why + " (smallest increase of C between levels)",
                         diagnostics=diag, **info),
            at_least(rho, 0.9, tol=16 * EPS,
                     why="Spearman rank correlation of test error with the noise level (one adjacent "
                         "swap of 5 levels gives exactly 0.9, computed as 0.9 − 1 ulp: 16 ulp allowed)"),
            at_least(comps[-1], 3 * comps[0], why=why),
            at_least(min(a - b for a, b in zip(l1s, errs)), 0.0, why=why + " (clipped ℓ1 minus 0-1 error)")]


claim(
    id="arora2019.fig2.complexity-vs-label-noise-digits",
    threads=1,
    source=src("Figure 2 (and eq. (10))", SEC5, 270),
    statement=r"\sqrt{2y^\top(H^\infty)^{-1}y/n}\ \text{and the test error both increase with the portion of random labels}",
    kind=Kind.EXPERIMENT,
    domain=Space(pair=Choice(*DIGIT_PAIRS), repeats=Fixed(10), seed=Seed()),
    predicate=figure2_complexity,
    mutants=(Mutant("(H∞)⁻¹ → H∞ in the complexity", params={"quadratic": "forward"}),),
    note="Kernel level: the network trained to convergence in the lazy regime is the kernel predictor "
         "H∞(x, X)(H∞)⁻¹y; the trained-network version is arora2019.fig2.trained-network-digits. The "
         "measure is > 1 (vacuous as a bound) at every noise level > 0: the figure claims the trend.",
)


claim(
    id="arora2019.thm4.1.trajectory-deviation-scaling-standard",
    threads=1,
    source=src("Theorem 4.1", SEC4, 200),
    statement=r"\max_k\big|\|y-u(k)\|-\|(I-\eta H^\infty)^k(y-u(0))\|\big|\propto(\sqrt m\,\kappa)^{-1}"
              r"\quad(n=d=10,\ \sqrt m\kappa\in\{4,\dots,64\})",
    kind=Kind.DYNAMICS,
    tier=Tier.STANDARD,
    domain=Space(X=SpherePoints(n=10, d=10, geometries=("gauss",)), kappa=Fixed(0.1),
                 widths=Fixed("4,8,16,32,64"), seeds=Fixed(3)),
    predicate=trajectory_deviation_scaling,
    params={"accept": (-1.4, -0.6), "start": "u0", "kappa_schedule": "fixed"},
    mutants=(Mutant("2π → π in H∞ (the power method on 2H∞)", params={"kernel_scale": 2.0}),),
    note="The standard tier keeps κ = 0.1 and compares from u(0) (the linear model from the same "
         "start), which removes the theorem's κ√n floor: coupling κ to the width up to √m·κ = 64 "
         "would need m ≈ 2.6·10⁷. The quick claim compares from ũ(0) = 0.",
)


def kernel_drift_scaling(inst, *, context, accept=THM41_ACCEPT):
    """Lemma C.2: max drift ‖H(K) − H(0)‖_F of the finite-width Gram matrix decays like
    (√m·κ)^{-1} (the lemma's O(n³/(√m·λ₀·κ·δ^{3/2}))); fitted slope over seeds and widths with a
    99.9% t-interval inside ``accept``. The mutant claims the rate (√m·κ)^{-2} (i.e. 1/m at fixed κ).
    """
    sweep = width_sweep(inst, context, sweep_widths(inst), keep_weights=True)
    if sweep is None:
        return precondition_failed("λ₀ too small: more than 400 steps to converge")
    H, lam, eta, K, y, runs = sweep
    xs, drifts, means = [], [], []
    for w, m, traj in runs:
        d = np.linalg.norm(two_layer_gd.gram_at(traj.W_final, inst.X) - two_layer_gd.gram_at(traj.W0, inst.X),
                           axis=(1, 2))
        xs += [w] * len(d)
        drifts += d.tolist()
        means.append(float(d.mean()))
    slope, lo, hi, _ = loglog_slope(xs, drifts)
    widths = sweep_widths(inst)
    diag = [{"name": "lemC.2-drift", "title": f"Lemma C.2: ‖H(K) − H(0)‖_F vs √m·κ; fitted exponent {slope:.2f} "
                                               f"[{lo:.2f}, {hi:.2f}]", "x": widths, "y": means,
             "xlabel": "√m·κ", "ylabel": "‖H(K) − H(0)‖_F", "logx": True, "logy": True,
             "reference": {"label": "(√m·κ)^-1", "x": widths, "y": [means[0] * widths[0] / w for w in widths]},
             "extra": None}]
    why = f"99.9% t-interval of the fitted log-log slope; accepted band {accept}"
    return [at_least(lo, accept[0], why=why, diagnostics=diag, slope=slope, ci=[lo, hi], drift=means),
            at_most(hi, accept[1], why=why, slope=slope, ci=[lo, hi])]


claim(
    id="arora2019.lemC.2.kernel-drift-scaling",
    threads=1,
    source=src("Lemma C.2", APPC, 508),
    statement=r"\|H(k)-H(0)\|_F=O\Big(\frac{n^3}{\sqrt m\,\lambda_0\kappa\delta^{3/2}}\Big)\ \forall k,"
              r"\ \text{checked as }\|H(K)-H(0)\|_F\propto(\sqrt m\,\kappa)^{-1}",
    kind=Kind.DYNAMICS,
    tier=Tier.STANDARD,
    domain=THM41_SPACE,
    predicate=kernel_drift_scaling,
    mutants=(Mutant("rate (√m·κ)^{-2} (1/m instead of 1/√m)", params={"accept": (-2.6, -1.4)}),),
    note="The proof's Markov step has a gap (catalogue S3: (2/m)δ for 2δ, and 'for all k' from a fixed-k "
         "Markov bound); the statement's rate is what is checked. Standard tier only for its cost "
         "(~10 s of CPU with its mutant, the same sweep as the quick Theorem 4.1 claim).",
)


def figure2_trained(inst, *, context, quadratic="inverse"):
    """Figure 2 with trained networks: one batched GD run on digits 0 vs 1 for the label-noise
    levels 0, ½, 1 (train and test corrupted), m = inst.m, κ = inst.kappa, η = 1/λ_max(H∞).
    Must show: the complexity and the trained net's test 0-1 error both strictly increase with the
    noise level. The theory's regime diagnostics (√m·κ, flip fraction, final training loss) are
    reported beside them. ``quadratic="forward"`` (mutant) uses sqrt(2yᵀH∞y/n).
    """
    X_all, y_all = digit_data_for(inst)
    Xtr, ytr, Xte, yte = digit_data.split(X_all, y_all, 0.2, inst.rng("split"))
    return figure2_with_training(inst, Xtr, ytr, Xte, yte, (0.0, 0.5, 1.0), device=context.device,
                                 quadratic=quadratic, title=f"digits 0v1, m={inst.m}")


def figure2_with_training(inst, Xtr, ytr, Xte, yte, levels, *, device, quadratic="inverse", title=""):
    """Figure 2's two curves on given data: for each fraction q of random labels (train and test
    corrupted alike) the complexity sqrt(2yᵀ(H∞)⁻¹y/n) and the test 0-1 error of a net trained by GD
    (one batched run, the same init for every level, η = 1/λ_max(H∞)). Both must increase strictly
    with q; √m·κ, the flip fraction and the final training loss are reported beside them."""
    import torch
    n = len(ytr)
    H = kernels.hinf(Xtr)
    g = inst.rng("corrupt")
    Ytr = np.stack([digit_data.corrupt_labels(ytr, q, g) for q in levels])
    Yte = np.stack([digit_data.corrupt_labels(yte, q, g) for q in levels])
    if quadratic == "inverse":
        comps = [linear_dynamics.complexity_measure(H, v) for v in Ytr]
    else:
        comps = [math.sqrt(2 * float(v @ H @ v) / n) for v in Ytr]
    lam_max = float(torch.linalg.eigvalsh(torch.as_tensor(H, device=device))[-1])
    init = two_layer_gd.init_weights(inst.m, Xtr.shape[1], inst.kappa, torch_seeds(inst, 1) * len(levels),
                                     device=device)
    traj = two_layer_gd.train(Xtr, Ytr, init, 1.0 / lam_max, inst.steps, keep_weights=True)
    f = two_layer_gd.outputs(traj.W_final, traj.a, torch.as_tensor(Xte, device=traj.W_final.device)
                             .to(traj.W_final.dtype)).double().cpu().numpy()
    err = [float(np.mean(np.sign(f[i]) != Yte[i])) for i in range(len(levels))]
    l1 = [float(np.mean(np.minimum(1.0, np.abs(f[i] - Yte[i])))) for i in range(len(levels))]
    flips = traj.flips[:, -1].tolist()
    info = dict(levels=list(levels), complexity=comps, test_error=err, test_l1_clipped=l1,
                sqrt_m_kappa=math.sqrt(inst.m) * inst.kappa, flip_fraction=flips,
                train_loss_over_n=(traj.loss[:, -1] / n).tolist(), steps=inst.steps, m=inst.m, n=n)
    diag = [{"name": "fig2-trained", "title": f"Figure 2, trained nets ({title}): √m·κ = "
                                               f"{math.sqrt(inst.m) * inst.kappa:.3g}, flip fraction "
                                               + "/".join(f"{v:.2f}" for v in flips),
             "x": list(levels), "y": comps, "xlabel": "fraction of random labels", "ylabel": "sqrt(2yᵀH∞⁻¹y/n)",
             "logx": False, "logy": False,
             "reference": {"label": "test 0-1 error (trained net)", "x": list(levels), "y": err},
             "extra": {"label": "activation flip fraction", "x": list(levels), "y": flips}}]
    why = "exact comparison of measured values"
    return [greater_than(float(np.min(np.diff(comps))), 0.0, why=why, diagnostics=diag, **info),
            greater_than(float(np.min(np.diff(err))), 0.0, why=why, **info)]


claim(
    id="arora2019.fig2.trained-network-digits",
    threads=1,
    source=src("Figure 2", SEC5, 270),
    statement=r"\text{trained two-layer nets: the complexity }\sqrt{2y^\top(H^\infty)^{-1}y/n}\text{ and the test "
              r"error increase together with the portion of random labels}",
    kind=Kind.EXPERIMENT,
    tier=Tier.STANDARD,
    domain=Space(pair=Fixed("0v1"), m=Fixed(1000), kappa=Fixed(0.1), steps=Fixed(300), seed=Seed()),
    predicate=figure2_trained,
    mutants=(Mutant("(H∞)⁻¹ → H∞ in the complexity", params={"quadratic": "forward"}),),
)


# ---------------------------------------------------------------------------------------------
# Lemma 5.4 (l.282–290, proof Appendix D.2 l.769–837): the Rademacher complexity of F_{R,B}, from
# below by an explicit witness, and the exact sign-vector average its proof uses.
# ---------------------------------------------------------------------------------------------

#: each instance redraws the initialisation up to this many times; a violation counts only if it
#: persists on every draw (see lemma54_witness)
LEMMA54_DRAWS = 8
#: one-sided level of the Monte-Carlo z-test of one draw (only when ε is sampled, n > 12)
LEMMA54_Z_ALPHA = 1e-3
#: all 2ⁿ sign vectors are used up to this n (the witness estimate is then exact)
LEMMA54_ENUMERATE = 12


def lemma54_witness(inst, *, delta=0.1, first_constant=1 / math.sqrt(2), draws=LEMMA54_DRAWS,
                    sampled=256):
    """Lemma 5.4: LB <= (B/√(2n))(1 + (2log(2/δ)/m)^{1/4}) + 2R²√m/κ + R√(2log(2/δ)).

    LB = (1/n) E_ε εᵀ(f_{W_ε} − f_{W(0)})(X) <= R_S(F_{R,B}), W_ε = W(0) + t_ε B Z(0)ε/‖Z(0)ε‖ with
    t_ε <= 1 the largest step keeping every row within R (theory.rademacher.witness_gains): each W_ε
    lies in F_{R,B} and E_ε εᵀf_{W(0)}(X) = 0, so LB is a lower bound on the complexity.

    R is fixed before the draw, as the lemma's "given R > 0" requires: R = ρ·B/√m with ρ from the
    instance (the witness's rows move by ≈ 1.6–2.0·B/√m; a smaller ρ truncates the step).

    ε: for n <= 12 all 2ⁿ sign vectors (LB exact); otherwise ``sampled`` of them, with the exact
    average of the linear part B‖Z(0)ε‖ (all 2ⁿ ε, theory.rademacher.sqrt_quadratic_form_mean) as
    control variate, so only the flip part is estimated; the draw violates when LB − z·SE > bound,
    z one-sided at LEMMA54_Z_ALPHA.

    One initialisation: the lemma allows the bound to fail with probability δ over (W(0), a). An
    instance therefore counts a violation only if it persists: the initialisation is redrawn
    (independently, with fresh ε) up to ``draws`` times and the instance is refuted only if every
    draw violates; under the lemma that happens with probability <= (δ + α_z)^draws ≈ 1.1e-8
    (δ = 0.1, 8 draws), i.e. <= 2.2e-5 over the 2000 instances of a thorough run, inside the
    claim's false_alarm of 1e-4. A correct bound costs one draw per instance.
    """
    from scipy import stats
    X = inst.X
    n, d = X.shape
    m, kappa, B = inst.m, inst.kappa, inst.B
    R = inst.rho * B / math.sqrt(m)
    bound = rademacher.lemma54_bound(n, m, B, R, kappa, delta, first_constant=first_constant)
    exact = n <= LEMMA54_ENUMERATE
    z = 0.0 if exact else float(stats.norm.isf(LEMMA54_Z_ALPHA))
    violations = []
    for j in range(draws):
        rng = inst.rng(f"init-{j}")
        W0 = kappa * rng.standard_normal((m, d))
        a = rng.choice([-1.0, 1.0], size=m)
        eps = (rademacher.sign_vectors(n) if exact
               else inst.rng(f"eps-{j}").choice([-1.0, 1.0], size=(sampled, n)))
        w = rademacher.witness_gains(W0, a, X, eps, B, R)
        if exact:
            lb, se = float(w.gains.mean()) / n, 0.0
        else:
            resid = w.gains - B * w.norms
            lb = (B * rademacher.sqrt_quadratic_form_mean(w.gram) + float(resid.mean())) / n
            se = float(resid.std(ddof=1)) / math.sqrt(len(resid)) / n
        # rounding: sums over m rows of n-term products and over k sign vectors (float64)
        rounding = 8 * (m + len(eps)) * n * EPS * max(abs(lb), bound)
        log_term = 2 * math.log(2 / delta)
        ev = at_most(
            lb, bound, tol=z * se + rounding,
            why=("exact average over all 2^n sign vectors" if exact else
                 f"z = {z:.2f} (one-sided {LEMMA54_Z_ALPHA:g}) × SE over {sampled} sampled ε, control "
                 "variate E_ε B‖Z(0)ε‖ exact")
                + f"; + float64 rounding; a violation counts only if it persists over {draws} "
                  f"independent initialisations (P <= (δ + α)^{draws} under the lemma)",
            draw=j, violations_before=len(violations), R=R, rho=inst.rho, se=se,
            first_term=first_constant * B / math.sqrt(n) * (1 + (log_term / m) ** 0.25),
            quadratic_term=2 * R * R * math.sqrt(m) / kappa, linear_term=R * math.sqrt(log_term),
            max_row_movement=float(w.movement.max()), truncated_fraction=float(np.mean(w.steps < 1)),
            flip_part=float(w.flips.mean()) / n, frobenius_sq=w.frobenius_sq,
            near_boundary=w.near_boundary, sign_vectors=len(eps), exact_average=exact)
        if ev.holds:
            return ev
        violations.append(lb - bound)
    ev.details["violations"] = violations
    return ev


def sign_average_frobenius(inst, *, form="second-moment", target="frobenius"):
    """E_ε‖Z(0)ε‖² = ‖Z(0)‖_F² over all 2ⁿ sign vectors (proof of Lemma 5.4, l.812–814).

    The left side is averaged over every ε ∈ {±1}ⁿ with Z(0) formed explicitly (eq. (6)), the
    right side is the sum of squares of its entries. Mutants: ``form="first-moment-squared"``
    takes the proof's Jensen step E‖Z(0)ε‖ <= (E‖Z(0)ε‖²)^{1/2} as an equality;
    ``target="half-n"`` replaces ‖Z(0)‖_F² by its mean n/2 (what the Hoeffding step centres on).
    Error model: each ‖Z(0)ε‖² sums md squares of n-term products and the average 2ⁿ terms,
    4(n + md + 2ⁿ)·eps relative.
    """
    X = inst.X
    n, d = X.shape
    rng = inst.rng("init")
    W = inst.kappa * rng.standard_normal((inst.m, d))
    a = rng.choice([-1.0, 1.0], size=inst.m)
    Z = z_matrix(W, a, X)
    sq = np.sum((Z @ rademacher.sign_vectors(n).T) ** 2, axis=0)
    lhs = float(sq.mean()) if form == "second-moment" else float(np.sqrt(sq).mean()) ** 2
    rhs = float(np.sum(Z * Z)) if target == "frobenius" else n / 2
    tol = 4 * (n + inst.m * d + 2**n) * EPS * max(lhs, rhs)
    return close(lhs, rhs, tol=tol, why="4(n + md + 2^n)·eps relative rounding of the sums",
                 frobenius_sq=float(np.sum(Z * Z)), half_n=n / 2)


LEM54_STATEMENT = (r"\Pr_{W(0),a}\Big[\forall B>0:\ \mathcal R_S(\mathcal F^{W(0),a}_{R,B})\le\frac{B}{\sqrt{2n}}"
                   r"\Big(1+\Big(\frac{2\log\frac2\delta}{m}\Big)^{1/4}\Big)+\frac{2R^2\sqrt m}{\kappa}"
                   r"+R\sqrt{2\log\frac2\delta}\Big]\ge1-\delta,\quad\mathcal R_S\ge\frac1n\mathbb E_\varepsilon"
                   r"\,\varepsilon^\top(f_{W_\varepsilon}-f_{W(0)})(X),\ W_\varepsilon=W(0)+t_\varepsilon B"
                   r"\frac{Z(0)\varepsilon}{\|Z(0)\varepsilon\|}\in\mathcal F_{R,B},\ \delta=0.1")

LEM54_FIRST_TERM_MUTANT = Mutant(
    "B/√(2n) → B/(2√n) in the first term", params={"first_constant": 0.5},
    why="the witness reaches ≈ 0.99·B/√(2n) (E‖Z(0)ε‖ ≈ ‖Z(0)‖_F ≈ √(n/2)), above B/(2√n) plus the "
        "other terms once m ≳ 4·10⁴ and B/κ ≲ 0.3")

LEM54_NOTE = ("The witness's lower bound sits within 1–2 % of the first term B/√(2n) (the Jensen gap "
              "E‖Z(0)ε‖ < ‖Z(0)‖_F), so only that term is tested: mutants that drop or shrink the "
              "(1 + (2log(2/δ)/m)^{1/4}) factor, the 2R²√m/κ term or the R√(2log(2/δ)) term all survive "
              "(a witness exploiting activation flips loses, it does not gain: its flip part is negative), "
              "and none is shipped. R is fixed before the draw (ρ·B/√m), as the lemma's 'given R' "
              "requires, not taken as the max movement of the sampled witnesses (that R would not cover "
              "the unsampled ε); steps are truncated to stay within R. One draw can fail with "
              "probability δ = 0.1: a violation counts only if it persists over 8 independent "
              "initialisations (see the predicate).")

claim(
    id="arora2019.lem5.4.rademacher-witness",
    threads=1,
    source=src("Lemma 5.4 (proof: Appendix D.2)", "5.1 Proof Sketch of Theorem 5.1", 282),
    statement=LEM54_STATEMENT,
    kind=Kind.INEQUALITY,
    stochastic=True,
    domain=Space(X=SpherePoints(n=(3, 6), d=(3, 8), geometries=("gauss", "clustered")),
                 m=Choice(10000, 30000), kappa=Real(0.5, 4.0, log=True), B=Real(0.02, 1.0, log=True),
                 rho=Real(1.0, 3.0)),
    predicate=lemma54_witness,
    params={"delta": 0.1},
    mutants=(LEM54_FIRST_TERM_MUTANT,),
    note=LEM54_NOTE,
)

claim(
    id="arora2019.lem5.4.rademacher-witness-catalogue-setting",
    threads=1,
    source=src("Lemma 5.4 (proof: Appendix D.2)", "5.1 Proof Sketch of Theorem 5.1", 282),
    statement=LEM54_STATEMENT + r",\ n=20,\ d=10,\ \kappa=B=1,\ m=10^6,\ R=2.2/\sqrt m",
    kind=Kind.EXPERIMENT,
    tier=Tier.STANDARD,
    stochastic=True,
    domain=Space(X=SpherePoints(n=20, d=10, geometries=("gauss",)), m=Fixed(10**6), kappa=Fixed(1.0),
                 B=Fixed(1.0), rho=Fixed(2.2)),
    predicate=lemma54_witness,
    params={"delta": 0.1, "sampled": 256},
    mutants=(LEM54_FIRST_TERM_MUTANT,),
    note="The literal setting of the catalogue's §2.11/§6.4 table (R = 0.0022 as measured there), one "
         "draw ≈ 5 s; run per seed like an experiment because a Hypothesis search of 300 such instances "
         "would take half an hour. 256 sampled ε with the exact linear part as control variate: "
         "SE ≈ 1e-7 (the catalogue's plain average had ±0.008). " + LEM54_NOTE,
)

claim(
    id="arora2019.lem5.4.sign-average-frobenius",
    threads=1,
    source=src("Proof of Lemma 5.4 (E‖Z(0)ε‖² = ‖Z(0)‖_F²)", APPD, 813),
    statement=r"\mathbb E_{\varepsilon\in\{\pm1\}^n}\|Z(0)\varepsilon\|_2^2=\|Z(0)\|_F^2",
    kind=Kind.IDENTITY,
    domain=Space(X=SpherePoints(n=(1, 12), d=(2, 8), geometries=("gauss", "clustered")),
                 m=Int(1, 100), kappa=Real(0.1, 10.0, log=True)),
    predicate=sign_average_frobenius,
    mutants=(Mutant("Jensen step as equality: (E‖Z(0)ε‖)² = ‖Z(0)‖_F²",
                    params={"form": "first-moment-squared"}),
             Mutant("‖Z(0)‖_F² replaced by its mean n/2", params={"target": "half-n"})),
)


# ---------------------------------------------------------------------------------------------
# Paper scale (Appendix A: n = 10⁴ training points, m = 10⁴, κ = 10⁻²), gpu tier.
# ---------------------------------------------------------------------------------------------

def mnist_sized_data(n: int, d: int, rng: np.random.Generator):
    """A two-class, MNIST-sized stand-in: non-negative 'images' = class template + sparse noise,
    rows normalised (mean cosines ≈ 0.5-0.8, like real images). Labels +1 / −1 by class."""
    templates = rng.gamma(0.6, 1.0, size=(2, d)) * (rng.uniform(size=(2, d)) < 0.4)
    cls = rng.integers(0, 2, size=n)
    noise = rng.gamma(0.5, 0.6, size=(n, d)) * (rng.uniform(size=(n, d)) < 0.25)
    X = templates[cls] + noise
    return X / np.linalg.norm(X, axis=1, keepdims=True), np.where(cls == 0, 1.0, -1.0)


def figure1a_paper_scale(inst, *, context, worst="bottom"):
    """Figure 1(a)/(b) at the paper's scale on one GPU: n = 10⁴ MNIST-sized synthetic points,
    m = 10⁴, κ = 10⁻², GD with η = 1/λ_max(H∞). Must show the same orderings as the quick version
    and a top-10 label energy >= 0.8 (true) vs <= 0.1 (random); reports the laziness diagnostics
    (√m·κ = 1 here, the regime the paper used)."""
    if context.device != "cuda":
        return precondition_failed("paper scale (n = m = 10⁴) needs a GPU: run with --device cuda "
                                   "(the quick and standard tiers cover the same claim on CPU)")
    return figure1a_at_scale(inst, device="cuda", worst=worst)


def figure1a_at_scale(inst, *, device, worst="bottom"):
    """The body of :func:`figure1a_paper_scale` on ``device`` (the registered claim always passes
    "cuda"; tests run it on CPU at a toy size to exercise the code path)."""
    import torch
    X, y = mnist_sized_data(inst.n, inst.d, inst.rng("data"))
    n = len(y)
    H = kernels.hinf(X)
    Ht = torch.as_tensor(H, device=device)
    lam, V = torch.linalg.eigh(Ht)
    lam, V = lam.flip(0).cpu().numpy(), V.flip(1).cpu().numpy()
    rand = digit_data.random_signs(n, inst.rng("random"))
    energy = lambda v: float(np.sum((V[:, :10].T @ v) ** 2) / (v @ v))
    vw = V[:, -1] if worst == "bottom" else V[:, 0]
    labels = np.stack([y, rand, math.sqrt(n) * vw])
    eta = 1.0 / float(lam[0])
    init = two_layer_gd.init_weights(inst.m, inst.d, inst.kappa, torch_seeds(inst, 1) * 3, device=device)
    traj = two_layer_gd.train(X, labels, init, eta, inst.steps, per_decade=10)
    final = traj.loss[:, -1] / n
    ks = traj.steps
    diag = [{"name": f"fig1a-paper-{name}", "title": f"Figure 1(a) at paper scale: loss/n, {name} labels",
             "x": ks.tolist(), "y": (traj.loss[i, ks] / n).tolist(), "xlabel": "GD step k", "ylabel": "Φ/n",
             "logx": False, "logy": True, "reference": None,
             "extra": {"label": "activation flip fraction", "x": ks.tolist(), "y": traj.flips[i].tolist()}}
            for i, name in enumerate(["true", "random", "worst"])]
    info = dict(loss_over_n=final.tolist(), top10_true=energy(y), top10_random=energy(rand),
                sqrt_m_kappa=math.sqrt(inst.m) * inst.kappa, flip_fraction=traj.flips[:, -1].tolist(),
                dist_over_w0=(traj.distance[:, -1] / traj.w0_norm).tolist())
    why = "exact comparison"
    return [at_most(final[0], 0.1 * final[1], why=why, diagnostics=diag, **info),
            greater_than(final[2], final[1], why=why),
            at_least(energy(y), 0.8, why=why), at_most(energy(rand), 0.1, why=why)]


claim(
    id="arora2019.fig1a.paper-scale",
    threads=1,
    source=src("Figure 1 and Appendix A", SEC4, 190),
    statement=r"\text{Figure 1(a),(b) at } n=m=10^4,\ \kappa=10^{-2}",
    kind=Kind.EXPERIMENT,
    tier=Tier.GPU,
    domain=Space(n=Fixed(10000), d=Fixed(784), m=Fixed(10000), kappa=Fixed(0.01), steps=Fixed(2000),
                 seed=Seed()),
    predicate=figure1a_paper_scale,
    mutants=(Mutant("worst-case labels replaced by the top eigenvector", params={"worst": "top"}),),
    note="Synthetic MNIST-sized data (no downloads). Not run on a GPU in the session that wrote it.",
)


def figure2_paper_scale(inst, *, context, quadratic="inverse"):
    """Figure 2 at the paper's scale on one GPU: n = 10⁴ MNIST-sized synthetic training points
    (plus 2·10³ test points), m = 10⁴, κ = 10⁻², the five random-label fractions 0, ¼, ½, ¾, 1.
    Must show the complexity sqrt(2yᵀ(H∞)⁻¹y/n) and the trained net's test error both strictly
    increasing; the laziness diagnostics are reported beside them."""
    if context.device != "cuda":
        return precondition_failed("paper scale (n = m = 10⁴) needs a GPU: run with --device cuda "
                                   "(arora2019.fig2.* cover the same figure on CPU with digits)")
    return figure2_at_scale(inst, device="cuda", quadratic=quadratic)


def figure2_at_scale(inst, *, device, quadratic="inverse"):
    """The body of :func:`figure2_paper_scale` on ``device`` (tests run it on CPU at a toy size)."""
    X, y = mnist_sized_data(inst.n + inst.n_test, inst.d, inst.rng("data"))
    Xtr, ytr, Xte, yte = digit_data.split(X, y, inst.n_test / (inst.n + inst.n_test), inst.rng("split"))
    return figure2_with_training(inst, Xtr, ytr, Xte, yte, (0.0, 0.25, 0.5, 0.75, 1.0), device=device,
                                 quadratic=quadratic, title=f"MNIST-sized synthetic, n={len(ytr)}, m={inst.m}")


claim(
    id="arora2019.fig2.paper-scale",
    threads=1,
    source=src("Figure 2 and Appendix A", SEC5, 270),
    statement=r"\text{Figure 2 at } n=m=10^4,\ \kappa=10^{-2}\text{: complexity and test error increase "
              r"with the fraction of random labels}",
    kind=Kind.EXPERIMENT,
    tier=Tier.GPU,
    domain=Space(n=Fixed(10000), n_test=Fixed(2000), d=Fixed(784), m=Fixed(10000), kappa=Fixed(0.01),
                 steps=Fixed(2000), seed=Seed()),
    predicate=figure2_paper_scale,
    mutants=(Mutant("(H∞)⁻¹ → H∞ in the complexity", params={"quadratic": "forward"}),),
    note="Synthetic MNIST-sized data (no downloads). Its code path is tested on CPU at a toy size "
         "(tests/test_paper_scale_cpu.py); not run on a GPU in the session that wrote it.",
)

# ---------------------------------------------------------------------------------------------
# Results that are listed but not checked numerically.
# ---------------------------------------------------------------------------------------------

for _result, _section, _line, _reason in (
    ("Theorem 3.2", "3 Overview of Our Results", 133,
     "informal restatement of Theorem 4.1 ('≈' with no error term); checked through "
     "arora2019.thm4.1.trajectory-deviation-scaling"),
    ("Theorem 3.3", "3 Overview of Our Results", 145,
     "informal restatement of Theorem 5.1 with no constants or error terms"),
    ("Theorem 5.1", SEC5, 235,
     "hidden constants (κ = O(λ₀δ/n), m >= κ⁻²poly(n, 1/λ₀, 1/δ), O(sqrt(log(n/(λ₀δ))/n))) and a "
     "population loss: no finite instance can refute it; its complexity measure and trend are checked "
     "by arora2019.fig2.* and its ingredients by lem5.3/thm5.1 claims"),
    ("Corollary 5.2", SEC5, 245,
     "same hidden constants as Theorem 5.1; the ramp-loss step of its proof is arora2019.cor5.2.ramp-loss"),
    ("Definition 5.1", SEC5, 227,
     "a definition; its numerical content (λ_min(H∞) > 0 for non-parallel inputs) is Remark 5.1"),
    ("Definition B.1", "B Rademacher Complexity", 462, "a definition (empirical Rademacher complexity)"),
    ("Theorem B.1", "B Rademacher Complexity", 470,
     "an external result (Mohri et al.), not a contribution of the paper"),
):
    REGISTRY.not_checkable(src(_result, _section, _line), _reason)


# ---------------------------------------------------------------------------------------------
# Decisions on the errors the catalogue (shared/catalogue/arora_fine_grained.md §5) flags with
# severity E, P or T, each re-read against the paper text (issue 13).
# ---------------------------------------------------------------------------------------------

for _section, _line, _flag, _decision, _reason, _claims in (
    ("6 Provable Learning using Two-Layer ReLU Neural Networks", 340, "S1 (Example 6.2, O(‖A‖_*))",
     "statement",
     "yᵀ(H∞)⁻¹y is 2-homogeneous in A; the catalogue's witness A = cI gives y ≡ c and breaks |y| ≤ 1 "
     "(L94), so the registered witness is band data |xᵀAx| ≤ 1 inside every standing assumption, "
     "certified in interval arithmetic (see the claim's note)",
     ("arora2019.ex6.2.printed-nuclear-norm", "arora2019.ex6.2.nuclear-norm-squared")),
    ("6 Provable Learning using Two-Layer ReLU Neural Networks", 342, "S2 (Examples 6.3/6.4, M_g vs √M_g)",
     "proof",
     "the displayed sums bound √(yᵀH∞⁻¹y) through Corollary 6.2, not M_g = yᵀH∞⁻¹y; the printed rate "
     "O(‖β‖sinh‖β‖) is not refuted on any instance (q ~ ‖β‖⁴ for small ‖β‖, and |y| ≤ 1 keeps ‖β‖ "
     "moderate), so only the bookkeeping step is wrong; the corrected bounds are checked",
     ("arora2019.ex6.3.cosine-bound", "arora2019.ex6.4.arctan-bound")),
    (APPC, 530, "S3 (Lemma C.2 proof, (2/m)δ and Markov at fixed k)", "proof",
     "(2/m)Σ_r E𝕀{‖w_r(k) − w_r(0)‖ > R} ≤ 2δ, not (2/m)δ, and Markov at a fixed k does not give "
     "'for all k'; conditioning on Lemma C.1's event repairs both. The statement survives: its "
     "(√m·κ)⁻¹ drift rate is checked as a scaling law",
     ("arora2019.lemC.2.kernel-drift-scaling",)),
    (APPC, 550, "S4 (Lemma C.3, log(2/δ) vs log(2n²/δ))", "proof",
     "the statement's log(2/δ) is true (a bounded-differences argument on ‖H(0) − H∞‖_F gives it) "
     "but the union bound of L558–562 proves log(2n²/δ); later uses (L642, L742) take the proved "
     "form. Both forms are checked by frequency",
     ("arora2019.lemC.3.gram-concentration", "arora2019.lemC.3.printed-log-factor")),
    (APPC, 528, "S5 (√(2πκ) in eq. (17), L544, L584, L826, L834; R at L512)", "source-unverified",
     "every occurrence is √(2π)·κ (or √m·λ₀) with the radical's bar over the next symbol, including "
     "the N(0, κ²) density itself and the dimensionally impossible √(2nR) of L826: a conversion "
     "artefact of our text copy most likely; the original cannot be consulted here",
     ("arora2019.eq17.printed-small-ball", "arora2019.eq17.small-ball")),
    (APPE, 911, "S6 (Hadamard X^{∘l} for Khatri–Rao X^{⊙l})", "typo",
     "L909 defines ⊙ for this use and L946 uses it correctly",
     ("arora2019.appE.printed-hadamard-power", "arora2019.appE.khatri-rao-power")),
    (SEC5, 229, "S7 (Remark 5.1, 'parallel')", "reading",
     "on the unit sphere x_j = c·x_i with c > 0 means x_j = x_i; the usual meaning (either sign) holds",
     ("arora2019.rem5.1.printed-parallel", "arora2019.rem5.1.hinf-positive-definite")),
    ("3 Overview of Our Results", 141, "S16 (footnote 2, 𝕀{≥ 0} 'used in practice')", "not checkable",
     "a remark about what software does; 𝕀{≥ 0} and 𝕀{> 0} differ only where wᵀx = 0 exactly, a "
     "null event under the Gaussian initialisation, so no result depends on it", ()),
    (APPD, 786, "S17 (𝕀{wᵀx_i} missing '≥ 0')", "typo",
     "the definition of 𝕀_{r,i} (L141) fixes the intended event; no numerical content to register", ()),
    (APPD, 742, "S18 (bold (I − ηλ₀)^k in (37))", "typo",
     "a scalar (1 − ηλ₀)^k is meant, as in (29); no numerical content to register", ()),
    ("5 Analysis of Generalization", 296, "S19 (v(k) collides with the eigenvectors v_i; H(0) ≻ 0 unstated)",
     "typo",
     "notation only; the limit identity's unstated H(0) ≻ 0 and η < 2/λ_max(H(0)) are the "
     "preconditions of the registered check",
     ("arora2019.sec5.2.auxiliary-limit",)),
    (APPC, 508, "S20 (Lemma C.2's failure probability 4δ)", "not an error",
     "the proof uses three events of probability δ each; stating 4δ is weaker, hence still true", ()),
):
    REGISTRY.decide(src(f"catalogue {_flag.split(' ')[0]}", _section, _line), _flag, _decision, _reason,
                    claims=_claims)
