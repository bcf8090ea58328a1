"""Appendix A: Lemma A.1 (the loss facts; part 2 is false for the logistic loss) and Lemma A.2 (the
entropy potential and the unnormalized KL; the simplex minimum in its proof is wrong).

Line numbers refer to ``shared/papers/homogeneity2025_003_dbfc99f2f03f7955.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory import losses
from theory.probability import divergences
from theory.claims import (Choice, ErrorClass, Fixed, Int, Kind, Mutant, Real, Seed, Space, at_least,
                           at_most, claim, close, erratum_pair, precondition_failed)
from theory.claims.certificates import interval, interval_precision, iv
from theory.tolerances import EPS
from theory.papers.homogeneity2025._shared import (APPENDIX_A, PAIR_SPACE, iv_kl, kl_error, margin_space,
                                                   margin_vector, positive_pair, psi_error, src)


# -- Lemma A.1 part 1 ------------------------------------------------------------------------

def min_margin_dominates_psi(inst, *, reduction="sum"):
    """min_i p_i >= ψ(p) = ℓ⁻¹(Σ_i ℓ(p_i)). ``reduction='mean'`` uses ℓ⁻¹((1/n)Σℓ) (a mutant)."""
    p = margin_vector(inst, nonnegative=False)
    if reduction == "sum":
        psi = losses.smoothed_margin(p, inst.loss)
    else:
        psi = losses.inverse(float(np.mean(losses.loss_values(p, inst.loss))), inst.loss)
    return at_least(p.min(), psi, tol=psi_error(p), why="float64 rounding of n loss terms and ℓ⁻¹")


claim(
    id="homogeneity2025.lemA.1.min-margin-above-psi",
    source=src("Lemma A.1 (part 1)", APPENDIX_A, 515),
    statement=r"\min_i\langle\bar u,z_i\rangle \ge \psi(Z\bar u) = \ell^{-1}\Big(\sum_i\ell(\langle\bar u,z_i\rangle)\Big)",
    kind=Kind.INEQUALITY,
    domain=margin_space(scale=(0.0, 40.0)),
    predicate=min_margin_dominates_psi,
    examples=({"n": 1, "scale": 3.0, "loss": "logistic", "pattern": "equal", "seed": 0},),  # n = 1: ψ = p
    mutants=(Mutant("ψ with the mean instead of the sum", params={"reduction": "mean"},
                    why="ℓ⁻¹ of the mean loss exceeds the min margin unless all margins are equal"),),
)


# -- Lemma A.1 part 2: false for the logistic loss; corrected with ψ >= 0 ------------------------

def min_margin_within_psi(inst, *, constants=None, require_psi_nonnegative=False):
    """min_i p_i <= ψ(p) + c1 ln n + c2 for nonnegative margins.

    ``constants`` maps loss → (c1, c2) (default: the printed ones). With
    ``require_psi_nonnegative`` the instance must satisfy Σℓ(p_i) <= ℓ(0), i.e. ψ >= 0.
    """
    constants = constants or losses.LEMMA_A1_PART2_CONSTANTS
    p = margin_vector(inst, nonnegative=True)
    psi = losses.smoothed_margin(p, inst.loss)
    if require_psi_nonnegative and psi < 0:
        return precondition_failed("Σ_i ℓ(p_i) > ℓ(0) (ψ < 0)")
    c1, c2 = constants[inst.loss]
    return at_most(p.min(), psi + c1 * math.log(inst.n) + c2, tol=psi_error(p),
                   why="float64 rounding of n loss terms and ℓ⁻¹", psi=psi)


def certify_log_n_gap(inst, *, constants=None, require_psi_nonnegative=False):
    """Lemma A.1(2) on the instance's margins in interval arithmetic (the floats of p taken as exact):
    ψ = −ln(e^S − 1), S = Σ ln(1 + e^{−p_i}) (logistic) or −ln Σe^{−p_i} (exponential)."""
    from mpmath import iv as ivm
    constants = constants or losses.LEMMA_A1_PART2_CONSTANTS
    p = margin_vector(inst, nonnegative=True)
    with interval_precision():
        if inst.loss == "logistic":
            S = sum(ivm.log(1 + ivm.exp(-iv(x))) for x in p)
            psi = -ivm.log(ivm.exp(S) - 1)
        else:
            psi = -ivm.log(sum(ivm.exp(-iv(x)) for x in p))
        c1, c2 = constants[inst.loss]
        gap = iv(float(p.min())) - (psi + iv(c1) * ivm.log(iv(inst.n)) + iv(c2))
        return interval(gap, "<=", detail=f"n = {inst.n}, {inst.loss} loss, ψ enclosed from the exact margins")


A12 = r"\min_i\langle\bar u,z_i\rangle\ge0 \implies \min_i\langle\bar u,z_i\rangle \le \psi(Z\bar u)+c_1\ln n+c_2"

CORRECTED_A12 = {"logistic": (1.0, 1.0), "exponential": (1.0, 0.0)}

erratum_pair(
    kind=Kind.INEQUALITY,
    predicate=min_margin_within_psi,
    printed=dict(
        id="homogeneity2025.lemA.1.printed-log-n-gap",
        error_class=ErrorClass.STATEMENT,
        source=src("Lemma A.1 (part 2)", APPENDIX_A, 519),
        statement=A12 + r",\ (c_1,c_2)=(2,1)\text{ (logistic)},\ (1,0)\text{ (exponential)}",
        domain=margin_space(scale=(0.0, 5.0)),
        certify=certify_log_n_gap,
        examples=({"n": 8, "scale": 0.0, "loss": "logistic", "pattern": "equal", "seed": 0},),
        note="Zero margins with n >= 8 break it for the logistic loss: ψ = −ln(2ⁿ − 1), and at n = 8 the "
             "right side is −ln 255 + 2 ln 8 + 1 = −0.382 < 0 (certified in interval arithmetic; pinned "
             "as the first example). The proof's Ji–Telgarsky step needs n𝓛 < ℓ(0), i.e. ψ > 0. Read "
             "for the authors: Lemma A.1 has no hypothesis beyond z_i ∈ ℝ^d and min_i⟨ū, z_i⟩ >= 0, "
             "both met by ū = 0 (or any ū orthogonal to every z_i), and the lemma is stated for every n; "
             "the exponential case holds. Where A.3 uses it, ū is already well separated, so the "
             "downstream results need only the corrected form.\n\n"
             "For the authors: part 2 fails for the logistic loss whenever Σ_iℓ(p_i) > ln 2 (e.g. n >= 8 "
             "zero margins). Adding the hypothesis ψ(Zū) >= 0 (n𝓛(ū) <= ℓ(0)) repairs it, and then "
             "min_i p_i <= ψ + ln n + 1 (the corrected sibling; c1 = 1 suffices).",
    ),
    corrected=dict(
        id="homogeneity2025.lemA.1.log-n-gap-psi-nonnegative",
        source=src("Lemma A.1 (part 2), corrected", APPENDIX_A, 519),
        statement=r"\psi(Z\bar u)\ge0 \implies \min_i\langle\bar u,z_i\rangle \le \psi(Z\bar u)+\ln n+1"
                  r"\ \text{(logistic)};\ \le\psi+\ln n\ \text{(exponential, no hypothesis)}",
        domain=margin_space(scale=(0.0, 40.0)),
        params={"constants": CORRECTED_A12, "require_psi_nonnegative": True},
        # tight: equal margins under the exponential loss give ψ = p − ln n exactly
        examples=({"n": 16, "scale": 10.0, "loss": "exponential", "pattern": "equal", "seed": 0},),
        mutants=(
            Mutant("logistic c2 = 1 → 0", params={"constants": {"logistic": (1.0, 0.0), "exponential": (1.0, 0.0)}},
                   domain=margin_space(n=(2, 64), scale=(0.0, 8.0), loss=("logistic",), patterns=("equal",)),
                   why="for equal margins (1+e^{-p})ⁿ − 1 > n e^{-p}, so ψ + ln n < p; the gap is "
                       "visible at moderate margins (it vanishes like e^{-2p})"),
            Mutant("exponential ln n → ½ ln n", params={"constants": {"logistic": (1.0, 1.0), "exponential": (0.5, 0.0)}},
                   domain=margin_space(scale=(0.0, 40.0), loss=("exponential",)),
                   why="equal margins give ψ = p − ln n exactly"),
            Mutant("hypothesis ψ >= 0 dropped", params={"require_psi_nonnegative": False},
                   domain=margin_space(scale=(0.0, 5.0), loss=("logistic",))),
        ),
    ),
)


# -- Lemma A.1 part 3 -------------------------------------------------------------------------

def features_and_weights(inst):
    """Z (n×m, entries in [−1, 1]) and ū ∈ ℝ^m for the Lemma A.1 parts stated with features."""
    rng = inst.rng("features")
    Z = rng.uniform(-1.0, 1.0, size=(inst.n, inst.m))
    if inst.pattern == "nonnegative":
        Z = np.abs(Z)
    u = inst.scale * rng.standard_normal(inst.m)
    return Z, u


def loss_below_exp_margin(inst, *, factor=1.0):
    """𝓛(ū) <= exp(−factor·γ‖ū‖₁) with γ = min_i⟨ū,z_i⟩/‖ū‖₁ (both losses; any sign of γ)."""
    Z, u = features_and_weights(inst)
    p = Z @ u
    L = float(np.mean(losses.loss_values(p, inst.loss)))
    rhs = math.exp(-factor * p.min())
    return at_most(L, rhs, tol=8 * (inst.n + inst.m) * EPS * max(L, rhs),
                   why="float64 rounding of Zū and the n loss terms (relative)")


FEATURE_SPACE = Space(n=Int(1, 40), m=Int(1, 20), scale=Real(0.01, 20.0, log=True),
                      loss=Choice(*losses.LOSSES), pattern=Choice("signed", "nonnegative"), seed=Seed())

claim(
    id="homogeneity2025.lemA.1.loss-below-exp-margin",
    source=src("Lemma A.1 (part 3)", APPENDIX_A, 527),
    statement=r"\gamma:=\min_i\frac{\langle\bar u,z_i\rangle}{\|\bar u\|_1}\implies\mathcal L(\bar u)\le\exp(-\gamma\|\bar u\|_1)",
    kind=Kind.INEQUALITY,
    domain=FEATURE_SPACE,
    predicate=loss_below_exp_margin,
    mutants=(Mutant("exp(−γ‖ū‖) → exp(−2γ‖ū‖)", params={"factor": 2.0},
                    domain=FEATURE_SPACE.replace(n=Int(1, 4), m=Int(1, 4), pattern=Choice("nonnegative"),
                                                 scale=Real(0.5, 20.0, log=True)),
                    why="the doubled exponent fails only at a positive margin γ > 0 large enough that "
                        "ℓ(p) > e^{−2p}: few samples, nonnegative features (calibration seed 7 "
                        "missed it in 60 draws from the full domain)"),),
)


# -- Lemma A.1 part 4 ------------------------------------------------------------------------------

def margin_from_exp_loss(inst, *, half=True):
    """Lemma A.1(4): ‖u‖ <= C2‖ū‖, 𝓛_exp(u) <= C5 e^{−γC2‖ū‖/C3}, ‖ū‖ >= (2C3/(γC2)) ln(2nC5)
    ⟹ min_i⟨u,z_i⟩/‖u‖ >= γ/(2C3) (``half=False``: γ/C3, a mutant).

    C2 and C5 are drawn at or above their least admissible values, and γ as a fraction of the
    largest γ for which the last hypothesis holds (so every instance is admissible unless that
    largest γ is <= 0, the precondition). Rows of Z are signed so that every ⟨u, z_i⟩ > 0.
    """
    rng = inst.rng("a14")
    n, m = inst.n, inst.m
    u = rng.standard_normal(m)
    u *= inst.scale / np.abs(u).sum()
    Z = rng.uniform(-1.0, 1.0, size=(n, m))
    Z *= np.sign(Z @ u)[:, None]
    ubar_norm = inst.scale * inst.ratio
    C3 = inst.C3
    C2 = inst.scale / ubar_norm * rng.uniform(1.0, 1.0 + inst.loose)
    log_L = float(losses.total_loss_log(Z @ u, "exponential")) - math.log(n)
    log_U = math.log(1.0 + 2.0 * inst.loose * rng.uniform())
    # ‖ū‖ >= (2C3/(γC2))(ln 2n + ln C5) with ln C5 = ln 𝓛 + γC2‖ū‖/C3 + ln U  ⟺  γ <= gamma_max
    gamma_max = 2 * C3 * (-log_L - math.log(2 * n) - log_U) / (C2 * ubar_norm)
    if gamma_max <= 0:
        return precondition_failed("no γ > 0 meets ‖ū‖₁ >= (2C3/(γC2)) ln(2nC5)")
    gamma = inst.frac * gamma_max
    margin = float((Z @ u).min() / np.abs(u).sum())
    rhs = gamma / (2 * C3) if half else gamma / C3
    return at_least(margin, rhs, tol=16 * (n + m) * EPS * (1 + abs(margin)), why="float64 rounding of Zu",
                    gamma=gamma)


A14_SPACE = Space(n=Int(1, 20), m=Int(1, 8), scale=Real(1.0, 300.0, log=True),
                  ratio=Real(0.1, 10.0, log=True), C3=Real(0.5, 4.0), loose=Real(0.0, 1.0),
                  frac=Real(0.01, 1.0), seed=Seed())

claim(
    id="homogeneity2025.lemA.1.margin-from-exp-loss",
    source=src("Lemma A.1 (part 4)", APPENDIX_A, 531),
    statement=r"\|u\|_1\le C_2\|\bar u\|_1,\ \mathcal L_{\exp}(u)\le C_5e^{-\gamma C_2\|\bar u\|_1/C_3},\ "
              r"\|\bar u\|_1\ge\tfrac{2C_3}{\gamma C_2}\ln(2nC_5)\implies\min_i\frac{\langle u,z_i\rangle}{\|u\|_1}\ge\frac\gamma{2C_3}",
    kind=Kind.INEQUALITY,
    domain=A14_SPACE,
    predicate=margin_from_exp_loss,
    mutants=(Mutant("γ/(2C3) → γ/C3", params={"half": False},
                    domain=A14_SPACE.replace(loose=Real(0.0, 0.05), frac=Real(0.9, 1.0)),
                    why="near the tight end (C2, C5 least admissible, γ near its largest value)"),),
)


# -- Lemma A.1 part 5 and the self-bounding property (Section 3.3) ------------------------------

def psi_derivative_sandwich(inst, *, upper="e n^2"):
    """G(p) <= −ℓ'(ψ(p)) <= min{1, c·G(p)} for the logistic loss; c = e·n² (printed) or n (sharper)."""
    p = margin_vector(inst, nonnegative=False)
    n = len(p)
    G = losses.mean_neg_derivative(p, "logistic")
    mid = losses.neg_derivative_at(losses.smoothed_margin(p, "logistic"), "logistic")
    factor = {"e n^2": math.e * n * n, "n": float(n), "1": 1.0}[upper]
    tol = 16 * (n + 4) * EPS * (1.0 + float(np.abs(p).max())) * max(mid, G)
    lower = at_least(mid, G, tol=tol, why="float64 rounding of G and of ψ, propagated through −ℓ'")
    top = at_most(mid, min(1.0, factor * G), tol=tol, why=lower.tol_source, G=G)
    return lower if lower.slack < top.slack else top


