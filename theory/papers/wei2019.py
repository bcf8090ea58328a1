"""Wei, Lee, Liu, Ma 2019 — "Regularization Matters: Generalization and Optimization of Neural Nets
v.s. their Induced Kernel" (NeurIPS 2019, arXiv:1810.05369).

Claims in the order of the paper: the hard distribution D (eq. 2.1) and the NTK closed form
(Section 2, Appendix B), the Boolean-analysis lemmas of the kernel lower bound (Lemmas B.5, B.6, B.8,
eq. B.10, eq. B.12, Bonami), Theorem 2.1's kernel lower bound and its errata, the margin results of
Section 4 and Appendices C–D (with Proposition D.1's margin ceiling and Corollary 4.2's limit step),
the mean-field calculus of Section 3 / Appendix E (Lemmas E.8–E.12 along simulated perturbed flows),
the experiments of Appendix F (Figures 2–5, standard and gpu tiers) and the d vs d² sample-complexity
separation.
Errata: Theorem 2.1/B.1 at n = d², Lemma B.6's range, the moment matrix of B.6's proof, the arc
probability before eq. B.1, footnote 6, Theorem B.9's squared limit, Lemma E.14's cap bound and the
choice of l in Theorem E.4, each with its corrected sibling.

Line numbers refer to the long (arXiv, 2022) version ``shared/papers/wei2019_long_*.txt``; the
conference version numbers every main-text result the same way.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import scipy.linalg
from scipy.special import logsumexp

from theory import hard_distribution as hd
from theory import hypercube, max_margin, mean_field, relu_ntk
from theory.bibliography import WEI2019
from theory.claims import ErrorClass, REGISTRY, AtLeast, Exponent, Kind, Mutant, Source, Tier, claim, erratum_pair
from theory.claims.certificates import Certificate, exact, interval, interval_precision, iv
from theory.domains import Choice, Fixed, Grid, Int, Real, Seed, Space
from theory.errors import InputError
from theory.evidence import at_least, at_most, close, greater_than, precondition_failed
from theory.tolerances import EPS, dot_error, gaussian_threshold


def src(result: str, section: str, line: int) -> Source:
    return Source(WEI2019, result, section, line)


SEC2 = "2 Generalization of Regularized Neural Net vs. NTK Kernel"
SEC3 = "3 Perturbed Wasserstein Gradient Flow Finds Global Optimizers in Polynomial Time"
SEC4 = "4 Weak Regularizer Guarantees Max Margin Solutions"
APPB = "B Missing Proofs in Section 2"
APPC = "C Missing Proofs for Section 4"
APPD = "D Generalization Bounds for Neural Nets"
APPE = "E Missing Proofs for Section 3"


def float_sum_error(terms: int, magnitude: float) -> float:
    """Rounding bound for a float64 sum of ``terms`` values of total absolute size ``magnitude``."""
    return 2 * terms * EPS * magnitude + 1e-300


# =============================================================================================
# Section 2: the distribution D (eq. 2.1)
# =============================================================================================

def no_linear_signal(inst, *, symmetric=True):
    """All of D's signal is quadratic: Σ_s y(x₁² − x₂²) = |supp D| while max_k |Σ_s y·x_k| = 0 and
    y = |x₁| − |x₂| on every support point (exact integer sums over supp D; both sides depend on d)."""
    S, y = hd.support(inst.d) if symmetric else hd.asymmetric_support(inst.d)
    mislabelled = int(np.sum(hd.label_rule(S) != y))  # the label is |x₁| − |x₂| on every atom
    S, y = S.astype(np.int64), y.astype(np.int64)
    linear = int(np.abs((y[:, None] * S).sum(axis=0)).max())
    quadratic = int(np.sum(y * (S[:, 0] ** 2 - S[:, 1] ** 2)))
    return close(float(quadratic + linear + mislabelled * len(y)), float(len(y)), tol=0.0,
                 why="exact integer sums over supp D", support_size=len(y), linear=linear,
                 mislabelled=mislabelled)


claim(
    id="wei2019.eq2.1.no-linear-signal",
    source=src("Equation (2.1)", SEC2, 83),
    statement=r"(y,x)\sim\mathcal{D}:\ y = |x_1|-|x_2|,\quad \mathbb{E}_{\mathcal{D}}[y\,x] = 0,\quad"
              r"\mathbb{E}_{\mathcal{D}}[y(x_1^2-x_2^2)] = 1",
    kind=Kind.IDENTITY,
    domain=Space(d=Int(3, 14)),
    predicate=no_linear_signal,
    mutants=(Mutant("sign symmetry of D dropped (atoms (+1,+1,0), (−1,0,+1) only)",
                    params={"symmetric": False},
                    why="without the symmetry y = x₁ − x₂ is linear and correlates with x"),),
    note="The symmetry x₁ ↦ −x₁, x₂ ↦ −x₂ is what hides the label from every linear function; the "
         "kernel lower bound (Theorem 2.1) uses it through f⁺ and f⁻ (proof of Theorem B.1).",
)


def width4_margin(inst, *, linear=False):
    """min over supp D of y·f(x) for f = |x₁| − |x₂| (width 4) divided by ‖Θ‖_F² = 8, against 1/8."""
    S, y = hd.support(inst.d)
    U2, w = hd.width4_network()
    U = np.zeros((4, inst.d))
    U[:, :2] = U2
    if linear:  # mutant: w = (1, −1, −1, 1) computes x₁ − x₂ with the same ‖Θ‖_F² = 8
        w = np.array([1.0, -1.0, -1.0, 1.0])
        f = np.maximum(S @ U.T, 0.0) @ w
    else:
        f = np.maximum(S @ U.T, 0.0) @ w
    norm2 = float(np.sum(U**2) + np.sum(w**2))
    size = len(S)  # |supp D| = 2^d scales both sides, so the evidence depends on the instance
    return close(size * (y * f).min() / norm2, size / 8.0, tol=4 * EPS * size,
                 why="exact small integers; one division", norm_squared=norm2)


claim(
    id="wei2019.thm2.1.width4-margin",
    source=src("Theorem 2.1 (proof, width-4 network)", "B.2 Proof of Theorem 2.1", 617),
    statement=r"f(x) = [x_1]_+ + [-x_1]_+ - [x_2]_+ - [-x_2]_+:\ y f(x) = 1\ \forall x\in"
              r"\mathrm{supp}\,\mathcal{D},\ \|\Theta\|_F^2 = 8,\ \gamma^{\star,m}\ge 1/8\ (m\ge4)",
    kind=Kind.IDENTITY,
    domain=Space(d=Int(3, 12)),
    predicate=width4_margin,
    mutants=(Mutant("linear net x₁ − x₂ instead of |x₁| − |x₂|", params={"linear": True}),),
)


# =============================================================================================
# Section 2 / Appendix B: the NTK of a two-layer ReLU net (L90–97, eq. B.1)
# =============================================================================================

#: false-alarm share per instance: 1e-4 over up to 2000 instances (thorough profile)
MC_ALPHA = 1e-4 / 2000


def ntk_paper_arc_probability(X, Z, tau1, tau2):
    """Mutant/printed: the gradient part with P(both active) = 1 − θ/π (L333), i.e. 2·τ₁·K1."""
    return 2 * tau1 * relu_ntk.k1(X, Z) + tau2 * (relu_ntk.k1(X, Z) + relu_ntk.k2(X, Z))


def ntk_swapped(X, Z, tau1, tau2):
    """Mutant: K1 and K2 exchanged."""
    return tau1 * relu_ntk.k2(X, Z) + tau2 * (relu_ntk.k1(X, Z) + relu_ntk.k2(X, Z))


def ntk_k2_without_norms(X, Z, tau1, tau2):
    """Mutant: K2 = sin θ/π without the factor ‖x‖‖x'‖."""
    k2 = np.sin(relu_ntk.angles(X, Z)) / math.pi
    return tau1 * relu_ntk.k1(X, Z) + tau2 * (relu_ntk.k1(X, Z) + k2)


def ntk_matches_monte_carlo(inst, *, closed_form=relu_ntk.ntk, samples=20000):
    """max z-score of the Monte-Carlo NTK against τ₁K1 + τ₂(K1+K2) with τ = (r_w²/2, r_u²/2)."""
    rng = inst.rng("points")
    X = rng.standard_normal((inst.n, inst.d)) * inst.scale
    Z = rng.standard_normal((2, inst.d)) * inst.scale
    Z[0] = X[0] * rng.uniform(0.2, 3.0)  # a parallel pair: θ = 0 exactly
    mean, se = relu_ntk.ntk_monte_carlo(X, Z, inst.r_w, inst.r_u, samples, inst.rng("mc"))
    tau1, tau2 = relu_ntk.taus(inst.r_w, inst.r_u)
    K = closed_form(X, Z, tau1, tau2)
    z = np.abs(mean - K) / np.maximum(se, 1e-300)
    z_star = gaussian_threshold(MC_ALPHA, z.size)
    return at_most(float(z.max()), z_star,
                   why=f"CLT z-score with the empirical standard error (M={samples}); Bonferroni "
                       f"threshold over {z.size} entries at alpha={MC_ALPHA:.1e}",
                   max_abs_error=float(np.abs(mean - K).max()))


claim(
    id="wei2019.eqB.1.ntk-closed-form",
    source=src("Equation (B.1) with the NTK of Section 2", "B.1 Lower Bound for the Kernel Method", 337),
    statement=r"\mathbb{E}_{w\sim N(0,r_w^2),u\sim N(0,r_u^2I)}\langle\nabla_\theta f(x),\nabla_\theta"
              r" f(x')\rangle = \tau_1K_1 + \tau_2(K_1+K_2),\ \tau_1=\tfrac{r_w^2}{2},\tau_2="
              r"\tfrac{r_u^2}{2},\ K_1=\langle x,x'\rangle(1-\tfrac{\theta}{\pi}),\ K_2="
              r"\tfrac{\|x\|\|x'\|\sin\theta}{\pi}",
    kind=Kind.IDENTITY,
    stochastic=True,
    # d >= 2: at d = 1 every pair is at angle 0 or π, where the Monte-Carlo integrand is constant
    # (standard error 0) and the z-score is undefined; both sides are then exact (K2 = 0)
    domain=Space(n=Int(1, 3), d=Int(2, 12), scale=Real(0.2, 3.0, log=True),
                 r_w=Real(0.05, 3.0, log=True), r_u=Real(0.05, 3.0, log=True), seed=Seed()),
    predicate=ntk_matches_monte_carlo,
    mutants=(
        Mutant("P(both active) = 1 − θ/π as printed at L333", params={"closed_form": ntk_paper_arc_probability}),
        Mutant("K1 and K2 swapped", params={"closed_form": ntk_swapped}),
        Mutant("‖x‖‖x'‖ dropped from K2", params={"closed_form": ntk_k2_without_norms}),
    ),
    note="The paper only states τ₁, τ₂ > 0; the values r_w²/2 and r_u²/2 are derived here "
         "(catalogue §4.2) and confirmed by Monte Carlo.",
)


def printed_arc_probability(theta):
    """L333 as printed: E_ū[1(x'ᵀū>=0)1(xᵀū>=0)] = 1 − θ/π."""
    return 1.0 - theta / math.pi


def arc_probability_matches(inst, *, formula=relu_ntk.coactivation_probability, samples=40000):
    """|P̂ − formula(θ)| / σ <= z* for the co-activation frequency of a uniform direction ū."""
    rng = inst.rng("dirs")
    x = rng.standard_normal(inst.d)
    theta = inst.angle
    # x' at angle θ from x inside a random 2-plane
    e = rng.standard_normal(inst.d)
    e -= (e @ x) / (x @ x) * x
    xp = math.cos(theta) * x / np.linalg.norm(x) + math.sin(theta) * e / np.linalg.norm(e)
    U = mean_field.uniform_sphere(samples, inst.d, inst.rng("mc"))
    hits = float(np.mean((U @ x >= 0) & (U @ xp >= 0)))
    p = float(formula(np.array(theta)))
    sigma = math.sqrt(max(p * (1 - p), 1.0 / samples) / samples)
    return at_most(abs(hits - p) / sigma, gaussian_threshold(MC_ALPHA, 1),
                   why=f"binomial z-score, M={samples}", frequency=hits, formula=p)


#: d >= 2: on S⁰ (d = 1) two points are at angle 0 or π only, and the arc argument of L333 is void
ARC_SPACE = Space(d=Int(2, 10), angle=Real(0.0, math.pi), seed=Seed())

erratum_pair(
    source=src("Appendix B.1, kernel facts before eq. (B.1)", "B.1 Lower Bound for the Kernel Method", 333),
    kind=Kind.IDENTITY,
    stochastic=True,
    domain=ARC_SPACE,
    predicate=arc_probability_matches,
    printed=dict(
        id="wei2019.eqB.1.printed-arc-probability",
        error_class=ErrorClass.PROOF,
        examples=({"d": 2, "angle": 0.0, "seed": 0},),
        statement=r"\mathbb{E}_{\bar u}[\mathbb{1}(x'^\top\bar u\ge0)\mathbb{1}(x^\top\bar u\ge0)] = "
                  r"1-\frac{\arccos(x^\top x'/\|x\|\|x'\|)}{\pi}",
        params={"formula": printed_arc_probability},
        note="The arc of directions active on both points has length π − θ out of 2π: the printed value "
             "is twice the truth (at θ = 0 it says 1, but a uniform direction is active on x with "
             "probability ½). Class proof, not statement: the line is a step in the derivation of "
             "(B.1), which only asserts τ₁, τ₂ > 0, and a factor 2 in K1's weight is absorbed into τ₁ "
             "(so eq. B.1 and everything after it stand). Statistical: a binomial z-score at "
             "α = 5e-8 per instance; at θ = 0 the frequency is 0.5 ± 0.0025 against the printed 1. "
             "For the authors: read as written, the sentence before (B.1) gives "
             "E_ū[1(x'ᵀū ≥ 0)1(xᵀū ≥ 0)] = 1 − θ/π; the arc has measure (π − θ)/(2π) of the circle, "
             "so ⟨φ_grad(x), φ_grad(x')⟩ = K1/2 under the uniform probability on S^{d−1}. Nothing "
             "downstream changes, since (B.1) carries unspecified τ₁ > 0. Argued for the authors: "
             "if ⟨·,·⟩ on L²(S^{d−1}) were the surface measure normalised to the half-sphere, 1 − θ/π "
             "would be right for the inner product; but the displayed quantity is an expectation over "
             "ū, which is a probability and cannot exceed ½ here.",
    ),
    corrected=dict(
        id="wei2019.eqB.1.arc-probability",
        statement=r"\mathbb{E}_{\bar u}[\mathbb{1}(x'^\top\bar u\ge0)\mathbb{1}(x^\top\bar u\ge0)] = "
                  r"\frac{\pi-\theta}{2\pi}",
        mutants=(Mutant("θ/(2π) in place of (π−θ)/(2π)",
                        params={"formula": lambda t: t / (2 * math.pi)}),
                 Mutant("printed 1 − θ/π", params={"formula": printed_arc_probability})),
    ),
)


# =============================================================================================
# Appendix B: the kernel on the hypercube (Lemma B.5) and Boolean analysis (B.6, B.8, B.10–B.12)
# =============================================================================================

def taylor_coefficients_h1_h2() -> tuple[np.ndarray, np.ndarray]:
    """Coefficients t^0..t^5 of h₁(t) = t(1 − arccos(t)/π) and h₂(t) = sqrt(1−t²)/π: mpmath's
    high-precision Taylor expansion at 40 digits, rounded to float (25 ms against sympy's series,
    measured 2.6 s, so no cache is needed)."""
    import mpmath
    with mpmath.workdps(40):
        h1 = lambda t: t * (1 - mpmath.acos(t) / mpmath.pi)  # noqa: E731
        h2 = lambda t: mpmath.sqrt(1 - t**2) / mpmath.pi  # noqa: E731
        return tuple(np.array([float(c) for c in mpmath.taylor(h, 0, 5)]) for h in (h1, h2))


def printed_g_coefficients(d, tau1, tau2, *, tau2_quartic=1 / (24 * math.pi)):
    """Lemma B.5's g as printed (L497): τ₁(d−1)(x/2 + x²/π + x⁴/(6π)) + τ₂(d−1)(1/π + x/2 + x²/(2π) + x⁴/(24π))."""
    a = np.array([0.0, 0.5, 1 / math.pi, 0.0, 1 / (6 * math.pi)])
    b = np.array([1 / math.pi, 0.5, 1 / (2 * math.pi), 0.0, tau2_quartic])
    return (d - 1) * (tau1 * a + tau2 * b)


def lemma_b5_surrogate(inst, *, tau2_quartic=1 / (24 * math.pi)):
    """max_k |coef_k(g) − coef_k((τ₁+τ₂)(d−1)h₁ + τ₂(d−1)h₂)| over k <= 4 (mpmath Taylor series),
    plus the x² coefficient of g(x/(d−1)) against (τ₁ + τ₂/2)/(π(d−1)) and g's coefficients >= 0."""
    d, t1, t2 = inst.d, inst.tau1, inst.tau2
    c1, c2 = taylor_coefficients_h1_h2()
    truth = (d - 1) * ((t1 + t2) * c1[:5] + t2 * c2[:5])
    printed = printed_g_coefficients(d, t1, t2, tau2_quartic=tau2_quartic)
    quad = printed[2] / (d - 1) ** 2
    scale = (d - 1) * (t1 + t2)
    if printed.min() < 0:
        return at_least(printed.min(), 0.0, why="Lemma B.6 needs nonnegative coefficients")
    err = max(float(np.abs(printed - truth).max()) / scale,
              abs(quad - (t1 + t2 / 2) / (math.pi * (d - 1))) * (d - 1))
    return close(err, 0.0, tol=16 * EPS, why="float64 evaluation of 40-digit mpmath coefficients (16 ulp)",
                 remainder_t5=float(c1[5]), remainder_t5_h2=float(c2[5]))


claim(
    id="wei2019.lemB.5.taylor-surrogate",
    source=src("Lemma B.5", APPB, 495),
    statement=r"g(x) = \tau_1(d-1)\big(\tfrac{x}{2}+\tfrac{x^2}{\pi}+\tfrac{x^4}{6\pi}\big)+\tau_2(d-1)"
              r"\big(\tfrac1\pi+\tfrac x2+\tfrac{x^2}{2\pi}+\tfrac{x^4}{24\pi}\big) = (\tau_1+\tau_2)(d-1)"
              r"g_1+\tau_2(d-1)g_2,\ g_i = T_4[h_i];\ [x^2]\,g(\tfrac{x}{d-1}) = "
              r"\tfrac{\tau_1+\tau_2/2}{\pi(d-1)}",
    kind=Kind.IDENTITY,
    domain=Space(d=Int(3, 400), tau1=Real(0.01, 2.0), tau2=Real(0.01, 2.0)),
    predicate=lemma_b5_surrogate,
    mutants=(Mutant("x⁴ coefficient of the τ₂ part 1/(24π) → 1/(6π)",
                    params={"tau2_quartic": 1 / (6 * math.pi)}),
             Mutant("x⁴ coefficient of the τ₂ part 1/(24π) → −1/(8π) (g₂'s alone)",
                    params={"tau2_quartic": -1 / (8 * math.pi)})),
    note="The Taylor remainders are O(x⁶) (3x⁶/(40π) and −x⁶/(16π)), not only O(x⁵) as the proof says.",
)


def random_cube_vectors(rng, n, d, kind="cube"):
    """n vectors of {±1}^d (kind 'cube', int64) or Gaussian vectors (kind 'gauss', a mutant)."""
    if kind == "cube":
        return rng.choice(np.array([-1, 1], dtype=np.int64), size=(n, d))
    return rng.standard_normal((n, d))


def lemma_b8(inst, *, vectors="cube", same_beta=True):
    """E_z[(Σβ_i(zᵀz_i)^q)(Σβ_i(zᵀz_i)^p)] >= 0, and = 0 when p + q is odd (exact integers)."""
    rng = inst.rng("z")
    Zi = random_cube_vectors(rng, inst.n, inst.d, vectors)
    beta = rng.integers(-5, 6, inst.n)
    beta2 = beta if same_beta else rng.integers(-5, 6, inst.n)
    Z = hypercube.points(inst.d)
    ip = Z @ Zi.T
    if vectors == "cube":
        ip = ip.astype(object)
        g = (ip**inst.q) @ beta.astype(object)
        h = (ip**inst.p) @ beta2.astype(object)
        total = Fraction(int(np.sum(g * h)), 2**inst.d)
        value, tol, why = float(total), 0.0, "exact integer arithmetic"
        exact_zero = total == 0
    else:
        g, h = (ip**inst.q) @ beta, (ip**inst.p) @ beta2
        value = float(np.mean(g * h))
        tol = float_sum_error(len(g) * inst.n, float(np.mean(np.abs(g) * np.abs(h))) + 1.0)
        why, exact_zero = "float64 sums (Gaussian z_i)", abs(value) <= tol
    if (inst.p + inst.q) % 2 == 1 and not exact_zero:
        return close(value, 0.0, tol=tol, why=why + "; p + q odd: equality claimed")
    return at_least(value, 0.0, tol=tol, why=why)


LEMMA_B8_SPACE = Space(d=Int(1, 9), n=Int(1, 6), p=Int(0, 6), q=Int(0, 6), seed=Seed())

claim(
    id="wei2019.lemB.8.cross-moments-nonnegative",
    source=src("Lemma B.8", "B.1.1 Boolean Function Analysis Facts", 581),
    statement=r"\mathbb{E}_{z}\Big[\Big(\sum_i\beta_i(z^\top z_i)^q\Big)\Big(\sum_i\beta_i(z^\top z_i)^p"
              r"\Big)\Big]\ge 0,\ \text{with equality if exactly one of } p,q \text{ is odd}",
    kind=Kind.INEQUALITY,
    domain=LEMMA_B8_SPACE,
    predicate=lemma_b8,
    mutants=(Mutant("z_i Gaussian instead of in {±1}^d", params={"vectors": "gauss"},
                    domain=LEMMA_B8_SPACE.replace(d=Int(1, 2), n=Int(2, 6), p=Fixed(1), q=Fixed(3)),
                    why="the Fourier argument needs z_i^S·z_i^S = 1; (p, q) = (1, 3) in low d is "
                        "where Gaussian z_i break it most often (a few percent of draws)"),
             Mutant("different β in the two factors", params={"same_beta": False})),
)


