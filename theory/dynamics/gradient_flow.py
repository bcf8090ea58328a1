"""Losses, dual variables and (discretised) gradient flow for the two-layer net of theory.nets.two_layer_relu.

Telgarsky 2023, Section 1.2 ("Margins and dual variables") and Appendix A.3:

* ℓ_exp(z) = e^{−z}, ℓ_log(z) = ln(1 + e^{−z}) (:mod:`theory.losses`, named "exponential" and
  "logistic" there and here); R̂(W) = (1/n) Σ_i ℓ(p_i(W)).
* The smoothed margin γ̃ = ℓ⁻¹(Σ_i ℓ(p_i)) and the normalised smoothed margin γ̊ = γ̃/‖W‖².
* The duals q = ∇_p γ̃, q_i = ℓ'(p_i)/ℓ'(γ̃), and 𝒬 with −ℓ'(p_i) = q_i 𝒬. The paper prints
  𝒬 := ℓ'(γ̃) (negative); the identity needs 𝒬 := |ℓ'(γ̃)| (catalogue m3). :func:`duals` returns the
  positive one.
* Gradient flow Ẇ = −∇R̂ = (𝒬/n) Σ_i q_i ∇p_i(W) (the 1/n kept, catalogue §0.2).

Everything stays in log space where losses underflow: the GF direction Σ q_i ∇p_i is computed from
q (a softmax for exp), and a GD step's length (η𝒬/n) from log 𝒬.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from theory.lazy import lazy

special = lazy("scipy.special")

from theory import losses
from theory.nets import two_layer_relu as nets
from theory.errors import InputError
from theory.validation import as_matrix, as_vector, callable_arg, finite_array, finite_real, iterations


@dataclass(frozen=True)
class Duals:
    q: np.ndarray        # q_i = ℓ'(p_i)/ℓ'(γ̃) > 0
    Q: float             # 𝒬 = |ℓ'(γ̃)| > 0 (may underflow to 0; use log_Q)
    log_Q: float
    smoothed: float      # γ̃


def duals(p, loss: str) -> Duals:
    """q, 𝒬 = |ℓ'(γ̃)| and γ̃ with −ℓ'(p_i) = q_i 𝒬 (Section 1.2; sign as in catalogue m3).

    γ̃ = ℓ⁻¹(Σ_i ℓ(p_i)) is :func:`theory.losses.smoothed_margin` (the ψ of the 2-homogeneity paper's
    Lemma A.1)."""
    kind = losses.check_loss(loss)
    p = as_vector(p, "p", min_length=1)
    g = losses.smoothed_margin(p, kind)
    log_Q = losses.log_neg_derivative_at(g, kind)
    if kind == "exponential":
        q = special.softmax(-p)
    else:
        # q_i = |ℓ'(p_i)| / |ℓ'(γ̃)| = expit(−p_i) (1 + e^{γ̃}), in log space
        q = np.exp(-np.logaddexp(0.0, p) - log_Q)
    return Duals(q=q, Q=math.exp(log_Q) if log_Q < 709.0 else math.inf, log_Q=log_Q, smoothed=g)


def gf_direction(a, V, X, y, loss: str):
    """(Σ_i q_i ∇p_i(W), duals, p): Ẇ_GF = (𝒬/n) times the direction; no underflow."""
    p = nets.margins(a, V, X, y)
    du = duals(p, loss)
    ga, gV = nets.weighted_gradient(a, V, X, y, du.q)
    return (ga, gV), du, p


def risk_gradient(a, V, X, y, loss: str):
    """∇R̂(W) = (1/n) Σ_i ℓ'(p_i) ∇p_i(W) as (g_a, g_V)."""
    p = nets.margins(a, V, X, y)
    return nets.weighted_gradient(a, V, X, y, -losses.neg_derivative(p, loss) / len(p))


def gf_velocity(a, V, X, y, loss: str):
    """Ẇ = −∇R̂(W) (Section 1.2, eq. (1.2) at a differentiable point)."""
    ga, gV = risk_gradient(a, V, X, y, loss)
    return -ga, -gV


@dataclass(frozen=True)
class MarginRates:
    """Time derivatives along GF at one W (1/n convention)."""

    smoothed_normalized: float   # dγ̊/dt, exact
    lower_bound: float           # (4𝒬P/(n‖W‖⁴))(P − γ̃), P = Σ q_i p_i (catalogue §3.2)
    hard_normalized: float       # d/dt min_i p_i/‖W‖² (min over the tied argmins)
    smoothed: float              # γ̃
    scale: float                 # size of the terms that cancel in dγ̊/dt (for tolerances)


