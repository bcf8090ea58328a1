"""Networks whose last layers are a normalisation gain a followed by a linear head b (torch, float64).

The 2-homogeneity paper's model (eq. (2)) is h(x; a, b, V) = ⟨a ⊙ b, F(x; V)⟩: a normalised feature
map F, a per-feature gain a (the norm layer's multiplicative weight) and a scalar linear head b.
Whatever F is, h is 2-homogeneous in (a, b) (Section 1.1, "ubiquity"; Section 3.4's "homogeneous
w.r.t. a coordinate subset"). Two concrete F:

- the shallow normalised ReLU net of eq. (1): F_j(x; V) = σ(⟨v_j/‖v_j‖, x⟩), σ = ReLU, no bias;
- a deeper net: tanh layer with biases, optionally a residual ReLU block, then RMSNorm without its
  own gain — inhomogeneous in everything except (a, b).

Hidden hypotheses of the ubiquity claim are switches here: ``norm_bias`` adds LayerNorm's additive
β after the gain and ``head_bias`` a bias on the head; either breaks 2-homogeneity in (a, b).
"""

from __future__ import annotations

import math

import numpy as np

from theory.lazy import lazy

torch = lazy("torch")

from theory import losses
from theory.errors import InputError
from theory.validation import (array_size, as_matrix, as_tensor, as_vector, callable_arg, finite_real,
                               iterations, positive_int, real_or_inf, row_norms, torch_generator)

DEEP_BLOCKS = ("W1", "c1", "W2", "c2", "W3", "beta", "c0")


def _tensor(x, name: str, ndim: int) -> torch.Tensor:
    return as_tensor(x, name, ndim, dtype=torch.float64)


def unit_directions(V: torch.Tensor) -> torch.Tensor:
    """Rows v_j/‖v_j‖ (the 0-homogeneous reparameterisation of eq. (1))."""
    V = _tensor(V, "V", 2)
    norms = V.norm(dim=1, keepdim=True)
    if bool((norms == 0).any()):
        raise InputError("V has a zero row: v_j/‖v_j‖ is undefined")
    return V / norms


def shallow_features(X: torch.Tensor, V: torch.Tensor) -> torch.Tensor:
    """F(X; V) of eq. (1): the n×m matrix σ(⟨v_j/‖v_j‖, x_i⟩)."""
    X = _tensor(X, "X", 2)
    V = _tensor(V, "V", 2)
    if X.shape[1] != V.shape[1]:
        raise InputError(f"X has {X.shape[1]} columns but V rows have {V.shape[1]} entries")
    return torch.relu(X @ unit_directions(V).T)


def shallow_output(X, a, b, V) -> torch.Tensor:
    """h(x_i; a, b, V) = Σ_j a_j b_j σ(⟨v_j/‖v_j‖, x_i⟩) for every row x_i of X (eq. (1))."""
    a, b, V = _tensor(a, "a", 1), _tensor(b, "b", 1), _tensor(V, "V", 2)
    if a.shape != b.shape or a.shape[0] != V.shape[0]:
        raise InputError(f"a, b and the rows of V must have one entry per neuron; got "
                         f"{a.shape[0]}, {b.shape[0]} and {V.shape[0]}")
    return shallow_features(X, V) @ (a * b)


def rms_normalize(H: torch.Tensor, eps: float = 0.0) -> torch.Tensor:
    """Row-wise RMSNorm without gain: h / sqrt(mean(h²) + eps)."""
    H = _tensor(H, "H", 2)
    finite_real(eps, "eps", lo=0.0)
    return H / torch.sqrt((H * H).mean(dim=1, keepdim=True) + eps)


#: shape of each parameter of the deep net for input dimension d and width w
def _deep_shape(key: str, d: int, w: int):
    return {"W1": (w, d), "W2": (w, w), "W3": (w, w)}.get(key, (w,))


def _deep_params(p, d: int, keys) -> None:
    """``p`` must map each of ``keys`` to a float64 tensor of the deep net's shapes (width = len(c1)
    or len(a))."""
    if not isinstance(p, dict):
        raise InputError(f"p must be a dict of parameter tensors (see init_deep), got {type(p).__name__}")
    for key in keys:
        if key not in p:
            raise InputError(f"p is missing the parameter {key!r} (needs {', '.join(keys)})")
    width_key = "c1" if "c1" in keys else "a"
    w = _tensor(p[width_key], f"p[{width_key!r}]", 1).shape[0]
    for key in keys:
        if key == "c0":  # the head's bias: any tensor with a single entry
            if as_tensor(p[key], "p['c0']", dtype=torch.float64).numel() != 1:
                raise InputError(f"p['c0'] must have a single entry, got shape {tuple(p[key].shape)}")
            continue
        shape = _deep_shape(key, d, w)
        if tuple(_tensor(p[key], f"p[{key!r}]", len(shape)).shape) != shape:
            raise InputError(f"p[{key!r}] must have shape {shape}, got {tuple(p[key].shape)}")


