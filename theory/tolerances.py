"""Error models that tolerances are derived from (dtype rounding, Monte-Carlo noise).

Every tolerance in a claim should be one of these, or built from them, with the model stated in
the Evidence's ``tol_source``: no constant picked until a check passes.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from theory.errors import InputError

#: unit roundoff of float64 (machine epsilon; rounding error of one operation is at most EPS/2)
EPS = float(np.finfo(np.float64).eps)


def dot_error(d: int, scale: float = 1.0) -> float:
    """Bound on |fl(xᵀy) − xᵀy| for d-term dot products of vectors with ‖x‖‖y‖ <= scale.

    Higham's γ_d = d·u/(1 − d·u) with u = EPS/2, applied to Σ|x_k y_k| <= ‖x‖‖y‖.
    """
    u = EPS / 2
    return d * u / (1 - d * u) * scale


def gaussian_threshold(alpha: float, comparisons: int) -> float:
    """z* with P(max of ``comparisons`` two-sided |N(0,1)| > z*) <= alpha (Bonferroni)."""
    if not 0 < alpha < 1:
        raise InputError(f"alpha must be in (0, 1), got {alpha}")
    if comparisons < 1:
        raise InputError(f"comparisons must be >= 1, got {comparisons}")
    return float(stats.norm.isf(alpha / (2 * comparisons)))
