"""Mean-field two-layer nets and the perturbed Wasserstein gradient flow of Wei et al. 2019, §3 / App. E.

A measure ρ over θ = (w, u) ∈ ℝ^{1+d} is represented by weighted particles (θ_j, p_j), Σ p_j = 1.
Example 3.2: Φ_i(θ) = w·φ(uᵀx_i) (k = n outputs), V(θ) = λ‖θ‖², and

    L[ρ] = R(∫Φ dρ) + ∫V dρ,   R(a) = c·Σ_i log(1 + e^{−y_i a_i})   (eq. 3.1),

with c = 1 as printed in Example 3.2, or c = 1/n to match eq. 2.2 (``normalized=True``). Its first
variation is L'[ρ](θ) = ⟨∇R(∫Φdρ), Φ(θ)⟩ + V(θ) and the velocity v[ρ] = −∇_θ L'[ρ]. The perturbed
flow (eq. 3.2) ∂_tρ = −σρ + σU^d − ∇·(vρ) is simulated by :func:`perturbed_step` (weights shrink by
1 − ησ, particles move by ηv, fresh mass ησ appears on K uniform points of S^d).

φ is the ReLU (``"relu"``, 2-homogeneous Φ, differentiable off the kinks) or the identity
(``"linear"``, smooth bilinear Φ for finite-difference checks).

Also here: the normalized measure of a spherical cap (Lemma E.14) and Ball's lower bound on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from theory.lazy import lazy

special = lazy("scipy.special")

from theory import losses
from theory.errors import InputError
from theory.validation import (array_size, as_matrix, as_vector, finite_array, finite_real, positive_int,
                               rng_generator)

ACTIVATIONS = ("relu", "linear")


@dataclass(frozen=True)
class Problem:
    """Data and regulariser of Example 3.2: inputs X (n×d), labels y ∈ {±1}^n, λ, R's scale."""

    X: np.ndarray
    y: np.ndarray
    lam: float
    activation: str = "relu"
    normalized: bool = True

    def __post_init__(self):
        X = as_matrix(self.X, "X")
        y = as_vector(self.y, "y", length=X.shape[0])
        if not np.all(np.abs(y) == 1):
            raise InputError("y must be ±1 labels")
        finite_real(self.lam, "lam", lo=0.0)
        if not isinstance(self.activation, str) or self.activation not in ACTIVATIONS:
            raise InputError(f"activation must be one of {ACTIVATIONS}, got {self.activation!r}")
        object.__setattr__(self, "X", X)
        object.__setattr__(self, "y", y)

    @property
    def n(self) -> int:
        return self.X.shape[0]

    @property
    def scale(self) -> float:
        return 1.0 / self.n if self.normalized else 1.0

    # --- Φ and its gradient ---------------------------------------------------------------
    def phi(self, theta) -> np.ndarray:
        """Φ(θ_j)_i = w_j φ(u_jᵀx_i) for each row θ_j = (w_j, u_j): shape (M, n)."""
        T = self._thetas(theta)
        pre = T[:, 1:] @ self.X.T
        act = np.maximum(pre, 0.0) if self.activation == "relu" else pre
        return T[:, :1] * act

    def _thetas(self, theta) -> np.ndarray:
        T = as_matrix(np.atleast_2d(theta), "theta")
        if T.shape[1] != self.X.shape[1] + 1:
            raise InputError(f"theta must have 1 + d = {self.X.shape[1] + 1} columns, got {T.shape[1]}")
        return T

    # --- R ------------------------------------------------------------------------------
    def risk(self, a) -> float:
        return float(self.scale * np.sum(losses.loss_values(self.y * a)))

    def risk_gradient(self, a) -> np.ndarray:
        """∂R/∂a_i = −c·y_i·σ(−y_i a_i)."""
        return -self.scale * self.y * losses.neg_derivative(self.y * a)

    # --- the functional ------------------------------------------------------------------
    def outputs(self, rho: "Particles") -> np.ndarray:
        """∫Φ dρ = Σ_j p_j Φ(θ_j) (the network's outputs on X)."""
        return rho.p @ self.phi(rho.theta)

    def loss(self, rho: "Particles") -> float:
        """L[ρ] = R(∫Φdρ) + λ·E_ρ‖θ‖²  (eq. 3.1)."""
        return self.risk(self.outputs(rho)) + self.lam * float(rho.p @ np.sum(rho.theta**2, axis=1))

    def first_variation(self, rho: "Particles", theta) -> np.ndarray:
        """L'[ρ](θ) = ⟨∇R(∫Φdρ), Φ(θ)⟩ + λ‖θ‖² at each row of ``theta``."""
        T = self._thetas(theta)
        g = self.risk_gradient(self.outputs(rho))
        return self.phi(T) @ g + self.lam * np.sum(T**2, axis=1)

    def velocity(self, rho: "Particles", theta) -> np.ndarray:
        """v[ρ](θ) = −∇_θ L'[ρ](θ) at each row of ``theta`` (shape (M, 1 + d))."""
        T = self._thetas(theta)
        g = self.risk_gradient(self.outputs(rho))
        pre = T[:, 1:] @ self.X.T
        act = np.maximum(pre, 0.0) if self.activation == "relu" else pre
        slope = (pre > 0).astype(np.float64) if self.activation == "relu" else np.ones_like(pre)
        grad_w = act @ g
        grad_u = T[:, :1] * ((slope * g[None, :]) @ self.X)
        grad = np.hstack([grad_w[:, None], grad_u]) + 2 * self.lam * T
        return -grad

    # --- regularity constants of Assumptions E.1–E.3 for this problem --------------------
    def constants(self) -> dict:
        """M_R, B_Φ, M_Φ, B_V, M_V and the derived B_L = M_R B_Φ + B_V, c₂ = √k M_R M_Φ + M_V.

        On the unit sphere |w|‖u‖ <= ½, so |Φ_i| <= ½‖x_i‖ (B_Φ = ½‖X‖_F); ∇_θ Φ_i has norm
        <= sqrt(‖u‖² + w²)‖x_i‖ = ‖x_i‖ (M_Φ = max ‖x_i‖); ‖∇R‖ <= c√n; V = λ on the sphere.
        """
        c, n = self.scale, self.n
        norms = np.linalg.norm(self.X, axis=1)
        M_R = c * math.sqrt(n)
        B_phi = 0.5 * float(np.linalg.norm(self.X))
        M_phi = float(norms.max())
        B_V, M_V = self.lam, 2 * self.lam
        return {"M_R": M_R, "B_Phi": B_phi, "M_Phi": M_phi, "B_V": B_V, "M_V": M_V,
                "B_L": M_R * B_phi + B_V, "c2": math.sqrt(n) * M_R * M_phi + M_V}


