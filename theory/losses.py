"""Losses on margins and the facts of Lemma A.1 of the 2-homogeneity paper (exponential, logistic).

Everything acts on a *margin vector* p ∈ ℝⁿ (p_i = y_i h(x_i) or p_i = ⟨u, z_i⟩) in float64 and in
log space, so margins of several hundred (losses near 1e-300) stay exact:

- ℓ_log(z) = ln(1 + e^{−z}), ℓ_exp(z) = e^{−z}, their first and second derivatives and inverses;
- the smoothed margin ψ(p) = ℓ⁻¹(Σ_i ℓ(p_i)) with the **sum** (Lemma A.1's convention; the paper's
  ψ(w) = ℓ⁻¹(n𝓛(w)) is the same number, Section 3.4);
- G(p) = (1/n)Σ_i |ℓ'(p_i)| (Section 3.3, Lemma A.1 part 5);
- |ℓ'| in mpmath interval arithmetic, for the certificates of errata (:func:`neg_derivative_interval`);
- ℓ_log and ψ on torch tensors, differentiable, for the trainings that need autograd or a device
  (:func:`logistic_loss_torch`, :func:`smoothed_margin_torch`).

The loss names are :data:`LOSSES`, one vocabulary for every paper: Telgarsky 2023's ℓ_exp and ℓ_log
are "exponential" and "logistic" here too, in code and in claims' domains alike, and every formula is
written once, here. :func:`check_loss` validates a name.

Accuracy notes: −ℓ_log'(z) = expit(−z) is computed as such (the form 0.5(1 − tanh(z/2)) cancels to
exactly 0 for z ≳ 36); ℓ_log⁻¹(s) = −ln(e^s − 1) switches to −s − ln(1 − e^{−s}) for s > 30.
"""

from __future__ import annotations

import numpy as np

from theory.lazy import lazy

special = lazy("scipy.special")
torch = lazy("torch")

from theory.errors import InputError
from theory.validation import as_tensor, as_vector, finite_array, finite_real, real_or_inf

LOSSES = ("logistic", "exponential")

#: (c1, c2) of Lemma A.1 part 2 as printed: min_i p_i <= ψ(p) + c1 ln n + c2
LEMMA_A1_PART2_CONSTANTS = {"logistic": (2.0, 1.0), "exponential": (1.0, 0.0)}


def check_loss(loss: str) -> str:
    """``loss`` itself, after checking that it names one of :data:`LOSSES`."""
    if not isinstance(loss, str) or loss not in LOSSES:
        raise InputError(f"loss must be one of {LOSSES}, got {loss!r}")
    return loss


def margins(p, name: str = "margins") -> np.ndarray:
    """p as a non-empty finite float64 vector."""
    v = as_vector(p, name)
    if v.size == 0:
        raise InputError(f"{name} must not be empty")
    return v


def loss_values(p, loss: str = "logistic") -> np.ndarray:
    """ℓ(p_i) elementwise, for a margin or an array of margins of any shape: log1p(e^{−p}) (logistic,
    as logaddexp(0, −p)) or e^{−p} (exponential)."""
    p = finite_array(p, "margins")
    if check_loss(loss) == "logistic":
        return np.logaddexp(0.0, -p)
    return np.exp(-p)


def neg_derivative(p, loss: str = "logistic") -> np.ndarray:
    """−ℓ'(p_i) = |ℓ'(p_i)| elementwise, for a margin or an array of margins of any shape:
    1/(1 + e^{p}) (logistic, via expit) or e^{−p} (exponential)."""
    p = finite_array(p, "margins")
    if check_loss(loss) == "logistic":
        return special.expit(-p)
    return np.exp(-p)


def second_derivative(p, loss: str = "logistic") -> np.ndarray:
    """ℓ''(p_i) elementwise, for a margin or an array of margins of any shape: σ(p)σ(−p) (logistic,
    via expit) or e^{−p} (exponential)."""
    p = finite_array(p, "margins")
    if check_loss(loss) == "logistic":
        return special.expit(p) * special.expit(-p)
    return np.exp(-p)


def inverse(s: float, loss: str = "logistic") -> float:
    """ℓ⁻¹(s) for s > 0: −ln(e^s − 1) (logistic, defined for every s > 0) or −ln s (exponential)."""
    s = finite_real(s, "s", lo=0.0, lo_open=True)
    if check_loss(loss) == "exponential":
        return float(-np.log(s))
    if s > 30.0:
        return float(-s - np.log1p(-np.exp(-s)))
    return float(-np.log(np.expm1(s)))


