"""The infinite-width Gram matrix H∞ of a two-layer ReLU network, and its approximations.

Arora et al. 2019 ("Fine-Grained Analysis of Optimization and Generalization for Overparameterized
Two-Layer Neural Networks", arXiv 1901.08584), eq. (3): for unit-norm rows x_i of X (n × d),

    H∞_ij = E_{w ~ N(0, I)}[ x_iᵀx_j 1{wᵀx_i ≥ 0, wᵀx_j ≥ 0} ] = x_iᵀx_j (π − θ_ij) / (2π),

where θ_ij ∈ [0, π] is the angle between x_i and x_j. Appendix E rewrites it with K = XXᵀ as

    H∞ = K/4 + K ∘ arcsin(K) / (2π) = K/4 + (1/2π) Σ_{l≥1} c_l K^{∘2l} / (2l − 1),

with c_l = (2l − 3)!! / (2l − 2)!! (c_1 = 1, c_{l+1} = c_l (2l − 1)/(2l)).

This module holds:

* the accurate closed form (:func:`hinf`, :func:`pairwise_angles`,
  :func:`coactivation_probability`), and the same angle and co-activation formulas for two different
  sets of rows (:func:`cross_angles`, :func:`paired_angles`, :func:`coactivation_from_angle`), which
  the NTK of :mod:`theory.kernels.relu_ntk` is written in (its K1 is 2·H∞ for unit rows);
* the objects the paper compares it with, evaluated literally (:func:`hinf_arcsin_form`,
  :func:`hinf_series`, :func:`hinf_monte_carlo`, :func:`finite_width_gram`);
* explicit error bounds for those comparisons (:func:`series_remainder_bound`,
  :func:`arcsin_error_bound`).

Why the closed form needs care: the angle computed as arccos(K_ij) loses about √eps ≈ 1.5e-8 when
x_i and x_j are nearly parallel or antipodal, because arccos has an infinite slope at ±1 and K_ij
already carries a rounding error of order eps. The accurate angle of two unit vectors is

    θ = 2 atan2(‖x_i − x_j‖, ‖x_i + x_j‖),     π − θ = 2 atan2(‖x_i + x_j‖, ‖x_i − x_j‖),

whose arguments are computed from explicit difference and sum vectors with small relative error.
The fast path uses arccos / arcsin of a GEMM-computed K and recomputes only the entries with
1 − |K_ij| below a threshold from those vectors (see :data:`REFINE_BAND`).
"""

from __future__ import annotations

import math
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import numpy as np

from theory.errors import InputError
from theory.validation import (as_matrix, finite_array, finite_real, positive_int, rng_generator, row_norms,
                               unit_rows)

__all__ = [
    "REFINE_BAND",
    "pairwise_angles",
    "hinf",
    "coactivation_probability",
    "cross_angles",
    "paired_angles",
    "coactivation_from_angle",
    "hinf_arcsin_form",
    "arcsin_series_coefficients",
    "hinf_series",
    "series_remainder_bound",
    "arcsin_error_bound",
    "hinf_monte_carlo",
    "hinf_monte_carlo_fraction",
    "finite_width_gram",
]

_EPS = float(np.finfo(np.float64).eps)
_TWO_PI = 2.0 * math.pi

#: Entries with 1 − |K_ij| < REFINE_BAND are recomputed from the difference and sum vectors.
#:
#: Why 2⁻⁸: a GEMM-computed K_ij carries an error |δK| of a few eps (at most γ_d = d·u/(1 − d·u)
#: for unit rows). Through arccos or arcsin that error is multiplied by 1/√(1 − K²), and in H∞ it
#: is further divided by 2π. Outside the band, 1 − |K| ≥ 2⁻⁸ gives √(1 − K²) ≥ √(2·2⁻⁸ − 2⁻¹⁶)
#: ≈ 0.088, so the angle error is at most ≈ 11·|δK| and the H∞ error at most ≈ (½ + 1.8)·|δK|,
#: i.e. the unrefined entries stay at the 1e-16..1e-15 level. A wider band would buy little accuracy
#: and cost refinement work on clustered data; for random rows in moderate dimension
#: (|K| ≈ d^(-1/2)) the band is essentially empty, so the refinement is free there.
REFINE_BAND = 2.0 ** -8

