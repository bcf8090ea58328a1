"""Section 3.2: Lemma 3.2 (gradient flow on (a, b) is the entropy mirror flow on u = |a ⊙ b|, and its
exact multiplicative-weights form under GD), the remark on L-fold products, Remark 3.3 (convexity in
u) and Lemma 3.3 (mirror-flow regret and implicit bias) on entropy mirror-descent runs.

Line numbers refer to ``shared/papers/homogeneity2025_003_dbfc99f2f03f7955.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory import losses
from theory.probability import divergences
from theory.claims import Choice, Fixed, Int, Kind, Mutant, Real, Seed, Space, at_most, claim, close
from theory.tolerances import EPS
from theory.papers.homogeneity2025._shared import (MIRROR_SPACE, SEC32, entropy_run, run_error, src)


def shallow_state(inst, *, balance=1.0):
    """(X, y, a, b, V, β) in torch float64: X on the sphere, a teacher's labels, |b| = |a|·ρ.

    ``balance`` is the spread of ρ: 1.0 gives the balanced start of Lemma 3.2 (ρ ≡ 1); a value
    r > 1 draws log ρ uniform in [−ln r, ln r] (an unbalanced start, a mutant).
    """
    import torch

    rng = inst.rng("state")
    n, d, m = inst.n, inst.d, inst.m
    X = rng.standard_normal((n, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    teacher = rng.standard_normal((3, d))
    y = np.sign(np.maximum(X @ teacher.T, 0).sum(axis=1) - 0.6 + 0.1 * rng.standard_normal(n))
    y[y == 0] = 1.0
    a = rng.choice([-1.0, 1.0], size=m) * np.exp(rng.uniform(-1.5, 1.5, size=m)) / math.sqrt(m)
    beta = rng.choice([-1.0, 1.0], size=m)
    rho = np.exp(rng.uniform(-math.log(balance), math.log(balance), size=m)) if balance > 1 else np.ones(m)
    b = beta * np.abs(a) * rho * np.sign(a)
    V = rng.standard_normal((m, d)) * np.exp(rng.uniform(-0.5, 0.5, size=(m, 1)))
    t = lambda x: torch.tensor(x, dtype=torch.float64)
    return t(X), t(y), t(a), t(b), t(V), t(beta)


def logistic_risk(outputs, y):
    return losses.logistic_loss_torch(y * outputs).mean()


def reparameterised_gradient(X, y, V, u, beta):
    """∇_u 𝓛_s(u) with 𝓛_s(u) = mean ℓ(⟨u, z_i⟩), z_i = y_i β ⊙ F(x_i; V) (eq. (4)), by autograd."""
    import torch
    from theory.nets.normalized import shallow_features

    Z = (y[:, None] * beta[None, :] * shallow_features(X, V)).detach()
    u = u.detach().clone().requires_grad_(True)
    risk = losses.logistic_loss_torch((Z @ u)).mean()
    (g,) = torch.autograd.grad(risk, u)
    return g


def pair_gradients(X, y, a, b, V):
    import torch
    from theory.nets.normalized import shallow_output

    a = a.detach().clone().requires_grad_(True)
    b = b.detach().clone().requires_grad_(True)
    V = V.detach().clone().requires_grad_(True)
    risk = logistic_risk(shallow_output(X, a, b, V), y)
    return torch.autograd.grad(risk, (a, b, V))


def mirror_field_identity(inst, *, balance=1.0):
    """d/dt ln|a_j b_j| under GF on (a, b, V) equals −2(∇_u 𝓛_s(u))_j (eq. (3)), per neuron."""
    X, y, a, b, V, beta = shallow_state(inst, balance=balance)
    ga, gb, _ = pair_gradients(X, y, a, b, V)
    rate = (-ga / a - gb / b).numpy()
    rhs = (-2 * reparameterised_gradient(X, y, V, (a * b).abs(), beta)).numpy()
    err = float(np.abs(rate - rhs).max())
    tol = 64 * (inst.n + inst.d + 4) * EPS * max(float(np.abs(rhs).max()), 1e-300)
    return close(err, 0.0, tol=tol, why="float64 rounding of two autograd gradients over n examples "
                   "(64·(n+d+4)·eps relative to max|∇_u𝓛|)", max_rate=float(np.abs(rhs).max()))


NET_SPACE = Space(n=Int(1, 40), d=Int(1, 8), m=Int(1, 30), seed=Seed())

claim(
    id="homogeneity2025.lem3.2.mirror-flow-field",
    source=src("Lemma 3.2 (eq. (3))", SEC32, 237),
    statement=r"|a_j(0)|=|b_j(0)|\ \forall j\implies u=a^2=b^2=\beta ab,\quad"
              r"\frac{\mathrm d}{\mathrm ds}\ln u(s)=-\nabla_u\Big[2\mathcal L\big(\langle u\odot\beta,F(\cdot;V(s))\rangle\big)\Big]",
    kind=Kind.IDENTITY,
    domain=NET_SPACE,
    predicate=mirror_field_identity,
    mutants=(Mutant("unbalanced start |b_j| = ρ_j|a_j|, ρ ∈ [1/2, 2]", params={"balance": 2.0},
                    why="then d ln|a_j b_j|/dt = −(a_j²+b_j²)/|a_j b_j|·(∇_u𝓛)_j"),),
    note="Both sides by autograd: the left from the network's (a, b) gradients, the right from the "
         "reparameterised loss 𝓛_s(u) of eq. (4) with V(s) frozen at the current state.",
)


def balance_conserved(inst, *, combination=-1.0):
    """d/dt (a_j² + combination·b_j²) = 0 under GF for any start (combination = −1: a² − b²)."""
    X, y, a, b, V, beta = shallow_state(inst, balance=3.0)
    ga, gb, _ = pair_gradients(X, y, a, b, V)
    rate = (-2 * a * ga - combination * 2 * b * gb).numpy()
    scale = float((2 * (a * ga).abs() + 2 * (b * gb).abs()).max()) + 1e-300
    return close(float(np.abs(rate).max()), 0.0, tol=64 * (inst.n + 4) * EPS * scale,
                   why="float64 rounding of the autograd gradients (relative to max|a_j ∂_a𝓛|)")


claim(
    id="homogeneity2025.lem3.2.balance-conserved",
    source=src("Lemma 3.2 (proof)", "A Omitted proofs from Section 3", 749),
    statement=r"\frac{\mathrm d}{\mathrm dt}\big(a_j^2-b_j^2\big)=0\ \text{under gradient flow, for any initialisation}",
    kind=Kind.IDENTITY,
    domain=NET_SPACE,
    predicate=balance_conserved,
    mutants=(Mutant("a² + b² in place of a² − b²", params={"combination": 1.0}),),
)


def multiplicative_weights_identity(inst, *, balance=1.0, form="squared"):
    """Along GD on (a, b, V): |a'_j b'_j| = u_j(1 − η(∇_u𝓛_s)_j)² and |a'| = |b'|, every step."""
    import torch

    X, y, a, b, V, beta = shallow_state(inst, balance=balance)
    eta = inst.eta
    worst, scale = 0.0, 1e-300
    for _ in range(inst.steps):
        ga, gb, gV = pair_gradients(X, y, a, b, V)
        grad_u = reparameterised_gradient(X, y, V, (a * b).abs(), beta)
        u = (a * b).abs()
        if form == "squared":
            predicted = u * (1 - eta * grad_u) ** 2
        else:  # the Euler step of the continuous mirror flow, a mutant
            predicted = u * torch.exp(-2 * eta * grad_u)
        a, b, V = a - eta * ga, b - eta * gb, V - eta * gV
        err = torch.maximum(((a * b).abs() - predicted).abs(), (a.abs() - b.abs()).abs() * (a.abs() + b.abs()))
        worst = max(worst, float((err / predicted).max()))
        scale = max(scale, float((eta * grad_u).abs().max()))
    return close(worst, 0.0, tol=64 * (inst.n + inst.d + 8) * EPS * (1 + scale),
                   why="float64 rounding of one GD step (relative, per neuron and step)", steps=inst.steps)


claim(
    id="homogeneity2025.lem3.2.gd-multiplicative-weights",
    source=src("Lemma 3.2, discrete form", SEC32, 237),
    statement=r"(a,b)\leftarrow(a-\eta g\odot b,\ b-\eta g\odot a),\ |a|=|b|\implies "
              r"u'=u\odot(1-\eta\nabla_u\mathcal L_s(u))^2,\ |a'|=|b'|",
    kind=Kind.IDENTITY,
    domain=NET_SPACE.replace(eta=Real(0.01, 0.5, log=True), steps=Int(1, 4)),
    predicate=multiplicative_weights_identity,
    mutants=(Mutant("unbalanced start", params={"balance": 2.0}),
             Mutant("Euler step u·exp(−2η∇_u𝓛) of the flow", params={"form": "exp"},
                    why="differs from the exact update at O(η²)")),
    note="Not printed in the paper (catalogue §2.2, P-L3.2-GD): GD on (a, b) is exactly a "
         "multiplicative-weights update on u, with the features of the current V.",
)


# -- Remark after Lemma 3.2: L-fold products -----------------------------------------------------

def lfold_rate(inst, *, formula="power"):
    """For h = ⟨a¹ ⊙ … ⊙ a^L, F⟩ with balanced |a^ℓ_j| = c_j and u_j = c_j^L: GF gives
    d ln u_j/dt = −L (∇_u𝓛)_j u_j^{(L−2)/L} (autograd); ``formula='eq3'`` asserts eq. (3)'s −2∇_u𝓛."""
    import torch

    rng = inst.rng("lfold")
    n, m, L = inst.n, inst.m, inst.L
    F = torch.tensor(np.abs(rng.standard_normal((n, m))), dtype=torch.float64)
    y = torch.tensor(rng.choice([-1.0, 1.0], size=n), dtype=torch.float64)
    c = np.exp(rng.uniform(-1.0, 1.0, size=m))
    signs = rng.choice([-1.0, 1.0], size=(L, m))
    factors = [torch.tensor(signs[l] * c, dtype=torch.float64, requires_grad=True) for l in range(L)]
    prod = factors[0]
    for f in factors[1:]:
        prod = prod * f
    risk = losses.logistic_loss_torch(y * (F @ prod)).mean()
    grads = torch.autograd.grad(risk, factors)
    rate = sum((-g / f).detach() for g, f in zip(grads, factors)).numpy()  # d ln|Π a^ℓ|/dt
    beta = np.prod(signs, axis=0)
    u = c ** L
    Z = (y[:, None] * F).numpy() * beta[None, :]
    grad_u = -(Z.T @ losses.neg_derivative(Z @ u)) / n
    rhs = -2 * grad_u if formula == "eq3" else -L * grad_u * u ** ((L - 2) / L)
    err = float(np.abs(rate - rhs).max())
    return close(err, 0.0, tol=64 * (n + L) * EPS * float(np.abs(rhs).max()),
                   why="float64 rounding of autograd gradients (relative to max|rate|)", L=L)


