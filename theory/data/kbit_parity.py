"""k-bit parity on the normalised hypercube and its F1 margins (2-homogeneity paper, Example 4.1).

Inputs x ∈ {±1/√d}^d, labels y = d^{k/2} Π_{i∈S} x_i = χ_S(x) for |S| = k (S = the first k
coordinates here; every S is equivalent by symmetry); the cube is
:func:`theory.data.hypercube.scaled_points`. The distributional F1 margin of Section 4,

    γ_D = sup_{|μ|(S^{d−1}) <= 1} inf_{(x,y)} y ∫ σ(vᵀx) dμ(v),   σ = ReLU, no bias,

is a linear program once μ is restricted to a finite dictionary of directions (a *lower* bound on
γ_D, :func:`f1_margin_lp`, solved by the shared ℓ1-SVM of :mod:`theory.margins.max_margin`). Any
probability q on the data certifies γ_D <= sup_v |Σ_i q_i y_i σ(vᵀx_i)|; for the uniform marginal
the uniform q is optimal by symmetry, so γ_D = sup_v |E_x χ_S(x) σ(vᵀx)| (catalogue §4.2). Closed forms (uniform marginal):

- k even: γ_D = C(k−2, k/2−1) / (2^{k−1} √(k d)) ≈ 0.40/(k√d), attained at v = 1_S/√k;
- k = 1: γ_D = 1/(2√d);
- k odd >= 3: γ_D = 0 — f(x) − f(−x) = (∫v dμ)ᵀx for every bias-free net, and χ_S is odd;

all below the 1/(k√d) printed in Example 4.1. The odd-k obstruction also bounds the test error of
any bias-free net from below by (1 − A_k)/2, A_k the best agreement of a halfspace through 0 with
χ_S (A_3 = 3/4, A_5 = 11/16). Appending a constant input coordinate (a bias) removes it.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from theory.errors import InputError
from theory.data.hypercube import subset_parity_labels
from theory.validation import array_size, as_matrix, as_vector, positive_int, rng_generator, row_norms

#: the closed form's 2^{k−1} is a float64 only up to this order
MAX_CLOSED_FORM_ORDER = 1000

#: best agreement max_w Pr[sign(wᵀx) = χ_S(x)] of a halfspace through 0 with odd k-parity
HALFSPACE_AGREEMENT = {1: 1.0, 3: 3 / 4, 5: 11 / 16}


def _dims(d: int, k: int) -> tuple[int, int]:
    d = positive_int(d, "d")
    k = positive_int(k, "k")
    if k > d:
        raise InputError(f"k (the parity's order) must be <= d, got k={k}, d={d}")
    return d, k


def parity_labels(X, k: int) -> np.ndarray:
    """y = d^{k/2} Π_{i<k} x_i = Π_{i<k} sign(x_i) (S = the first k coordinates)."""
    X = as_matrix(X, "X")
    _dims(X.shape[1], k)
    return subset_parity_labels(X, range(k))


def f1_margin_closed_form(d: int, k: int) -> float:
    """γ_D for uniform k-parity on {±1/√d}^d (module docstring)."""
    d, k = _dims(d, k)
    if k > MAX_CLOSED_FORM_ORDER:
        raise InputError(f"k must be <= {MAX_CLOSED_FORM_ORDER} for the closed form (2^(k-1) overflows float64), got {k}")
    if k == 1:
        return 1.0 / (2 * math.sqrt(d))
    if k % 2 == 1:
        return 0.0
    return math.comb(k - 2, k // 2 - 1) / (2 ** (k - 1) * math.sqrt(k * d))


def f1_margin_as_printed(d: int, k: int) -> float:
    """Example 4.1's lower bound 1/(k√d)."""
    d, k = _dims(d, k)
    return 1.0 / (k * math.sqrt(d))


def f2_margin_as_printed(d: int, k: int) -> float:
    """Example 4.1's F2 margin 1/d^{k/2}."""
    d, k = _dims(d, k)
    return d ** (-k / 2)


def uniform_dual_value(X, y, V) -> np.ndarray:
    """|mean_i y_i σ(v_rᵀx_i)| for every row v_r of V (unit rows): each is an upper bound on γ_D
    restricted to that direction, and its sup over the sphere is γ_D for the uniform marginal."""
    X, V = as_matrix(X, "X"), as_matrix(V, "V")
    if V.shape[1] != X.shape[1]:
        raise InputError(f"V rows must have {X.shape[1]} entries, got {V.shape[1]}")
    y = as_vector(y, "y", length=X.shape[0])
    return np.abs(np.maximum(X @ V.T, 0.0).T @ y) / X.shape[0]


def direction_dictionary(d: int, k: int, rng: np.random.Generator, n_random: int = 200) -> np.ndarray:
    """Unit directions: {−1,0,1}^d ∖ {0} (d <= 7), 1_S/√k, and n_random Gaussian directions."""
    d, k = _dims(d, k)
    rng = rng_generator(rng)
    n_random = positive_int(n_random, "n_random", minimum=0)
    array_size((n_random + 1 + (3**d if d <= 7 else 0), d), "d and n_random")
    dirs = []
    if d <= 7:
        grid = np.array([v for v in itertools.product([-1.0, 0.0, 1.0], repeat=d) if any(v)])
        dirs.append(grid)
    s = np.zeros(d)
    s[:k] = 1.0
    dirs.append(s[None, :])
    dirs.append(rng.standard_normal((n_random, d)))
    V = np.vstack(dirs)
    return V / np.linalg.norm(V, axis=1, keepdims=True)


def f1_margin_lp(X, y, V) -> tuple[float, np.ndarray]:
    """max γ s.t. y_i Σ_r c_r σ(v_rᵀx_i) >= γ ∀i, Σ_r |c_r| <= 1; returns (γ, c).

    The ℓ1-SVM over the ReLU dictionary V (:func:`theory.margins.max_margin.l1_svm`, HiGHS): the F1
    margin of the sample restricted to V, a lower bound on γ_D.
    """
    from theory.margins.max_margin import l1_svm, relu_features

    X, V = as_matrix(X, "X"), as_matrix(V, "V")
    if V.shape[1] != X.shape[1]:
        raise InputError(f"V rows must have {X.shape[1]} entries, got {V.shape[1]}")
    solution = l1_svm(relu_features(X, V), as_vector(y, "y", length=X.shape[0]))
    return solution.margin, solution.weights


def odd_parity_error_floor(k: int) -> float:
    """(1 − A_k)/2: the least test error of any bias-free eq. (1) net on uniform odd k-parity."""
    k = positive_int(k, "k")
    if k not in HALFSPACE_AGREEMENT:
        raise InputError(f"the halfspace agreement is tabulated for k in {sorted(HALFSPACE_AGREEMENT)}, got {k}")
    return (1.0 - HALFSPACE_AGREEMENT[k]) / 2


def with_constant_coordinate(X) -> np.ndarray:
    """Append a constant coordinate and renormalise: x ↦ (x, 1/√2)·√(2/3)·... (unit rows again)."""
    X = as_matrix(X, "X")
    Y = np.hstack([X, np.full((X.shape[0], 1), 1.0 / math.sqrt(2))])
    row_norms(Y, "X")
    return Y / np.linalg.norm(Y, axis=1, keepdims=True)
