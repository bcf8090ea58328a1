"""Wei et al. 2019, Appendix E (proofs for Section 3), the finite statements: Lemmas E.5, E.6, E.7,
E.11, E.13, E.14 (erratum, certified), E.15, E.20 and the steps of Theorem E.4's proof (convexity,
the choice of l, erratum, certified)."""

from __future__ import annotations

import math

import numpy as np

from theory.dynamics import mean_field
from theory.claims import (Choice, ErrorClass, Fixed, Int, Kind, Mutant, Real, Seed, Space,
    at_least, at_most, claim, close, erratum_pair)
from theory.claims.certificates import interval, interval_precision, iv
from theory.papers.wei2019._shared import APPE, MF_SPACE, mean_field_instance, src
from theory.tolerances import EPS


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

    def poly(c, e, x):
        """Σ_k c_k Π_j x_j^{e_kj} and its gradient, each with the sum of its terms' absolute values
        (the scale of its rounding error: the terms can cancel, e.g. four monomials x with
        coefficients summing to 1e-4, and the error stays that of the terms)."""
        val, val_abs = np.zeros(len(x)), np.zeros(len(x))
        grad, grad_abs = np.zeros_like(x), np.zeros_like(x)
        for ck, ek in zip(c, e):
            mono = np.prod(x ** ek, axis=1)
            val += ck * mono
            val_abs += np.abs(ck * mono)
            for j in range(D):
                if ek[j] > 0:
                    ej = ek.copy()
                    ej[j] -= 1
                    term = ck * ek[j] * np.prod(x ** ej, axis=1)
                    grad[:, j] += term
                    grad_abs[:, j] += np.abs(term)
        return val, grad, val_abs, grad_abs

    h1, g1, h1_abs, g1_abs = poly(rng.standard_normal(4), exps, X)
    h2, h2_abs = np.zeros_like(X), np.zeros_like(X)
    div2, div2_abs = np.zeros(len(X)), np.zeros(len(X))
    for j in range(D):
        e = rng.integers(0, deg + 1, (4, D))
        v, g, v_abs, g_abs = poly(rng.standard_normal(4), e, X)
        h2[:, j], h2_abs[:, j] = v, v_abs
        div2 += g[:, j]
        div2_abs += g_abs[:, j]
    lhs = float(Wt @ (h1 * (div2 - np.sum(h2 * (X - mu), axis=1) / s**2)))
    rhs = sign * float(Wt @ np.sum(g1 * h2, axis=1))
    # both sides' integrands with every polynomial replaced by the sum of its terms' magnitudes
    scale = float(Wt @ (h1_abs * (div2_abs + np.sum(h2_abs * np.abs(X - mu), axis=1) / s**2)
                        + np.sum(g1_abs * h2_abs, axis=1))) + 1e-300
    return close(lhs, rhs, tol=1e3 * EPS * scale, why="Gauss–Hermite quadrature exact for these "
                 "degrees; 1000 ulp of both sides' integrands taken term by term (before the "
                 "polynomials' cancellations)")


claim(
    id="wei2019.lemE.5.integration-by-parts",
    source=src("Lemma E.5", APPE, 929),
    statement=r"\int h_1\,\nabla\cdot(h_2\rho) = -\mathbb E_\rho\langle\nabla h_1, h_2\rangle",
    kind=Kind.IDENTITY,
    domain=Space(D=Int(1, 3), degree=Int(1, 3), s=Real(0.3, 2.0), seed=Seed()),
    predicate=lemma_e5,
    mutants=(Mutant("sign flipped (+E_ρ)", params={"sign": 1.0}),),
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
             "only for δ/c₂ <= ½·2^{−1/d} (¼ at d = 1). Theorem E.4 uses δ = τ/2 with "
             "τ = ε/(2W_ε²) small, where the printed form holds, so the theorem is not affected. "
             "For the authors: Lemma E.14 "
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