def fourier_formula(inst, *, depends_on_size=True):
    """Eq. B.12: the Fourier coefficients of z ↦ (zᵀz_i)^q are c_{q,|S|}·z_i^S, with c the same for
    every z_i ∈ {±1}^d and c = 0 when |S| > q or q − |S| is odd (exact integers via the WHT)."""
    d, q = inst.d, inst.q
    Z = hypercube.points(d)
    ones = np.ones(d, dtype=np.int64)
    reference = hypercube.walsh_hadamard((Z @ ones) ** q)  # 2^d·c_{q,|S|} (z_i = 1: z_i^S = 1)
    sizes = hypercube.popcount(np.arange(2**d, dtype=np.int64))
    by_size = {}
    for S, size in enumerate(sizes):
        by_size.setdefault(int(size), set()).add(int(reference[S]))
    if any(len(v) != 1 for v in by_size.values()):
        return close(1.0, 0.0, tol=0.5, why="c_{q,|S|} must depend on |S| only (a count)")
    c = np.array([next(iter(by_size[int(s)])) for s in sizes], dtype=object)
    if not depends_on_size:  # mutant: one constant for every S
        c = np.full(len(c), int(reference[0]), dtype=object)
    zi = inst.rng("zi").choice(np.array([-1, 1], dtype=np.int64), size=d)
    coefficients = hypercube.walsh_hadamard((Z @ zi) ** q)
    characters = np.array([int(np.prod(zi[[b for b in range(d) if S >> b & 1]])) for S in range(2**d)],
                          dtype=object)
    mismatch = sum(int(a != b * ch) for a, b, ch in zip(coefficients, c, characters))
    vanish = all(int(c[S]) == 0 for S, s in enumerate(sizes) if s > q or (q - s) % 2)
    negative = any(int(v) < 0 for v in c)
    bad = mismatch + (0 if vanish else 1) + (1 if negative else 0)
    # Σ|ĉ_S| over the transform against Σ|c_{q,|S|}| (equal when every coefficient matches up to the
    # sign z_i^S), plus the count of failures: exact integers, and both sides depend on (d, q)
    total = sum(abs(int(a)) for a in coefficients)
    return close(float(total + bad), float(sum(abs(int(v)) for v in c)), tol=0.5,
                 why="exact integer Walsh–Hadamard transform (any failure adds >= 1)",
                 mismatched_coefficients=mismatch)


claim(
    id="wei2019.eqB.12.fourier-formula",
    source=src("Equation (B.12)", "B.1.1 Boolean Function Analysis Facts", 603),
    statement=r"\mathbb{E}_z[(z^\top z_i)^q z^S] = c_{q,|S|}\,z_i^S,\ c_{q,|S|}\in\mathbb{Z}_{\ge0},\ "
              r"c_{q,|S|}=0 \text{ for } |S|>q",
    kind=Kind.IDENTITY,
    domain=Space(d=Int(1, 10), q=Int(0, 7), seed=Seed()),
    predicate=fourier_formula,
    mutants=(Mutant("c_{q,|S|} the same for every S (no |S| dependence)",
                    params={"depends_on_size": False}),),
)


def moment_sides(inst, swap_factor) -> tuple[Fraction, Fraction]:
    """Both sides of the moment identity in exact integer/rational arithmetic (Python ints)."""
    rng = inst.rng("z")
    Zi = random_cube_vectors(rng, inst.n, inst.d)
    beta = rng.integers(-5, 6, inst.n)
    Z = hypercube.points(inst.d)
    f = ((Z @ Zi.T) ** 2) @ beta
    lhs = Fraction(int(np.sum(f.astype(object) ** 2)), 2**inst.d)
    G = (Zi @ Zi.T).astype(object) ** 2 - inst.d
    b = beta.astype(object)
    rhs = inst.d**2 * int(beta.sum()) ** 2 + swap_factor * int(b @ G @ b)
    return lhs, Fraction(rhs)


def moment_identity(inst, *, swap_factor=2):
    """E_z[(Σβ_i(zᵀz_i)²)²] = d²(Σβ_i)² + swap_factor·βᵀGβ, G_ik = (z_iᵀz_k)² − d (exact)."""
    lhs, rhs = moment_sides(inst, swap_factor)
    return close(float(lhs), float(rhs), tol=0.25 / 2**inst.d,
                 why="exact rationals rounded once to float: a nonzero difference is a multiple of "
                     "2^-d, far above the rounding of values below 2^40",
                 expectation=float(lhs), formula=float(rhs))


def certify_moment_identity(inst, *, swap_factor=2):
    """The difference of the two sides as an exact rational (the expectation is an exact average
    over all 2^d points of the cube)."""
    lhs, rhs = moment_sides(inst, swap_factor)
    return exact(lhs - rhs, "==", "exact rational arithmetic over all 2^d cube points",
                 detail=f"E_z[(Σβ_i(zᵀz_i)²)²] − (d²(Σβ)² + {swap_factor}·βᵀGβ) = {lhs - rhs}")


MOMENT_SPACE = Space(d=Int(2, 9), n=Int(1, 6), seed=Seed())

erratum_pair(
    source=src("Lemma B.6 (proof, moment matrix)", APPB, 554),
    kind=Kind.IDENTITY,
    domain=MOMENT_SPACE,
    predicate=moment_identity,
    printed=dict(
        id="wei2019.lemB.6.printed-moment-matrix",
        error_class=ErrorClass.PROOF,
        certify=certify_moment_identity,
        statement=r"\mathbb{E}_z[z^{\otimes2}z^{\otimes2\top}] = \vec 1_S\vec 1_S^\top + I_{[d^2]\setminus S}"
                  r"\ \Rightarrow\ \mathbb{E}_z\big[(\textstyle\sum_i\beta_i(z^\top z_i)^2)^2\big] = "
                  r"d^2(\sum_i\beta_i)^2 + \beta^\top\tilde M^\top\tilde M\beta",
        params={"swap_factor": 1},
        note="The off-S block misses the pairing (i,j) ↔ (j,i): E[z_iz_jz_kz_l] = 1 also for "
             "(k,l) = (j,i), so the block is I + P_swap and the quadratic term carries a factor 2. "
             "Class proof: a step of Lemma B.6's proof; M̃β is symmetric in (i, j), where P_swap acts "
             "as the identity, so the true quadratic term is 2·βᵀM̃ᵀM̃β and the lemma's lower bound "
             "only improves. Certified in exact rational arithmetic over all 2^d cube points (e.g. "
             "d = 2, n = 1: lhs = 8β₁², printed rhs = 6β₁²). "
             "For the authors: line 554's E[z^{⊗2}z^{⊗2ᵀ}] should read 1_S1_Sᵀ + (I + P)_{[d²]∖S} "
             "with P the permutation (i,j) ↦ (j,i); the next display then gets 2·M̃ᵀM̃, which "
             "strengthens line 560. Argued for the authors: if z^{⊗2} were restricted to i < j "
             "(each unordered pair once), I would be right — but line 313 defines z^{⊗2} ∈ ℝ^{d²} "
             "with all ordered pairs.",
    ),
    corrected=dict(
        id="wei2019.lemB.6.moment-matrix",
        statement=r"\mathbb{E}_z[z^{\otimes2}z^{\otimes2\top}] = \vec 1_S\vec 1_S^\top + (I+P_{\rm swap})"
                  r"_{[d^2]\setminus S}\ \Rightarrow\ \mathbb{E}_z\big[(\textstyle\sum_i\beta_i(z^\top z_i)^2"
                  r")^2\big] = d^2(\sum_i\beta_i)^2 + 2\beta^\top G\beta,\ G_{ik} = (z_i^\top z_k)^2-d",
        mutants=(Mutant("factor 2 → 3 on the swap term", params={"swap_factor": 3}),),
    ),
)


def lemma_b6_event(inst, *, ratio=None, level_constant=0.1):
    """Event: min_{β≠0} E_z[(Σβ_i(zᵀz_i)²)²] / (d²‖β‖²) >= level_constant (g(x) = x², a₂ = 1).

    The minimum is λ_min(d²·11ᵀ + 2G)/d² by the corrected moment identity. n is d(d−1)/2 + 2 when
    ``ratio`` is None (inside the printed n <= d²), else ⌊ratio·d²⌋.
    """
    d = inst.d
    n = d * (d - 1) // 2 + 2 if ratio is None else max(1, int(ratio * d * d))
    Zi = random_cube_vectors(inst.rng("z"), n, d).astype(np.float64)
    M = d * d * np.ones((n, n)) + 2 * ((Zi @ Zi.T) ** 2 - d)
    lam = float(scipy.linalg.eigh(M, eigvals_only=True, subset_by_index=[0, 0])[0]) / d**2
    tol = 8 * n * EPS * float(np.abs(M).sum(axis=1).max()) / d**2
    return at_least(lam, level_constant, tol=tol, why="symmetric eigensolver backward error", n=n)


erratum_pair(
    kind=Kind.PROBABILITY,
    predicate=lemma_b6_event,
    threads=1,  # many small eigenproblems: BLAS threads only add contention
    printed=dict(
        id="wei2019.lemB.6.printed-range",
        error_class=ErrorClass.TYPO,
        source=src("Lemma B.6", APPB, 524),
        statement=r"n\le d^2:\ \Pr\Big[\forall\beta:\ \mathbb{E}_z\big[(\textstyle\sum_i\beta_ig(z^\top z_i))^2"
                  r"\big]\gtrsim a_2^2d^2\sum_i\beta_i^2\Big]\ge 1-e^{-\Omega(\sqrt n)}"
                  r"\quad(\text{checked with } g=x^2,\ n=\tfrac{d(d-1)}2+2,\ \gtrsim\ \text{as}\ \ge 0.1\cdot)",
        domain=Space(d=Int(4, 14), seed=Seed()),
        expect=AtLeast(0.5),
        note="The off-diagonal parts of z_i^{⊗2} live in a d(d−1)/2-dimensional space, so for "
             "n >= d(d−1)/2 + 2 some β ≠ 0 has M̃β = 0 and Σβ = 0: the left side is exactly 0 for "
             "every draw (a dimension count, not a rounding effect: the float minimum is ~1e-15 "
             "against the level 0.1). Class typo: the proof (L563) proves the bound for "
             "n <= c·d² 'for some universal constant c', Lemma B.2 (L380) invokes it with n ≲ d², "
             "and the notation section (L67) says ≲ in a condition means 'up to a universal "
             "constant' — the printed n <= d² drops that constant. Statistical check (probability "
             "kind): the event fails on every draw, so the exact binomial interval lies below ½. "
             "For the authors: Lemma B.6 should read 'for n ≲ d²' (n <= c·d² with c < ½ for "
             "g(x) = x²), as in Lemma B.2; with n <= d² literally, g = x² and n = d(d−1)/2 + 2 "
             "make the left side 0 for some β ≠ 0. Argued for the authors: ≳ in the conclusion "
             "hides a constant, but no constant rescues a left side that is exactly 0.",
    ),
    corrected=dict(
        id="wei2019.lemB.6.quadratic-regime",
        source=src("Lemma B.6 (with n <= c·d² as its proof uses)", APPB, 563),
        statement=r"n\le d^2/8,\ d\ge16:\ \Pr\Big[\min_{\beta\ne0}\frac{\mathbb{E}_z[(\sum_i\beta_i"
                  r"(z^\top z_i)^2)^2]}{d^2\|\beta\|^2}\ge 0.1\Big]\ge 0.9",
        domain=Space(d=Int(16, 24), seed=Seed()),
        params={"ratio": 1 / 8},
        expect=AtLeast(0.9),
        mutants=(Mutant("n = 0.6·d² (beyond d(d−1)/2)", params={"ratio": 0.6},
                        domain=Space(d=Int(16, 18), seed=Seed())),),
        note="Measured: the minimum ratio is 0.19–0.47 at n = d²/8 for d in 16..30 (none below 0.1); "
             "it falls to 0 for n > d(d−1)/2 + 1.",
    ),
)


# --- Bonami's lemma and the anti-concentration step (L423–429) ------------------------------------

def cube_function(inst) -> np.ndarray:
    """A table on {±1}^N: 'random' (random Fourier coefficients on |S| <= k), 'elementary' (the
    elementary symmetric polynomial e_k, near-extremal for Bonami), 'kernel' (the proof's f̂(z) =
    Σβ_i g(zᵀz_i/(N+1)) with Lemma B.5's g), or 'spike' (1 at one point: degree N)."""
    N, k, rng = inst.N, min(inst.k, inst.N), inst.rng("f")
    size = hypercube.popcount(np.arange(2**N, dtype=np.int64))
    if inst.family == "random":
        c = np.where(size <= k, rng.standard_normal(2**N) * rng.exponential(1.0, 2**N), 0.0)
        return hypercube.from_fourier(c)
    if inst.family == "elementary":
        return hypercube.from_fourier((size == k).astype(np.float64))
    if inst.family == "kernel":
        d = N + 2
        Z = hypercube.points(N).astype(np.float64)
        Zi = rng.choice([-1.0, 1.0], size=(rng.integers(1, 30), N))
        beta = rng.standard_normal(len(Zi)) * rng.exponential(1.0, len(Zi))
        g = relu_ntk.surrogate_coefficients(d, rng.uniform(0, 1), rng.uniform(0, 1))
        t = (Z @ Zi.T) / (d - 1)
        return (np.stack([t**j for j in range(5)], axis=-1) @ g) @ beta
    f = np.zeros(2**N)
    f[0] = 1.0
    return f


def bonami(inst, *, base=9.0, claimed_degree=None):
    """E f⁴ <= base^k (E f²)² with k the Fourier degree of f (or ``claimed_degree``)."""
    f = cube_function(inst)
    k = claimed_degree if claimed_degree is not None else hypercube.degree(
        hypercube.fourier_coefficients(f), tol=1e-9 * float(np.abs(f).max() + 1e-300))
    m2, m4 = float(np.mean(f**2)), float(np.mean(f**4))
    if m2 == 0:
        return precondition_failed("f is identically zero")
    ratio = m4 / m2**2
    return at_most(ratio, base**k, tol=64 * EPS * base**k, why="float64 moments (64 ulp)", degree=k)


BONAMI_SPACE = Space(N=Int(2, 14), k=Int(1, 4), family=Choice("random", "elementary", "kernel"),
                     seed=Seed())

claim(
    id="wei2019.lemB.2.bonami",
    source=src("Lemma B.2 (proof, Bonami's lemma)", APPB, 425),
    statement=r"\deg f\le k \text{ on } \{\pm1\}^N\ \Rightarrow\ \mathbb{E}_z[f(z)^4]\le 9^k"
              r"\big(\mathbb{E}_z[f(z)^2]\big)^2\quad(k=4 \text{ for } \hat f)",
    kind=Kind.INEQUALITY,
    domain=BONAMI_SPACE,
    predicate=bonami,
    mutants=(Mutant("constant 9^k → 3^k", params={"base": 3.0},
                    domain=BONAMI_SPACE.replace(N=Int(10, 14), k=Int(2, 4), family=Fixed("elementary")),
                    why="e_k on N >= 10 bits exceeds 3^k for k = 2, 3, 4 (e_2 on 14 bits: 11.7 > 9)"),
             Mutant("degree hypothesis dropped (a spike claimed degree 4)",
                    params={"claimed_degree": 4},
                    domain=BONAMI_SPACE.replace(N=Int(13, 14), family=Fixed("spike")))),
    note="Measured on the proof's f̂: the ratio stays below 4, far from 9⁴ = 6561.",
)


def anti_concentration(inst, *, t=0.75, base=9.0, claimed_degree=None):
    """Paley–Zygmund on f²: P[|f| >= t‖f‖₂] >= (1 − t²)²/base^k (exact frequency over the cube)."""
    f = cube_function(inst)
    k = claimed_degree if claimed_degree is not None else hypercube.degree(
        hypercube.fourier_coefficients(f), tol=1e-9 * float(np.abs(f).max() + 1e-300))
    norm = math.sqrt(float(np.mean(f**2)))
    if norm == 0:
        return precondition_failed("f is identically zero")
    freq = float(np.mean(np.abs(f) >= t * norm * (1 - 1e-12)))
    return at_least(freq, (1 - t * t) ** 2 / base**k, why="exact frequency over the cube "
                    "(threshold relaxed by 1e-12 relative for rounding)", degree=k)


claim(
    id="wei2019.lemB.2.anti-concentration",
    source=src("Lemma B.2 (proof, O'Donnell Prop. 9.4)", APPB, 429),
    statement=r"\deg f\le k:\ \Pr_z\big[|f(z)|\ge\tfrac34\sqrt{\mathbb{E}f^2}\big]\ge"
              r"\frac{(1-9/16)^2}{9^k} = \Omega(1)",
    kind=Kind.INEQUALITY,
    domain=BONAMI_SPACE,
    predicate=anti_concentration,
    mutants=(Mutant("degree hypothesis dropped (a spike claimed degree 4)",
                    params={"claimed_degree": 4},
                    domain=BONAMI_SPACE.replace(N=Int(16, 16), family=Fixed("spike"))),),
)


# =============================================================================================
# Theorem 2.1 / B.1: the kernel lower bound
# =============================================================================================

def kernel_on_support(d, n, rng, *, symmetric=True, tau1=0.5, tau2=0.5):
    """(signed kernel matrix A_{ji} = y_j K(x_i, s_j) over supp D, support, its labels, sample, the
    sample's labels)."""
    if symmetric:
        X, y = hd.sample(n, d, rng)
        S, ys = hd.support(d)
    else:
        X, y = hd.asymmetric_sample(n, d, rng)
        S, ys = hd.asymmetric_support(d)
    return ys[:, None] * relu_ntk.ntk(S, X, tau1, tau2), S, ys, X, y


def b1_implication(inst, *, fraction=0.25):
    """err(β) >= ¼·P_z[sign f⁺(z) = sign f⁻(z)] exactly, with f⁺(z) = f(1,0,z) + f(−1,0,z) and
    f⁻(z) = f(0,1,z) + f(0,−1,z) for a random kernel predictor f = Σβ_i K(x_i, ·)."""
    rng = inst.rng("sample")
    A, S, ys, X, _ = kernel_on_support(inst.d, inst.n, rng, tau1=inst.tau1, tau2=inst.tau2)
    beta = rng.standard_normal(inst.n) * rng.exponential(1.0, inst.n)
    f = (A @ beta) * ys  # predictions on the support, in the order of the four atoms
    blocks = f.reshape(4, -1)  # atoms (1,0), (−1,0), (0,1), (0,−1); same tail order in each
    f_plus, f_minus = blocks[0] + blocks[1], blocks[2] + blocks[3]
    same = float(np.mean(np.sign(f_plus) == np.sign(f_minus)))
    err = float(np.mean(ys * f <= 0))
    return at_least(err, fraction * same, why="exact frequencies over supp D", p_same=same)


claim(
    id="wei2019.thmB.1.sign-implication",
    source=src("Theorem B.1 (proof)", "B.1 Lower Bound for the Kernel Method", 361),
    statement=r"\operatorname{sign}f^+(z)=\operatorname{sign}f^-(z)\Rightarrow\text{one of the 4 "
              r"points }(\pm1,0,z),(0,\pm1,z)\text{ is misclassified};\ \ \mathrm{err}(\beta)\ge"
              r"\tfrac14\Pr_z[\operatorname{sign}f^+=\operatorname{sign}f^-]",
    kind=Kind.INEQUALITY,
    domain=Space(d=Int(3, 9), n=Int(1, 40), tau1=Real(0.0, 1.0), tau2=Real(0.0, 1.0), seed=Seed()),
    predicate=b1_implication,
    mutants=(Mutant("¼ → ½", params={"fraction": 0.5}),),
)


#: independent samples per instance of Theorem 2.1's kernel check (see kernel_error_floor)
THM21_DRAWS = 2


def best_kernel_predictors(inst, *, ratio, symmetric=True):
    """For each of THM21_DRAWS independent samples of n = ⌊ratio·d²⌋ points: (signed kernel matrix
    over supp D, the hinge-LP β, the sample, its labels)."""
    n = max(1, int(ratio * inst.d * inst.d))
    out = []
    for k in range(THM21_DRAWS):
        A, _, _, X, y = kernel_on_support(inst.d, n, inst.rng(f"sample{k}"), symmetric=symmetric)
        out.append((A, max_margin.hinge_lp(A), X, y))
    return n, out


def kernel_error_floor(inst, *, ratio=0.25, level=0.25, symmetric=True, every_draw=True):
    """Population error Pr_D[y f(x) <= 0] (exact frequency over all of supp D) of the best kernel
    predictor f = Σβ_i K(x_i, ·) the hinge LP finds, against the floor ``level``.

    Theorem 2.1 says every β errs on an Ω(1) fraction; the LP is the adversary (any β it names
    below the floor refutes). ``every_draw``: the floor must hold on each of THM21_DRAWS samples
    (the corrected claim, w.h.p. per sample); otherwise on at least one (the printed claim: under
    it, all samples failing has probability <= d^{−5·draws})."""
    n, fits = best_kernel_predictors(inst, ratio=ratio, symmetric=symmetric)
    errors = [float(np.mean(A @ beta <= 0)) for A, beta, _, _ in fits]
    X = np.vstack([X for _, _, X, _ in fits])
    y = np.concatenate([y for _, _, _, y in fits])
    witness = {"X_D": X, "y_D": y, "y": y} if symmetric else {}
    return at_least(min(errors) if every_draw else max(errors), level,
                    why="exact frequencies over supp D of the hinge-LP predictor of each sample",
                    n=n, errors=errors, witness=witness)


#: scale of the dyadic grid the certificate rounds β to (|numerators| < 2^50, so sums of <= 2^13
#: of them stay exact in int64)
CERT_BITS = 50


def kernel_value_enclosures(d, tau1=0.5, tau2=0.5):
    """Interval enclosures of K(x, s) for x, s ∈ supp D, as functions of t = xᵀs ∈ {−(d−1)..d−1}:
    ‖x‖² = ‖s‖² = d − 1, so K1 = t(1 − arccos(t/(d−1))/π) and K2 = (d−1)√(1 − (t/(d−1))²)/π."""
    import mpmath
    q = d - 1
    out = {}
    with interval_precision():
        pi = mpmath.iv.pi
        for t in range(-q, q + 1):
            c = iv(Fraction(t, q))
            sine = mpmath.iv.sqrt(1 - c * c)
            k1 = t * (1 - mpmath.iv.atan2(sine, c) / pi)
            k2 = q * sine / pi
            K = iv(tau1) * k1 + iv(tau2) * (k1 + k2)
            out[t] = (Fraction(float(K.a)) - Fraction(1, 2**100), Fraction(float(K.b)) + Fraction(1, 2**100))
    return out


def certified_min_margin(d, X, beta) -> tuple[Fraction, Fraction]:
    """Exact rational enclosure of min_{s ∈ supp D} y_s Σ_i β'_i K(x_i, s), where β' is β rounded to a
    dyadic grid: integer sums grouped by t = x_iᵀs, interval enclosures of K(t) (mpmath)."""
    S, ys = hd.support(d)
    scale = CERT_BITS - 1 - int(np.ceil(np.log2(max(float(np.abs(beta).max()), 1e-300))))
    m = np.round(np.asarray(beta) * 2.0**scale).astype(np.int64)
    T = np.rint(S @ X.T).astype(np.int64)  # entries of S and X are 0, ±1: exact
    K = kernel_value_enclosures(d)
    lo_total = np.zeros(len(S), dtype=object)
    hi_total = np.zeros(len(S), dtype=object)
    for t, (k_lo, k_hi) in K.items():
        B = ((T == t).astype(np.int64) @ m).astype(object) * ys.astype(np.int64).astype(object)
        a, b = B * k_lo, B * k_hi
        lo_total += np.minimum(a, b)
        hi_total += np.maximum(a, b)
    return min(lo_total) / 2**scale, min(hi_total) / 2**scale


