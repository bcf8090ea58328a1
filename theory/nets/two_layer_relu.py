"""The two-layer ReLU network F(x; W) = aᵀσ(Vx) of Telgarsky 2023 and its gradients.

Telgarsky 2023 ("Feature selection with gradient descent on two-layer networks in low-rotation
regimes", ICLR 2023), Section 1.2: W = (a, V) with a ∈ R^m, V ∈ R^{m×d}, σ = ReLU, and the
unnormalised margin of example i is p_i(W) = y_i F(x_i; W) = Σ_j p_i(w_j) with the per-node
margin p_i(w_j) = y_i a_j σ(v_jᵀx_i). ‖W‖ is the Frobenius norm over all parameters,
‖W‖² = ‖a‖² + ‖V‖_F², and a node is the row w_j = (a_j, v_j) ∈ R^{d+1}.

The Clarke selection uses σ'(z) = 1[z > 0] by default (torch's choice); ``relu_slope_at_zero``
picks any other element of [0, 1] (Euler's identity, eq. before Assumption 1.3, holds for all).

Two initialisations appear in the paper and must not be confused (catalogue M1):

* the network's (Section 1.2): a_j ~ N(0, 1/m), V_jk ~ N(0, 1/d) (:func:`standard_init`);
* the transport expectation N_θ of Assumption 1.3: a ~ N(0, 1), v ~ N(0, I/d)
  (:func:`transport_rows`).

Theorem 3.3's "no-rotation" network x ↦ Σ_j a_j σ(b_j v_jᵀx) with frozen unit v_j lives here too
(:func:`scalar_net_margins`, :func:`scalar_net_gradients`, :func:`scalar_init`).
Everything is float64 numpy; :func:`torch_outputs` is the same forward pass in torch for autograd.
"""

from __future__ import annotations

import numpy as np

from theory.lazy import lazy

torch = lazy("torch")

from theory.errors import InputError
from theory.validation import (array_size, as_matrix, as_tensor, as_vector, finite_array, finite_real,
                               positive_int, rng_generator)


def relu(z):
    """σ(z) = max(z, 0) elementwise (numpy)."""
    finite_array(z, "z", allow_empty=True)
    return np.maximum(z, 0.0)


def relu_slope(z, at_zero: float = 0.0):
    """A Clarke selection of σ': 1 on z > 0, 0 on z < 0, ``at_zero`` ∈ [0, 1] at z = 0."""
    finite_array(z, "z", allow_empty=True)
    finite_real(at_zero, "at_zero", lo=0.0, hi=1.0)
    return np.where(z > 0, 1.0, np.where(z < 0, 0.0, at_zero))


def check_weights(a, V) -> tuple[np.ndarray, np.ndarray]:
    """Return (a, V) as float64 arrays with len(a) == rows of V, or raise InputError."""
    a = as_vector(a, "a")
    V = as_matrix(V, "V")
    if V.shape[0] != a.shape[0]:
        raise InputError(f"a has {a.shape[0]} entries but V has {V.shape[0]} rows (one per node)")
    return a, V