@dataclass
class Particles:
    """A discrete measure Σ_j p_j δ_{θ_j}: rows of ``theta`` and weights ``p`` summing to 1."""

    theta: np.ndarray
    p: np.ndarray

    def __post_init__(self):
        self.theta = as_matrix(self.theta, "theta")
        self.p = as_vector(self.p, "p", length=self.theta.shape[0])
        if np.any(self.p < 0) or abs(self.p.sum() - 1.0) > 1e-9:
            raise InputError("p must be non-negative weights summing to 1")

    @classmethod
    def from_network(cls, U, w) -> "Particles":
        """ρ = (1/m)Σ_j δ_{√m·(w_j, u_j)}: reproduces a width-m net's outputs and ‖Θ‖_F² (Ex. 3.2)."""
        U = as_matrix(U, "U")
        w = as_vector(w, "w", length=U.shape[0])
        m = U.shape[0]
        return cls(math.sqrt(m) * np.hstack([w[:, None], U]), np.full(m, 1.0 / m))

    def second_moment(self) -> float:
        """W² = E_ρ‖θ‖²."""
        return float(self.p @ np.sum(self.theta**2, axis=1))


def uniform_sphere(count: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` i.i.d. uniform points on the unit sphere of ℝ^dim."""
    count = positive_int(count, "count")
    dim = positive_int(dim, "dim")
    rng = rng_generator(rng)
    array_size((count, dim), "count and dim")
    G = rng.standard_normal((count, dim))
    return G / np.linalg.norm(G, axis=1, keepdims=True)


def _check_state(problem, rho) -> None:
    if not isinstance(problem, Problem):
        raise InputError(f"problem must be a mean_field.Problem, got {type(problem).__name__}")
    if not isinstance(rho, Particles):
        raise InputError(f"rho must be mean_field.Particles, got {type(rho).__name__}")


def perturbed_step(problem: Problem, rho: Particles, eta: float, sigma: float,
                   fresh: np.ndarray | None) -> Particles:
    """One step of ρ ← ρ + η(−σρ + σU^d − ∇·(v[ρ]ρ)) on particles.

    Particles move by η·v[ρ], their weights shrink by (1 − ησ), and the rows of ``fresh`` (points
    of S^d standing for U^d) are appended with total weight ησ. ``fresh`` may be None when σ = 0.
    """
    _check_state(problem, rho)
    eta = finite_real(eta, "eta", lo=0.0, lo_open=True)
    sigma = finite_real(sigma, "sigma", lo=0.0)
    if eta * sigma >= 1:
        raise InputError("eta*sigma must be < 1")
    if sigma > 0 and fresh is None:
        raise InputError("fresh (the points standing for U^d) is needed when sigma > 0")
    moved = rho.theta + eta * problem.velocity(rho, rho.theta)
    if sigma == 0 or fresh is None:
        return Particles(moved, rho.p)
    fresh = as_matrix(fresh, "fresh")
    if fresh.shape[1] != rho.theta.shape[1]:
        raise InputError(f"fresh must have {rho.theta.shape[1]} columns (1 + d), got {fresh.shape[1]}")
    p = np.concatenate([(1 - eta * sigma) * rho.p, np.full(len(fresh), eta * sigma / len(fresh))])
    return Particles(np.vstack([moved, fresh]), p / p.sum())


def resampling_step(problem: Problem, rho: Particles, eta: float, sigma: float,
                    rng: np.random.Generator) -> Particles:
    """The same flow with a fixed particle count: move, then re-draw each particle uniformly on S^d
    with probability ησ ("re-initialise a small fraction of neurons")."""
    _check_state(problem, rho)
    finite_real(eta, "eta", lo=0.0, lo_open=True)
    finite_real(sigma, "sigma", lo=0.0)
    rng_generator(rng)
    theta = rho.theta + eta * problem.velocity(rho, rho.theta)
    redraw = rng.random(len(theta)) < eta * sigma
    if redraw.any():
        theta[redraw] = uniform_sphere(int(redraw.sum()), theta.shape[1], rng)
    return Particles(theta, rho.p)


# --- Lemma E.14: spherical caps ---------------------------------------------------------------

def cap_measure(d: int, r) -> np.ndarray:
    """Normalized measure of {θ̄ ∈ S^d : ‖θ̄ − θ̄₀‖ <= r} on the unit sphere S^d ⊂ ℝ^{d+1}.

    With half-angle φ = arccos(1 − r²/2): ½·I_{sin²φ}(d/2, ½) for φ <= π/2, and one minus the
    complementary cap otherwise (I is the regularized incomplete beta function).
    """
    d = positive_int(d, "d")
    r = finite_array(r, "r")
    if np.any(r < 0):
        raise InputError("r must be finite and non-negative")
    phi = np.arccos(np.clip(1 - r * r / 2, -1.0, 1.0))
    small = 0.5 * special.betainc(d / 2, 0.5, np.sin(np.minimum(phi, math.pi - phi)) ** 2)
    return np.where(r >= 2, 1.0, np.where(phi <= math.pi / 2, small, 1.0 - small))


def ball_cap_bound(d: int, r) -> np.ndarray:
    """Ball (1997), Lemma 2.3 on S^d: a cap of Euclidean radius r <= 2 has measure >= ½(r/2)^d."""
    d = positive_int(d, "d")
    r = finite_array(r, "r")
    if np.any(r < 0) or np.any(r > 2):
        raise InputError("r must lie in [0, 2] (the Euclidean radius of a cap of the unit sphere)")
    return 0.5 * (r / 2) ** d
