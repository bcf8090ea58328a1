"""Section 3.4: Theorem 3.6, the normalized smoothed margin is nondecreasing (pointwise on the GF
vector field and along discretised trajectories), and the Euler inequality for ψ it rests on.

Line numbers refer to ``shared/papers/homogeneity2025_003_dbfc99f2f03f7955.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory import losses
from theory.claims import (Choice, Fixed, Int, Kind, Mutant, Real, Seed, Series, Space, at_least, at_most,
                           claim, precondition_failed)
from theory.tolerances import EPS
from theory.papers.homogeneity2025._shared import (SEC34, margin_space, margin_vector, src,
                                                   unit_ball_point)


def euler_for_psi(inst, *, order=1.0):
    """Σ_i (−ℓ'(p_i)) p_i >= order·ψ(p)·(−ℓ'(ψ(p))), i.e. ⟨∇ψ(p), p⟩ >= ψ(p) (logistic)."""
    p = margin_vector(inst, nonnegative=False)
    psi = losses.smoothed_margin(p, "logistic")
    lhs = float(np.dot(losses.neg_derivative(p), p))
    rhs = order * psi * losses.neg_derivative_at(psi)
    tol = 16 * (len(p) + 4) * EPS * (1 + float(np.abs(p).max())) * (float(np.abs(losses.neg_derivative(p)).sum()) + 1)
    return at_least(lhs, rhs, tol=tol, why="float64 rounding of n products and of ψ")


claim(
    id="homogeneity2025.thm3.6.psi-euler-inequality",
    source=src("Theorem 3.6 (proof, via Ji & Telgarsky 2020a, Lemma C.5)", "A Omitted proofs", 879),
    statement=r"\langle\partial_{\hat w}\psi,\hat w\rangle\ge L\psi \iff \sum_i(-\ell'(p_i))p_i \ge \psi(p)\,(-\ell'(\psi(p)))",
    kind=Kind.INEQUALITY,
    domain=margin_space(loss=("logistic",), scale=(0.0, 30.0)),
    predicate=euler_for_psi,
    mutants=(Mutant("⟨∂ψ, ŵ⟩ >= 2Lψ", params={"order": 2.0}, why="n = 1 gives equality"),),
    note="Holds for every margin vector, also when ψ < 0 (catalogue §7.2 row 24).",
)


def separable_state(inst, *, require_tau=True, norm_bias=0.0, head_bias=False):
    """A state (X, y, params, forward) of the instance's architecture, with ŵ = (a, b).

    "random": y = sign of a perturbed teacher, then (a, b) rescaled so that Σℓ = inst.loss_level
    (< ℓ(0) = ln 2: the state is past τ). "single": one neuron carries all of (a, b), aligned with
    clustered inputs labelled +1 — the kind of state gradient flow converges to. Without
    ``require_tau`` a fraction inst.flip of the labels is flipped and (a, b) scaled by 3 instead.
    """
    import torch
    from theory.nets import normalized as nets

    gen = torch.Generator().manual_seed(inst.torch_seed)
    n, d, width = inst.n, inst.d, inst.width
    T = lambda x: torch.tensor(x, dtype=torch.float64)
    if inst.state == "single":
        rng = inst.rng("single")
        e = unit_ball_point(rng, d, 1.0)
        X = e[None, :] + inst.spread * rng.standard_normal((n, d))
        X = T(X / np.linalg.norm(X, axis=1, keepdims=True))
        p = nets.init_shallow(d, width, gen)
        p["V"][0] = T(e)
        p["a"] = torch.zeros(width, dtype=torch.float64)
        p["b"] = torch.zeros(width, dtype=torch.float64)
        p["a"][0] = p["b"][0] = 1.0
        y = torch.ones(n, dtype=torch.float64)
        if head_bias:  # a trained bias on the head: h = ⟨a⊙b, F⟩ + c0 (not homogeneous in (a, b, c0))
            p["c0"] = torch.tensor(1.0, dtype=torch.float64)
            forward = lambda q: nets.shallow_output(X, q["a"], q["b"], q["V"]) + q["c0"]
        else:
            forward = lambda q: nets.shallow_output(X, q["a"], q["b"], q["V"])
    else:
        X = torch.randn(n, d, generator=gen, dtype=torch.float64)
        X = X / X.norm(dim=1, keepdim=True)
        if inst.arch == "shallow":
            p = nets.init_shallow(d, width, gen)
            forward = lambda q: nets.shallow_output(X, q["a"], q["b"], q["V"])
        else:
            p = nets.init_deep(d, width, gen)
            beta = norm_bias * p.pop("beta")  # LayerNorm's additive β after the gain, held fixed
            p.pop("c0")
            residual = inst.arch == "residual"
            forward = lambda q: nets.deep_output(X, {**q, "beta": beta}, residual=residual,
                                                 norm_bias=bool(norm_bias))
        teacher = {k: v + inst.noise * torch.randn(v.shape, generator=gen, dtype=torch.float64)
                   for k, v in p.items()}
        with torch.no_grad():
            y = torch.sign(forward(teacher))
        y[y == 0] = 1.0
        if not require_tau:
            flip = torch.rand(n, generator=gen, dtype=torch.float64) < inst.flip
            y = torch.where(flip, -y, y)
    with torch.no_grad():
        margins = y * forward(p)
    if not require_tau:
        c = inst.big
    else:
        if bool((margins <= 0).any()):
            return None
        # Σℓ(c² p_i) decreases in c: bisection in log c for Σℓ = loss_level
        lo, hi = -20.0, 20.0
        for _ in range(80):
            mid = (lo + hi) / 2
            S = float(losses.logistic_loss_torch(math.exp(2 * mid) * margins).sum())
            lo, hi = (mid, hi) if S > inst.loss_level else (lo, mid)
        c = math.exp(hi)
    p["a"], p["b"] = c * p["a"], c * p["b"]
    return X, y, p, forward


def margin_rate(inst, *, order=2.0, margin="smoothed", require_tau=True, quantity="ratio", norm_bias=0.0,
                subset=("a", "b"), head_bias=False):
    """Along GF (ẇ = −∇𝓛 over all parameters): d/dt[Ψ/‖ŵ‖^order] >= 0, or d/dt‖ŵ‖ > 0.

    Computed in closed form from autograd gradients: with N = ‖ŵ‖, d/dt(Ψ/N^L) = Ψ̇/N^L −
    LΨṄ/N^{L+1}, Ψ̇ = ⟨∇Ψ, ẇ⟩, Ṅ = ⟨ŵ, ŵ̇⟩/N. ``margin='hard'`` uses min_i y_i h(x_i) (a mutant).
    """
    import torch

    state = separable_state(inst, require_tau=require_tau, norm_bias=norm_bias, head_bias=head_bias)
    if state is None:
        return precondition_failed("some training margin <= 0: no rescaling reaches 𝓛 < ℓ(0)/n")
    X, y, p, forward = state
    params = {k: v.detach().clone().requires_grad_(True) for k, v in p.items()}
    names = list(params)
    out = y * forward(params)
    risk = losses.logistic_loss_torch(out).mean()
    psi = losses.smoothed_margin_torch(out) if margin == "smoothed" else out.min()
    if require_tau and float(psi.detach()) <= 0:
        return precondition_failed("Ψ <= 0 (not past τ)")
    leaves = [params[k] for k in names]
    g_risk = torch.autograd.grad(risk, leaves, retain_graph=True, allow_unused=True)
    g_psi = torch.autograd.grad(psi, leaves, allow_unused=True)
    g_risk = [torch.zeros_like(v) if g is None else g for g, v in zip(g_risk, leaves)]
    g_psi = [torch.zeros_like(v) if g is None else g for g, v in zip(g_psi, leaves)]
    flow = [-g for g in g_risk]
    psi_dot = float(sum((gp * f).sum() for gp, f in zip(g_psi, flow)))
    hat = [(params[k].detach(), flow[names.index(k)]) for k in subset]  # ŵ and ŵ̇
    N = float(torch.sqrt(sum((w * w).sum() for w, _ in hat)))
    N_dot = float(sum((w * f).sum() for w, f in hat)) / N
    size = sum(v.numel() for v in params.values()) + inst.n
    grad_scale = float(sum((gp.abs() * f.abs()).sum() for gp, f in zip(g_psi, flow)))
    if quantity == "norm":
        scale = float(sum((w * f).abs().sum() for w, f in hat)) / N
        return at_least(N_dot, 0.0, tol=64 * size * EPS * scale,
                        why="float64 rounding of ⟨ŵ, ŵ̇⟩ (relative to Σ|ŵ_k ŵ̇_k|)", psi=float(psi.detach()))
    lhs = psi_dot / N ** order
    rhs = order * float(psi.detach()) * N_dot / N ** (order + 1)
    tol = 64 * size * EPS * (grad_scale / N ** order + abs(rhs))
    return at_least(lhs, rhs, tol=tol, why="float64 rounding of the autograd gradients and their inner "
                    "products (64·#params·eps relative)", psi=float(psi.detach()), norm=N)


T36_SPACE = Space(arch=Choice("shallow", "deep", "residual"), state=Choice("random", "random", "single"),
                  n=Int(1, 16), d=Int(2, 6), width=Int(2, 16), noise=Real(0.0, 0.1),
                  loss_level=Real(1e-6, 0.69, log=True), spread=Real(0.0, 0.2), flip=Fixed(0.0),
                  big=Fixed(1.0), torch_seed=Seed())

T36 = (r"h\ L\text{-homogeneous in }\hat w\subseteq w,\ \mathcal L(w(\tau))<\ell(0)/n\implies\forall t\ge\tau:\ "
       r"\frac{\mathrm d}{\mathrm dt}\frac{\psi(w(t))}{\|\hat w(t)\|^L}\ge0")

T36_UNSEPARATED = T36_SPACE.replace(state=Fixed("random"), flip=Real(0.2, 0.5), noise=Fixed(0.0),
                                    big=Real(0.5, 2.0))

#: Lyu–Li's inequality is an equality at one example on a converged neuron: with n = 1 the smoothed
#: margin is the margin, ⟨∇_ŵψ, ŵ⟩ = Lψ, ∇_ŵψ ∥ ŵ when a = b (Cauchy–Schwarz is tight) and
#: ∇_Vψ = 0 when x = ṽ (spread 0), so d/dt ψ/‖ŵ‖^L = 0; any exponent above L is refuted there.
T36_TIGHT = tuple({"arch": "shallow", "state": "single", "n": 1, "d": d, "width": w, "noise": 0.0,
                   "loss_level": level, "spread": 0.0, "flip": 0.0, "big": 1.0, "torch_seed": 0}
                  for d, w, level in ((2, 2, 1e-3), (5, 8, 0.3)))

claim(
    id="homogeneity2025.thm3.6.smoothed-margin-rate",
    source=src("Theorem 3.6", SEC34, 401),
    statement=T36 + r"\quad(\hat w=(a,b),\ L=2;\ \text{checked pointwise on the GF vector field})",
    kind=Kind.INEQUALITY,
    domain=T36_SPACE.replace(d=Int(1, 6)),
    predicate=margin_rate,
    examples=T36_TIGHT,
    mutants=(
        Mutant("‖ŵ‖^L → ‖ŵ‖^{1.1L} (order 2.2)", params={"order": 2.2},
               why="at the pinned equality instances ψ̇ = Lψ‖ŵ‖˙/‖ŵ‖ exactly, so any larger order fails"),
        Mutant("order L → L + 1", params={"order": 3.0},
               domain=T36_SPACE.replace(state=Fixed("single"), arch=Fixed("shallow"), spread=Real(0.0, 0.05)),
               why="near a converged direction ψ grows like ‖ŵ‖^L, so ψ/‖ŵ‖^{L+1} falls"),
        Mutant("hard margin in place of the smoothed one", params={"margin": "hard"},
               domain=T36_SPACE.replace(state=Fixed("single"), spread=Real(0.05, 0.2), n=Int(4, 16)),
               why="the flow serves the loss, not the worst example: min_i y_i h_i / ‖ŵ‖² can fall"),
        Mutant("hypothesis 𝓛(w(τ)) < ℓ(0)/n dropped", params={"require_tau": False},
               domain=T36_UNSEPARATED),
        Mutant("non-homogeneous subset ŵ = (a, b, c0) with a head bias c0",
               params={"subset": ("a", "b", "c0"), "head_bias": True},
               domain=T36_SPACE.replace(state=Fixed("single"), arch=Fixed("shallow"), n=Fixed(1)),
               why="h(ca, cb, cc0) = c²⟨a⊙b, F⟩ + c·c0: the bias part grows only linearly"),
    ),
    note="States: the shallow net of eq. (1), tanh+RMSNorm features, and the same with a residual "
         "ReLU block (inhomogeneous in everything but (a, b)); each state is rescaled in (a, b) "
         "until Σℓ is below ℓ(0) = ln 2. Tight: the two pinned single-example states on a converged "
         "neuron make the inequality an equality (T36_TIGHT), so the check tells ‖ŵ‖² from ‖ŵ‖^2.2; "
         "on random states ψ̇‖ŵ‖/(ψ‖ŵ‖˙) is often far above L (the smoothed margin lags the "
         "examples' margins when the loss is not small).",
)

claim(
    id="homogeneity2025.thm3.6.homogeneous-norm-increases",
    source=src("Theorem 3.6", SEC34, 401),
    statement=r"\mathcal L(w(\tau))<\ell(0)/n\implies\forall t\ge\tau:\ \frac{\mathrm d}{\mathrm dt}\|\hat w(t)\|>0",
    kind=Kind.INEQUALITY,
    domain=T36_SPACE,
    predicate=margin_rate,
    params={"quantity": "norm"},
    mutants=(Mutant("hypothesis 𝓛(w(τ)) < ℓ(0)/n dropped", params={"require_tau": False},
                    domain=T36_UNSEPARATED),),
    note="Checked as >= 0 up to rounding: a strict > would need a margin from the rounding error, "
         "and the states include near-zero gradients (Σℓ down to 1e-6).",
)


# -- Theorem 3.6 along discretised trajectories ------------------------------------------------

def margin_trajectory(inst, eta0, steps, *, order=2.0, margin="smoothed", require_tau=True,
                      subset=("a", "b")):
    """GD with loss-scaled steps η_k = η0/(n𝓛_k(1 + ‖a⊙b‖_∞)) on all parameters from a state past τ.

    Returns (q_k = Ψ_k/‖ŵ_k‖^order, ‖ŵ_k‖) per step. The step is a time reparameterisation of
    gradient flow, so the monotonicity of Theorem 3.6 carries over in the limit η0 → 0.
    """
    import torch

    state = separable_state(inst, require_tau=require_tau)
    if state is None:
        return None
    X, y, p, forward = state
    params = {k: v.detach().clone().requires_grad_(True) for k, v in p.items()}
    leaves = list(params.values())
    qs, norms = [], []
    for _ in range(steps + 1):
        out = y * forward(params)
        risk = losses.logistic_loss_torch(out).mean()
        grads = torch.autograd.grad(risk, leaves, allow_unused=True)
        with torch.no_grad():
            psi = float(losses.smoothed_margin_torch(out)) if margin == "smoothed" else float(out.min())
            N = float(torch.sqrt(sum((params[k] ** 2).sum() for k in subset)))
            qs.append(psi / N ** order)
            norms.append(N)
            eta = eta0 / (inst.n * float(risk) * (1 + float((params["a"] * params["b"]).abs().max())))
            for leaf, g in zip(leaves, grads):
                if g is not None:
                    leaf -= eta * g
    return np.array(qs), np.array(norms)


def max_drawdown(q: np.ndarray) -> float:
    """max_k (max_{j<=k} q_j − q_k): the largest fall of q below its running maximum."""
    return float(np.max(np.maximum.accumulate(q) - q))


def monotone_under_refinement(inst, *, context=None, order=2.0, margin="smoothed", require_tau=True,
                              subset=("a", "b")):
    """Theorem 3.6 on GD: the drawdown of ψ/‖ŵ‖^L at step η0/2 is <= 0.6× that at η0 (or below
    1e-9 of the margin's scale), over the same rescaled time; ‖ŵ_k‖ never decreases."""
    coarse = margin_trajectory(inst, inst.eta0, inst.steps, order=order, margin=margin, require_tau=require_tau,
                               subset=subset)
    if coarse is None:
        return precondition_failed("some training margin <= 0: no rescaling reaches 𝓛 < ℓ(0)/n")
    fine = margin_trajectory(inst, inst.eta0 / 2, 2 * inst.steps, order=order, margin=margin,
                             require_tau=require_tau, subset=subset)
    q1, n1 = coarse
    q2, n2 = fine
    d1, d2 = max_drawdown(q1), max_drawdown(q2)
    floor = 1e-9 * float(np.abs(q2).max())
    curve = Series(f"t36-{inst.arch}", list(range(len(q2))), q2.tolist(),
                   title=f"Theorem 3.6: ψ/‖ŵ‖^{order:g} along GD ({inst.arch})", xlabel="step (η0/2)",
                   ylabel="normalized smoothed margin",
                   extra={"label": "step η0 (every other step)", "x": list(range(0, len(q2), 2)), "y": q1.tolist()})
    refinement = at_most(d2, 0.6 * d1 + floor, why="refinement: a discretisation artefact shrinks "
                         "with the step, a real decrease does not (floor 1e-9·max|q|)",
                         drawdown_coarse=d1, drawdown_fine=d2, q_start=float(q2[0]), q_end=float(q2[-1]),
                         series=[curve])
    shrink = float(np.max(np.maximum.accumulate(n2) - n2)) if require_tau else 0.0
    norm = at_most(shrink, 0.0, tol=8 * EPS * float(n2.max()),
                   why="exact in discrete time: ‖ŵ'‖² = ‖ŵ‖² + 2η⟨ŵ,ŵ̇⟩ + η²‖ŵ̇‖² with ⟨ŵ,ŵ̇⟩ >= 0")
    return [refinement, norm]


T36_RUN_SPACE = T36_SPACE.replace(state=Choice("random", "random", "single"), n=Int(4, 12), width=Int(4, 12),
                                  loss_level=Real(0.2, 0.6), eta0=Real(0.02, 0.05), steps=Fixed(300),
                                  noise=Fixed(0.0))

claim(
    id="homogeneity2025.thm3.6.monotone-along-gd",
    source=src("Theorem 3.6", SEC34, 401),
    statement=T36 + r",\ \frac{\mathrm d}{\mathrm dt}\|\hat w(t)\|>0\quad(\text{GD with loss-scaled steps, refined})",
    kind=Kind.DYNAMICS,
    domain=T36_RUN_SPACE,
    predicate=monotone_under_refinement,
    mutants=(Mutant("order L → L + 1", params={"order": 3.0},
                    domain=T36_RUN_SPACE.replace(state=Fixed("single"), arch=Fixed("shallow"),
                                                 spread=Real(0.0, 0.05), loss_level=Real(1e-6, 1e-3, log=True)),
                    why="from a nearly converged direction ψ grows like ‖ŵ‖², so ψ/‖ŵ‖³ falls at every step"),),
    note="Three architectures (eq. (1); tanh+RMSNorm; with a residual block), trained on all "
         "parameters from a state past τ. ReLU kinks make GD chatter at O(η); the refinement test "
         "separates that from a real decrease (catalogue §3.2).",
)