def certify_kernel_separation(inst, *, ratio=0.25, level=0.25, symmetric=True, every_draw=True):
    """Certificate for the printed Theorem 2.1 at n = ⌊ratio·d²⌋: every sample's LP predictor,
    rounded to a dyadic grid, classifies all of supp D correctly in exact rational / interval
    arithmetic, so some β has population error exactly 0 on every draw (lhs − rhs = −level)."""
    _, fits = best_kernel_predictors(inst, ratio=ratio, symmetric=symmetric)
    margins = [certified_min_margin(inst.d, X, beta) for _, beta, X, _ in fits]
    worst = min(lo for lo, _ in margins)
    detail = (f"{len(fits)} samples; certified min over supp D of y·f in "
              + ", ".join(f"[{float(lo):.4g}, {float(hi):.4g}]" for lo, hi in margins))
    method = "exact rationals (dyadic β, integer tᵢⱼ = xᵢᵀs) with mpmath interval kernel values"
    if worst > 0:
        return exact(-Fraction(level).limit_denominator(10**9), ">=", method, detail)
    return Certificate(method, ">=", -float(level), 1.0 - float(level), detail)


THM21_SPACE = Space(d=Int(10, 11), seed=Seed())

erratum_pair(
    kind=Kind.INEQUALITY,
    domain=THM21_SPACE,
    predicate=kernel_error_floor,
    printed=dict(
        id="wei2019.thm2.1.printed-n-le-d2",
        error_class=ErrorClass.TYPO,
        certify=certify_kernel_separation,
        source=src("Theorem 2.1 (kernel part); Theorem B.1", SEC2, 99),
        statement=r"n\le d^2:\ \text{w.p. } 1-d^{-5},\ \forall\beta:\ \Pr_{\mathcal D}[f^{\rm kernel}"
                  r"(x;\beta)y\le0]=\Omega(1)\quad(\text{checked at } n=d^2,\ d\ge10,\ \Omega(1)\ "
                  r"\text{as}\ \ge\tfrac14,\ \text{on 2 independent samples})",
        params={"ratio": 1.0, "every_draw": False},
        examples=({"d": 10, "seed": 0},),
        note="At n = d² (d = 10, 11: 100 or 121 samples out of a support of 1024 or 2048 points, "
             "far from memorisation) the kernel span contains (nearly) x₁² − x₂², and the hinge LP "
             "finds a β with zero population error on every sample drawn (the threshold is about "
             "d(d−1)/2: 55–73 at d = 10, see kernel-threshold-quadratic). Certified: β rounded to a "
             "dyadic grid classifies all of supp D correctly in exact rational arithmetic with "
             "mpmath interval enclosures of the kernel values, on both samples of the instance; "
             "under the printed theorem two independent samples both admitting such a β has "
             "probability <= d^{−10}. Class typo, not statement: the proof needs n <= c·d² — "
             "Lemma B.2 (L380) says n ≲ d², the proof of B.2 (L419) n <= c₂/(4c₁²)·d², Lemma B.6's "
             "proof (L563) n <= c·d², and Theorem 1.1 (L34) o(d²) — so the intended condition is "
             "evident from the paper's own use; the notation section (L67) reads ≲ in a condition "
             "as 'for some universal constant'. For the authors: Theorems 2.1 and B.1 should read "
             "'n ≲ d²' (n <= c·d² with c < ½ suffices here): with n = d² literally, a kernel "
             "predictor with zero test error exists for every sample we drew at d = 10, 11. "
             "Argued for the authors: Ω(d²) sample complexity is what the abstract claims, and it "
             "stands; only the displayed range is too wide.",
    ),
    corrected=dict(
        id="wei2019.thm2.1.kernel-lower-bound",
        source=src("Theorem 2.1 (kernel part) with n <= d²/4", SEC2, 99),
        statement=r"n\le d^2/4,\ d\ge10:\ \forall\beta:\ \Pr_{\mathcal D}[f^{\rm kernel}(x;\beta)y\le0]"
                  r"\ge\tfrac14\ \ (\beta\ \text{searched by the hinge LP, on each of 2 samples})",
        params={"ratio": 0.25, "level": 0.25},
        domain=THM21_SPACE.replace(d=Fixed(10)),
        mutants=(Mutant("n = d² (the printed range)", params={"ratio": 1.0}),
                 Mutant("error floor ½ (the constant predictor's error)", params={"level": 0.5}),
                 Mutant("sign symmetry of D dropped (D')", params={"symmetric": False},
                        why="on D' the label x₁ − x₂ is linear and the kernel learns it from O(d) samples")),
        note="An Ω(1) floor that can fail: the hinge LP is the adversary, and the floor ¼ is below "
             "the measured best error 0.40–0.44 at n = d²/4, d = 10–12 (4 seeds each), so the "
             "tightest ratio the search reports is about 1.6. The proof's own constant (¼ times an "
             "anti-concentration probability) is smaller; ¼ is ours. The search runs at d = 10 "
             "only (two hinge LPs over 1024 support points per instance); d = 11, 12 were "
             "measured offline (0.39–0.44).",
    ),
)


def kernel_sample_threshold(inst, *, symmetric=True):
    """Smallest n (over prefixes of one i.i.d. sample) for which some β classifies supp D exactly.

    Separability is monotone in the prefix (the span only grows), so a bisection over n finds it.
    """
    d = inst.d
    rng = inst.rng("sample")
    cap = 2 * d * d
    X, _ = (hd.sample if symmetric else hd.asymmetric_sample)(cap, d, rng)
    S, ys = hd.support(d) if symmetric else hd.asymmetric_support(d)
    A = ys[:, None] * relu_ntk.ntk(S, X)

    def separable(n):
        _, beta = max_margin.linear_separation_margin(A[:, :n])
        m = A[:, :n] @ beta
        return m.min() > 4 * n * EPS * float(np.abs(A).max()) * float(np.abs(beta).sum() + 1)

    lo, hi = 0, cap
    if not separable(hi):
        return float(cap)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if separable(mid) else (mid, hi)
    return float(hi)


claim(
    id="wei2019.thm2.1.kernel-threshold-quadratic",
    source=src("Theorem 2.1 (kernel part): Ω(d²) samples", SEC2, 99),
    statement=r"\min\{n:\exists\beta,\ \Pr_{\mathcal D}[f^{\rm kernel}(x;\beta)y\le0]=0\}=\Theta(d^2)",
    kind=Kind.SCALING,
    domain=Space(d=Grid(5, 6, 7, 8, 9, 10), seed=Seed()),
    predicate=kernel_sample_threshold,
    y_label="smallest n with zero population error",
    expect=Exponent(2.0, 0.5),
    tier=Tier.STANDARD,
    mutants=(Mutant("O(d) samples suffice (exponent 1, the net's rate)", expect=Exponent(1.0, 0.5)),),
    note="The threshold tracks d(d−1)/2 (the number of degree-2 monomials x_ix_j), the mechanism "
         "behind the erratum of the printed n <= d². Measured (5 seeds): d = 5: 10–24, d = 10: "
         "55–73; on D' (no sign symmetry): d = 5: 5–9, d = 10: 13–21. At these small d the fitted "
         "slope is about 1.8 (offsets of order d), so the window is ±0.5.",
)


# =============================================================================================
# Section 4 and Appendices C–D: margins of homogeneous predictors
# =============================================================================================

def random_deep_net(rng, d, widths, outputs=1, spread=1.0):
    """Weights W_1..W_q of f(x) = W_q φ(W_{q−1} … φ(W_1 x)) (eq. 4.2) with log-uniform layer scales."""
    dims = [d, *widths, outputs]
    return [rng.standard_normal((dims[j + 1], dims[j])) * math.exp(rng.uniform(-spread, spread))
            for j in range(len(dims) - 1)]


def deep_forward(Ws, X, bias=0.0):
    """Outputs (n, outputs) of the ReLU net of eq. 4.2 (``bias`` added after the last layer)."""
    H = np.asarray(X, dtype=np.float64).T
    for W in Ws[:-1]:
        H = np.maximum(W @ H, 0.0)
    return (Ws[-1] @ H).T + bias


def euler_identity(inst, *, degree_offset=0, bias=0.0):
    """⟨∇_Θ f, Θ⟩ = q·f on autograd (torch.func.jvp) for a depth-q ReLU net, float64."""
    import torch

    from theory.homogeneity import euler_sides
    rng = inst.rng("net")
    widths = [int(w) for w in rng.integers(1, 9, inst.q - 1)]
    Ws = [torch.tensor(W) for W in random_deep_net(rng, inst.d, widths)]
    X = torch.tensor(rng.standard_normal((inst.n, inst.d)))

    def f(*layers):
        H = X.T
        for W in layers[:-1]:
            H = torch.relu(W @ H)
        return (layers[-1] @ H).reshape(-1) + bias

    directional, value = euler_sides(f, Ws)
    expected = (inst.q + degree_offset) * value
    scale = float(value.abs().max()) + 1e-300
    tol = 8 * (inst.q + 1) * (max(widths, default=1) + inst.d) * EPS * float(
        np.prod([float(W.abs().sum()) for W in Ws])) * float(X.abs().max())
    return close(float((directional - expected).abs().max()), 0.0, tol=tol,
                 why="forward-mode AD in float64: per-layer products, (q+1)(width+d)·8 ulp of the "
                     "product of entrywise ℓ1 norms", output_scale=scale, widths=widths)


claim(
    id="wei2019.eq4.2.euler-homogeneity",
    source=src("Equation (4.2) (q-positive-homogeneity of depth-q nets)", SEC4, 185),
    statement=r"f(x;\Theta)=W_q\phi(W_{q-1}\cdots\phi(W_1x)),\ \phi=\mathrm{relu}:\ "
              r"\langle\nabla_\Theta f(x;\Theta),\Theta\rangle = q\,f(x;\Theta)",
    kind=Kind.IDENTITY,
    domain=Space(q=Int(1, 5), d=Int(1, 8), n=Int(1, 6), seed=Seed()),
    predicate=euler_identity,
    mutants=(Mutant("degree q − 1", params={"degree_offset": -1}),
             Mutant("output bias 0.5 (breaks homogeneity)", params={"bias": 0.5})),
)


def zero_pad(Ws, extra, rng, *, mean_field=False):
    """Embed a net of architecture M into M' >= M (Theorem 4.3): new rows of W_j and the matching
    columns of W_{j+1} are zero (random entries elsewhere would change f). With ``mean_field`` the
    output is additionally divided by the width ratio, as a 1/m-parameterised net would be."""
    out = [W.copy() for W in Ws]
    for j, e in enumerate(extra):
        if e == 0:
            continue
        W, V = out[j], out[j + 1]
        out[j] = np.vstack([W, np.zeros((e, W.shape[1]))])
        out[j + 1] = np.hstack([V, np.zeros((V.shape[0], e))])
    if mean_field:
        m, m2 = Ws[-1].shape[1], out[-1].shape[1]
        out[-1] = out[-1] * m / m2
    return out


def normalized_margin_deep(Ws, X, y):
    q = len(Ws)
    norm = math.sqrt(sum(float(np.sum(W**2)) for W in Ws))
    return float((y * deep_forward(Ws, X)[:, 0]).min()) / norm**q


def padding_keeps_margin(inst, *, mean_field=False):
    """γ(Θ') = γ(Θ) for the zero-padded Θ' in a wider architecture (⇒ γ^{*,M} <= γ^{*,M'})."""
    rng = inst.rng("net")
    widths = [int(w) for w in rng.integers(1, 9, inst.q - 1)]
    Ws = random_deep_net(rng, inst.d, widths)
    X = rng.standard_normal((inst.n, inst.d))
    y = np.sign(deep_forward(Ws, X)[:, 0] + 1e-300)
    y[y == 0] = 1.0
    extra = [int(e) for e in rng.integers(0, 6, inst.q - 1)]
    if sum(extra) == 0:
        extra[0] = 1
    a = normalized_margin_deep(Ws, X, y)
    b = normalized_margin_deep(zero_pad(Ws, extra, rng, mean_field=mean_field), X, y)
    # The padded products add exact zeros, but BLAS may group the (longer) sums differently:
    # each of the q layers rounds within γ_k of its length k <= d + widths + extra.
    length = inst.d + max(widths) + max(extra)
    return close(b - a, 0.0, tol=8 * inst.q * length * EPS * max(abs(a), abs(b)) + 1e-300,
                 why="zero padding adds exact zeros; 8·q·(dot length) ulp for re-grouped sums and norm",
                 widths=widths, extra=extra)


claim(
    id="wei2019.thm4.3.padding-embedding",
    source=src("Theorem 4.3", SEC4, 206),
    statement=r"\mathcal M\le\mathcal M'\Rightarrow\gamma^{\star,\mathcal M}\le\gamma^{\star,\mathcal M'}"
              r"\quad(\text{via } f(\cdot;\Theta') = f(\cdot;\Theta),\ \|\Theta'\|_F=\|\Theta\|_F"
              r"\text{ for the zero-padded }\Theta')",
    kind=Kind.IDENTITY,
    domain=Space(q=Int(2, 4), d=Int(1, 6), n=Int(1, 12), seed=Seed()),
    predicate=padding_keeps_margin,
    mutants=(Mutant("mean-field 1/m output scaling", params={"mean_field": True},
                    why="the same embedding divides f by m'/m and lowers the margin"),),
)


def rebalancing(inst, *, exponent_depth=None):
    """Prop. D.1's rebalancing: W̃_j = (Π_k‖W_k‖_F)^{1/q}/(‖W_j‖_F‖Θ‖_F)·W_j gives
    f(·;Θ̃) = f(·;Θ/‖Θ‖_F) and ‖W̃_j‖_F² <= 1/q (AM–GM). ``exponent_depth`` replaces q in the
    exponent (the printed 1/k)."""
    rng = inst.rng("net")
    q = inst.q
    k = q if exponent_depth is None else exponent_depth(q)
    widths = [int(w) for w in rng.integers(1, 9, q - 1)]
    Ws = random_deep_net(rng, inst.d, widths, spread=3.0)
    X = rng.standard_normal((inst.n, inst.d))
    norms = np.array([np.linalg.norm(W) for W in Ws])
    total = math.sqrt(float(np.sum(norms**2)))
    geo = float(np.exp(np.log(norms).sum() / k))
    tilde = [geo / (nj * total) * W for W, nj in zip(Ws, norms)]
    lhs = deep_forward(tilde, X)[:, 0]
    rhs = deep_forward([W / total for W in Ws], X)[:, 0]
    # Error model: each side is a chain of q products (inner dimensions d and the widths) plus one
    # scaling per layer, so |fl − exact| <= γ_N·(|W̃_q|···|W̃_1||x|) with N = d + Σwidths + 2q; that
    # absolute chain (ReLU is the identity on it) bounds the terms that can cancel. (The former
    # relative-to-max|f| model failed on a cancelling output, calibration seed 19: 2.0e-12 > 1.1e-12.)
    chain = deep_forward([np.abs(W) / total for W in Ws], np.abs(X))[:, 0]
    size = inst.d + sum(widths) + 2 * q
    tol = 4 * dot_error(size) * (chain + 1e-300)
    ratio = float((np.abs(lhs - rhs) / tol).max())
    layer_bound = max(float(np.sum(W**2)) for W in tilde) * q
    if ratio > 1.0:
        return close(ratio, 0.0, tol=1.0, why="γ_N rounding of the two products chains, N = d + Σwidths + 2q, "
                                              "relative to the absolute chain |W_q|···|W_1||x| (×4)")
    return at_most(layer_bound, 1.0, tol=64 * EPS, why="AM–GM; 64 ulp", max_rounding_ratio=ratio)


claim(
    id="wei2019.propD.1.rebalancing",
    source=src("Proposition D.1 (proof)", "D.1 Proof of Proposition D.1", 872),
    statement=r"\tilde W_j = \frac{(\prod_k\|W_k\|_F)^{1/q}}{\|W_j\|_F\|\Theta\|_F}W_j:\ "
              r"f(\cdot;\tilde\Theta)=f(\cdot;\Theta/\|\Theta\|_F),\ \|\tilde W_j\|_F^2\le 1/q",
    kind=Kind.IDENTITY,
    domain=Space(q=Int(2, 5), d=Int(1, 6), n=Int(1, 8), seed=Seed()),
    predicate=rebalancing,
    mutants=(Mutant("exponent 1/k with k = q + 1 (the printed 1/k)",
                    params={"exponent_depth": lambda q: q + 1}),),
    note="The proof prints the exponent and the bound as 1/k; they must be 1/q.",
)


def margin_ceiling(inst, *, power=None):
    """Prop. D.1 (proof): the rebalanced Θ̃ lies in F_q and has unnormalized margin γ, so by Lemma D.3
    every depth-q net has normalized margin γ = min_i y_if(x_i;Θ/‖Θ‖_F) <= q^{−q/2}·min_i‖x_i‖
    (<= q^{−q/2}C). ``power`` replaces the exponent −q/2 (a mutant). On 'aligned' instances (rank-one
    balanced layers along one direction, all x_i positive multiples of it) equality holds."""
    rng = inst.rng("net")
    q = inst.q
    widths = [int(w) for w in rng.integers(1, 9, q - 1)]
    if inst.aligned:
        x = rng.standard_normal(inst.d)
        x /= np.linalg.norm(x)
        vecs = [x] + [np.abs(rng.standard_normal(m)) for m in widths] + [np.ones(1)]
        vecs = [v / np.linalg.norm(v) for v in vecs]
        scales = np.exp(rng.uniform(-2, 2, q))  # unbalanced layer norms: the ceiling needs rebalancing
        Ws = [s * np.outer(vecs[j + 1], vecs[j]) for j, s in enumerate(scales)]
        X = x[None, :] * rng.uniform(0.2, 3.0, (inst.n, 1))
    else:
        Ws = random_deep_net(rng, inst.d, widths, spread=3.0)
        X = rng.standard_normal((inst.n, inst.d)) * rng.uniform(0.2, 3.0)
    f = deep_forward(Ws, X)[:, 0]
    y = np.where(f >= 0, 1.0, -1.0)  # labels the net separates (γ >= 0)
    norm = math.sqrt(sum(float(np.sum(W**2)) for W in Ws))
    gamma = float((y * f).min()) / norm**q
    exponent = -q / 2 if power is None else power(q)
    ceiling = q**exponent * float(np.linalg.norm(X, axis=1).min())
    C = float(np.linalg.norm(X, axis=1).max())
    return at_most(gamma, ceiling, tol=16 * (q + 1) * (max(widths) + inst.d) * EPS * ceiling,
                   why="q layer products and the norm in float64 (16·(q+1)·(width+d) ulp)",
                   C=C, widths=widths)


MARGIN_CEILING_SPACE = Space(q=Int(2, 5), d=Int(1, 6), n=Int(1, 10), aligned=Choice(False, True),
                             seed=Seed())

claim(
    id="wei2019.propD.1.margin-ceiling",
    source=src("Proposition D.1 (proof: rebalancing into F_q, then Lemma D.3)", "D.1 Proof of Proposition D.1", 893),
    statement=r"\gamma=\min_iy_if(x_i;\Theta/\|\Theta\|_F)\le q^{-q/2}\min_i\|x_i\|\le q^{-q/2}C"
              r"\ \Rightarrow\ \frac{C}{\gamma q^{(q-1)/2}\sqrt n}\ge\sqrt{q/n},\ \ "
              r"\log_2\frac{4C}{\gamma}\ge2+\tfrac q2\log_2q",
    kind=Kind.INEQUALITY,
    domain=MARGIN_CEILING_SPACE,
    predicate=margin_ceiling,
    mutants=(Mutant("ceiling q^{−q/2} → q^{−(q+1)/2}", params={"power": lambda q: -(q + 1) / 2},
                    domain=MARGIN_CEILING_SPACE.replace(aligned=Fixed(True))),
             Mutant("ceiling q^{−q/2} → q^{−q} (‖Θ̃‖_F² read as 1/q per layer squared)",
                    params={"power": lambda q: -q},
                    domain=MARGIN_CEILING_SPACE.replace(aligned=Fixed(True)))),
    note="Equality on the aligned instances: the ceiling is attained, so D.1's leading term is never "
         "below √(q/n) and ε(γ) is always defined (log₂(4C/γ) > 1). With Golowich's explicit "
         "constant (√(2q ln 2) + 1) and Kakade's 4R̂/γ, the bound is therefore vacuous (> 1) unless "
         "n > 16(√(2q ln 2) + 1)² (114 at q = 2), even at the largest possible margin.",
)


def corollary42_bound(gamma, *, C, q, n, delta):
    """Right side of (4.3)/(D.1) without its hidden constant: C/(γq^{(q−1)/2}√n) + ε(γ),
    ε(γ) = √(log log₂(4C/γ)/n) + √(log(1/δ)/n) (NaN where log log₂(4C/γ) < 0)."""
    inner = math.log2(4 * C / gamma)
    loglog = math.log(inner) if inner > 0 else math.nan
    eps = (math.sqrt(loglog / n) if loglog >= 0 else math.nan) + math.sqrt(math.log(1 / delta) / n)
    return C / (gamma * q ** ((q - 1) / 2) * math.sqrt(n)) + eps


def corollary42_monotone(inst, *, ceiling_factor=None):
    """Cor. 4.2 with Theorem 4.3: the right side of (4.3) is finite and non-increasing in γ on the
    attainable range (0, q^{−q/2}C] (wei2019.propD.1.margin-ceiling), so γ_{λ,M} <= γ^{⋆,M}
    <= γ^{⋆,M'} gives B(γ_λ) >= B(γ^{⋆,M}) >= B(γ^{⋆,M'}): the limit bound is approached from
    above and a wider architecture's bound is no worse. ``ceiling_factor`` replaces q^{−q/2}."""
    q, C = inst.q, inst.C
    top = (q ** (-q / 2) if ceiling_factor is None else ceiling_factor(q)) * C
    g1, g2 = sorted((inst.u1 * top, inst.u2 * top))
    b1 = corollary42_bound(g1, C=C, q=q, n=inst.n, delta=inst.delta)
    b2 = corollary42_bound(g2, C=C, q=q, n=inst.n, delta=inst.delta)
    return at_most(b2, b1, tol=16 * EPS * abs(b1), why="float64 logs and roots (16 ulp)",
                   gamma_small=g1, gamma_large=g2)


COR42_SPACE = Space(q=Int(2, 6), n=Int(1, 10**6), C=Real(1e-3, 1e3, log=True),
                    delta=Real(1e-6, 0.5, log=True), u1=Real(1e-6, 1.0, log=True),
                    u2=Real(1e-6, 1.0, log=True))

