"""Appendix B (proofs for Section 2): Lemma B.2, the perceptron step and the proof arithmetic of
Theorem 2.1 and Lemmas 2.3 and A.3.2.
"""

from __future__ import annotations

import math

import numpy as np

from theory import gradient_flow as gf, nets, ntk_margin
from theory.claims import claim, erratum_pair, ErrorClass, Kind, Mutant
from theory.claims.certificates import interval, interval_precision, iv
from theory.domains import Choice, Fixed, Int, Real, Seed, Space
from theory.evidence import at_least, at_most, close, precondition_failed
from theory.papers.telgarsky2023 import intervals as ivnet
from theory.papers.telgarsky2023.common import APP_A, APP_B, separable_data, src
from theory.tolerances import EPS


def logistic_point(inst) -> float:
    """z with |ℓ_log'(z)| = s, i.e. z = ln(1/s − 1) (the domain samples the hypothesis' quantity)."""
    return math.log(1.0 / inst.s - 1.0)


def lemma_b2(inst, *, constant=2.0, require_hypothesis=True):
    """|ℓ'(z)| <= 1/8 ⟹ ℓ(z) <= 2|ℓ'(z)| for ℓ ∈ {ℓ_log, ℓ_exp}."""
    z = inst.z
    slope = abs(float(gf.loss_slope(z, inst.loss)))
    if require_hypothesis and slope > 0.125:
        return precondition_failed("|ℓ'(z)| > 1/8")
    value = float(gf.loss_value(z, inst.loss))
    return at_most(value, constant * slope, tol=8 * EPS * value, why="8 ulp of ℓ and ℓ'")


claim(
    id="telgarsky2023.lemB.2.loss-vs-slope",
    source=src("Lemma B.2", APP_B, 793),
    statement=r"\ell\in\{\ell_{\log},\ell_{\exp}\},\ |\ell'(z)| \le 1/8 \implies \ell(z) \le 2|\ell'(z)|",
    kind=Kind.INEQUALITY,
    domain=Space(z=Real(-20.0, 40.0), loss=Choice("log", "exp")),
    predicate=lemma_b2,
    mutants=(Mutant("constant 2 → 1 (logistic)", params={"constant": 1.0},
                    domain=Space(z=Real(-20.0, 40.0), loss=Fixed("log"))),
             Mutant("hypothesis |ℓ'| <= 1/8 dropped", params={"require_hypothesis": False},
                    domain=Space(z=Real(-20.0, 40.0), loss=Fixed("log")))),
)


def slope_threshold(inst, *, threshold=2.0):
    """|ℓ_log'(z)| <= 1/8 ⟹ z >= threshold (the proof of Lemma B.2 says 2; the truth is ln 7)."""
    z = logistic_point(inst)
    return at_least(z, threshold, tol=8 * EPS * max(abs(z), 1.0), why="8 ulp of ln(1/s − 1)",
                    slope=inst.s)


SLOPES = Space(s=Real(0.05, 0.125))


def certify_slope_threshold(inst, threshold=2.0, **_):
    """z − threshold with z = ln(1/s − 1) (|ℓ_log'(z)| = s <= 1/8), in interval arithmetic."""
    import mpmath
    with interval_precision():
        z = mpmath.iv.log(1 / iv(inst.s) - 1)
        return interval(z - threshold, ">=", detail=f"z = ln(1/s − 1) at s = {inst.s!r} <= 1/8")


erratum_pair(
    kind=Kind.INEQUALITY,
    predicate=slope_threshold,
    printed=dict(
        id="telgarsky2023.lemB.2.slope-threshold-printed",
        error_class=ErrorClass.PROOF,
        certify=certify_slope_threshold,
        source=src("Proof of Lemma B.2", APP_B, 795),
        statement=r"|\ell_{\log}'(z)| \le 1/8 \implies z \ge 2",
        domain=SLOPES,
        examples=({"s": 0.125},),
        note="|ℓ_log'(z)| = 1/(1 + e^z) = 1/8 at z = ln 7 ≈ 1.9459 < 2; e.g. z = 1.95 satisfies the "
             "hypothesis. A proof step only: Lemma B.2's conclusion still holds (for all z >= −1.3667, "
             "lemB.2.loss-vs-slope), and the rest of the proof works from z >= ln 7 (1 + e^{−z} <= 8/7, "
             "so ℓ(z) <= e^{−z} <= (8/7)e^{−z}/(1 + e^{−z}) <= 2|ℓ'(z)|).\n"
             "For the authors: in the proof of Lemma B.2 read \"implies z >= ln 7\" and \"1 + e^{−z} <= 8/7\".",
    ),
    corrected=dict(
        id="telgarsky2023.lemB.2.slope-threshold",
        examples=({"s": 0.125},),  # the boundary s = 1/8: z = ln 7 exactly (the threshold is tight)
        source=src("Proof of Lemma B.2 (corrected threshold)", APP_B, 795),
        statement=r"|\ell_{\log}'(z)| \le 1/8 \iff z \ge \ln 7",
        domain=Space(s=Real(1e-6, 0.125)),
        params={"threshold": math.log(7.0)},
        mutants=(Mutant("threshold ln 8", params={"threshold": math.log(8.0)}),),
    ),
)


