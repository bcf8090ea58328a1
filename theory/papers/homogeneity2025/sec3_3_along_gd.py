"""Section 3.3 along gradient descent on eq. (1): Lemma 3.4 (i), (iii), parts 1 and 2, Lemma A.3 (its
proof is the asymptotic phase of Section 3.3) and the feature drift in the proof of Theorem 3.1.

Every claim here walks the same horizons T = 10^{j/4} of the same two runs (step η0 and η0/2):
:func:`horizon_checks` is the one loop; each claim gives the two sides at a horizon. The runs are GD on
(a, b, V) of eq. (1) with loss-scaled steps (a time change of gradient flow), by the library's trainer
:func:`theory.nets.normalized.train_shallow`. At a horizon T (the first
step with t_k >= T) Lemma 3.4 is instantiated with t = T: γ_T = inf_{s<=T} min_i ⟨p̄, z_i(s)⟩ (its
hypothesis, so γ_T > 0 is a precondition), ū = (ln(Tn)/γ_T)p̄ (needs Tn > 1) and R = D_φ(ū, u(0))/‖ū‖₁.
Integrals are left Riemann sums with the step sizes η_k as weights. The trajectories are memoised for
the claim check under way (theory.claims.memo), never across claims.

Line numbers refer to ``shared/papers/homogeneity2025_003_dbfc99f2f03f7955.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory import losses
from theory.nets import normalized
from theory.probability import divergences
from theory.claims import (Fixed, Int, Kind, Mutant, Seed, Series, Space, at_least, at_most, claim, memoized,
                           precondition_failed)
from theory.tolerances import EPS
from theory.papers.homogeneity2025._shared import APPENDIX_A, SEC33, src


def teacher_data(rng, n, d, threshold=0.5):
    """n unit points labelled by a 3-neuron bias-free ReLU teacher, kept when |teacher| >= threshold."""
    T = rng.standard_normal((3, d))
    T /= np.linalg.norm(T, axis=1, keepdims=True)
    c = np.array([1.0, -1.0, 1.0])
    X, y = [], []
    while len(X) < n:
        x = rng.standard_normal(d)
        x /= np.linalg.norm(x)
        f = float(np.maximum(T @ x, 0.0) @ c)
        if abs(f) >= threshold:
            X.append(x)
            y.append(math.copysign(1.0, f))
    return np.array(X), np.array(y)


def simplex_max_margin(Z):
    """(γ, p̄): max over p̄ ∈ Δ_m of min_i ⟨p̄, z_i⟩ (HiGHS); p̄ >= 0 as Lemma 3.4 requires."""
    from scipy import optimize

    n, m = Z.shape
    c = np.zeros(m + 1)
    c[-1] = -1.0
    res = optimize.linprog(c, A_ub=np.hstack([-Z, np.ones((n, 1))]), b_ub=np.zeros(n),
                           A_eq=np.r_[np.ones(m), 0.0][None, :], b_eq=[1.0],
                           bounds=[(0, None)] * m + [(None, None)], method="highs")
    p = np.maximum(res.x[:m], 0.0)
    return float(-res.fun), p / p.sum()


def feature_alignment(X, V) -> float:
    """C1 at one V (Section 4's definition): max_{j,i,r} |⟨∇_V F_j(x_i;V), ∇_V F_j(x_r;V)⟩|.

    With ∇_{v_j}F_j(x) = σ'(ṽ_jᵀx)(I − ṽ_jṽ_jᵀ)x/‖v_j‖ (the other blocks are zero), Cauchy–Schwarz
    puts the maximum on the diagonal i = r: max over active (i, j) of (‖x_i‖² − (ṽ_jᵀx_i)²)/‖v_j‖².
    """
    X, V = np.asarray(X, dtype=np.float64), np.asarray(V, dtype=np.float64)
    norms = np.linalg.norm(V, axis=1)
    pre = X @ (V / norms[:, None]).T                                # (n, m): ṽ_jᵀx_i
    perp = np.maximum((X * X).sum(axis=1)[:, None] - pre ** 2, 0.0) / norms[None, :] ** 2
    return float(np.where(pre > 0, perp, 0.0).max(initial=0.0))


def shallow_gd_trajectory(inst, eta0, *, max_steps=8000, cache=True):
    """GD on (a, b, V) of eq. (1) (see :func:`_gd_trajectory`), memoised for the claim check under
    way (theory.claims.memo: the engine empties the store where each claim's check starts);
    ``cache=False`` computes it afresh (the cost sweep of checks/bench_scaling times it)."""
    return (_gd_trajectory if cache else _gd_trajectory.uncached)(inst, eta0, max_steps=max_steps)


@memoized(key=lambda inst, eta0, *, max_steps: (repr(sorted(inst.recipe.items())), eta0, max_steps))
def _gd_trajectory(inst, eta0, *, max_steps):
    """GD on (a, b, V) of eq. (1) from the balanced D3 init (:func:`theory.nets.normalized.train_shallow`
    with step η_k = η0/(𝓛_k(1 + ‖u_k‖_∞)), a time change of gradient flow, catalogue §2.6), until GF
    time 1e24 or ``max_steps`` steps; this function draws the data and the init and records, through
    the trainer's ``observe`` hook, what the claims of this file read at every step.

    Returns dict of arrays per step k: t_k, u_k = |a⊙b|, Z_k (rows z_i(t_k) = y_iβ⊙F(x_i; V_k)), ψ_k,
    ξ_k = (1/n)Σ_{l<k} η_l(−ℓ'(ψ_l)) (left Riemann sums).
    """
    rng = inst.rng("data")
    X, y = teacher_data(rng, inst.n, inst.d)
    m = inst.m
    separated = False
    for _ in range(20):  # redraw the init until some p̄ >= 0 separates z(0) (Lemma 3.4's hypothesis)
        V = rng.standard_normal((m, inst.d))
        V /= np.linalg.norm(V, axis=1, keepdims=True)
        a = np.where(rng.random(m) < 0.5, -1.0, 1.0) / math.sqrt(m)
        b = np.where(rng.random(m) < 0.5, -1.0, 1.0) / math.sqrt(m)
        beta = np.sign(a * b)
        if simplex_max_margin(y[:, None] * beta[None, :] * np.maximum(X @ V.T, 0.0))[0] > 0:
            separated = True
            break
    rec = {"t": [], "u": [], "Z": [], "psi": [], "xi": [], "c1": []}
    xi = [0.0]

    def record(t, eta, a, b, V):
        Vt = V / np.linalg.norm(V, axis=1, keepdims=True)
        Z = y[:, None] * beta[None, :] * np.maximum(X @ Vt.T, 0.0)
        u = np.abs(a * b)
        psi = losses.smoothed_margin(Z @ u)
        for name, val in zip(("t", "u", "Z", "psi", "xi", "c1"), (t, u, Z, psi, xi[0], feature_alignment(X, V))):
            rec[name].append(val)
        if eta is not None:
            xi[0] += eta * losses.neg_derivative_at(psi) / inst.n

    # unseparated: state 0 only (every user then stops)
    normalized.train_shallow(X, y, a, b, V, steps=max_steps if separated else 1, eta0=eta0, cap=math.inf,
                             norm_scaled=True, stop_risk=0.0, stop_time=1e24, observe=record)
    return {k: np.array(v) for k, v in rec.items()}


def run_sums(run, pbar):
    """Per-step arrays of one ``shallow_gd_trajectory`` run for the reference direction p̄ >= 0.

    ``G_int[k]`` = Σ_{l<k} η_l G_l with G_l = (1/n)Σ_i −ℓ'(⟨u_l, z_i(t_l)⟩); ``L_int[k]`` the same
    for 𝓛_l(u_l); ``norm`` = ‖u_k‖₁ and ``sup_norm`` = max_{l<=k}‖u_l‖₁; ``zp`` = Z_k p̄ (n per
    step), ``gamma`` = min_{l<=k} min_i⟨p̄, z_i(t_l)⟩; ``drift`` = max_i|⟨p̄, z_i(t_k) − z_i(0)⟩|;
    ``c1`` = max_{l<k} C1(V_l) (C1 of the steps that moved V up to t_k; C1(V_0) at k = 0).
    """
    key = ("_sums", pbar.tobytes())
    if key in run:
        return run[key]
    eta = np.diff(run["t"])
    margins = np.einsum("kij,kj->ki", run["Z"], run["u"])
    G = losses.neg_derivative(margins.ravel()).reshape(margins.shape).mean(axis=1)  # logistic −ℓ'
    L = losses.loss_values(margins.ravel()).reshape(margins.shape).mean(axis=1)     # logistic ℓ
    zp = run["Z"] @ pbar
    c1 = np.maximum.accumulate(np.asarray(run["c1"], dtype=np.float64))
    norm = run["u"].sum(axis=1)
    out = {"t": run["t"], "eta": eta, "G_int": np.r_[0.0, np.cumsum(eta * G[:-1])],
           "L_int": np.r_[0.0, np.cumsum(eta * L[:-1])], "norm": norm,
           "sup_norm": np.maximum.accumulate(norm), "zp": zp,
           "gamma": np.minimum.accumulate(zp.min(axis=1)), "drift": np.abs(zp - zp[0]).max(axis=1),
           "c1": np.r_[c1[0], c1[:-1]], "min_margin": margins.min(axis=1), "u0": run["u"][0],
           "psi": run["psi"], "xi": run["xi"]}
    run[key] = out
    return out


def reference_terms(sums, pbar, k, n):
    """Lemma 3.4 at t = t_k: (γ_t, ‖ū‖₁, D_φ(ū,u0), R, 2∫_0^t𝓛_s(ū)ds) with ū = (ln(tn)/γ_t)p̄, or a
    reason string when the lemma does not apply (tn <= 1, or γ_t <= 0).

    D_φ is the unnormalised KL; coordinates with p̄_j = 0 contribute u0_j (the limit ū_j → 0).
    """
    t, gamma = float(sums["t"][k]), float(sums["gamma"][k])
    if t * n <= 1:
        return "tn <= 1: ū = (ln(tn)/γ)p̄ is not positive"
    if gamma <= 0:
        return "γ_t = inf_{s<=t} min_i⟨p̄, z_i(s)⟩ <= 0 (Lemma 3.4's hypothesis fails: V moved)"
    scale = math.log(t * n) / gamma
    D = divergences.kl_on_support(scale * pbar, sums["u0"])
    zp = scale * sums["zp"][:k]
    ref = losses.loss_values(zp.ravel()).reshape(zp.shape).mean(axis=1) if k else np.zeros(0)  # 𝓛_{t_l}(ū)
    ref_int = 2.0 * float(np.sum(sums["eta"][:k] * ref))
    return gamma, scale, D, D / scale, ref_int


def run_max_margin(Zs, *, rounds=50):
    """(γ, p̄) with p̄ ∈ Δ_m maximising inf_k min_i⟨p̄, z_i(t_k)⟩ over the steps of a run (Zs: K×n×m).

    Constraint generation: solve the LP on z(0), add the rows that the solution gets most wrong, and
    stop when no row of the run is below the LP value; γ is the exact minimum over all rows for p̄.
    """
    flat = np.asarray(Zs, dtype=np.float64).reshape(-1, Zs.shape[-1])
    rows = np.asarray(Zs[0], dtype=np.float64)
    for _ in range(rounds):
        value, p = simplex_max_margin(rows)
        scores = flat @ p
        if scores.min() >= value - 1e-12 * (1 + abs(value)):
            break
        rows = np.vstack([rows, flat[np.argsort(scores)[:4 * Zs.shape[1]]]])
    return float(scores.min()), p


def gd_pair(inst, *, reference="initial"):
    """(fine, coarse, p̄, γ0): the η0/2 and η0 runs of the instance and p̄ >= 0 on the simplex,
    either the max-margin direction on z(0) (Theorem 3.1's p̄, ``reference='initial'``) or the one
    with the largest margin along the whole η0/2 run (``'run'``: any p̄ that stays good is allowed
    by Lemma 3.4). γ0 = min_i⟨p̄, z_i(0)⟩."""
    fine, coarse = shallow_gd_trajectory(inst, inst.eta0 / 2), shallow_gd_trajectory(inst, inst.eta0)
    gamma0, pbar = simplex_max_margin(fine["Z"][0])
    if reference == "run" and gamma0 > 0:
        pbar = run_max_margin(fine["Z"])[1]
        gamma0 = float((fine["Z"][0] @ pbar).min())
    return fine, coarse, pbar, gamma0


def horizon_checks(inst, sides, relation, *, horizons=range(-2, 97), gate=None, why="", reference="run",
                   title="both sides along GD"):
    """One Evidence per horizon T = 10^{j/4} reached by both runs: ``sides(q) -> (lhs, rhs, details)``
    on the dict q of a run at T; ``gate(q)`` returns a reason when a hypothesis fails there. The
    first checked horizon carries a figure of both sides against T (``title``), for the report.

    Error model (as for Lemma 3.4(1) above): the scheme is first order in the step, so the η0/2
    run's error in lhs − rhs is taken as its difference from the η0 run's, plus float64 rounding of
    the K-term Riemann sums and the n×m products.
    """
    fine, coarse, pbar, gamma0 = gd_pair(inst, reference=reference)
    if gamma0 <= 0:
        return precondition_failed("no p̄ >= 0 separates the initial features (γ <= 0)")
    n, sf, sc = inst.n, run_sums(fine, pbar), run_sums(coarse, pbar)
    kl_pbar = divergences.kl_on_support(pbar, sf["u0"])
    out = []
    for j in horizons:
        T = 10 ** (j / 4)
        kf, kc = int(np.searchsorted(sf["t"], T)), int(np.searchsorted(sc["t"], T))
        if kf >= len(sf["t"]) or kc >= len(sc["t"]):
            continue
        qs = []
        for s, k in ((sf, kf), (sc, kc)):
            q = {"k": k, "T": float(s["t"][k]), "n": n, "pbar_inf": float(pbar.max()), "gamma0": gamma0,
                 "kl_pbar": kl_pbar, "pbar": pbar, "u0": s["u0"],
                 **{name: float(s[name][k]) for name in ("G_int", "L_int", "norm", "sup_norm", "drift",
                                                          "c1", "min_margin", "gamma", "psi", "xi")}}
            ref = reference_terms(s, pbar, k, n)
            q["ref"] = ref if isinstance(ref, str) else dict(zip(("gamma", "ubar", "D", "R", "ref_int"), ref))
            qs.append(q)
        qf, qc = qs
        reason = gate(qf) or gate(qc) if gate else None
        if reason:
            out.append(precondition_failed(reason))
            continue
        lhs, rhs, details = sides(qf)
        lc, rc, _ = sides(qc)
        tol = abs((lhs - rhs) - (lc - rc)) + 64 * (n * inst.m + kf) * EPS * (1 + abs(lhs) + abs(rhs))
        build = at_most if relation == "<=" else at_least
        out.append(build(lhs, rhs, tol=tol, why="discretisation: |(lhs − rhs)(η0/2) − (lhs − rhs)(η0)| "
                         "(first-order scheme) + float64 rounding of K-term sums" + why, T=qf["T"], **details))
    checked = [e for e in out if e.precondition is None]
    if checked:
        horizons = [e.details["T"] for e in checked]
        checked[0].series.append(Series(
            "horizons-" + title.split(":")[0].replace(" ", "-").lower(), horizons, [e.lhs for e in checked],
            title=f"{title} (n={n}, m={inst.m}, η0/2 run)", xlabel="GF time T", ylabel="left side", logx=True,
            reference={"label": "right side (the bound)", "x": horizons, "y": [e.rhs for e in checked]}))
    return out or precondition_failed("no horizon was reached by both runs")


def needs_reference(q):
    """Gate: Lemma 3.4 applies at this horizon (tn > 1 and γ_t > 0)."""
    return q["ref"] if isinstance(q["ref"], str) else None


def after_t1(q, *, require_t1=True):
    """Gate of Lemma 3.4 part 1 and Lemma A.3: Lemma 3.4 applies (tn > 1, γ_t > 0) and t >= t1 =
    (20R/γ)⁴ with R and γ of this horizon (unless ``require_t1`` is False, a mutant)."""
    if isinstance(q["ref"], str):
        return q["ref"]
    r = q["ref"]
    if require_t1 and q["T"] < (20 * r["R"] / r["gamma"]) ** 4:
        return "t < t1 = (20R/γ)⁴"
    return None


def margin_after_t1_sides(q):
    """Lemma 3.4 part 1: u-margin min_i⟨z_i(t),u(t)⟩/‖u(t)‖₁ against γ/(2(1+R))."""
    r = q["ref"]
    return q["min_margin"] / q["norm"], r["gamma"] / (2 * (1 + r["R"])), {
        "gamma": r["gamma"], "R": r["R"], "t1": (20 * r["R"] / r["gamma"]) ** 4, "norm": q["norm"]}


def smoothed_margin_sides(q):
    """Lemma A.3 in its proof's form: ψ_t/‖u_t‖₁ against γ − (1 + 2 ln n)/‖u_t‖₁ −
    D_φ(ū, u(0))/(2‖u_t‖₁ξ_t) with ū = ‖u_t‖₁p̄ (not Lemma 3.4's ū)."""
    r, norm, n = q["ref"], q["norm"], q["n"]
    D = divergences.kl_on_support(norm * q["pbar"], q["u0"])
    rhs = r["gamma"] - (1 + 2 * math.log(n)) / norm - (D / (2 * norm * q["xi"]) if q["xi"] > 0 else math.inf)
    return q["psi"] / norm, rhs, {"gamma": r["gamma"], "R": r["R"], "t1": (20 * r["R"] / r["gamma"]) ** 4,
                                  "norm": norm, "D_reference": D, "xi": q["xi"]}


def after_t1_along_gd(inst, *, which="lem3.4", require_t1=True):
    """Lemma 3.4 part 1 (``which='lem3.4'``) or Lemma A.3 (``'A.3'``) at every horizon with t >= t1,
    p̄ the max-margin direction on z(0) (Theorem 3.1's p̄)."""
    sides = margin_after_t1_sides if which == "lem3.4" else smoothed_margin_sides
    title = "Lemma 3.4 part 1: u-margin" if which == "lem3.4" else "Lemma A.3: smoothed margin"
    return horizon_checks(inst, sides, ">=", gate=lambda q: after_t1(q, require_t1=require_t1),
                          reference="initial", title=title)


#: n from 1 (the lemmas allow any n); the mutants keep n >= 8, where their failure shows within the
#: quick budget. d ∈ {2, 3} and m <= 24 keep a run to seconds (each instance is two GD runs to t = 1e24)
TRAJ_SPACE = Space(n=Int(1, 12), d=Int(2, 3), m=Int(12, 24), eta0=Fixed(0.1), seed=Seed())
TRAJ_MUTANT_SPACE = TRAJ_SPACE.replace(n=Int(8, 12))


# Lemma 3.4 (i) ------------------------------------------------------------------------------------

def implicit_bias_sides(q, *, reference="D"):
    """(i): (‖u_t‖/8)1[‖u_t‖ >= 2‖ū‖] + 2∫G <= D_φ(ū,u0) + 2∫𝓛_s(ū). ``reference='R'`` puts R in
    place of D_φ(ū,u0) (a mutant)."""
    r = q["ref"]
    bonus = q["norm"] / 8 if q["norm"] >= 2 * r["ubar"] else 0.0
    lhs = bonus + 2 * q["G_int"]
    rhs = (r["D"] if reference == "D" else r["R"]) + r["ref_int"]
    return lhs, rhs, {"integral_G2": 2 * q["G_int"], "D": r["D"], "R": r["R"], "ref_loss2": r["ref_int"],
                      "norm": q["norm"], "ubar_norm": r["ubar"]}


def implicit_bias_along_gd(inst, *, reference="D"):
    """Lemma 3.4 (i) (l.333) at every horizon of the run, ū and R recomputed per horizon."""
    return horizon_checks(inst, lambda q: implicit_bias_sides(q, reference=reference), "<=",
                          gate=needs_reference, title="Lemma 3.4 (i): implicit bias")


LEM34_SPACE = Space(n=Int(1, 12), d=Int(2, 3), m=Int(12, 24), eta0=Fixed(0.2), seed=Seed())
LEM34_MUTANT_SPACE = LEM34_SPACE.replace(n=Int(8, 12))

claim(
    id="homogeneity2025.lem3.4.implicit-bias-along-gd",
    source=src("Lemma 3.4 (first display)", SEC33, 333),
    statement=r"\frac{\|u(t)\|_1}8\mathbf 1\big[\|u(t)\|_1\ge2\|\bar u\|_1\big]+2\int_0^tG_s\,\mathrm ds"
              r"\le D_\phi(\bar u,u(0))+2\int_0^t\mathcal L_s(\bar u)\,\mathrm ds,\ "
              r"\bar u=\tfrac{\ln(tn)}\gamma\bar p\quad(\text{GD on }(a,b,V)\text{ of eq. (1)})",
    kind=Kind.DYNAMICS,
    domain=LEM34_SPACE,
    predicate=implicit_bias_along_gd,
    mutants=(Mutant("D_φ(ū,u(0)) replaced by R = D_φ(ū,u(0))/‖ū‖₁", params={"reference": "R"},
                    domain=LEM34_MUTANT_SPACE,
                    why="2∫G grows past R (e.g. 10.7 against 5.9 at T = 1e23): the left side is not "
                        "trivially small"),),
    note="p̄ is the simplex max-margin direction over every step of the η0/2 run (Lemma 3.4 allows any "
         "p̄ >= 0 that stays good up to t), γ = γ_t and ū, R are recomputed at each horizon T = 10^{j/4}. "
         "Loose at these sizes: ‖ū‖₁ = ln(tn)/γ is 6–1.1·10³, so D_φ(ū,u0) = R‖ū‖₁ makes the right side "
         "16–9·10³ while the left side is at most 33 (2∫G); left/right <= 0.12 over 10 draws, and the "
         "indicator never fires (‖u_t‖₁ < 2‖ū‖₁ at every horizon). Instantiated with f_s = +2𝓛_s, the "
         "potential of eq. (3); the printed f_s = −2𝓛_s (l.327) is a sign slip (catalogue M4). Read "
         "literally it only makes this inequality easier (the left side loses 2∫𝓛_s(u_s), the right "
         "side the far smaller 2∫𝓛_s(ū)), so it cannot serve as a mutant here.",
)


# Lemma 3.4 (iii) ----------------------------------------------------------------------------------

def sup_norm_sides(q, *, constant="proof", unit_reference=False):
    """(iii): sup_{s<=t}‖u(s)‖₁ <= (8R+2)‖ū‖₁ + c, c = 16/n (proof) or 32 (statement).
    ``unit_reference`` takes ū := p̄ and R := KL(p̄,u(0)) as Theorem 3.1 writes R (a mutant)."""
    r = q["ref"]
    c = 16.0 / q["n"] if constant == "proof" else 32.0
    if unit_reference:
        R, ubar = q["kl_pbar"], 1.0
    else:
        R, ubar = r["R"], r["ubar"]
    return q["sup_norm"], (8 * R + 2) * ubar + c, {"R": R, "ubar_norm": ubar, "statement_rhs":
                                                   (8 * r["R"] + 2) * r["ubar"] + 32}


def sup_norm_along_gd(inst, *, unit_reference=False):
    """Lemma 3.4 (iii) (l.337) with the proof's constant 16/n (l.838), which implies the stated +32."""
    return horizon_checks(inst, lambda q: sup_norm_sides(q, unit_reference=unit_reference), "<=",
                          gate=needs_reference, title="Lemma 3.4 (iii): sup of the u-norm")


claim(
    id="homogeneity2025.lem3.4.sup-norm-along-gd",
    source=src("Lemma 3.4 (norm bound; proof constant l.838)", SEC33, 337),
    statement=r"\sup_{s\le t}\|u(s)\|_1\le(8R+2)\|\bar u\|_1+32\quad(\text{proof: }+\tfrac{16}n),\ "
              r"\bar u=\tfrac{\ln(tn)}\gamma\bar p,\ R=\frac{D_\phi(\bar u,u(0))}{\|\bar u\|_1}",
    kind=Kind.DYNAMICS,
    domain=LEM34_SPACE,
    predicate=sup_norm_along_gd,
    mutants=(Mutant("ū := p̄ and R := KL(p̄, u(0)) (Theorem 3.1's R, no ln(tn)/γ scale)",
                    params={"unit_reference": True}, domain=LEM34_MUTANT_SPACE,
                    why="the bound becomes 8KL(p̄,u0) + 2 + 16/n <= 8 ln m + 4, while ‖u_t‖₁ grows like "
                        "ln t / margin (50–180 by t = 1e24)"),),
    note="Checked with the proof's +16/n; the stated +32 is looser. p̄ and the horizons as for (i). "
         "Vacuous at these sizes: sup‖u‖₁ reaches 106–274 by t = 1e24 while (8R+2)‖ū‖₁ + 16/n is "
         "1.4·10²–7.6·10⁴; sup‖u‖/bound <= 0.019 over 10 draws (the bound is >= 8·D_φ(ū,u0)).",
)


claim(
    id="homogeneity2025.lem3.4.margin-after-t1-along-gd",
    source=src("Lemma 3.4 (part 1)", "3.3 Proof sketch of Theorem 3.1", 341),
    statement=r"t\ge t_1=\Big(\frac{20R}\gamma\Big)^4\implies\min_i\frac{\langle z_i(t),u(t)\rangle}{\|u(t)\|_1}"
              r"\ge\frac\gamma{2(1+R)},\ \bar u=\tfrac{\ln(tn)}\gamma\bar p,\ R=\frac{D_\phi(\bar u,u(0))}{\|\bar u\|_1}"
              r"\quad(\text{GD on }(a,b,V)\text{ of eq. (1), loss-scaled steps})",
    kind=Kind.DYNAMICS,
    domain=TRAJ_SPACE,
    predicate=after_t1_along_gd,
    mutants=(Mutant("hypothesis t >= t1 dropped", params={"require_t1": False}, domain=TRAJ_MUTANT_SPACE,
                    why="before the loss has fallen the u-margin of the balanced init is a sum of "
                        "random signs, negative on some example"),),
    note="p̄ is the simplex max-margin LP solution on z(0); γ = inf_{s<=T} min_i⟨p̄, z_i(s)⟩ along the "
         "run (V moves), R and t1 recomputed at every horizon T = 10^{j/4}; t1 ≈ 10⁹–10¹³, reached "
         "by the loss-scaled step η0/(𝓛(1 + ‖u‖_∞)) (catalogue §2.6) in 400–4000 steps. The bound is "
         "weak: margins 0.25–0.64 against γ/(2(1+R)) = 0.012–0.044 (catalogue M2: 19–128×). The "
         "(a,b)-margin is half the u-margin checked here.",
)


# Lemma 3.4 part 2 (and its use with C = 8 in the early phase, l.355–359) ---------------------------

def norm_condition_gate(q, *, require_t1=True, fixed_c=None):
    """Part 2's hypotheses at this horizon: Lemma 3.4 applies, t >= t1 = (20R/γ)⁴, and some C <= 4 + R
    has ‖u_t‖₁ <= C‖ū‖₁ (the smallest is C* = ‖u_t‖₁/‖ū‖₁). With ``fixed_c`` (C = 8 as in the early
    phase) the conditions are ‖u_t‖₁ <= 8‖ū‖₁ and 8 <= 4 + R, i.e. R >= 4 (catalogue M3)."""
    if isinstance(q["ref"], str):
        return q["ref"]
    r = q["ref"]
    if require_t1 and q["T"] < (20 * r["R"] / r["gamma"]) ** 4:
        return "t < t1 = (20R/γ)⁴"
    if fixed_c is not None:
        if fixed_c > 4 + r["R"]:
            return f"C = {fixed_c:g} > 4 + R (R < {fixed_c - 4:g})"
        if q["norm"] > fixed_c * r["ubar"]:
            return f"‖u_t‖₁ > {fixed_c:g}‖ū‖₁"
    elif q["norm"] > (4 + r["R"]) * r["ubar"]:
        return "‖u_t‖₁ > (4 + R)‖ū‖₁: no admissible C"
    return None


def norm_condition_sides(q, *, factor=2.0, fixed_c=None):
    """u-margin min_i⟨z_i(t),u(t)⟩/‖u(t)‖₁ against γ/(factor·C), C = C* = ‖u_t‖₁/‖ū‖₁ (the strongest
    admissible C; every larger C gives a weaker bound) or ``fixed_c``."""
    r = q["ref"]
    C = fixed_c if fixed_c is not None else q["norm"] / r["ubar"]
    return q["min_margin"] / q["norm"], r["gamma"] / (factor * C), {"C": C, "R": r["R"], "gamma": r["gamma"],
                                                                    "t1": (20 * r["R"] / r["gamma"]) ** 4}


def norm_condition_margin(inst, *, factor=2.0, require_t1=True):
    """Lemma 3.4 part 2 (l.347–351) at C*, and the early-phase instance C = 8 (l.355–359), per horizon."""
    def gate(q):
        return norm_condition_gate(q, require_t1=require_t1)

    def gate8(q):
        return norm_condition_gate(q, require_t1=require_t1, fixed_c=8.0)

    out = horizon_checks(inst, lambda q: norm_condition_sides(q, factor=factor), ">=", gate=gate,
                         title="Lemma 3.4 part 2: u-margin at C*")
    if isinstance(out, list):
        out += horizon_checks(inst, lambda q: norm_condition_sides(q, factor=factor, fixed_c=8.0), ">=",
                              gate=gate8, why="; C = 8 (early phase)", title="Lemma 3.4 part 2: C = 8")
    return out


claim(
    id="homogeneity2025.lem3.4.margin-under-norm-condition-along-gd",
    source=src("Lemma 3.4 (part 2) and its early-phase use with C = 8", SEC33, 347),
    statement=r"t\ge t_1,\ \|u_t\|_1\le C\|\bar u\|_1,\ C\le4+R\implies\min_i\frac{\langle z_i(t),u(t)\rangle}"
              r"{\|u(t)\|_1}\ge\frac\gamma{2C}\quad(\text{early phase: }C=8,\text{ needs }R\ge4)",
    kind=Kind.DYNAMICS,
    domain=LEM34_SPACE,
    predicate=norm_condition_margin,
    mutants=(Mutant("hypothesis t >= t1 dropped", params={"require_t1": False}, domain=LEM34_MUTANT_SPACE,
                    why="at C* the bound reads min_i⟨z_i,u_t⟩ >= ln(tn)/2, false before the loss has "
                        "fallen (e.g. min margin 0.08 against 2.4 at t = 10)"),),
    note="Checked at the smallest admissible C, C* = ‖u_t‖₁/‖ū‖₁ (0.16–0.82 here), where the bound "
         "γ/(2C*) = ln(tn)/(2‖u_t‖₁) is strongest: it says min_i⟨z_i(t),u(t)⟩ >= ln(tn)/2, and the "
         "runs give about ln(tn): u-margin/bound = 1.87–1.98 over 10 draws at every t >= t1 "
         "(t1 = 3·10¹⁰–8·10¹³), so part 2 is within a factor 2 of tight. Its γ/C variant (no 2) fails "
         "narrowly on most draws but not all (slack −0.2% to −4.6%, survives on 5 of 38), too thin for "
         "a mutant. C = 8 gives u-margins 20–100× γ/16. The "
         "C = 8 instance used at l.355 needs C <= 4 + R, i.e. R >= 4, which the proof leaves unstated "
         "(catalogue M3); horizons where R < 4, ‖u_t‖ > 8‖ū‖ or t < t1 count as violated "
         "preconditions. γ here is the trajectory margin γ_t of p̄, as the lemma requires.",
)

claim(
    id="homogeneity2025.lemA.3.smoothed-margin-along-gd",
    source=src("Lemma A.3 (proof's form: ξ_t from 0, factor 1/2)", APPENDIX_A, 934),
    statement=r"t\ge t_1\implies\frac{\psi_t(u_t)}{\|u_t\|_1}\ge\gamma-\frac{1+2\ln n}{\|u_t\|_1}"
              r"-\frac{D_\phi(\bar u,u(0))}{2\|u_t\|_1\xi_t},\ \bar u=\|u_t\|_1\bar p,\ "
              r"\xi_t=-\frac1n\int_0^t\ell'(\psi_s(u_s))\mathrm ds",
    kind=Kind.DYNAMICS,
    domain=TRAJ_SPACE,
    predicate=after_t1_along_gd,
    params={"which": "A.3"},
    mutants=(Mutant("hypothesis t >= t1 dropped (n = 24)", params={"require_t1": False},
                    domain=TRAJ_SPACE.replace(n=Fixed(24), d=Fixed(3), m=Fixed(24), seed=Fixed(5)),
                    why="early on ψ ≈ −n ln 2 while the right side is ≈ γ − 1 − 2 ln n: with n >= 8 "
                        "the proof's use of Lemma A.1(2) at ū = ‖u_t‖p̄ is in A.1(2)'s false regime "
                        "(catalogue §2.6, H1); pinned to an instance where it shows"),),
    note="The proof's form (∫ from 0, and the 1/2 from dividing by 2‖u_t‖ξ_t) implies the printed one "
         "(∫ from t1, no 1/2). It holds at every horizon T >= t1 but is vacuous there: its right side "
         "is negative (−0.2 to −0.5) while ψ/‖u‖ is 0.24–0.63, because D_φ(ū,u0)/‖u_t‖ keeps the "
         "ln‖u_t‖ that Lemma 3.5 drops (catalogue H3).",
)


# Feature drift in the proof of Theorem 3.1 (App. A, l.977–981) -----------------------------------

def drift_sides(q, *, g_scale=1.0):
    """|⟨p̄, z_i(τ) − z_i(0)⟩| <= (C1‖p̄‖_∞ + C2‖p̄‖₁)·∫_0^τG·sup_{s<=τ}‖u(s)‖₁ with C2 = 0 (eq. (1):
    ∇_V F_j and ∇_V F_k live on disjoint blocks of V) and C1 the sup over the run up to τ."""
    rhs = q["c1"] * q["pbar_inf"] * g_scale * q["G_int"] * q["sup_norm"]
    return q["drift"], rhs, {"C1": q["c1"], "pbar_inf": q["pbar_inf"], "integral_G": q["G_int"],
                             "sup_norm": q["sup_norm"], "drift_over_gamma0": q["drift"] / q["gamma0"]}


def drift_final_sides(q):
    """The chain's last line: the same drift <= (C1‖p̄‖_∞ + C2)[‖ū‖₁(8R+2) + 32]² at t = τ."""
    r = q["ref"]
    return q["drift"], q["c1"] * q["pbar_inf"] * (r["ubar"] * (8 * r["R"] + 2) + 32) ** 2, {"R": r["R"]}


def feature_drift_along_gd(inst, *, g_scale=1.0, final=True):
    """Proof of Theorem 3.1 (l.977–981): the drift of p̄'s features at horizons τ = 10^{j/4} from 10⁻³
    on, against the chain's intermediate bound and (where Lemma 3.4 applies) its last line."""
    horizons = range(-12, 97)
    out = horizon_checks(inst, lambda q: drift_sides(q, g_scale=g_scale), "<=", horizons=horizons,
                         reference="initial", title="Theorem 3.1 proof: feature drift")
    if final and isinstance(out, list):
        out += horizon_checks(inst, drift_final_sides, "<=", horizons=horizons, gate=needs_reference,
                              why="; last line of the chain", reference="initial",
                              title="Theorem 3.1 proof: drift, last line")
    return out


DRIFT_SPACE = Space(n=Int(2, 12), d=Int(2, 3), m=Int(4, 24), eta0=Fixed(0.2), seed=Seed())

claim(
    id="homogeneity2025.thm3.1.feature-drift-along-gd",
    source=src("Proof of Theorem 3.1 (feature-drift chain)", APPENDIX_A, 977),
    statement=r"|\langle\bar p,z_i(\tau)-z_i(0)\rangle|\le(C_1\|\bar p\|_\infty+C_2\|\bar p\|_1)"
              r"\Big[\int_0^\tau G(s)\mathrm ds\Big]\sup_{s\le\tau}\|u(s)\|_1"
              r"\le(C_1\|\bar p\|_\infty+C_2)\big[\|\bar u\|_1(8R+2)+32\big]^2",
    kind=Kind.DYNAMICS,
    domain=DRIFT_SPACE,
    predicate=feature_drift_along_gd,
    mutants=(Mutant("∫G → ∫G/10", params={"g_scale": 0.1, "final": False},
                    domain=DRIFT_SPACE.replace(n=Fixed(1), m=Fixed(1)),
                    why="with one example and one neuron the chain is nearly tight at early τ (drift "
                        "about 0.9 of the bound), so a tenth of the bound is exceeded"),),
    note="p̄ is Theorem 3.1's: the simplex max-margin direction on z(0). C2 = 0 and C1 <= 1 for eq. (1) "
         "(homogeneity2025.sec4.c1-c2-constants); C1 is measured along the run (≈ 1). Horizons τ = "
         "10^{j/4} from 10⁻³. The intermediate bound is a true, (b)-type inequality: drift/bound is ≈ 0.9 "
         "at τ ≈ 0.2 with one example and one neuron, but only 0.009–0.07 at n = 6–12, m = 4–24, where "
         "Σ_j p̄_j u_j is far below ‖p̄‖_∞‖u‖₁. The last line (t = τ, γ = γ_t; skipped where γ_t <= 0 or "
         "tn <= 1) is vacuous: its bracket is >= 32², and it measured >= 7.5·10² while the drift is at "
         "most 1. E5 (trajectory margin >= γ/2) needs ‖p̄‖_∞ <= γ³/(4C1[ln(tn)(8R+2)+32]²) ≈ 10⁻⁸ and "
         "is out of reach; the evidence records drift/γ0 instead: its maximum over the run is 0.3–16 "
         "(10 draws, ‖p̄‖_∞ = 0.37–0.72), above the 1/2 that E5 needs on 7 of 10. Against width (n = 8, "
         "d = 3, one η0 = 0.2 run, 3 seeds each): 1.7–2.0 at m = 4, 2.3–9.4 at m = 16, 0.13–0.44 at "
         "m = 64, 0.21–0.29 at m = 128; it falls mainly because γ0 grows with m, while the LP's p̄ stays "
         "sparse (‖p̄‖_∞ = 0.3–0.8), so the theorem's small-‖p̄‖_∞ regime is not approached.",
)
