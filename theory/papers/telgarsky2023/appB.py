"""Appendix B (proofs for Section 2): Lemma B.2 (with its sharp constant), the perceptron step, (B.1),
Lemma 2.3's radius and the gradient-norm chain of Theorem 2.1's proof.
"""

from __future__ import annotations

import math

import numpy as np

from theory import losses
from theory.nets import two_layer_relu as nets
from theory.margins import ntk_margin
from theory.claims import claim, erratum_pair, ErrorClass, Kind, Mutant
from theory.claims.certificates import interval, interval_precision, iv
from theory.domains import Choice, Fixed, Int, Real, Seed, Space
from theory.evidence import at_least, at_most, close, precondition_failed
from theory.papers.telgarsky2023 import intervals as ivnet
from theory.papers.telgarsky2023.common import APP_B, separable_data, src
from theory.tolerances import EPS


def logistic_point(inst) -> float:
    """z with |ℓ_log'(z)| = s, i.e. z = ln(1/s − 1) (the domain samples the hypothesis' quantity)."""
    return math.log(1.0 / inst.s - 1.0)


def lemma_b2(inst, *, constant=2.0, require_hypothesis=True):
    """|ℓ'(z)| <= 1/8 ⟹ ℓ(z) <= 2|ℓ'(z)| for ℓ ∈ {ℓ_log, ℓ_exp}."""
    z = inst.z
    slope = float(losses.neg_derivative(z, inst.loss))
    if require_hypothesis and slope > 0.125:
        return precondition_failed("|ℓ'(z)| > 1/8")
    value = float(losses.loss_values(z, inst.loss))
    return at_most(value, constant * slope, tol=8 * EPS * value, why="8 ulp of ℓ and ℓ'")


claim(
    id="telgarsky2023.lemB.2.loss-vs-slope",
    source=src("Lemma B.2", APP_B, 793),
    statement=r"\ell\in\{\ell_{\log},\ell_{\exp}\},\ |\ell'(z)| \le 1/8 \implies \ell(z) \le 2|\ell'(z)|",
    kind=Kind.INEQUALITY,
    domain=Space(z=Real(-20.0, 40.0), loss=Choice("logistic", "exponential")),
    predicate=lemma_b2,
    mutants=(Mutant("constant 2 → 1 (logistic)", params={"constant": 1.0},
                    domain=Space(z=Real(-20.0, 40.0), loss=Fixed("logistic"))),
             Mutant("hypothesis |ℓ'| <= 1/8 dropped", params={"require_hypothesis": False},
                    domain=Space(z=Real(-20.0, 40.0), loss=Fixed("logistic")))),
)


#: the sharp constant of Lemma B.2: ℓ/|ℓ'| = (1 + e^z)ln(1 + e^{−z}) decreases in z (its derivative is
#: e^z ln(1 + e^{−z}) − 1 < 0), so under |ℓ'| <= 1/8 (z >= ln 7) its largest value is 8 ln(8/7) ≈ 1.0683 at
#: z = ln 7 for ℓ_log, and 1 for ℓ_exp; the printed 2 is loose by a factor 1.87
SHARP_B2 = 8 * math.log(8 / 7)