def zero_one_vs_slope(inst, *, loss="log", constant=2.0):
    """1[z <= 0] <= 2|ℓ_log'(z)| (proof of Theorem 2.1, l.785)."""
    z = inst.z
    return at_most(float(z <= 0), constant * abs(float(gf.loss_slope(z, loss))), tol=4 * EPS,
                   why="4 ulp of ℓ'")


claim(
    id="telgarsky2023.thm2.1.zero-one-vs-slope",
    examples=({"z": 0.0},),  # equality: 1 = 2·|ℓ_log'(0)| = 1 (the constant 2 is tight)
    source=src("Proof of Theorem 2.1", APP_B, 785),
    statement=r"\mathbb 1[z \le 0] \le 2|\ell_{\log}'(z)|",
    kind=Kind.INEQUALITY,
    domain=Space(z=Real(-30.0, 30.0)),
    predicate=zero_one_vs_slope,
    mutants=(Mutant("constant 2 → 1.5", params={"constant": 1.5}),),
)


def perceptron_displacement(inst, *, sign=1.0, factor=1.0):
    """Along SGD (ℓ_log, one example per step): ⟨sign·θ̄, W_τ − W_0⟩ = factor·ηΣ_s|ℓ'_s|⟨θ̄, ∂̂p_s(W_s)⟩,
    θ̄_j = θ(w_j(0))/√m for the outer-layer transport of Proposition 1.5.2."""
    X, y, u, _ = separable_data(inst)
    rng = inst.rng("sgd")
    a, V = nets.standard_init(inst.m, inst.d, rng)
    a0, V0 = a.copy(), V.copy()
    ta, tV = ntk_margin.outer_sign_transport(u)(a0, V0)
    ta, tV = ta / math.sqrt(inst.m), tV / math.sqrt(inst.m)
    total, scale = 0.0, 0.0
    for _ in range(inst.steps):
        i = int(rng.integers(inst.n))
        Ga, GV = nets.margin_gradients(a, V, X[i:i + 1], y[i:i + 1])
        p = float(nets.margins(a, V, X[i:i + 1], y[i:i + 1])[0])
        slope = abs(float(gf.loss_slope(p, "log")))
        pair = float(ta @ Ga[0] + np.sum(tV * GV[0]))
        total += inst.eta * slope * pair
        scale += inst.eta * slope * math.sqrt(float(ta @ ta + np.sum(tV * tV))) * \
            math.sqrt(float(Ga[0] @ Ga[0] + np.sum(GV[0] * GV[0])))
        a, V = a + inst.eta * slope * Ga[0], V + inst.eta * slope * GV[0]
    lhs = sign * float(ta @ (a - a0) + np.sum(tV * (V - V0)))
    tol = 32 * (inst.steps + inst.m * (inst.d + 1)) * EPS * (scale + abs(lhs))
    return close(lhs, factor * total, tol=tol, why="32(τ + m(d+1)) ulp of the absolute pairing terms",
                 witness={"X": X, "y": y})