A15_SPACE = margin_space(loss=("logistic",), scale=(0.0, 30.0))

claim(
    id="homogeneity2025.lemA.1.psi-derivative-sandwich",
    source=src("Lemma A.1 (part 5)", APPENDIX_A, 535),
    statement=r"G(v)\le-\ell'(\psi(v))\le\min\{1,\,e n^2 G(v)\},\quad G(v)=\frac1n\sum_i|\ell'(v_i)|",
    kind=Kind.INEQUALITY,
    domain=A15_SPACE,
    predicate=psi_derivative_sandwich,
    mutants=(Mutant("e n² G → G", params={"upper": "1"},
                    why="equal margins give −ℓ'(ψ) ≈ nG > G"),),
)

claim(
    id="homogeneity2025.lemA.1.psi-derivative-union-bound",
    source=src("Lemma A.1 (part 5), sharper form", APPENDIX_A, 535),
    statement=r"-\ell'(\psi(v))\le n\,G(v)\quad(\text{union bound } 1-\prod_i(1-q_i)\le\sum_i q_i)",
    kind=Kind.INEQUALITY,
    domain=A15_SPACE,
    predicate=psi_derivative_sandwich,
    params={"upper": "n"},
    mutants=(Mutant("n G → G", params={"upper": "1"}),),
    note="Not printed in the paper; a tighter truth behind part 5 (catalogue §2.4).",
)