def total_loss_log(p, loss: str = "logistic") -> float:
    """ln Σ_i ℓ(p_i), accurate even when every ℓ(p_i) underflows."""
    p = margins(p)
    if check_loss(loss) == "exponential":
        return float(special.logsumexp(-p))
    # ln ℓ_log(z) = ln log1p(e^{-z}); for z > 30, log1p(e^{-z}) = e^{-z}(1 - e^{-z}/2 + ...)
    big = p > 30.0
    logs = np.where(big, -p + np.log1p(-0.5 * np.exp(-np.where(big, p, 30.0))),
                    np.log(np.logaddexp(0.0, -np.where(big, 0.0, p))))
    return float(special.logsumexp(logs))


def smoothed_margin(p, loss: str = "logistic") -> float:
    """ψ(p) = ℓ⁻¹(Σ_i ℓ(p_i)) (Section 3.4 with n𝓛 = Σℓ; Lemma A.1).

    Logistic, with S = Σ ℓ(p_i): ψ = −ln(e^S − 1). For S < 1e-8 the expansion
    −ln(S(1 + S/2)) = −ln S − S/2 is exact to float64, and is evaluated from ln S so that margins
    in the hundreds do not underflow.
    """
    p = margins(p)
    if check_loss(loss) == "exponential":
        return float(-special.logsumexp(-p))
    log_s = total_loss_log(p, "logistic")
    s = float(np.exp(log_s))
    if s < 1e-8:
        return float(-log_s - s / 2)
    return inverse(s, "logistic")


def mean_neg_derivative(p, loss: str = "logistic") -> float:
    """G(p) = (1/n)Σ_i |ℓ'(p_i)| (Section 3.3, Lemma A.1 part 5)."""
    return float(np.mean(neg_derivative(margins(p), loss)))


def neg_derivative_at(z: float, loss: str = "logistic") -> float:
    """−ℓ'(z) at one point."""
    return float(neg_derivative(np.array([finite_real(z, "z")]), loss)[0])


def log_neg_derivative_at(z: float, loss: str = "logistic") -> float:
    """ln |ℓ'(z)| at one point (z may be ±inf): −z (exponential) or −ln(1 + e^{z}) (logistic), finite
    where |ℓ'(z)| itself underflows."""
    kind = check_loss(loss)
    z = real_or_inf(z, "z")
    return -z if kind == "exponential" else -float(np.logaddexp(0.0, z))


def neg_derivative_interval(p, loss: str = "logistic"):
    """|ℓ'(p)| for an mpmath interval p (rigorous outward rounding): e^{−p} or 1/(1 + e^{p}).

    The interval-arithmetic twin of :func:`neg_derivative`, used by the certificates of errata
    (:mod:`theory.claims.certificates`); mpmath's ``iv`` has no expit, hence the second form.
    """
    import mpmath

    kind = check_loss(loss)
    if not isinstance(p, type(mpmath.iv.mpf(0))):
        raise InputError(f"p must be an mpmath interval (mpmath.iv.mpf), got {type(p).__name__}")
    if kind == "exponential":
        return mpmath.iv.exp(-p)
    return 1 / (1 + mpmath.iv.exp(p))


def logistic_loss_torch(p):
    """ℓ_log(p) = ln(1 + e^{−p}) elementwise on a floating torch tensor, differentiable (autograd).

    The torch twin of :func:`loss_values` for trainings that need gradients or a device. torch's
    softplus switches to the identity above 20, which perturbs ℓ' by ~e^{−20}; logaddexp does not.
    """
    p = as_tensor(p, "margins")
    return torch.logaddexp(torch.zeros_like(p), -p)


def smoothed_margin_torch(p):
    """ψ(p) = ℓ_log⁻¹(Σ_i ℓ_log(p_i)) for a 1-D torch tensor of margins, differentiable: −ln(e^S − 1)
    with S = Σ_i ℓ_log(p_i), switched to −S − ln(1 − e^{−S}) for S > 30 as in :func:`inverse`."""
    p = as_tensor(p, "margins", 1)
    if p.numel() == 0:
        raise InputError("margins must not be empty")
    S = logistic_loss_torch(p).sum()
    if float(S.detach()) > 30.0:
        return -S - torch.log1p(-torch.exp(-S))
    return -torch.log(torch.expm1(S))
