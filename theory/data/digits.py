"""scikit-learn's bundled 8×8 digits as a stand-in for the two-class MNIST of Arora et al. 2019.

Appendix A of the paper trains on the first two classes of MNIST/CIFAR with every image scaled to
unit ℓ2 norm and labels +1 (first class) / −1 (second). MNIST cannot be downloaded here; the 1797
digits that ship inside scikit-learn (``sklearn.datasets.load_digits``, read from the installed
package, no network) give the same kind of data: non-negative pixel vectors (d = 64) with strongly
positive mutual cosines. Figure 2's label corruption (a fraction of labels replaced by
unif{±1}) is :func:`corrupt_labels`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np

from theory.errors import InputError
from theory.data.sphere import normalize_rows
from theory.validation import array_size, as_matrix, as_vector, finite_real, rng_generator

__all__ = ["TwoClass", "two_class_digits", "split", "corrupt_labels", "random_signs"]


class TwoClass(NamedTuple):
    X: np.ndarray  # (n, 64) rows on the unit sphere, float64
    y: np.ndarray  # (n,) labels: +1 for ``positive``, −1 for ``negative``


@lru_cache(maxsize=None)
def _raw():
    from sklearn.datasets import load_digits
    data = load_digits()
    return data.data.astype(np.float64), data.target.astype(np.int64)


def two_class_digits(positive: int = 0, negative: int = 1) -> TwoClass:
    """All digits of the two classes, rows normalised to unit ℓ2 norm, in the file's order.

    ``positive`` gets label +1 and ``negative`` −1 (Appendix A: "+1 for the first class").
    """
    for name, v in (("positive", positive), ("negative", negative)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not 0 <= v <= 9:
            raise InputError(f"{name} must be a digit class 0..9, got {v!r}")
    if positive == negative:
        raise InputError("positive and negative must be different classes")
    X, t = _raw()
    keep = (t == positive) | (t == negative)
    Xk = normalize_rows(X[keep])
    y = np.where(t[keep] == positive, 1.0, -1.0)
    return TwoClass(Xk, y)


def split(X, y, test_fraction: float, rng: np.random.Generator):
    """A random train/test split: (X_train, y_train, X_test, y_test)."""
    y = as_vector(y, "y")
    X = as_matrix(X, "X")
    rng = rng_generator(rng)
    if X.shape[0] != y.shape[0]:
        raise InputError(f"X must be (n, d) with n = len(y) = {y.shape[0]}, got shape {X.shape}")
    f = finite_real(test_fraction, "test_fraction", lo=0.0, lo_open=True, hi=1.0)
    n_test = int(round(f * y.shape[0]))
    if not 1 <= n_test < y.shape[0]:
        raise InputError(f"test_fraction {f} leaves {n_test} test points out of {y.shape[0]}")
    perm = rng.permutation(y.shape[0])
    te, tr = perm[:n_test], perm[n_test:]
    return X[tr], y[tr], X[te], y[te]


def random_signs(n: int, rng: np.random.Generator) -> np.ndarray:
    """n i.i.d. unif{±1} labels (Figure 1's "random labels")."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise InputError(f"n must be a positive integer, got {n!r}")
    array_size((n,), "n")
    rng = rng_generator(rng)
    return rng.choice([-1.0, 1.0], size=int(n))


def corrupt_labels(y, fraction: float, rng: np.random.Generator) -> np.ndarray:
    """Replace a ``fraction`` of the labels (chosen at random) by unif{±1} draws (Figure 2).

    A replaced label equals the old one with probability ½, so the expected share of wrong labels
    is fraction/2 (the paper's "portion of random labels" is ``fraction``).
    """
    y = as_vector(y, "y").copy()
    q = finite_real(fraction, "fraction", lo=0.0, hi=1.0)
    rng = rng_generator(rng)
    k = int(round(q * y.shape[0]))
    idx = rng.permutation(y.shape[0])[:k]
    y[idx] = rng.choice([-1.0, 1.0], size=k)
    return y
