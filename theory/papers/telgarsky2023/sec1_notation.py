"""Section 1.2 (notation): 2-homogeneity, Euler's identity, the ℓ1 decomposition, rebalancing,
smoothed margins and the dual variables q, 𝒬.
"""

from __future__ import annotations

import math

import numpy as np

from theory import losses
from theory.dynamics import gradient_flow as gf
from theory.nets import two_layer_relu as nets
from theory.claims import claim, erratum_pair, ErrorClass, Kind, Mutant
from theory.claims.certificates import interval, interval_precision, iv
from theory.domains import Choice, Fixed, Int, Real, Seed, Space
from theory.evidence import at_least, at_most, precondition_failed
from theory.papers.telgarsky2023.common import (APP_A, draw_inputs, margin_rounding, NET_SPACE,
    random_net, S12, S2, src)
from theory.tolerances import EPS


def homogeneity(inst, *, order=2.0):
    """max_i |p_i(cW) − c^order p_i(W)| / (rounding of both sides) <= 1."""
    a, V, X, y = random_net(inst)
    c = inst.c
    lhs = nets.margins(c * a, c * V, X, y)
    rhs = c**order * nets.margins(a, V, X, y)
    tol = 2 * margin_rounding(c * a, c * V, X) + 4 * EPS * np.abs(rhs)
    ratio = np.abs(lhs - rhs) / tol
    return at_most(float(ratio.max()), 1.0,
                   why="Higham γ_{d+m+2} bound on each side's sum of |a_j||v_j|ᵀ|x_i| terms, plus c² rounding",
                   worst_abs_error=float(np.abs(lhs - rhs).max()))


claim(
    id="telgarsky2023.sec1.2.two-homogeneity",
    source=src("2-homogeneity of F (Section 1.2)", S12, 92),
    statement=r"F(x; cW) = c\,a^\top\sigma(cVx) = c^2F(x;W),\quad p_i(cW) = c^2p_i(W)\ (c\ge0)",
    kind=Kind.IDENTITY,
    domain=Space(**NET_SPACE.fields, c=Real(0.0, 10.0)),
    predicate=homogeneity,
    mutants=(Mutant("c < 0 allowed", domain=Space(**NET_SPACE.fields, c=Real(-10.0, -0.1)),
                    why="ReLU is only positively homogeneous"),
             Mutant("order 1 instead of 2", params={"order": 1.0})),
)


def euler_identity(inst, *, factor=2.0, bias=0.0):
    """max_i |⟨W, ∂̄p_i(W)⟩ − factor·p_i(W)| <= rounding, for the Clarke selection σ'(0) = slope.

    ``bias`` adds an untrained constant b to every pre-activation (a mutant: p_i is then not
    homogeneous in W, and ⟨W, ∂̄p_i⟩ = 2p_i − y_i Σ_j a_j σ'(z_ij) b).
    """
    a, V, X, y = random_net(inst)
    if bias:
        Z = X @ V.T + bias
        p = y * (nets.relu(Z) @ a)
        slope = nets.relu_slope(Z, inst.slope)
        lhs = y * (nets.relu(Z) @ a + (slope * (Z - bias)) @ a)
    else:
        Ga, GV = nets.margin_gradients(a, V, X, y, relu_slope_at_zero=inst.slope)
        lhs = Ga @ a + np.einsum("imd,md->i", GV, V)
        p = nets.margins(a, V, X, y)
    rhs = factor * p
    tol = 4 * margin_rounding(a, V, X) + 1e-300
    ratio = np.abs(lhs - rhs) / tol
    return at_most(float(ratio.max()), 1.0,
                   why="γ_{d+m+2} rounding of the three sums of |a_j||v_j|ᵀ|x_i| terms",
                   worst_abs_error=float(np.abs(lhs - rhs).max()))


claim(
    id="telgarsky2023.sec1.2.euler-identity",
    source=src("Euler identity before Assumption 1.3", S12, 120),
    statement=r"\langle W, \bar\partial_W p_i(W)\rangle = 2p_i(W)\quad"
              r"(\text{every Clarke selection } \sigma'(0)\in[0,1])",
    kind=Kind.IDENTITY,
    domain=Space(**NET_SPACE.fields, slope=Choice(0.0, 0.5, 1.0)),
    predicate=euler_identity,
    mutants=(Mutant("factor 2 → 1", params={"factor": 1.0}),
             Mutant("a bias 0.5 inside σ (not homogeneous)", params={"bias": 0.5})),
)