def margin_rates(a, V, X, y, loss: str) -> MarginRates:
    """dγ̊/dt and d γ/dt along GF at W, plus the provable lower bound of Lyu–Li's monotonicity.

    With Ẇ = (𝒬/n) g, g = Σ q_i ∇p_i and ⟨W, g⟩ = 2P (Euler):
    dγ̊/dt = (𝒬/n)[‖g‖²/‖W‖² − 4γ̃P/‖W‖⁴] ≥ (4𝒬P/(n‖W‖⁴))(P − γ̃) (Cauchy–Schwarz).
    """
    a, V = nets.check_weights(a, V)
    (ga, gV), du, p = gf_direction(a, V, X, y, loss)
    n = len(p)
    N2 = nets.squared_norm(a, V)
    g2 = float(ga @ ga + np.sum(gV * gV))
    P = float(du.q @ p)
    rate = du.Q / n
    exact = rate * (g2 / N2 - 4.0 * du.smoothed * P / N2**2)
    bound = rate * 4.0 * P * (P - du.smoothed) / N2**2
    # hard margin: derivative of p_k/‖W‖² for the minimisers k
    vel_a, vel_V = rate * ga, rate * gV
    Ga, GV = nets.margin_gradients(a, V, X, y)
    dp = Ga @ vel_a + np.einsum("imd,md->i", GV, vel_V)
    dN2 = 2.0 * float(a @ vel_a + np.sum(V * vel_V))
    pmin = p.min()
    ties = np.abs(p - pmin) <= 1e-12 * max(1.0, abs(pmin))
    hard = float(np.min(dp[ties] / N2 - p[ties] * dN2 / N2**2))
    scale = rate * (g2 / N2 + 4.0 * abs(du.smoothed * P) / N2**2)
    return MarginRates(exact, bound, hard, du.smoothed, scale)


# -- discretised gradient flow --------------------------------------------------------------------

class TwoLayerModel:
    """F(x; a, V) = aᵀσ(Vx) on fixed data, in the form the GF runner uses (params = (a, V))."""

    def __init__(self, X, y):
        self.X, self.y = nets.check_data(X, y)

    def margins(self, params):
        return nets.margins(*params, self.X, self.y)

    def weighted_gradient(self, params, weights):
        return nets.weighted_gradient(*params, self.X, self.y, weights)


class ScalarModel:
    """Theorem 3.3's x ↦ Σ_j a_j σ(b_j u_jᵀx) with frozen unit u_j (params = (a, b)).

    The directions u_j never move, so the pre-activations Z = XUᵀ (n × m) are formed once and kept
    on ``device`` ('cpu', or 'cuda' for the literal widths, m up to about 2·10⁶ at d = 4). The
    parameters stay float64 numpy vectors; each call moves only a and b (m numbers each) to the
    device and the n margins or the two m-vectors of the gradient back. With σ'(0) = 0 (the
    selection of :func:`theory.nets.two_layer_relu.relu_slope`):

    * p_i = y_i Σ_j a_j σ(b_j Z_ij);
    * Σ_i w_i ∇_a p_i = (w ⊙ y)ᵀσ(Z ⊙ b),  Σ_i w_i ∇_b p_i = a ⊙ (w ⊙ y)ᵀ(Z ⊙ 1[Z ⊙ b > 0]).
    """

    def __init__(self, U, X, y, device: str = "cpu"):
        import torch
        self.U = as_matrix(U, "U")
        self.X, self.y = nets.check_data(X, y, self.U.shape[1])
        if device not in ("cpu", "cuda"):
            raise InputError(f"device must be 'cpu' or 'cuda', got {device!r}")
        if device == "cuda" and not torch.cuda.is_available():
            raise InputError("device 'cuda' asked for, but torch.cuda.is_available() is False")
        self.device = device
        self._Z = torch.as_tensor(self.X @ self.U.T, device=device)
        self._y = torch.as_tensor(self.y, device=device)

    def _vectors(self, params):
        import torch
        if len(params) != 2:
            raise InputError(f"params must be the pair (a, b), got {len(params)} arrays")
        m = self.U.shape[0]
        a, b = (as_vector(v, name, length=m) for v, name in zip(params, ("a", "b")))
        return torch.as_tensor(a, device=self.device), torch.as_tensor(b, device=self.device)

    def margins(self, params):
        a, b = self._vectors(params)
        return (self._y * ((self._Z * b).clamp_min_(0.0) @ a)).cpu().numpy()

    def weighted_gradient(self, params, weights):
        import torch
        a, b = self._vectors(params)
        wy = torch.as_tensor(as_vector(weights, "weights", length=len(self.y)), device=self.device) * self._y
        bz = self._Z * b
        active = bz > 0
        ga = wy @ bz.clamp_min_(0.0)
        gb = a * (wy @ (self._Z * active))
        return ga.cpu().numpy(), gb.cpu().numpy()


