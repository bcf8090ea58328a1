"""Arora et al. 2019, Section 5 (analysis of generalization): Remark 5.1 (positive definiteness of
H∞, a reading of "parallel"), Section 5.2's auxiliary sequence, Lemma 5.3 (the GD sum operator and
the distance-from-init limit, trained), Lemma 5.4 (Rademacher complexity against an explicit
witness), the crude bound used for Theorem 5.1, and Corollary 5.2's ramp loss.

Line numbers refer to ``shared/papers/arora2019_004_677e88d3645acab6.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory import linalg
from theory.kernels import hinf as kernels
from theory.dynamics import linear_dynamics
from theory.probability import rademacher
from theory.claims import (
    at_least, at_most, Choice, claim, close, erratum_pair, Fixed, greater_than, Int, Kind,
    Mutant, precondition_failed, Real, Series, Space, SpherePoints, Status, Tier,
)
from theory.data.sphere import min_angle
from theory.tolerances import EPS
from theory.papers.arora2019._shared import (
    APPD, SEC5, STEP_POINTS, first_failure, src, step_size, sweep_widths, width_sweep, z_matrix,
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
    curve = Series("lem5.3-ratio", widths, gaps.tolist(),
                   title="Lemma 5.3: ρ − 1, κ halving as √m·κ doubles; ρ = " + ", ".join(f"{r:.3f}" for r in mean),
                   xlabel="√m·κ", ylabel="ρ − 1, ρ = ‖W−W(0)‖_F / sqrt(yᵀH∞⁻¹y)",
                   logx=True, logy=bool(np.all(gaps > 0)),
                   reference={"label": "(√m·κ)^-1/2 (the lemma's rate)", "x": widths,
                              "y": [gaps[0] * (widths[0] / w) ** 0.5 for w in widths]})
    return [greater_than(float(mean[below]), 1.0 - 3 * float(se[below]),
                         why="seed-mean ratio against 1 less 3 standard errors over seeds",
                         rho=mean.tolist(), rho_by_seed=rhos.tolist(), widths=widths, series=[curve]),
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
    t_ε <= 1 the largest step keeping every row within R (theory.probability.rademacher.witness_gains): each W_ε
    lies in F_{R,B} and E_ε εᵀf_{W(0)}(X) = 0, so LB is a lower bound on the complexity.

    R is fixed before the draw, as the lemma's "given R > 0" requires: R = ρ·B/√m with ρ from the
    instance (the witness's rows move by ≈ 1.6–2.0·B/√m; a smaller ρ truncates the step).

    ε: for n <= 12 all 2ⁿ sign vectors (LB exact); otherwise ``sampled`` of them, with the exact
    average of the linear part B‖Z(0)ε‖ (all 2ⁿ ε, theory.probability.rademacher.sqrt_quadratic_form_mean) as
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