claim(
    id="wei2019.cor4.2.bound-monotone-in-margin",
    source=src("Corollary 4.2 (proof: lim sup via Theorem 4.1) and Theorem 4.3", "D.1 Proof of Proposition D.1", 903),
    statement=r"B(\gamma)=\frac{C}{\gamma q^{(q-1)/2}\sqrt n}+\epsilon(\gamma)\ \text{finite and "
              r"non-increasing on }(0,q^{-q/2}C]:\ \gamma_{\lambda,\mathcal M}\le\gamma^{\star,\mathcal M}"
              r"\le\gamma^{\star,\mathcal M'}\Rightarrow B(\gamma_{\lambda,\mathcal M})\ge B(\gamma^{\star,"
              r"\mathcal M})\ge B(\gamma^{\star,\mathcal M'})",
    kind=Kind.INEQUALITY,
    domain=COR42_SPACE,
    predicate=corollary42_monotone,
    mutants=(Mutant("margin ceiling dropped (γ up to 4C)", params={"ceiling_factor": lambda q: 4.0},
                    domain=COR42_SPACE.replace(u1=Real(0.6, 1.0), u2=Real(0.6, 1.0)),
                    why="log₂(4C/γ) < 1 for γ > 2C: ε(γ) is undefined (the log of a log goes negative)"),),
    note="The bound (4.3) itself hides universal constants (≲) and is listed as not checkable; this "
         "checks the two steps that move it from γ_λ to γ^{⋆,M} and from M to M' ⊇ M.",
)


def margin_sandwich(inst, *, lower_factor=None, upper_classes=None):
    """Eqs. C.3–C.5: for ‖Θ‖_F = 1, M > 0:
    (1/n)log(1 + e^{−M^aγ_Θ}) + λM^r <= L_λ(MΘ) <= log(1 + (l−1)e^{−M^aγ_Θ}) + λM^r."""
    rng = inst.rng("net")
    l, n, q = inst.classes, inst.n, inst.q
    widths = [int(w) for w in rng.integers(1, 9, q - 1)]
    Ws = random_deep_net(rng, inst.d, widths, outputs=l)
    total = math.sqrt(sum(float(np.sum(W**2)) for W in Ws))
    Ws = [W / total for W in Ws]
    X = rng.standard_normal((n, inst.d))
    y = rng.integers(0, l, n)
    scores = deep_forward([W * inst.M for W in Ws], X)  # MΘ: every layer times M, f times M^q
    F = deep_forward(Ws, X)
    others = np.where(np.eye(l, dtype=bool)[y], -np.inf, F)
    gamma = float((F[np.arange(n), y] - others.max(axis=1)).min())
    a = q  # scaling every one of the q layers by M multiplies f by M^q
    ce = float(np.mean(logsumexp(scores, axis=1) - scores[np.arange(n), y]))
    reg = inst.lam * inst.M ** inst.r
    L = ce + reg
    lower = (lower_factor if lower_factor is not None else 1.0 / n) * np.logaddexp(0.0, -inst.M**a * gamma) + reg
    classes = l if upper_classes is None else upper_classes
    # log(1 + (l−1)e^{−M^aγ}) in log space: e^{−M^aγ} overflows for a negative margin and large M
    upper = float(np.logaddexp(0.0, math.log(classes - 1) - inst.M**a * gamma)) if classes > 1 else 0.0
    upper += reg
    tol = 16 * EPS * (abs(L) + inst.M**a * (abs(gamma) + 1) * q) + 1e-300
    lo_ev = at_least(L, lower, tol=tol, why="logsumexp in float64; rounding of M^a·γ")
    if not lo_ev.holds:
        return lo_ev
    return at_most(L, upper, tol=tol, why="logsumexp in float64; rounding of M^a·γ", margin=gamma)


SANDWICH_SPACE = Space(q=Int(1, 3), d=Int(1, 6), n=Int(1, 12), classes=Int(2, 5),
                       M=Real(0.01, 100.0, log=True), lam=Real(0.0, 1.0), r=Choice(1, 2, 3),
                       seed=Seed())

claim(
    id="wei2019.lemC.4.loss-sandwich",
    source=src("Proof of Theorem C.1 (eqs. C.3–C.5)", APPC, 718),
    statement=r"\|\Theta\|=1:\ \tfrac1n\log(1+e^{-M^a\gamma_\Theta})+\lambda M^r\le L_\lambda(M\Theta)"
              r"\le\log(1+(l-1)e^{-M^a\gamma_\Theta})+\lambda M^r",
    kind=Kind.INEQUALITY,
    domain=SANDWICH_SPACE,
    predicate=margin_sandwich,
    mutants=(Mutant("1/n dropped from the lower bound", params={"lower_factor": 1.0},
                    domain=SANDWICH_SPACE.replace(n=Int(2, 12))),
             Mutant("(l − 1) → 1 in the upper bound", params={"upper_classes": 2},
                    domain=SANDWICH_SPACE.replace(classes=Int(3, 5), M=Real(0.01, 0.5, log=True)))),
    note="Eq. C.5 prints '= exp γ_Θ' for exp(−M^aγ_Θ) (L718).",
)


def binary_reduction(inst, *, half=0.5):
    """Theorem 4.1 via C.1: with f̃ = (−f/2, f/2), cross-entropy = logistic loss and the 2-class
    margin f̃_{y} − f̃_{other} = y·f, for every output f and label y."""
    rng = inst.rng("f")
    f = rng.standard_normal(inst.n) * inst.scale
    y = rng.choice([-1.0, 1.0], inst.n)
    scores = np.stack([-half * f, half * f], axis=1)
    cls = (y > 0).astype(int)
    ce = logsumexp(scores, axis=1) - scores[np.arange(inst.n), cls]
    logistic = np.logaddexp(0.0, -y * f)
    margin2 = scores[np.arange(inst.n), cls] - scores[np.arange(inst.n), 1 - cls]
    err = max(float(np.abs(ce - logistic).max()), float(np.abs(margin2 - y * f).max()))
    return close(err, 0.0, tol=8 * EPS * (1 + float(np.abs(f).max())),
                 why="logsumexp vs logaddexp in float64 (8 ulp of |f|)")


claim(
    id="wei2019.thm4.1.binary-reduction",
    source=src("Proof of Theorem 4.1 (reduction to C.1)", "C.3 Proofs of Theorem 4.1", 808),
    statement=r"\tilde f = (-f/2, f/2):\ -\log\frac{e^{\tilde f_{y}}}{\sum_j e^{\tilde f_j}} = "
              r"\log(1+e^{-yf}),\ \ \tilde f_y-\tilde f_{-y} = yf",
    kind=Kind.IDENTITY,
    domain=Space(n=Int(1, 20), scale=Real(0.01, 100.0, log=True), seed=Seed()),
    predicate=binary_reduction,
    mutants=(Mutant("f̃ = (−f, f)", params={"half": 1.0}),),
)


def random_two_layer(rng, m, d):
    return rng.standard_normal((m, d)) * rng.exponential(1.0, (m, 1)), rng.standard_normal(m) * 2


def balanced_unit_net(inst):
    """A random two-layer net rebalanced (|w_j| = ‖u_j‖, f unchanged) and scaled to ‖Θ‖_F = 1."""
    U, w = random_two_layer(inst.rng("net"), inst.m, inst.d)
    s = np.sqrt(np.abs(w) * np.linalg.norm(U, axis=1))  # balance: |w_j| = ‖u_j‖ = s_j, f unchanged
    U = U / np.linalg.norm(U, axis=1, keepdims=True) * s[:, None]
    w = np.sign(w) * s
    total = math.sqrt(float(np.sum(U**2) + np.sum(w**2)))
    return U / total, w / total


def footnote6(inst, *, claimed=0.5):
    """Balanced unit-norm two-layer net: ‖μ‖₁ = Σ_j |w_j|‖u_j‖ = ½ (the printed footnote says 2)."""
    U, w = balanced_unit_net(inst)
    mu = float(np.sum(np.abs(w) * np.linalg.norm(U, axis=1)))
    return close(mu, claimed, tol=16 * inst.m * EPS, why="float64 sums over m units (16·m ulp)")


def certify_footnote6(inst, *, claimed=2.0):
    """Σ_j |w_j|‖u_j‖ − claimed in mpmath interval arithmetic from the net's exact floats."""
    import mpmath
    U, w = balanced_unit_net(inst)
    with interval_precision():
        mu = sum(abs(iv(wj)) * mpmath.iv.sqrt(sum(iv(u) ** 2 for u in row)) for wj, row in zip(w, U))
        return interval(mu - iv(claimed), "==", detail=f"‖μ‖₁ ≈ {float(mu.mid):.12g} for m = {inst.m} units")


FOOT6_SPACE = Space(m=Int(1, 50), d=Int(1, 10), seed=Seed())

erratum_pair(
    source=src("Footnote 6 (Proposition B.10)", "B.3 Connection to the ℓ1 SVM", 697),
    kind=Kind.IDENTITY,
    domain=FOOT6_SPACE,
    predicate=footnote6,
    printed=dict(
        id="wei2019.propB.10.printed-footnote6",
        error_class=ErrorClass.TYPO,
        certify=certify_footnote6,
        statement=r"\|\Theta\|_F=1\ \leftrightarrow\ \mu\ \text{with}\ \|\mu\| = 2",
        params={"claimed": 2.0},
        note="A balanced unit the lift of w[uᵀx]_+ is |w|‖u‖δ_ū with |w|‖u‖ = (w² + ‖u‖²)/2, so "
             "‖μ‖₁ = ‖Θ‖_F²/2 = ½ (<= ½ without balance): the '½' in γ_ℓ1/2 comes from this, not "
             "from 2. Certified in mpmath interval arithmetic (‖μ‖₁ − 2 ≈ −1.5). Class typo: "
             "Proposition B.10 itself, γ_ℓ1/2 = γ^{⋆,n+1}, is right and is what a unit-norm Θ ↔ "
             "‖μ‖₁ = ½ gives; the footnote has the factor inverted (it is a unit-norm μ that "
             "corresponds to Θ with ‖Θ‖_F² = 2). For the authors: footnote 6 should read 'every "
             "unit-norm Θ corresponds to μ with ‖μ‖₁ <= ½ (= ½ when balanced)'. Argued for the "
             "authors: the notation section lets ‖·‖ be a general norm, but the norm that matters "
             "is the constraint ‖μ‖₁ <= 1 of eq. B.14 (total mass), and that is ½, not 2.",
    ),
    corrected=dict(
        id="wei2019.propB.10.footnote6-half",
        statement=r"\|\Theta\|_F=1,\ |w_j|=\|u_j\|\ \Rightarrow\ \|\mu\|_1=\sum_j|w_j|\|u_j\| = \tfrac12",
        mutants=(Mutant("‖μ‖₁ = 1", params={"claimed": 1.0}),),
    ),
)


def l1_svm_instance(inst):
    """Separable data (labels of a random planted net) and a dictionary of unit directions."""
    rng = inst.rng("data")
    X = rng.standard_normal((inst.n, inst.d))
    U, w = random_two_layer(rng, inst.width, inst.d)
    y = np.sign(np.maximum(X @ U.T, 0.0) @ w)
    y[y == 0] = 1.0
    D = mean_field.uniform_sphere(inst.dictionary, inst.d, rng)
    return X, y, np.vstack([D, U / np.linalg.norm(U, axis=1, keepdims=True)]), U, w


def l1_svm_construction(inst, *, half=0.5):
    """Prop. B.10: the net built from an optimal μ of the LP (B.14) has normalized margin γ_ℓ1/2
    and width <= n + 1."""
    X, y, D, _, _ = l1_svm_instance(inst)
    sol = max_margin.l1_svm(max_margin.relu_features(X, D), y)
    if sol.margin <= 1e-9:
        return precondition_failed("γ_ℓ1 <= 0 on this dictionary")
    keep = np.abs(sol.weights) > 1e-12
    U, w = max_margin.network_from_l1_solution(D[keep], sol.weights[keep])
    f = np.maximum(X @ U.T, 0.0) @ w
    gamma = float((y * f).min()) / float(np.sum(U**2) + np.sum(w**2))
    if keep.sum() > inst.n + 1:
        return at_most(float(keep.sum()), inst.n + 1, why="support of a basic LP solution")
    return close(gamma, half * sol.margin, tol=1e-7 * sol.margin + 1e-9,
                 why="HiGHS primal feasibility tolerance 1e-7 (relative)", width=int(keep.sum()))


L1_SPACE = Space(n=Int(2, 15), d=Int(1, 4), width=Int(1, 4), dictionary=Int(20, 200), seed=Seed())

claim(
    id="wei2019.propB.10.l1-svm-half",
    source=src("Proposition B.10", "B.3 Connection to the ℓ1 SVM", 661),
    statement=r"\gamma_{\ell_1}=\max_{\|\mu\|_1\le1}\min_iy_i\langle\mu,\varphi_{\rm relu}(x_i)\rangle"
              r"\ \Rightarrow\ \tfrac{\gamma_{\ell_1}}{2}=\gamma^{\star,n+1}=\dots=\gamma^{\star,\infty}"
              r"\quad(\text{attained by a width}\le n+1\text{ net})",
    kind=Kind.IDENTITY,
    domain=L1_SPACE,
    predicate=l1_svm_construction,
    mutants=(Mutant("γ_ℓ1 instead of γ_ℓ1/2", params={"half": 1.0}),),
)


def l1_svm_upper_bound(inst, *, half=0.5):
    """Any two-layer net: γ(Θ) <= γ_ℓ1/2 when the dictionary contains the net's own directions."""
    X, y, D, U, w = l1_svm_instance(inst)
    sol = max_margin.l1_svm(max_margin.relu_features(X, D), y)
    gamma = float((y * (np.maximum(X @ U.T, 0.0) @ w)).min()) / float(np.sum(U**2) + np.sum(w**2))
    return at_most(gamma, half * sol.margin, tol=1e-7 * abs(sol.margin) + 1e-12,
                   why="HiGHS optimality tolerance 1e-7 (relative)")


claim(
    id="wei2019.propB.10.net-margin-below-l1",
    source=src("Proposition B.10 (γ^{⋆,m} <= γ_ℓ1/2)", "B.3 Connection to the ℓ1 SVM", 661),
    statement=r"\forall m,\Theta:\ \gamma(\Theta)=\min_iy_if(x_i;\Theta)/\|\Theta\|_F^2\le\gamma_{\ell_1}/2",
    kind=Kind.INEQUALITY,
    domain=L1_SPACE.replace(width=Int(1, 2)),
    predicate=l1_svm_upper_bound,
    mutants=(Mutant("γ_ℓ1/2 → γ_ℓ1/8", params={"half": 0.125},
                    domain=L1_SPACE.replace(width=Fixed(1), n=Int(2, 4))),),
)


# --- Theorem 4.1 with an exactly computable minimizer: the linear model (a = 1, r = 2) ---------

def regularized_logistic_minimizer(X, y, lam):
    """argmin_w (1/n)Σ log(1 + e^{−y_i wᵀx_i}) + λ‖w‖² (trust-region Newton, scipy) and the
    suboptimality bound ‖∇L‖²/(4λ) from 2λ-strong convexity."""
    from scipy.optimize import minimize
    from scipy.special import expit
    A = y[:, None] * X
    n = len(y)

    def fun(w):
        return float(np.mean(np.logaddexp(0.0, -A @ w)) + lam * w @ w)

    def jac(w):
        return -(A.T @ expit(-A @ w)) / n + 2 * lam * w

    def hess(w):
        s = expit(A @ w) * expit(-A @ w)
        return (A.T * s) @ A / n + 2 * lam * np.eye(len(w))

    res = minimize(fun, np.zeros(X.shape[1]), jac=jac, hess=hess, method="trust-exact",
                   options={"gtol": 1e-14, "maxiter": 500})
    g = jac(res.x)
    return res.x, float(g @ g) / (4 * lam)


def theorem41_linear(inst, *, factor_n=True):
    """C.6 + C.7 at the global minimizer: n·log(1 + e^{−Bγ*}) >= log(1 + e^{−Bγ_λ}), B = ‖w_λ‖."""
    rng = inst.rng("data")
    d, n = inst.d, inst.n
    w_true = rng.standard_normal(d)
    X = rng.standard_normal((4 * n, d))
    keep = np.abs(X @ w_true) / np.linalg.norm(w_true) > 0.1
    X = X[keep][:n]
    if len(X) < n:
        return precondition_failed("not enough points with margin >= 0.1")
    y = np.sign(X @ w_true)
    gamma_star, _ = max_margin.linear_max_margin(X, y)
    w, gap = regularized_logistic_minimizer(X, y, inst.lam)
    B = float(np.linalg.norm(w))
    gamma_lam = float((y * (X @ w)).min()) / B
    lhs = (n if factor_n else 1) * float(np.logaddexp(0.0, -B * gamma_star))
    rhs = float(np.logaddexp(0.0, -B * gamma_lam))
    tol = n * gap + 1e-9 * B * (1 + np.abs(X).max()) * rhs + 64 * EPS
    return at_least(lhs, rhs, tol=tol, why="n × suboptimality ‖∇L‖²/(4λ) of the Newton solution, "
                    "SLSQP's 1e-9 error in γ*, 64 ulp", gamma_star=gamma_star, gamma_lambda=gamma_lam,
                    norm=B)


claim(
    id="wei2019.thm4.1.margin-inequality",
    source=src("Proof of Theorem C.1 (C.6 + C.7), used for Theorem 4.1", APPC, 734),
    statement=r"\forall\lambda>0:\ n\log(1+(l-1)e^{-\|\Theta_\lambda\|^a\gamma^\star})\ge"
              r"\log(1+e^{-\|\Theta_\lambda\|^a\gamma_\lambda})\quad(l=2,\ f=w^\top x,\ a=1,\ r=2)",
    kind=Kind.INEQUALITY,
    domain=Space(n=Int(1, 30), d=Int(1, 6), lam=Real(1e-10, 1e-2, log=True), seed=Seed()),
    predicate=theorem41_linear,
    examples=({"n": 1, "d": 1, "lam": 1e-6, "seed": 0},),
    mutants=(Mutant("factor n dropped", params={"factor_n": False},
                    domain=Space(n=Int(2, 30), d=Int(1, 6), lam=Real(1e-10, 1e-2, log=True), seed=Seed())),),
    note="On the linear model the minimizer Θ_λ is unique and computable to a certified "
         "suboptimality; the inequality is the step of the proof that forces γ_λ → γ*.",
)


# --- Theorem B.9 (regression) with a two-layer ReLU net on one example of D ---------------------

def b9_example(inst):
    """One example (x, y) of D, x ∈ supp D with ‖x‖ = √(d − 1), y = ±1 its label."""
    X, y = hd.sample(1, inst.d, inst.rng("example"))
    return X[0], float(y[0])


def b9_regularized_net(inst, x, y):
    """Θ_λ = argmin (f(x; Θ) − y)² + λ‖Θ‖² over width-m nets f = Σ_j w_j[u_jᵀx]_+ (L-BFGS from a
    seeded init with every unit active on x and output weights of the sign of y, the best of three
    restarts), with its loss."""
    from scipy.optimize import minimize
    m, d, lam = inst.m, inst.d, inst.lam
    rng = inst.rng("init")

    def loss_grad(theta):
        U, w = theta[: m * d].reshape(m, d), theta[m * d:]
        pre = U @ x
        act = np.maximum(pre, 0.0)
        r = float(w @ act) - y
        gU = (2 * r * w * (pre > 0))[:, None] * x[None, :] + 2 * lam * U
        gw = 2 * r * act + 2 * lam * w
        return r * r + lam * float(theta @ theta), np.concatenate([gU.ravel(), gw])

    best = None
    for _ in range(3):
        U0 = rng.standard_normal((m, d)) * 0.5
        U0 *= np.where(U0 @ x < 0, -1.0, 1.0)[:, None]
        theta0 = np.concatenate([U0.ravel(), math.copysign(1.0, y) * np.abs(rng.standard_normal(m))])
        res = minimize(loss_grad, theta0, jac=True, method="L-BFGS-B",
                       options={"gtol": 1e-11, "ftol": 1e-16, "maxiter": 3000})
        if best is None or res.fun < best.fun:
            best = res
        if best.fun < 1.0:  # f(x) moved towards y: this restart left the dead region
            break
    return best.x, float(best.fun)


#: accuracy of ‖Θ_λ‖ from L-BFGS (gtol 1e-11 on a problem with curvature >= 2λ >= 2e-4): the
#: check's tolerance
B9_OPT_TOL = 1e-5


def theorem_b9_net(inst, *, squared_limit=False, target_factor=1.0):
    """‖Θ_λ‖ against the limit ‖Θ*‖ (or ‖Θ*‖² as printed) within the finite-λ gap.

    One example, any width m: |f(x)| <= Σ|w_j|‖u_j‖‖x‖ <= ½‖Θ‖²‖x‖ (AM–GM), with equality for one
    balanced unit along x, so ‖Θ*‖² = 2|y|/‖x‖ and the regularised optimum has f(x) = y − sign(y)λ/‖x‖,
    ‖Θ_λ‖² = ‖Θ*‖² − 2λ/‖x‖². The minimiser itself comes from L-BFGS; a run that misses the
    global loss L* by more than its tolerance is a precondition failure (not a verdict)."""
    x, y = b9_example(inst)
    nx = float(np.linalg.norm(x))
    theta, loss = b9_regularized_net(inst, x, y)
    lam = inst.lam
    best = lam * lam / nx**2 + 2 * lam * (abs(y) - lam / nx) / nx
    if loss > best * (1 + 1e-6) + 1e-12:
        return precondition_failed(f"L-BFGS stopped at loss {loss:.6g} above the global minimum {best:.6g}")
    star_sq = 2 * abs(y) / nx
    target = (star_sq if squared_limit else math.sqrt(star_sq)) * target_factor
    # ‖Θ*‖ − ‖Θ_λ‖ at the optimum: (‖Θ*‖² − ‖Θ_λ‖²)/(‖Θ*‖ + ‖Θ_λ‖)
    gap = 2 * lam / (nx**2 * (math.sqrt(star_sq) + math.sqrt(star_sq - 2 * lam / nx**2)))
    return at_most(abs(float(np.linalg.norm(theta)) - target), gap, tol=B9_OPT_TOL,
                   why="L-BFGS accuracy of ‖Θ_λ‖ (gtol 1e-11, curvature >= 2λ)",
                   norm=float(np.linalg.norm(theta)), limit=target,
                   witness={"X_D": x[None, :], "y_D": np.array([y]), "y": np.array([y])})


def certify_b9_limit(inst, *, squared_limit=True, target_factor=1.0):
    """The printed comparison at the exact optimum (‖Θ_λ‖² = 2(|y|‖x‖ − λ)/‖x‖², ‖x‖² = d − 1, the
    AM–GM bound of theorem_b9_net), in mpmath interval arithmetic: |‖Θ_λ‖ − ‖Θ*‖²| − gap − tol."""
    import mpmath
    x, y = b9_example(inst)
    with interval_precision():
        nx = mpmath.iv.sqrt(iv(inst.d - 1))
        lam = iv(inst.lam)
        star_sq = 2 * iv(abs(y)) / nx
        norm_lam = mpmath.iv.sqrt(2 * (iv(abs(y)) * nx - lam) / nx**2)
        target = star_sq if squared_limit else mpmath.iv.sqrt(star_sq)
        gap = 2 * lam / (nx**2 * (mpmath.iv.sqrt(star_sq) + norm_lam))
        diff = abs(norm_lam - target * iv(target_factor)) - gap - iv(B9_OPT_TOL)
        return interval(diff, "<=", detail=f"d = {inst.d}, λ = {inst.lam:.3g}: ‖Θ_λ‖ = {float(norm_lam.mid):.6f}, "
                        f"‖Θ*‖² = {float(star_sq.mid):.6f}")


