"""Argument checks shared by every public function of :mod:`theory`.

Each check either returns a clean float64 array or raises :class:`~theory.errors.InputError` with a
one-line message that names the argument (``name``) and the problem.
"""

from __future__ import annotations

import numbers

import numpy as np

from theory.errors import InputError

#: How far a row norm may sit from 1 and still count as a unit vector (a few float64 roundings
#: of a normalisation, with room for data that were normalised in float32 and cast up).
UNIT_NORM_TOL = 1e-6


def as_matrix(X, name: str = "X", *, min_rows: int = 1, min_cols: int = 1) -> np.ndarray:
    """Return ``X`` as a finite 2-D float64 array, or raise InputError naming ``name``."""
    if isinstance(X, (str, bytes)) or X is None:
        raise InputError(f"{name} must be a 2-D array of numbers, got {type(X).__name__}")
    try:
        A = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name} must be a 2-D array of numbers ({exc})") from None
    if A.ndim != 2:
        raise InputError(f"{name} must be 2-D (rows are points), got shape {A.shape}")
    if A.shape[0] < min_rows or A.shape[1] < min_cols:
        raise InputError(
            f"{name} needs at least {min_rows} row(s) and {min_cols} column(s), got shape {A.shape}"
        )
    if not np.all(np.isfinite(A)):
        bad = int(np.size(A) - np.count_nonzero(np.isfinite(A)))
        raise InputError(f"{name} has {bad} non-finite entr{'y' if bad == 1 else 'ies'} (NaN or inf)")
    return A


def as_vector(y, name: str = "y", *, length: int | None = None) -> np.ndarray:
    """Return ``y`` as a finite 1-D float64 array (of ``length`` if given)."""
    if isinstance(y, (str, bytes)) or y is None:
        raise InputError(f"{name} must be a 1-D array of numbers, got {type(y).__name__}")
    try:
        v = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name} must be a 1-D array of numbers ({exc})") from None
    if v.ndim != 1:
        raise InputError(f"{name} must be 1-D, got shape {v.shape}")
    if length is not None and v.shape[0] != length:
        raise InputError(f"{name} must have length {length}, got {v.shape[0]}")
    if not np.all(np.isfinite(v)):
        raise InputError(f"{name} has non-finite entries (NaN or inf)")
    return v


def unit_rows(X, name: str = "X", *, tol: float = UNIT_NORM_TOL) -> np.ndarray:
    """Return ``X`` checked to have rows of Euclidean norm 1 (within ``tol``)."""
    A = as_matrix(X, name)
    with np.errstate(over="ignore"):  # a huge row has norm inf, which the check below reports
        norms = np.linalg.norm(A, axis=1)
    worst = int(np.argmax(np.abs(norms - 1.0)))
    if abs(norms[worst] - 1.0) > tol:
        raise InputError(
            f"{name} must have unit-norm rows (the theorem assumes ||x_i|| = 1); "
            f"row {worst} has norm {norms[worst]:.6g}. Normalise with theory.sphere.normalize_rows"
        )
    return A


def positive_int(value, name: str, *, minimum: int = 1) -> int:
    """Return ``value`` as an int >= ``minimum`` (bools and floats with a fraction are refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise InputError(f"{name} must be an integer >= {minimum}, got {value!r}")
    if value < minimum:
        raise InputError(f"{name} must be an integer >= {minimum}, got {value}")
    return int(value)


def finite_real(value, name: str, *, lo: float | None = None, hi: float | None = None,
                lo_open: bool = False) -> float:
    """Return ``value`` as a finite float inside [lo, hi] (or (lo, hi] when ``lo_open``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InputError(f"{name} must be a real number, got {value!r}")
    v = float(value)
    if not np.isfinite(v):
        raise InputError(f"{name} must be finite, got {v}")
    if lo is not None and (v < lo or (lo_open and v == lo)):
        raise InputError(f"{name} must be {'>' if lo_open else '>='} {lo}, got {v}")
    if hi is not None and v > hi:
        raise InputError(f"{name} must be <= {hi}, got {v}")
    return v
