"""2-sparse parity on the scaled hypercube, the running example of Telgarsky 2023.

Proposition 1.6: inputs x ∈ H_d := {±1/√d}^d (so ‖x‖ = 1) and the label y = d·x_a·x_b for two
fixed coordinates a ≠ b (here a, b = ``pair``, default the first two). The cube itself is
:func:`theory.data.hypercube.scaled_points`. The four-ReLU reference
network of the proof of Proposition 1.6.2 (l.443) has α = (¼, −¼, −¼, ¼) and
β = (±1, ±1, 0, …, 0)/√2 in the order (+,+), (+,−), (−,+), (−,−), and global margin exactly
1/√(8d): for every x ∈ H_d exactly one β_kᵀx is positive, and it equals √(2/d).
"""

from __future__ import annotations


import numpy as np

from theory.errors import InputError
from theory.data.hypercube import subset_parity_labels
from theory.validation import array_size, as_matrix, positive_int, rng_generator

def _pair(d: int, pair: tuple[int, int]) -> tuple[int, int]:
    if isinstance(pair, (str, bytes)) or not hasattr(pair, "__len__") or len(pair) != 2:
        raise InputError(f"pair must be two distinct coordinates in [0, {d}), got {pair!r}")
    i, j = pair
    if any(isinstance(c, bool) or not isinstance(c, (int, np.integer)) for c in (i, j)):
        raise InputError(f"pair must be two distinct integer coordinates in [0, {d}), got {pair!r}")
    if not (0 <= i < d and 0 <= j < d) or i == j:
        raise InputError(f"pair must be two distinct coordinates in [0, {d}), got {pair}")
    return int(i), int(j)


def parity_labels(X, pair: tuple[int, int] = (0, 1)) -> np.ndarray:
    """y = d·x_a·x_b (±1 on H_d)."""
    X = as_matrix(X, "X")
    d = X.shape[1]
    i, j = _pair(d, pair)
    if not np.allclose(np.abs(d * X[:, i] * X[:, j]), 1.0, atol=1e-9):
        raise InputError("X must lie on the cube {±1/√d}^d for parity labels to be ±1")
    return subset_parity_labels(X, (i, j))


def sample_parity(n: int, d: int, rng: np.random.Generator, pair: tuple[int, int] = (0, 1)):
    """n iid points uniform on H_d with their 2-sparse parity labels."""
    n, d = positive_int(n, "n"), positive_int(d, "d", minimum=2)
    rng = rng_generator(rng)
    array_size((n, d), "n and d")
    _pair(d, pair)
    X = rng.choice([-1.0, 1.0], size=(n, d)) / np.sqrt(d)
    return X, parity_labels(X, pair)


def four_relu_reference(d: int, pair: tuple[int, int] = (0, 1)):
    """(α, B): the reference network of Proposition 1.6.2, α ∈ R^4 with ‖α‖₁ = 1, unit rows B."""
    d = positive_int(d, "d", minimum=2)
    array_size((4, d), "d")
    i, j = _pair(d, pair)
    B = np.zeros((4, d))
    for k, (si, sj) in enumerate(((1, 1), (1, -1), (-1, 1), (-1, -1))):
        B[k, i], B[k, j] = si / np.sqrt(2), sj / np.sqrt(2)
    alpha = np.array([0.25, -0.25, -0.25, 0.25])
    return alpha, B
