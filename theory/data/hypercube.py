"""The Boolean cube {±1}^N: points, parities, and the Walsh–Fourier transform.

Wei, Lee, Liu, Ma 2019 (Appendix B) lower-bound the kernel method with Boolean analysis: every
f: {±1}^N → ℝ is Σ_S f̂(S) z^S with z^S = Π_{j∈S} z_j, Parseval gives E[f g] = Σ_S f̂(S)ĝ(S)
(eq. B.11), Lemma B.8 / eq. B.12 compute the Fourier coefficients of z ↦ (zᵀz_i)^q, and Bonami's
lemma (O'Donnell, Ch. 9) bounds E f⁴ ≤ 9^k (E f²)² for f of degree ≤ k.

Conventions: point j of the cube (0 <= j < 2^N) has coordinate b ∈ {0..N−1} equal to −1 when bit b
of j is set, +1 otherwise; a subset S ⊆ [N] is the bitmask Σ_{b∈S} 2^b. With these, z_j^S =
(−1)^{popcount(j & S)} and the Walsh–Hadamard matrix is exactly the character table, so
:func:`fourier_coefficients` and :func:`from_fourier` are the fast transform in O(N·2^N).
Integer inputs stay integers (object dtype when they could overflow int64), so identities such as
Lemma B.8 are checked in exact arithmetic.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from theory.errors import InputError
from theory.validation import as_matrix, positive_int

#: largest cube enumerated (2^20 points); the paper's checks need at most 2^16
MAX_DIMENSION = 20


def _dimension(N, name: str = "N") -> int:
    N = positive_int(N, name, minimum=0)
    if N > MAX_DIMENSION:
        raise InputError(f"{name} = {N} is too large to enumerate the cube (at most {MAX_DIMENSION})")
    return N


def points(N: int) -> np.ndarray:
    """All 2^N points of {±1}^N as an int64 array of shape (2^N, N), in bitmask order."""
    N = _dimension(N)
    j = np.arange(2**N, dtype=np.int64)[:, None]
    bits = (j >> np.arange(N, dtype=np.int64)[None, :]) & 1
    return (1 - 2 * bits).astype(np.int64)


def scaled_points(d: int) -> np.ndarray:
    """All 2^d points of the scaled cube {±1/√d}^d (unit-norm rows) as float64, in lexicographic
    order of the signs with −1 before +1 (the order of ``itertools.product((-1, 1), repeat=d)``).

    This is the cube of Telgarsky 2023 (Proposition 1.6, H_d) and of the 2-homogeneity paper's
    k-parity examples; it is :func:`points` re-ordered (row r has coordinate c = −1 where bit
    d−1−c of r is 0) and divided by √d, so both views share one enumeration.
    """
    d = _dimension(d, "d")
    if d == 0:
        raise InputError("d must be at least 1 for the scaled cube {±1/√d}^d")
    return -points(d)[:, ::-1].astype(np.float64) / np.sqrt(d)


def subset_parity_labels(X, S) -> np.ndarray:
    """y_i = Π_{j∈S} sign(x_ij): the parity χ_S of each row of X (rows on a scaled cube).

    The one label function behind the 2-sparse parity of Telgarsky 2023 (Proposition 1.6) and the
    k-parity of the 2-homogeneity paper (S = the first k coordinates). A zero coordinate in S has no
    sign, so it is refused.
    """
    X = as_matrix(X, "X")
    mask = subset_mask(S)
    columns = [b for b in range(mask.bit_length()) if mask >> b & 1]
    if mask >> X.shape[1]:
        raise InputError(f"S = {columns} has a coordinate outside [0, {X.shape[1]})")
    block = X[:, columns]
    if np.any(block == 0):
        raise InputError("X has a zero coordinate in S: parity labels need points of the cube {±c}^d")
    return np.prod(np.sign(block), axis=1)


def popcount(a) -> np.ndarray:
    """Number of set bits of each entry of an array of non-negative integers (int64 result)."""
    arr = np.asarray(a)
    if arr.dtype.kind not in "iu" and not (arr.dtype.kind == "b"):
        raise InputError(f"popcount needs an array of non-negative integers, got dtype {arr.dtype}")
    if arr.size and int(arr.min()) < 0:
        raise InputError(f"popcount needs non-negative integers, got {int(arr.min())}")
    return np.bitwise_count(arr.astype(np.int64)).astype(np.int64)


def subset_mask(S) -> int:
    """The bitmask of a subset S of coordinates (an iterable of distinct non-negative ints)."""
    try:
        S = [s.item() if isinstance(s, np.generic) else s for s in S]
    except TypeError:
        raise InputError(f"S must be an iterable of coordinate indices, got {type(S).__name__}") from None
    if any(isinstance(s, bool) or not isinstance(s, int) or s < 0 for s in S) or len(set(S)) != len(S):
        raise InputError(f"S must be distinct non-negative coordinate indices, got {S!r}")
    if S and max(S) >= MAX_DIMENSION:
        raise InputError(f"S has coordinate {max(S)}, beyond the largest cube dimension {MAX_DIMENSION}")
    return int(sum(1 << s for s in S))


def parity(N: int, S) -> np.ndarray:
    """The character z ↦ z^S = Π_{j∈S} z_j evaluated on every point of {±1}^N (int64)."""
    N = _dimension(N)
    mask = subset_mask(S)
    if mask >> N:
        raise InputError(f"S = {sorted(S)} has a coordinate outside [0, {N})")
    return (1 - 2 * (popcount(np.arange(2**N, dtype=np.int64) & mask) & 1)).astype(np.int64)


def _as_table(values, name: str) -> tuple[np.ndarray, int]:
    v = np.asarray(values)
    if v.ndim != 1 or v.size == 0 or v.size & (v.size - 1):
        raise InputError(f"{name} must be a 1-D table of length 2^N, got shape {v.shape}")
    if v.dtype.kind not in "iufO":
        raise InputError(f"{name} must hold numbers, got dtype {v.dtype}")
    if v.dtype.kind == "f" and not np.all(np.isfinite(v)):
        raise InputError(f"{name} has non-finite entries")
    return v, int(v.size).bit_length() - 1


def walsh_hadamard(values) -> np.ndarray:
    """Unnormalised transform H·v with H[S, j] = z_j^S, in O(N·2^N) butterflies.

    Integer tables stay exact (int64, or Python ints in an object array when the sum of absolute
    values could overflow int64).
    """
    v, N = _as_table(values, "values")
    if v.dtype.kind in "iu":
        big = int(np.abs(v.astype(object)).sum()) >= 2**62
        a = v.astype(object) if big else v.astype(np.int64)
    else:
        a = v.astype(object) if v.dtype.kind == "O" else v.astype(np.float64)
    a = a.copy()
    h = 1
    while h < a.size:
        a = a.reshape(-1, 2, h)
        top, bottom = a[:, 0, :].copy(), a[:, 1, :].copy()
        a[:, 0, :], a[:, 1, :] = top + bottom, top - bottom
        a = a.reshape(-1)
        h *= 2
    return a


def fourier_coefficients(values) -> np.ndarray:
    """f̂(S) = E_z[f(z) z^S] for a table of f on {±1}^N; index S is the subset's bitmask.

    Float tables give float64; integer tables give exact :class:`fractions.Fraction` objects.
    """
    v, N = _as_table(values, "values")
    total = walsh_hadamard(v)
    if v.dtype.kind in "iuO":
        return np.array([Fraction(int(t), 2**N) if not isinstance(t, Fraction) else t / 2**N
                         for t in total], dtype=object)
    return total / 2.0**N


def from_fourier(coefficients) -> np.ndarray:
    """The table f(z) = Σ_S f̂(S) z^S on {±1}^N from its 2^N Fourier coefficients (float64)."""
    c, _ = _as_table(np.asarray(coefficients, dtype=np.float64), "coefficients")
    return walsh_hadamard(c)


def degree(coefficients, tol: float = 0.0) -> int:
    """max |S| over the S with |f̂(S)| > tol (0 for the zero function)."""
    c, _ = _as_table(np.asarray(coefficients, dtype=np.float64), "coefficients")
    live = np.flatnonzero(np.abs(c) > tol)
    return int(popcount(live).max()) if live.size else 0


def exact_mean(values) -> Fraction:
    """E_z[f(z)] over the uniform cube as an exact Fraction (integer tables only)."""
    v, N = _as_table(values, "values")
    if v.dtype.kind not in "iuO":
        raise InputError("exact_mean needs an integer table; use values.mean() for floats")
    return Fraction(int(sum(int(t) for t in v)), 2**N)
