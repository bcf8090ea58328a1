"""The distribution D of Wei, Lee, Liu, Ma 2019 (eq. 2.1, Section 2) that separates nets and kernels.

x = (x₁, x₂, z) ∈ ℝ^d with z uniform on {±1}^{d−2}, independent of (y, x₁, x₂), which is uniform on
the four atoms (+1, +1, 0), (+1, −1, 0), (−1, 0, +1), (−1, 0, −1). So y = |x₁| − |x₂| = x₁² − x₂²:
the label is a quadratic of the first two coordinates, invisible to any linear function because D
is symmetric under x₁ ↦ −x₁ and x₂ ↦ −x₂ (E[x·y] = 0). The support has 4·2^{d−2} equally likely
points, enumerated exactly by :func:`support` for the population-level checks.

:func:`asymmetric_sample` / :func:`asymmetric_support` drop the sign symmetry (only the atoms
(+1, +1, 0) and (−1, 0, +1)): the label becomes the linear x₁ − x₂, the mutant that shows the
symmetry is a necessary hypothesis of Theorem 2.1's kernel lower bound.
"""

from __future__ import annotations

import numpy as np

from theory.data import hypercube
from theory.errors import InputError
from theory.validation import array_size, as_matrix, as_vector, positive_int, rng_generator

#: (y, x₁, x₂) of the four atoms of eq. 2.1
ATOMS = ((1, 1, 0), (1, -1, 0), (-1, 0, 1), (-1, 0, -1))
#: the two atoms kept when the sign symmetry is dropped
ASYMMETRIC_ATOMS = ((1, 1, 0), (-1, 0, 1))


def _dim(d) -> int:
    return positive_int(d, "d", minimum=3)


def _draw(n, d, rng, atoms):
    n = positive_int(n, "n")
    d = _dim(d)
    rng = rng_generator(rng)
    array_size((n, d), "n and d")
    X = np.zeros((n, d))
    X[:, 2:] = rng.choice([-1.0, 1.0], size=(n, d - 2))
    k = rng.integers(0, len(atoms), n)
    table = np.array(atoms, dtype=np.float64)
    X[:, 0], X[:, 1] = table[k, 1], table[k, 2]
    return X, table[k, 0]


def sample(n: int, d: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """n i.i.d. draws (X, y) from D in dimension d >= 3."""
    return _draw(n, d, rng, ATOMS)


def asymmetric_sample(n: int, d: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """n draws from D' (D without its sign symmetry; y = x₁ − x₂ is linear)."""
    return _draw(n, d, rng, ASYMMETRIC_ATOMS)


def _support(d, atoms):
    d = _dim(d)
    if d - 2 > 16:
        raise InputError(f"d = {d} is too large to enumerate the support (d − 2 <= 16)")
    Z = hypercube.points(d - 2).astype(np.float64)
    blocks, labels = [], []
    for y, a, b in atoms:
        V = np.zeros((Z.shape[0], d))
        V[:, 0], V[:, 1], V[:, 2:] = a, b, Z
        blocks.append(V)
        labels.append(np.full(Z.shape[0], float(y)))
    return np.vstack(blocks), np.concatenate(labels)


def support(d: int) -> tuple[np.ndarray, np.ndarray]:
    """All 4·2^{d−2} points of supp D with their labels (each has probability 1/(4·2^{d−2}))."""
    return _support(d, ATOMS)


def asymmetric_support(d: int) -> tuple[np.ndarray, np.ndarray]:
    """All 2·2^{d−2} points of supp D' with their labels."""
    return _support(d, ASYMMETRIC_ATOMS)


def off_support(X, y) -> str | None:
    """Why the examples (X, y) cannot be draws from D (eq. 2.1), or None when every row is a point
    of supp D with its label: (x₁, x₂, y) one of the four atoms and x_k ∈ {±1} for k >= 3.
    Malformed arrays (not n×d with d >= 3 and n labels) raise InputError."""
    X = as_matrix(X, "X", min_cols=3)
    y = as_vector(y, "y", length=X.shape[0])
    atoms = {(a, b): lab for lab, a, b in ATOMS}
    for i, (row, lab) in enumerate(zip(X, y)):
        if atoms.get((row[0], row[1])) != lab:
            return f"example {i} has (x₁, x₂, y) = ({row[0]:g}, {row[1]:g}, {lab:g}), not an atom of D"
        if not np.all(np.abs(row[2:]) == 1.0):
            return f"example {i} has a noise coordinate outside {{±1}}"
    return None


def label_rule(X) -> np.ndarray:
    """|x₁| − |x₂|: the function that labels D exactly."""
    X = as_matrix(X, "X", min_cols=2)
    return np.abs(X[:, 0]) - np.abs(X[:, 1])


def width4_network() -> tuple[np.ndarray, np.ndarray]:
    """The net of the proof of Theorem 2.1 (L615–619): u ∈ {±e₁, ±e₂}, w = (1, 1, −1, −1).

    Returns (U, w) for d = 2 coordinates; embed U by zero-padding for larger d. It computes
    [x₁]_+ + [−x₁]_+ − [x₂]_+ − [−x₂]_+ = |x₁| − |x₂|, has ‖Θ‖_F² = 8 and margin 1 on supp D.
    """
    U = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]])
    return U, np.array([1.0, 1.0, -1.0, -1.0])