B9_SPACE = Space(d=Int(3, 12), m=Int(1, 4), lam=Real(1e-4, 1e-2, log=True), seed=Seed())

erratum_pair(
    kind=Kind.INEQUALITY,
    domain=B9_SPACE,
    predicate=theorem_b9_net,
    printed=dict(
        id="wei2019.thmB.9.printed-norm-limit",
        error_class=ErrorClass.TYPO,
        certify=certify_b9_limit,
        source=src("Theorem B.9", "B.3 Regression Setting", 631),
        statement=r"\lambda\to0:\ L_{\lambda,m}(\Theta_{\lambda,m})\to0,\ \|\Theta_{\lambda,m}\|_2\to"
                  r"\|\Theta^{\star,m}\|_2^2",
        params={"squared_limit": True},
        examples=({"d": 10, "m": 1, "lam": 1e-4, "seed": 0},),
        note="Inside the theorem's model class: a width-m two-layer ReLU net (m = 1..4) fitted to one "
             "example of D (x ∈ supp D, y = ±1, so a width-m net fits it exactly). Θ_λ comes from "
             "L-BFGS; its loss is checked against the exact global minimum (|f(x)| <= ½‖Θ‖²‖x‖ by "
             "AM–GM, tight for one balanced unit). ‖Θ_λ‖ tends to ‖Θ*‖ = (2/√(d−1))^{1/2}, not to "
             "‖Θ*‖² = 2/√(d−1) (they agree only at d = 5). Certified at the exact optimum in mpmath "
             "interval arithmetic. Class typo: the proof's last line (L643) concludes "
             "lim ‖Θ_λ‖² = ‖Θ*‖², so the statement lost the square on its left side. "
             "For the authors: Theorem B.9 should read ‖Θ_{λ,m}‖₂ → ‖Θ^{⋆,m}‖₂ (or both sides "
             "squared), as the proof shows. Argued for the authors: nothing downstream uses the "
             "squared form; the regression gap argument only needs the norm to stay O(1).",
    ),
    corrected=dict(
        id="wei2019.thmB.9.norm-limit",
        source=src("Theorem B.9 (proof)", "B.3 Regression Setting", 640),
        statement=r"\lambda\|\Theta_\lambda\|^2\le L_\lambda(\Theta_\lambda)\le\lambda\|\Theta^\star\|^2,"
                  r"\ \ \|\Theta_\lambda\|\to\|\Theta^\star\|\ \ (|\,\|\Theta_\lambda\|-\|\Theta^\star\|\,|"
                  r"=\frac{2\lambda}{\|x\|^2(\|\Theta^\star\|+\|\Theta_\lambda\|)}\text{ on one example})",
        mutants=(Mutant("limit 1.01·‖Θ*‖", params={"target_factor": 1.01}),
                 Mutant("limit ‖Θ*‖/√2 (one unit's share of two)", params={"target_factor": 2 ** -0.5})),
        note="The finite-λ gap is exact at the optimum, so the check is tight up to the optimiser's "
             "tolerance 1e-5 (ratio lhs/rhs near 1 whenever the gap exceeds it, λ >~ 1e-4).",
    ),
)


# =============================================================================================
# Section 3 and Appendix E: the mean-field functional and the perturbed Wasserstein flow
# =============================================================================================

def mean_field_instance(inst, activation="relu"):
    """Example 3.2 on random data: a Problem and a random particle measure ρ (Dirichlet weights)."""
    rng = inst.rng("mf")
    X = rng.standard_normal((inst.n, inst.d)) * rng.uniform(0.2, 2.0)
    y = rng.choice([-1.0, 1.0], inst.n)
    if inst.data == "aligned":  # y_i x_i all close to one direction: ∇R·Φ adds up coherently
        e = rng.standard_normal(inst.d)
        X = y[:, None] * (e / np.linalg.norm(e) + 0.05 * X)
    problem = mean_field.Problem(X, y, inst.lam, activation=activation)
    M = inst.particles
    theta = rng.standard_normal((M, inst.d + 1)) * rng.exponential(1.0, (M, 1))
    return problem, mean_field.Particles(theta, rng.dirichlet(np.ones(M))), rng


MF_SPACE = Space(n=Int(1, 30), d=Int(1, 6), particles=Int(1, 40), lam=Real(1e-4, 10.0, log=True),
                 data=Choice("random", "aligned"), seed=Seed())


def example32_network_measure(inst, *, root_m=True):
    """L[ρ] = L_λ(Θ) for ρ = (1/m)Σ δ_{√m·θ_j} (Example 3.2 with the 1/n of eq. 2.2)."""
    rng = inst.rng("net")
    m = inst.particles
    X = rng.standard_normal((inst.n, inst.d))
    y = rng.choice([-1.0, 1.0], inst.n)
    U, w = random_two_layer(rng, m, inst.d)
    rho = mean_field.Particles.from_network(U, w)
    if not root_m:
        rho = mean_field.Particles(rho.theta / math.sqrt(m), rho.p)
    problem = mean_field.Problem(X, y, inst.lam)
    f = np.maximum(X @ U.T, 0.0) @ w
    direct = float(np.mean(np.logaddexp(0.0, -y * f))) + inst.lam * float(np.sum(U**2) + np.sum(w**2))
    return close(problem.loss(rho), direct, tol=64 * m * EPS * (1 + abs(direct)),
                 why="float64 sums over m units (64·m ulp)")


claim(
    id="wei2019.ex3.2.network-as-measure",
    source=src("Example 3.2", SEC3, 133),
    statement=r"\rho=\tfrac1m\sum_j\delta_{\sqrt m\theta_j}:\ \ L[\rho]=R\big(\textstyle\int\Phi d\rho\big)"
              r"+\int Vd\rho = L_\lambda(\Theta)\ \ (\Phi_i=w[u^\top x_i]_+,\ V=\lambda\|\theta\|^2)",
    kind=Kind.IDENTITY,
    domain=MF_SPACE,
    predicate=example32_network_measure,
    mutants=(Mutant("particles without the √m factor", params={"root_m": False},
                    domain=MF_SPACE.replace(particles=Int(2, 40))),),
    note="R is taken with the 1/n of eq. 2.2; Example 3.2 prints R without it (a rescaling of λ by n).",
)


def lemma_e15(inst, *, degree=2):
    """θ̄ᵀ∇h(θ) = 2‖θ‖h(θ̄) for the 2-homogeneous h = L'[ρ] (checked through v = −∇L')."""
    problem, rho, rng = mean_field_instance(inst)
    theta = rng.standard_normal((8, inst.d + 1)) * rng.exponential(1.0, (8, 1))
    r = np.linalg.norm(theta, axis=1)
    bar = theta / r[:, None]
    lhs = -np.sum(bar * problem.velocity(rho, theta), axis=1)
    rhs = degree * r * problem.first_variation(rho, bar)
    scale = float(np.abs(lhs).max() + np.abs(rhs).max()) + 1e-300
    return close(float(np.abs(lhs - rhs).max()), 0.0, tol=64 * (inst.n + inst.d) * EPS * scale,
                 why="float64 gradient sums over n samples and d+1 coordinates")


claim(
    id="wei2019.lemE.15.radial-derivative",
    source=src("Lemma E.15", APPE, 1075),
    statement=r"h\ \text{2-homogeneous}:\ \bar\theta^\top\nabla h(\theta)=2\|\theta\|h(\bar\theta)",
    kind=Kind.IDENTITY,
    domain=MF_SPACE,
    predicate=lemma_e15,
    mutants=(Mutant("factor 1 (a 1-homogeneous h)", params={"degree": 1}),),
)


def lemma_e6(inst, *, mr_power=0.5):
    """max over sampled θ̄ ∈ S^d of |L'[ρ](θ̄)| <= B_L = M_R B_Φ + B_V (constants of Example 3.2);
    ``mr_power`` sets M_R = n^{mr_power}/n."""
    problem, rho, rng = mean_field_instance(inst)
    bar = mean_field.uniform_sphere(500, inst.d + 1, rng)
    bar = np.vstack([bar, problem.velocity(rho, bar)])  # add steepest directions (normalised)
    bar = bar / np.maximum(np.linalg.norm(bar, axis=1, keepdims=True), 1e-300)
    c = problem.constants()
    B_L = inst.n ** mr_power / inst.n * c["B_Phi"] + c["B_V"]
    value = float(np.abs(problem.first_variation(rho, bar)).max())
    return at_most(value, B_L, tol=64 * inst.n * EPS * B_L, why="float64 sums (64·n ulp)")


claim(
    id="wei2019.lemE.6.first-variation-bound",
    source=src("Lemma E.6", APPE, 937),
    statement=r"|L'[\rho_t](\bar\theta)|\le B_L\triangleq M_RB_\Phi+B_V\quad\forall\bar\theta\in"
              r"\mathbb S^{d}",
    kind=Kind.INEQUALITY,
    domain=MF_SPACE,
    predicate=lemma_e6,
    mutants=(Mutant("M_R = 1/n instead of 1/√n", params={"mr_power": 0.0},
                    domain=MF_SPACE.replace(n=Int(10, 30), d=Int(1, 2), lam=Real(1e-4, 1e-3, log=True))),),
    note="Constants for Example 3.2 with R normalised by 1/n: M_R = 1/√n, B_Φ = ½‖X‖_F, B_V = λ. "
         "The paper states E.6 on S^{d−1}; the parameter sphere is S^d.",
)


def lemma_e13(inst, *, root_k=True):
    """|L'[ρ](θ̄) − L'[ρ](θ̄')| <= c₂‖θ̄ − θ̄'‖ on S^d, c₂ = √k M_R M_Φ + M_V."""
    problem, rho, rng = mean_field_instance(inst)
    a = mean_field.uniform_sphere(200, inst.d + 1, rng)
    b = a + rng.standard_normal(a.shape) * rng.exponential(0.3, (len(a), 1))
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    c = problem.constants()
    c2 = c["c2"] if root_k else c["M_R"] * c["M_Phi"] + c["M_V"]
    diff = np.abs(problem.first_variation(rho, a) - problem.first_variation(rho, b))
    dist = np.linalg.norm(a - b, axis=1)
    ratio = float((diff / np.maximum(dist, 1e-300)).max())
    return at_most(ratio, c2, tol=1e-9 * c2, why="differences of float64 sums over near points "
                   "(1e-9 relative covers cancellation at distance >= 1e-6)")


claim(
    id="wei2019.lemE.13.lipschitz",
    source=src("Lemma E.13", APPE, 1052),
    statement=r"|L'[\rho](\bar\theta)-L'[\rho](\bar\theta')|\le c_2\|\bar\theta-\bar\theta'\|,\ "
              r"c_2=\sqrt kM_RM_\Phi+M_V",
    kind=Kind.INEQUALITY,
    domain=MF_SPACE,
    predicate=lemma_e13,
    mutants=(Mutant("√k dropped from c₂", params={"root_k": False},
                    domain=MF_SPACE.replace(n=Int(20, 30), d=Int(1, 2), lam=Real(1e-4, 1e-3, log=True),
                                            data=Fixed("aligned"))),),
)


def lemma_e20(inst, *, factor=4.0):
    """E_ρ‖v‖² >= factor·(E_ρ L'[ρ](θ))²/W² (the proof of Lemma E.20 gives 4; the statement 1)."""
    problem, rho, _ = mean_field_instance(inst)
    v = problem.velocity(rho, rho.theta)
    ev2 = float(rho.p @ np.sum(v**2, axis=1))
    el = float(rho.p @ problem.first_variation(rho, rho.theta))
    W2 = rho.second_moment()
    rhs = factor * el**2 / W2
    return at_least(ev2, rhs, tol=64 * (inst.n + inst.d) * EPS * max(ev2, rhs),
                    why="float64 sums (64·(n+d) ulp)", ratio=ev2 / rhs if rhs > 0 else math.inf)


claim(
    id="wei2019.lemE.20.velocity-bound",
    source=src("Lemma E.20 (proof: Cauchy–Schwarz with Lemma E.15)", APPE, 1154),
    statement=r"\mathbb E_{\rho}\|v[\rho]\|^2\ge\frac{4(\mathbb E_\rho L'[\rho](\theta))^2}{W^2}"
              r"\ \Rightarrow\ \frac{dL}{dt}\le\sigma B_L(W^2+1)-\frac{(\mathbb E_{\rho_t}L')^2}{W^2}",
    kind=Kind.INEQUALITY,
    domain=MF_SPACE,
    predicate=lemma_e20,
    mutants=(Mutant("factor 4 → 5", params={"factor": 5.0},
                    domain=MF_SPACE.replace(particles=Int(1, 2), lam=Real(1.0, 10.0, log=True))),),
    note="Equality when v ∝ θ on the support (e.g. V dominant): the factor 4 is tight.",
)


def convexity_gap(inst, *, concave=False):
    """Eq. E.13: L[ρ] − L[ρ*] <= E_ρL'[ρ] − E_{ρ*}L'[ρ] (L convex in ρ; ``concave`` uses −R)."""
    problem, rho, rng = mean_field_instance(inst)
    M = inst.particles
    other = mean_field.Particles(rng.standard_normal((M, inst.d + 1)) * rng.exponential(1.0, (M, 1)),
                                 rng.dirichlet(np.ones(M)))
    sign = -1.0 if concave else 1.0

    def L(r):
        return sign * problem.risk(problem.outputs(r)) + problem.lam * r.second_moment()

    def Lp(r, theta):
        g = sign * problem.risk_gradient(problem.outputs(r))
        return problem.phi(theta) @ g + problem.lam * np.sum(theta**2, axis=1)

    lhs = L(rho) - L(other)
    rhs = float(rho.p @ Lp(rho, rho.theta) - other.p @ Lp(rho, other.theta))
    return at_most(lhs, rhs, tol=64 * (inst.n + M) * EPS * (abs(L(rho)) + abs(L(other)) + abs(rhs)),
                   why="float64 sums (64·(n+M) ulp)")


claim(
    id="wei2019.thmE.4.convexity-step",
    source=src("Proof of Theorem E.4 (eq. E.13)", APPE, 1176),
    statement=r"L[\rho_t]-L[\rho^\star]\le\mathbb E_{\rho_t}L'[\rho_t]-\mathbb E_{\rho^\star}L'[\rho_t]",
    kind=Kind.INEQUALITY,
    domain=MF_SPACE,
    predicate=convexity_gap,
    mutants=(Mutant("R concave (−logistic): convexity dropped", params={"concave": True}),),
)


def lemma_e7(inst, *, sigma_sign=1.0, kinetic=1.0):
    """dL/dt = −σE_ρ[L'] + σE_U[L'] − E_ρ‖v‖² along eq. 3.2, against finite differences of one
    perturbed step at η₁ = 1e-3 and η₂ = 1e-4 (U^d = 64 fixed sphere points; smooth bilinear Φ)."""
    problem, rho, rng = mean_field_instance(inst, activation="linear")
    fresh = mean_field.uniform_sphere(64, inst.d + 1, rng)
    sigma = inst.sigma
    L0 = problem.loss(rho)
    fd = [(problem.loss(mean_field.perturbed_step(problem, rho, eta, sigma, fresh)) - L0) / eta
          for eta in (1e-3, 1e-4)]
    v = problem.velocity(rho, rho.theta)
    rhs = (sigma_sign * (-sigma * float(rho.p @ problem.first_variation(rho, rho.theta))
                         + sigma * float(np.mean(problem.first_variation(rho, fresh))))
           - kinetic * float(rho.p @ np.sum(v**2, axis=1)))
    richardson = abs(fd[0] - fd[1])  # first-order FD: the error at η₂ is about this / 9
    rounding = 1e4 * EPS * (abs(L0) + 1)
    return close(fd[1], rhs, tol=richardson + rounding,
                 why="O(η) finite-difference error estimated by |FD(η₁) − FD(η₂)| (Richardson), "
                     "plus rounding of L/η₂", fd_coarse=fd[0])


claim(
    id="wei2019.lemE.7.loss-derivative",
    source=src("Lemma E.7", APPE, 947),
    statement=r"\frac{d}{dt}L[\rho_t]=-\sigma\int L'[\rho_t]d\rho_t+\sigma\int L'[\rho_t]dU^d-"
              r"\int\|v[\rho_t]\|^2d\rho_t",
    kind=Kind.IDENTITY,
    domain=Space(n=Int(1, 20), d=Int(1, 5), particles=Int(1, 30), lam=Real(1e-3, 1.0, log=True),
                 sigma=Real(0.05, 1.0), data=Choice("random", "aligned"), seed=Seed()),
    predicate=lemma_e7,
    mutants=(Mutant("sign of the σ-terms flipped", params={"sigma_sign": -1.0}),
             Mutant("E‖v‖² term dropped", params={"kinetic": 0.0})),
)


def cap_bound(inst, *, form="ball"):
    """Lemma E.14's cap measure bound for r = δ/c₂: printed m >= r^{2d}; Ball m >= ½(r/2)^d;
    mutant 'ball-off-by-one' uses ½(r/2)^{d−1} (S^d mistaken for S^{d+1})."""
    d, r = inst.d, inst.r
    m = float(mean_field.cap_measure(d, r))
    if form == "printed":
        return at_least(math.log(m), 2 * d * math.log(r), tol=1e-12 * 2 * d * abs(math.log(r)),
                        why="betainc to ~1e-14 relative", cap_measure=m, witness={"c2": 1.0})
    exponent = d if form == "ball" else d - 1
    bound = 0.5 * (r / 2) ** exponent
    return at_least(m, bound, tol=1e-12 * bound, why="betainc to ~1e-14 relative", cap_measure=m)


def cap_measure_interval(d, r):
    """mpmath interval enclosure of the normalised measure of a cap of chord radius r <= 2 on S^d:
    ∫₀^φ sin^{d−1}t dt / ∫₀^π sin^{d−1}t dt with cos φ = 1 − r²/2, by the reduction formula
    I_k = −sin^{k−1}φ cos φ / k + (k−1)/k·I_{k−2} (forward-stable: the factor (k−1)/k < 1)."""
    import mpmath
    r = iv(r)
    cos, sin = 1 - r * r / 2, r * mpmath.iv.sqrt(1 - r * r / 4)
    phi = mpmath.iv.atan2(sin, cos)
    partial = [phi, 1 - cos]                  # I_0, I_1
    whole = [mpmath.iv.pi, mpmath.iv.mpf(2)]  # J_0, J_1
    for k in range(2, d):
        partial.append(-sin ** (k - 1) * cos / k + partial[k - 2] * (k - 1) / k)
        whole.append(whole[k - 2] * (k - 1) / k)
    return partial[d - 1] / whole[d - 1]


def certify_cap_bound(inst, *, form="printed"):
    """log m(cap) − 2d·log r in mpmath interval arithmetic (the printed Lemma E.14 with c₂ = 1, δ = r)."""
    import mpmath
    with interval_precision():
        m = cap_measure_interval(inst.d, inst.r)
        return interval(mpmath.iv.log(m) - 2 * inst.d * mpmath.iv.log(iv(inst.r)), ">=",
                        detail=f"d = {inst.d}, r = δ/c₂ = {inst.r:.6g}: m(cap) ∈ [{float(m.a):.6g}, "
                               f"{float(m.b):.6g}], (δ/c₂)^(2d) = {inst.r ** (2 * inst.d):.6g}")


CAP_SPACE = Space(d=Int(1, 60), r=Real(0.01, 1.0))

erratum_pair(
    kind=Kind.INEQUALITY,
    domain=CAP_SPACE,
    predicate=cap_bound,
    printed=dict(
        id="wei2019.lemE.14.printed-cap-bound",
        error_class=ErrorClass.STATEMENT,
        certify=certify_cap_bound,
        examples=({"d": 1, "r": 1.0},),
        source=src("Lemma E.14", APPE, 1065),
        statement=r"K_t^{-\tau}\ne\emptyset,\ 0\le\delta\le\tau:\ \log m(K_t^{-\tau+\delta})\ge-2d\log"
                  r"\frac{c_2}{\delta}\quad(\text{checked on the cap of radius }\delta/c_2\text{ it "
                  r"rests on})",
        params={"form": "printed"},
        note="Realised with L' = −τ + c₂‖θ̄ − θ̄₀‖ (c₂-Lipschitz), whose sublevel set K^{−τ+δ} is "
             "exactly the cap of radius δ/c₂. Fails for δ/c₂ > r*(d): r*(1) ≈ 0.32, r*(10) ≈ 0.77 "
             "(e.g. d = 1, δ = τ = c₂: the printed bound says m >= 1, the cap has measure ⅓). "
             "Certified in mpmath interval arithmetic (reduction formula for ∫sin^{d−1}). Inside "
             "Assumptions E.1–E.3: k = 1, R the Huber function (convex, nonnegative, M_R = C_R = 1, "
             "R' = 1 where ∫Φdρ >= 1), V = b_V‖θ‖² with b_V → 0, Φ(θ) = ‖θ‖²φ(θ̄) with φ a C¹ "
             "smoothing of −τ' + c₂‖θ̄ − θ̄₀‖ within η of θ̄₀; the sublevel set is then the cap of "
             "radius δ/c₂ + η/2 and c₂ = M_Φ + 2b_V, so the strict failure persists for small η, "
             "b_V. Class statement: the lemma puts no upper limit on δ/c₂ (only δ <= τ), and the "
             "Ball (1997) bound its proof cites gives ½(δ/(2c₂))^d, which implies the printed form "
             "only for δ/c₂ below about ¼. Theorem E.4 uses δ = τ/2 with τ = ε/(2W_ε²) small, where "
             "the printed form holds, so the theorem is not affected. For the authors: Lemma E.14 "
             "should read log m(K^{−τ+δ}) >= −d·log(2c₂/δ) − log 2 (Ball's Lemma 2.3 on S^d), or "
             "keep 2d·log(c₂/δ) and add δ <= c₂/4. Argued for the authors: constants are "
             "'universal' throughout, but the lemma is explicit and the failure is not a constant: "
             "for δ > c₂ its right side is positive while log m <= 0.",
    ),
    corrected=dict(
        id="wei2019.lemE.14.ball-cap-bound",
        source=src("Lemma E.14 via Ball (1997), Lemma 2.3", APPE, 1071),
        statement=r"m(K_t^{-\tau+\delta})\ge\tfrac12\big(\tfrac{\delta}{2c_2}\big)^d",
        mutants=(Mutant("exponent d − 1", params={"form": "ball-off-by-one"}),),
    ),
)


