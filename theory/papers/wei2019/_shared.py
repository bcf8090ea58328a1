"""Wei et al. 2019: what several section files share — where results are cited (``src`` and the
section titles of the long version), rounding bounds, and the instances more than one section builds
(the signed NTK matrix over supp D, the mean-field instance of Section 3 / Appendix E)."""

from __future__ import annotations

import math

import numpy as np

from theory import losses
from theory.data import hard_distribution as hd
from theory.dynamics import mean_field
from theory.kernels import relu_ntk
from theory.bibliography import WEI2019
from theory.claims import Choice, Int, Real, Seed, Source, Space
from theory.tolerances import EPS


def src(result: str, section: str, line: int) -> Source:
    return Source(WEI2019, result, section, line)


SEC2 = "2 Generalization of Regularized Neural Net vs. NTK Kernel"
SEC3 = "3 Perturbed Wasserstein Gradient Flow Finds Global Optimizers in Polynomial Time"
SEC4 = "4 Weak Regularizer Guarantees Max Margin Solutions"
APPB = "B Missing Proofs in Section 2"
APPC = "C Missing Proofs for Section 4"
APPD = "D Generalization Bounds for Neural Nets"
APPE = "E Missing Proofs for Section 3"


def float_sum_error(terms: int, magnitude: float) -> float:
    """Rounding bound for a float64 sum of ``terms`` values of total absolute size ``magnitude``."""
    return 2 * terms * EPS * magnitude + 1e-300


def kernel_on_support(d, n, rng, *, symmetric=True, tau1=0.5, tau2=0.5):
    """(signed kernel matrix A_{ji} = y_j K(x_i, s_j) over supp D, support, its labels, sample, the
    sample's labels)."""
    if symmetric:
        X, y = hd.sample(n, d, rng)
        S, ys = hd.support(d)
    else:
        X, y = hd.asymmetric_sample(n, d, rng)
        S, ys = hd.asymmetric_support(d)
    return ys[:, None] * relu_ntk.ntk(S, X, tau1, tau2), S, ys, X, y


def mean_field_instance(inst, activation="relu"):
    """Example 3.2 on random data: a Problem and a random particle measure ρ (Dirichlet weights)."""
    rng = inst.rng("mf")
    X = rng.standard_normal((inst.n, inst.d)) * rng.uniform(0.2, 2.0)
    y = rng.choice([-1.0, 1.0], inst.n)
    if inst.data == "aligned":  # y_i x_i all close to one direction: ∇R·Φ adds up coherently
        e = rng.standard_normal(inst.d)
        X = y[:, None] * (e / np.linalg.norm(e) + 0.05 * X)
    problem = mean_field.Problem(X, y, inst.lam, activation=activation)
    M = inst.particles
    theta = rng.standard_normal((M, inst.d + 1)) * rng.exponential(1.0, (M, 1))
    return problem, mean_field.Particles(theta, rng.dirichlet(np.ones(M))), rng


MF_SPACE = Space(n=Int(1, 30), d=Int(1, 6), particles=Int(1, 40), lam=Real(1e-4, 10.0, log=True),
                 data=Choice("random", "aligned"), seed=Seed())


#: false-alarm share per instance: 1e-4 over up to 2000 instances (thorough profile)
MC_ALPHA = 1e-4 / 2000


def random_deep_net(rng, d, widths, outputs=1, spread=1.0):
    """Weights W_1..W_q of f(x) = W_q φ(W_{q−1} … φ(W_1 x)) (eq. 4.2) with log-uniform layer scales."""
    dims = [d, *widths, outputs]
    return [rng.standard_normal((dims[j + 1], dims[j])) * math.exp(rng.uniform(-spread, spread))
            for j in range(len(dims) - 1)]


def deep_forward(Ws, X, bias=0.0):
    """Outputs (n, outputs) of the ReLU net of eq. 4.2 (``bias`` added after the last layer)."""
    H = np.asarray(X, dtype=np.float64).T
    for W in Ws[:-1]:
        H = np.maximum(W @ H, 0.0)
    return (Ws[-1] @ H).T + bias


def random_two_layer(rng, m, d):
    return rng.standard_normal((m, d)) * rng.exponential(1.0, (m, 1)), rng.standard_normal(m) * 2


# --- Theorem 4.1 with an exactly computable minimizer: the linear model (a = 1, r = 2) ---------
def regularized_logistic_risk(A, w, lam) -> float:
    """L(w) = (1/n)Σ_i ℓ_log(a_iᵀw) + λ‖w‖² for the label-signed rows a_i = y_i x_i of A (the
    objective of Theorem 4.1 for the linear model)."""
    return float(np.mean(losses.loss_values(A @ w)) + lam * w @ w)


def regularized_logistic_minimizer(X, y, lam):
    """argmin_w (1/n)Σ log(1 + e^{−y_i wᵀx_i}) + λ‖w‖² (trust-region Newton, scipy) and the
    suboptimality bound ‖∇L‖²/(4λ) from 2λ-strong convexity."""
    from scipy.optimize import minimize
    A = y[:, None] * X
    n = len(y)

    def fun(w):
        return regularized_logistic_risk(A, w, lam)

    def jac(w):
        return -(A.T @ losses.neg_derivative(A @ w)) / n + 2 * lam * w

    def hess(w):
        s = losses.second_derivative(A @ w)
        return (A.T * s) @ A / n + 2 * lam * np.eye(len(w))

    res = minimize(fun, np.zeros(X.shape[1]), jac=jac, hess=hess, method="trust-exact",
                   options={"gtol": 1e-14, "maxiter": 500})
    g = jac(res.x)
    return res.x, float(g @ g) / (4 * lam)