def l1_decomposition(inst, *, weights="squared"):
    """p_i(W)/‖W‖² = Σ_j α_j p̃_i(w_j), α_j = ‖w_j‖²/‖W‖² (zero rows skipped), and Σ α_j = 1."""
    a, V, X, y = random_net(inst)
    N2 = nets.squared_norm(a, V)
    if N2 == 0:
        return precondition_failed("W = 0")
    row2 = nets.node_squared_norms(a, V)
    live = row2 > 0
    alpha = row2 / N2 if weights == "squared" else np.sqrt(row2) / np.sqrt(row2).sum()
    per_node = np.zeros((X.shape[0], a.shape[0]))
    per_node[:, live] = nets.node_margins(a, V, X, y)[:, live] / row2[live]
    lhs = nets.margins(a, V, X, y) / N2
    rhs = per_node @ alpha
    tol = 4 * margin_rounding(a, V, X) / N2 + 8 * EPS * a.shape[0] * np.abs(per_node) @ alpha
    ratio = np.abs(lhs - rhs) / (tol + 1e-300)
    return at_most(float(max(ratio.max(), abs(alpha.sum() - 1.0) / (4 * a.shape[0] * EPS))), 1.0,
                   why="γ_{d+m+2} rounding of the sums, m·8 ulp for the ratios, m ulp for Σα")


claim(
    id="telgarsky2023.sec1.2.l1-decomposition",
    source=src("Section 1.2, display before Assumption 1.1", S12, 118),
    statement=r"\frac{p_i(W)}{\|W\|^2} = \sum_j \alpha_j \tilde p_i(w_j),\quad "
              r"\alpha_j := \frac{\|w_j\|^2}{\|W\|^2},\ \|\alpha\|_1 = 1",
    kind=Kind.IDENTITY,
    domain=NET_SPACE,
    predicate=l1_decomposition,
    mutants=(Mutant("α_j = ‖w_j‖/Σ_k‖w_k‖", params={"weights": "unsquared"}),),
)


def rebalancing(inst):
    """p(x, y; (a/c, cV)) = p(x, y; (a, V)) on the sample and on fresh inputs, c > 0 (Lemma 2.4)."""
    a, V, X, y = random_net(inst)
    fresh = draw_inputs(inst.rng("fresh"), 8, inst.d, "ball")
    Xall = np.vstack([X, fresh])
    yall = np.r_[y, np.ones(8)]
    a2, V2 = nets.rebalance(a, V, inst.c)
    lhs, rhs = nets.margins(a2, V2, Xall, yall), nets.margins(a, V, Xall, yall)
    tol = margin_rounding(a2, V2, Xall) + margin_rounding(a, V, Xall) + 4 * EPS * np.abs(rhs)
    return at_most(float((np.abs(lhs - rhs) / tol).max()), 1.0,
                   why="γ_{d+m+2} rounding of both sums plus 4 ulp for the rescaling")


claim(
    id="telgarsky2023.lem2.4.rebalancing-invariance",
    source=src("Lemma 2.4 (rebalanced iterate)", S2, 237),
    statement=r"\widehat W := (a/c,\ cV),\ c>0 \implies p(x,y;\widehat W) = p(x,y;W)\ \forall (x,y)",
    kind=Kind.IDENTITY,
    domain=Space(**NET_SPACE.fields, c=Real(0.01, 100.0, log=True)),
    predicate=rebalancing,
    mutants=(Mutant("c < 0 allowed", domain=Space(**NET_SPACE.fields, c=Real(-100.0, -0.01))),),
)


def draw_margins(inst) -> np.ndarray:
    """A margin vector p: center + spread·N(0, 1) per example, or all tied."""
    rng = inst.rng("p")
    if inst.ties:
        return np.full(inst.n, inst.center)
    return inst.center + inst.spread * rng.standard_normal(inst.n)


MARGIN_SPACE = Space(n=Int(1, 12), center=Real(-20.0, 40.0), spread=Real(0.01, 30.0, log=True),
                     ties=Choice(False, True), loss=Choice("exponential", "logistic"), seed=Seed())