#: Rows per block in the blocked GEMM + elementwise pass. For n = 4096 a 128-row block is 4 MiB;
#: with its scratch buffer that is 8 MiB per worker thread, so the buffers of two workers stay in a
#: 32 MiB last-level cache while the elementwise passes run over them, and only the final copy into
#: the output streams to main memory. (64 and 256 measured the same within noise.)
_BLOCK_ROWS = 128

#: Pairs refined per batch (bounds the temporaries of the difference/sum vectors to 2·batch·d).
_REFINE_BATCH = 1 << 14

#: Default Monte Carlo chunk: about 2²¹ float64 entries of projections and weights per chunk.
_MC_CHUNK_ENTRIES = 1 << 21

#: Largest Monte Carlo chunk: co-activation counts are summed in float32, exact below 2²⁴.
_MC_MAX_CHUNK = 1 << 24


def _torch():
    """Import torch lazily, so that importing :mod:`theory` stays cheap."""
    import torch

    return torch


def _unit_rows_contiguous(X, name: str = "X") -> np.ndarray:
    return np.ascontiguousarray(unit_rows(X, name), dtype=np.float64)


def _symmetric_gram(X: np.ndarray) -> np.ndarray:
    """K = XXᵀ, made exactly symmetric by mirroring its upper triangle."""
    K = X @ X.T
    upper = np.triu(K, 1)
    return upper + upper.T + np.diag(np.diag(K))


# --------------------------------------------------------------------------------------------------
# The blocked driver shared by the accurate closed forms
# --------------------------------------------------------------------------------------------------

def _sum_diff_norms(X: np.ndarray, rows: np.ndarray, cols: np.ndarray):
    """‖x_i + x_j‖ and ‖x_i − x_j‖ for the pairs (rows[k], cols[k])."""
    s = np.empty(rows.shape[0])
    dn = np.empty(rows.shape[0])
    for start in range(0, rows.shape[0], _REFINE_BATCH):
        sl = slice(start, start + _REFINE_BATCH)
        a = X[rows[sl]]
        b = X[cols[sl]]
        plus = a + b
        minus = a - b
        s[sl] = np.sqrt(np.einsum("ij,ij->i", plus, plus))
        dn[sl] = np.sqrt(np.einsum("ij,ij->i", minus, minus))
    return s, dn


def _symmetric_pairwise(
    X: np.ndarray,
    transform: Callable,
    refine: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray],
    diag_value: float,
) -> np.ndarray:
    """Evaluate f(K_ij) for all pairs of rows of X, exactly symmetric, with refinement near |K| = 1.

    Works on row blocks of the upper block triangle (see :func:`_fill_block`); every output entry is
    written once (the diagonal blocks twice), the transcendental work is halved, and the (i, j) and
    (j, i) entries are the same float by construction.

    Threading: the blocks are handed out one at a time to as many worker threads as torch's
    intra-op thread count, and each worker runs its torch ops single-threaded. Compared with
    letting every torch op split itself over the threads, this removes a fork/join barrier per op
    (about ten per block); on a machine shared with other processes a barrier waits for whichever
    thread the OS has descheduled, which made the blocked computation up to ~15× slower than the
    plain GEMM under load in our measurements, while a queue of blocks just runs at the speed of
    the cores it gets (≈ 1-1.5× the GEMM with two busy processes beside it). Each block's GEMM is
    single-threaded, so the result does not depend on the thread count or on the schedule.
    ``torch.set_num_threads(1)`` is called in the workers only; since torch also takes it as the
    default for threads started later, the caller's count is set again before returning.
    """
    torch = _torch()
    n = X.shape[0]
    out = np.empty((n, n), dtype=np.float64)
    b = min(_BLOCK_ROWS, n)
    starts = list(range(0, n, b))
    threads = torch.get_num_threads()
    workers = min(threads, len(starts))
    queue = iter(starts)
    lock = threading.Lock()

    def run_blocks() -> None:
        k_buf = torch.empty(b * n, dtype=torch.float64)
        scratch_buf = torch.empty(b * n, dtype=torch.float64)
        while True:
            with lock:
                i = next(queue, None)
            if i is None:
                return
            _fill_block(out, X, i, min(b, n - i), k_buf, scratch_buf, transform, refine, diag_value)

    if workers <= 1:
        run_blocks()
        return out

    def worker() -> None:
        torch.set_num_threads(1)  # affects this worker thread's OpenMP/MKL team size
        run_blocks()

    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for future in [pool.submit(worker) for _ in range(workers)]:
                future.result()
    finally:
        # set_num_threads also sets the default that torch gives threads started later: restore it
        torch.set_num_threads(threads)
    return out