def bregman_is_kl(inst, *, formula=divergences.kl):
    """D_φ(r, q) from the definition of the Bregman divergence equals KL(r, q)."""
    r, q = positive_pair(inst)
    lhs = divergences.bregman_entropy(r, q)
    terms = np.abs(r * np.log(r)) + np.abs(q * np.log(q)) + np.abs(np.log(q) * (r - q)) + r + q
    tol = 8 * (len(r) + 4) * EPS * float(terms.sum())
    return close(lhs, formula(r, q), tol=tol, why="float64 rounding of the m-term sums in φ(r) − φ(q) − ⟨ln q, r − q⟩")


def kl_normalised_only(r, q):
    """A typo of the definition: ⟨r, ln(r/q)⟩ without the ⟨1, q − r⟩ term."""
    return float(np.sum(r * (np.log(r) - np.log(q))))


claim(
    id="homogeneity2025.lemA.2.bregman-is-unnormalized-kl",
    source=src("Lemma A.2 (part 1, in its proof)", APPENDIX_A, 694),
    statement=r"\phi(p)=\langle p,\ln p-1\rangle:\ D_\phi(a,b)=\Big\langle a,\ln\frac ab\Big\rangle+\langle1,b-a\rangle=\mathrm{KL}(a,b)",
    kind=Kind.IDENTITY,
    domain=PAIR_SPACE,
    predicate=bregman_is_kl,
    mutants=(Mutant("⟨1, b − a⟩ term dropped", params={"formula": kl_normalised_only}),),
    note="The proof's display (l.694) writes −⟨1, a − b⟩, the same thing.",
)