def log_space_tolerance(p, smoothed, n) -> np.ndarray:
    """Relative error of quantities formed as exp(sums of logs of size |p|, |γ̃|, ln n)."""
    return 16 * EPS * (8.0 + np.abs(p) + abs(smoothed) + math.log(n))


def dual_identity(inst, *, normaliser="absolute"):
    """max_i |−ℓ'(p_i) − q_i·𝒬| / (tol·|ℓ'(p_i)|) <= 1, with 𝒬 = |ℓ'(γ̃)| ("absolute"), the printed
    ℓ'(γ̃) ("printed"), or the slope at the hard margin |ℓ'(min p)| ("hard")."""
    p = draw_margins(inst)
    du = gf.duals(p, inst.loss)
    if normaliser == "absolute":
        Q = du.Q
    elif normaliser == "printed":
        Q = -float(losses.neg_derivative(du.smoothed, inst.loss))
    else:
        Q = float(losses.neg_derivative(p.min(), inst.loss))
    lhs = losses.neg_derivative(p, inst.loss)
    rhs = du.q * Q
    rel = log_space_tolerance(p, du.smoothed, inst.n)
    ratio = np.abs(lhs - rhs) / (rel * lhs)
    return at_most(float(ratio.max()), 1.0,
                   why="relative error 16·eps·(8 + |p_i| + |γ̃| + ln n) of exp/log-space evaluation",
                   Q=Q, smoothed=du.smoothed)


DUALS = r"q_i = \frac{\ell'(p_i)}{\ell'(\tilde\gamma(p))},\quad -\ell'_i = q_i\mathcal{Q}"


def certify_dual_normaliser(inst, **_):
    """With the printed 𝒬 = ℓ'(γ̃), q_i𝒬 = ℓ'(p_i) by the definition of q (γ̃ cancels exactly), so
    −ℓ'_i − q_i𝒬 = 2|ℓ'(p_i)|; enclosed at the example with the smallest margin."""
    p = draw_margins(inst)
    i = int(np.argmin(p))
    with interval_precision():
        gap = 2 * losses.neg_derivative_interval(iv(p[i]), inst.loss)
        return interval(gap, "==", detail=f"−ℓ'(p_i) − q_iℓ'(γ̃) = 2|ℓ'(p_i)| at p_i = {float(p[i])!r} "
                                          f"({inst.loss} loss); q_iℓ'(γ̃) = ℓ'(p_i) cancels γ̃ exactly")


erratum_pair(
    source=src("Definition of q and 𝒬 (Section 1.2)", S12, 104),
    kind=Kind.IDENTITY,
    domain=MARGIN_SPACE,
    predicate=dual_identity,
    printed=dict(
        id="telgarsky2023.sec1.2.dual-normaliser-printed",
        error_class=ErrorClass.TYPO,
        certify=certify_dual_normaliser,
        statement=DUALS + r",\quad \mathcal{Q} := \ell'(\tilde\gamma(p))",
        params={"normaliser": "printed"},
        note="ℓ' < 0, so the printed 𝒬 = ℓ'(γ̃) is negative while −ℓ'_i and q_i are positive: with "
             "q_i = ℓ'(p_i)/ℓ'(γ̃) the identity reads −ℓ'_i = ℓ'_i and fails on every instance. A typo: "
             "the next sentence (l.104) gives 𝒬 = Σ_i exp(−p_i) > 0 for ℓ_exp, i.e. 𝒬 = |ℓ'(γ̃)|, and "
             "every later use (Lemma A.5, the potentials of Theorems 3.2/3.3) treats 𝒬 as positive.\n"
             "For the authors: in Section 1.2 read 𝒬 := −ℓ'(γ̃(p)) = |ℓ'(γ̃(p))|; nothing downstream changes.",
    ),
    corrected=dict(
        id="telgarsky2023.sec1.2.dual-normaliser",
        statement=DUALS + r",\quad \mathcal{Q} := |\ell'(\tilde\gamma(p))|",
        mutants=(Mutant("𝒬 := |ℓ'(min_i p_i)| (the hard margin)", params={"normaliser": "hard"},
                        domain=MARGIN_SPACE.replace(n=Int(2, 12), ties=Fixed(False))),),
    ),
)