def _fill_block(out, X, i, m, k_buf, scratch_buf, transform, refine, diag_value) -> None:
    """Rows i..i+m of the upper block triangle of f(XXᵀ), written to ``out`` and mirrored.

    K_block = X[i:i+m] X[i:]ᵀ is computed by GEMM into a cache-sized buffer;
    ``transform(K, scratch)`` overwrites it in place with f(K) (torch elementwise kernels); the
    entries with 1 − |K| < REFINE_BAND and column > row are replaced by
    ``refine(X, rows, cols, K_values)``; the diagonal block is mirrored from its upper triangle with
    ``diag_value`` on its diagonal; and the block goes to the output row strip and, transposed, to
    the column strip.
    """
    torch = _torch()
    n = X.shape[0]
    w = n - i
    x_t = torch.from_numpy(X)
    out_t = torch.from_numpy(out)
    K = k_buf[: m * w].view(m, w)
    torch.mm(x_t[i : i + m], x_t[i:].T, out=K)
    K[:, :m].diagonal().zero_()  # the diagonal is set at the end; keep it out of the scan
    near_one = 1.0 - REFINE_BAND
    lo, hi = torch.aminmax(K)
    pairs = None
    if float(hi) > near_one or float(lo) < -near_one:
        r, c = torch.nonzero(K.abs() > near_one, as_tuple=True)
        keep = c > r  # strict upper triangle only; the rest is mirrored
        r, c = r[keep], c[keep]
        if r.numel():
            pairs = (r, c, K[r, c].numpy())
    transform(K, scratch_buf[: m * w].view(m, w))
    if pairs is not None:
        r, c, k_vals = pairs
        values = refine(X, i + r.numpy(), i + c.numpy(), k_vals)
        K[r, c] = torch.from_numpy(np.ascontiguousarray(values, dtype=np.float64))
    diag_block = K[:, :m]
    upper = torch.triu(diag_block, 1)
    diag_block.copy_(upper + upper.T)
    diag_block.diagonal().fill_(diag_value)
    out_t[i : i + m, i:].copy_(K)
    if m < w:
        out_t[i + m :, i : i + m].copy_(K[:, m:].T)


def _angle(plus_norm, minus_norm):
    """θ = 2 atan2(‖a − b‖, ‖a + b‖) for unit vectors a, b (Kahan): a few ulp at every angle."""
    return 2.0 * np.arctan2(minus_norm, plus_norm)


def _supplement(plus_norm, minus_norm):
    """π − θ = 2 atan2(‖a + b‖, ‖a − b‖) for unit vectors a, b: no cancellation for antipodal pairs."""
    return 2.0 * np.arctan2(plus_norm, minus_norm)


def _angles_transform(K, scratch) -> None:
    K.acos_()  # |K| > 1 gives NaN here; those entries are inside the band and get refined


def _angles_refine(X, rows, cols, k_vals):
    s, dn = _sum_diff_norms(X, rows, cols)
    return _angle(s, dn)


def _hinf_transform(K, scratch) -> None:
    # H = K (π − arccos K)/(2π) = K (1/4 + arcsin(K)/(2π)), fused into in-place passes.
    torch = _torch()
    torch.asin(K, out=scratch)
    scratch.mul_(1.0 / _TWO_PI).add_(0.25)
    K.mul_(scratch)


def _hinf_refine(X, rows, cols, k_vals):
    s, dn = _sum_diff_norms(X, rows, cols)
    # |x_iᵀx_j| <= 1 for unit rows; a GEMM rounding of a (near-)duplicate pair can exceed it by
    # an ulp, which would put H_ij above the exact 1/2 of identical rows.
    return np.clip(k_vals, -1.0, 1.0) * _supplement(s, dn) / _TWO_PI


def _coactivation_transform(K, scratch) -> None:
    K.asin_().mul_(1.0 / _TWO_PI).add_(0.25)  # (π − arccos K)/(2π) = 1/4 + arcsin(K)/(2π)


def _coactivation_refine(X, rows, cols, k_vals):
    s, dn = _sum_diff_norms(X, rows, cols)
    return _supplement(s, dn) / _TWO_PI


# --------------------------------------------------------------------------------------------------
# Accurate closed forms
# --------------------------------------------------------------------------------------------------