claim(
    id="telgarsky2023.lemB.2.loss-vs-slope-sharp",
    source=src("Lemma B.2 (sharp constant)", APP_B, 793),
    statement=r"\ell\in\{\ell_{\log},\ell_{\exp}\},\ |\ell'(z)| \le 1/8 \implies \ell(z) \le 8\ln(8/7)\,|\ell'(z)|",
    kind=Kind.INEQUALITY,
    domain=Space(z=Real(-20.0, 40.0), loss=Choice("logistic", "exponential")),
    predicate=lemma_b2,
    params={"constant": SHARP_B2},
    examples=({"z": 1.9459101490553135, "loss": "logistic"},),   # the float just above ln 7: equality
    mutants=(Mutant("constant 1.06", params={"constant": 1.06}),),
    note="A sharper sibling of Lemma B.2: the constant 8 ln(8/7) is attained at z = ln 7 (pinned), so "
         "the lemma's 2 is 1.87 times the best constant.",
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


def zero_one_vs_slope(inst, *, loss="logistic", constant=2.0):
    """1[z <= 0] <= 2|ℓ_log'(z)| (proof of Theorem 2.1, l.785)."""
    z = inst.z
    return at_most(float(z <= 0), constant * float(losses.neg_derivative(z, loss)), tol=4 * EPS,
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
        slope = float(losses.neg_derivative(p, "logistic"))
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
                step = eta * losses.neg_derivative_interval(p, "logistic")
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


def b1_chain(inst, *, printed=False, quadratic=160.0, delta=0.1):
    """Proof of Theorem 2.1, (B.1): with η in [γ/(10√m), γ²/6400] and r = 10η√m/γ,
    r >= 1, rγ√m/2 − 160r² >= rγ√m/4 >= ln t. ``printed``: the display's rγ√m/4 = γ²m/2560."""
    g, L = inst.gamma, inst.log_t_over_delta
    m = inst.factor * max((64 * L / g) ** 2, (640 / g) ** 2)
    root = math.sqrt(m)
    low, high = g / (10 * root), g * g / 6400
    eta = low + inst.position * (high - low)
    r = 10 * eta * root / g
    quarter = r * g * root / 4
    if printed:
        return close(quarter, g * g * m / 2560, tol=16 * EPS * quarter, why="16 ulp", eta=eta)
    for ev in (at_least(r, 1.0, tol=16 * EPS, why="16 ulp"),
               at_least(2 * quarter - quadratic * r * r, quarter,
                        tol=16 * EPS * (2 * quarter + quadratic * r * r), why="16 ulp of the absolute terms")):
        if not ev.holds:
            return ev
    return at_least(quarter, L + math.log(delta), tol=16 * EPS * quarter, why="16 ulp", eta=eta)


def certify_b1(inst, printed=True, **_):
    """rγ√m/4 − γ²m/2560 = m(2.5η − γ²/2560) in intervals at the instance's η (not zero unless
    η = γ²/6400)."""
    import mpmath
    with interval_precision():
        g, L, f, u = iv(inst.gamma), iv(inst.log_t_over_delta), iv(inst.factor), iv(inst.position)
        m1, m2 = (64 * L / g) ** 2, (640 / g) ** 2
        if not (m1.a > m2.b or m2.a > m1.b):
            return ivnet.undecided("==", "the two widths are not ordered by their enclosures")
        m = f * (m1 if m1.a > m2.b else m2)
        root = mpmath.iv.sqrt(m)
        low, high = g / (10 * root), g * g / 6400
        eta = low + u * (high - low)
        r = 10 * eta * root / g
        return interval(r * g * root / 4 - g * g * m / 2560, "==", detail=f"η at position {inst.position!r} "
                                                                       f"of [γ/(10√m), γ²/6400]")


B1_SPACE = Space(gamma=Real(0.001, 1.0, log=True), log_t_over_delta=Real(math.log(10.0), 30.0),
                 factor=Real(1.0, 2.0), position=Real(0.0, 1.0))


erratum_pair(
    domain=B1_SPACE,
    predicate=b1_chain,
    printed=dict(
        id="telgarsky2023.thm2.1.b1-equality-printed",
        error_class=ErrorClass.PROOF,
        certify=certify_b1,
        source=src("Proof of Theorem 2.1, (B.1)", APP_B, 705),
        statement=r"\eta\in\Big[\frac{\gamma}{10\sqrt m},\frac{\gamma^2}{6400}\Big],\ r = \frac{10\eta\sqrt m}{\gamma}"
                  r" \implies \frac{r\gamma\sqrt m}4 = \frac{\gamma^2m}{2560}",
        kind=Kind.IDENTITY,
        params={"printed": True},
        note="rγ√m/4 = 2.5ηm equals γ²m/2560 only at the largest step η = γ²/6400; at η = γ/(10√m) it is "
             "γ√m/4. The bound >= ln t that (B.1) needs still holds on the whole interval (catalogue PI-1). "
             "A proof step: γ²m/2560 is an upper bound of rγ√m/4 (η <= γ²/6400), so the chain's last "
             "link must come from the lower end, rγ√m/4 >= γ√m/4 >= 16 ln(t/δ) >= ln t.\n"
             "For the authors: in (B.1) replace \"= γ²m/2560 >= ln(t)\" by \">= γ√m/4 >= ln(t)\".",
    ),
    corrected=dict(
        id="telgarsky2023.thm2.1.b1-chain",
        source=src("Proof of Theorem 2.1, (B.1), as inequalities", APP_B, 705),
        statement=r"\eta\in\Big[\frac{\gamma}{10\sqrt m},\frac{\gamma^2}{6400}\Big],\ r = \frac{10\eta\sqrt m}{\gamma}"
                  r" \implies r\ge1,\ \frac{r\gamma\sqrt m}2 - 160r^2 \ge \frac{r\gamma\sqrt m}4 \ge \ln t\ "
                  r"\big(m \ge \max\{(\tfrac{64\ln(t/\delta)}{\gamma})^2, (\tfrac{640}{\gamma})^2\}\big)",
        kind=Kind.INEQUALITY,
        mutants=(Mutant("160r² → 320r²", params={"quadratic": 320.0},
                        domain=B1_SPACE.replace(position=Real(0.9, 1.0), factor=Real(1.0, 1.1))),),
    ),
)


def lemma23_radius(inst, *, bound=4.0):
    """Proof of Lemma 2.3: x² <= 2 + 2rx with r >= 1, x >= 1 (x = ‖W_τ − W_0‖) ⟹ x <= bound·r.
    x is drawn as a fraction of the largest root r + √(r² + 2)."""
    r = inst.r
    x = inst.u * (r + math.sqrt(r * r + 2))
    if x < 1:
        return precondition_failed("‖W_τ − W_0‖ < 1")
    return at_most(x, bound * r, tol=8 * EPS * x, why="8 ulp of the root", hypothesis_gap=2 + 2 * r * x - x * x)


def certify_radius(inst, bound=2.0, **_):
    """x − bound·r for x = u(r + √(r² + 2)) (so x² <= 2 + 2rx exactly, as u <= 1), with x >= 1
    certified, in intervals."""
    import mpmath
    with interval_precision():
        r, u = iv(inst.r), iv(inst.u)
        x = u * (r + mpmath.iv.sqrt(r * r + 2))
        if not x.a >= 1:
            return ivnet.undecided("<=", "x >= 1 is not certified")
        return interval(x - bound * r, "<=", detail=f"x = u(r + √(r² + 2)), u = {inst.u!r} <= 1, r = {inst.r!r}")


RADIUS_SPACE = Space(r=Real(1.0, 100.0, log=True), u=Real(0.0, 1.0))


RADIUS_NEAR_ROOT = Space(r=Real(1.0, 3.0), u=Real(0.7, 1.0))   # where x > 2r is possible


erratum_pair(
    kind=Kind.INEQUALITY,
    predicate=lemma23_radius,
    printed=dict(
        id="telgarsky2023.lem2.3.radius-printed",
        error_class=ErrorClass.TYPO,
        certify=certify_radius,
        source=src("Proof of Lemma 2.3 (\"‖W_τ − W_0‖ <= 2r = R/2\")", APP_B, 829),
        statement=r"x^2 \le 2 + 2rx,\ r\ge1,\ x\ge1 \implies x \le 2r",
        domain=RADIUS_NEAR_ROOT,
        params={"bound": 2.0},
        note="From x² <= 4rx one gets x <= 4r, which is the R/2 (R = 8r) the display writes; 2r = R/4 is "
             "a slip, and x = 2.5, r = 1 satisfies the hypothesis (6.25 <= 7). The contradiction x < R "
             "survives (catalogue m11). A typo: the same display's R/2 (R = 8r, l.700) equals 4r, and "
             "4r is what the preceding line (≤ 4r‖W_τ − W_0‖) gives.\n"
             "For the authors: at l.829 read ‖W_τ − W_0‖ <= 4r = R/2.",
    ),
    corrected=dict(
        id="telgarsky2023.lem2.3.radius",
        source=src("Proof of Lemma 2.3 (x <= 4r = R/2)", APP_B, 829),
        statement=r"x^2 \le 2 + 2rx,\ r\ge1,\ x\ge1 \implies x \le 4r = R/2",
        domain=RADIUS_SPACE,
        mutants=(Mutant("x <= 2.2r", params={"bound": 2.2}, domain=RADIUS_NEAR_ROOT.replace(r=Real(1.0, 2.0))),),
    ),
)


def gradient_norm_chain(inst, *, factor=2.0):
    """Proof of Theorem 2.1: ‖a_0‖ <= 2, ‖V_0‖ <= 2√m, ‖W − W_0‖ <= R = γ√m/80 ⟹
    ‖∂̂p(x; W)‖² <= ‖σ(Vx)‖² + ‖a‖² <= factor·R² + 4·factor·(m + 1) <= 10m (m >= 5, ‖x‖ <= 1)."""
    rng = inst.rng("pi2")
    m, d = inst.m, inst.d

    def unit(z):
        return z / np.linalg.norm(z)
    ux = unit(rng.standard_normal(d))
    x = inst.x_norm * ux
    ua = unit(rng.standard_normal(m))
    if inst.mode == "aligned":               # every node active on x, V_0 and the motion along x
        uV = unit(np.abs(rng.standard_normal(m))[:, None] * ux[None, :])
        da, dV = ua, uV
    else:
        uV = unit(rng.standard_normal((m, d)))
        da, dV = unit(rng.standard_normal(m)), unit(rng.standard_normal((m, d)))
    a0, V0 = 2 * inst.a_frac * ua, 2 * math.sqrt(m) * inst.v_frac * uV
    R = inst.gamma * math.sqrt(m) / 80
    da = R * inst.r_frac * math.sqrt(inst.share) * da
    dV = R * inst.r_frac * math.sqrt(1 - inst.share) * dV
    a, V = a0 + da, V0 + dV
    Ga, GV = nets.margin_gradients(a, V, x[None, :], np.ones(1))
    g2 = float(Ga[0] @ Ga[0] + np.sum(GV[0] * GV[0]))
    bound = factor * R * R + 4 * factor * (m + 1)
    first = at_most(g2, bound, tol=16 * (m + d) * EPS * bound, why="16(m+d) ulp of the squared norms")
    if not first.holds:
        return first
    return at_most(bound, 10 * m, tol=16 * EPS * bound, why="16 ulp")


PI2_SPACE = Space(m=Int(5, 64), d=Int(1, 6), gamma=Real(0.001, 2.0), x_norm=Real(0.0, 1.0),
                  a_frac=Real(0.0, 1.0), v_frac=Real(0.0, 1.0), r_frac=Real(0.0, 1.0), share=Real(0.0, 1.0),
                  mode=Choice("random", "aligned"), seed=Seed())


claim(
    id="telgarsky2023.thm2.1.gradient-norm",
    source=src("Proof of Theorem 2.1 (bound on ‖∂̂p_s(W_s)‖²)", APP_B, 730),
    statement=r"\|a_0\|\le2,\ \|V_0\|\le2\sqrt m,\ \|W-W_0\|\le R\le\frac{\gamma\sqrt m}{80},\ \|x\|\le1 \implies "
              r"\|\hat\partial p(x;W)\|^2 \le 2R^2+8m+8 \le 10m\ (m\ge5)",
    kind=Kind.INEQUALITY,
    domain=PI2_SPACE,
    predicate=gradient_norm_chain,
    mutants=(Mutant("R² + 4m + 4 (factor 2 of (u+v)² <= 2u²+2v² dropped)", params={"factor": 1.0},
                    domain=PI2_SPACE.replace(mode=Fixed("aligned"), x_norm=Fixed(1.0), a_frac=Fixed(1.0),
                                             v_frac=Fixed(1.0), r_frac=Real(0.5, 1.0),
                                             gamma=Real(1.0, 2.0))),),
    note="Tight for the a-part: at ‖a_0‖ = 2, ‖V_0‖ = 2√m with V_0, W − W_0 and x aligned (all nodes "
         "active) ‖∂̂p‖² = ‖V‖² + ‖a‖² exceeds ‖W − W_0‖² + 4m + 4 by 4√m‖V − V_0‖ + 4‖a − a_0‖.",
)
