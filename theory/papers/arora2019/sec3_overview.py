"""Arora et al. 2019, Section 3 (the setting and overview): the Gram matrix H∞ of eq. (3) against
Monte Carlo (with mutant closed forms), the closed-form gradient of eqs. (5)/(6), and Theorem 3.1
(initial loss and per-step contraction of GD, trained).

Line numbers refer to ``shared/papers/arora2019_004_677e88d3645acab6.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory.kernels import hinf as kernels
from theory.dynamics import two_layer_gd
from theory.claims import (
    at_most, AtLeast, claim, close, Exponent, Fixed, Grid, Int, Kind, Mutant,
    precondition_failed, Real, Seed, Space, SpherePoints,
)
from theory.tolerances import EPS, gaussian_threshold
from theory.papers.arora2019._shared import (
    LAZY_POINTS, MC_ALPHA_PER_INSTANCE, first_failure, sign_labels, src, torch_seeds,
    training_setup, z_matrix,
)

# ---------------------------------------------------------------------------------------------
# Mutant closed forms of eq. (3): each is what a plausible typo in the formula would compute.
# ---------------------------------------------------------------------------------------------

def hinf_pi_not_2pi(X):
    """Eq. (3) with 2π replaced by π (twice the true kernel)."""
    return 2.0 * kernels.hinf(X)


def hinf_arcsin_not_arccos(X):
    """Eq. (3) with arccos replaced by arcsin."""
    K = X @ X.T
    return K * (np.pi - np.arcsin(np.clip(K, -1.0, 1.0))) / (2 * np.pi)


def hinf_without_inner_product(X):
    """Eq. (3) with the factor x_iᵀx_j dropped: the co-activation probability alone."""
    return kernels.coactivation_probability(X)


def hinf_matches_monte_carlo(inst, *, closed_form=kernels.hinf, samples=20000):
    """max_ij z_ij <= z*, where z_ij = |Ĥ_ij − H_ij| / σ_ij for the Monte-Carlo estimate Ĥ.

    Error model: under eq. (3), Ĥ_ij is x_iᵀx_j times a mean of ``samples`` Bernoulli(p_ij)
    indicators with p_ij = H_ij / x_iᵀx_j, so σ_ij = |x_iᵀx_j|·sqrt(p(1−p)/M) (floored at
    one indicator's worth, 1/M, so a claimed p of 0 or 1 is still testable). z* is the two-sided
    Bonferroni threshold over the n(n+1)/2 entries at MC_ALPHA_PER_INSTANCE.
    """
    X = inst.X
    n = X.shape[0]
    H = closed_form(X)
    estimate = kernels.hinf_monte_carlo(X, samples, inst.rng("w"))
    K = X @ X.T
    iu = np.triu_indices(n)
    k, h, e = K[iu], H[iu], estimate[iu]
    live = np.abs(k) > 1e-12  # orthogonal pairs: both sides are exactly 0
    p = np.clip(h[live] / k[live], 0.0, 1.0)
    sigma = np.abs(k[live]) * np.sqrt(np.maximum(p * (1 - p), 1.0 / samples) / samples)
    z = np.abs(e[live] - h[live]) / sigma
    z_star = gaussian_threshold(MC_ALPHA_PER_INSTANCE, len(z))
    worst = int(np.argmax(z)) if z.size else 0
    return at_most(
        float(z.max()) if z.size else 0.0, z_star,
        why=f"Monte-Carlo z-score (Bernoulli variance under eq. (3), M={samples}); z* is the "
            f"Bonferroni threshold over {len(z)} entries at alpha={MC_ALPHA_PER_INSTANCE:.1e}",
        max_abs_error=float(np.abs(estimate - H).max()), worst_entry=int(worst),
    )


EQ3_STATEMENT = (r"H^\infty_{ij} = \mathbb{E}_{w\sim N(0,I)}[x_i^\top x_j\,\mathbb{I}\{w^\top x_i\ge0,"
                 r"w^\top x_j\ge0\}] = \frac{x_i^\top x_j(\pi-\arccos(x_i^\top x_j))}{2\pi}")

MC_POINTS = SpherePoints(n=(1, 12), d=(2, 20), k=(1, 6),
                         geometries=("gauss", "clustered", "near_parallel", "antipodal_pairs",
                                     "orthogonal"))

EQ3_MUTANTS = (
    Mutant("2π → π in eq. (3)", params={"closed_form": hinf_pi_not_2pi}),
    Mutant("arccos → arcsin in eq. (3)", params={"closed_form": hinf_arcsin_not_arccos}),
    Mutant("factor x_iᵀx_j dropped", params={"closed_form": hinf_without_inner_product}),
)


def mc_error_by_samples(rng: np.random.Generator) -> list[dict]:
    """Diagnostic for the report: max |Ĥ − H∞| against M, beside the M^{-1/2} reference."""
    from theory.data.sphere import make_points
    X = make_points(10, 8, "gauss", 1, int(rng.integers(2**32)))
    H = kernels.hinf(X)
    Ms = [10**2, 10**3, 10**4, 10**5]
    errs = [float(np.abs(kernels.hinf_monte_carlo(X, M, rng) - H).max()) for M in Ms]
    ref = [errs[0] * math.sqrt(Ms[0] / M) for M in Ms]
    mut = [float(np.abs(kernels.hinf_monte_carlo(X, M, rng) - hinf_pi_not_2pi(X)).max()) for M in Ms]
    return [{"name": "mc-error", "title": "Eq. (3): Monte-Carlo error vs samples (n=10, d=8)",
             "x": Ms, "y": errs, "xlabel": "Monte-Carlo samples M", "ylabel": "max |Ĥ − H∞|",
             "logx": True, "logy": True,
             "reference": {"label": "M^-1/2 reference", "x": Ms, "y": ref},
             "extra": {"label": "mutant 2π → π", "x": Ms, "y": mut}}]


claim(
    id="arora2019.eq3.hinf-closed-form-vs-mc",
    threads=1,
    source=src("Equation (3)", "3.2 The Gram Matrix from ReLU Kernel", 114),
    statement=EQ3_STATEMENT,
    kind=Kind.IDENTITY,
    stochastic=True,
    domain=Space(X=MC_POINTS),
    predicate=hinf_matches_monte_carlo,
    params={"closed_form": kernels.hinf, "samples": 20000},
    mutants=EQ3_MUTANTS,
    diagnostics=mc_error_by_samples,
)


def mc_error(inst, *, closed_form=kernels.hinf, y_name="‖Ĥ−H∞‖_F"):
    """Frobenius error of a Monte-Carlo H∞ with ``inst.M`` samples against ``closed_form``."""
    return float(np.linalg.norm(kernels.hinf_monte_carlo(inst.X, inst.M, inst.rng("w"))
                                - closed_form(inst.X)))


claim(
    id="arora2019.eq3.mc-error-rate",
    threads=1,
    source=src("Equation (3)", "3.2 The Gram Matrix from ReLU Kernel", 114),
    statement=EQ3_STATEMENT + r"\;\Rightarrow\;\|\hat H_M - H^\infty\|_F = \Theta(M^{-1/2})",
    kind=Kind.SCALING,
    domain=Space(X=SpherePoints(n=16, d=8, geometries=("gauss", "clustered")),
                 M=Grid(100, 1000, 10**4, 10**5, 10**6)),
    predicate=mc_error,
    params={"closed_form": kernels.hinf, "y_name": "‖Ĥ_M − H∞‖_F"},
    expect=Exponent(-0.5, 0.15),
    mutants=(Mutant("2π → π in eq. (3)", params={"closed_form": hinf_pi_not_2pi},
                    why="a wrong closed form leaves a bias: the error stops decaying"),),
    note="If eq. (3) is the mean of the estimator, the error decays like M^{-1/2}; a wrong closed "
         "form leaves a constant bias and the fitted exponent goes to 0.",
)


# ---------------------------------------------------------------------------------------------
# Eq. (5)/(6): the closed-form gradient, vec ∇Φ = Z(u − y), H = ZᵀZ.
# ---------------------------------------------------------------------------------------------

def gradient_closed_form(inst, *, scale_sqrt_m=True):
    """The closed-form gradient of theory.dynamics.two_layer_gd equals torch autograd of Φ and Z(u − y).

    ``scale_sqrt_m=False`` is the mutant without the m^{-1/2} of eq. (5) (it rescales the
    closed form by √m). Error model: float64, both computed from the same pre-activations;
    tol = 8·n·eps·max|g| (summation order differs).
    """
    import torch
    X = inst.X
    n, d = X.shape
    m = inst.m
    init = two_layer_gd.init_weights(m, d, inst.kappa, [inst.seed])
    y = inst.rng("y").choice([-1.0, 1.0], size=n)
    Xt, Yt = torch.as_tensor(X), torch.as_tensor(y).unsqueeze(0)
    g, u = two_layer_gd.gradient(init.W0, init.a, Xt, Yt)
    if not scale_sqrt_m:
        g = g * math.sqrt(m)
    W = init.W0.clone().requires_grad_(True)
    phi = two_layer_gd.loss(W, init.a, Xt, Yt).sum()
    (auto,) = torch.autograd.grad(phi, W)
    W0, a = init.W0[0].numpy(), init.a[0].numpy()
    Z = z_matrix(W0, a, X)
    zg = (Z @ (u[0].numpy() - y)).reshape(m, d)
    H0 = Z.T @ Z
    # A sum over i of n terms (u_i − y_i)·x_i·a_r/√m rounds within γ_n·Σ_i|terms| (Higham): the
    # bound scales with the terms' magnitudes, not with the (possibly cancelling) result.
    residual = np.abs(u[0].numpy() - y)
    scale = float((residual @ np.abs(X)).max()) / math.sqrt(m) + 1e-300
    tol = 8 * n * EPS * scale
    why = "8·n·eps·max_k Σ_i|u_i−y_i||x_ik|/√m (dot-product rounding, summation order differs)"
    return first_failure(close(float((g - auto).abs().max()), 0.0, tol=tol, why=why),
                         close(float(np.abs(g[0].numpy() - zg).max()), 0.0, tol=tol, why=why),
                         close(float(np.abs(H0 - kernels.finite_width_gram(W0, X)).max()), 0.0,
                               tol=8 * m * EPS, why="m·eps (sums of m indicator products)"))


claim(
    id="arora2019.eq5.closed-form-gradient",
    threads=1,
    source=src("Equations (5), (6)", "3.1 Notation and Problem Setup", 159),
    statement=r"\frac{\partial\Phi}{\partial w_r}=\frac{1}{\sqrt m}a_r\sum_i(u_i-y_i)\mathbb{I}_{r,i}x_i,\ "
              r"\mathrm{vec}(\nabla\Phi)=Z(u-y),\ H=Z^\top Z",
    kind=Kind.IDENTITY,
    domain=Space(X=SpherePoints(n=(1, 12), d=(2, 8), geometries=("gauss", "clustered")),
                 m=Int(1, 200), kappa=Real(0.01, 1.0, log=True), seed=Seed()),
    predicate=gradient_closed_form,
    mutants=(Mutant("m^{-1/2} dropped from eq. (5)", params={"scale_sqrt_m": False},
                    domain=Space(X=SpherePoints(n=(1, 12), d=(2, 8)), m=Int(2, 200),
                                 kappa=Real(0.01, 1.0, log=True), seed=Seed())),),
    note="Autograd differentiates relu with 1{· > 0} while eq. (5) uses 1{· >= 0} (footnote 2); "
         "they differ only where some w_rᵀx_i = 0 exactly, which has probability 0 here.",
)


def contraction_run(inst, *, context, rate_factor=0.5):
    """Theorem 3.1(ii): Φ(W(k+1)) <= (1 − ηλ₀/2)Φ(W(k)) at every step, for each seed.

    ``rate_factor`` is the 1/2 (mutant: 2). Steps with Φ below 1e-20 are not compared (rounding).
    Tolerance: 1e-12 relative (float64 GD: the ratio of two losses carries ~n·m·eps relative error).
    """
    X = inst.X
    n, d = X.shape
    setup = training_setup(inst, horizon=6.0)
    if setup is None:
        return precondition_failed("λ₀ too small: more than 400 steps to converge")
    H, lam, eta, K = setup
    m = int(round((inst.sqrt_m_kappa / inst.kappa) ** 2))
    y = sign_labels(inst, n)
    init = two_layer_gd.init_weights(m, d, inst.kappa, torch_seeds(inst, inst.seeds), device=context.device)
    traj = two_layer_gd.train(X, y, init, eta, K)
    out = []
    for s in range(inst.seeds):
        phi = traj.loss[s]
        live = phi[:-1] > 1e-20
        ratio = float((phi[1:][live] / phi[:-1][live]).max())
        out.append(at_most(ratio, 1 - rate_factor * eta * lam[0], tol=1e-12,
                           why="1e-12 relative rounding of Φ in float64",
                           sqrt_m_kappa=inst.sqrt_m_kappa, m=m, steps=K,
                           flip_fraction=float(traj.flips[s, -1])))
    return out


def initial_loss_event(inst, *, delta=0.1, markov=True):
    """Theorem 3.1(i): Φ(W(0)) = O(n/δ) w.p. >= 1 − δ, with the constant the exact mean gives:
    E Φ(W(0)) = ½(‖y‖² + nκ²/2) (E u_i(0) = 0, E u_i(0)² = κ²/2), so by Markov
    P[Φ(W(0)) <= ½(‖y‖² + nκ²/2)/δ] >= 1 − δ. ``markov=False`` (mutant) drops the 1/δ."""
    X = inst.X
    n, d = X.shape
    rng = inst.rng("init")
    W = inst.kappa * rng.standard_normal((inst.m, d))
    a = rng.choice([-1.0, 1.0], size=inst.m)
    y = rng.choice([-1.0, 1.0], size=n)
    u = np.maximum(X @ W.T, 0.0) @ a / math.sqrt(inst.m)
    phi = 0.5 * float(np.sum((y - u) ** 2))
    mean = 0.5 * (float(y @ y) + n * inst.kappa**2 / 2)
    return at_most(phi, mean / delta if markov else mean, why="event indicator (exact comparison)")


claim(
    id="arora2019.thm3.1.initial-loss",
    threads=1,
    source=src("Theorem 3.1 (i)", "3.2 The Gram Matrix from ReLU Kernel", 120),
    statement=r"\Pr\big[\Phi(W(0))\le\frac{1}{2\delta}(\|y\|^2+n\kappa^2/2)\big]\ge1-\delta,\ \delta=0.1"
              r"\quad(\text{the }O(n/\delta)\text{ of Theorem 3.1(i)})",
    kind=Kind.PROBABILITY,
    domain=Space(X=SpherePoints(n=(2, 10), d=(2, 8), geometries=("gauss", "clustered")),
                 kappa=Real(0.5, 5.0, log=True), m=Int(1, 50)),
    predicate=initial_loss_event,
    expect=AtLeast(0.9),
    mutants=(Mutant("1/δ dropped (Φ(W(0)) below its mean w.p. 0.9)", params={"markov": False}),),
)

claim(
    id="arora2019.thm3.1.per-step-contraction",
    threads=1,
    source=src("Theorem 3.1", "3.2 The Gram Matrix from ReLU Kernel", 120),
    statement=r"\Phi(W(k+1))\le\Big(1-\frac{\eta\lambda_0}{2}\Big)\Phi(W(k))\ \ \forall k\ge0"
              r"\quad(m=\Omega(n^6/(\lambda_0^4\kappa^2\delta^3)),\ \eta=O(\lambda_0/n^2))",
    kind=Kind.DYNAMICS,
    domain=Space(X=LAZY_POINTS, kappa=Fixed(0.1), sqrt_m_kappa=Fixed(10.0), seeds=Fixed(3)),
    predicate=contraction_run,
    mutants=(Mutant("rate 1 − ηλ₀/2 → 1 − 2ηλ₀", params={"rate_factor": 2.0},
                    domain=Space(X=SpherePoints(n=(6, 10), d=(10, 12), geometries=("orthogonal",)),
                                 kappa=Fixed(0.1), sqrt_m_kappa=Fixed(10.0), seeds=Fixed(3)),
                    why="the loss ratio tends to (1 − ηλ₀)², above 1 − 2ηλ₀ only by (ηλ₀)², which is "
                        "tiny when λ₀ ≪ λ_max (it survived calibration seed 10 on Gaussian points); "
                        "orthogonal points give λ₀ = λ_max, ηλ₀ = 1 and a mutated rate of −1"),),
    note="Run at η = 1/λ_max (larger than the theorem's O(λ₀/n²), which only makes the check harder) "
         "and √m·κ = 10; the catalogue saw the contraction fail at √m·κ <= 1.",
)