def l_values(W2, eps, d, c2, sigma, *, corrected=True, plus_one=True, log=math.log):
    """(l chosen in Theorem E.4's proof, l required by Lemma E.16) with τ = ε/(2W²); ``log`` is
    math.log for floats or mpmath.iv.log for interval arguments."""
    tau = eps / (2 * W2)
    req = (log(W2 / sigma) + 2 * d * log(2 * c2 / tau)) / (tau - sigma) + 1
    if corrected:
        chosen = 2 * W2 / (eps - 2 * W2 * sigma) * (log(W2 / sigma) + 2 * d * log(4 * W2 * c2 / eps))
        chosen = chosen + 1 if plus_one else chosen
    else:
        chosen = W2 / (eps - 2 * W2 * sigma) * (2 * log(W2 / sigma) + 2 * d * log(4 * W2 * c2 / eps))
    return chosen, req


def l_choice(inst, *, corrected=True, plus_one=True):
    """Theorem E.4's l against Lemma E.16's requirement l >= (log(W²/σ) + 2d log(2c₂/τ))/(τ−σ) + 1
    with τ = ε/(2W²). Printed: l = W²/(ε−2W²σ)·(2log(W²/σ) + 2d log(4W²c₂/ε));
    corrected: 2W²/(ε−2W²σ)·(log(W²/σ) + 2d log(4W²c₂/ε)) + 1 (equal to the requirement)."""
    sigma = inst.sigma_fraction * inst.eps / (2 * inst.W2)
    chosen, req = l_values(inst.W2, inst.eps, inst.d, inst.c2, sigma, corrected=corrected, plus_one=plus_one)
    return at_least(chosen, req, tol=64 * EPS * abs(req), why="float64 evaluation (64 ulp)",
                    witness={"eps": inst.eps, "sigma": sigma, "W2": inst.W2, "c2": inst.c2})


def certify_l_choice(inst, *, corrected=False, plus_one=True):
    """chosen − required in mpmath interval arithmetic from the instance's exact floats."""
    import mpmath
    with interval_precision():
        eps, W2 = iv(inst.eps), iv(inst.W2)
        sigma = iv(inst.sigma_fraction) * eps / (2 * W2)
        chosen, req = l_values(W2, eps, inst.d, iv(inst.c2), sigma, corrected=corrected,
                               plus_one=plus_one, log=mpmath.iv.log)
        return interval(chosen - req, ">=", detail=f"l_chosen ≈ {float(chosen.mid):.6g}, "
                        f"l_required ≈ {float(req.mid):.6g}")


L_SPACE = Space(W2=Real(1e-2, 100.0, log=True), eps=Real(1e-3, 0.5, log=True), d=Int(1, 100),
                c2=Real(1e-2, 100.0, log=True), sigma_fraction=Real(1e-12, 0.5, log=True))

erratum_pair(
    kind=Kind.INEQUALITY,
    domain=L_SPACE,
    predicate=l_choice,
    printed=dict(
        id="wei2019.thmE.4.printed-l-choice",
        error_class=ErrorClass.PROOF,
        certify=certify_l_choice,
        source=src("Proof of Theorem E.4 (choice of l)", APPE, 1185),
        statement=r"l=\frac{W_\epsilon^2}{\epsilon-2W_\epsilon^2\sigma}\Big(2\log\frac{W_\epsilon^2}{\sigma}"
                  r"+2d\log\frac{4W_\epsilon^2c_2}{\epsilon}\Big)\ \text{satisfies Lemma E.16's}\ "
                  r"l\ge\frac{\log(W_\epsilon^2/\sigma)+2d\log(2c_2/\tau)}{\tau-\sigma}+1",
        params={"corrected": False},
        note="l_chosen − l_req = −2W²d·log(4W²c₂/ε)/(ε − 2W²σ) − 1 < 0 whenever 4W²c₂ >= ε (the "
             "regime of the proof, ε → 0): the 2d log term needs a factor 2 and the +1 is missing. "
             "Certified in mpmath interval arithmetic from the instance's floats. Class proof: a "
             "step in the proof of Theorem E.4; doubling l keeps l = O((d/ε)log(1/ε)), so the "
             "theorem's rate t_ε = O(d²ε^{−4}log²(1/ε)) is unaffected. For the authors: at L1185 "
             "take l = 2W_ε²/(ε − 2W_ε²σ)·(log(W_ε²/σ) + 2d log(4W_ε²c₂/ε)) + 1, which is exactly "
             "Lemma E.16's requirement at τ = ε/(2W_ε²). Argued for the authors: the requirement "
             "is a sufficient condition and the O(·) hides constants — but the proof applies "
             "Lemma E.16 with this l, whose hypothesis it then does not meet.",
    ),
    corrected=dict(
        id="wei2019.thmE.4.l-choice",
        source=src("Proof of Theorem E.4 (choice of l, corrected)", APPE, 1185),
        statement=r"l=\frac{2W_\epsilon^2}{\epsilon-2W_\epsilon^2\sigma}\Big(\log\frac{W_\epsilon^2}{\sigma}"
                  r"+2d\log\frac{4W_\epsilon^2c_2}{\epsilon}\Big)+1\ \ge\ l_{\rm req}\ (\tau=\epsilon/(2W_\epsilon^2))",
        mutants=(Mutant("+1 dropped", params={"plus_one": False}),),
        note="The corrected l equals the requirement term by term (τ − σ = (ε − 2W²σ)/(2W²) and "
             "2c₂/τ = 4W²c₂/ε), so the bound is tight: every instance has ratio 1 up to rounding.",
    ),
)


def grid_optimum(problem, directions):
    """Upper bound on L* = inf_ρ L[ρ]: the convex program min_{ν>=0} R(Σ_k ν_kΦ(θ̄_k)) + Σ_k ν_kV(θ̄_k)
    over a finite set of sphere directions (ν = radial mass ‖θ‖²ρ pushed to the sphere), L-BFGS-B."""
    from scipy.optimize import minimize
    Phi = problem.phi(directions)
    V = problem.lam * np.sum(directions**2, axis=1)

    def fun(nu):
        a = nu @ Phi
        return problem.risk(a) + float(nu @ V), Phi @ problem.risk_gradient(a) + V

    res = minimize(fun, np.zeros(len(directions)), jac=True, method="L-BFGS-B",
                   bounds=[(0, None)] * len(directions),
                   options={"maxiter": 5000, "ftol": 1e-15, "gtol": 1e-12})
    return float(res.fun)


