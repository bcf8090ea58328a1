"""Wei et al. 2019, Appendix D (generalization bounds): Proposition D.1's rebalancing and margin
ceiling, Lemma D.3."""

from __future__ import annotations

import math

import numpy as np

from theory.claims import Choice, Fixed, Int, Kind, Mutant, Seed, Space, at_most, claim, close
from theory.papers.wei2019._shared import deep_forward, random_deep_net, src
from theory.tolerances import EPS, dot_error


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
