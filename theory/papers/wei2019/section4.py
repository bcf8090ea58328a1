"""Wei et al. 2019, Section 4: homogeneity (eq. 4.2), Theorem 4.1 (binary reduction, the margin
inequality of its proof, the convergence of the margin), Corollary 4.2's limit step and Theorem 4.3's
padding embedding."""

from __future__ import annotations

import math

import numpy as np
from theory.lazy import lazy

special = lazy("scipy.special")

from theory import losses
from theory.margins import max_margin
from theory.claims import (Int, Kind, Mutant, Real, Seed, Space, at_least, at_most, claim, close,
    precondition_failed)
from theory.errors import InputError
from theory.papers.wei2019._shared import (APPC, SEC4, deep_forward, random_deep_net,
    regularized_logistic_minimizer, src)
from theory.tolerances import EPS


def euler_identity(inst, *, degree_offset=0, bias=0.0):
    """⟨∇_Θ f, Θ⟩ = q·f on autograd (torch.func.jvp) for a depth-q ReLU net, float64."""
    import torch

    from theory.nets.homogeneity import euler_sides
    rng = inst.rng("net")
    widths = [int(w) for w in rng.integers(1, 9, inst.q - 1)]
    Ws = [torch.tensor(W) for W in random_deep_net(rng, inst.d, widths)]
    X = torch.tensor(rng.standard_normal((inst.n, inst.d)))

    def f(*layers):
        H = X.T
        for W in layers[:-1]:
            H = torch.relu(W @ H)
        return (layers[-1] @ H).reshape(-1) + bias

    directional, value = euler_sides(f, Ws)
    expected = (inst.q + degree_offset) * value
    scale = float(value.abs().max()) + 1e-300
    tol = 8 * (inst.q + 1) * (max(widths, default=1) + inst.d) * EPS * float(
        np.prod([float(W.abs().sum()) for W in Ws])) * float(X.abs().max())
    return close(float((directional - expected).abs().max()), 0.0, tol=tol,
                 why="forward-mode AD in float64: per-layer products, (q+1)(width+d)·8 ulp of the "
                     "product of entrywise ℓ1 norms", output_scale=scale, widths=widths)


claim(
    id="wei2019.eq4.2.euler-homogeneity",
    source=src("Equation (4.2) (q-positive-homogeneity of depth-q nets)", SEC4, 185),
    statement=r"f(x;\Theta)=W_q\phi(W_{q-1}\cdots\phi(W_1x)),\ \phi=\mathrm{relu}:\ "
              r"\langle\nabla_\Theta f(x;\Theta),\Theta\rangle = q\,f(x;\Theta)",
    kind=Kind.IDENTITY,
    domain=Space(q=Int(1, 5), d=Int(1, 8), n=Int(1, 6), seed=Seed()),
    predicate=euler_identity,
    mutants=(Mutant("degree q − 1", params={"degree_offset": -1}),
             Mutant("output bias 0.5 (breaks homogeneity)", params={"bias": 0.5})),
)


def binary_reduction(inst, *, half=0.5):
    """Theorem 4.1 via C.1: with f̃ = (−f/2, f/2), cross-entropy = logistic loss and the 2-class
    margin f̃_{y} − f̃_{other} = y·f, for every output f and label y."""
    rng = inst.rng("f")
    f = rng.standard_normal(inst.n) * inst.scale
    y = rng.choice([-1.0, 1.0], inst.n)
    scores = np.stack([-half * f, half * f], axis=1)
    cls = (y > 0).astype(int)
    ce = special.logsumexp(scores, axis=1) - scores[np.arange(inst.n), cls]
    logistic = np.logaddexp(0.0, -y * f)
    margin2 = scores[np.arange(inst.n), cls] - scores[np.arange(inst.n), 1 - cls]
    err = max(float(np.abs(ce - logistic).max()), float(np.abs(margin2 - y * f).max()))
    return close(err, 0.0, tol=8 * EPS * (1 + float(np.abs(f).max())),
                 why="logsumexp vs logaddexp in float64 (8 ulp of |f|)")


claim(
    id="wei2019.thm4.1.binary-reduction",
    source=src("Proof of Theorem 4.1 (reduction to C.1)", "C.3 Proofs of Theorem 4.1", 808),
    statement=r"\tilde f = (-f/2, f/2):\ -\log\frac{e^{\tilde f_{y}}}{\sum_j e^{\tilde f_j}} = "
              r"\log(1+e^{-yf}),\ \ \tilde f_y-\tilde f_{-y} = yf",
    kind=Kind.IDENTITY,
    domain=Space(n=Int(1, 20), scale=Real(0.01, 100.0, log=True), seed=Seed()),
    predicate=binary_reduction,
    mutants=(Mutant("f̃ = (−f, f)", params={"half": 1.0}),),
)


