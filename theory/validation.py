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


def _float64(a, name: str, what: str) -> np.ndarray:
    """``a`` as a float64 array, or InputError: text, None and complex input are refused."""
    if isinstance(a, (str, bytes)) or a is None:
        raise InputError(f"{name} must be {what}, got {type(a).__name__}")
    if isinstance(a, np.ndarray) and np.iscomplexobj(a):
        raise InputError(f"{name} must be real, got dtype {a.dtype}")
    try:
        return np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name} must be {what} ({exc})") from None


def as_matrix(X, name: str = "X", *, min_rows: int = 1, min_cols: int = 1) -> np.ndarray:
    """Return ``X`` as a finite 2-D float64 array, or raise InputError naming ``name``."""
    A = _float64(X, name, "a 2-D array of numbers")
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


def as_vector(y, name: str = "y", *, length: int | None = None, min_length: int = 0) -> np.ndarray:
    """Return ``y`` as a finite 1-D float64 array (of ``length`` if given, at least ``min_length``)."""
    v = _float64(y, name, "a 1-D array of numbers")
    if v.ndim != 1:
        raise InputError(f"{name} must be 1-D, got shape {v.shape}")
    if length is not None and v.shape[0] != length:
        raise InputError(f"{name} must have length {length}, got {v.shape[0]}")
    if v.shape[0] < min_length:
        raise InputError(f"{name} must have at least {min_length} entr{'y' if min_length == 1 else 'ies'}, "
                         f"got {v.shape[0]}")
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
            f"row {worst} has norm {norms[worst]:.6g}. Normalise with theory.data.sphere.normalize_rows"
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


# -- sizes, seeds and generators ------------------------------------------------------------------

#: the largest array (in entries) a public function allocates on request: 2^29 float64 = 4 GiB
MAX_ELEMENTS = 2**29
#: the most iterations a public function runs on request (steps, samples, ...)
MAX_ITERATIONS = 10**8


def array_size(shape, names: str, *, limit: int = MAX_ELEMENTS) -> int:
    """Return the number of entries of an array of ``shape`` (validated ints), or raise InputError
    naming ``names`` when it exceeds ``limit`` (a request that would need many GiB of memory)."""
    if isinstance(shape, (str, bytes)) or not hasattr(shape, "__iter__"):
        raise InputError(f"the shape asked for by {names} must be a tuple of integers, got {shape!r}")
    total = 1
    for s in shape:
        total *= positive_int(s, names, minimum=0)
    if total > limit:
        count = f"{total:.3g}" if total < 10**300 else f"~1e{len(str(total)) - 1}"
        raise InputError(f"{names} too large: an array of {count} entries (more than {limit:.3g}, "
                         f"{limit * 8 / 2**30:.0f} GiB of float64)")
    return total


def iterations(value, name: str, *, minimum: int = 1, limit: int = MAX_ITERATIONS) -> int:
    """:func:`positive_int` for a loop count: also refuses more than ``limit`` (a hang, not a run)."""
    value = positive_int(value, name, minimum=minimum)
    if value > limit:
        raise InputError(f"{name} must be at most {limit:.0e} (iterations), got {value}")
    return value


def rng_generator(rng, name: str = "rng") -> np.random.Generator:
    """Return ``rng`` if it is a numpy Generator (the only random source theory functions take)."""
    if not isinstance(rng, np.random.Generator):
        raise InputError(f"{name} must be a numpy.random.Generator (e.g. numpy.random.default_rng(seed)), "
                         f"got {type(rng).__name__}")
    return rng


def seed_int(seed, name: str = "seed") -> int:
    """Return ``seed`` as an int >= 0 (numpy's default_rng refuses negatives; None would be random)."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise InputError(f"{name} must be an integer >= 0, got {seed!r}")
    return int(seed)


def torch_generator(generator, name: str = "generator"):
    """Return ``generator`` if it is a torch.Generator."""
    import torch

    if not isinstance(generator, torch.Generator):
        raise InputError(f"{name} must be a torch.Generator, got {type(generator).__name__}")
    return generator


# -- more shapes of arguments ---------------------------------------------------------------------

def finite_array(a, name: str, *, allow_empty: bool = False) -> np.ndarray:
    """Return ``a`` (a scalar or an array of any shape) as finite float64, else InputError."""
    arr = _float64(a, name, "a number or an array of numbers")
    if arr.size == 0 and not allow_empty:
        raise InputError(f"{name} is empty")
    if not np.all(np.isfinite(arr)):
        raise InputError(f"{name} has non-finite entries (NaN or inf)")
    return arr


def real_or_inf(value, name: str) -> float:
    """Return ``value`` (unchanged) if it is a real number: ±inf is allowed (a limit such as
    ℓ(+∞) = 0), NaN is not."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InputError(f"{name} must be a real number, got {value!r}")
    if value != value:
        raise InputError(f"{name} must not be NaN")
    return value