claim(
    id="homogeneity2025.lem3.2.lfold-products",
    source=src("Remark after Lemma 3.2 (L-homogeneous products)", SEC32, 239),
    statement=r"h=\langle a^1\odot\cdots\odot a^L,F\rangle,\ u_j=\prod_\ell|a^\ell_j|\ \text{balanced}:\ "
              r"\frac{\mathrm d}{\mathrm dt}\ln u=-L\,\nabla_u\mathcal L\odot u^{(L-2)/L}\ "
              r"(\text{eq. (3) only for } L=2)",
    kind=Kind.IDENTITY,
    domain=Space(n=Int(1, 20), m=Int(1, 10), L=Int(2, 5), seed=Seed()),
    predicate=lfold_rate,
    mutants=(Mutant("eq. (3) for every L", params={"formula": "eq3"},
                    domain=Space(n=Int(1, 20), m=Int(1, 10), L=Int(3, 5), seed=Seed())),),
    note="The remark's 'eq. (3) fails for L ≠ 2' holds; its conclusion 'only 2-homogeneous models "
         "optimise over F1' does not follow: for L >= 3 the flow is still a mirror flow (potential "
         "∝ u^{2/L}), known to be sparsity-biased (catalogue M9). What is unique to L = 2 is the ln map.",
)


