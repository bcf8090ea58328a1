"""Section 3 (margins beyond the NTK): conservation and the derivative identities of gradient flow,
Assumption 3.1 (neural collapse), and Theorem 3.3's no-rotation network.
"""

from __future__ import annotations

import math

import numpy as np

from theory import losses
from theory.dynamics import gradient_flow as gf
from theory.nets import two_layer_relu as nets
from theory.margins import ntk_margin
from theory.bibliography import nc_cone_partition
from theory.claims import claim, erratum_pair, ErrorClass, Kind, Mutant
from theory.claims.certificates import Certificate, interval, interval_precision, iv, rational
from theory.domains import Choice, Fixed, Int, Real, Seed, Space
from theory.evidence import at_least, at_most, close, precondition_failed
from theory.papers.telgarsky2023 import intervals as ivnet
from theory.papers.telgarsky2023.common import (absolute_velocity, APP_C, draw_inputs, nc_corrected,
    NET_SPACE, random_net, S3, src)
from theory.tolerances import dot_error, EPS


def am_gm(inst, *, factor=2.0):
    """max_j factor·|a_j|‖v_j‖ − ‖w_j‖² <= 0 (Section 3, l.301)."""
    a, V, _, _ = random_net(inst)
    lhs = factor * np.abs(a) * np.linalg.norm(V, axis=1)
    rhs = nets.node_squared_norms(a, V)
    j = int(np.argmax(lhs - rhs))
    return at_most(lhs[j], rhs[j], tol=8 * EPS * rhs[j] * (inst.d + 2),
                   why="(d+2)·8 ulp of the squared norms")


claim(
    id="telgarsky2023.sec3.am-gm-node-norm",
    source=src("Fenchel inequality in the discussion after Theorem 3.2", S3, 301),
    statement=r"2\|a_jv_j\| \le a_j^2 + \|v_j\|^2 = \|w_j\|^2",
    kind=Kind.INEQUALITY,
    domain=NET_SPACE,
    predicate=am_gm,
    mutants=(Mutant("factor 2 → 3", params={"factor": 3.0},
                    domain=NET_SPACE.replace(wmode=Fixed("balanced"))),),
)


def conservation(inst, *, quantity="difference"):
    """max_j |d/dt(a_j² − ‖v_j‖²)| <= rounding along GF ("sum": the mutant a_j² + ‖v_j‖²)."""
    a, V, X, y = random_net(inst)
    va, vV = gf.gf_velocity(a, V, X, y, inst.loss)
    sa, sV = absolute_velocity(a, V, X, y, inst.loss)
    sign = -1.0 if quantity == "difference" else 1.0
    rate = 2 * a * va + sign * 2 * np.sum(V * vV, axis=1)
    scale = 2 * np.abs(a) * sa + 2 * np.sum(np.abs(V) * sV, axis=1)
    tol = 8 * (inst.n + inst.d + 4) * EPS * scale + 1e-300
    ratio = np.abs(rate) / tol
    return at_most(float(ratio.max()), 1.0,
                   why="8(n+d+4) ulp of the absolute terms of 2a_jȧ_j and 2v_jᵀv̇_j")


GF_SPACE = Space(**NET_SPACE.fields, loss=Choice("exponential", "logistic"))


claim(
    id="telgarsky2023.sec3.balance-conserved",
    source=src("Balance a_j² − ‖v_j‖² under GF (implicit at l.301; proof of Theorem 3.3)", S3, 301),
    statement=r"\frac{d}{dt}\left(a_j^2 - \|v_j\|^2\right) = 0 \text{ along gradient flow}",
    kind=Kind.IDENTITY,
    domain=GF_SPACE.replace(scale=Real(0.1, 3.0, log=True)),
    predicate=conservation,
    mutants=(Mutant("a_j² + ‖v_j‖² instead", params={"quantity": "sum"},
                    domain=GF_SPACE.replace(scale=Real(0.1, 3.0, log=True), labels=Fixed("teacher"))),),
)