def callable_arg(f, name: str):
    """Return ``f`` if it can be called."""
    if not callable(f):
        raise InputError(f"{name} must be callable, got {type(f).__name__}")
    return f


def row_norms(A: np.ndarray, name: str) -> np.ndarray:
    """Euclidean norms of the rows of the 2-D float64 array ``A`` (numpy's norm, bit for bit);
    a norm that overflows float64 is an InputError (dividing by it would give zero rows)."""
    A = as_matrix(A, name, min_rows=0)
    with np.errstate(over="ignore"):
        norms = np.linalg.norm(A, axis=1)
    if not np.all(np.isfinite(norms)):
        raise InputError(f"{name} has a row too large for float64 (its norm overflows)")
    return norms


def finite_result(values, names: str, what: str):
    """Return the computed ``values`` if they are finite; otherwise the inputs were too large and
    ``what`` overflowed: InputError "<names> too large: <what> overflows float64" (``names`` is the
    subject, e.g. "X and Z are")."""
    try:
        finite = bool(np.all(np.isfinite(values)))
    except TypeError:
        raise InputError(f"{what} is not numeric (got {type(values).__name__})") from None
    if not finite:
        raise InputError(f"{names} too large: {what} overflows float64")
    return values


def square_symmetric(H, name: str, *, tol: float) -> np.ndarray:
    """``H`` as a finite, square float64 matrix with max|H − Hᵀ| <= tol·max|H| whose ∞-norm (max
    absolute row sum) does not overflow, or InputError."""
    A = as_matrix(H, name)
    if A.shape[0] != A.shape[1]:
        raise InputError(f"{name} must be square, got shape {A.shape}")
    with np.errstate(over="ignore"):
        if not np.isfinite(np.max(np.sum(np.abs(A), axis=1))):
            raise InputError(f"{name} has entries too large for float64 (its norm overflows)")
    scale = float(np.max(np.abs(A)))
    asym = float(np.max(np.abs(A - A.T)))
    if asym > tol * scale:
        raise InputError(
            f"{name} must be symmetric; max |{name} - {name}^T| = {asym:.3g} "
            f"(> {tol:g} x max |{name}| = {tol * scale:.3g})"
        )
    return A


def as_tensor(x, name: str, ndim: int | None = None, *, dtype=None, finite: bool = False):
    """Return ``x`` if it is a torch.Tensor of ``ndim`` dimensions (and ``dtype``, default any
    floating dtype); with ``finite`` its entries must be finite."""
    import torch

    if not isinstance(x, torch.Tensor):
        raise InputError(f"{name} must be a torch.Tensor, got {type(x).__name__}")
    if ndim is not None and x.dim() != ndim:
        raise InputError(f"{name} must be {ndim}-D, got shape {tuple(x.shape)}")
    if dtype is not None and x.dtype != dtype:
        raise InputError(f"{name} must be {str(dtype).replace('torch.', '')}, got {x.dtype}")
    if dtype is None and not x.dtype.is_floating_point:
        raise InputError(f"{name} must have a floating dtype, got {x.dtype}")
    if finite and not bool(torch.isfinite(x).all()):
        raise InputError(f"{name} has non-finite entries (NaN or inf)")
    return x


#: HiGHS (scipy's linprog) refuses a model with a coefficient of this size or more
LP_MAX_ENTRY = 1e15


def lp_coefficients(A, name: str) -> np.ndarray:
    """``A`` checked to be a usable LP constraint matrix: finite, 2-D, every |entry| < LP_MAX_ENTRY."""
    A = as_matrix(A, name)
    big = float(np.max(np.abs(A)))
    if big >= LP_MAX_ENTRY:
        raise InputError(f"{name} has an entry of size {big:.3g}: the LP solver (HiGHS) refuses "
                         f"coefficients >= {LP_MAX_ENTRY:g}; rescale the data")
    return A