def certify_perceptron(inst, sign=-1.0, factor=1.0, **_):
    """SGD replayed in interval arithmetic from the instance's floats (same samples, θ̄ taken as the
    floats computed): ⟨sign·θ̄, W_τ − W_0⟩ − factor·ηΣ_s|ℓ'_s|⟨θ̄, ∂̂p_s(W_s)⟩."""
    X, y, u, _ = separable_data(inst)
    rng = inst.rng("sgd")
    a, V = nets.standard_init(inst.m, inst.d, rng)
    ta, tV = ntk_margin.outer_sign_transport(u)(a, V)
    ta, tV = ta / math.sqrt(inst.m), tV / math.sqrt(inst.m)
    with interval_precision():
        A, M = ivnet.vector(a), ivnet.matrix(V)
        A0, M0 = list(A), [list(r) for r in M]
        Ta, TV = ivnet.vector(ta), ivnet.matrix(tV)
        XX, Y, eta = ivnet.matrix(X), ivnet.vector(y), iv(inst.eta)
        total = iv(0)
        try:
            for _ in range(inst.steps):
                i = int(rng.integers(inst.n))
                ga, gV = ivnet.margin_gradient(A, M, XX[i], Y[i])
                p = ivnet.margins(A, M, [XX[i]], [Y[i]])[0]
                step = eta * ivnet.loss_slope_abs(p, "log")
                total = total + step * ivnet.pairing(Ta, TV, ga, gV)
                A = [x + step * g for x, g in zip(A, ga)]
                M = [[x + step * g for x, g in zip(row, grow)] for row, grow in zip(M, gV)]
        except ivnet.Undecided as why:
            return ivnet.undecided("==", str(why))
        moved = ivnet.pairing(Ta, TV, [x - x0 for x, x0 in zip(A, A0)],
                              [[x - x0 for x, x0 in zip(r, r0)] for r, r0 in zip(M, M0)])
        return interval(sign * moved - factor * total, "==",
                        detail=f"{inst.steps} SGD steps replayed (m = {inst.m}, d = {inst.d}, n = {inst.n})")


PERCEPTRON = Space(n=Int(1, 8), d=Int(1, 5), gap=Real(0.2, 1.0), m=Int(5, 60), eta=Real(0.1, 1.0),
                   steps=Int(1, 30), seed=Seed())


erratum_pair(
    kind=Kind.IDENTITY,
    domain=PERCEPTRON,
    predicate=perceptron_displacement,
    printed=dict(
        id="telgarsky2023.thm2.1.perceptron-sign-printed",
        error_class=ErrorClass.TYPO,
        certify=certify_perceptron,
        source=src("Proof of Theorem 2.1 (perceptron argument)", APP_B, 755),
        statement=r"\langle -\bar\theta, W_\tau - W_0\rangle = \eta\sum_{s<\tau}\langle -\bar\theta, "
                  r"\hat\partial\ell_s(W_s)\rangle = \eta\sum_{s<\tau}|\ell'_s|\langle\bar\theta,\hat\partial p_s(W_s)\rangle",
        params={"sign": -1.0},
        note="W_τ − W_0 = −ηΣ∂̂ℓ_s = ηΣ|ℓ'_s|∂̂p_s, so the pairing that grows is with +θ̄ (also at "
             "l.188 and l.835). A typo: the chain's right end ηΣ|ℓ'_s|⟨θ̄, ∂̂p_s⟩ >= ηΣ|ℓ'_s|γ√m/4 > 0 is "
             "what the proof uses, and it is the value of ⟨+θ̄, W_τ − W_0⟩; only the sign of the left "
             "end is wrong (a sign of the pairing, not of any bound used later).\n"
             "For the authors: at l.188, l.755–758 and l.835 read ⟨θ̄, W_τ − W_0⟩ (and ⟨θ̄, ηΣ −∂̂ℓ_s⟩).",
    ),
    corrected=dict(
        id="telgarsky2023.thm2.1.perceptron-displacement",
        source=src("Proof of Theorem 2.1 (perceptron argument, sign corrected)", APP_B, 755),
        statement=r"\langle\bar\theta, W_\tau - W_0\rangle = \eta\sum_{s<\tau}|\ell'_s|\,"
                  r"\langle\bar\theta,\hat\partial p_s(W_s)\rangle",
        mutants=(Mutant("η → η/2 (the ½ of l.758 carried into the identity)", params={"factor": 0.5}),),
    ),
)