def ratio_identity(inst, *, factor=4.0, per_sample=True):
    """d/dt(‖w_j‖²/‖w_k‖²) = factor·(𝒬/n)(ratio)Σ_i q_i[p̃_i(w_j) − p̃_i(w_k)] at one W (E7).

    The left side is the chain rule on Ẇ = −∇R̂; ``per_sample=False`` drops the 1/n as the
    paper's display does (it is GF on Σ_i ℓ, a time change).
    """
    a, V, X, y = random_net(inst)
    row2 = nets.node_squared_norms(a, V)
    if np.any(row2[:2] == 0):
        return precondition_failed("a compared node is zero")
    va, vV = gf.gf_velocity(a, V, X, y, inst.loss)
    sa, sV = absolute_velocity(a, V, X, y, inst.loss)
    j, k = 0, 1
    dj = 2 * (a[j] * va[j] + V[j] @ vV[j])
    dk = 2 * (a[k] * va[k] + V[k] @ vV[k])
    lhs = (dj * row2[k] - dk * row2[j]) / row2[k] ** 2
    p = nets.margins(a, V, X, y)
    du = gf.duals(p, inst.loss)
    node = nets.node_margins(a, V, X, y)
    ratio = row2[j] / row2[k]
    rate = du.Q / (inst.n if per_sample else 1.0)
    rhs = factor * rate * ratio * float(du.q @ (node[:, j] / row2[j] - node[:, k] / row2[k]))
    absj = 2 * (abs(a[j]) * sa[j] + np.abs(V[j]) @ sV[j])
    absk = 2 * (abs(a[k]) * sa[k] + np.abs(V[k]) @ sV[k])
    scale = (absj * row2[k] + absk * row2[j]) / row2[k] ** 2 + abs(rhs)
    tol = 16 * (inst.n + inst.d + 8) * EPS * scale + 1e-300
    return close(lhs, rhs, tol=tol, why="16(n+d+8) ulp of the absolute terms of both sides")


claim(
    id="telgarsky2023.sec3.chizat-bach-ratio",
    source=src("Ratio identity in the proof strategy of Theorem 3.3", S3, 323),
    statement=r"\frac{d}{dt}\frac{\|w_j\|^2}{\|w_k\|^2} = 4\mathcal{Q}\frac{\|w_j\|^2}{\|w_k\|^2}"
              r"\sum_i q_i\left[\tilde p_i(w_j) - \tilde p_i(w_k)\right]\cdot\frac1n",
    kind=Kind.IDENTITY,
    domain=GF_SPACE.replace(m=Int(2, 24), scale=Real(0.1, 3.0, log=True)),
    predicate=ratio_identity,
    mutants=(Mutant("factor 4 → 2", params={"factor": 2.0},
                    domain=GF_SPACE.replace(m=Int(2, 24), scale=Real(0.1, 3.0, log=True),
                                            labels=Fixed("teacher"), xmode=Fixed("sphere"))),
             Mutant("1/n dropped (the display's time scale)", params={"per_sample": False},
                    domain=GF_SPACE.replace(m=Int(2, 24), n=Int(2, 12), scale=Real(0.1, 3.0, log=True),
                                            labels=Fixed("teacher"), xmode=Fixed("sphere")))),
    note="The display at l.323 omits 1/n: with R̂ = (1/n)Σℓ the identity carries 𝒬/n.",
)


def node_norm_rate(inst, *, weight="squared"):
    """d/dt‖a_jv_j‖ = (1/n)Σ_i|ℓ'_i| p_i(w_j)‖w_j‖²/‖a_jv_j‖ (proof of Theorem 3.2, l.987)."""
    a, V, X, y = random_net(inst)
    j = 0
    nv = float(np.linalg.norm(V[j]))
    if a[j] == 0 or nv == 0:
        return precondition_failed("node 0 is zero")
    va, vV = gf.gf_velocity(a, V, X, y, inst.loss)
    sa, sV = absolute_velocity(a, V, X, y, inst.loss)
    lhs = np.sign(a[j]) * va[j] * nv + abs(a[j]) * (V[j] @ vV[j]) / nv
    p = nets.margins(a, V, X, y)
    w = losses.neg_derivative(p, inst.loss) / inst.n
    node = nets.node_margins(a, V, X, y)[:, j]
    num = a[j] ** 2 + nv**2 if weight == "squared" else 2 * abs(a[j]) * nv
    rhs = float(w @ node) * num / (abs(a[j]) * nv)
    scale = sa[j] * nv + abs(a[j]) * (np.abs(V[j]) @ sV[j]) / nv + float(w @ np.abs(node)) * num / (abs(a[j]) * nv)
    return close(lhs, rhs, tol=16 * (inst.n + inst.d + 8) * EPS * scale + 1e-300,
                 why="16(n+d+8) ulp of the absolute terms")