def theorem41_linear(inst, *, factor_n=True):
    """C.6 + C.7 at the global minimizer: n·log(1 + e^{−Bγ*}) >= log(1 + e^{−Bγ_λ}), B = ‖w_λ‖."""
    rng = inst.rng("data")
    d, n = inst.d, inst.n
    w_true = rng.standard_normal(d)
    X = rng.standard_normal((4 * n, d))
    keep = np.abs(X @ w_true) / np.linalg.norm(w_true) > 0.1
    X = X[keep][:n]
    if len(X) < n:
        return precondition_failed("not enough points with margin >= 0.1")
    y = np.sign(X @ w_true)
    gamma_star, _ = max_margin.linear_max_margin(X, y)
    w, gap = regularized_logistic_minimizer(X, y, inst.lam)
    B = float(np.linalg.norm(w))
    gamma_lam = float((y * (X @ w)).min()) / B
    lhs = (n if factor_n else 1) * float(losses.loss_values(B * gamma_star))
    rhs = float(losses.loss_values(B * gamma_lam))
    tol = n * gap + 1e-9 * B * (1 + np.abs(X).max()) * rhs + 64 * EPS
    return at_least(lhs, rhs, tol=tol, why="n × suboptimality ‖∇L‖²/(4λ) of the Newton solution, "
                    "SLSQP's 1e-9 error in γ*, 64 ulp", gamma_star=gamma_star, gamma_lambda=gamma_lam,
                    norm=B)


claim(
    id="wei2019.thm4.1.margin-inequality",
    source=src("Proof of Theorem C.1 (C.6 + C.7), used for Theorem 4.1", APPC, 734),
    statement=r"\forall\lambda>0:\ n\log(1+(l-1)e^{-\|\Theta_\lambda\|^a\gamma^\star})\ge"
              r"\log(1+e^{-\|\Theta_\lambda\|^a\gamma_\lambda})\quad(l=2,\ f=w^\top x,\ a=1,\ r=2)",
    kind=Kind.INEQUALITY,
    domain=Space(n=Int(1, 30), d=Int(1, 6), lam=Real(1e-10, 1e-2, log=True), seed=Seed()),
    predicate=theorem41_linear,
    examples=({"n": 1, "d": 1, "lam": 1e-6, "seed": 0},),
    mutants=(Mutant("factor n dropped", params={"factor_n": False},
                    domain=Space(n=Int(2, 30), d=Int(1, 6), lam=Real(1e-10, 1e-2, log=True), seed=Seed())),),
    note="On the linear model the minimizer Θ_λ is unique and computable to a certified "
         "suboptimality; the inequality is the step of the proof that forces γ_λ → γ*.",
)


