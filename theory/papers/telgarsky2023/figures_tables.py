"""Figures 1 and 2, Table 1, and every claim that trains a network (gradient flow near
initialisation, Theorems 3.2 and 3.3 at their widths, online SGD on parity).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from theory.data import hypercube
from theory import losses
from theory.dynamics import gradient_flow as gf
from theory.margins import max_margin
from theory.nets import two_layer_relu as nets
from theory.margins import ntk_margin
from theory.data import sparse_parity
from theory.claims import claim, erratum_pair, Exponent, Kind, Mutant, Status, Tier
from theory.domains import Choice, Fixed, Grid, Int, Real, Seed, Space
from theory.evidence import Series, at_least, at_most, close, greater_than, precondition_failed
from theory.papers.telgarsky2023.common import (construction, geodesic_point, nc_corrected, S12, S2, S3,
    separable_data, src)
from theory.tolerances import EPS


def monotone_along(traj, start: int, *, margin="smoothed", dims=1):
    """Worst normalised one-step change of γ̊ (or γ) after step ``start``, as Evidence (>= 0)."""
    values = np.array(traj.smoothed_normalized if margin == "smoothed" else traj.hard_normalized)
    scale = np.array(traj.rounding)
    steps = np.diff(values[start:])
    tol = 64 * dims * EPS * np.maximum(scale[start + 1:], scale[start:-1])
    slack = (steps + tol) / np.maximum(np.abs(values[start + 1:]), 1e-300)
    worst = int(np.argmin(slack)) if slack.size else 0
    decreases = int(np.sum(steps < -tol))
    return at_least(float(steps[worst]) if steps.size else 0.0, 0.0,
                    tol=float(tol[worst]) if tol.size else 0.0,
                    why="64·(n+m+d) ulp of the margin scale (max|p_i| + ln n)/‖W‖² per step",
                    decreases=decreases, steps_checked=int(steps.size), at_step=int(start + worst + 1))


def margin_series(traj, title) -> Series:
    """The normalised smoothed margin γ̊ along a run, with the hard margin beside it."""
    return Series("margins", list(traj.steps), list(traj.smoothed_normalized), title=title, xlabel="step",
                  ylabel="normalised margin",
                  extra={"label": "hard margin γ", "x": list(traj.steps), "y": list(traj.hard_normalized)})


def gd_monotonicity(inst, *, context, margin="smoothed", relative=None, warm_steps=0):
    """On 2-sparse parity, γ̊(W_s) is nondecreasing after the first step with γ̃ > 0.

    Plain GD (η = 1, loss-based steps) for ``inst.steps`` steps, or ``warm_steps`` of GD followed by
    ``inst.steps`` relative steps along the GF direction (``relative`` = c), which reach larger ‖W‖.
    """
    rng = inst.rng("data")
    X, y = sparse_parity.sample_parity(inst.n, inst.d, rng)
    a, V = nets.standard_init(inst.m, inst.d, rng)
    if relative is None:
        traj = gf.run_gradient_descent(a, V, X, y, inst.loss, steps=inst.steps, step=1.0)
    else:
        warm = gf.run_gradient_descent(a, V, X, y, inst.loss, steps=warm_steps, step=1.0)
        traj = gf.run_gradient_descent(*warm.final, X, y, inst.loss, steps=inst.steps, relative=relative)
    positive = np.flatnonzero(np.array(traj.smoothed_normalized) > 0)
    if positive.size == 0:
        return precondition_failed("γ̃ never became positive")
    ev = monotone_along(traj, int(positive[0]), margin=margin, dims=inst.n + inst.m + inst.d)
    ev.series.append(margin_series(
        traj, f"2-sparse parity d={inst.d}, n={inst.n}, m={inst.m}, {inst.loss} loss"))
    return ev


claim(
    id="telgarsky2023.sec1.2.smoothed-margin-monotone-gd",
    source=src("Lyu–Li monotonicity of γ̊ along GF (Section 1.2)", S12, 100),
    statement=r"\widehat{\mathcal R}(W_\tau) < \ell(0)/n \implies s\mapsto\mathring\gamma(W_s) "
              r"\text{ nondecreasing on } s\ge\tau\ (\text{GD}, \eta = 1)",
    kind=Kind.DYNAMICS,
    domain=Space(n=Fixed(32), d=Fixed(10), m=Fixed(16), steps=Fixed(800), loss=Choice("exponential", "logistic"),
                 seed=Seed()),
    predicate=gd_monotonicity,
    mutants=(Mutant("hard margin γ instead of γ̊", params={"margin": "hard"},
                    domain=Space(n=Fixed(32), d=Fixed(10), m=Fixed(16), steps=Fixed(1600),
                                 loss=Choice("exponential", "logistic"), seed=Choice(955154059, 4014309253)),
                    why="pinned to two data/initialisation seeds whose 1600-step trajectories have "
                        "142–592 hard-margin decreases for both losses: the quick tier runs one "
                        "trajectory, and about 1 random draw in 16 has none (the mutant survived "
                        "calibration seeds 16, 18 and, at 1600 steps, 5)"),),
    note="Plain GD with a constant step is a discretisation; the suite found no γ̊ decrease at "
         "η <= 1 while the hard margin decreases on hundreds of steps (m = 16).",
)


claim(
    id="telgarsky2023.sec1.2.smoothed-margin-monotone-relative",
    source=src("Lyu–Li monotonicity of γ̊ along GF, long horizon (Section 1.2)", S12, 100),
    statement=r"\widehat{\mathcal R}(W_\tau) < \ell(0)/n \implies s\mapsto\mathring\gamma(W_s) "
              r"\text{ nondecreasing (relative steps } c\|W\|/(1+\|W\|^2),\ c = 0.02)",
    kind=Kind.DYNAMICS,
    tier=Tier.STANDARD,
    domain=Space(n=Fixed(32), d=Fixed(10), m=Choice(16, 64), steps=Fixed(3000), loss=Choice("exponential", "logistic"),
                 seed=Seed()),
    predicate=gd_monotonicity,
    params={"relative": 0.02, "warm_steps": 600},
    mutants=(Mutant("hard margin γ instead of γ̊", params={"margin": "hard"}),),
)


def no_rotation_run(inst, *, context, fraction=0.25, delta=0.1):
    """GF (relative steps) on the no-rotation net over the full cube H_d at the theorem's width
    m = ⌈2(4/γ_gl)^d ln(r/δ)⌉ (r = 4, γ_gl = 1/√(8d)), ℓ_exp. Checks, at the end:
    γ̊ >= fraction·γ_gl, the ceiling γ̊ <= ½γ_gl (AM-GM), and |a_j| = |b_j| kept."""
    d = inst.d
    X = hypercube.scaled_points(d)
    y = sparse_parity.parity_labels(X)
    gamma_gl = 1.0 / math.sqrt(8 * d)
    m = inst.m or int(math.ceil(2 * (4 / gamma_gl) ** d * math.log(4 / delta)))
    a, b, U = nets.scalar_init(m, d, inst.rng("init"))
    model = gf.ScalarModel(U, X, y, device=getattr(context, "device", "cpu"))
    traj = gf.run_gradient_flow(model, (a, b), "exponential", steps=inst.steps, relative=0.1)
    fa, fb = traj.final
    final = traj.smoothed_normalized[-1]
    tol = 64 * (m + d) * EPS * traj.rounding[-1]
    balance = float(np.max(np.abs(fa * fa - fb * fb)))
    scale = float(np.max(fa * fa + fb * fb))
    out = [
        at_least(final, fraction * gamma_gl, tol=tol, why="rounding of γ̊ at the end of the run",
                 width=m, final_norm=traj.norms[-1], series=[margin_series(
                     traj, f"Theorem 3.3, no-rotation net, parity d={d}, m={m}")]),
        at_most(final, 0.5 * gamma_gl, tol=tol, why="rounding of γ̊ (ceiling of lem2.5.margin-ceiling)"),
        at_most(balance, 0.0, tol=inst.steps * 16 * (m + d) * EPS * scale,
                why="steps·16(m+d) ulp of max(a_j² + b_j²)"),
    ]
    return out


T33_SOURCE = src("Theorem 3.3", S3, 317)


T33_CEILING_MUTANT = Mutant("γ_gl/4 → γ_gl/2 (the ceiling itself)", params={"fraction": 0.5})


claim(
    id="telgarsky2023.thm3.3.no-rotation-margin",
    source=T33_SOURCE,
    statement=r"m \ge 2(4/\gamma_{gl})^d\ln(r/\delta) \implies \mathring\gamma\big((a(t),b(t))\big) \ge "
              r"\frac{\gamma_{gl}}4 \text{ for large } t\ (\text{2-sparse parity}, \gamma_{gl} = 1/\sqrt{8d})",
    kind=Kind.DYNAMICS,
    tier=Tier.STANDARD,
    domain=Space(d=Fixed(2), m=Fixed(0), steps=Fixed(6000), seed=Seed()),
    predicate=no_rotation_run,
    mutants=(T33_CEILING_MUTANT,),
    note="d = 2 at the literal width m = 1889; thm3.3.no-rotation-margin-d3-literal runs d = 3 (m = 55 517) and "
         "the gpu tier d = 4 (m = 1.93·10⁶). The catalogue measured 0.116 / 0.090 against 0.0625 / 0.051.",
)


def no_rotation_run_on_gpu(inst, *, context, fraction=0.25):
    """:func:`no_rotation_run` at a width only a GPU makes practical (Z = XUᵀ of 16 × 1.93·10⁶ at
    d = 4 on the device); anywhere else a precondition failure that names the device."""
    if getattr(context, "device", "cpu") != "cuda":
        return precondition_failed("the literal width at d = 4 (m = 1.93·10⁶, ~10⁴ steps) needs a GPU: "
                                   "run with --device cuda (d = 2 and d = 3 run on CPU)")
    return no_rotation_run(inst, context=context, fraction=fraction)


def literal_width_claim(d: int, tier: Tier, predicate, note: str) -> None:
    """Theorem 3.3 at the literal width m = ⌈2(4/γ_gl)^d ln(4/0.1)⌉ for a larger d, 10⁴ relative steps."""
    width = math.ceil(2 * (4 * math.sqrt(8 * d)) ** d * math.log(40))
    claim(id=f"telgarsky2023.thm3.3.no-rotation-margin-d{d}-literal", source=T33_SOURCE,
          statement=rf"d = {d},\ m = \lceil 2(4/\gamma_{{gl}})^{d}\ln(4/0.1)\rceil = {width}:\ "
                    r"\mathring\gamma \ge \gamma_{gl}/4",
          kind=Kind.DYNAMICS, tier=tier, domain=Space(d=Fixed(d), m=Fixed(0), steps=Fixed(10000), seed=Seed()),
          predicate=predicate, mutants=(T33_CEILING_MUTANT,), note=note)


literal_width_claim(
    3, Tier.STANDARD, no_rotation_run,
    "The literal width at d = 3 on CPU: about 5 ms a step (pre-activations cached, "
    "theory.dynamics.gradient_flow.ScalarModel). Measured on seed 0: γ̊ = 0.0504 after 6000 steps (still below "
    "γ_gl/4 = 0.0510: the theorem is 'for large t'), 0.0594 after 10⁴ and 0.0717 after 3·10⁴, under the "
    "ceiling ½γ_gl = 0.102.")


literal_width_claim(
    4, Tier.GPU, no_rotation_run_on_gpu,
    "Not run in the session that wrote it (no CUDA device was lent); its code path is the d = 2, 3 "
    "claims' with the cached pre-activations on the device, tested on CPU at a toy width "
    "(tests/papers/test_paper_scale_cpu.py). The catalogue measured 0.0735 at m = 2000 against 0.0442.")


def rotation_and_mass(V0, a1, V1):
    """Per node: rotation 1 − cos(v_j(0), v_j(t)) and "mass" ‖a_j v_j(t)‖ (Figure 1 (c), (d))."""
    cos = np.sum(V0 * V1, axis=1) / (np.linalg.norm(V0, axis=1) * np.linalg.norm(V1, axis=1))
    return 1.0 - cos, np.abs(a1) * np.linalg.norm(V1, axis=1)


def spearman(x, y) -> float:
    rx, ry = np.argsort(np.argsort(x)), np.argsort(np.argsort(y))
    return float(np.corrcoef(rx, ry)[0, 1])


def figure1(inst, *, context, widths=(16, 64, 256), shrink=3.0):
    """Figure 1 reproduced: GD (logistic, η = 1) on n = 64 parity points in d = 20 at three widths.

    Checks the caption's claims: the median rotation shrinks with width (strictly along the widths,
    and by at least ``shrink``× from 16 to 256); the top 10% of nodes carry more of the mass at
    m = 256 than at m = 16; and rotation correlates with mass at m = 256 (Spearman > 0.3).
    """
    X, y = sparse_parity.sample_parity(inst.n, inst.d, inst.rng("data"))
    stats, per_width = {}, []
    for m in widths:
        a, V = nets.standard_init(m, inst.d, inst.rng(f"init{m}"))
        traj = gf.run_gradient_descent(a, V, X, y, "logistic", steps=inst.steps, step=1.0, snapshot_count=5)
        a1, V1 = traj.final
        rho, mass = rotation_and_mass(V, a1, V1)
        top = np.sort(mass)[::-1][:max(1, m // 10)].sum() / mass.sum()
        heavy = int(np.argmax(mass))
        stats[m] = dict(median_rotation=float(np.median(rho)), top_share=float(top),
                        spearman=spearman(rho, mass), hard_margin=traj.hard_normalized[-1],
                        heaviest_on_pair=float(np.linalg.norm(V1[heavy, :2]) / np.linalg.norm(V1[heavy])))
        per_width.append((m, np.sort(1 - rho), np.sort(mass / mass.max())))
    lo, hi = widths[0], widths[-1]
    med = [stats[m]["median_rotation"] for m in widths]
    def ranks(values) -> list:
        return list(np.linspace(0, 1, len(values)))

    curves = [
        Series("fig1c-rotation", ranks(per_width[-1][1]), list(per_width[-1][1]),
               title="Figure 1(c): sorted cos(v_j(0), v_j(t)), d=20, n=64", xlabel="node rank / m",
               ylabel="cosine (1 = no rotation)",
               reference={"label": f"m = {widths[1]}", "x": ranks(per_width[1][1]), "y": list(per_width[1][1])},
               extra={"label": f"m = {lo}", "x": ranks(per_width[0][1]), "y": list(per_width[0][1])}),
        Series("fig1d-mass", ranks(per_width[-1][2]), list(per_width[-1][2]),
               title="Figure 1(d): sorted ‖a_j v_j‖ / max_k ‖a_k v_k‖", xlabel="node rank / m",
               ylabel="relative mass",
               extra={"label": f"m = {lo}", "x": ranks(per_width[0][2]), "y": list(per_width[0][2])}),
        Series("fig1-median-rotation", list(widths), med, title="median rotation 1 − cos against width",
               xlabel="width m", ylabel="median rotation", logx=True, logy=True)]
    return [
        at_most(max(np.diff(med)), 0.0, why="exact comparison of computed medians",
                medians=med, series=curves),
        at_most(stats[hi]["median_rotation"] * shrink, stats[lo]["median_rotation"],
                why="exact comparison", stats={str(k): v for k, v in stats.items()}),
        greater_than(stats[hi]["top_share"], stats[lo]["top_share"], why="exact comparison"),
        greater_than(stats[hi]["spearman"], 0.3, why="exact comparison"),
    ]


claim(
    id="telgarsky2023.fig1.rotation-vs-norm",
    source=src("Figure 1", "1 Introduction", 47),
    statement=r"\text{2-sparse parity, } d=20, n=64:\ \text{larger width} \Rightarrow \text{less rotation, "
              r"more norm imbalance; large norm goes with large rotation}",
    kind=Kind.EXPERIMENT,
    tier=Tier.STANDARD,
    domain=Space(n=Fixed(64), d=Fixed(20), steps=Fixed(8000), seed=Seed()),
    predicate=figure1,
    mutants=(Mutant("widths reversed (16 should rotate least)", params={"widths": (256, 64, 16)}),),
    note="Catalogue (seed 0, 20 000 steps): median rotation 0.459 (m = 16) vs 0.061 (m = 256); "
         "top-10% share 0.154 vs 0.343; Spearman 0.644 vs 0.883. The loss and step are not given in "
         "the paper; logistic GD with η = 1 is used.",
)


def figure2(inst, *, context, factor=1.0):
    """Figure 2 / Proposition 2.6.2 in the plane: cones S_1, S_2 at ±70° (half-width 2°, 10 points
    each) plus z_α; GD (logistic, η = 1) at width m reaches γ̊ > γ̂, the linear max-margin, for
    α = 0.1 (γ̂ ≈ 0.05); the linear KKT network itself has γ̊ = γ̂/2."""
    ang1 = math.radians(70) + math.radians(2) * np.linspace(-1, 1, 10)
    S1 = np.c_[np.cos(ang1), np.sin(ang1)]
    S2 = np.c_[np.cos(-ang1), np.sin(-ang1)]
    gamma0, u, v0, v1, v2 = construction(S1, S2)
    X = np.vstack([S1, S2, geodesic_point(v0, v1, inst.alpha)])
    y = np.ones(len(X))
    gamma_hat = max_margin.best_linear_margin(X, y)[0]
    a, V = nets.standard_init(inst.m, 2, inst.rng("init"))
    traj = gf.run_gradient_descent(a, V, X, y, "logistic", steps=inst.steps, step=1.0)
    final = traj.smoothed_normalized[-1]
    curve = dataclasses.replace(
        margin_series(traj, f"Figure 2 / Prop. 2.6: m={inst.m}, α={inst.alpha}"),
        reference={"label": "linear max-margin γ̂", "x": [0, inst.steps], "y": [gamma_hat, gamma_hat]})
    return greater_than(final, factor * gamma_hat, why="exact comparison of computed margins",
                        gamma_hat=gamma_hat, hard=traj.hard_normalized[-1], series=[curve])


claim(
    id="telgarsky2023.fig2.escape-bad-kkt",
    source=src("Proposition 2.6.2 and Figure 2", S2, 270),
    statement=r"\exists m_0\ \forall m\ge m_0:\ \lim_t\mathring\gamma(W_t) > \hat\gamma\ "
              r"(\text{linear max-margin of } S_1\cup S_2\cup\{z_\alpha\})",
    kind=Kind.EXPERIMENT,
    tier=Tier.STANDARD,
    domain=Space(m=Fixed(64), alpha=Fixed(0.1), steps=Fixed(30000), seed=Seed()),
    predicate=figure2,
    mutants=(Mutant("exceeds 5γ̂", params={"factor": 5.0}),),
    note="Catalogue: GD hard margin 0.135 (m = 64) against γ̂ = 0.050 at α = 0.1.",
)


def nc_training(inst, *, context, fraction=1.0, delta=0.1):
    """Simplex-ETF clusters (r = 4 in d = 3, labels (+, −, +, −), 10 points each, noise 0.03),
    ε = the largest the printed assumption allows (min(polar margin, γ_nc)), width
    m = ⌈2(2/ε)^d ln(r/δ)⌉; GD (ℓ_exp, η = 1) then relative steps. Checks γ̊ >= (γ_nc − ε)/(8r)
    at the end of the run."""
    rng = inst.rng("nc")
    B = np.array([[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]]) / math.sqrt(3)
    signs = np.array([1.0, -1.0, 1.0, -1.0])
    k = np.repeat(np.arange(4), 10)
    X = B[k] + 0.03 * rng.standard_normal((40, 3))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    y = signs[k]
    proj = X @ B.T
    gamma_nc = float(proj[np.arange(40), k].min())
    polar = float(-np.max(np.where(np.eye(4, dtype=bool)[k], -np.inf, proj)))
    eps = 0.999 * min(polar, gamma_nc)
    if not nc_corrected(X, y, B, signs, gamma_nc, eps):
        return precondition_failed("the generated clusters violate Assumption 3.1")
    m = int(math.ceil(2 * (2 / eps) ** 3 * math.log(4 / delta)))
    a, V = nets.standard_init(m, 3, inst.rng("init"))
    warm = gf.run_gradient_descent(a, V, X, y, "exponential", steps=inst.warm, step=1.0)
    traj = gf.run_gradient_descent(*warm.final, X, y, "exponential", steps=inst.steps, relative=1.0)
    claimed = (gamma_nc - eps) / (8 * 4)
    final = traj.smoothed_normalized[-1]
    return at_least(final, fraction * claimed, tol=64 * (m + 43) * EPS * traj.rounding[-1],
                    why="rounding of γ̊ at the end of the run", width=m, eps=eps, gamma_nc=gamma_nc,
                    series=[margin_series(traj, f"Theorem 3.2, NC data, m={m}")])


claim(
    id="telgarsky2023.thm3.2.neural-collapse-margin",
    source=src("Theorem 3.2", S3, 290),
    statement=r"m \ge 2(2/\epsilon)^d\ln(r/\delta) \implies \mathring\gamma(W_t) \ge "
              r"\frac{\gamma_{nc}-\epsilon}{8r} \text{ for large } t",
    kind=Kind.DYNAMICS,
    tier=Tier.STANDARD,
    domain=Space(warm=Fixed(1000), steps=Fixed(3000), seed=Seed()),
    predicate=nc_training,
    mutants=(Mutant("claimed margin ×8 (γ_nc − ε)/r", params={"fraction": 8.0}),),
    note="The printed Assumption 3.1 admits non-separable data (ass3.1.printed-implies-global); these "
         "clusters satisfy the corrected one. The catalogue measured γ̊ = 0.127 at m = 3511 after "
         "23 000 steps against the claimed 0.023.",
)


#: Table 1's Theorem 2.1 row (l.63): m = d², n = d²/ε, t = d²/ε — exponents of d and of 1/ε
TABLE1_THM21 = {"m": 2.0, "n": 2.0, "t": 2.0, "t_in_1/eps": 1.0}


def theorem21_budget(d: int, eps: float, delta: float) -> tuple[float, float, float]:
    """(m, n, t) that Theorem 2.1 requires for test error <= ε on 2-sparse parity with γ_ntk = 1/(50d)
    (Proposition 1.6.1): the least t with 8 ln(1/δ)/t + 2560/(tγ²) <= ε, the least m >=
    (64 ln(t/δ)/γ)², and n = t (one fresh example per step)."""
    gamma = 1.0 / (50 * d)
    t = math.ceil((8 * math.log(1 / delta) + 2560 / gamma**2) / eps)
    m = math.ceil((64 * math.log(t / delta) / gamma) ** 2)
    return float(m), float(t), float(t)


def table1_row(inst, *, printed=TABLE1_THM21):
    """Local exponents of Theorem 2.1's (m, n, t) between d and 4d (and t between ε and ε/4) against
    the exponents Table 1 prints. t and n carry no logarithm: their exponents equal the printed ones
    up to the additive 8 ln(1/δ) term and the ceiling (relative size < 1e-5, tolerance 1e-4). m hides
    ln(t/δ)²: its exponent lies in [printed, printed + 2·ln(1 + ln 16/ln(t/δ))/ln 4] (<= +0.22)."""
    d, eps, delta = inst.d, inst.eps, inst.delta
    m1, n1, t1 = theorem21_budget(d, eps, delta)
    m4, n4, t4 = theorem21_budget(4 * d, eps, delta)
    _, _, t_eps = theorem21_budget(d, eps / 4, delta)

    def slope(a, b):
        return math.log(b / a) / math.log(4.0)
    log_band = 2 * math.log(1 + math.log(16.0) / math.log(t1 / delta)) / math.log(4.0)
    rows = [
        close(slope(t1, t4), printed["t"], tol=1e-4, why="additive 8 ln(1/δ) and the ceiling (< 1e-5)",
              row="t vs d", m=m1, t=t1),
        close(slope(n1, n4), printed["n"], tol=1e-4, why="n = t", row="n vs d"),
        close(slope(t1, t_eps), printed["t_in_1/eps"], tol=1e-4, why="additive 8 ln(1/δ) and the ceiling",
              row="t vs 1/ε"),
        at_least(slope(m1, m4), printed["m"], why="exact (Õ hides only the factor ln(t/δ)² >= 1)", row="m vs d"),
        at_most(slope(m1, m4), printed["m"] + log_band, tol=1e-9,
                why="the d-exponent of ln(t/δ)² over [d, 4d] (a logarithm the table does not print)",
                row="m vs d", log_band=log_band),
    ]
    failed = [ev for ev in rows if not ev.holds]
    return failed[0] if failed else min(rows, key=lambda ev: ev.slack)


claim(
    id="telgarsky2023.tab1.parity-rows",
    source=src("Table 1 (row Theorem 2.1)", "1 Introduction", 63),
    statement=r"\gamma_{ntk} = \tfrac1{50d} \text{ in Theorem 2.1} \implies (m, n, t) = "
              r"\big(\tilde O(d^2), O(d^2/\epsilon), O(d^2/\epsilon)\big)\ (\text{Table 1's exponents})",
    kind=Kind.INEQUALITY,
    domain=Space(d=Int(2, 64), eps=Real(1e-3, 0.5, log=True), delta=Real(1e-4, 0.14, log=True)),
    predicate=table1_row,
    mutants=(Mutant("table width d¹", params={"printed": TABLE1_THM21 | {"m": 1.0}}),
             Mutant("table steps d/ε", params={"printed": TABLE1_THM21 | {"t": 1.0}}),
             Mutant("table steps d²/ε²", params={"printed": TABLE1_THM21 | {"t_in_1/eps": 2.0}})),
    note="Theorem 2.1's own budget, evaluated numerically from its hypotheses and test-error bound at "
         "γ_ntk = 1/(50d), against the exponents printed in Table 1's Theorem 2.1 row; δ < 1/7 so that "
         "1 − 7δ > 0. The Theorem 3.3 row (m = d^d) is a recorded decision (catalogue m20): the theorem "
         "gives 2(128d)^{d/2} ln(4/δ), which is d^{Θ(d)} but exceeds d^d for d < 128.",
)


def sgd_samples_to_error(inst, *, target=0.05, check_every=8, test_points=2000, max_samples=4000,
                         y_name=""):
    """Fresh samples online SGD (ℓ_log, η = 0.5, m = 256, standard init) uses on 2-sparse parity
    in dimension d before its test error (on ``test_points`` fresh points) is <= ``target``."""
    rng = inst.rng("sgd")
    d = inst.d
    a, V = nets.standard_init(inst.m, d, rng)
    Xt, yt = sparse_parity.sample_parity(test_points, d, rng)
    for s in range(1, max_samples + 1):
        x, yy = sparse_parity.sample_parity(1, d, rng)
        p = float(nets.margins(a, V, x, yy)[0])
        Ga, GV = nets.margin_gradients(a, V, x, yy)
        slope = float(losses.neg_derivative(p, "logistic"))
        a, V = a + inst.eta * slope * Ga[0], V + inst.eta * slope * GV[0]
        if s % check_every == 0 and np.mean(nets.margins(a, V, Xt, yt) <= 0) <= target:
            return float(s)
    return float(max_samples)


claim(
    id="telgarsky2023.thm2.1.sgd-samples-vs-dimension",
    source=src("Theorem 2.1 with Proposition 1.6 (Table 1: n = Õ(d²/ε))", S2, 159),
    statement=r"\text{online SGD on 2-sparse parity reaches test error } \epsilon \text{ with } "
              r"n = \tilde O(d^2/\epsilon) \text{ samples: fitted exponent of } n(d) \in [0.5, 2]",
    kind=Kind.SCALING,
    tier=Tier.STANDARD,
    domain=Space(d=Grid(8, 16, 24, 32), m=Fixed(256), eta=Fixed(0.5), seed=Seed()),
    predicate=sgd_samples_to_error,
    params={"y_name": "samples to 5% test error"},
    expect=Exponent(1.25, 0.75),
    mutants=(Mutant("sample count independent of d", expect=Exponent(0.0, 0.3)),),
    note="The theorem's constants make its own guarantee vacuous at these sizes; the measurement "
         "checks the d-dependence only. The catalogue measured ≈ 12–16·d samples (exponent ≈ 1), "
         "better than the d² of Table 1.",
)


#: d = 1, x ∈ {+1, −1}, y = sgn x: linearly separable with γ̂ = 1, and the outer-layer transport of
#: Proposition 1.5.2 gives the exact NTK margin γ_ntk = ½E|u_1|K_ρ(1) = 0.2946 on both points. An
#: outer-layer transport is not hit by the initialisation mismatch of Lemma A.3.1 (catalogue M1).
NEAR_X = np.array([[1.0], [-1.0]])


NEAR_Y = np.array([1.0, -1.0])


def near_init_gamma() -> float:
    return ntk_margin.outer_sign_margin(1) * float(np.min(NEAR_Y * NEAR_X[:, 0]))


def near_init_flow(inst, *, horizon=math.inf, distance=math.inf, watch=math.inf, relative=0.05,
                   max_steps=20000, data=(NEAR_X, NEAR_Y), width=None):
    """Discretised GF on NEAR_X from the standard init (width ``inst.m``, loss ``inst.loss``).

    Relative steps of length c‖W‖/(1 + ‖W‖²) ≈ c/√m along Σ_i q_i∇p_i (run_gradient_flow's rule);
    GF time accumulates Σ h·n/𝒬 (left end point of each step). Records, at every step: the GF time,
    R̂, ‖W_s − W_0‖, γ̊ and γ. Stops once the time reaches ``horizon`` or the distance ``distance``;
    keeps (a, V) at the first step with ‖W_s − W_0‖ >= ``watch`` (the crossing of Lemma 2.4).
    """
    X, y = data
    n = len(y)
    a, V = nets.standard_init(width or inst.m, X.shape[1], inst.rng("init"))
    a0, V0 = a.copy(), V.copy()
    rec = {"times": [], "risks": [], "distances": [], "smoothed": [], "hard": [], "crossing": None,
           "finished": False}
    t = 0.0
    for s in range(max_steps + 1):
        p = nets.margins(a, V, X, y)
        du = gf.duals(p, inst.loss)
        N2 = nets.squared_norm(a, V)
        dist = math.sqrt(float(np.sum((a - a0) ** 2) + np.sum((V - V0) ** 2)))
        rec["times"].append(t)
        rec["risks"].append(float(np.mean(losses.loss_values(p, inst.loss))))
        rec["distances"].append(dist)
        rec["smoothed"].append(du.smoothed / N2)
        rec["hard"].append(float(p.min()) / N2)
        if rec["crossing"] is None and dist >= watch:
            rec["crossing"] = (s, a.copy(), V.copy())
        if t >= horizon or dist >= distance:
            rec["finished"] = True
            break
        if s == max_steps:
            break
        ga, gV = nets.weighted_gradient(a, V, X, y, du.q)
        gnorm = math.sqrt(float(ga @ ga + np.sum(gV * gV)))
        h = relative * math.sqrt(N2) / (1.0 + N2) / gnorm
        t += h * n * math.exp(min(-du.log_Q, 700.0))
        a, V = a + h * ga, V + h * gV
    rec["a0"], rec["V0"] = a0, V0
    return rec


def step_why(c: float) -> str:
    return (f"recorded values of the discretised flow compared exactly (relative steps c = {c}: each "
            f"moves W by c/‖W‖ and each p_i by < c; the left-end-point time Σh·n/𝒬 is within a few % "
            f"of GF time, far inside the slack)")


def lemma23_run(inst, *, horizon=100.0, distance_constant=80.0):
    """Lemma 2.3 at width ``inst.m``: along GF up to time T = ``horizon``, R̂(W_t) <= 1/(5t) at every
    recorded t > 0 and sup_{s<=T}‖W_s − W_0‖ <= γ_ntk√m/80."""
    gamma = near_init_gamma()
    rec = near_init_flow(inst, horizon=horizon)
    if not rec["finished"]:
        return precondition_failed("the horizon T was not reached within the step budget")
    times, risks, dist = (np.array(rec[k]) for k in ("times", "risks", "distances"))
    live = times > 0
    ratio = 5 * times[live] * risks[live]
    bound = gamma * math.sqrt(inst.m) / distance_constant
    k = int(np.argmax(ratio))
    curves = [Series("lem2.3-distance", list(times[live]), list(dist[live]),
                     title=f"Lemma 2.3: ‖W_t − W_0‖ along GF, m={inst.m}, {inst.loss}", xlabel="GF time t",
                     ylabel="‖W_t − W_0‖", logx=True,
                     reference={"label": "γ_ntk√m/80", "x": [float(times[live][0]), float(times[-1])],
                                "y": [bound, bound]}),
              Series("lem2.3-risk", list(times[live]), list(ratio), title="Lemma 2.3: 5t·R̂(W_t) (claim: <= 1)",
                     xlabel="GF time t", ylabel="5t·R̂(W_t)", logx=True, logy=True)]
    return [
        at_most(float(ratio[k]), 1.0, why=step_why(0.05), at_time=float(times[live][k]), steps=len(times),
                series=curves),
        at_most(float(dist.max()), bound, why=step_why(0.05), gamma_ntk=gamma,
                literal_width=(640 * math.log(horizon / 0.1) / gamma) ** 2),
    ]


claim(
    id="telgarsky2023.lem2.3.near-init-training",
    source=src("Lemma 2.3", S2, 213),
    statement=r"\widehat{\mathcal R}(W_t) \le \frac1{5t},\quad \sup_{s\le t}\|W_s-W_0\| \le "
              r"\frac{\gamma_{ntk}\sqrt m}{80}\ \ \forall t\in(0,100]\ (x=\pm1,\ \gamma_{ntk}=0.2946,\ m=10^4)",
    kind=Kind.DYNAMICS,
    domain=Space(m=Fixed(10000), loss=Choice("logistic", "exponential"), seed=Seed()),
    predicate=lemma23_run,
    mutants=(Mutant("width m = 1000", domain=Space(m=Fixed(1000), loss=Choice("logistic", "exponential"), seed=Seed())),
             Mutant("distance bound γ_ntk√m/320", params={"distance_constant": 320.0})),
    note="The lemma's width (640 ln(t/δ)/γ_ntk)² is 4.2·10⁷ at t = 100, δ = 0.1; both conclusions "
         "already hold at m = 10⁴ (≈ 1/4000 of it): 5t·R̂ <= 0.003 and ‖W_t − W_0‖ ≈ 0.22–0.27 against "
         "the bound 0.368 (the motion grows like ln t/√m, the bound like √m). They hold at every t > 0, "
         "not only t >= n, so the t >= n the proof needs (l.849, catalogue M7) is a gap of the proof.",
)


def crossing_data(inst, delta=0.1):
    """(X, y, γ_ntk, m) for Lemma 2.4: n unit inputs in R^d, y_i = sgn(ūᵀx_i), |ūᵀx_i| >= gap; γ_ntk
    the exact NTK margin of Proposition 1.5.2's outer-layer transport, ½E|u_1|K_ρ(d)·min_i y_iūᵀx_i
    (no initialisation mismatch, catalogue M1); m = ⌈factor·256 ln(n/δ)/γ²⌉, the lemma's own width."""
    X, y, u, gap = separable_data(inst)
    gamma = ntk_margin.outer_sign_margin(inst.d) * gap
    m = math.ceil(inst.factor * 256 * math.log(max(inst.n, 1) / delta) / gamma**2)
    return X, y, gamma, m


def lemma24_run(inst, *, margin_bound=lambda g: g * g / 4096, rebalanced_bound=lambda g: g / 4096,
                beyond=1.5):
    """Theorem 2.2 / Lemma 2.4 at Lemma 2.4's printed width (crossing_data): GF until ‖W_s − W_0‖ = ``beyond``·R, R = γ√m/32.
    At the first s = t with ‖W_t − W_0‖ >= R: γ̊(W_s) >= γ²/4096 for every later recorded s,
    ‖W_s − W_0‖ >= R for every later s (unproved in the paper, PI-14), and the rebalanced
    Ŵ_t = (a_t/√γ, √γV_t) has ‖Ŵ_t‖ <= 4√(γm) and γ̊(Ŵ_t) >= γ/4096."""
    X, y, gamma, m = crossing_data(inst)
    if m > MAX_CROSSING_WIDTH:
        return precondition_failed(f"the lemma's width {m} exceeds the CPU budget {MAX_CROSSING_WIDTH}")
    R = gamma * math.sqrt(m) / 32
    rec = near_init_flow(inst, distance=beyond * R, watch=R, relative=0.1, max_steps=40000, data=(X, y),
                         width=m)
    if not rec["finished"] or rec["crossing"] is None:
        return precondition_failed("‖W_s − W_0‖ did not reach R within the step budget")
    dist, smoothed = np.array(rec["distances"]), np.array(rec["smoothed"])
    if not np.any((dist <= R / 2) & (smoothed > 0)):
        return precondition_failed("no τ with ‖W_τ − W_0‖ <= R/2 and R̂(W_τ) < ℓ(0)/n")
    k, a, V = rec["crossing"]
    ar, Vr = nets.rebalance(a, V, math.sqrt(gamma))
    p = nets.margins(ar, Vr, X, y)
    N2 = nets.squared_norm(ar, Vr)
    rebalanced = losses.smoothed_margin(p, inst.loss) / N2
    steps = np.arange(len(dist))
    curve = Series("lem2.4-margin", list(steps[1:]), list(smoothed[1:]),
                   title=f"Lemma 2.4: γ̊(W_s) along GF, m={m}, n={inst.n}, d={inst.d}, {inst.loss}",
                   xlabel="step", ylabel="γ̊(W_s)", logy=True,
                   reference={"label": "γ_ntk²/4096", "x": [1, int(steps[-1])], "y": [gamma**2 / 4096] * 2},
                   extra={"label": "‖W_s − W_0‖/R · γ_ntk²/4096 (crossing at 1)", "x": list(steps[1:]),
                          "y": list(dist[1:] / R * gamma**2 / 4096)})
    tol = 64 * (m + 4) * EPS * max(abs(x) for x in rec["hard"][k:])
    return [
        at_least(float(smoothed[k:].min()), margin_bound(gamma), tol=tol,
                 why="64(m+4) ulp of γ̊'s scale; " + step_why(0.1), crossing_step=k, gamma_ntk=gamma,
                 series=[curve]),
        at_least(float(np.diff(dist[k:]).min()), 0.0, tol=8 * EPS * float(dist[-1]),
                 why="8 ulp of ‖W_s − W_0‖ (nondecreasing after the crossing, so >= R)", radius=R),
        at_most(math.sqrt(N2), 4 * math.sqrt(gamma * m), why="exact comparison",
                rebalanced_margin=rebalanced),
        at_least(rebalanced, rebalanced_bound(gamma), tol=tol, why="64(m+4) ulp of γ̊'s scale"),
    ]


#: the widest network a run trains: above NEAR24's widest width (26,495 at n = 3, d = 2, gap 0.85,
#: factor 1.2), so every instance of the domain runs (one run at that width took 6 s on this
#: 2-core machine); at 2·10⁴, a calibration seed drew only instances over the budget
MAX_CROSSING_WIDTH = 30000


NEAR24 = Space(n=Int(1, 3), d=Int(1, 2), gap=Real(0.85, 1.0), factor=Real(1.0, 1.2),
               loss=Choice("logistic", "exponential"), seed=Seed())


erratum_pair(
    corrected_first=True,
    kind=Kind.DYNAMICS,
    tier=Tier.STANDARD,
    domain=NEAR24,
    predicate=lemma24_run,
    corrected=dict(
        id="telgarsky2023.lem2.4.crossing-margin",
        source=src("Theorem 2.2 and Lemma 2.4", S2, 228),
        statement=r"\exists t:\ \|W_t-W_0\| = R = \tfrac{\gamma_{ntk}\sqrt m}{32},\ \forall s\ge t:\ "
                  r"\|W_s-W_0\|\ge R,\ \mathring\gamma(W_s) \ge \frac{\gamma_{ntk}^2}{4096};\ "
                  r"\mathring\gamma(\widehat W_t) \ge \frac{\gamma_{ntk}}{4096}\ "
                  r"(m = \lceil 256\ln(n/\delta)/\gamma_{ntk}^2\rceil)",
        mutants=(Mutant("rebalanced margin >= γ_ntk (4096 dropped)", params={"rebalanced_bound": lambda g: g}),
                 Mutant("γ̊(W_s) >= γ_ntk² (4096 dropped)", params={"margin_bound": lambda g: g * g})),
        note="Data: n = 1–3 unit inputs in R^d (d = 1, 2) linearly separable with margin >= 0.85 along a "
             "random ū; γ_ntk is the exact NTK margin of Proposition 1.5.2's outer-layer transport (0.20–0.29) "
             "and m is Lemma 2.4's own width ⌈factor·256 ln(n/δ)/γ²⌉ (6.8·10³–2.7·10⁴, δ = 0.1), not Theorem "
             "2.2's (640 ln(n/δ)/γ)² ≈ 4·10⁷. Measured (5 draws): γ̊ after the crossing 0.0035–0.0065 against "
             "the claim 1.3–2.1·10⁻⁵ (ratio 170–300: the 4096 is loose, no tighter instance was found), "
             "rebalanced γ̊ 0.015–0.022 against 5.7–7.2·10⁻⁵, ‖W_s − W_0‖ increasing after the crossing. "
             "Standard tier: each run trains 7·10³–2.7·10⁴ nodes (about 2–6 s each here). Edge cases: n = 1 is in the domain; "
             "d >= 3 needs m > 2·10⁴ at these margins.",
    ),
    printed=dict(
        id="telgarsky2023.abstract.gf-attains-ntk-margin",
        status=Status.READING,
        source=src("Abstract (\"GF attains at least the NTK margin itself\")", "Abstract", 7),
        statement=r"\mathring\gamma(W_s) \ge \gamma_{ntk} \text{ for the GF iterates after the crossing time}",
        params={"margin_bound": lambda g: g},
        note="On x = ±1 (γ_ntk = 0.2946) no network can reach it: the best global margin is γ*_gl = ½ "
             "(α = (½, −½), β = (1, −1)), and γ(W) <= ½γ*_gl = ¼ < γ_ntk for every W "
             "(lem2.5.margin-ceiling). GF reaches γ̊ ≈ 0.005–0.009. Theorem 2.2 proves γ²/4096 for GF "
             "iterates; the intro's \"γ_ntk/4096\" (l.27) holds only for the rebalanced Ŵ_t, which is "
             "not a GF iterate (catalogue m14) — here the GF iterate also exceeds γ_ntk/4096. Not an "
             "erratum: the abstract's prose, read literally (γ̊ >= γ_ntk), is impossible; the body states "
             "what is meant — \"constant margins (in fact γ_ntk/4096)\" (l.27), which Lemma 2.4 gives for "
             "the rebalanced Ŵ_t, a reparametrisation with the same predictor p(x, y; Ŵ_t) = p(x, y; W_t) "
             "(l.237). That reading is the sibling (lem2.4.crossing-margin), and it holds.",
    ),
)