# ---------------------------------------------------------------------------------------------
# Remark 3.3 and eq. (1)'s nonconvexity in (a, b).
# ---------------------------------------------------------------------------------------------

def convexity(inst, *, coordinates="u"):
    """f(λx + (1−λ)x') <= λf(x) + (1−λ)f(x') for f(x) = 2𝓛(Z·u(x)), u(x) = x or a ⊙ b."""
    rng = inst.rng("convexity")
    n, m = inst.n, inst.m
    Z = rng.uniform(-1.0, 1.0, size=(n, m))
    if inst.features == "nonnegative":
        Z = np.abs(Z)
    width = 2 * m if coordinates == "ab" else m
    x1 = inst.scale * rng.standard_normal(width)
    if coordinates == "ab":
        x1 = np.abs(x1)
    x2 = -x1 if inst.pair == "antipodal" else inst.scale * rng.standard_normal(width)
    lam = inst.lam

    def f(x):
        u = x[:m] * x[m:] if coordinates == "ab" else x
        return 2 * float(np.mean(losses.loss_values(Z @ u)))

    mid = f(lam * x1 + (1 - lam) * x2)
    chord = lam * f(x1) + (1 - lam) * f(x2)
    return at_most(mid, chord, tol=16 * (n + m) * EPS * max(mid, chord, 1.0),
                   why="float64 rounding of Zu and n loss terms")


CONVEX_SPACE = Space(n=Int(1, 30), m=Int(1, 12), scale=Real(0.1, 10.0, log=True), lam=Real(0.0, 1.0),
                     features=Choice("signed", "nonnegative"), pair=Choice("random", "antipodal"),
                     seed=Seed())

