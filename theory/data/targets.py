"""Label functions g(x) evaluated on the rows of X (the "learnable functions" of Section 6)."""

from __future__ import annotations

import numpy as np

from theory.errors import InputError
from theory.validation import (array_size, as_matrix, as_vector, finite_real, finite_result, positive_int,
                               rng_generator)


def monomial_labels(X, alpha: float, beta, p: int) -> np.ndarray:
    """y_i = alpha (beta^T x_i)^p  (Arora et al. 2019, Theorem 6.1)."""
    X = as_matrix(X, "X")
    beta = as_vector(beta, "beta", length=X.shape[1])
    alpha = finite_real(alpha, "alpha")
    p = positive_int(p, "p")
    return alpha * (X @ beta) ** p


def quadratic_labels(X, A) -> np.ndarray:
    """y_i = x_i^T A x_i for a symmetric A  (Arora et al. 2019, Example 6.2)."""
    X = as_matrix(X, "X")
    A = as_matrix(A, "A")
    if A.shape != (X.shape[1], X.shape[1]):
        raise InputError(f"A must be {X.shape[1]}x{X.shape[1]} to act on the rows of X, got {A.shape}")
    if not np.allclose(A, A.T, rtol=0, atol=1e-12 * max(1.0, np.abs(A).max())):
        raise InputError("A must be symmetric")
    with np.errstate(over="ignore", invalid="ignore"):
        y = np.einsum("id,de,ie->i", X, A, X)
    return finite_result(y, "X and A are", "x_iᵀAx_i")


def nuclear_norm(A) -> float:
    """||A||_* = sum of singular values (= sum |eigenvalues| for symmetric A)."""
    with np.errstate(over="ignore", invalid="ignore"):
        value = float(np.linalg.svd(as_matrix(A, "A"), compute_uv=False).sum())
    return finite_result(value, "A is", "the nuclear norm")


def random_symmetric(d: int, rng: np.random.Generator) -> np.ndarray:
    """A symmetric d x d matrix with Gaussian entries (GOE-like), never zero."""
    d = positive_int(d, "d")
    rng = rng_generator(rng)
    array_size((d, d), "d")
    G = rng.standard_normal((d, d))
    return (G + G.T) / 2.0
