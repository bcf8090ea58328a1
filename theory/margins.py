"""Margins of a classifier on labelled data: hard, normalized and smoothed (Lyu–Li style).

With outputs f_i = f(x_i; θ) and labels y_i ∈ {±1}, the hard margin is q_min = min_i y_i f_i.
For a model positively homogeneous of order L in θ, the normalized margin is q_min / ‖θ‖^L
(Wei et al. 2019, Section 4; Telgarsky 2023). The smoothed margin replaces the min by the inverse
loss of the total loss, γ̃ = ℓ⁻¹(Σ_i ℓ(y_i f_i)), which lies in [q_min − log n, q_min] for the
exponential loss and is what gradient flow makes monotone (Lyu & Li 2020; Telgarsky 2023,
Section 3; the 2-homogeneity paper, Theorem 3.6). Everything is float64 and log-space, so margins
late in training (losses near 1e-300) do not underflow.
"""

from __future__ import annotations

import numpy as np

from theory.lazy import lazy

special = lazy("scipy.special")

from theory.errors import InputError
from theory.validation import as_vector, finite_real


def _labelled(outputs, labels) -> np.ndarray:
    f = as_vector(outputs, "outputs")
    if f.size == 0:
        raise InputError("outputs must not be empty")
    y = as_vector(labels, "labels", length=f.shape[0])
    if not np.all(np.abs(y) == 1.0):
        raise InputError("labels must be ±1")
    return y * f


def _power(norm: float, order: float) -> None:
    """Refuse a norm^order that over- or underflows float64 (the margin would be 0, inf or NaN)."""
    try:
        value = norm**order
    except OverflowError:
        value = float("inf")
    if value == 0.0 or value == float("inf"):
        raise InputError(f"norm**order = {norm:.3g}**{order:.3g} is out of float64 range")


def hard_margin(outputs, labels) -> float:
    """min_i y_i f_i."""
    return float(_labelled(outputs, labels).min())


def normalized_margin(outputs, labels, norm: float, order: float) -> float:
    """min_i y_i f_i / norm^order (order = the model's homogeneity degree in θ)."""
    norm = finite_real(norm, "norm", lo=0.0, lo_open=True)
    order = finite_real(order, "order", lo=0.0, lo_open=True)
    _power(norm, order)
    return hard_margin(outputs, labels) / norm**order


def smoothed_margin(outputs, labels, loss: str = "exponential") -> float:
    """ℓ⁻¹(Σ_i ℓ(y_i f_i)) for ℓ(q) = e^{−q} ("exponential") or log(1 + e^{−q}) ("logistic").

    Exponential: −log Σ e^{−q_i} (a log-sum-exp). Logistic: with L = Σ log1p(e^{−q_i}),
    ℓ⁻¹(L) = −log(e^L − 1) = −log(expm1(L)); for tiny L this is −log L to float precision.
    """
    q = _labelled(outputs, labels)
    if not isinstance(loss, str):
        raise InputError(f"loss must be 'exponential' or 'logistic', got {loss!r}")
    if loss == "exponential":
        return float(-special.logsumexp(-q))
    if loss == "logistic":
        total = float(np.sum(np.logaddexp(0.0, -q)))
        if total == 0.0:
            return float(-special.logsumexp(-q))  # every e^{-q_i} underflowed log1p: same leading order
        return float(-np.log(np.expm1(total)))
    raise InputError(f"loss must be 'exponential' or 'logistic', got {loss!r}")


def normalized_smoothed_margin(outputs, labels, norm: float, order: float,
                               loss: str = "exponential") -> float:
    """smoothed_margin / norm^order."""
    norm = finite_real(norm, "norm", lo=0.0, lo_open=True)
    order = finite_real(order, "order", lo=0.0, lo_open=True)
    _power(norm, order)
    return smoothed_margin(outputs, labels, loss) / norm**order