def fenchel_young(inst, *, conjugate=divergences.entropy_conjugate):
    """⟨r, u⟩ <= φ(u) + φ*(r) with φ*(r) = Σ e^{r_s}; u = e^r (where equality holds) or random."""
    rng = inst.rng("fy")
    r = rng.uniform(-4.0, 3.0, size=inst.m)
    u = np.exp(r) if inst.pair == "proportional" else np.exp(rng.uniform(-4.0, 3.0, size=inst.m))
    lhs = float(r @ u)
    rhs = divergences.entropy_potential(u) + conjugate(r)
    scale = float(np.sum(np.abs(r * u)) + np.sum(np.abs(u * np.log(u))) + 2 * np.sum(u) + np.sum(np.exp(r)))
    return at_most(lhs, rhs, tol=8 * (inst.m + 4) * EPS * scale,
                   why="float64 rounding of three m-term sums")


claim(
    id="homogeneity2025.lemA.2.entropy-conjugate",
    source=src("Lemma A.2 (part 1, in its proof)", APPENDIX_A, 701),
    statement=r"\phi^*(r)=\sum_s e^{r_s}\ \ (\text{checked as Fenchel–Young } \langle r,u\rangle\le\phi(u)+\phi^*(r),"
              r"\text{ equality at } u=\nabla\phi^*(r)=e^r)",
    kind=Kind.INEQUALITY,
    domain=PAIR_SPACE,
    predicate=fenchel_young,
    mutants=(Mutant("φ*(r) = Σ e^{r_s} − 1/2", params={"conjugate": lambda r: divergences.entropy_conjugate(r) - 0.5},
                    why="at u = e^r Fenchel–Young is an equality, so any smaller conjugate fails"),),
)