claim(
    id="telgarsky2023.thm3.2.node-norm-rate",
    source=src("Proof of Theorem 3.2 (time derivative of ‖a_jv_j‖)", APP_C, 987),
    statement=r"\frac{d}{dt}\|a_jv_j\| = \frac1n\sum_i|\ell'_i|\,p_i(w_j)\,\frac{\|w_j\|^2}{\|a_jv_j\|}",
    kind=Kind.IDENTITY,
    domain=GF_SPACE.replace(scale=Real(0.1, 3.0, log=True)),
    predicate=node_norm_rate,
    mutants=(Mutant("‖w_j‖² → 2‖a_jv_j‖", params={"weight": "product"},
                    domain=GF_SPACE.replace(scale=Real(0.1, 3.0, log=True), labels=Fixed("teacher"),
                                            wmode=Fixed("init"), xmode=Fixed("sphere"))),),
)


def scalar_problem(inst):
    """(a, b, U, X, y) with Theorem 3.3's init (|a_j| = |b_j| = m^{-1/4}) times ``inst.scale``."""
    rng = inst.rng("scalar")
    a, b, U = nets.scalar_init(inst.m, inst.d, rng)
    X = draw_inputs(rng, inst.n, inst.d, "sphere")
    y = rng.choice([-1.0, 1.0], size=inst.n)
    return inst.scale * a, inst.scale * b, U, X, y


def scalar_risk_gradient(a, b, U, X, y, loss):
    p = nets.scalar_net_margins(a, b, U, X, y)
    Ga, Gb = nets.scalar_net_gradients(a, b, U, X, y)
    w = -losses.neg_derivative(p, loss) / len(p)
    return w @ Ga, w @ Gb


def balance_under_gd(inst, *, unbalance=1.0):
    """max_j |a_j² − b_j²| stays at rounding level along GD from |a_j(0)| = |b_j(0)| (any step).

    ∂_{b_j}R̂ = (a_j/b_j)∂_{a_j}R̂ when |a_j| = |b_j|, so each GD step keeps b_j = ±a_j exactly in
    exact arithmetic. ``unbalance`` multiplies b(0) (a mutant: the balance is then not kept).
    """
    a, b, U, X, y = scalar_problem(inst)
    b = unbalance * b
    worst, where = -1.0, (0.0, 0.0)
    scale = float(np.max(a * a + b * b))
    for _ in range(inst.steps):
        ga, gb = scalar_risk_gradient(a, b, U, X, y, inst.loss)
        a, b = a - inst.eta * ga, b - inst.eta * gb
        scale = max(scale, float(np.max(a * a + b * b)))
        j = int(np.argmax(np.abs(a * a - b * b)))
        if abs(a[j] ** 2 - b[j] ** 2) > worst:
            worst, where = abs(a[j] ** 2 - b[j] ** 2), (float(a[j] ** 2), float(b[j] ** 2))
    tol = inst.steps * 16 * (inst.n + inst.d + 4) * EPS * scale
    # the node and step with the largest |a_j² − b_j²|: its two sides (they differ across instances)
    return close(where[0], where[1], tol=tol,
                 why="steps·16(n+d+4) ulp of max_j(a_j² + b_j²) (accumulated rounding)")


SCALAR_SPACE = Space(n=Int(1, 16), d=Int(1, 6), m=Int(1, 32), scale=Real(0.5, 1.5),
                     eta=Real(0.05, 1.0), steps=Int(1, 60), loss=Fixed("logistic"), seed=Seed())


