"""Point sets on the unit sphere S^{d-1}, the input space of Arora et al. 2019 (||x_i|| = 1).

:func:`make_points` builds n rows from a seed and a named geometry; the geometries cover the generic
case, image-like positive correlations, and the degenerate configurations the theorems exclude
(near-parallel, duplicated and antipodal points), so a search can walk into them.
"""

from __future__ import annotations

import numpy as np

from theory.errors import InputError
from theory.validation import MAX_ELEMENTS, array_size, as_matrix, positive_int, seed_int, unit_rows

#: geometry name -> meaning of its integer knob k
GEOMETRIES = {
    "gauss": "uniform on the sphere (k unused)",
    "clustered": "k cluster centres, rows = centre + noise, normalised (positively correlated)",
    "near_parallel": "uniform, then row 1 moved to angle ~10^-k from row 0",
    "antipodal_pairs": "min(k, n//2) pairs {x, -x}, the rest uniform",
    "duplicate": "uniform, then row 1 := row 0",
    "orthogonal": "min(n, d) signed standard basis vectors in a random order, the rest uniform",
}


def normalize_rows(X, name: str = "X") -> np.ndarray:
    """Scale every row of ``X`` to unit Euclidean norm; a zero row is an error."""
    A = as_matrix(X, name)
    with np.errstate(over="ignore"):
        norms = np.linalg.norm(A, axis=1, keepdims=True)
    if np.any(norms == 0):
        raise InputError(f"{name} has a zero row, which has no direction on the sphere")
    if not np.all(np.isfinite(norms)):
        raise InputError(f"{name} has a row too large to normalise in float64 (its norm overflows)")
    return A / norms


def make_points(n: int, d: int, geometry: str = "gauss", k: int = 1, seed: int = 0) -> np.ndarray:
    """n unit rows in R^d built by ``geometry`` (see :data:`GEOMETRIES`) from ``seed``."""
    n = positive_int(n, "n")
    d = positive_int(d, "d", minimum=2)
    k = positive_int(k, "k")
    seed = seed_int(seed)
    array_size((n, d), "n and d")
    if not isinstance(geometry, str) or geometry not in GEOMETRIES:
        raise InputError(f"unknown geometry {geometry!r} (known: {', '.join(GEOMETRIES)})")
    rng = np.random.default_rng(seed)
    X = normalize_rows(rng.standard_normal((n, d)))
    if geometry == "orthogonal":
        r = min(n, d)
        X[:r] = 0.0
        X[np.arange(r), rng.permutation(d)[:r]] = rng.choice([-1.0, 1.0], size=r)
    if geometry == "clustered":
        centres = normalize_rows(rng.standard_normal((k, d)))
        noise = rng.uniform(0.05, 0.3)
        X = normalize_rows(centres[rng.integers(k, size=n)] + noise * rng.standard_normal((n, d)))
    elif geometry == "near_parallel" and n >= 2:
        direction = rng.standard_normal(d)
        for _ in range(2):  # twice: one Gram-Schmidt pass leaves O(eps·‖direction‖/residual) overlap
            direction -= (direction @ X[0]) * X[0]
        direction /= np.linalg.norm(direction)
        angle = 10.0 ** (-k)
        X[1] = np.cos(angle) * X[0] + np.sin(angle) * direction
        X[1] /= np.linalg.norm(X[1])  # on the sphere to rounding, like every other row
    elif geometry == "antipodal_pairs":
        pairs = min(k, n // 2)
        X[1 : 2 * pairs : 2] = -X[0 : 2 * pairs : 2]
    elif geometry == "duplicate" and n >= 2:
        X[1] = X[0]
    return X


def min_angle(X, *, antipodal: bool) -> float:
    """Smallest angle between two distinct unit rows; with ``antipodal`` also between x_i and -x_j.

    Angles are computed as 2·atan2(||x_i - x_j||, ||x_i + x_j||), accurate near 0 and pi.
    """
    A = unit_rows(X, "X")
    n = A.shape[0]
    if n < 2:
        return float(np.pi)
    # the pairs are formed at once: four (n(n−1)/2, d) temporaries
    array_size((n * (n - 1) // 2, 4 * A.shape[1]), "X (its number of rows)", limit=MAX_ELEMENTS // 2)
    iu = np.triu_indices(n, 1)
    diff = np.linalg.norm(A[iu[0]] - A[iu[1]], axis=1)
    summ = np.linalg.norm(A[iu[0]] + A[iu[1]], axis=1)
    theta = 2.0 * np.arctan2(diff, summ)
    if antipodal:
        theta = np.minimum(theta, np.pi - theta)
    return float(theta.min())