def kl_decomposes(inst, *, q_term=divergences.q_function):
    """KL(r, q) = ‖r‖₁KL(r̃, q̃) + ‖r‖₁Q(‖r‖₁/‖q‖₁)."""
    r, q = positive_pair(inst)
    nr, nq = r.sum(), q.sum()
    rhs = nr * divergences.kl(r / nr, q / nq) + nr * q_term(nr / nq)
    return close(divergences.kl(r, q), rhs, tol=2 * kl_error(r, q) + 16 * EPS * nr * (abs(math.log(nr / nq)) + nq / nr + 1),
                 why="float64 rounding of the m-term KL sums and of Q")


claim(
    id="homogeneity2025.lemA.2.kl-decomposition",
    source=src("Lemma A.2 (part 2, proof)", APPENDIX_A, 715),
    statement=r"\mathrm{KL}(r,q)=\|r\|_1\mathrm{KL}(\tilde r,\tilde q)+\|r\|_1Q(\|r\|_1/\|q\|_1),\quad Q(x)=\ln x+\frac1x-1",
    kind=Kind.IDENTITY,
    domain=PAIR_SPACE,
    predicate=kl_decomposes,
    mutants=(Mutant("Q(x) → ln x", params={"q_term": lambda x: math.log(x)}),),
)