@dataclass
class Trajectory:
    """Quantities recorded along a discretised GF run (every step), and W at geometric steps."""

    steps: list[int] = field(default_factory=list)
    times: list[float] = field(default_factory=list)        # accumulated GF time
    smoothed_normalized: list[float] = field(default_factory=list)   # γ̊(W_s)
    hard_normalized: list[float] = field(default_factory=list)       # γ(W_s)
    norms: list[float] = field(default_factory=list)        # ‖W_s‖
    rounding: list[float] = field(default_factory=list)     # (max|p_i| + ln n)/‖W_s‖²: γ̊'s scale
    snapshots: dict[int, tuple] = field(default_factory=dict)
    final: tuple = ()


def geometric_steps(total: int, count: int = 30) -> set[int]:
    """About ``count`` step indices in geometric progression in [0, total] (0 and total included)."""
    total, count = iterations(total, "total", limit=10**15), iterations(count, "count", limit=10**6)
    return {0, total} | {int(round(x)) for x in np.geomspace(1, total, count)}


def run_gradient_flow(model, params, loss: str, *, steps: int, step: float = 1.0,
                      relative: float | None = None, snapshot_count: int = 30) -> Trajectory:
    """Discretised GF on R̂ for ``model`` from ``params``, recording γ̊, γ, ‖W‖ at every step.

    Step-size control (both follow the GF path, catalogue §3.3):

    * ``relative=None``: gradient descent W ← W − step·∇R̂ = W + step·(𝒬/n)·g, g = Σ_i q_i∇p_i,
      with 𝒬/n formed in log space so a tiny loss does not underflow the step;
    * ``relative=c``: loss-independent steps along g of length c·‖W‖/(1 + ‖W‖²), the scale at
      which γ̊ (smoothing temperature ln n/‖W‖²) is resolved; the GF time is accumulated in log space.
    """
    losses.check_loss(loss)
    for method in ("margins", "weighted_gradient"):
        callable_arg(getattr(model, method, None), f"model.{method}")
    if isinstance(params, (str, bytes)) or not hasattr(params, "__iter__"):
        raise InputError(f"params must be a tuple of arrays, got {type(params).__name__}")
    params = tuple(params)
    if isinstance(model, (TwoLayerModel, ScalarModel)) and len(params) != 2:
        raise InputError(f"params must be the pair {'(a, V)' if isinstance(model, TwoLayerModel) else '(a, b)'} "
                         f"of {type(model).__name__}, got {len(params)} arrays")
    for i, p in enumerate(params):
        finite_array(p, f"params[{i}]")
    params = tuple(np.array(p, dtype=np.float64) for p in params)
    steps = iterations(steps, "steps")
    iterations(snapshot_count, "snapshot_count", limit=10**6)
    step = finite_real(step, "step", lo=0.0, lo_open=True)
    if relative is not None:
        relative = finite_real(relative, "relative", lo=0.0, lo_open=True)
    keep = geometric_steps(steps, snapshot_count)
    traj = Trajectory()
    t = 0.0
    for s in range(steps + 1):
        p = model.margins(params)
        n = len(p)
        du = duals(p, loss)
        grad = model.weighted_gradient(params, du.q)
        N2 = float(sum(np.sum(x * x) for x in params))
        traj.steps.append(s)
        traj.times.append(t)
        traj.smoothed_normalized.append(du.smoothed / N2)
        traj.hard_normalized.append(float(p.min()) / N2)
        traj.norms.append(math.sqrt(N2))
        traj.rounding.append((float(np.abs(p).max()) + math.log(n)) / N2)
        if s in keep:
            traj.snapshots[s] = tuple(x.copy() for x in params)
        if s == steps:
            break
        if relative is None:
            h = step * math.exp(du.log_Q - math.log(n))   # = η 𝒬/n
            t += step
        else:
            gnorm = math.sqrt(float(sum(np.sum(g * g) for g in grad)))
            if gnorm == 0.0:
                break
            h = relative * math.sqrt(N2) / (1.0 + N2) / gnorm
            t += h * n * math.exp(min(-du.log_Q, 700.0))
        params = tuple(x + h * g for x, g in zip(params, grad))
    traj.final = params
    return traj


def run_gradient_descent(a, V, X, y, loss: str, **kwargs) -> Trajectory:
    """:func:`run_gradient_flow` for the two-layer net F(x; a, V)."""
    a, V = nets.check_weights(a, V)
    return run_gradient_flow(TwoLayerModel(X, y), (a, V), loss, **kwargs)