claim(
    id="telgarsky2023.thm3.3.balance-kept",
    source=src("Proof of Theorem 3.3 (a_k² = b_k² for all t)", APP_C, 1021),
    statement=r"a_k(0)^2 = b_k(0)^2 \implies a_k(t)^2 = b_k(t)^2\ \forall t\ "
              r"(\text{also exactly for gradient descent})",
    kind=Kind.IDENTITY,
    domain=SCALAR_SPACE,
    predicate=balance_under_gd,
    mutants=(Mutant("b(0) = 2a(0) in size (unbalanced)", params={"unbalance": 2.0},
                    domain=SCALAR_SPACE.replace(steps=Int(5, 60), eta=Real(0.5, 1.0))),),
)


def potential_rate(inst, *, factor=0.5):
    """dΦ/dt = factor·(𝒬/n)Σ_k Σ_i q_i y_i α_k σ(b̃_k v_kᵀx_i) for Φ = ¼Σ_k|α_k| ln(a_k² + b_k²),
    balanced nodes with sgn a_k = sgn α_k; factor ½ is correct, the display (l.1039) has 1."""
    a, b, U, X, y = scalar_problem(inst)
    r = min(inst.r, inst.m)
    alpha = inst.rng("alpha").standard_normal(r)
    alpha /= np.abs(alpha).sum()
    a[:r] = np.abs(a[:r]) * np.sign(alpha)            # the selected nodes carry sgn α_k
    ga, gb = scalar_risk_gradient(a, b, U, X, y, "exponential")
    va, vb = -ga, -gb
    k = np.arange(r)
    lhs = float(np.sum(0.25 * np.abs(alpha) * (2 * a[k] * va[k] + 2 * b[k] * vb[k]) / (a[k] ** 2 + b[k] ** 2)))
    p = nets.scalar_net_margins(a, b, U, X, y)
    du = gf.duals(p, "exponential")
    act = nets.relu(np.sign(b[k])[None, :] * (X @ U[k].T))             # σ(b̃_k v_kᵀx_i), (n, r)
    terms = du.q[:, None] * y[:, None] * alpha[None, :] * act
    rhs = factor * du.Q / inst.n * float(terms.sum())
    scale = du.Q / inst.n * float(np.abs(terms).sum()) + abs(lhs)
    return close(lhs, rhs, tol=32 * (inst.n + inst.d + inst.r) * EPS * scale + 1e-300,
                 why="32(n+d+r) ulp of the absolute terms (1/n convention of catalogue §0.2)",
                 witness={"X": X, "y": y})


def certify_potential_rate(inst, factor=1.0, **_):
    """dΦ/dt − factor·(1/n)Σ_{i,k} e^{−p_i}y_iα_kσ(b̃_ku_kᵀx_i) (𝒬q_i = e^{−p_i} for ℓ_exp), both sides
    evaluated in interval arithmetic from the instance's floats (same nodes as potential_rate)."""
    import mpmath
    a, b, U, X, y = scalar_problem(inst)
    r = min(inst.r, inst.m)
    alpha = inst.rng("alpha").standard_normal(r)
    alpha /= np.abs(alpha).sum()
    a[:r] = np.abs(a[:r]) * np.sign(alpha)
    n, m = len(y), len(a)
    with interval_precision():
        A, Bv, Y, al = ivnet.vector(a), ivnet.vector(b), ivnet.vector(y), ivnet.vector(alpha)
        Z = [[ivnet.dot(ivnet.vector(U[j]), ivnet.vector(X[i])) for j in range(m)] for i in range(n)]
        try:
            act = [[ivnet.relu(Bv[j] * Z[i][j]) for j in range(m)] for i in range(n)]
            slope = [[ivnet.relu_slope(Bv[j] * Z[i][j]) for j in range(m)] for i in range(n)]
            sign_act = [[ivnet.relu((1 if b[j] > 0 else -1) * Z[i][j]) for j in range(m)] for i in range(n)]
        except ivnet.Undecided as why:
            return ivnet.undecided("==", str(why))
        p = [Y[i] * sum((A[j] * act[i][j] for j in range(m)), iv(0)) for i in range(n)]
        w = [mpmath.iv.exp(-p[i]) * Y[i] / n for i in range(n)]
        lhs = iv(0)
        for k in range(r):
            va = sum((w[i] * act[i][k] for i in range(n)), iv(0))
            vb = sum((w[i] * A[k] * slope[i][k] * Z[i][k] for i in range(n)), iv(0))
            lhs = lhs + abs(al[k]) / 4 * (2 * A[k] * va + 2 * Bv[k] * vb) / (A[k] ** 2 + Bv[k] ** 2)
        rhs = factor * sum((w[i] * al[k] * sign_act[i][k] for i in range(n) for k in range(r)), iv(0))
        return interval(lhs - rhs, "==", detail=f"dΦ/dt and the printed right side (factor {factor}), "
                                                f"n = {n}, m = {m}, r = {r}")