def deep_features(X: torch.Tensor, p: dict, *, residual: bool = False) -> torch.Tensor:
    """F(x) = RMSNorm(z) with z = tanh(W1 x + c1), plus a residual block z + W3 relu(W2 z + c2)."""
    X = _tensor(X, "X", 2)
    _deep_params(p, X.shape[1], ("W1", "c1") + (("W2", "c2", "W3") if residual else ()))
    z = torch.tanh(X @ p["W1"].T + p["c1"])
    if residual:
        z = z + torch.relu(z @ p["W2"].T + p["c2"]) @ p["W3"].T
    return rms_normalize(z, 1e-12)


def deep_output(X: torch.Tensor, p: dict, *, residual: bool = False, norm_bias: bool = False,
                head_bias: bool = False) -> torch.Tensor:
    """h(x) = ⟨b, a ⊙ F(x) (+ β)⟩ (+ c0): gain a, bias-free head b, optional biases (see module)."""
    X = _tensor(X, "X", 2)
    _deep_params(p, X.shape[1], ("a", "b") + (("beta",) if norm_bias else ()) + (("c0",) if head_bias else ()))
    F = deep_features(X, p, residual=residual)
    out = F @ (p["a"] * p["b"])
    if norm_bias:
        out = out + p["beta"] @ p["b"]
    if head_bias:
        out = out + p["c0"]
    return out


def init_deep(d: int, width: int, generator: torch.Generator) -> dict:
    """Parameters of :func:`deep_output` drawn from ``generator`` (gain and head ±1/√width)."""
    d, width = positive_int(d, "d"), positive_int(width, "width")
    torch_generator(generator)
    array_size((width, width + d), "d and width")

    def g(*shape, scale=1.0):
        return scale * torch.randn(*shape, generator=generator, dtype=torch.float64)

    def signs(k):
        return torch.where(torch.rand(k, generator=generator, dtype=torch.float64) < 0.5, -1.0, 1.0).double()

    return {"W1": g(width, d, scale=1 / np.sqrt(d)), "c1": g(width, scale=0.5),
            "W2": g(width, width, scale=1 / np.sqrt(width)), "c2": g(width, scale=0.5),
            "W3": g(width, width, scale=1 / np.sqrt(width)),
            "beta": g(width, scale=0.5), "c0": g((), scale=0.5),
            "a": signs(width) / np.sqrt(width), "b": signs(width) / np.sqrt(width)}


def init_shallow(d: int, m: int, generator: torch.Generator) -> dict:
    """Initialisation of Section 4 (D3): a_j, b_j iid ±1/√m, v_j uniform on S^{d-1}."""
    d, m = positive_int(d, "d"), positive_int(m, "m")
    torch_generator(generator)
    array_size((m, d), "d and m")
    V = torch.randn(m, d, generator=generator, dtype=torch.float64)

    def signs():
        return torch.where(torch.rand(m, generator=generator, dtype=torch.float64) < 0.5, -1.0, 1.0).double()

    return {"a": signs() / np.sqrt(m), "b": signs() / np.sqrt(m), "V": V / V.norm(dim=1, keepdim=True)}


# -- closed-form feature gradients of eq. (1) (Section 4, Appendix B: C1 <= 1, C2 = 0) --------------

def feature_gradient(x, v) -> np.ndarray:
    """∇_v σ(⟨v/‖v‖, x⟩) = σ'(ṽᵀx)(I − ṽṽᵀ)x/‖v‖ (numpy; ṽ = v/‖v‖; σ'(0) taken as 0)."""
    x, v = as_vector(x, "x"), as_vector(v, "v")
    if v.shape != x.shape:
        raise InputError(f"x and v must be vectors of equal length, got shapes {x.shape} and {v.shape}")
    nv = np.linalg.norm(v)
    if nv == 0:
        raise InputError("v must be nonzero")
    vt = v / nv
    active = float(vt @ x > 0)
    return active * (x - vt * (vt @ x)) / nv