def theorem41_rate(inst, *, separable=True):
    """Theorem 4.1's conclusion γ_λ → γ* at a finite λ, with the rate its proof gives (linear model,
    a = 1, r = 2, l = 2): optimality against B'θ* with B' = log(1/λ)/γ* gives
    B_λγ* >= D := log(1/(2nλ(1 + log²(1/λ)/γ*²))), and C.6 + C.7 give, once D > log(n/ln 2),
    0 <= γ* − γ_λ <= log(n/ln 2)/B_λ <= γ*·log(n/ln 2)/D =: r(λ) → 0.

    Without separability (``separable=False``: 20% of the labels flipped) γ* = 0, r = 0, and the
    conclusion fails: γ_λ stays negative."""
    rng = inst.rng("data")
    d, n, lam = inst.d, inst.n, inst.lam
    w_true = rng.standard_normal(d)
    X = rng.standard_normal((4 * n, d))
    X = X[np.abs(X @ w_true) / np.linalg.norm(w_true) > 0.1][:n]
    if len(X) < n:
        return precondition_failed("not enough points with margin >= 0.1")
    y = np.sign(X @ w_true)
    if not separable:
        y[rng.choice(n, max(1, n // 5), replace=False)] *= -1
    try:
        gamma_star, _ = max_margin.linear_max_margin(X, y)
    except InputError:
        gamma_star = 0.0  # not separable: the max over ‖w‖ <= 1 is attained at w = 0
    w, gap = regularized_logistic_minimizer(X, y, lam)
    B = float(np.linalg.norm(w))
    gamma_lam = float((y * (X @ w)).min()) / B
    if gamma_star > 0:
        D = math.log(1 / (2 * n * lam * (1 + math.log(1 / lam) ** 2 / gamma_star**2)))
        if D <= math.log(n / math.log(2)):
            return precondition_failed("λ not small enough for the rate (D <= log(n/ln 2))")
        rate = gamma_star * math.log(n / math.log(2)) / D
    else:
        rate = 0.0
    return at_most(gamma_star - gamma_lam, rate, tol=1e-8 * max(gamma_star, 1e-3) + n * gap,
                   why="SLSQP's 1e-9 relative error in γ*, Newton suboptimality", gamma_star=gamma_star,
                   gamma_lambda=gamma_lam, norm=B)


claim(
    id="wei2019.thm4.1.margin-convergence",
    source=src("Theorem 4.1", SEC4, 171),
    statement=r"\gamma^\star>0:\ \gamma_\lambda\to\gamma^\star\ (\lambda\to0);\ \text{checked with the "
              r"proof's rate } \gamma^\star-\gamma_\lambda\le\frac{\gamma^\star\log(n/\ln2)}"
              r"{\log\frac{1}{2n\lambda(1+\log^2(1/\lambda)/\gamma^{\star2})}}",
    kind=Kind.INEQUALITY,
    domain=Space(n=Int(1, 30), d=Int(1, 6), lam=Real(1e-14, 1e-8, log=True), seed=Seed()),
    predicate=theorem41_rate,
    mutants=(Mutant("separability dropped (20% labels flipped, γ* = 0)", params={"separable": False}),),
    note="Rate derived here from eqs. C.6–C.7 and the comparison with B'θ* (linear model, exact "
         "minimizer); Lemma C.4's ‖Θ_λ‖ → ∞ appears as B_λγ* >= D.",
)


def corollary42_bound(gamma, *, C, q, n, delta):
    """Right side of (4.3)/(D.1) without its hidden constant: C/(γq^{(q−1)/2}√n) + ε(γ),
    ε(γ) = √(log log₂(4C/γ)/n) + √(log(1/δ)/n) (NaN where log log₂(4C/γ) < 0)."""
    inner = math.log2(4 * C / gamma)
    loglog = math.log(inner) if inner > 0 else math.nan
    eps = (math.sqrt(loglog / n) if loglog >= 0 else math.nan) + math.sqrt(math.log(1 / delta) / n)
    return C / (gamma * q ** ((q - 1) / 2) * math.sqrt(n)) + eps


def corollary42_monotone(inst, *, ceiling_factor=None):
    """Cor. 4.2 with Theorem 4.3: the right side of (4.3) is finite and non-increasing in γ on the
    attainable range (0, q^{−q/2}C] (wei2019.propD.1.margin-ceiling), so γ_{λ,M} <= γ^{⋆,M}
    <= γ^{⋆,M'} gives B(γ_λ) >= B(γ^{⋆,M}) >= B(γ^{⋆,M'}): the limit bound is approached from
    above and a wider architecture's bound is no worse. ``ceiling_factor`` replaces q^{−q/2}."""
    q, C = inst.q, inst.C
    top = (q ** (-q / 2) if ceiling_factor is None else ceiling_factor(q)) * C
    g1, g2 = sorted((inst.u1 * top, inst.u2 * top))
    b1 = corollary42_bound(g1, C=C, q=q, n=inst.n, delta=inst.delta)
    b2 = corollary42_bound(g2, C=C, q=q, n=inst.n, delta=inst.delta)
    # a NaN bound (γ beyond the ceiling, where ε(γ) is undefined) fails as a non-finite side
    return at_most(b2, b1, tol=16 * EPS * abs(b1) if math.isfinite(b1) else 0.0,
                   why="float64 logs and roots (16 ulp)", gamma_small=g1, gamma_large=g2)


COR42_SPACE = Space(q=Int(2, 6), n=Int(1, 10**6), C=Real(1e-3, 1e3, log=True),
                    delta=Real(1e-6, 0.5, log=True), u1=Real(1e-6, 1.0, log=True),
                    u2=Real(1e-6, 1.0, log=True))


claim(
    id="wei2019.cor4.2.bound-monotone-in-margin",
    source=src("Corollary 4.2 (proof: lim sup via Theorem 4.1) and Theorem 4.3", "D.1 Proof of Proposition D.1", 903),
    statement=r"B(\gamma)=\frac{C}{\gamma q^{(q-1)/2}\sqrt n}+\epsilon(\gamma)\ \text{finite and "
              r"non-increasing on }(0,q^{-q/2}C]:\ \gamma_{\lambda,\mathcal M}\le\gamma^{\star,\mathcal M}"
              r"\le\gamma^{\star,\mathcal M'}\Rightarrow B(\gamma_{\lambda,\mathcal M})\ge B(\gamma^{\star,"
              r"\mathcal M})\ge B(\gamma^{\star,\mathcal M'})",
    kind=Kind.INEQUALITY,
    domain=COR42_SPACE,
    predicate=corollary42_monotone,
    mutants=(Mutant("margin ceiling dropped (γ up to 4C)", params={"ceiling_factor": lambda q: 4.0},
                    domain=COR42_SPACE.replace(u1=Real(0.6, 1.0), u2=Real(0.6, 1.0)),
                    why="log₂(4C/γ) < 1 for γ > 2C: ε(γ) is undefined (the log of a log goes negative)"),),
    note="The bound (4.3) itself hides universal constants (≲) and is listed as not checkable; this "
         "checks the two steps that move it from γ_λ to γ^{⋆,M} and from M to M' ⊇ M.",
)


def zero_pad(Ws, extra, rng, *, mean_field=False):
    """Embed a net of architecture M into M' >= M (Theorem 4.3): new rows of W_j and the matching
    columns of W_{j+1} are zero (random entries elsewhere would change f). With ``mean_field`` the
    output is additionally divided by the width ratio, as a 1/m-parameterised net would be."""
    out = [W.copy() for W in Ws]
    for j, e in enumerate(extra):
        if e == 0:
            continue
        W, V = out[j], out[j + 1]
        out[j] = np.vstack([W, np.zeros((e, W.shape[1]))])
        out[j + 1] = np.hstack([V, np.zeros((V.shape[0], e))])
    if mean_field:
        m, m2 = Ws[-1].shape[1], out[-1].shape[1]
        out[-1] = out[-1] * m / m2
    return out


def normalized_margin_deep(Ws, X, y):
    q = len(Ws)
    norm = math.sqrt(sum(float(np.sum(W**2)) for W in Ws))
    return float((y * deep_forward(Ws, X)[:, 0]).min()) / norm**q


def padding_keeps_margin(inst, *, mean_field=False):
    """γ(Θ') = γ(Θ) for the zero-padded Θ' in a wider architecture (⇒ γ^{*,M} <= γ^{*,M'})."""
    rng = inst.rng("net")
    widths = [int(w) for w in rng.integers(1, 9, inst.q - 1)]
    Ws = random_deep_net(rng, inst.d, widths)
    X = rng.standard_normal((inst.n, inst.d))
    y = np.sign(deep_forward(Ws, X)[:, 0] + 1e-300)
    y[y == 0] = 1.0
    extra = [int(e) for e in rng.integers(0, 6, inst.q - 1)]
    if sum(extra) == 0:
        extra[0] = 1
    a = normalized_margin_deep(Ws, X, y)
    b = normalized_margin_deep(zero_pad(Ws, extra, rng, mean_field=mean_field), X, y)
    # The padded products add exact zeros, but BLAS may group the (longer) sums differently:
    # each of the q layers rounds within γ_k of its length k <= d + widths + extra.
    length = inst.d + max(widths) + max(extra)
    return close(b - a, 0.0, tol=8 * inst.q * length * EPS * max(abs(a), abs(b)) + 1e-300,
                 why="zero padding adds exact zeros; 8·q·(dot length) ulp for re-grouped sums and norm",
                 widths=widths, extra=extra)


claim(
    id="wei2019.thm4.3.padding-embedding",
    source=src("Theorem 4.3", SEC4, 206),
    statement=r"\mathcal M\le\mathcal M'\Rightarrow\gamma^{\star,\mathcal M}\le\gamma^{\star,\mathcal M'}"
              r"\quad(\text{via } f(\cdot;\Theta') = f(\cdot;\Theta),\ \|\Theta'\|_F=\|\Theta\|_F"
              r"\text{ for the zero-padded }\Theta')",
    kind=Kind.IDENTITY,
    domain=Space(q=Int(2, 4), d=Int(1, 6), n=Int(1, 12), seed=Seed()),
    predicate=padding_keeps_margin,
    mutants=(Mutant("mean-field 1/m output scaling", params={"mean_field": True},
                    why="the same embedding divides f by m'/m and lowers the margin"),),
)