POTENTIAL_SPACE = SCALAR_SPACE.replace(n=Int(2, 16), r=Int(1, 6))


POT = r"\Phi = \tfrac14\sum_k|\alpha_k|\ln(a_k^2+b_k^2):\ \frac{d}{dt}\Phi = "


erratum_pair(
    kind=Kind.IDENTITY,
    domain=POTENTIAL_SPACE,
    predicate=potential_rate,
    printed=dict(
        id="telgarsky2023.thm3.3.potential-rate-printed",
        error_class=ErrorClass.PROOF,
        certify=certify_potential_rate,
        source=src("Proof of Theorem 3.3, derivative of Φ", APP_C, 1039),
        statement=POT + r"\mathcal Q\sum_k\sum_i q_iy_i\alpha_k\sigma(\tilde b_k\tilde v_k^\top x_i)",
        params={"factor": 1.0},
        note="The second line of the display equals 𝒬Σq_iy_iα_kσ(·)/2; the third drops the ½. With it, "
             "A.6 gives γ̂ = (γ_gl − ε)/2 = γ_gl/4 at ε = γ_gl/2, exactly the theorem's constant; without "
             "it the proof would give γ_gl − ε, above the ceiling γ_gl/2 (lem2.5.margin-ceiling). A proof "
             "step: Theorem 3.3's constant γ_gl/4 is what the corrected display gives, so the theorem is "
             "consistent with the ½ (and lemA.6 needs only a positive rate).\n"
             "For the authors: in the display of the proof of Theorem 3.3 (l.1039) keep the ½ from the "
             "second line on: dΦ/dt >= (𝒬/2)Σ_i q_i(γ_gl − ε), then γ̂ = (γ_gl − ε)/2.",
    ),
    corrected=dict(
        id="telgarsky2023.thm3.3.potential-rate",
        source=src("Proof of Theorem 3.3, derivative of Φ (factor ½ restored)", APP_C, 1039),
        statement=POT + r"\frac{\mathcal Q}{2n}\sum_k\sum_i q_iy_i\alpha_k\sigma(\tilde b_k\tilde v_k^\top x_i)",
        mutants=(Mutant("factor ½ → ¼", params={"factor": 0.25}),),
    ),
)


def nc_literal(X, y, B, gamma_nc, eps) -> bool:
    """Assumption 3.1 as printed: every (x_i, y_i, β_k) is in the cone (y β_kᵀx >= γ_nc and
    ‖(I − β_kβ_kᵀ)x‖ <= γ_nc√(ε/2)) or in the polar (y β_kᵀx <= −ε)."""
    proj = X @ B.T
    perp = np.sqrt(np.maximum(np.sum(X * X, axis=1)[:, None] - proj**2, 0.0))
    cone = (y[:, None] * proj >= gamma_nc) & (perp <= gamma_nc * math.sqrt(eps / 2))
    polar = y[:, None] * proj <= -eps
    return bool(np.all(cone | polar))