def feature_gradient_as_printed(x, v) -> np.ndarray:
    """The display of Appendix B (l.1050): σ'(ṽᵀx)(I − ṽṽᵀ)x, without the factor 1/‖v‖."""
    return feature_gradient(x, v) * np.linalg.norm(np.asarray(v, dtype=np.float64))


# -- gradient descent on eq. (1) with closed-form gradients (numpy, float64) ------------------------

_NO_LABELS = object()


def _check_shallow(X, a, b, V, y=_NO_LABELS) -> None:
    """The numpy arguments of eq. (1): X (n, d), a and b (m,), V (m, d) with nonzero rows, y (n,)."""
    X, V = as_matrix(X, "X"), as_matrix(V, "V")
    if V.shape[1] != X.shape[1]:
        raise InputError(f"V rows must have {X.shape[1]} entries (the columns of X), got {V.shape[1]}")
    as_vector(a, "a", length=V.shape[0])
    as_vector(b, "b", length=V.shape[0])
    if np.any(row_norms(V, "V") == 0):
        raise InputError("V has a zero row: v_j/‖v_j‖ is undefined")
    if y is not _NO_LABELS:
        as_vector(y, "y", length=X.shape[0])


def shallow_risk_and_gradients(X, y, a, b, V, *, train_V: bool = True):
    """(𝓛, ∂𝓛/∂a, ∂𝓛/∂b, ∂𝓛/∂V) for eq. (1) and the logistic loss, in closed form (catalogue §6.2).

    With q_i = ℓ'(y_i h_i) y_i / n and g = Fᵀq = ∂𝓛/∂(a⊙b): ∂a = g⊙b, ∂b = g⊙a, and
    ∂v_j = a_j b_j (I − ṽ_jṽ_jᵀ)(Σ_i q_i 1[ṽ_jᵀx_i > 0] x_i)/‖v_j‖.
    """
    _check_shallow(X, a, b, V, y)
    return _risk_and_gradients(X, y, a, b, V, train_V=train_V)


def _risk_and_gradients(X, y, a, b, V, *, train_V: bool):
    norms = np.linalg.norm(V, axis=1)
    Vt = V / norms[:, None]
    pre = X @ Vt.T
    F = np.maximum(pre, 0.0)
    h = F @ (a * b)
    margins = y * h
    risk = float(np.mean(losses.loss_values(margins)))
    q = -losses.neg_derivative(margins) * y / len(y)
    g = F.T @ q
    gV = None
    if train_V:
        raw = ((q[:, None] * (pre > 0)).T @ X) * (a * b)[:, None]
        gV = (raw - Vt * np.sum(raw * Vt, axis=1, keepdims=True)) / norms[:, None]
    return risk, g * b, g * a, gV


def _positive_or_inf(value, name: str) -> float:
    value = real_or_inf(value, name)
    if value <= 0:
        raise InputError(f"{name} must be > 0 (math.inf for no limit), got {value!r}")
    return float(value)


def _loss_scaled_step(eta0: float, risk: float, *, cap: float = 1e4, ab_sup: float | None = None) -> float:
    """η = min(η0/𝓛, cap), or min(η0/(𝓛·(1 + ‖a⊙b‖_∞)), cap) when ``ab_sup`` = ‖a⊙b‖_∞ is given.

    Dividing the step by the risk 𝓛 is a time change of gradient flow (its direction is unchanged), so
    GD reaches the late, small-loss phase in a few thousand steps; the extra 1 + ‖a⊙b‖_∞ keeps the
    step small against the growing weights (catalogue §2.6). Shared by both trainers of eq. (1).
    """
    eta = eta0 / risk if ab_sup is None else eta0 / (risk * (1 + ab_sup))
    return min(eta, cap)