def pairwise_angles(X) -> np.ndarray:
    """Angles θ_ij ∈ [0, π] between the unit rows of X (n × d); n × n, symmetric, zero diagonal.

    θ_ij = arccos(x_iᵀx_j) away from ±1, and θ_ij = 2 atan2(‖x_i − x_j‖, ‖x_i + x_j‖) for the pairs
    with 1 − |x_iᵀx_j| < :data:`REFINE_BAND` (nearly parallel or antipodal rows), where arccos of a
    rounded inner product would lose ~√eps. This is the θ of Arora et al. 2019, eq. (3).
    Cost: one GEMM over the upper block triangle plus one arccos per entry.
    """
    X = _unit_rows_contiguous(X)
    return _symmetric_pairwise(X, _angles_transform, _angles_refine, 0.0)


def hinf(X) -> np.ndarray:
    """H∞ of Arora et al. 2019, eq. (3): H∞_ij = x_iᵀx_j (π − θ_ij)/(2π), for unit rows of X.

    Evaluated as K (1/4 + arcsin(K)/(2π)) (the Appendix E form, equal to eq. (3) by
    π − arccos u = π/2 + arcsin u) with K from one GEMM, in cache-sized row blocks of the upper
    block triangle, then mirrored, so the result is exactly symmetric. Entries with 1 − |K_ij| <
    :data:`REFINE_BAND` are recomputed as K_ij atan2(‖x_i + x_j‖, ‖x_i − x_j‖)/π, which is accurate
    to a few eps even for angles of 1e-12 (or π − 1e-12). The diagonal is exactly 1/2.

    Accuracy (against 50-digit arithmetic on the same float64 rows): about 1e-16..1e-15 absolute.
    Speed: for n = 4096, d = 64 about the time of one torch float64 X @ Xᵀ (half the GEMM and half
    the arcsin work, spread over torch's thread count; see tests/benchmarks/test_bench_hinf.py).
    """
    X = _unit_rows_contiguous(X)
    return _symmetric_pairwise(X, _hinf_transform, _hinf_refine, 0.5)


def coactivation_probability(X) -> np.ndarray:
    """p_ij = P_{w~N(0,I)}[wᵀx_i ≥ 0, wᵀx_j ≥ 0] = (π − θ_ij)/(2π); diagonal exactly 1/2.

    The probability factor of Arora et al. 2019, eq. (3) (so H∞ = K ∘ p), with the same refinement
    near |K| = 1 as :func:`hinf`. It is the mean that the Monte Carlo fractions of
    :func:`hinf_monte_carlo_fraction` estimate.
    """
    X = _unit_rows_contiguous(X)
    return _symmetric_pairwise(X, _coactivation_transform, _coactivation_refine, 0.5)


def _matching_columns(X, Z):
    X, Z = as_matrix(X, "X"), as_matrix(Z, "Z")
    if X.shape[1] != Z.shape[1]:
        raise InputError(f"X and Z must have the same number of columns, got {X.shape[1]} and {Z.shape[1]}")
    return X, Z