def nc_implication(inst, *, assumption="literal", fraction=1.0):
    """Assumption 3.1 ⟹ Assumption 1.2 with γ_gl >= γ_nc/r via the reference (α_k = s_k/r, β_k)."""
    rng = inst.rng("nc")
    r, d = inst.r, inst.d
    if assumption == "literal":
        # points on the rays of β_1 = e_1 (and β_2 = −e_1 when r = 2), arbitrary labels
        B = np.vstack([np.eye(d)[0], -np.eye(d)[0]])[:r]
        gamma_nc, eps = inst.gamma_nc, inst.eps_frac * inst.gamma_nc
        X = B[rng.integers(r, size=inst.n)] * rng.uniform(gamma_nc, 1.0, size=(inst.n, 1))
        y = rng.choice([-1.0, 1.0], size=inst.n)
        if not nc_literal(X, y, B, gamma_nc, eps):
            return precondition_failed("Assumption 3.1 (as printed) does not hold")
        outside = nc_cone_partition(X, y, B, gamma_nc, eps)
        if outside:
            return precondition_failed(f"the data are not partitioned into cones (Section 3.1): {outside}")
        # every α with ‖α‖₁ <= 1 over these β (an LP), not one choice of signs
        best = ntk_margin.best_global_margin(B, X, y)
        return at_least(best, fraction * gamma_nc / r, tol=1e-9 + 4 * dot_error(d),
                        why="the LP's 1e-9 optimality tolerance and d-term dot products",
                        gamma_nc=gamma_nc, eps=eps,
                        witness={"X": X, "y": y, "B": B, "gamma_nc": gamma_nc, "eps": eps})
    else:
        # simplex-ETF directions in a random (r−1)-dimensional subspace, noisy clusters
        E = np.eye(r) - 1.0 / r
        E /= np.linalg.norm(E, axis=1, keepdims=True)
        Q, _ = np.linalg.qr(rng.standard_normal((d, d)))
        Ue, _, _ = np.linalg.svd(E.T)
        B = (E @ Ue[:, :r - 1]) @ Q[:, :r - 1].T
        B /= np.linalg.norm(B, axis=1, keepdims=True)
        k = rng.integers(r, size=inst.n)
        X = B[k] + inst.noise * rng.standard_normal((inst.n, d))
        X /= np.linalg.norm(X, axis=1, keepdims=True)
        signs = rng.choice([-1.0, 1.0], size=r)
        y = signs[k]
        proj = X @ B.T
        gamma_nc = float(proj[np.arange(inst.n), k].min())
        polar = float(-np.max(np.where(np.eye(r, dtype=bool)[k], -np.inf, proj)))
        eps = inst.eps_frac * min(polar, gamma_nc)
        if eps <= 0 or not nc_corrected(X, y, B, signs, gamma_nc, eps):
            return precondition_failed("the corrected Assumption 3.1 does not hold")
    gl = ntk_margin.global_margin(signs / r, B, X, y)
    return at_least(gl, fraction * gamma_nc / r, tol=4 * dot_error(d), why="d-term dot products",
                    gamma_nc=gamma_nc, eps=eps)


def certify_nc_implication(inst, fraction=1.0, **_):
    """Exact: the printed Assumption 3.1 and the cone partition hold on the instance in rationals,
    and two examples x_j = c·x_i (c > 0, exact proportionality) carry opposite labels. Every
    bias-free ReLU network then has y_jF(x_j) = −c·y_iF(x_i), so no (α, β), of any width, has a
    positive margin: the best margin lies in [−1, 0] (‖α‖₁ = 1, ‖x‖ <= 1) while γ_nc/r > 0."""
    from fractions import Fraction
    rng = inst.rng("nc")
    r, d = inst.r, inst.d
    B = np.vstack([np.eye(d)[0], -np.eye(d)[0]])[:r]
    gamma_nc, eps = inst.gamma_nc, inst.eps_frac * inst.gamma_nc
    X = B[rng.integers(r, size=inst.n)] * rng.uniform(gamma_nc, 1.0, size=(inst.n, 1))
    y = rng.choice([-1.0, 1.0], size=inst.n)
    Xq = [[rational(v) for v in row] for row in X]
    Bq = [[rational(v) for v in row] for row in B]
    g, e = rational(gamma_nc), rational(eps)
    if not 0 < e < g:
        return ivnet.undecided(">=", "ε ∉ (0, γ_nc)")
    for x, yi in zip(Xq, y):
        in_cone = False
        for b in Bq:
            proj = sum(u * v for u, v in zip(b, x))
            perp2 = sum(v * v for v in x) - proj * proj              # ‖β‖ = 1 exactly (β = ±e_1)
            cone = yi * proj >= g and perp2 <= g * g * e / 2
            if not (cone or yi * proj <= -e):
                return ivnet.undecided(">=", "Assumption 3.1 fails in exact arithmetic")
            in_cone = in_cone or cone
        if not in_cone:
            return ivnet.undecided(">=", "an example lies in no cone in exact arithmetic")

    def same_ray(u, v):
        return (all(u[k] * v[l] == u[l] * v[k] for k in range(d) for l in range(d))
                and sum(a * b for a, b in zip(u, v)) > 0)
    pair = next(((i, j) for i in range(len(Xq)) for j in range(i) if y[i] != y[j] and same_ray(Xq[i], Xq[j])),
                None)
    if pair is None:
        return ivnet.undecided(">=", "no two examples on one ray with opposite labels")
    rhs = Fraction(fraction) * g / r
    return Certificate("exact rationals (positive homogeneity of bias-free ReLU networks)", ">=",
                       float(-1 - rhs) - 1e-12, float(-rhs) + abs(float(-rhs)) * 1e-15,
                       f"examples {pair} lie on one ray with opposite labels; Assumption 3.1 and the cone "
                       f"partition hold exactly (γ_nc = {gamma_nc!r}, ε = {eps!r}, r = {r})")