def train_shallow(X, y, a, b, V, *, steps: int, eta0: float, cap: float = 1e4, norm_scaled: bool = False,
                  train_a: bool = True, train_V: bool = True, stop_risk: float = 1e-7,
                  stop_time: float = math.inf, observe=None):
    """GD on eq. (1) with the logistic loss, closed-form gradients and loss-scaled steps (numpy, float64).

    Step k is :func:`_loss_scaled_step` at the risk 𝓛_k: min(η0/𝓛_k, cap), or with ``norm_scaled``
    min(η0/(𝓛_k(1 + ‖a_k⊙b_k‖_∞)), cap). ``train_a=False, train_V=False`` trains the head b alone (a
    fixed): an ℓ2 / kernel-like arm. The run stops after ``steps`` steps, or at the first state with
    𝓛 < ``stop_risk`` or gradient-flow time t = Σ_{l<k} η_l >= ``stop_time`` (that state is visited,
    not stepped from). ``observe(t, eta, a, b, V)``, if given, is called at every visited state with
    its time t and the step η about to be taken from it (None where the run stops): the hook by which
    a claim records its own quantities along the run.

    Returns the final (a, b, V) and the risk at every visited state.
    """
    _check_shallow(X, a, b, V, y)
    steps = iterations(steps, "steps", minimum=0)
    finite_real(eta0, "eta0", lo=0.0, lo_open=True)
    cap = _positive_or_inf(cap, "cap")
    finite_real(stop_risk, "stop_risk", lo=0.0)
    stop_time = _positive_or_inf(stop_time, "stop_time")
    if observe is not None:
        callable_arg(observe, "observe")
    a, b, V = np.array(a, dtype=float), np.array(b, dtype=float), np.array(V, dtype=float)
    risks, t = [], 0.0
    for _ in range(steps):
        risk, ga, gb, gV = _risk_and_gradients(X, y, a, b, V, train_V=train_V)
        risks.append(risk)
        if risk < stop_risk or t >= stop_time:
            if observe is not None:
                observe(t, None, a, b, V)
            break
        ab_sup = float(np.abs(a * b).max()) if norm_scaled else None
        eta = _loss_scaled_step(eta0, risk, cap=cap, ab_sup=ab_sup)
        if observe is not None:
            observe(t, eta, a, b, V)
        if train_a:
            a, b = a - eta * ga, b - eta * gb
        else:
            b = b - eta * gb
        if train_V:
            V = V - eta * gV
        t += eta
    return a, b, V, np.array(risks)


def shallow_predict(X, a, b, V) -> np.ndarray:
    """h(x_i) of eq. (1) in numpy."""
    _check_shallow(X, a, b, V)
    Vt = V / np.linalg.norm(V, axis=1, keepdims=True)
    return np.maximum(X @ Vt.T, 0.0) @ (a * b)


def train_shallow_torch(X: torch.Tensor, y: torch.Tensor, m: int, *, steps: int, eta0: float,
                        generator: torch.Generator, cap: float = 1e4, stop_risk: float = 1e-7):
    """Loss-scaled GD on eq. (1) from the D3 initialisation, on X's device and dtype (autograd).

    The same training as :func:`train_shallow` (same loss, same step :func:`_loss_scaled_step`), for the
    GPU tier. Why a second trainer (measured): numpy cannot use the accelerator, and the GPU tier's
    run (n = 2¹³, m = 2¹⁴, d = 24, 3000 steps) is 16× the size n = 2048, m = 4096 at which
    :func:`train_shallow` took 0.26 s per step on the 2 shared CPU cores here, i.e. about 3.5 h for
    the run; the autograd form runs on X's device in float32. The CPU claims keep the numpy trainer,
    whose closed-form float64 gradients the trajectory claims of Section 3.3 were measured with.
    Returns (a, b, V, risks).
    """
    if not isinstance(X, torch.Tensor) or X.dim() != 2:
        raise InputError("X must be a 2-D torch.Tensor (rows are inputs)")
    as_tensor(X, "X", 2, finite=True)
    y = as_tensor(y, "y", 1, finite=True)
    if y.shape[0] != X.shape[0]:
        raise InputError(f"y must have one label per row of X ({X.shape[0]}), got {y.shape[0]}")
    steps = iterations(steps, "steps", minimum=0)
    finite_real(eta0, "eta0", lo=0.0, lo_open=True)
    finite_real(cap, "cap", lo=0.0, lo_open=True)
    finite_real(stop_risk, "stop_risk", lo=0.0, lo_open=True)
    d = X.shape[1]
    p = init_shallow(d, m, generator)
    a, b, V = (p[k].to(device=X.device, dtype=X.dtype).requires_grad_(True) for k in ("a", "b", "V"))
    risks = []
    for _ in range(steps):
        h = torch.relu(X @ (V / V.norm(dim=1, keepdim=True)).T) @ (a * b)
        risk = losses.logistic_loss_torch(y * h).mean()
        risks.append(float(risk.detach()))
        if risks[-1] < stop_risk:
            break
        ga, gb, gV = torch.autograd.grad(risk, (a, b, V))
        eta = _loss_scaled_step(eta0, risks[-1], cap=cap)
        with torch.no_grad():
            a -= eta * ga
            b -= eta * gb
            V -= eta * gV
    return a.detach(), b.detach(), V.detach(), risks