def check_data(X, y, d: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Return (X, y): rows x_i with ‖x_i‖ <= 1 (Section 1.2) and labels ±1."""
    X = as_matrix(X, "X")
    y = as_vector(y, "y", length=X.shape[0])
    if d is not None and X.shape[1] != d:
        raise InputError(f"X has {X.shape[1]} columns but the weights have input dimension {d}")
    if not np.all(np.abs(y) == 1.0):
        raise InputError("y must contain only labels ±1")
    if np.max(np.linalg.norm(X, axis=1)) > 1.0 + 1e-9:
        raise InputError("X must have rows of norm at most 1 (the paper assumes ‖x_i‖ <= 1)")
    return X, y


def outputs(a, V, X) -> np.ndarray:
    """F(x_i; W) = aᵀσ(Vx_i) for every row of X."""
    a, V = check_weights(a, V)
    X = as_matrix(X, "X")
    if X.shape[1] != V.shape[1]:
        raise InputError(f"X has {X.shape[1]} columns but V has {V.shape[1]}")
    return relu(X @ V.T) @ a


def margins(a, V, X, y) -> np.ndarray:
    """p_i(W) = y_i F(x_i; W)."""
    a, V = check_weights(a, V)
    X, y = check_data(X, y, V.shape[1])
    return y * (relu(X @ V.T) @ a)


def node_margins(a, V, X, y) -> np.ndarray:
    """The n × m matrix of per-node margins p_i(w_j) = y_i a_j σ(v_jᵀx_i) (rows sum to p_i)."""
    a, V = check_weights(a, V)
    X, y = check_data(X, y, V.shape[1])
    return y[:, None] * relu(X @ V.T) * a[None, :]


def margin_gradients(a, V, X, y, *, relu_slope_at_zero: float = 0.0):
    """Per-example gradients of p_i: (G_a, G_V) with shapes (n, m) and (n, m, d).

    ∂p_i/∂a_j = y_i σ(v_jᵀx_i) and ∂p_i/∂v_j = y_i a_j σ'(v_jᵀx_i) x_i (Section 1.2, ∂̂F).
    """
    a, V = check_weights(a, V)
    X, y = check_data(X, y, V.shape[1])
    at_zero = finite_real(relu_slope_at_zero, "relu_slope_at_zero", lo=0.0, hi=1.0)
    Z = X @ V.T
    Ga = y[:, None] * relu(Z)
    GV = (y[:, None] * relu_slope(Z, at_zero) * a[None, :])[:, :, None] * X[:, None, :]
    return Ga, GV


def weighted_gradient(a, V, X, y, weights):
    """Σ_i weights_i ∇p_i(W) as (g_a, g_V), without forming the per-example tensor."""
    a, V = check_weights(a, V)
    X, y = check_data(X, y, V.shape[1])
    w = as_vector(weights, "weights", length=X.shape[0]) * y
    Z = X @ V.T
    ga = relu(Z).T @ w
    gV = ((relu_slope(Z) * w[:, None]).T @ X) * a[:, None]
    return ga, gV


def squared_norm(a, V) -> float:
    """‖W‖² = ‖a‖² + ‖V‖_F²."""
    a, V = check_weights(a, V)
    return float(a @ a + np.sum(V * V))


def node_squared_norms(a, V) -> np.ndarray:
    """‖w_j‖² = a_j² + ‖v_j‖² for every node."""
    a, V = check_weights(a, V)
    return a * a + np.sum(V * V, axis=1)


def rebalance(a, V, c: float):
    """(a/c, cV): the rescaling of Lemma 2.4 that leaves every prediction unchanged for c > 0."""
    a, V = check_weights(a, V)
    c = finite_real(c, "c")
    if c == 0.0:
        raise InputError("c must be nonzero (the rebalanced weights are a/c)")
    return a / c, c * V


def standard_init(m: int, d: int, rng: np.random.Generator):
    """The network initialisation of Section 1.2: a_j ~ N(0, 1/m), V_jk ~ N(0, 1/d)."""
    m, d = positive_int(m, "m"), positive_int(d, "d")
    rng = rng_generator(rng)
    array_size((m, d), "m and d")
    a = rng.standard_normal(m) / np.sqrt(m)
    V = rng.standard_normal((m, d)) / np.sqrt(d)
    return a, V


def transport_rows(m: int, d: int, rng: np.random.Generator):
    """m iid rows w = (a, v) ~ N_θ of Assumption 1.3: a ~ N(0, 1), v ~ N(0, I/d)."""
    m, d = positive_int(m, "m"), positive_int(d, "d")
    rng = rng_generator(rng)
    array_size((m, d), "m and d")
    return rng.standard_normal(m), rng.standard_normal((m, d)) / np.sqrt(d)


def torch_outputs(a: torch.Tensor, V: torch.Tensor, X: torch.Tensor) -> torch.Tensor:
    """F(x_i; W) in torch (float64 in, float64 out), for autograd and forward-mode checks."""
    a, V, X = as_tensor(a, "a"), as_tensor(V, "V"), as_tensor(X, "X", 2)
    if a.dim() != 1 or V.dim() != 2 or V.shape[0] != a.shape[0]:
        raise InputError(f"a must be (m,) and V (m, d); got {tuple(a.shape)} and {tuple(V.shape)}")
    if X.shape[1] != V.shape[1]:
        raise InputError(f"X has {X.shape[1]} columns but V has {V.shape[1]}")
    return torch.relu(X @ V.T) @ a


# -- Theorem 3.3: the network whose inner directions do not rotate ----------------------------------

def scalar_init(m: int, d: int, rng: np.random.Generator):
    """Theorem 3.3's initialisation: a_j, b_j iid uniform on {±m^{-1/4}}, v_j uniform on S^{d-1}."""
    m, d = positive_int(m, "m"), positive_int(d, "d")
    rng = rng_generator(rng)
    array_size((m, d), "m and d")
    scale = m ** -0.25
    a = scale * rng.choice([-1.0, 1.0], size=m)
    b = scale * rng.choice([-1.0, 1.0], size=m)
    U = rng.standard_normal((m, d))
    U /= np.linalg.norm(U, axis=1, keepdims=True)
    return a, b, U


def _scalar_checked(a, b, U, X, y):
    a = as_vector(a, "a")
    b = as_vector(b, "b", length=a.shape[0])
    U = as_matrix(U, "U")
    if U.shape[0] != a.shape[0]:
        raise InputError(f"U has {U.shape[0]} rows but there are {a.shape[0]} nodes")
    X, y = check_data(X, y, U.shape[1])
    return a, b, U, X, y


def scalar_net_margins(a, b, U, X, y) -> np.ndarray:
    """p_i = y_i Σ_j a_j σ(b_j u_jᵀx_i) for the no-rotation network of Theorem 3.3."""
    a, b, U, X, y = _scalar_checked(a, b, U, X, y)
    return y * (relu((X @ U.T) * b[None, :]) @ a)


def scalar_net_gradients(a, b, U, X, y):
    """Per-example gradients (G_a, G_b), both (n, m): y σ(b z) and y a 1[b z > 0] z, z = u_jᵀx_i."""
    a, b, U, X, y = _scalar_checked(a, b, U, X, y)
    Z = X @ U.T
    BZ = Z * b[None, :]
    return y[:, None] * relu(BZ), y[:, None] * a[None, :] * relu_slope(BZ) * Z