def theorem33_dead_start(inst, *, context, sigma=1e-3, eps=0.01, steps=4000):
    """Theorem 3.3 / E.4 on particles: from a measure of dead units (uᵀx_i < 0 for all i), the
    perturbed flow reaches min_t L[ρ_t] <= L*_grid + ε, where L*_grid >= L* is the grid program's
    value (so this is implied by min_t L − L* <= ε). Without noise (σ = 0) the flow never moves."""
    rng = inst.rng("data")
    P = rng.uniform(-1, 1, (inst.n, 2))
    X = np.hstack([P, np.ones((inst.n, 1))]) / math.sqrt(2)  # bias coordinate: 2-homogeneity kept
    y = np.where(np.linalg.norm(P, axis=1) > 0.7, 1.0, -1.0)
    if abs(y.sum()) == inst.n:
        y[0] = -y[0]
    problem = mean_field.Problem(X, y, inst.lam)
    L_grid = grid_optimum(problem, mean_field.uniform_sphere(4000, 4, inst.rng("grid")))
    M = inst.particles
    theta = np.zeros((M, 4))
    theta[:, 0] = rng.choice([-1.0, 1.0], M) * 0.1
    theta[:, 1:3] = rng.normal(0, 0.05, (M, 2))
    theta[:, 3] = -1.0  # u·x_i <= −1/√2 + 0.1 < 0: every unit is dead on every sample
    rho = mean_field.Particles(theta, np.full(M, 1.0 / M))
    flow = inst.rng("flow")
    losses = np.empty(steps)
    for t in range(steps):
        losses[t] = problem.loss(rho)
        rho = mean_field.resampling_step(problem, rho, inst.eta, sigma, flow)
    every = max(1, steps // 200)
    diag = {"name": "perturbed-wgf", "title": f"Theorem 3.3: perturbed WGF from dead units (σ={sigma:g})",
            "x": list(range(0, steps, every)), "y": losses[::every].tolist(), "xlabel": "step",
            "ylabel": "L[ρ_t]", "reference": {"label": "L*_grid (upper bound on L*)",
                                              "x": [0, steps - 1], "y": [L_grid, L_grid]}}
    return at_most(float(losses.min()), L_grid + eps, why="exact comparison of computed losses; "
                   "L*_grid is an upper bound on L*", diagnostics=[diag], final=float(losses[-1]),
                   L_grid=L_grid)


claim(
    id="wei2019.thm3.3.noisy-flow-escapes",
    source=src("Theorem 3.3 (Theorem E.4)", SEC3, 146),
    statement=r"\sigma=\exp(-d\log(1/\epsilon)\mathrm{poly}(\cdot)),\ t_\epsilon=\frac{d^2}{\epsilon^4}"
              r"\mathrm{poly}(\cdot):\ \min_{0\le t\le t_\epsilon}L[\rho_t]-L[\rho^\star]\le\epsilon",
    kind=Kind.DYNAMICS,
    domain=Space(n=Int(6, 16), particles=Fixed(100), lam=Choice(1e-2, 3e-2, 1e-1), eta=Fixed(0.5),
                 seed=Seed()),
    predicate=theorem33_dead_start,
    params={"sigma": 1e-3, "eps": 0.01, "steps": 4000},
    mutants=(Mutant("noise dropped (σ = 0)", params={"sigma": 0.0},
                    why="dead units have zero velocity: the noiseless flow stays at log 2"),
             Mutant("ε reached within 50 steps", params={"steps": 50},
                    why="the noise needs ~1/(ησ) steps to seed live units: measured first step within "
                        "ε is 200–640")),
    note="Discrete time (η = 0.5), resampling realisation of the noise: each particle is re-drawn "
         "uniformly on S^d with probability ησ per step. ε = 0.01 within 4000 steps (2000 time "
         "units); the theorem's t_ε is far larger. A family of instances, not one: n = 6..16 "
         "points, λ ∈ {0.01, 0.03, 0.1}, a fresh data set and start per seed. Measured "
         "(min L vs L*_grid, first step within ε): n = 12, λ = 0.01: 0.494 vs 0.497, step 400; "
         "n = 8, λ = 0.03: 0.674 vs 0.677, 360; n = 16, λ = 0.01: 0.613 vs 0.616, 640; n = 6, "
         "λ = 0.1: 0.675 vs 0.676, 200. σ = 0 stays at log 2 = 0.6931.",
)


# =============================================================================================
# Experiments (Appendix F, Figures 2–5) and the d vs d² separation of Theorem 2.1
# =============================================================================================

def train_two_layer(X, y, *, width, lam, steps, lr, init_scale, seed, device="cpu", trials=1,
                    X_test=None, y_test=None, record=20):
    """Full-batch GD on eq. 2.2, (1/n)Σ log(1 + e^{−y f}) + λ‖Θ‖_F², for ``trials`` independent
    two-layer ReLU nets f = Σ_j w_j[u_jᵀx]_+ trained at once, float64, closed-form gradients.

    The initialisation comes from a torch Generator seeded with ``seed`` (same numbers on every
    device); the loop runs in numpy on "cpu" (far less per-step overhead for these small nets)
    and in torch on "cuda". Returns final (U, w) as numpy arrays of shape (trials, width, d),
    (trials, width) and a trace at ``record`` geometric steps: normalized margin min y f/‖Θ‖²,
    train error, test error, and the fraction of (unit, example) activation patterns that
    differ from initialization."""
    import torch
    gen = torch.Generator(device="cpu").manual_seed(int(seed))
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = X.shape
    U0 = torch.randn(trials, width, d, generator=gen, dtype=torch.float64) * init_scale
    w0 = torch.randn(trials, width, generator=gen, dtype=torch.float64) * init_scale
    if device == "cpu":
        xp, U, w, Xa, ya = np, U0.numpy(), w0.numpy(), X, y
        to_np = np.asarray
    else:
        xp = torch
        U, w = U0.to(device), w0.to(device)
        Xa, ya = torch.as_tensor(X, device=device), torch.as_tensor(y, device=device)
        to_np = lambda a: a.cpu().numpy()  # noqa: E731
    XaT = Xa.T
    pattern0 = np.einsum("tmd,nd->tmn", U0.numpy(), X) > 0
    checkpoints = set(np.unique(np.geomspace(1, steps, record).astype(int)).tolist())
    trace = {"step": [], "margin": [], "train_error": [], "test_error": [], "pattern_change": []}
    for step in range(1, steps + 1):
        pre = U @ XaT                                            # (T, m, n)
        act = pre * (pre > 0)
        f = (w[:, None, :] @ act)[:, 0, :]                       # (T, n)
        s = -ya * 0.5 * (1 - xp.tanh(0.5 * ya * f)) / n          # ∂loss/∂f = −y·σ(−yf)/n
        gw = (act @ s[:, :, None])[:, :, 0] + 2 * lam * w
        gU = ((pre > 0) * (w[:, :, None] * s[:, None, :])) @ Xa + 2 * lam * U
        U = U - lr * gU
        w = w - lr * gw
        if step in checkpoints:
            Un, wn = to_np(U), to_np(w)
            pre_n = np.einsum("tmd,nd->tmn", Un, X)
            fn = np.einsum("tm,tmn->tn", wn, np.maximum(pre_n, 0.0))
            norm2 = np.sum(Un**2, axis=(1, 2)) + np.sum(wn**2, axis=1)
            trace["step"].append(step)
            trace["margin"].append((y * fn).min(axis=1) / norm2)
            trace["train_error"].append(np.mean(y * fn <= 0, axis=1))
            if X_test is not None:
                ft = np.einsum("tm,tmn->tn", wn, np.maximum(np.einsum("tmd,nd->tmn", Un, X_test), 0.0))
                trace["test_error"].append(np.mean(np.asarray(y_test) * ft <= 0, axis=1))
            trace["pattern_change"].append(np.mean((pre_n > 0) != pattern0, axis=(1, 2)))
    return to_np(U), to_np(w), {k: np.array(v) for k, v in trace.items()}


def planted_relu_data(rng, n, d, units, min_margin, *, sphere=True):
    """x uniform on S^{d−1} (or Gaussian), y = sign f*(x) for a random width-``units`` ReLU net f*
    with N(0,1) weights, keeping only points with |f*(x)| >= min_margin (rejection sampling)."""
    U = rng.standard_normal((units, d))
    w = rng.standard_normal(units)
    out_X, out_y = [], []
    while sum(len(a) for a in out_X) < n:
        X = rng.standard_normal((4 * n, d))
        if sphere:
            X /= np.linalg.norm(X, axis=1, keepdims=True)
        f = np.maximum(X @ U.T, 0.0) @ w
        keep = np.abs(f) >= min_margin
        out_X.append(X[keep])
        out_y.append(np.sign(f[keep]))
    return np.vstack(out_X)[:n], np.concatenate(out_y)[:n]


def figure2(inst, *, context, lam_reg=5e-4, margin_factor=2.0):
    """Figure 2: same init, λ = 5e-4 vs λ = 0. Claims: the regularized margin ends at least twice
    the unregularized one; the unregularized net changes fewer activation patterns (kernel
    regime); regularized test error no worse (by more than 1%)."""
    rng = inst.rng("data")
    X, y = planted_relu_data(rng, inst.n + inst.n_test, inst.d, 10, 0.01)
    Xtr, ytr, Xte, yte = X[:inst.n], y[:inst.n], X[inst.n:], y[inst.n:]
    common = dict(width=inst.width, steps=inst.steps, lr=0.1, init_scale=1.0, seed=inst.seed,
                  device=context.device, trials=inst.trials, X_test=Xte, y_test=yte)
    _, _, reg = train_two_layer(Xtr, ytr, lam=lam_reg, **common)
    _, _, raw = train_two_layer(Xtr, ytr, lam=0.0, **common)
    m_reg, m_raw = float(reg["margin"][-1].mean()), float(raw["margin"][-1].mean())
    a_reg, a_raw = float(reg["pattern_change"][-1].mean()), float(raw["pattern_change"][-1].mean())
    e_reg, e_raw = float(reg["test_error"][-1].mean()), float(raw["test_error"][-1].mean())
    diags = [{"name": f"fig2-{key}", "title": f"Figure 2: {label} (mean of {inst.trials} trials)",
              "x": reg["step"].tolist(), "y": reg[key].mean(axis=1).tolist(), "xlabel": "step",
              "ylabel": label, "logx": True,
              "reference": {"label": "λ = 0", "x": raw["step"].tolist(), "y": raw[key].mean(axis=1).tolist()}}
             for key, label in (("margin", "normalized margin"), ("test_error", "test error"),
                                ("pattern_change", "fraction of activation patterns changed"))]
    return [
        at_least(m_reg, margin_factor * m_raw, why="trial means (recorded, no tolerance)",
                 diagnostics=diags, margin_reg=m_reg, margin_noreg=m_raw),
        greater_than(a_reg, a_raw, why="trial means", change_noreg=a_raw, change_reg=a_reg),
        at_most(e_reg, e_raw + 0.01, why="trial means; 1% allowance for test-set noise",
                test_error_reg=e_reg, test_error_noreg=e_raw),
    ]


FIG2_STANDARD = Space(n=Fixed(200), n_test=Fixed(2000), d=Fixed(20), width=Fixed(100),
                      steps=Fixed(10000), trials=Fixed(3), seed=Seed())
FIG2_PAPER = FIG2_STANDARD.replace(steps=Fixed(20000), trials=Fixed(20), n_test=Fixed(5000))

for _tier, _space, _suffix in ((Tier.STANDARD, FIG2_STANDARD, "small"), (Tier.GPU, FIG2_PAPER, "paper")):
    claim(
        id=f"wei2019.fig2.regularizer-vs-none-{_suffix}",
        source=src("Figure 2 (Appendix F.1)", "F.1 Experiment details", 1256),
        statement=r"\lambda=5\cdot10^{-4}\text{ vs }\lambda=0\text{ from the same init: larger "
                  r"normalized margin, better test accuracy, more activation patterns changed}",
        kind=Kind.EXPERIMENT,
        tier=_tier,
        domain=_space,
        predicate=figure2,
        mutants=(Mutant("λ = 0 in both arms", params={"lam_reg": 0.0}),),
        note="Unspecified in the paper and pinned here: trained width 100, x uniform on S^19, "
             "N(0,1) ground-truth weights, full-batch GD on the mean loss. The small variant runs "
             "10k steps and 3 trials; the paper 20k steps and 20 trials.",
    )


def figure5(inst, *, context, half=0.5):
    """Figure 5 (d = 1): normalized margins of trained nets approach γ_ℓ1/2 as λ decreases and
    never exceed it (the LP over 1000 circle directions plus each net's own directions)."""
    rng = inst.rng("data")
    x = np.sort(rng.uniform(-1, 1, 8))
    y = np.sign(np.sin(4 * x))
    y[y == 0] = 1.0
    X = np.stack([x, np.ones_like(x)], axis=1)
    angles = np.linspace(0, 2 * math.pi, 1000, endpoint=False)
    D = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    base = max_margin.l1_svm(max_margin.relu_features(X, D), y).margin
    ratios, bounds = [], []
    for lam in inst.lams:
        U, w, tr = train_two_layer(X, y, width=32, lam=lam, steps=inst.steps, lr=0.05, init_scale=0.5,
                                   seed=inst.seed, device=context.device, trials=4)
        best = int(np.argmax(tr["margin"][-1]))
        Ub, wb = U[best], w[best]
        gamma = float(tr["margin"][-1][best])
        full = max_margin.l1_svm(max_margin.relu_features(X, np.vstack([D, Ub])), y).margin
        ratios.append(gamma / (half * base))
        bounds.append(at_most(gamma, half * full, tol=1e-7 * full + 1e-12,
                              why="HiGHS tolerance 1e-7", lam=lam))
    diag = {"name": "fig5-margin", "title": "Figure 5: normalized margin / (γ_ℓ1/2) vs λ",
            "x": list(inst.lams), "y": ratios, "xlabel": "λ", "ylabel": "ratio", "logx": True,
            "reference": {"label": "γ_ℓ1/2", "x": list(inst.lams), "y": [1.0] * len(inst.lams)}}
    out = bounds + [at_least(ratios[-1], 0.85, why="recorded ratio at the smallest λ",
                             diagnostics=[diag], ratios=ratios, gamma_l1=base)]
    out += [at_least(ratios[i + 1], ratios[i] - 0.02, why="monotone in λ up to 0.02 (optimizer noise)")
            for i in range(len(ratios) - 1)]
    return out


claim(
    id="wei2019.fig5.l1-svm-convergence",
    source=src("Figure 5 (Appendix F.4) with Proposition B.10", "F.4 Verifying convergence to the max-margin", 1294),
    statement=r"\lambda\downarrow0:\ \gamma_\lambda\uparrow\gamma^{\star}=\gamma_{\ell_1}/2\ "
              r"\text{(1-D input, 1000 circle directions)}",
    kind=Kind.EXPERIMENT,
    tier=Tier.STANDARD,
    domain=Space(steps=Fixed(60000), lams=Fixed((2.0**-8, 2.0**-10, 2.0**-12, 2.0**-14)), seed=Seed()),
    predicate=figure5,
    mutants=(Mutant("limit γ_ℓ1 instead of γ_ℓ1/2", params={"half": 1.0}),),
    note="Data pinned here: 8 points uniform in [−1, 1], y = sign(sin 4x), input (x, 1); width 32, "
         "best of 4 inits N(0, 0.5²), lr 0.05. Catalogue measured ratios 0.80 → 0.92.",
)


def kernel_min_norm_error(Xtr, ytr, Xte, yte, tau1=0.0, tau2=1.0):
    """Test error of the minimum-norm kernel interpolant Σβ_iK(x_i, ·) of the ±1 labels."""
    K = relu_ntk.ntk(Xtr, Xtr, tau1, tau2)
    beta = np.linalg.lstsq(K + 1e-10 * np.trace(K) / len(K) * np.eye(len(K)), ytr, rcond=None)[0]
    return float(np.mean(yte * (relu_ntk.ntk(Xte, Xtr, tau1, tau2) @ beta) <= 0))


def figure4(inst, *, context, gap=0.0):
    """Figure 4 (classification): NN test error falls below the ReLU-feature kernel's as n grows."""
    rng = inst.rng("data")
    nn_err, k_err = [], []
    for n in inst.ns:
        X, y = planted_relu_data(rng, n + 2000, 20, 6, 0.1)
        Xtr, ytr, Xte, yte = X[:n], y[:n], X[n:], y[n:]
        _, _, tr = train_two_layer(Xtr, ytr, width=n, lam=1e-8, steps=inst.steps, lr=0.1,
                                   init_scale=0.1, seed=inst.seed, device=context.device,
                                   trials=inst.trials, X_test=Xte, y_test=yte, record=2)
        nn_err.append(float(tr["test_error"][-1].mean()))
        k_err.append(kernel_min_norm_error(Xtr, ytr, Xte, yte))
    diag = {"name": "fig4", "title": "Figure 4: test error vs n (NN vs kernel, r_w = 0, r_u = 1)",
            "x": list(inst.ns), "y": nn_err, "xlabel": "n", "ylabel": "0-1 test error", "logx": True,
            "reference": {"label": "kernel (min-norm interpolant)", "x": list(inst.ns), "y": k_err}}
    return at_most(nn_err[-1], k_err[-1] - gap, why="recorded errors on 2000 test points",
                   diagnostics=[diag], nn=nn_err, kernel=k_err)


claim(
    id="wei2019.fig4.net-vs-kernel",
    source=src("Figure 4 (Appendix F.3)", "F.3 Neural net vs. kernel methods", 1281),
    statement=r"\text{test error of the regularized net} < \text{test error of the kernel "
              r"method with relu features, increasingly with } n",
    kind=Kind.EXPERIMENT,
    tier=Tier.STANDARD,
    domain=Space(ns=Fixed((25, 50, 100, 200)), steps=Fixed(5000), trials=Fixed(2), seed=Seed()),
    predicate=figure4,
    mutants=(Mutant("gap 0 → 0.3", params={"gap": 0.3}),),
    note="Kernel estimator pinned: minimum-norm interpolation of ±1 labels with K = K1 + K2 "
         "(r_w = 0, r_u = 1). Catalogue: NN 0.117 vs kernel 0.165 at n = 200 (3 trials); this "
         "run's seed 0 gave 0.116 vs 0.141, so the catalogue's 0.03 margin is not asserted.",
)


def net_sample_threshold(inst, *, context=None, target=0.1, steps_per_dim=200):
    """Smallest n on the grid d·{2, 3, 4, 6, 8, 12, 16} at which a regularized width-32 net
    (λ = 1e-3, 200·d GD steps at lr 0.2: ‖x‖² = d − 1 grows with d, so the step budget does too)
    reaches test error <= ``target`` on D (2000 fresh test points)."""
    d = inst.d
    rng = inst.rng("data")
    Xte, yte = hd.sample(2000, d, rng)
    device = context.device if context is not None else "cpu"
    for k in (2, 3, 4, 6, 8, 12, 16):
        n = k * d
        X, y = hd.sample(n, d, rng)
        _, _, tr = train_two_layer(X, y, width=32, lam=1e-3, steps=steps_per_dim * d, lr=0.2,
                                   init_scale=0.1, seed=inst.seed, device=device, X_test=Xte,
                                   y_test=yte, record=2)
        if float(tr["test_error"][-1].mean()) <= target:
            return float(n)
    return float(32 * d)


claim(
    id="wei2019.thm2.1.net-threshold-linear",
    source=src("Theorem 2.1 (neural-net part): O(d) samples", SEC2, 101),
    statement=r"\lambda\le1/\mathrm{poly}(n):\ \Pr[yf^{NN}(x;\Theta_\lambda)\le0]\lesssim\sqrt{d/n}"
              r"\ \Rightarrow\ n=O(d)\text{ samples suffice}",
    kind=Kind.SCALING,
    tier=Tier.STANDARD,
    domain=Space(d=Grid(10, 20, 40), seed=Seed()),
    predicate=net_sample_threshold,
    y_label="smallest n with test error <= 0.1",
    expect=Exponent(1.0, 0.5),
    mutants=(Mutant("Ω(d²) like the kernel (exponent 2)", expect=Exponent(2.0, 0.5)),),
    note="Windows ±0.5 around 1 (net) and 2 (kernel, thm2.1.kernel-threshold-quadratic) split the "
         "exponent axis at 1.5: the check is which side of the separation each method falls on. "
         "Measured (standard, 10 seeds): n* = 40–60 at d = 10, 120 at d = 20, 240–320 at d = 40; "
         "exponent 1.25, CI [1.04, 1.44] (small-d offsets; n*/d = 4.4, 6.0, 6.4). The printed "
         "'O(d²) samples' in Theorem 2.1 is a slip for O(d) (the Ω(d) gap and the abstract agree).",
)


# =============================================================================================
# Additional finite checks: Lemmas B.3/B.4 (rate 1/d), Lemma D.3, Lemma E.11, eq. C.9
# =============================================================================================

def symmetrization_error(inst, *, symmetrize=True, kernel="k1", quantile=0.9, draws=500):
    """The 0.9-quantile over ``draws`` draws of |K(x,(1,0,z)) + K(x,(−1,0,z)) − 2K̃(x₋₂, z)| with
    x ∈ supp D and z uniform, where K̃(z', z) = K((0,1,z'), (1,0,z)). Lemma B.3 (K1) / B.4 (K2):
    O(1/d) with probability 1 − e^{−Ω(d)} (a quantile, since the lemma allows a rare bad event)."""
    d = inst.d
    rng = inst.rng("draws")
    X, _ = hd.sample(draws, d, rng)
    Z = rng.choice([-1.0, 1.0], size=(draws, d - 2))

    def point(a, b, zz):
        V = np.zeros((len(zz), d))
        V[:, 0], V[:, 1], V[:, 2:] = a, b, zz
        return V

    tilde = relu_ntk.paired(point(0, 1, X[:, 2:]), point(1, 0, Z), kernel)
    plus = relu_ntk.paired(X, point(1, 0, Z), kernel)
    minus = relu_ntk.paired(X, point(-1, 0, Z), kernel) if symmetrize else plus
    return float(np.quantile(np.abs(plus + minus - 2 * tilde), quantile))


for _kern, _lemma, _line in (("k1", "Lemma B.3", 437), ("k2", "Lemma B.4", 443)):
    claim(
        id=f"wei2019.lem{_lemma[-3:]}.symmetrization-rate",
        source=src(_lemma, "B.1 Lower Bound for the Kernel Method", _line),
        statement=rf"|K_{_kern[-1]}(x,(1,0,z))+K_{_kern[-1]}(x,(-1,0,z))-2\tilde K_{_kern[-1]}"
                  r"(x_{-2},z)|\lesssim\frac1d\ \text{w.p. }1-e^{-\Omega(d)}\quad(\text{0.9-quantile "
                  r"over 500 draws, fitted against }d)",
        kind=Kind.SCALING,
        domain=Space(d=Grid(20, 40, 80, 160), seed=Seed()),
        predicate=symmetrization_error,
        params={"kernel": _kern},
        y_label="0.9-quantile of |error| over 500 draws",
        expect=Exponent(-1.0, 0.3),
        mutants=(Mutant("± symmetrization dropped", params={"symmetrize": False},
                        why="one point alone differs from K̃ at order 1 (the linear Taylor term)"),),
    )


def lemma_d3_sup(inst, *, extra_power=0.0):
    """Lemma D.3: for every ‖W_j‖_F <= 1/√q, |f(x)| <= q^{−q/2}‖x‖ (<= C = sup‖x‖)."""
    rng = inst.rng("net")
    q = inst.q
    widths = [int(w) for w in rng.integers(1, 9, q - 1)]
    Ws = random_deep_net(rng, inst.d, widths)
    Ws = [W / np.linalg.norm(W) / math.sqrt(q) for W in Ws]
    if inst.aligned:  # rank-one layers aligned with x and each other: the bound is attained
        x = rng.standard_normal(inst.d)
        vecs = [x / np.linalg.norm(x)] + [np.abs(rng.standard_normal(m)) for m in widths] + [np.ones(1)]
        vecs = [v / np.linalg.norm(v) for v in vecs]
        Ws = [np.outer(vecs[j + 1], vecs[j]) / math.sqrt(q) for j in range(q)]
        X = x[None, :]
    else:
        X = rng.standard_normal((20, inst.d))
    f = np.abs(deep_forward(Ws, X)[:, 0])
    bound = q ** (-q / 2 - extra_power) * np.linalg.norm(X, axis=1)
    return at_most(float((f / bound).max()), 1.0, tol=16 * q * EPS, why="products of q layers (16q ulp)")


claim(
    id="wei2019.lemD.3.sup-bound",
    source=src("Lemma D.3", "D.1 Proof of Proposition D.1", 847),
    statement=r"\|W_j\|_F\le\frac1{\sqrt q}\ \forall j\ \Rightarrow\ \sup_x|f(x;\Theta)|\le"
              r"q^{-q/2}\|x\|\le C",
    kind=Kind.INEQUALITY,
    domain=Space(q=Int(1, 5), d=Int(1, 6), aligned=Choice(False, True), seed=Seed()),
    predicate=lemma_d3_sup,
    mutants=(Mutant("q^{−q/2} → q^{−(q+1)/2}", params={"extra_power": 0.5},
                    domain=Space(q=Int(2, 5), d=Int(1, 6), aligned=Fixed(True), seed=Seed())),),
)


def lemma_e11(inst, *, mw_factor=1.0):
    """Lemma E.11 at one instant: |d/dt∫h dρ| <= σB(W²+1) + M·W·(−dL/dt + σB_L(W²+1))^{1/2} with
    h = Φ₁ (B = ½‖x₁‖, M = ‖x₁‖) and W² = E_ρ‖θ‖², both derivatives from eq. 3.2's formulas."""
    problem, rho, rng = mean_field_instance(inst)
    fresh = mean_field.uniform_sphere(256, inst.d + 1, rng)
    sigma = inst.sigma
    v = problem.velocity(rho, rho.theta)
    dL = (-sigma * float(rho.p @ problem.first_variation(rho, rho.theta))
          + sigma * float(np.mean(problem.first_variation(rho, fresh)))
          - float(rho.p @ np.sum(v**2, axis=1)))
    x1 = problem.X[0]
    T = rho.theta
    act = np.maximum(T[:, 1:] @ x1, 0.0)
    grad_h = np.hstack([act[:, None], T[:, :1] * ((T[:, 1:] @ x1 > 0)[:, None] * x1[None, :])])
    h_rho, h_U = float(rho.p @ (T[:, 0] * act)), float(np.mean(problem.phi(fresh)[:, 0]))
    dQ = -sigma * h_rho + sigma * h_U + float(rho.p @ np.sum(grad_h * v, axis=1))
    c = problem.constants()
    W2 = rho.second_moment()
    B, M = 0.5 * float(np.linalg.norm(x1)), float(np.linalg.norm(x1))
    rhs = sigma * B * (W2 + 1) + mw_factor * M * math.sqrt(W2) * math.sqrt(max(0.0, -dL + sigma * c["B_L"] * (W2 + 1)))
    return at_most(abs(dQ), rhs, tol=64 * (inst.n + inst.particles) * EPS * (abs(dQ) + rhs),
                   why="float64 sums (64·(n+M) ulp)")


claim(
    id="wei2019.lemE.11.observable-rate",
    source=src("Lemma E.11", APPE, 989),
    statement=r"\Big|\frac{d}{dt}\int hd\rho_t\Big|\le\sigma B(W^2+1)+MW\Big(-\frac{d}{dt}L[\rho_t]+"
              r"\sigma B_L(W^2+1)\Big)^{1/2}",
    kind=Kind.INEQUALITY,
    domain=MF_SPACE.replace(lam=Real(1e-4, 1.0, log=True)).replace(sigma=Real(1e-4, 0.5, log=True)),
    predicate=lemma_e11,
    mutants=(Mutant("M·W → M·W/10", params={"mw_factor": 0.1},
                    domain=MF_SPACE.replace(particles=Int(1, 2), data=Fixed("aligned"),
                                            sigma=Real(1e-6, 1e-4, log=True))),),
    note="Instantaneous form with W = W_t (the lemma bounds W_t by W_ε along the trajectory).",
)


# --- Corollary E.8 and Lemmas E.9, E.10, E.12 along simulated perturbed flows ----------------------

def symmetric_sphere_points(pairs, dim, rng):
    """2·``pairs`` points of S^{dim−1} closed under w ↦ −w (the first coordinate): a finite stand-in
    for U^d with ∫Φ dU = 0 exactly, as for U^d itself (Φ is odd in w)."""
    P = mean_field.uniform_sphere(pairs, dim, rng)
    Q = P.copy()
    Q[:, 0] *= -1
    return np.vstack([P, Q])


def flow_instance(inst):
    """Example 3.2 (R with 1/n), a start ρ₀ and the points standing for U^d. ρ₀ is 'zero' (every
    particle at θ = 0: a stationary point of the noiseless flow, so the noise alone moves L) or
    'random' (log-normal radii, Dirichlet weights)."""
    rng = inst.rng("flow")
    X = rng.standard_normal((inst.n, inst.d)) * rng.uniform(0.2, 2.0)
    y = rng.choice([-1.0, 1.0], inst.n)
    if inst.data == "aligned":
        e = rng.standard_normal(inst.d)
        X = y[:, None] * (e / np.linalg.norm(e) + 0.05 * X)
    problem = mean_field.Problem(X, y, inst.lam)
    M = inst.particles
    if inst.start == "zero":
        theta = np.zeros((M, inst.d + 1))
    else:
        theta = rng.standard_normal((M, inst.d + 1)) * rng.exponential(1.0, (M, 1))
    rho = mean_field.Particles(theta, rng.dirichlet(np.ones(M)))
    return problem, rho, symmetric_sphere_points(4, inst.d + 1, rng), rng


def flow_record(problem, rho, fresh, *, eta, sigma, horizon, every):
    """Euler steps of eq. 3.2 (mean_field.perturbed_step, U^d ↦ ``fresh``) up to ``horizon``,
    recording t, L[ρ_t], W_t² and Q(t) = ∫Φdρ_t every ``every`` time units."""
    steps, stride = int(round(horizon / eta)), int(round(every / eta))
    out = {"t": [], "L": [], "W2": [], "Q": []}
    for s in range(steps + 1):
        if s % stride == 0:
            out["t"].append(s * eta)
            out["L"].append(problem.loss(rho))
            out["W2"].append(rho.second_moment())
            out["Q"].append(problem.outputs(rho))
        if s < steps:
            rho = mean_field.perturbed_step(problem, rho, eta, sigma, fresh)
    return {k: np.array(v) for k, v in out.items()}


#: the flow is integrated at η and η/2 over [0, FLOW_T], compared every FLOW_DT time units
FLOW_ETA, FLOW_T, FLOW_DT = 0.01, 0.3, 0.01

FLOW_SPACE = Space(n=Int(1, 12), d=Int(1, 4), particles=Int(1, 10), lam=Real(1e-2, 3.0, log=True),
                   sigma=Real(1e-3, 1.0, log=True), start=Choice("zero", "random"),
                   data=Choice("random", "aligned"), seed=Seed())


def flow_pair(inst):
    problem, rho, fresh, rng = flow_instance(inst)
    runs = [flow_record(problem, rho, fresh, eta=eta, sigma=inst.sigma, horizon=FLOW_T, every=FLOW_DT)
            for eta in (FLOW_ETA, FLOW_ETA / 2)]
    return problem, runs, rng


RICHARDSON = ("first-order Euler error of the simulated flow, estimated by |value(η) − value(η/2)| "
              "(Richardson), plus 64·(n+M) ulp of the sums")


def worst_pair(lhs, rhs, tol):
    """The pair (i < j) with the least normalised slack of lhs <= rhs + tol (arrays over pairs)."""
    scale = np.maximum(np.maximum(np.abs(lhs), np.abs(rhs)), 1e-300)
    k = int(np.argmin((rhs + tol - lhs) / scale))
    return k


def corollary_e8(inst, *, plus_one=1.0):
    """Cor. E.8 at one instant: dL/dt (Lemma E.7's formula, U^d ↦ symmetric sphere points)
    <= σB_L(W² + 1) − E_ρ‖v‖²; ``plus_one`` scales the +1 (the noise mass on the sphere)."""
    problem, rho, fresh, _ = flow_instance(inst)
    sigma = inst.sigma
    v = problem.velocity(rho, rho.theta)
    kinetic = float(rho.p @ np.sum(v**2, axis=1))
    dL = (-sigma * float(rho.p @ problem.first_variation(rho, rho.theta))
          + sigma * float(np.mean(problem.first_variation(rho, fresh))) - kinetic)
    W2 = rho.second_moment()
    rhs = sigma * problem.constants()["B_L"] * (W2 + plus_one) - kinetic
    return at_most(dL, rhs, tol=64 * (inst.n + inst.particles) * EPS * (abs(dL) + abs(rhs) + kinetic),
                   why="float64 sums (64·(n+M) ulp)", W2=W2)


claim(
    id="wei2019.corE.8.loss-rate",
    source=src("Corollary E.8", APPE, 959),
    statement=r"\frac{d}{dt}L[\rho_t]\le\sigma B_L(W_t^2+1)-\mathbb E_{\rho_t}\|v[\rho_t](\theta)\|_2^2",
    kind=Kind.INEQUALITY,
    domain=FLOW_SPACE,
    predicate=corollary_e8,
    mutants=(Mutant("+1 dropped (σB_LW_t² only)", params={"plus_one": 0.0},
                    domain=FLOW_SPACE.replace(start=Fixed("zero"), lam=Real(0.3, 3.0, log=True)),
                    why="from ρ₀ = δ₀ the fresh mass alone raises L at rate σλ while W = 0"),),
    note="From ρ = δ₀, dL/dt = σλ against σB_L = σ(M_RB_Φ + λ): measured ratios 0.42–0.90 for "
         "λ in [1, 3] (40 draws), the tight case.",
)


def lemma_e9(inst, *, b_factor=1.0):
    """Lemma E.9 along a simulated flow: max_{t'<=t} W_{t'}² <= (L[ρ₀] + σtB_L)/(b_V − tσB_L) for
    every recorded t with tσB_L < b_V (b_V = λ for V = λ‖θ‖²; ``b_factor`` scales it)."""
    problem, runs, _ = flow_pair(inst)
    B_L, b_V = problem.constants()["B_L"], b_factor * inst.lam
    sides = []
    for r in runs:
        t = r["t"]
        ok = b_V - t * inst.sigma * B_L > 0
        running = np.maximum.accumulate(r["W2"])
        bound = (r["L"][0] + inst.sigma * t * B_L) / np.where(ok, b_V - t * inst.sigma * B_L, 1.0)
        sides.append((running[ok], bound[ok]))
    (l0, r0), (l1, r1) = sides
    if len(l1) == 0:
        return precondition_failed("σB_L·t >= b_V at every recorded t")
    tol = np.abs(l1 - l0) + np.abs(r1 - r0) + 64 * (inst.n + inst.particles) * EPS * (l1 + r1)
    k = worst_pair(l1, r1, tol)
    return at_most(l1[k], r1[k], tol=float(tol[k]), why=RICHARDSON, t=float(runs[1]["t"][k]))


claim(
    id="wei2019.lemE.9.second-moment",
    source=src("Lemma E.9", APPE, 968),
    statement=r"0\le t'\le t:\ W_{t'}^2\le\frac{L[\rho_0]+\sigma tB_L}{b_V-t\sigma B_L}",
    kind=Kind.INEQUALITY,
    domain=FLOW_SPACE,
    predicate=lemma_e9,
    mutants=(Mutant("b_V taken as M_V = 2λ", params={"b_factor": 2.0},
                    domain=FLOW_SPACE.replace(start=Fixed("random"), lam=Real(1.0, 3.0, log=True)),
                    why="at t = 0 the bound is L[ρ₀]/b_V >= W₀², tight when V dominates L"),),
    note="The statement prints h_V for b_V. Checked on the Euler-integrated flow (η = 0.01 and "
         "0.005 over [0, 0.3]); measured ratios up to 0.98 at t = 0 when λW₀² dominates L[ρ₀].",
)


def lemma_e10(inst, *, plus_one=1.0, sigma_factor=1.0):
    """Lemma E.10 along a simulated flow: L[ρ_{t₂}] − L[ρ_{t₁}] <= σ(t₂ − t₁)B_L(W_ε² + 1) for all
    recorded t₁ < t₂, with W_ε² = max_t W_t² over the horizon (the smallest value the lemma allows)."""
    problem, runs, _ = flow_pair(inst)
    B_L = problem.constants()["B_L"]
    sides = []
    for r in runs:
        i, j = np.triu_indices(len(r["t"]), 1)
        lhs = r["L"][j] - r["L"][i]
        rhs = sigma_factor * inst.sigma * (r["t"][j] - r["t"][i]) * B_L * (r["W2"].max() + plus_one)
        sides.append((lhs, rhs))
    (l0, r0), (l1, r1) = sides
    L_abs = float(np.abs(runs[1]["L"]).max())
    tol = np.abs(l1 - l0) + np.abs(r1 - r0) + 64 * (inst.n + inst.particles) * EPS * L_abs
    k = worst_pair(l1, r1, tol)
    return at_most(l1[k], r1[k], tol=float(tol[k]), why=RICHARDSON)


E10_KILL = FLOW_SPACE.replace(start=Fixed("zero"), lam=Real(1.0, 3.0, log=True))

claim(
    id="wei2019.lemE.10.loss-increase",
    source=src("Lemma E.10", APPE, 979),
    statement=r"0\le t_1\le t_2\le t_\epsilon:\ L[\rho_{t_2}]-L[\rho_{t_1}]\le\sigma(t_2-t_1)B_L"
              r"(W_\epsilon^2+1)",
    kind=Kind.INEQUALITY,
    domain=FLOW_SPACE,
    predicate=lemma_e10,
    mutants=(Mutant("+1 dropped (σ(t₂−t₁)B_LW_ε²)", params={"plus_one": 0.0}, domain=E10_KILL),
             Mutant("σ → σ/2", params={"sigma_factor": 0.5}, domain=E10_KILL,
                    why="from ρ₀ = δ₀ with λ >= 1 the first interval rises at about 0.8·σB_L")),
    note="From ρ₀ = δ₀ (a stationary point of the noiseless flow) the noise raises L at rate ≈ σλ: "
         "measured ratios 0.41–0.91 of the bound for λ in [1, 3] (40 draws, worst pair of times).",
)


def lemma_e12(inst, *, cr_factor=1.0):
    """Lemma E.12 along a simulated flow, for all recorded t < t + l and sampled θ̄ ∈ S^d:
    |L'[ρ_t](θ̄) − L'[ρ_{t+l}](θ̄)| <= C_RB_Φ·Σ‖ΔQ‖₁ (E.4; the discrete path's variation of
    Q = ∫Φdρ) <= σlc₁(W_ε²+1) + c₁W_ε√l(L[ρ_t] − L[ρ_{t+l}] + σlc₁(W_ε²+1))^{1/2} (E.5), with
    C_R = 1/(4n) (logistic R with the 1/n), k = n, c₁ = max{kC_RB_Φ², kC_RB_ΦM_Φ, B_L}.
    ``cr_factor`` scales C_R in E.4 (a mutant)."""
    problem, runs, rng = flow_pair(inst)
    c = problem.constants()
    k, C_R = problem.n, problem.scale / 4
    c1 = max(k * C_R * c["B_Phi"] ** 2, k * C_R * c["B_Phi"] * c["M_Phi"], c["B_L"])
    dirs = mean_field.uniform_sphere(200, inst.d + 1, rng)
    Phi = problem.phi(dirs)
    chains = []
    for r in runs:
        i, j = np.triu_indices(len(r["t"]), 1)
        G = np.array([problem.risk_gradient(q) for q in r["Q"]])
        S = Phi @ G.T                                     # L'[ρ_t](θ̄) − V(θ̄): (directions, times)
        lhs = np.abs(S[:, i] - S[:, j]).max(axis=0)
        tv = np.concatenate([[0.0], np.cumsum(np.abs(np.diff(r["Q"], axis=0)).sum(axis=1))])
        mid = cr_factor * C_R * c["B_Phi"] * (tv[j] - tv[i])
        l, W2 = r["t"][j] - r["t"][i], r["W2"].max()
        noise = inst.sigma * l * c1 * (W2 + 1)
        rhs = noise + c1 * math.sqrt(W2) * np.sqrt(l) * np.sqrt(np.maximum(0.0, r["L"][i] - r["L"][j] + noise))
        chains.append((lhs, mid, rhs))
    (a0, m0, r0), (a1, m1, r1) = chains
    rounding = 64 * (inst.n + inst.particles) * EPS * (a1 + m1 + 1e-300)
    # E.4 holds exactly on the discrete path (mean value bound on ∇R): rounding only
    k4 = worst_pair(a1, m1, rounding)
    e4 = at_most(a1[k4], m1[k4], tol=float(rounding[k4]), why="∇R is C_R-Lipschitz on every segment "
                 "of the discrete path: exact up to 64·(n+M) ulp")
    tol = np.abs(m1 - m0) + np.abs(r1 - r0) + rounding
    if not e4.holds:
        return e4
    k5 = worst_pair(m1, r1, tol)
    return at_most(m1[k5], r1[k5], tol=float(tol[k5]), why=RICHARDSON, c1=c1,
                   e4_ratio=float((a1 / np.maximum(m1, 1e-300)).max()))


claim(
    id="wei2019.lemE.12.first-variation-drift",
    source=src("Lemma E.12", APPE, 1016),
    statement=r"|L'[\rho_t](\bar\theta)-L'[\rho_{t+l}](\bar\theta)|\le C_RB_\Phi\int_t^{t+l}\|Q'\|_1"
              r"\le\sigma lc_1(W_\epsilon^2+1)+c_1W_\epsilon\sqrt l\big(L[\rho_t]-L[\rho_{t+l}]+\sigma lc_1"
              r"(W_\epsilon^2+1)\big)^{1/2}",
    kind=Kind.INEQUALITY,
    domain=FLOW_SPACE,
    predicate=lemma_e12,
    mutants=(Mutant("C_R → C_R/k in E.4 (R's 1/n counted twice)", params={"cr_factor": 1 / 12},
                    domain=FLOW_SPACE.replace(n=Fixed(12), start=Fixed("random")),
                    why="the E.4 ratio reaches 0.36 at n = 12 (40 draws; median far lower), "
                        "above 1/12"),),
    note="Checked with c₁ = max{kC_RB_Φ², kC_RB_ΦM_Φ, B_L} as the proof defines it (L1048). The "
         "second inequality (E.5) is loose by this c₁: measured ratio at most 0.24 (median 0.035).",
)


# =============================================================================================
# Results without numerical content of their own
# =============================================================================================

for _result, _section, _line, _reason in (
    ("Theorem 1.1", "1 Introduction", 34,
     "informal version of Theorem 2.1 (checked as wei2019.thm2.1.*)"),
    ("Theorem 1.2", "1 Introduction", 42,
     "informal version of Theorem 3.3 (checked as wei2019.thm3.3.noisy-flow-escapes)"),
    ("Assumption 3.1", SEC3, 129,
     "an assumption; its constants are computed for Example 3.2 in Problem.constants()"),
    ("Heuristic L_λ(Θ_λ) ≈ exp(−‖Θ_λ‖^aγ_λ) + λ‖Θ_λ‖^r", SEC4, 177,
     "an informal approximation; its rigorous form is the sandwich C.3–C.5 (lemC.4.loss-sandwich)"),
    ("Assumptions E.1–E.3", "E.1 Regularity assumptions", 911,
     "assumptions; used through the constants of Lemmas E.6 and E.13"),
    ("Claim E.17", APPE, 1092, "a logical consequence of Lemma E.12 with no numeric content"),
    ("Claim E.18", APPE, 1098, "set inclusion T_{s'} ⊇ T_s, no numeric content"),
    ("Theorem E.21", APPE, 1233,
     "discrete-time version whose proof is omitted and whose σ, η are not specified"),
    ("Theorem D.2 (Kakade et al.)", APPD, 839,
     "a cited margin bound with unspecified Rademacher complexity of the class"),
    ("Claim B.7", APPB, 567, "sub-exponentiality with an unspecified universal constant"),
    ("Theorem 3.3 (≤ ε) vs Theorem E.4 (≤ 2ε)", SEC3, 146,
     "no number can separate them: E.4 applied at ε/2 gives 3.3 at ε with σ = exp(−d·log(2/ε)·poly) "
     "and t = 16·(d²/ε⁴)·poly(log(2/ε), …), and for ε <= ½ log(2/ε) <= 2·log(1/ε), so the factors "
     "2 and 16 fall inside the unspecified poly(·) of both statements; neither fixes σ or t_ε, so a "
     "run at any concrete (σ, t) is consistent with both. The discrete-time behaviour is checked "
     "as wei2019.thm3.3.noisy-flow-escapes (gap <= ε against L*_grid >= L*)"),
    ("Proposition D.1 and Corollary 4.2, the bounds (D.1) and (4.3) themselves", APPD, 818,
     "≲ hides the universal constants of Golowich et al. Thm 1 and Kakade et al. Thm 2, and the "
     "statement is over the draw of the sample; with those constants made explicit the bound "
     "exceeds 1 unless n > 16(√(2q ln 2) + 1)² even at the largest attainable margin (114 at "
     "q = 2). Checked instead: the margin ceiling that keeps ε(γ) defined "
     "(wei2019.propD.1.margin-ceiling), the rebalancing (wei2019.propD.1.rebalancing), Lemma D.3 "
     "(wei2019.lemD.3.sup-bound) and the limit/width step (wei2019.cor4.2.bound-monotone-in-margin)"),
):
    REGISTRY.not_checkable(src(_result, _section, _line), _reason)


# --- Decisions on the errors the catalogue flags (shared/catalogue/wei_regularization_matters.md §0)
# Items registered as claims are decided in their notes; these are the ones without a claim of
# their own, or with a claim that checks the corrected form.

for _flag, _result, _section, _line, _decision, _reason, _claims in (
    ("§0.4 Theorem 3.3 (<= ε) vs Theorem E.4 (<= 2ε)", "Theorem 3.3", SEC3, 146, "not an error",
     "Theorem E.4 at ε/2 gives Theorem 3.3 at ε: the factor 2 moves into the unspecified poly(·) of "
     "σ and t_ε (see the not-checkable entry); neither statement fixes numbers that could separate "
     "them.", ("wei2019.thm3.3.noisy-flow-escapes",)),
    ("§0.4 W* without its square root; τ defined two ways", "Proof of Theorem E.4", APPE, 1172, "typo",
     "L1172 defines W* ≜ E_{ρ*}‖θ‖² (a second moment, unlike W_t ≜ √E‖θ‖² at L933) and E.13 then "
     "uses W*², 'W_ε >= W*' and τ ≜ ε/(2W*) (L1196). Either reading is fixed by one symbol "
     "(W* ≜ √E‖θ‖² with τ = ε/(2W*²)), and the choice of l uses τ = ε/(2W_ε²) <= ε/(2W*²), which "
     "keeps K^{−τ} non-empty; the argument is unaffected. Not registered: notation with no number "
     "of its own. The catalogue's '[corr] τ should be ε/(2W_ε²)' is the value the l-choice claim "
     "uses (log(4W_ε²c₂/ε) = log(2c₂/τ) forces it), not a correction of τ ≜ ε/(2W*) itself.",
     ("wei2019.thmE.4.l-choice",)),
    ("§0.5 Theorem 2.1: 'good generalization with O(d²) samples'", "Theorem 2.1 (net part)", SEC2, 103,
     "typo",
     "As written the sentence is true but weak (√(d/n) is small at n = d²); the bound it quotes, "
     "√(d/n), the abstract ('learns with O(d) samples') and the next sentence ('a Ω(d) "
     "sample-complexity gap') make O(d) evident. Checked as the O(d) rate of the net.",
     ("wei2019.thm2.1.net-threshold-linear",)),
    ("§0.5 Proposition D.1 proof: exponent 1/k for 1/q", "Proposition D.1 (proof)", APPD, 874, "typo",
     "L874–878 write (∏_{k=1}^q ‖W_k‖_F)^{1/k} with k the product's own index; the rebalancing needs "
     "1/q (each factor gets the geometric mean), which is what the claim checks; 1/k is not even "
     "well defined outside the product.", ("wei2019.propD.1.rebalancing",)),
    ("§0.5 Lemma E.9: h_V for b_V", "Lemma E.9", APPE, 968, "typo",
     "h_V is defined nowhere; b_V is the lower bound of V (Assumption E.3, L915) that the proof "
     "uses. Checked with b_V.", ("wei2019.lemE.9.second-moment",)),
    ("§0.5 Lemma B.6 proof: probability 1 − exp(O(√n))", "Lemma B.6 (proof)", APPB, 563, "typo",
     "The lemma's statement (L524) says 1 − exp(−Ω(√n)); 1 − exp(O(√n)) is negative and cannot be a "
     "probability. No number to check beyond the statement's, which is registered.",
     ("wei2019.lemB.6.quadratic-regime",)),
    ("§1.2 #21: display at L419 truncated", "Theorem B.1 (proof, event E)", APPB, 419,
     "source-unverified",
     "Our text copy breaks off mid-display ('E_z[f̂(z;β)²] >=' followed by the next sentence); the "
     "complete inequality is at L421, which the suite follows. The original typesetting cannot be "
     "consulted here. Not registered.", ()),
    ("§2 P3 extra finding: Lemma B.5 rate log^{2.5}d/d^{1.5}", "Lemma B.5", APPB, 495, "not an error",
     "The Taylor remainders are O(x⁶), so the error is O(log³d/d²), better than stated; a weaker true "
     "bound is not an error. Checked as the surrogate identity.", ("wei2019.lemB.5.taylor-surrogate",)),
):
    REGISTRY.decide(src(_result, _section, _line), _flag, _decision, _reason, _claims)


def figure3(inst, *, context, margin_step=0.0):
    """Figure 3 (synthetic): over widths that fit the training set, test error does not increase
    with width (Spearman ρ <= 0) and the normalized margin does not decrease, up to 0.001 from
    optimization noise (Theorem 4.3 concerns γ*, the trained margin is only an approximation)."""
    from scipy.stats import spearmanr
    rng = inst.rng("data")
    X, y = planted_relu_data(rng, inst.n + 2000, 20, 10, 0.01)
    Xtr, ytr, Xte, yte = X[:inst.n], y[:inst.n], X[inst.n:], y[inst.n:]
    widths, errs, margins = [], [], []
    for m in inst.widths:
        _, _, tr = train_two_layer(Xtr, ytr, width=m, lam=1e-5, steps=inst.steps, lr=0.1,
                                   init_scale=0.1, seed=inst.seed, device=context.device,
                                   trials=inst.trials, X_test=Xte, y_test=yte, record=2)
        fit = tr["train_error"][-1] == 0
        if fit.any():
            widths.append(m)
            errs.append(float(tr["test_error"][-1][fit].mean()))
            margins.append(float(tr["margin"][-1][fit].mean()))
    if len(widths) < 3:
        return precondition_failed("fewer than 3 widths fitted the training set")
    diag = {"name": "fig3", "title": "Figure 3: normalized margin vs hidden width (fitted trials)",
            "x": widths, "y": margins, "xlabel": "width", "ylabel": "normalized margin", "logx": True,
            "extra": {"label": "test error / 10", "x": widths, "y": [e / 10 for e in errs]}}
    rho = float(spearmanr(widths, errs).statistic)
    out = [at_most(rho if math.isfinite(rho) else 0.0, 0.0, why="Spearman rank correlation",
                   diagnostics=[diag], test_errors=errs, margins=margins)]
    out += [at_least(margins[i + 1], margins[i] + margin_step - 1e-3,
                     why="trial means; 0.001 for optimization noise", width=widths[i + 1])
            for i in range(len(widths) - 1)]
    return out


FIG3_STANDARD = Space(n=Fixed(200), widths=Fixed((16, 32, 64, 128)), steps=Fixed(10000),
                      trials=Fixed(2), seed=Seed())
FIG3_PAPER = FIG3_STANDARD.replace(widths=Fixed(tuple(2**i for i in range(4, 11))),
                                   steps=Fixed(80000), trials=Fixed(20))

for _tier, _space, _suffix in ((Tier.STANDARD, FIG3_STANDARD, "small"), (Tier.GPU, FIG3_PAPER, "paper")):
    claim(
        id=f"wei2019.fig3.width-dependence-{_suffix}",
        source=src("Figure 3, left (Appendix F.2) with Theorem 4.3", "F.2 Margin and width", 1277),
        statement=r"\text{wider nets: test error}\downarrow,\ \text{normalized margin}\uparrow"
                  r"\quad(\gamma^{\star,\mathcal M}\le\gamma^{\star,\mathcal M'}\text{ for }\mathcal M\le\mathcal M')",
        kind=Kind.EXPERIMENT,
        tier=_tier,
        domain=_space,
        predicate=figure3,
        mutants=(Mutant("margin grows by 0.01 per doubling", params={"margin_step": 0.01}),),
        note="n_train and the init scale are unspecified in the paper: n = 200, N(0, 0.1²) here. "
             "Catalogue (4 trials, 10k steps): margins 0.0100 → 0.0111, errors 0.136 → 0.113.",
    )


def lemma_e5(inst, *, sign=-1.0):
    """Lemma E.5 (integration by parts) for a Gaussian ρ = N(μ, s²I) on ℝ^D and polynomial h₁,
    h₂ = (h₂₁, …, h₂D): ∫h₁∇·(h₂ρ) = −E_ρ⟨∇h₁, h₂⟩. With ∇·(h₂ρ) = ρ(∇·h₂ − h₂ᵀ(x−μ)/s²) both
    sides are Gaussian expectations of polynomials, exact under tensor Gauss–Hermite quadrature."""
    rng = inst.rng("poly")
    D, deg = inst.D, inst.degree
    mu = rng.uniform(-1, 1, D)
    s = inst.s
    nodes, weights = np.polynomial.hermite_e.hermegauss(deg + 4)
    grids = np.meshgrid(*([nodes] * D), indexing="ij")
    X = mu + s * np.stack([g.reshape(-1) for g in grids], axis=1)
    Wt = np.prod(np.meshgrid(*([weights] * D), indexing="ij"), axis=0).reshape(-1)
    Wt = Wt / Wt.sum()
    exps = rng.integers(0, deg + 1, (4, D))

    def poly(c, e, x):  # Σ_k c_k Π_j x_j^{e_kj} and its gradient
        val = np.zeros(len(x))
        grad = np.zeros_like(x)
        for ck, ek in zip(c, e):
            mono = np.prod(x ** ek, axis=1)
            val += ck * mono
            for j in range(D):
                if ek[j] > 0:
                    ej = ek.copy()
                    ej[j] -= 1
                    grad[:, j] += ck * ek[j] * np.prod(x ** ej, axis=1)
        return val, grad

    h1, g1 = poly(rng.standard_normal(4), exps, X)
    h2 = np.zeros_like(X)
    div2 = np.zeros(len(X))
    for j in range(D):
        e = rng.integers(0, deg + 1, (4, D))
        v, g = poly(rng.standard_normal(4), e, X)
        h2[:, j] = v
        div2 += g[:, j]
    lhs = float(Wt @ (h1 * (div2 - np.sum(h2 * (X - mu), axis=1) / s**2)))
    rhs = sign * float(Wt @ np.sum(g1 * h2, axis=1))
    scale = float(Wt @ (np.abs(h1) * (np.abs(div2) + np.sum(np.abs(h2 * (X - mu)), axis=1) / s**2))) + 1e-300
    return close(lhs, rhs, tol=1e3 * EPS * scale, why="Gauss–Hermite quadrature exact for these "
                 "degrees; 1000 ulp of the absolute integrand")


claim(
    id="wei2019.lemE.5.integration-by-parts",
    source=src("Lemma E.5", APPE, 929),
    statement=r"\int h_1\,\nabla\cdot(h_2\rho) = -\mathbb E_\rho\langle\nabla h_1, h_2\rangle",
    kind=Kind.IDENTITY,
    domain=Space(D=Int(1, 3), degree=Int(1, 3), s=Real(0.3, 2.0), seed=Seed()),
    predicate=lemma_e5,
    mutants=(Mutant("sign flipped (+E_ρ)", params={"sign": 1.0}),),
)


def theorem41_rate(inst, *, separable=True):
    """Theorem 4.1's conclusion γ_λ → γ* at a finite λ, with the rate its proof gives (linear model,
    a = 1, r = 2, l = 2): optimality against B'θ* with B' = log(1/λ)/γ* gives
    B_λγ* >= D := log(1/(2nλ(1 + log²(1/λ)/γ*²))), and C.6 + C.7 give, once D > log(n/ln 2),
    0 <= γ* − γ_λ <= log(n/ln 2)/B_λ <= γ*·log(n/ln 2)/D =: r(λ) → 0.

    Without separability (``separable=False``: 20% of the labels flipped) γ* = 0, r = 0, and the
    conclusion fails: γ_λ stays negative."""
    rng = inst.rng("data")
    d, n, lam = inst.d, inst.n, inst.lam
    w_true = rng.standard_normal(d)
    X = rng.standard_normal((4 * n, d))
    X = X[np.abs(X @ w_true) / np.linalg.norm(w_true) > 0.1][:n]
    if len(X) < n:
        return precondition_failed("not enough points with margin >= 0.1")
    y = np.sign(X @ w_true)
    if not separable:
        y[rng.choice(n, max(1, n // 5), replace=False)] *= -1
    try:
        gamma_star, _ = max_margin.linear_max_margin(X, y)
    except InputError:
        gamma_star = 0.0  # not separable: the max over ‖w‖ <= 1 is attained at w = 0
    w, gap = regularized_logistic_minimizer(X, y, lam)
    B = float(np.linalg.norm(w))
    gamma_lam = float((y * (X @ w)).min()) / B
    if gamma_star > 0:
        D = math.log(1 / (2 * n * lam * (1 + math.log(1 / lam) ** 2 / gamma_star**2)))
        if D <= math.log(n / math.log(2)):
            return precondition_failed("λ not small enough for the rate (D <= log(n/ln 2))")
        rate = gamma_star * math.log(n / math.log(2)) / D
    else:
        rate = 0.0
    return at_most(gamma_star - gamma_lam, rate, tol=1e-8 * max(gamma_star, 1e-3) + n * gap,
                   why="SLSQP's 1e-9 relative error in γ*, Newton suboptimality", gamma_star=gamma_star,
                   gamma_lambda=gamma_lam, norm=B)


claim(
    id="wei2019.thm4.1.margin-convergence",
    source=src("Theorem 4.1", SEC4, 171),
    statement=r"\gamma^\star>0:\ \gamma_\lambda\to\gamma^\star\ (\lambda\to0);\ \text{checked with the "
              r"proof's rate } \gamma^\star-\gamma_\lambda\le\frac{\gamma^\star\log(n/\ln2)}"
              r"{\log\frac{1}{2n\lambda(1+\log^2(1/\lambda)/\gamma^{\star2})}}",
    kind=Kind.INEQUALITY,
    domain=Space(n=Int(4, 30), d=Int(2, 6), lam=Real(1e-14, 1e-8, log=True), seed=Seed()),
    predicate=theorem41_rate,
    mutants=(Mutant("separability dropped (20% labels flipped, γ* = 0)", params={"separable": False}),),
    note="Rate derived here from eqs. C.6–C.7 and the comparison with B'θ* (linear model, exact "
         "minimizer); Lemma C.4's ‖Θ_λ‖ → ∞ appears as B_λγ* >= D.",
)


def theorem_c2(inst, *, constant=10.0):
    """Theorem C.2 on the linear model (a = 1, r = 2, l = 2, c = 5): with
    λ = exp(−(2^{r/a}−1)^{−a/r})·γ*^{r/a}/n^c, every Θ' with L_λ(Θ') <= α·L_λ(Θ_λ), α <= 2, has
    γ' >= γ*/(10·α^{a/r}). Θ' is searched on the boundary of the sublevel set along a random ray
    from the exact minimizer (root of the convex 1-D function t ↦ L_λ(w_λ + t v) − α L*)."""
    from scipy.optimize import brentq
    rng = inst.rng("data")
    d, n, alpha = inst.d, inst.n, inst.alpha
    w_true = rng.standard_normal(d)
    X = rng.standard_normal((4 * n, d))
    X = X[np.abs(X @ w_true) / np.linalg.norm(w_true) > 0.1][:n]
    if len(X) < n:
        return precondition_failed("not enough points with margin >= 0.1")
    y = np.sign(X @ w_true)
    gamma_star, _ = max_margin.linear_max_margin(X, y)
    a, r, c = 1.0, 2.0, 5.0
    lam = math.exp(-(2 ** (r / a) - 1) ** (-a / r)) * gamma_star ** (r / a) / n**c
    w, gap = regularized_logistic_minimizer(X, y, lam)
    A = y[:, None] * X

    def L(v):
        return float(np.mean(np.logaddexp(0.0, -A @ v)) + lam * v @ v)

    best = L(w)
    v = rng.standard_normal(d)
    v /= np.linalg.norm(v)
    level = alpha * best
    t_hi = 1.0
    while L(w + t_hi * v) < level:
        t_hi *= 2
    t = 0.0 if alpha == 1.0 else brentq(lambda s: L(w + s * v) - level, 0.0, t_hi, xtol=1e-14)
    wp = w + t * v
    gamma_p = float((A @ wp).min()) / float(np.linalg.norm(wp))
    return at_least(gamma_p, gamma_star / (constant * alpha ** (a / r)), tol=1e-8 * gamma_star,
                    why="SLSQP's 1e-9 relative error in γ*; brentq to 1e-14", lam=lam,
                    ratio=gamma_p / gamma_star)


claim(
    id="wei2019.thmC.2.approximate-minimizers",
    source=src("Theorem C.2", "C.1 Multi-class Setting", 689),
    statement=r"\lambda=e^{-(2^{r/a}-1)^{-a/r}}\frac{(\gamma^\star)^{r/a}}{n^c(l-1)^c},\ "
              r"L_\lambda(\Theta')\le\alpha L_\lambda(\Theta_\lambda),\ \alpha\le2\ \Rightarrow\ "
              r"\gamma'\ge\frac{\gamma^\star}{10\,\alpha^{a/r}}\quad(\text{linear } f,\ c=5)",
    kind=Kind.INEQUALITY,
    domain=Space(n=Int(4, 30), d=Int(2, 6), alpha=Real(1.0, 2.0), seed=Seed()),
    predicate=theorem_c2,
    mutants=(Mutant("constant 10 → 1", params={"constant": 1.0},
                    domain=Space(n=Int(4, 30), d=Int(2, 6), alpha=Fixed(1.0), seed=Seed())),),
    note="The proof ends with 'c >= 5'; its step C.8 needs 4n(l−1) <= (n(l−1))³, false for a single "
         "binary example (n = 1), which the domain excludes. The prescribed λ is conservative: "
         "catalogue measured γ'/γ* >= 0.82.",
)
