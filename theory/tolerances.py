"""Error models that tolerances are derived from (dtype rounding, Monte-Carlo noise).

Every tolerance in a claim should be one of these, or built from them, with the model stated in
the Evidence's ``tol_source``: no constant picked until a check passes.
"""

from __future__ import annotations

import numbers

import numpy as np

from theory.lazy import lazy

stats = lazy("scipy.stats")

from theory.errors import InputError
from theory.validation import finite_real, positive_int

#: unit roundoff of float64 (machine epsilon; rounding error of one operation is at most EPS/2)
EPS = float(np.finfo(np.float64).eps)


def dot_error(d: int, scale: float = 1.0) -> float:
    """Bound on |fl(xᵀy) − xᵀy| for d-term dot products of vectors with ‖x‖‖y‖ <= scale.

    Higham's γ_d = d·u/(1 − d·u) with u = EPS/2, applied to Σ|x_k y_k| <= ‖x‖‖y‖.
    """
    positive_int(d, "d", minimum=0)
    finite_real(scale, "scale", lo=0.0)
    u = EPS / 2
    if not d * u < 1:
        raise InputError(f"d must be < 2/eps = {2 / EPS:.3g} for the model γ_d = d·u/(1 − d·u), got {d}")
    return d * u / (1 - d * u) * scale


def gaussian_threshold(alpha: float, comparisons: int) -> float:
    """z* with P(max of ``comparisons`` two-sided |N(0,1)| > z*) <= alpha (Bonferroni)."""
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or not 0 < alpha < 1:
        raise InputError(f"alpha must be in (0, 1), got {alpha!r}")
    positive_int(comparisons, "comparisons")
    return float(stats.norm.isf(alpha / (2 * comparisons)))
