"""Tests of theory.nets.two_layer_relu: the two-layer ReLU net of Telgarsky 2023 and its gradients."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from theory.nets import two_layer_relu as nets
from theory.errors import InputError


def problem(seed=0, n=7, d=4, m=9):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    a, V = nets.standard_init(m, d, rng)
    y = rng.choice([-1.0, 1.0], size=n)
    return a, V, X, y


def test_margins_match_a_loop_over_nodes():
    a, V, X, y = problem()
    loop = np.array([y[i] * sum(a[j] * max(V[j] @ X[i], 0.0) for j in range(len(a))) for i in range(len(y))])
    assert np.allclose(nets.margins(a, V, X, y), loop, rtol=1e-13, atol=1e-15)
    assert np.allclose(nets.node_margins(a, V, X, y).sum(axis=1), loop, rtol=1e-13, atol=1e-15)


def test_gradients_match_torch_autograd():
    a, V, X, y = problem(1)
    at = torch.tensor(a, requires_grad=True)
    Vt = torch.tensor(V, requires_grad=True)
    out = torch.tensor(y) * nets.torch_outputs(at, Vt, torch.tensor(X))
    Ga, GV = nets.margin_gradients(a, V, X, y)
    for i in range(len(y)):
        ga, gV = torch.autograd.grad(out[i], (at, Vt), retain_graph=True)
        assert np.allclose(Ga[i], ga.numpy(), atol=1e-14)
        assert np.allclose(GV[i], gV.numpy(), atol=1e-14)


def test_weighted_gradient_is_the_weighted_sum_of_per_example_gradients():
    a, V, X, y = problem(2)
    w = np.random.default_rng(3).uniform(size=len(y))
    Ga, GV = nets.margin_gradients(a, V, X, y)
    ga, gV = nets.weighted_gradient(a, V, X, y, w)
    assert np.allclose(ga, w @ Ga, atol=1e-14)
    assert np.allclose(gV, np.tensordot(w, GV, 1), atol=1e-14)


def test_relu_slope_at_zero_is_selectable():
    z = np.array([-1.0, 0.0, 2.0])
    assert list(nets.relu_slope(z)) == [0.0, 0.0, 1.0]
    assert list(nets.relu_slope(z, 0.5)) == [0.0, 0.5, 1.0]


def test_rebalance_keeps_predictions_and_squared_norm_formula():
    a, V, X, y = problem(4)
    a2, V2 = nets.rebalance(a, V, 3.0)
    assert np.allclose(nets.margins(a2, V2, X, y), nets.margins(a, V, X, y), rtol=1e-13, atol=1e-15)
    assert nets.squared_norm(a, V) == pytest.approx(np.sum(nets.node_squared_norms(a, V)))


def test_initialisation_scales():
    rng = np.random.default_rng(5)
    a, V = nets.standard_init(20000, 10, rng)
    assert np.var(a) * 20000 == pytest.approx(1.0, rel=0.05)
    assert np.var(V) * 10 == pytest.approx(1.0, rel=0.05)
    at, Vt = nets.transport_rows(20000, 10, rng)
    assert np.var(at) == pytest.approx(1.0, rel=0.05)


def test_scalar_net_gradients_match_finite_differences():
    rng = np.random.default_rng(6)
    a, b, U = nets.scalar_init(5, 3, rng)
    assert np.allclose(np.abs(a), 5 ** -0.25) and np.allclose(np.linalg.norm(U, axis=1), 1.0)
    X = rng.standard_normal((4, 3))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    y = np.array([1.0, -1.0, 1.0, -1.0])
    Ga, Gb = nets.scalar_net_gradients(a, b, U, X, y)
    h = 1e-7
    for j in range(5):
        e = np.zeros(5)
        e[j] = h
        fd_a = (nets.scalar_net_margins(a + e, b, U, X, y) - nets.scalar_net_margins(a - e, b, U, X, y)) / (2 * h)
        fd_b = (nets.scalar_net_margins(a, b + e, U, X, y) - nets.scalar_net_margins(a, b - e, U, X, y)) / (2 * h)
        assert np.allclose(Ga[:, j], fd_a, atol=1e-7)
        assert np.allclose(Gb[:, j], fd_b, atol=1e-7)


@pytest.mark.parametrize("call, message", [
    (lambda: nets.margins(np.ones(3), np.ones((2, 2)), np.ones((1, 2)) / 2, [1.0]), "one per node"),
    (lambda: nets.margins(np.ones(2), np.ones((2, 2)), np.ones((1, 2)) / 2, [0.5]), "labels ±1"),
    (lambda: nets.margins(np.ones(2), np.ones((2, 2)), np.ones((1, 2)) * 3, [1.0]), "norm at most 1"),
    (lambda: nets.margins(np.ones(2), np.ones((2, 3)), np.ones((1, 2)) / 2, [1.0]), "input dimension"),
    (lambda: nets.rebalance(np.ones(2), np.ones((2, 2)), 0.0), "c must be nonzero"),
    (lambda: nets.standard_init(0, 2, np.random.default_rng(0)), "m must be"),
    (lambda: nets.margin_gradients(np.ones(2), np.ones((2, 2)), np.ones((1, 2)) / 2, [1.0],
                                   relu_slope_at_zero=2.0), "relu_slope_at_zero"),
])
def test_bad_inputs_raise_input_error(call, message):
    with pytest.raises(InputError, match=message):
        call()
