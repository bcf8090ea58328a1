"""Gradient descent on the two-layer ReLU net of Arora et al. 2019, batched over seeds, in torch.

The network of Section 3.1 (eq. (1)) with a frozen second layer:

    f_{W,a}(x) = m^{-1/2} Σ_r a_r relu(w_rᵀx),   w_r(0) ~ N(0, κ² I_d),  a_r ~ unif{±1},

trained on Φ(W) = ½ Σ_i (y_i − f(x_i))² (eq. (2)) by full-batch GD with the closed-form gradient of
eq. (5),

    ∂Φ/∂w_r = m^{-1/2} a_r Σ_i (u_i − y_i) 1{w_rᵀx_i ≥ 0} x_i,

using the paper's convention 1{· ≥ 0} (footnote 2). S independent runs (seeds, or label vectors)
are one batched computation: W has shape (S, m, d), labels (S, n). Every random draw comes from a
``torch.Generator`` seeded by the caller, on the CPU, so the same seeds give the same initial
weights on every device.

:func:`train` records a :class:`Trajectory`: the loss and ‖y − u(k)‖ at every step (cheap, needed
for per-step contraction and max-over-k deviations), and at geometric steps ‖W(k) − W(0)‖_F, the
largest per-neuron movement and the fraction of (neuron, sample) activation signs that flipped.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass

import numpy as np

from theory.errors import InputError
from theory.validation import as_matrix, finite_real, positive_int

__all__ = ["Init", "Trajectory", "Workspace", "init_weights", "outputs", "gradient", "gd_step", "loss",
           "geometric_steps", "train", "gram_at"]


def _torch():
    import torch
    return torch


_DTYPES = {"float64", "float32"}


@dataclass
class Init:
    """Initial weights of S runs: W0 (S, m, d) and a (S, m), as torch tensors on one device."""

    W0: "torch.Tensor"  # noqa: F821
    a: "torch.Tensor"   # noqa: F821


@dataclass
class Trajectory:
    """What :func:`train` records (numpy float64 arrays; S = number of batched runs).

    loss:      (S, K+1) Φ(W(k)) for k = 0..K
    residual:  (S, K+1) ‖y − u(k)‖₂
    u0:        (S, n)   outputs at initialisation
    u_final:   (S, n)   outputs after K steps
    steps:     (T,)     the geometric record steps
    distance:  (S, T)   ‖W(k) − W(0)‖_F at those steps
    max_move:  (S, T)   max_r ‖w_r(k) − w_r(0)‖₂
    flips:     (S, T)   fraction of (r, i) with 1{w_r(k)ᵀx_i ≥ 0} ≠ 1{w_r(0)ᵀx_i ≥ 0}
    w0_norm:   (S,)     ‖W(0)‖_F
    """

    loss: np.ndarray
    residual: np.ndarray
    u0: np.ndarray
    u_final: np.ndarray
    steps: np.ndarray
    distance: np.ndarray
    max_move: np.ndarray
    flips: np.ndarray
    w0_norm: np.ndarray
    W_final: object = None  # torch tensor (S, m, d), kept only when asked for
    W0: object = None
    a: object = None


def init_weights(m: int, d: int, kappa: float, seeds, *, device: str = "cpu",
                 dtype: str = "float64") -> Init:
    """w_r ~ N(0, κ²I_d), a_r ~ unif{±1} for each seed in ``seeds`` (eq. (1)), stacked on axis 0.

    Drawn on the CPU from ``torch.Generator().manual_seed(seed)`` and then moved to ``device``.
    """
    torch = _torch()
    m, d = positive_int(m, "m"), positive_int(d, "d")
    kappa = finite_real(kappa, "kappa", lo=0.0, lo_open=True)
    if dtype not in _DTYPES:
        raise InputError(f"dtype must be one of {sorted(_DTYPES)}, got {dtype!r}")
    seeds = [int(s) for s in np.atleast_1d(seeds)]
    if not seeds:
        raise InputError("seeds must name at least one seed")
    Ws, As = [], []
    for s in seeds:
        g = torch.Generator().manual_seed(s)
        Ws.append(kappa * torch.randn(m, d, generator=g, dtype=torch.float64))
        As.append(torch.randint(0, 2, (m,), generator=g).to(torch.float64) * 2.0 - 1.0)
    tdtype = getattr(torch, dtype)
    return Init(torch.stack(Ws).to(device=device, dtype=tdtype),
                torch.stack(As).to(device=device, dtype=tdtype))


def _check_batch(W, a, X):
    if W.ndim != 3 or a.ndim != 2 or W.shape[:2] != a.shape or X.ndim != 2 or X.shape[1] != W.shape[2]:
        raise InputError(f"shapes must be W (S, m, d), a (S, m), X (n, d); got {tuple(W.shape)}, "
                         f"{tuple(a.shape)}, {tuple(X.shape)}")


def outputs(W, a, X):
    """u = f_{W,a}(X) for every run: (S, n) from W (S, m, d), a (S, m), X (n, d) (torch)."""
    _check_batch(W, a, X)
    pre = W @ X.T  # (S, m, n)
    return (a.unsqueeze(1) @ pre.clamp_min(0.0)).squeeze(1) / math.sqrt(W.shape[1])


#: Above this many pre-activation bytes (S·n·m entries) the gradient streams the rows of X in
#: chunks (see :func:`gradient`); below it one pass is as fast and keeps small runs bit-identical
#: to the plain formula.
_STREAM_ABOVE_BYTES = 32 << 20

#: Target bytes of one chunk's S·c·m pre-activations: small enough that the chunk and its
#: scratch buffer stay in the last-level cache while the elementwise passes run over them, large
#: enough that the per-chunk rank-c update of the (S, m, d) gradient stays GEMM-efficient.
_CHUNK_BYTES = 4 << 20


class Workspace:
    """Buffers reused by repeated :func:`gradient` calls (as in :func:`train`'s loop).

    Fresh multi-MiB temporaries on every step are expensive on the CPU: glibc hands large freed
    blocks back to the operating system, so each new one page-faults on first touch. For 32 runs
    of n = 64, m = 256 in float64 a step measured 9 ms with fresh temporaries and 2.8 ms with these.
    """

    def __init__(self) -> None:
        self._buffers: dict = {}

    def get(self, name: str, shape: tuple, like):
        b = self._buffers.get(name)
        if b is None or tuple(b.shape) != tuple(shape) or b.dtype != like.dtype or b.device != like.device:
            b = self._buffers[name] = _torch().empty(shape, dtype=like.dtype, device=like.device)
        return b


def gradient(W, a, X, y, *, chunk_rows: int | None = None, workspace: Workspace | None = None):
    """∂Φ/∂W of eq. (5), closed form, for every run: (S, m, d). Also returns u (S, n).

    Two large products (W Xᵀ for the pre-activations, and the activation-weighted residuals
    times X) and a few elementwise passes over the S·n·m pre-activations. When those exceed
    ``_STREAM_ABOVE_BYTES`` (or ``chunk_rows`` is given) the rows of X are processed ``c`` at a
    time: u_i depends only on row i, so each chunk's forward pass, residual and backward
    contribution are computed while its c×m block is still in cache, and the per-chunk
    contributions are accumulated into the gradient by an in-place batched GEMM. The result is
    the same sum in a different order (float rounding only).

    With a ``workspace`` the returned gradient lives in its buffers and is overwritten by the
    next call that uses the same workspace.
    """
    _check_batch(W, a, X)
    torch = _torch()
    ws = workspace if workspace is not None else Workspace()
    S, m, d = W.shape
    n = X.shape[0]
    itemsize = W.element_size()
    if chunk_rows is None and S * n * m * itemsize <= _STREAM_ABOVE_BYTES:
        # the S runs' weights stacked as one (S·m, d) matrix: each product is one plain GEMM
        # into the workspace (what torch.matmul folds a batch into, without its dispatch and
        # reshapes, which cost a tenth of a step for 32 runs of n = 64, m = 256)
        pre = torch.mm(W.reshape(S * m, d), X.T, out=ws.get("pre", (S, m, n), W).view(S * m, n)).view(S, m, n)
        relu = torch.clamp_min(pre, 0.0, out=ws.get("relu", (S, m, n), W))
        u = torch.bmm(a.unsqueeze(1), relu).squeeze(1) / math.sqrt(m)
        # 1{w_rᵀx_i ≥ 0}(u_i − y_i), the paper's convention, in place over pre (a float 0/1
        # in place is ~20× faster here than building a bool tensor and converting it)
        weighted = pre.ge_(0.0).mul_((u - y).unsqueeze(1))  # (S, m, n)
        back = torch.mm(weighted.view(S * m, n), X, out=ws.get("back", (S, m, d), W).view(S * m, d)).view(S, m, d)
        grad = torch.mul((a / math.sqrt(m)).unsqueeze(2), back, out=ws.get("grad", (S, m, d), W))
        return grad, u
    if y.ndim == 1:
        y = y.expand(S, n)
    if chunk_rows is None:
        chunk_rows = max(1, _CHUNK_BYTES // (S * m * itemsize))
    c = min(positive_int(chunk_rows, "chunk_rows"), n)
    a_scaled = (a / math.sqrt(m)).unsqueeze(2)          # (S, m, 1)
    Wt = W.transpose(1, 2)                              # (S, d, m), a view
    grad = ws.get("grad", (S, m, d), W).zero_()
    u = torch.empty((S, n), dtype=W.dtype, device=W.device)
    pre_buf = ws.get("pre", (S, c, m), W)
    work_buf = ws.get("relu", (S, c, m), W)
    for start in range(0, n, c):
        rows = min(c, n - start)
        Xc = X[start:start + rows]
        pre = torch.matmul(Xc, Wt, out=pre_buf[:, :rows])          # (S, rows, m)
        work = torch.clamp_min(pre, 0.0, out=work_buf[:, :rows])
        uc = torch.bmm(work, a_scaled).squeeze(2)                   # (S, rows)
        u[:, start:start + rows] = uc
        residual = (uc - y[:, start:start + rows]).unsqueeze(2)    # (S, rows, 1)
        weighted = pre.ge_(0.0).mul_(residual)                      # 1{w_rᵀx_i ≥ 0}(u_i − y_i)
        grad.baddbmm_(weighted.transpose(1, 2), Xc.expand(S, rows, d))
    grad.mul_(a_scaled)
    return grad, u


def gd_step(W, a, X, y, eta: float, workspace: Workspace | None = None):
    """One GD step W ← W − η ∂Φ/∂W (eq. (6)) in place on W (S, m, d); returns u (S, n) before it."""
    grad, u = gradient(W, a, X, y, workspace=workspace)
    W.sub_(grad.mul_(eta))
    return u


def loss(W, a, X, y):
    """Φ(W) = ½ Σ_i (y_i − u_i)² for every run: (S,)."""
    return 0.5 * ((y - outputs(W, a, X)) ** 2).sum(dim=1)


def geometric_steps(steps: int, per_decade: int = 8) -> np.ndarray:
    """0, 1, 2, … then geometrically spaced integers up to ``steps`` (inclusive), no repeats."""
    K = positive_int(steps, "steps", minimum=0)
    per_decade = positive_int(per_decade, "per_decade")
    if K == 0:
        return np.array([0])
    grid = np.unique(np.round(np.logspace(0, math.log10(K), per_decade * max(1, math.ceil(math.log10(K + 1))) + 1)))
    return np.unique(np.concatenate([[0], grid.astype(np.int64), [K]]))


def _labels(y, S: int, n: int, torch, device, dtype):
    Y = torch.as_tensor(np.asarray(y, dtype=np.float64), device=device).to(dtype)
    if Y.ndim == 1 and Y.shape[0] == n:
        Y = Y.expand(S, n)
    if tuple(Y.shape) != (S, n):
        raise InputError(f"y must have shape (n,) = ({n},) or (S, n) = ({S}, {n}), got {tuple(Y.shape)}")
    if not torch.isfinite(Y).all():
        raise InputError("y has non-finite entries")
    return Y.contiguous()


@contextlib.contextmanager
def _cpu_threads(device, threads: int | None):
    """On the CPU, run torch with ``threads`` intra-op threads (restored afterwards).

    The default of one thread is deliberate: the per-step tensors are small (S·m·n entries), and on
    a machine shared with other processes every multi-threaded op waits at a fork/join barrier for
    whichever thread the OS descheduled; we measured a 50-step run at m = 3600 take 0.18 s on one
    thread and 10.5 s on two under a load average of 5.
    """
    torch = _torch()
    if str(device).startswith("cuda") or threads is None:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def train(X, y, init: Init, eta: float, steps: int, *, per_decade: int = 8,
          keep_weights: bool = False, cpu_threads: int | None = 1) -> Trajectory:
    """Run ``steps`` full-batch GD steps W ← W − η ∂Φ/∂W (eq. (6)) for every batched run.

    ``X`` (n, d) numpy rows (unit norm in the paper's setting; not enforced here so that callers
    can study scaled inputs), ``y`` (n,) shared labels or (S, n) one label vector per run, ``init``
    from :func:`init_weights` (its device and dtype are used).
    """
    torch = _torch()
    X_np = as_matrix(X, "X")
    eta = finite_real(eta, "eta", lo=0.0, lo_open=True)
    K = positive_int(steps, "steps", minimum=0)
    W0, a = init.W0, init.a
    S, m, d = W0.shape
    if X_np.shape[1] != d:
        raise InputError(f"X must have d = {d} columns like the weights, got shape {X_np.shape}")
    n = X_np.shape[0]
    device, dtype = W0.device, W0.dtype
    Xt = torch.as_tensor(X_np, device=device).to(dtype)
    Y = _labels(y, S, n, torch, device, dtype)
    record = geometric_steps(K, per_decade)
    rec_index = {int(k): j for j, k in enumerate(record)}
    act0 = (W0 @ Xt.T >= 0)
    losses = torch.empty(S, K + 1, dtype=torch.float64, device=device)
    resid = torch.empty_like(losses)
    dist = torch.empty(S, len(record), dtype=torch.float64, device=device)
    move = torch.empty_like(dist)
    flips = torch.empty_like(dist)
    W = W0.clone()
    ws = Workspace()
    u0 = None
    with torch.no_grad(), _cpu_threads(device, cpu_threads):
        for k in range(K + 1):
            j = rec_index.get(k)
            if j is not None:  # geometric record of W(k), before the step
                delta = (W - W0).to(torch.float64)
                dist[:, j] = torch.linalg.vector_norm(delta.reshape(S, -1), dim=1)
                move[:, j] = torch.linalg.vector_norm(delta, dim=2).amax(dim=1)
                flips[:, j] = ((W @ Xt.T >= 0) != act0).to(torch.float64).mean(dim=(1, 2))
            # u(k): the outputs at W(k); gd_step returns them and moves W to W(k + 1)
            u = gd_step(W, a, Xt, Y, eta, ws) if k < K else gradient(W, a, Xt, Y, workspace=ws)[1]
            r = torch.linalg.vector_norm((Y - u).to(torch.float64), dim=1)
            resid[:, k] = r
            losses[:, k] = 0.5 * r * r
            if k == 0:
                u0 = u.to(torch.float64).cpu().numpy()
        u_final = u.to(torch.float64).cpu().numpy()
    return Trajectory(
        loss=losses.cpu().numpy(), residual=resid.cpu().numpy(), u0=u0, u_final=u_final,
        steps=record, distance=dist.cpu().numpy(), max_move=move.cpu().numpy(),
        flips=flips.cpu().numpy(),
        w0_norm=torch.linalg.vector_norm(W0.reshape(S, -1).to(torch.float64), dim=1).cpu().numpy(),
        W_final=W if keep_weights else None, W0=W0 if keep_weights else None,
        a=a if keep_weights else None,
    )


def gram_at(W, X) -> np.ndarray:
    """H(W)_ij = x_iᵀx_j (1/m) Σ_r 1{w_rᵀx_i ≥ 0}1{w_rᵀx_j ≥ 0} for each run: (S, n, n) numpy.

    The finite-width Gram matrix H = ZᵀZ of eq. (6) (independent of a).
    """
    torch = _torch()
    if W.ndim != 3:
        raise InputError(f"W must have shape (S, m, d), got {tuple(W.shape)}")
    Xt = torch.as_tensor(as_matrix(X, "X"), device=W.device).to(torch.float64)
    act = (W.to(torch.float64) @ Xt.T >= 0).to(torch.float64)  # (S, m, n)
    co = act.transpose(1, 2) @ act / W.shape[1]
    return ((Xt @ Xt.T).unsqueeze(0) * co).cpu().numpy()