def simplex_minimum(inst, *, value=divergences.simplex_min_kl):
    """min_{p∈Δ} KL(p, v) equals value(v): minimum over v/‖v‖₁, the vertices and 200 Dirichlet points."""
    rng = inst.rng("simplex")
    v = rng.exponential(size=inst.m) + 1e-3
    v *= inst.scale / v.sum()
    candidates = [v / v.sum()] + list(np.eye(inst.m)) + list(rng.dirichlet(np.ones(inst.m), size=200))
    values = [divergences.kl(np.maximum(p, 1e-300), v) for p in candidates]
    best = float(min(values))
    if int(np.argmin(values)) != 0:
        return at_least(values[0], best, why="v/‖v‖₁ must be the minimiser", argmin=int(np.argmin(values)))
    return close(best, value(v), tol=16 * (inst.m + 4) * EPS * (1 + inst.scale + abs(math.log(inst.scale))),
                 why="float64 rounding of an m-term KL sum", norm_v=float(v.sum()))


SIMPLEX_SPACE = Space(m=Int(1, 20), scale=Real(1e-2, 1e2, log=True), seed=Seed())


def certify_simplex_minimum(inst, *, value=None):
    """KL(v/‖v‖₁, v) − ln(1/‖v‖₁) in interval arithmetic: the printed text itself says the minimum
    over Δ_m is attained at p = v/‖v‖₁ (true: Gibbs), so this is min − printed value exactly."""
    from mpmath import iv as ivm
    rng = inst.rng("simplex")
    v = rng.exponential(size=inst.m) + 1e-3
    v *= inst.scale / v.sum()
    with interval_precision():
        vs = [iv(x) for x in v]
        total = sum(vs)
        gap = iv_kl([x / total for x in vs], vs) + ivm.log(total)
        return interval(gap, "==", detail=f"‖v‖₁ = {float(v.sum()):.6g}: min − printed = ‖v‖₁ − 1")