erratum_pair(
    kind=Kind.INEQUALITY,
    predicate=nc_implication,
    printed=dict(
        id="telgarsky2023.ass3.1.printed-implies-global",
        error_class=ErrorClass.STATEMENT,
        certify=certify_nc_implication,
        source=src("Assumption 3.1 and the remark after it", S3, 288),
        statement=r"\text{Assumption 3.1 (as printed)} \implies \text{Assumption 1.2 with } "
                  r"\gamma_{gl} \ge \gamma_{nc}/r\ (\alpha_k = \pm1/r)",
        domain=Space(n=Int(2, 6), d=Int(1, 3), r=Int(1, 2), gamma_nc=Real(0.5, 0.9),  # distinct points
                     eps_frac=Real(0.05, 0.95), seed=Seed()),
        note="The cone/polar conditions multiply by y_i but never tie a cone's label to sgn α_k. Witness "
             "inside every standing assumption, 'partitioned into cones' included (l.278): r = 2, β = ±e_1, "
             "γ_nc = 1/2, ε = 0.4, x_1 = e_1 (y = +1, in the cone of β_1 and the polar of β_2) and "
             "x_2 = e_1/2 (y = −1, in the cone of β_2: yβ_2ᵀx = 1/2 >= γ_nc, and the polar of β_1). Every "
             "bias-free ReLU net has F(x_2) = F(x_1)/2, so no positive margin exists (of any width), "
             "Assumption 1.2 fails, and Theorem 3.2's promise γ̊ >= (γ_nc − ε)/(8r) > 0 fails too. The "
             "search draws such data (points on the rays of ±e_1, random labels, the cone partition "
             "checked); the certificate proves the printed assumption, the partition and the same-ray pair "
             "in exact rationals. (α_k ∈ {±1/k} and γ_nc/k at l.280/288 should read 1/r.) Read for the "
             "authors: the intended assumption is evidently that cone k carries the label sgn α_k "
             "(\"each cluster is correctly labeled by some vector β_k\", l.31), but Theorem 3.2 is stated "
             "under the assumption as printed, which allows the witness.\n"
             "For the authors: in Assumption 3.1 require signs s_k with α_k = s_k/r such that every example "
             "lies in a cone k with y_i = s_k (β_kᵀx_i >= γ_nc, narrow) and in the polar β_kᵀx_i <= −ε of "
             "every other cone; then γ_gl >= γ_nc/r (ass3.1.corrected-implies-global).",
    ),
    corrected=dict(
        id="telgarsky2023.ass3.1.corrected-implies-global",
        source=src("Assumption 3.1 (cone label = sgn α_k, every example in a cone)", S3, 280),
        statement=r"\text{corrected Assumption 3.1} \implies \min_i y_i\sum_k\alpha_k\sigma(\beta_k^\top x_i)"
                  r" \ge \gamma_{nc}/r,\ \alpha_k = s_k/r",
        domain=Space(n=Int(2, 16), d=Int(3, 6), r=Int(2, 4), noise=Real(0.0, 0.05),
                     eps_frac=Real(0.3, 1.0), seed=Seed()),
        params={"assumption": "corrected"},
        mutants=(Mutant("γ_nc/r → 1.05·γ_nc/r", params={"fraction": 1.05}),),
    ),
)