def exp_duals(inst):
    """For ℓ_exp: Σ_i q_i = 1 and 𝒬 = Σ_i exp(−p_i) (relative errors, one Evidence)."""
    p = draw_margins(inst)
    du = gf.duals(p, inst.loss)
    total = math.exp(float(np.logaddexp.reduce(-p)))
    rel = float(log_space_tolerance(p, du.smoothed, inst.n).max()) * inst.n
    err = max(abs(du.q.sum() - 1.0), abs(du.Q - total) / total)
    return at_most(err / rel, 1.0, why="n times the log-space relative error per term",
                   sum_q=float(du.q.sum()))


claim(
    id="telgarsky2023.sec1.2.exp-duals-sum",
    source=src("Definition of q and 𝒬 (Section 1.2)", S12, 104),
    statement=r"\ell = \ell_{\exp}:\ \mathcal{Q} = \sum_i \exp(-p_i),\quad \sum_i q_i = 1",
    kind=Kind.IDENTITY,
    domain=MARGIN_SPACE.replace(loss=Fixed("exponential"), center=Real(-20.0, 20.0)),
    predicate=exp_duals,
    mutants=(Mutant("logistic loss (Σq = 1 is exp-only)",
                    domain=MARGIN_SPACE.replace(loss=Fixed("logistic"), n=Int(2, 12),
                                                center=Real(-5.0, 5.0))),),
)


def logistic_dual_mass(inst, *, relation=">="):
    """ℓ_log: Σ_i q_i >= 1 for every p (the union bound), not only "eventually"."""
    p = draw_margins(inst)
    total = float(gf.duals(p, "logistic").q.sum())
    tol = float(log_space_tolerance(p, losses.smoothed_margin(p, "logistic"), inst.n).max()) * inst.n
    if relation == ">=":
        return at_least(total, 1.0, tol=tol, why="n times the log-space relative error per term")
    return at_most(total, 1.0, tol=tol, why="n times the log-space relative error per term")


claim(
    id="telgarsky2023.sec1.2.logistic-duals-mass",
    source=src("Definition of q and 𝒬 (Section 1.2)", S12, 104),
    statement=r"\ell = \ell_{\log}:\ \sum_i q_i \ge 1\ \text{(printed: ``eventually''; holds for every } p)",
    kind=Kind.INEQUALITY,
    domain=MARGIN_SPACE.replace(loss=Fixed("logistic")),
    predicate=logistic_dual_mass,
    mutants=(Mutant("inequality flipped: Σq <= 1", params={"relation": "<="},
                    domain=MARGIN_SPACE.replace(loss=Fixed("logistic"), n=Int(2, 12),
                                                center=Real(-5.0, 5.0))),),
    note="Σq_i = Σs_i/(1 − Π(1 − s_i)) with s_i = 1/(1 + e^{p_i}), and 1 − Π(1 − s_i) <= Σs_i.",
)


def smoothed_margin_sandwich(inst, *, log_n=True):
    """γ̃ <= min_i p_i and, for ℓ_exp, γ̃ >= min_i p_i − ln n (proof of Lemma A.5)."""
    p = draw_margins(inst)
    g = losses.smoothed_margin(p, inst.loss)
    tol = 16 * EPS * (8 + np.abs(p).max() + math.log(inst.n))
    upper = at_most(g, p.min(), tol=tol, why="log-space evaluation, 16 ulp of the largest log term")
    if inst.loss == "logistic" or not upper.holds:
        return upper
    lower = p.min() - (math.log(inst.n) if log_n else 0.0)
    return at_least(g, lower, tol=tol, why="log-space evaluation, 16 ulp of the largest log term")


claim(
    id="telgarsky2023.lemA.5.smoothed-margin-sandwich",
    source=src("Lemma A.5 (proof)", APP_A, 620),
    statement=r"\tilde\gamma(p) \le \min_i p_i;\quad \ell=\ell_{\exp}:\ \tilde\gamma(p) \ge \min_i p_i - \ln n",
    kind=Kind.INEQUALITY,
    domain=MARGIN_SPACE,
    predicate=smoothed_margin_sandwich,
    mutants=(Mutant("ln n dropped (exp)", params={"log_n": False},
                    domain=MARGIN_SPACE.replace(loss=Fixed("exponential"), n=Int(2, 12))),),
)
