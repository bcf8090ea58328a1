"""Arora et al. 2019, Section 4 (analysis of the convergence rate): the power-method form of the
linear dynamics (eqs. (7)/(28)), the initial-output moments and step-size facts of Theorem 4.1's
proof, and Theorem 4.1 itself as a scaling law in √m·κ (trained, quick and standard tiers).

Line numbers refer to ``shared/papers/arora2019_004_677e88d3645acab6.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory import linalg
from theory.kernels import hinf as kernels
from theory.dynamics import linear_dynamics
from theory.claims import (
    at_least, at_most, Choice, claim, close, Fixed, Int, Kind, Mutant, precondition_failed,
    Real, Series, Space, SpherePoints, Tier,
)
from theory.tolerances import EPS, gaussian_threshold
from theory.papers.arora2019._shared import (
    APPC, MC_ALPHA_PER_INSTANCE, SEC4, STEP_POINTS, THM41_ACCEPT, THM41_SPACE, first_failure,
    loglog_slope, src, step_size, sweep_widths, width_sweep,
)

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
    curve = Series("thm4.1-deviation", list(widths), means,
                   title=f"Theorem 4.1: max_k |‖y−u(k)‖ − power method| vs √m·κ; "
                         f"fitted exponent {slope:.2f} [{lo:.2f}, {hi:.2f}]",
                   xlabel="√m·κ", ylabel="max_k deviation", logx=True, logy=True,
                   reference={"label": "(√m·κ)^-1", "x": list(widths), "y": ref},
                   extra={"label": "activation flip fraction", "x": list(widths), "y": flips})
    details = dict(slope=slope, ci=[lo, hi], widths=list(widths), kappas=kappas, mean_deviation=means,
                   flip_fraction=flips, steps=K, eta=eta, lambda0=float(lam[0]))
    return [at_least(lo, accept[0], why="99.9% t-interval of the fitted log-log slope; accepted band "
                                         f"{accept}", series=[curve], **details),
            at_most(hi, accept[1], why=f"99.9% t-interval of the fitted log-log slope; accepted band {accept}",
                    **details)]

claim(
    id="arora2019.thm4.1.trajectory-deviation-scaling",
    threads=1,
    source=src("Theorem 4.1", SEC4, 200),
    statement=r"\|y-u(k)\|_2=\sqrt{\textstyle\sum_i(1-\eta\lambda_i)^{2k}(v_i^\top y)^2}\pm\epsilon,\ "
              r"\text{checked as }\max_k\big|\|y-u(k)\|-\|(I-\eta H^\infty)^k(y-u(0))\|\big|\propto(\sqrt m\,\kappa)^{-1}",
    kind=Kind.DYNAMICS,
    domain=THM41_SPACE,
    predicate=trajectory_deviation_scaling,
    params={"start": "u0", "kappa_schedule": "fixed"},
    mutants=(Mutant("2π → π in H∞ (the power method on 2H∞)", params={"kernel_scale": 2.0}),
             Mutant("κ = 1 (hypothesis κ = O(εδ/√n) dropped), compared from ũ(0) = 0",
                    params={"start": "zero"},
                    domain=THM41_SPACE.replace(kappa=Fixed(1.0)))),
    note="The proof's error is O(√n·κ/δ + n^{7/2}/(√m·λ₀²·κ·δ²)): the second term is the width term, "
         "(√m·κ)⁻¹; the first is the ũ(0) = 0 floor ‖u(0)‖ ≈ κ√(n/2), which this quick check removes by "
         "comparing with the linear model from the same u(0) (catalogue §2.6), so that its exponent "
         "tests the width term alone. The theorem's own comparison from ũ(0) = 0 is "
         "arora2019.thm4.1.trajectory-deviation-from-zero (standard tier: coupling κ to the width "
         "needs m up to 4·10⁵ with twelve seeds, 1.7 GB). η = 1/λ_max, K = ⌈8/(ηλ₀)⌉.",
)


#: Theorem 4.1 from ũ(0) = 0: κ = 0.4, 0.2, 0.1, 0.05 at √m·κ = 4, 8, 16, 32 (m = 100 … 409600),
#: twelve seeds per width
THM41_ZERO_SPACE = THM41_SPACE.replace(kappa=Fixed(0.4), seeds=Fixed(12))

#: accepted band from ũ(0) = 0. Measured (issue 13) on X seeds 0–3 (each run 3–7 min on the
#: shared CPU, so no more): −0.58 [−0.68, −0.48], −0.96 [−1.25, −0.66], −0.92 [−1.48, −0.37],
#: −0.91 [−1.31, −0.50] (99.9% intervals); the κ-held-at-1 mutant: −0.30 [−0.76, 0.17], −0.02
#: [−0.49, 0.45], 0.00 [−0.44, 0.44] on seeds 0–2. The u(0) floor's seed-to-seed spread widens the intervals beyond the quick
#: claim's, so the upper end is −0.3, not −0.4; the mutants' exponents sit near 0.
THM41_ZERO_ACCEPT = (-1.6, -0.3)

claim(
    id="arora2019.thm4.1.trajectory-deviation-from-zero",
    threads=1,
    source=src("Theorem 4.1", SEC4, 200),
    statement=r"\|y-u(k)\|_2=\sqrt{\textstyle\sum_i(1-\eta\lambda_i)^{2k}(v_i^\top y)^2}\pm\epsilon,\ "
              r"\text{checked as }\max_k\big|\|y-u(k)\|-\|(I-\eta H^\infty)^k y\|\big|\propto(\sqrt m\,\kappa)^{-1}"
              r"\ (\kappa\propto(\sqrt m\,\kappa)^{-1})",
    kind=Kind.DYNAMICS,
    tier=Tier.STANDARD,
    domain=THM41_ZERO_SPACE,
    predicate=trajectory_deviation_scaling,
    params={"accept": THM41_ZERO_ACCEPT},
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
    note="Compared from u(0), like the quick claim, at n = d = 10 and up to √m·κ = 64 (coupling κ to "
         "the width there would need m ≈ 2.6·10⁷); the comparison from ũ(0) = 0 is "
         "arora2019.thm4.1.trajectory-deviation-from-zero.",
)