erratum_pair(
    kind=Kind.IDENTITY,
    domain=SIMPLEX_SPACE,
    predicate=simplex_minimum,
    printed=dict(
        id="homogeneity2025.lemA.2.printed-simplex-minimum",
        error_class=ErrorClass.PROOF,
        source=src("Lemma A.2 (part 1, proof)", APPENDIX_A, 705),
        statement=r"\min_{p\in\Delta_m}D_\phi(p,v)=\ln\frac1{\|v\|_1},\ \text{attained uniquely at } p=v/\|v\|_1",
        params={"value": divergences.simplex_min_kl_as_printed},
        certify=certify_simplex_minimum,
        note="The printed value drops ‖v‖₁ − 1; e.g. ‖v‖₁ = 6.851 has minimum 3.926, not −1.924 "
             "(certified in interval arithmetic at the minimiser v/‖v‖₁ the text names). Class proof: "
             "Lemma A.2's statement (l.678–684) has no part 1 in our copy, and no later step cites it "
             "(the proofs use part 2, l.790), so no stated result is refuted. Read for the authors: the "
             "Jensen step is right; the slip is in evaluating ‖v‖₁ + ‖v‖₁φ(1/‖v‖₁) = ln(1/‖v‖₁) + ‖v‖₁ − 1.\n\n"
             "For the authors: in the proof of Lemma A.2 part 1 the minimum of D_φ(·, v) over the simplex is "
             "ln(1/‖v‖₁) + ‖v‖₁ − 1, not ln(1/‖v‖₁); the two agree only when ‖v‖₁ = 1.",
    ),
    corrected=dict(
        id="homogeneity2025.lemA.2.simplex-minimum",
        source=src("Lemma A.2 (part 1, proof), corrected", APPENDIX_A, 705),
        statement=r"\min_{p\in\Delta_m}\mathrm{KL}(p,v)=\ln\frac1{\|v\|_1}+\|v\|_1-1,\ \text{attained at } p=v/\|v\|_1",
        mutants=(Mutant("+ ‖v‖₁ − 1 → + ‖v‖₁", params={"value": lambda v: divergences.simplex_min_kl(v) + 1.0}),
                 Mutant("+ ‖v‖₁ − 1 → + (‖v‖₁ − 1)/2",
                        params={"value": lambda v: -math.log(v.sum()) + (v.sum() - 1) / 2})),
    ),
)


def kl_lower_bound(inst, *, line=2, quarter=False, kl_weight=0.5, threshold=2.0):
    """KL(r, q) >= line 1 or line 2 of Lemma A.2 part 2 (mutant knobs: ‖q‖/4, 2‖r‖KL, threshold)."""
    r, q = positive_pair(inst)
    nr, nq = float(r.sum()), float(q.sum())
    base = kl_weight * nr * divergences.kl(r / nr, q / nq)
    if line == 1:
        rhs = base + (nr / 2 * (math.sqrt(nr / nq) - math.sqrt(nq / nr)) ** 2 if nq >= nr else 0.0)
    else:
        rhs = base + ((nq / 4 if quarter else nq / 8) if nq >= threshold * nr else 0.0)
    lhs = divergences.kl(r, q)
    return at_least(lhs, rhs, tol=2 * kl_error(r, q), why="float64 rounding of the m-term KL sums")


A22 = (r"\mathrm{KL}(r,q)\ge\frac{\|r\|_1}2\mathrm{KL}(\tilde r,\tilde q)+\mathbf 1[\|q\|_1\ge\|r\|_1]"
       r"\frac{\|r\|_1}2\Big(\sqrt{\tfrac{\|r\|_1}{\|q\|_1}}-\sqrt{\tfrac{\|q\|_1}{\|r\|_1}}\Big)^2")