claim(
    id="homogeneity2025.rem3.3.convex-in-u",
    source=src("Remark 3.3", SEC32, 243),
    statement=r"u\mapsto2\mathcal L\big(\langle u\odot\beta,F(\cdot;V)\rangle\big)\ \text{is convex in } u",
    kind=Kind.INEQUALITY,
    domain=CONVEX_SPACE,
    predicate=convexity,
    mutants=(Mutant("convexity in (a, b) instead of u", params={"coordinates": "ab"},
                    why="(a, b) and (−a, −b) have the same product; their midpoint 0 has loss ln 2"),),
    note="The mutant is the paper's own remark (l.97) that the loss is nonconvex in (a, b).",
)


def mirror_regret(inst, *, sign=1.0):
    """Lemma 3.3(1) on the discretisation: ηΣ_k[f_k(u_k) − f_k(ū)] <= D(ū,u0) − D(ū,u_K) + ΣD(u_k,u_{k+1}).

    f_k = sign·2𝓛_k; the flow is always eq. (3) (f = +2𝓛). The last sum is the exact cost of
    the discretisation (three-point identity), so the check has no step-size slack.
    """
    run, ubar = entropy_run(inst)
    f_path, f_ref = sign * run.loss_path, sign * run.loss_reference
    lhs = run.eta * float(np.sum(f_path - f_ref))
    D0 = divergences.kl(ubar, run.u[0])
    DK = divergences.kl(ubar, run.u[-1])
    rhs = D0 - DK + float(run.step_divergence.sum())
    return at_most(lhs, rhs, tol=run_error(run) + 8 * EPS * (D0 + DK),
                   why="float64 rounding of K steps of bookkeeping; the discretisation term "
                       "Σ D(u_k,u_{k+1}) is added exactly", discretisation=float(run.step_divergence.sum()))

claim(
    id="homogeneity2025.lem3.3.mirror-flow-regret",
    source=src("Lemma 3.3 (part 1)", SEC32, 263),
    statement=r"\int_0^t\big[f_s(u_s)-f_s(\bar u)\big]\mathrm ds\le D_\phi(\bar u,u(0))-D_\phi(\bar u,u(t)),"
              r"\ f_s=2\mathcal L_s\ (\text{hence }\min_{s<t}[f_s(u_s)-f_s(\bar u)]\le\tfrac{D_\phi(\bar u,u(0))-D_\phi(\bar u,u(t))}t)",
    kind=Kind.INEQUALITY,
    domain=MIRROR_SPACE,
    predicate=mirror_regret,
    mutants=(Mutant("sign of f_s flipped (f_s = −2𝓛_s)", params={"sign": -1.0},
                    domain=MIRROR_SPACE.replace(reference=Fixed("initial"), steps=Int(20, 150)),
                    why="with ū = u(0) the loss decrease makes the left side positive while the right "
                        "side is −D(u0, u_t) plus the discretisation term"),),
    note="Checked on entropy mirror descent with step η (the Euler scheme in ln u), whose exact "
         "three-point identity adds Σ_k D(u_k, u_{k+1}) = O(η·t) to the continuous bound. The paper "
         "instantiates f_s = −2𝓛_s (l.307), a sign slip: eq. (3) is the mirror flow of +2𝓛_s.",
)


def implicit_bias(inst, *, indicator=True):
    """Lemma 3.3(2): (‖u_t‖/8)1[‖u_t‖ >= 2‖ū‖] + ∫f_s(u_s) <= KL(ū,u0) + ∫f_s(ū) (+ discretisation)."""
    run, ubar = entropy_run(inst)
    norm_t, norm_bar = float(run.u[-1].sum()), float(ubar.sum())
    bonus = norm_t / 8 if (norm_t >= 2 * norm_bar or not indicator) else 0.0
    lhs = bonus + run.eta * float(run.loss_path.sum())
    rhs = divergences.kl(ubar, run.u[0]) + run.eta * float(run.loss_reference.sum()) + float(run.step_divergence.sum())
    return at_most(lhs, rhs, tol=run_error(run), why="as Lemma 3.3(1): exact discretisation term, rounding only",
                   norm_t=norm_t, norm_ref=norm_bar)


claim(
    id="homogeneity2025.lem3.3.entropy-implicit-bias",
    source=src("Lemma 3.3 (part 2)", SEC32, 265),
    statement=r"\frac{\|u(t)\|_1}8\mathbf 1\big[\|u(t)\|_1\ge2\|\bar u\|_1\big]+\int_0^tf_s(u(s))\mathrm ds"
              r"\le\mathrm{KL}(\bar u,u(0))+\int_0^tf_s(\bar u)\mathrm ds",
    kind=Kind.INEQUALITY,
    domain=MIRROR_SPACE,
    predicate=implicit_bias,
    mutants=(Mutant("indicator dropped", params={"indicator": False},
                    domain=MIRROR_SPACE.replace(reference=Fixed("initial"), steps=Int(1, 5)),
                    why="with ū = u(0) and t small both integrals nearly cancel and KL(ū,u0) = 0"),),
)
