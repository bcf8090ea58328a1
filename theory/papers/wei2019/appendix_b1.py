"""Wei et al. 2019, Appendix B.1 (lower bound for the kernel method): the NTK closed form (eq. B.1)
and the arc probability before it, Theorem B.1's sign implication, Lemma B.2 (Bonami,
anti-concentration), Lemmas B.3/B.4 (symmetrization rate), Lemma B.5 (Taylor surrogate), Lemma B.6
(moment identity and its range), Lemma B.8 and eq. B.12."""

from __future__ import annotations

from fractions import Fraction
import math

import numpy as np
from theory.lazy import lazy

scipy_linalg = lazy("scipy.linalg")

from theory.data import hard_distribution as hd
from theory.data import hypercube
from theory.dynamics import mean_field
from theory.kernels import hinf, relu_ntk
from theory.claims import (AtLeast, Choice, ErrorClass, Exponent, Fixed, Grid, Int, Kind, Mutant,
    Real, Seed, Space, at_least, at_most, claim, close, erratum_pair, precondition_failed)
from theory.claims.certificates import exact
from theory.papers.wei2019._shared import APPB, MC_ALPHA, float_sum_error, kernel_on_support, src
from theory.tolerances import EPS, gaussian_threshold


def ntk_paper_arc_probability(X, Z, tau1, tau2):
    """Mutant/printed: the gradient part with P(both active) = 1 − θ/π (L333), i.e. 2·τ₁·K1."""
    return 2 * tau1 * relu_ntk.k1(X, Z) + tau2 * (relu_ntk.k1(X, Z) + relu_ntk.k2(X, Z))


def ntk_swapped(X, Z, tau1, tau2):
    """Mutant: K1 and K2 exchanged."""
    return tau1 * relu_ntk.k2(X, Z) + tau2 * (relu_ntk.k1(X, Z) + relu_ntk.k2(X, Z))


def ntk_k2_without_norms(X, Z, tau1, tau2):
    """Mutant: K2 = sin θ/π without the factor ‖x‖‖x'‖."""
    k2 = np.sin(hinf.cross_angles(X, Z)) / math.pi
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


def arc_probability_matches(inst, *, formula=hinf.coactivation_from_angle, samples=40000):
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
    lam = float(scipy_linalg.eigh(M, eigvals_only=True, subset_by_index=[0, 0])[0]) / d**2
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