claim(
    id="homogeneity2025.lemA.2.kl-lower-bound-sqrt",
    source=src("Lemma A.2 (part 2, first line)", APPENDIX_A, 682),
    statement=A22,
    kind=Kind.INEQUALITY,
    domain=PAIR_SPACE,
    predicate=kl_lower_bound,
    params={"line": 1},
    mutants=(Mutant("(‖r‖/2)KL(r̃,q̃) → 2‖r‖KL(r̃,q̃)", params={"kl_weight": 2.0}),),
)

claim(
    id="homogeneity2025.lemA.2.kl-lower-bound-q-over-8",
    source=src("Lemma A.2 (part 2, second line)", APPENDIX_A, 682),
    statement=r"\mathrm{KL}(r,q)\ge\frac{\|r\|_1}2\mathrm{KL}(\tilde r,\tilde q)+\mathbf 1[\|q\|_1\ge2\|r\|_1]\frac{\|q\|_1}8",
    kind=Kind.INEQUALITY,
    domain=PAIR_SPACE,
    predicate=kl_lower_bound,
    mutants=(
        Mutant("‖q‖/8 → ‖q‖/4", params={"quarter": True},
               domain=PAIR_SPACE.replace(pair=Fixed("proportional"), ratio=Real(2.0, 4.0)),
               why="KL(r, 2r) = (1 − ln 2)‖r‖ = 0.307‖r‖ < ‖2r‖/4"),
        Mutant("threshold 2‖r‖ → 1.01‖r‖", params={"threshold": 1.01},
               domain=PAIR_SPACE.replace(pair=Fixed("proportional"), ratio=Real(1.01, 2.0))),
    ),
)


def pinsker(inst, *, constant=0.5):
    """KL(r̃, q̃) >= constant·‖r̃ − q̃‖₁² for the normalised pair."""
    r, q = positive_pair(inst)
    rt, qt = r / r.sum(), q / q.sum()
    lhs = divergences.kl(rt, qt)
    return at_least(lhs, constant * float(np.abs(rt - qt).sum()) ** 2, tol=2 * kl_error(rt, qt),
                    why="float64 rounding of the m-term KL sum")


claim(
    id="homogeneity2025.lemA.2.pinsker",
    source=src("Lemma A.2 (part 2)", APPENDIX_A, 684),
    statement=r"\mathrm{KL}(\tilde r,\tilde q)\ge\frac12\|\tilde r-\tilde q\|_1^2",
    kind=Kind.INEQUALITY,
    domain=PAIR_SPACE,
    predicate=pinsker,
    mutants=(Mutant("½ → 1", params={"constant": 1.0},
                    domain=PAIR_SPACE.replace(pair=Fixed("close"), m=Int(2, 30)),
                    why="Pinsker's ½ is sharp for nearby distributions"),),
)


def q_lower_bound(inst):
    """Q(x) >= ½(√x − 1/√x)² (proof of Lemma A.2, on (0, 1])."""
    x = inst.x
    lhs = float(divergences.q_function(x))
    rhs = 0.5 * (math.sqrt(x) - 1 / math.sqrt(x)) ** 2
    return at_least(lhs, rhs, tol=16 * EPS * (1 + 1 / x + abs(math.log(x))),
                    why="float64 rounding of ln x + 1/x − 1 (absolute, scaled by 1/x)")


claim(
    id="homogeneity2025.lemA.2.q-lower-bound",
    source=src("Lemma A.2 (part 2, proof)", APPENDIX_A, 731),
    statement=r"x\in(0,1]:\ Q(x)\ge\frac12\Big(\sqrt x-\frac1{\sqrt x}\Big)^2",
    kind=Kind.INEQUALITY,
    domain=Space(x=Real(1e-6, 1.0, log=True)),
    predicate=q_lower_bound,
    mutants=(Mutant("range (0, 1] → (1, 100]", domain=Space(x=Real(1.0001, 100.0, log=True)),
                    why="Q is concave beyond 2: Q(10) = 1.40 < 3.2"),),
)