def a32_specialisation(inst, *, brackets="proof", quadratic=160.0):
    """γr√m − r[θ-bracket] − [w-bracket] >= γr√m/2 − quadratic·r² at r_θ = r = R/8 >= 1, r_w = 1,
    m = factor·(64 ln(n/δ)/γ)². ``brackets="proof"``: [√(32L) + 4R + 4], [4L + 4R + R²] (l.579);
    ``"statement"``: [√(32L) + 8R + 4], [4L + 2R + 2R√m + 4√m] (l.543)."""
    g, L, r = inst.gamma, inst.log_n_over_delta, inst.r
    root = math.sqrt(inst.factor) * 64 * L / g
    R = 8 * r
    if brackets == "statement":
        theta_b, w_b = math.sqrt(32 * L) + 8 * R + 4, 4 * L + 2 * R + 2 * R * root + 4 * root
    else:
        theta_b, w_b = math.sqrt(32 * L) + 4 * R + 4, 4 * L + 4 * R + R * R
    lhs = g * r * root - r * theta_b - w_b
    rhs = g * r * root / 2 - quadratic * r * r
    scale = g * r * root + r * theta_b + w_b + quadratic * r * r
    return at_least(lhs, rhs, tol=16 * EPS * scale, why="16 ulp of the absolute terms")


def certify_a32_specialisation(inst, brackets="statement", quadratic=160.0, **_):
    """The specialisation with the statement's brackets, in intervals (γ, L, r, factor exact floats)."""
    import mpmath
    with interval_precision():
        g, L, r, f = iv(inst.gamma), iv(inst.log_n_over_delta), iv(inst.r), iv(inst.factor)
        root = mpmath.iv.sqrt(f) * 64 * L / g
        R = 8 * r
        theta_b = mpmath.iv.sqrt(32 * L) + 8 * R + 4
        w_b = 4 * L + 2 * R + 2 * R * root + 4 * root
        lhs = g * r * root - r * theta_b - w_b
        return interval(lhs - (g * r * root / 2 - quadratic * r * r), ">=",
                        detail=f"γ = {inst.gamma!r}, L = {inst.log_n_over_delta!r}, r_θ = {inst.r!r}")


A32_SPACE = Space(gamma=Real(0.001, 2.0, log=True), log_n_over_delta=Real(math.log(2), 20.0),
                  r=Real(1.0, 1000.0, log=True), factor=Real(1.0, 4.0))


A32 = (r"r_\theta = \tfrac R8 \ge 1,\ r_w = 1,\ m \ge \big(\tfrac{64\ln(n/\delta)}{\gamma}\big)^2:\ "
       r"\gamma r_\theta\sqrt m - r_\theta[\cdot] - [\cdot] \ge \frac{\gamma r_\theta\sqrt m}2 - 160r_\theta^2")


erratum_pair(
    kind=Kind.INEQUALITY,
    domain=A32_SPACE,
    predicate=a32_specialisation,
    printed=dict(
        id="telgarsky2023.lemA.3.2.statement-brackets",
        error_class=ErrorClass.TYPO,
        certify=certify_a32_specialisation,
        source=src("Lemma A.3.2 (statement's brackets and its specialisation)", APP_A, 543),
        statement=A32 + r",\ [\sqrt{32\ln\frac n\delta}+8R+4],\ [4\ln\frac n\delta+2R+2R\sqrt m+4\sqrt m]",
        params={"brackets": "statement"},
        note="The statement's r_w bracket carries 2R√m + 4√m = (16r + 4)√m, which exceeds γr√m/2 for "
             "every γ <= 2, so the printed general bound does not imply the printed specialisation. The "
             "proof derives the smaller brackets [√(32L) + 4R + 4] and [4L + 4R + R²] (l.579), from which "
             "it does follow (catalogue m2). Also \"4 ln(nδ)\" at l.575 should read 4 ln(n/δ). A typo: "
             "the lemma's own proof derives the smaller brackets and uses them for the specialisation, "
             "which is what Theorems 2.1/2.2 apply; the general display is true but weaker than proved.\n"
             "For the authors: in the statement of Lemma A.3.2 print the brackets of l.579, "
             "[√(32 ln(n/δ)) + 4R + 4] and [4 ln(n/δ) + 4R + R²].",
    ),
    corrected=dict(
        id="telgarsky2023.lemA.3.2.proof-brackets",
        source=src("Proof of Lemma A.3.2 (brackets derived at l.579)", APP_A, 579),
        statement=A32 + r",\ [\sqrt{32\ln\frac n\delta}+4R+4],\ [4\ln\frac n\delta+4R+R^2]",
        mutants=(Mutant("quadratic term 160r² → 96r²", params={"quadratic": 96.0},
                        domain=A32_SPACE.replace(log_n_over_delta=Real(math.log(2), 1.0), factor=Real(1.0, 1.2))),),
    ),
)