def _unit_or_zero(A, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Rows of A scaled to unit norm (zero rows kept at 0) and the mask of the zero rows."""
    norms = row_norms(A, name)
    return A / np.where(norms > 0, norms, 1.0)[:, None], norms == 0


def cross_angles(X, Z) -> np.ndarray:
    """Angles θ_ij ∈ [0, π] between rows x_i of X and z_j of Z of any norms (π/2 where a row is 0).

    The angle of :func:`pairwise_angles` for two different sets of rows, every entry by the
    difference-and-sum form θ = 2 atan2(‖a − b‖, ‖a + b‖) of the unit rows a, b (no GEMM fast path:
    the NTK of :mod:`theory.kernels.relu_ntk` evaluates it on a few hundred rows).
    """
    X, Z = _matching_columns(X, Z)
    A, x_zero = _unit_or_zero(X, "X")
    B, z_zero = _unit_or_zero(Z, "Z")
    out = np.empty((A.shape[0], B.shape[0]))
    rows = max(1, 4_000_000 // max(1, B.shape[0] * A.shape[1]))
    for i in range(0, A.shape[0], rows):
        a = A[i:i + rows, None, :]
        out[i:i + rows] = _angle(np.linalg.norm(a + B[None], axis=2), np.linalg.norm(a - B[None], axis=2))
    out[x_zero, :] = math.pi / 2
    out[:, z_zero] = math.pi / 2
    return out


def paired_angles(X, Z) -> np.ndarray:
    """θ(x_i, z_i) for corresponding rows of X and Z (a vector; π/2 where a row is 0)."""
    X, Z = _matching_columns(X, Z)
    if X.shape[0] != Z.shape[0]:
        raise InputError(f"X and Z must have the same number of rows, got {X.shape[0]} and {Z.shape[0]}")
    A, x_zero = _unit_or_zero(X, "X")
    B, z_zero = _unit_or_zero(Z, "Z")
    theta = _angle(np.linalg.norm(A + B, axis=1), np.linalg.norm(A - B, axis=1))
    theta[x_zero | z_zero] = math.pi / 2
    return theta


def coactivation_from_angle(theta) -> np.ndarray:
    """P_{w~N(0,I)}[wᵀx ≥ 0, wᵀx' ≥ 0] = (π − θ)/(2π) for two vectors at angle θ ∈ [0, π].

    The formula behind :func:`coactivation_probability` (which evaluates it from the rows, without
    forming θ near θ = π) and behind K1 of :mod:`theory.kernels.relu_ntk`: K1 = ⟨x, x'⟩·2p.
    """
    theta = finite_array(theta, "theta")
    if np.any(theta < 0) or np.any(theta > math.pi):
        raise InputError("theta must lie in [0, π]")
    return (math.pi - theta) / _TWO_PI


# --------------------------------------------------------------------------------------------------
# Literal forms from Appendix E (the objects being compared, evaluated as written)
# --------------------------------------------------------------------------------------------------

def hinf_arcsin_form(X) -> np.ndarray:
    """K/4 + K ∘ arcsin(K)/(2π) with K = XXᵀ, exactly as Arora et al. 2019, Appendix E writes it.

    No refinement: K is clipped to [−1, 1] before arcsin and that is all, so near-parallel and
    antipodal pairs carry the √eps loss that :func:`hinf` avoids. Diagonal is whatever it evaluates
    to (≈ 1/2). Use it as the object under test, not as the reference.
    """
    X = _unit_rows_contiguous(X)
    K = _symmetric_gram(X)
    return K / 4.0 + K * np.arcsin(np.clip(K, -1.0, 1.0)) / _TWO_PI


def arcsin_series_coefficients(terms: int) -> np.ndarray:
    """a_l = c_l/(2l − 1) for l = 1..terms, the coefficients of u·arcsin(u) = Σ_l a_l u^{2l}.

    c_l = (2l − 3)!!/(2l − 2)!!, built by the recursion c_1 = 1, c_{l+1} = c_l (2l − 1)/(2l)
    (Arora et al. 2019, Appendix E).
    """
    terms = positive_int(terms, "terms")
    c = np.empty(terms)
    c[0] = 1.0
    for l in range(1, terms):
        c[l] = c[l - 1] * (2 * l - 1) / (2 * l)
    return c / (2.0 * np.arange(1, terms + 1) - 1.0)


def hinf_series(X, terms: int) -> np.ndarray:
    """Truncated Appendix E series: K/4 + (1/2π) Σ_{l=1}^{terms} c_l K^{∘2l}/(2l − 1), K = XXᵀ.

    Every omitted term is ≥ 0, so the truncation never exceeds H∞ and the gap is bounded entrywise
    by :func:`series_remainder_bound`.
    """
    X = _unit_rows_contiguous(X)
    coefficients = arcsin_series_coefficients(terms)
    K = _symmetric_gram(X)
    K2 = K * K
    power = K2.copy()
    total = np.zeros_like(K)
    for a in coefficients:
        total += a * power
        power *= K2
    return K / 4.0 + total / _TWO_PI


def series_remainder_bound(K, terms: int) -> np.ndarray:
    """Entrywise bound on |H∞ − hinf_series| after ``terms`` = L terms: +inf where |K| ≥ 1, else

        R_L(K) ≤ c_{L+1}/(2L + 1) · |K|^{2L+2} / (1 − K²) / (2π).

    Proof. For |u| ≤ 1, u·arcsin(u) = Σ_{l≥1} a_l u^{2l} with a_l = c_l/(2l − 1) > 0, so the
    remainder R_L(u) = (1/2π) Σ_{l>L} a_l u^{2l} is a sum of nonnegative terms. c_l is nonincreasing
    (c_{l+1}/c_l = (2l − 1)/(2l) < 1) and so is 1/(2l − 1); hence a_l ≤ a_{L+1} for l > L, and
    R_L(u) ≤ a_{L+1}/(2π) Σ_{l≥L+1} u^{2l} = a_{L+1} u^{2L+2} / ((1 − u²) 2π) for |u| < 1. ∎

    ``K`` may be a scalar or an array of any shape (typically the Gram matrix XXᵀ). At |K| = 1 the
    series still converges (a_l ~ l^(-3/2)) but this geometric bound does not apply, hence +inf.
    """
    L = positive_int(terms, "terms")
    K = finite_array(K, "K")
    a_next = float(arcsin_series_coefficients(L + 1)[-1])
    absK = np.abs(K)
    inside = absK < 1.0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        one_minus_k2 = (1.0 - absK) * (1.0 + absK)
        bound = a_next * absK ** (2 * L + 2) / one_minus_k2 / _TWO_PI
    return np.where(inside, bound, np.inf)


def arcsin_error_bound(u, delta) -> np.ndarray:
    """Bound on sup |arcsin(u + e) − arcsin(u)| over |e| ≤ delta with u + e ∈ [−1, 1].

    The smaller of two bounds (times 1 + 16 eps to cover the rounding of this evaluation):

    * slope bound (mean value theorem): delta / √(1 − (|u| + delta)²), when |u| + delta < 1
      (arcsin' = 1/√(1 − t²) grows with |t|, so on the interval it is largest at |u| + delta);
    * Hölder-½ bound (the modulus of continuity of arcsin on [−1, 1]): since arcsin' increases with
      |t|, an interval of length δ ≤ 2 collects the most increase when it touches ±1, so the
      increase is at most arcsin(1) − arcsin(1 − δ) = arccos(1 − δ) = 2 arcsin(√(δ/2)) ≤ π √(δ/2).

    ``u`` (in [−1, 1]) and ``delta`` (≥ 0) broadcast against each other. Use it to propagate the
    error of an inner product K_ij into arcsin(K_ij) (e.g. the √eps loss of the Appendix E form).
    """
    u = finite_array(u, "u")
    delta = finite_array(delta, "delta")
    if np.any(np.abs(u) > 1.0):
        raise InputError("u must lie in [-1, 1] (the domain of arcsin)")
    if np.any(delta < 0.0):
        raise InputError("delta must be >= 0")
    reach = np.abs(u) + delta
    with np.errstate(divide="ignore", invalid="ignore"):
        room = (1.0 - reach) * (1.0 + reach)
        slope = np.where(reach < 1.0, delta / np.sqrt(room), np.inf)
    holder = 2.0 * np.arcsin(np.sqrt(np.minimum(delta, 2.0) / 2.0))
    return np.minimum(slope, holder) * (1.0 + 16.0 * _EPS)


# --------------------------------------------------------------------------------------------------
# Finite-width and Monte Carlo estimates of eq. (3)
# --------------------------------------------------------------------------------------------------

def _default_chunk(n: int, d: int) -> int:
    return max(1, _MC_CHUNK_ENTRIES // (n + d))


def _add_coactivation_counts(counts: np.ndarray, X: np.ndarray, W: np.ndarray) -> None:
    """counts_ij += #{r : w_rᵀx_i ≥ 0 and w_rᵀx_j ≥ 0} for the rows w_r of W (one chunk).

    The projections are computed in the dtype of X and W; the 0/1 activation matrix is multiplied
    by its transpose in float32 by torch's GEMM (exact while each sum stays below 2**24, i.e.
    chunk <= 2**24; measured about 8× faster than numpy's float32 GEMM for this shape here).
    """
    torch = _torch()
    active = torch.from_numpy(np.greater_equal(X @ W.T, 0.0).astype(np.float32))  # n × chunk
    counts += torch.mm(active, active.T).numpy()


def _chunk_size(chunk, n: int, d: int, m: int) -> int:
    if chunk is None:
        size = _default_chunk(n, d)
    else:
        size = positive_int(chunk, "chunk")
    return min(size, m, _MC_MAX_CHUNK)


def hinf_monte_carlo_fraction(X, m: int, rng, *, chunk: int | None = None,
                              kappa: float = 1.0) -> np.ndarray:
    """Monte Carlo co-activation fractions p̂_ij = (1/m) Σ_r 1{w_rᵀx_i ≥ 0} 1{w_rᵀx_j ≥ 0}.

    w_r ~ N(0, κ² I), r = 1..m, drawn from ``rng`` (a numpy Generator) ``chunk`` rows at a time, so
    memory is O(chunk·(n + d) + n²). Each m·p̂_ij is Binomial(m, p_ij) with p_ij from
    :func:`coactivation_probability`, which gives z-scores (p̂ − p)/√(p(1 − p)/m).

    Precision (error model): the weights are drawn in float32 and the projections w_rᵀx_i computed
    in float32 against X rounded to float32, which halves the cost of the two largest passes (the
    draws and the projection GEMM). Only the sign of a projection matters. A float32 dot product of
    length d is off by at most δ = γ_d·‖w_r‖·‖x_i‖ with γ_d ≈ d·2⁻²⁴ (rounding X to float32 adds
    2⁻²⁴ relative per entry), so a sign can differ from the exact one only when |w_rᵀx_i| < δ,
    which for w_r ~ N(0, I) has probability at most 0.8·δ ≈ 0.8·d^1.5·2⁻²⁴ per entry. That shifts
    E[p̂_ij] by at most twice this: 1.1e-5 for d = 20 (the Arora claims' largest), 6e-5 for
    d = 64 — respectively 0.4% and 14% of the Monte Carlo standard deviation √(p(1 − p)/m) at the
    claims' m = 2·10⁴ and the benchmark's m = 10⁶ with p = 1/4 (and typical rounding errors grow
    like √d, not d, so the realised shift is several times smaller). Antipodal and duplicated
    rows stay exact: their float32 projections are exact negatives or copies of each other.

    Reproducibility: the weights are drawn as consecutive standard_normal blocks, and numpy's
    Generator produces the same stream whether it is drawn in one block or many, and the counts are
    exact integers; so for a given seed the result does not depend on ``chunk``, except if some
    projection lies within rounding of 0, where a different GEMM blocking could flip its sign.
    κ does not change the indicators (they are scale-invariant); it is there to match the paper's
    initialisation w_r ~ N(0, κ² I).
    """
    X = _unit_rows_contiguous(X)
    m = positive_int(m, "m")
    rng = rng_generator(rng)
    kappa = finite_real(kappa, "kappa", lo=0.0, lo_open=True)
    n, d = X.shape
    size = _chunk_size(chunk, n, d, m)
    X32 = X.astype(np.float32)
    counts = np.zeros((n, n), dtype=np.float64)
    drawn = 0
    while drawn < m:
        c = min(size, m - drawn)
        _add_coactivation_counts(counts, X32, rng.standard_normal((c, d), dtype=np.float32))
        drawn += c
    return counts / m


def hinf_monte_carlo(X, m: int, rng, *, chunk: int | None = None, kappa: float = 1.0) -> np.ndarray:
    """Monte Carlo estimate of H∞ (Arora et al. 2019, eq. (3)) with m Gaussian weight vectors.

    Returns K ∘ p̂ with K = XXᵀ and p̂ from :func:`hinf_monte_carlo_fraction` (same arguments, same
    draws from ``rng``, same chunking and reproducibility notes). Peak memory is
    O(chunk·(n + d) + n²): for m = 10⁶, n = 256 and the default chunk, a few tens of MiB.
    """
    X = _unit_rows_contiguous(X)
    fraction = hinf_monte_carlo_fraction(X, m, rng, chunk=chunk, kappa=kappa)
    return _symmetric_gram(X) * fraction


def finite_width_gram(W, X) -> np.ndarray:
    """H(W)_ij = x_iᵀx_j · (1/m) Σ_r 1{w_rᵀx_i ≥ 0} 1{w_rᵀx_j ≥ 0} for the rows w_r of W (m × d).

    The Gram matrix of a width-m network at weights W (Arora et al. 2019, Section 3); its
    expectation over w_r ~ N(0, κ² I) is H∞ of eq. (3). Memory is O(chunk·(n + d) + n²),
    whatever m is.
    """
    W = as_matrix(W, "W")
    X = _unit_rows_contiguous(X)
    n, d = X.shape
    if W.shape[1] != d:
        raise InputError(f"W must have d = {d} columns like X, got shape {W.shape}")
    m = W.shape[0]
    size = _chunk_size(None, n, d, m)
    counts = np.zeros((n, n), dtype=np.float64)
    for start in range(0, m, size):
        _add_coactivation_counts(counts, X, W[start : start + size])
    return _symmetric_gram(X) * (counts / m)
