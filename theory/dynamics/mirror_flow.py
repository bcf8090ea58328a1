"""Lemma 3.2's reparameterisation u = |a ⊙ b| and the entropy mirror flow it turns into.

For h = ⟨a ⊙ b, F⟩ let g_j = ∂𝓛/∂(a_j b_j). Gradient flow on (a, b) is ȧ = −g ⊙ b, ḃ = −g ⊙ a, so
a² − b² is conserved and, from a balanced start |a(0)| = |b(0)|, u = a² = b² = β a b with
β = sgn(a(0) b(0)) obeys d ln u/dt = −2 β ⊙ g = −2 ∇_u 𝓛_s(u) (eq. (3)): a mirror flow with the
entropy map ∇φ = ln (2-homogeneity paper, Lemma 3.2, Section 3.2).

Gradient *descent* keeps it exact in discrete time: one step (a, b) ← (a − ηg⊙b, b − ηg⊙a) from a
balanced pair gives u' = u ⊙ (1 − η ∇_u𝓛)², a multiplicative-weights update (no O(η²) error).

:func:`mirror_descent` runs the entropy mirror descent θ ← θ − η∇f_k(e^θ) on a convex time-varying
objective and keeps the exact bookkeeping of Lemma 3.3: with D = KL (theory.probability.divergences),
η⟨∇f_k(u_k), u_k − ū⟩ = D(ū,u_k) − D(ū,u_{k+1}) + D(u_k,u_{k+1}), so the discrete regret exceeds
the continuous bound of Lemma 3.3 only by Σ_k D(u_k, u_{k+1}), which vanishes as η → 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from theory.probability import divergences
from theory.errors import InputError
from theory.validation import as_vector, callable_arg, finite_real, iterations


def gd_step_on_pair(a, b, g, eta: float) -> tuple[np.ndarray, np.ndarray]:
    """One gradient step on (a, b) for a loss with gradient g with respect to the product a ⊙ b."""
    a, b = as_vector(a, "a"), as_vector(b, "b", length=len(a))
    g = as_vector(g, "g", length=len(a))
    eta = finite_real(eta, "eta", lo=0.0, lo_open=True)
    return a - eta * g * b, b - eta * g * a


def multiplicative_weights_step(u, grad_u, eta: float) -> np.ndarray:
    """u ⊙ (1 − η ∇_u𝓛)²: the exact image of u = |a ⊙ b| under one balanced GD step."""
    u = as_vector(u, "u")
    grad_u = as_vector(grad_u, "grad_u", length=len(u))
    eta = finite_real(eta, "eta", lo=0.0, lo_open=True)
    return u * (1.0 - eta * grad_u) ** 2


def log_product_rate(a, b, g) -> np.ndarray:
    """d/dt ln|a_j b_j| under gradient flow: −g_j (a_j² + b_j²)/(a_j b_j) (any a, b ≠ 0)."""
    a, b = as_vector(a, "a"), as_vector(b, "b", length=len(a))
    g = as_vector(g, "g", length=len(a))
    if np.any(a * b == 0):
        raise InputError("a ⊙ b has a zero entry: ln|a_j b_j| is undefined")
    return -g * (a * a + b * b) / (a * b)


@dataclass
class MirrorRun:
    """A discrete entropy mirror-descent run and the sums Lemma 3.3 needs (left Riemann sums)."""

    u: np.ndarray             # (K+1, m) iterates
    eta: float
    loss_path: np.ndarray     # f_k(u_k), k < K
    loss_reference: np.ndarray  # f_k(ū), k < K
    step_divergence: np.ndarray  # D(u_k, u_{k+1}), k < K
    g_path: np.ndarray        # G_k (mean −ℓ' along the path), k < K

    @property
    def time(self) -> float:
        return self.eta * (len(self.u) - 1)


def mirror_descent(grad_and_value: Callable[[int, np.ndarray], tuple[np.ndarray, float, float]],
                   reference_value: Callable[[int], float], u0, eta: float, steps: int) -> MirrorRun:
    """θ_{k+1} = θ_k − η ∇f_k(u_k), u = e^θ. ``grad_and_value(k, u)`` returns (∇f_k(u), f_k(u), G_k)."""
    callable_arg(grad_and_value, "grad_and_value")
    callable_arg(reference_value, "reference_value")
    u = divergences.positive_vector(u0, "u0")
    eta = finite_real(eta, "eta", lo=0.0, lo_open=True)
    steps = iterations(steps, "steps")
    us, fs, refs, divs, gs = [u], [], [], [], []
    theta = np.log(u)
    for k in range(steps):
        out = grad_and_value(k, u)
        if isinstance(out, (str, bytes)) or not hasattr(out, "__len__") or len(out) != 3:
            raise InputError(f"grad_and_value must return (gradient, value, G), got {type(out).__name__}")
        grad, value, G = out
        as_vector(grad, "the gradient returned by grad_and_value", length=len(u))
        theta = theta - eta * grad
        new = np.exp(theta)
        fs.append(value)
        refs.append(reference_value(k))
        divs.append(divergences.kl(u, new))
        gs.append(G)
        u = new
        us.append(u)
    return MirrorRun(np.array(us), eta, np.array(fs), np.array(refs), np.array(divs), np.array(gs))
