"""theory.nets.normalized: the gain-and-head networks, their gradients and their homogeneity."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from theory.nets import normalized as nets
from theory.errors import InputError


def _gen(seed=0):
    return torch.Generator().manual_seed(seed)


def test_shallow_net_is_two_homogeneous_in_gain_and_head_and_zero_homogeneous_in_v():
    g = _gen()
    X = torch.randn(5, 3, generator=g, dtype=torch.float64)
    p = nets.init_shallow(3, 8, g)
    h = nets.shallow_output(X, p["a"], p["b"], p["V"])
    assert torch.allclose(nets.shallow_output(X, 3 * p["a"], 3 * p["b"], p["V"]), 9 * h, rtol=1e-13)
    assert torch.allclose(nets.shallow_output(X, p["a"], p["b"], 5 * p["V"]), h, rtol=1e-13)


@pytest.mark.parametrize("residual", [False, True])
def test_deep_net_biases_break_homogeneity(residual):
    g = _gen(1)
    X = torch.randn(4, 3, generator=g, dtype=torch.float64)
    p = nets.init_deep(3, 6, g)
    q = {**p, "a": 2 * p["a"], "b": 2 * p["b"]}
    assert torch.allclose(nets.deep_output(X, q, residual=residual), 4 * nets.deep_output(X, p, residual=residual))
    assert not torch.allclose(nets.deep_output(X, q, residual=residual, head_bias=True),
                              4 * nets.deep_output(X, p, residual=residual, head_bias=True))
    assert not torch.allclose(nets.deep_output(X, q, residual=residual, norm_bias=True),
                              4 * nets.deep_output(X, p, residual=residual, norm_bias=True))


def test_feature_gradient_against_central_differences():
    rng = np.random.default_rng(0)
    x = rng.normal(size=4)
    v = 3.0 * rng.normal(size=4)
    f = lambda w: max(0.0, w @ x / np.linalg.norm(w))
    h = 1e-6
    fd = np.array([(f(v + h * e) - f(v - h * e)) / (2 * h) for e in np.eye(4)])
    assert np.allclose(nets.feature_gradient(x, v), fd, atol=1e-8)
    assert np.allclose(nets.feature_gradient_as_printed(x, v), fd * np.linalg.norm(v), atol=1e-7)


def test_closed_form_gradients_match_autograd():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(6, 3))
    y = rng.choice([-1.0, 1.0], size=6)
    a, b, V = rng.normal(size=5), rng.normal(size=5), rng.normal(size=(5, 3))
    risk, ga, gb, gV = nets.shallow_risk_and_gradients(X, y, a, b, V)
    T = lambda z: torch.tensor(z, dtype=torch.float64, requires_grad=True)
    at, bt, Vt = T(a), T(b), T(V)
    r = torch.nn.functional.softplus(-torch.tensor(y) * nets.shallow_output(torch.tensor(X), at, bt, Vt)).mean()
    r.backward()
    assert risk == pytest.approx(float(r.detach()), rel=1e-13)
    for mine, auto in [(ga, at.grad), (gb, bt.grad), (gV, Vt.grad)]:
        assert np.allclose(mine, auto.numpy(), rtol=1e-10, atol=1e-14)


def test_gd_on_a_separable_toy_problem_drives_the_risk_down():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(10, 2))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    y = np.sign(X[:, 0])
    V = rng.normal(size=(16, 2))
    a = rng.choice([-1.0, 1.0], 16) / 4
    b = a * rng.choice([-1.0, 1.0], 16)  # mixed signs β: h can take both signs
    *_, risks = nets.train_shallow(X, y, a, b, V, steps=500, eta0=0.5)
    assert risks[-1] < 1e-6 < risks[0]


def test_observe_sees_every_state_with_the_norm_scaled_step_and_the_time_it_adds_up_to():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(6, 3))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    y = np.sign(X[:, 0])
    V = rng.normal(size=(5, 3))
    a, b = rng.choice([-1.0, 1.0], 5) / 2, rng.choice([-1.0, 1.0], 5) / 2
    seen = []
    _, _, _, risks = nets.train_shallow(X, y, a, b, V, steps=50, eta0=0.3, cap=math.inf, norm_scaled=True,
                                        stop_risk=0.0, stop_time=40.0,
                                        observe=lambda t, eta, a, b, V: seen.append((t, eta, np.abs(a * b).max())))
    assert len(seen) == len(risks) and seen[0][0] == 0.0
    for (t, eta, sup), (t_next, _, _), risk in zip(seen, seen[1:], risks):
        assert eta == 0.3 / (risk * (1 + sup)) and t_next == t + eta  # η_k = η0/(𝓛_k(1 + ‖a⊙b‖_∞))
    t_last, eta_last, _ = seen[-1]
    assert (t_last >= 40.0 and eta_last is None) or len(seen) == 50
    assert all(t < 40.0 for t, _, _ in seen[:-1])


@pytest.mark.parametrize("bad, match", [
    (lambda: nets.shallow_features(torch.zeros(2, 3, dtype=torch.float64), torch.zeros(1, 3, dtype=torch.float64)), "zero row"),
    (lambda: nets.shallow_features(torch.zeros(2, 3), torch.ones(1, 3, dtype=torch.float64)), "float64"),
    (lambda: nets.shallow_features(torch.zeros(2, 3, dtype=torch.float64), torch.ones(1, 2, dtype=torch.float64)), "columns"),
    (lambda: nets.feature_gradient(np.ones(2), np.zeros(2)), "nonzero"),
])
def test_bad_input_is_named(bad, match):
    with pytest.raises(InputError, match=match):
        bad()
