"""Shared pieces of the Telgarsky (2023) claims: citations, random networks and data with ‖x‖ <= 1,
and the instance generators several sections use (separable data, transports, Proposition 2.6's
construction).
"""

from __future__ import annotations

import math

import numpy as np

from theory.data import hypercube
from theory import losses
from theory.margins import max_margin
from theory.nets import two_layer_relu as nets
from theory.margins import ntk_margin
from theory.data import sparse_parity
from theory.bibliography import TELGARSKY2023
from theory.claims import Source
from theory.domains import Choice, Int, Real, Seed, Space
from theory.tolerances import dot_error


def src(result: str, section: str, line: int) -> Source:
    return Source(TELGARSKY2023, result, section, line)


S12 = "1.2 Notation"
S2 = "2 Margins at least as good as the NTK"
S3 = "3 Margins beyond the NTK"
APP_A = "A Technical preliminaries"
APP_B = "B Proofs for Section 2"
APP_C = "C Proofs for Section 3"


def draw_inputs(rng, n: int, d: int, mode: str) -> np.ndarray:
    """n inputs with ‖x‖ <= 1: on the sphere, in the ball, on the cube {±1/√d}^d (exact ReLU ties
    with integer weights), or all equal (every margin tied)."""
    if mode == "cube":
        return rng.choice([-1.0, 1.0], size=(n, d)) / math.sqrt(d)
    X = rng.standard_normal((n, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    if mode == "ball":
        X *= rng.uniform(0.0, 1.0, size=(n, 1))
    elif mode == "equal":
        X[:] = X[0]
    return X


def draw_weights(rng, m: int, d: int, mode: str, scale: float):
    """The standard init times ``scale``; "integer" puts V on {−1, 0, 1} (ReLU ties on the cube),
    "balanced" rescales each row so that |a_j| = ‖v_j‖·10^{U[-1,1]} (near-balanced nodes)."""
    a, V = nets.standard_init(m, d, rng)
    if mode == "integer":
        V = rng.integers(-1, 2, size=(m, d)).astype(float)
    elif mode == "balanced":
        ratio = 10.0 ** rng.uniform(-1.0, 1.0, size=m)
        a = np.sign(a) * np.linalg.norm(V, axis=1) * ratio
    return scale * a, scale * V


def random_net(inst):
    """(a, V, X, y) from a NET_SPACE instance: random labels, or the net's own signs ("teacher")."""
    rng = inst.rng("net")
    X = draw_inputs(rng, inst.n, inst.d, inst.xmode)
    a, V = draw_weights(rng, inst.m, inst.d, inst.wmode, inst.scale)
    if inst.labels == "teacher":
        y = np.sign(nets.outputs(a, V, X))
        y[y == 0] = 1.0
    else:
        y = rng.choice([-1.0, 1.0], size=inst.n)
    return a, V, X, y


NET_SPACE = Space(n=Int(1, 12), d=Int(1, 8), m=Int(1, 24), scale=Real(0.01, 100.0, log=True),
                  xmode=Choice("sphere", "ball", "cube", "equal"),
                  wmode=Choice("init", "integer", "balanced"),
                  labels=Choice("random", "teacher"), seed=Seed())


def margin_rounding(a, V, X) -> np.ndarray:
    """Per-example bound on the rounding error of p_i: γ_{d+m+2}·Σ_j |a_j|·|v_j|ᵀ|x_i|."""
    absolute = (np.abs(X) @ np.abs(V).T) @ np.abs(a)
    return dot_error(X.shape[1] + V.shape[0] + 2, 1.0) * absolute + 1e-300


def absolute_velocity(a, V, X, y, loss):
    """(1/n)Σ_i|ℓ'_i|(|∂_a p_i|, |∂_V p_i|): bounds the size of the terms inside Ẇ."""
    p = nets.margins(a, V, X, y)
    w = losses.neg_derivative(p, loss) / len(p)
    Z = np.abs(X) @ np.abs(V).T
    return Z.T @ w, np.abs(a)[:, None] * (np.ones_like(Z).T * w[None, :]) @ np.abs(X)


def nc_corrected(X, y, B, signs, gamma_nc, eps) -> bool:
    """The corrected assumption: each x_i lies in a cone k with y_i = s_k (β_kᵀx >= γ_nc, narrow);
    for every other k, x_i is in a cone with matching label or in the polar β_kᵀx <= −ε."""
    proj = X @ B.T
    perp = np.sqrt(np.maximum(np.sum(X * X, axis=1)[:, None] - proj**2, 0.0))
    cone = (proj >= gamma_nc) & (perp <= gamma_nc * math.sqrt(eps / 2)) & (y[:, None] == signs[None, :])
    polar = proj <= -eps
    return bool(np.all(cone.any(axis=1)) and np.all(cone | polar))


def separable_data(inst):
    """(X, y, ū, γ̂): unit inputs with y_i = sgn(ūᵀx_i) and |ūᵀx_i| >= inst.gap, ‖ū‖ = 1."""
    rng = inst.rng("sep")
    d = inst.d
    u = rng.standard_normal(d)
    u /= np.linalg.norm(u)
    X = rng.standard_normal((inst.n, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    # push every point to |ūᵀx| >= gap along ū, then renormalise (keeps the sign)
    s = X @ u
    sign = np.where(s >= 0, 1.0, -1.0)
    rest = X - s[:, None] * u[None, :]
    t = np.maximum(np.abs(s), inst.gap)
    rest_norm = np.linalg.norm(rest, axis=1, keepdims=True)
    rest = np.where(rest_norm > 0, rest / np.maximum(rest_norm, 1e-300), 0.0) * np.sqrt(1 - t * t)[:, None]
    X = sign[:, None] * t[:, None] * u[None, :] + rest
    y = sign
    return X, y, u, float(np.min(y * (X @ u)))


def transport_problem(inst):
    """(θ, X, y, closed-form margins per example, the claimed bound) for ``inst.transport``."""
    kind = inst.transport
    if kind in ("inner", "outer"):
        X, y, u, gap = separable_data(inst)
        if kind == "inner":
            factor, bound = ntk_margin.inner_sign_margin(inst.d), gap / 32
            theta = ntk_margin.inner_sign_transport(u)
        else:
            factor, bound = ntk_margin.outer_sign_margin(inst.d), gap / (16 * math.sqrt(inst.d))
            theta = ntk_margin.outer_sign_transport(u)
        return theta, X, y, factor * y * (X @ u), bound
    if kind in ("parity-signed", "parity-signed-indicator", "parity-printed"):
        d = inst.d
        X = hypercube.scaled_points(d)
        y = sparse_parity.parity_labels(X)
        alpha, B = sparse_parity.four_relu_reference(d)
        indicator = kind == "parity-signed-indicator"
        signs = None if kind == "parity-printed" else alpha
        theta = ntk_margin.parity_transport(B, signs=signs, indicator=indicator)
        cf = np.full(len(y), ntk_margin.parity_transport_margin(d, indicator=indicator))
        return theta, X, y, cf, 1.0 / (50 * d)
    # Lemma A.1: positive α, labels +1, unit inputs near the β_k
    rng = inst.rng("a1")
    r, d = inst.r, inst.d
    B = rng.standard_normal((r, d))
    B /= np.linalg.norm(B, axis=1, keepdims=True)
    alpha = rng.uniform(0.1, 1.0, size=r)
    alpha /= alpha.sum()
    X = B[rng.integers(r, size=inst.n)] + 0.3 * rng.standard_normal((inst.n, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    y = np.ones(inst.n)
    gl = ntk_margin.global_margin(alpha, B, X, y)
    theta = ntk_margin.global_outer_transport(alpha, B)
    return theta, X, y, ntk_margin.global_outer_margins(alpha, B, X, y), gl / (8 * math.sqrt(d)), gl


def construction(S1, S2):
    """(γ̂, u, v_0, v_1, v_2) of the proof of Proposition 2.6 for S_1 ∪ S_2 (labels +1)."""
    X = np.vstack([S1, S2])
    gamma, u = max_margin.best_linear_margin(X, np.ones(len(X)))
    v1, v2 = S1[int(np.argmin(S1 @ u))], S2[int(np.argmin(S2 @ u))]
    v0 = u - (u @ v1) * v1
    v0 /= np.linalg.norm(v0)
    return gamma, u, v0, v1, v2


def geodesic_point(v0, v1, alpha, sign=-1.0):
    """z_α = α v_0 − √(1 − α²) v_1 (``sign`` = +1 is a mutant)."""
    return alpha * v0 + sign * math.sqrt(1.0 - alpha * alpha) * v1
