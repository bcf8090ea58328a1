"""Tests of theory.dynamics.gradient_flow: losses, duals, GF velocity, margin rates and the GF runner."""

from __future__ import annotations

import math

import numpy as np
import pytest

from theory.data import hypercube
from theory import losses
from theory.dynamics import gradient_flow as gf
from theory.nets import two_layer_relu as nets
from theory.data import sparse_parity
from theory.errors import InputError


@pytest.mark.parametrize("loss", losses.LOSSES)
def test_smoothed_margin_inverts_the_total_loss(loss):
    p = np.array([0.3, 2.0, -0.5, 4.0])
    g = losses.smoothed_margin(p, loss)
    assert float(losses.loss_values(g, loss)) == pytest.approx(float(np.sum(losses.loss_values(p, loss))), rel=1e-13)


def test_smoothed_margin_is_stable_at_large_margins():
    p = np.full(3, 800.0)
    assert losses.smoothed_margin(p, "exponential") == pytest.approx(800.0 - math.log(3), rel=1e-15)
    assert losses.smoothed_margin(p, "logistic") == pytest.approx(800.0 - math.log(3), rel=1e-12)


@pytest.mark.parametrize("loss", losses.LOSSES)
def test_duals_are_the_gradient_of_the_smoothed_margin(loss):
    p = np.array([0.1, 1.5, -0.7, 2.2])
    du = gf.duals(p, loss)
    h = 1e-6
    fd = [(losses.smoothed_margin(p + h * e, loss) - losses.smoothed_margin(p - h * e, loss)) / (2 * h) for e in np.eye(4)]
    assert np.allclose(du.q, fd, rtol=1e-7)
    assert np.allclose(losses.neg_derivative(p, loss), du.q * du.Q, rtol=1e-13)
    assert du.Q > 0


def test_logistic_dual_mass_is_at_least_one():
    rng = np.random.default_rng(0)
    for _ in range(50):
        p = rng.normal(0, 5, size=rng.integers(1, 10))
        assert gf.duals(p, "logistic").q.sum() >= 1 - 1e-12


def problem(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((6, 3))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    a, V = nets.standard_init(5, 3, rng)
    y = np.sign(nets.outputs(a, V, X))
    y[y == 0] = 1
    c = math.sqrt(4.0 / nets.margins(a, V, X, y).min())
    return c * a, c * V, X, y


@pytest.mark.parametrize("loss", losses.LOSSES)
def test_margin_rates_match_finite_differences_along_the_velocity(loss):
    a, V, X, y = problem()
    rates = gf.margin_rates(a, V, X, y, loss)
    va, vV = gf.gf_velocity(a, V, X, y, loss)
    h = 1e-6 * math.sqrt(nets.squared_norm(a, V)) / math.sqrt(va @ va + np.sum(vV * vV))

    def ring(s):
        return losses.smoothed_margin(nets.margins(a + s * va, V + s * vV, X, y), loss) / nets.squared_norm(a + s * va, V + s * vV)
    fd = (ring(h) - ring(-h)) / (2 * h)
    assert rates.smoothed_normalized == pytest.approx(fd, rel=1e-5)
    assert rates.smoothed_normalized >= rates.lower_bound - 1e-15 >= -1e-15


def test_velocity_is_minus_the_risk_gradient():
    a, V, X, y = problem(1)
    va, vV = gf.gf_velocity(a, V, X, y, "logistic")
    h = 1e-6
    e = np.zeros_like(a)
    e[2] = h
    risk = lambda aa: float(np.mean(losses.loss_values(nets.margins(aa, V, X, y), "logistic")))
    assert -va[2] == pytest.approx((risk(a + e) - risk(a - e)) / (2 * h), rel=1e-6)


def test_gradient_descent_run_records_and_is_reproducible():
    X, y = sparse_parity.sample_parity(16, 6, np.random.default_rng(2))
    a, V = nets.standard_init(8, 6, np.random.default_rng(3))
    t1 = gf.run_gradient_descent(a, V, X, y, "exponential", steps=50)
    t2 = gf.run_gradient_descent(a, V, X, y, "exponential", steps=50)
    assert len(t1.smoothed_normalized) == 51 and t1.smoothed_normalized == t2.smoothed_normalized
    assert 0 in t1.snapshots and 50 in t1.snapshots
    assert t1.times[-1] == pytest.approx(50.0)
    # GD decreases the risk at this step size
    assert losses.smoothed_margin(nets.margins(*t1.final, X, y), "exponential") > losses.smoothed_margin(nets.margins(a, V, X, y), "exponential")


def test_relative_steps_have_the_requested_length():
    X, y = sparse_parity.sample_parity(16, 6, np.random.default_rng(4))
    a, V = nets.standard_init(8, 6, np.random.default_rng(5))
    t = gf.run_gradient_descent(a, V, X, y, "logistic", steps=1, relative=0.1)
    a1, V1 = t.final
    moved = math.sqrt(np.sum((a1 - a) ** 2) + np.sum((V1 - V) ** 2))
    N = math.sqrt(nets.squared_norm(a, V))
    assert moved == pytest.approx(0.1 * N / (1 + N * N), rel=1e-12)


def test_geometric_steps():
    s = gf.geometric_steps(1000, 10)
    assert 0 in s and 1000 in s and len(s) <= 12


@pytest.mark.parametrize("call, message", [
    (lambda: losses.loss_values(1.0, "hinge"), "loss must be"),
    (lambda: gf.duals([np.nan], "exponential"), "non-finite"),
    (lambda: gf.run_gradient_descent(np.ones(2), np.ones((2, 2)), np.ones((1, 2)) / 2, [1.0], "exponential",
                                     steps=0), "steps"),
    (lambda: gf.run_gradient_descent(np.ones(2), np.ones((2, 2)), np.ones((1, 2)) / 2, [1.0], "exponential",
                                     steps=3, step=-1.0), "step"),
])
def test_bad_inputs(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_scalar_model_matches_the_per_example_gradients():
    """The cached-Z ScalarModel (Theorem 3.3's net) gives the margins and weighted gradients of
    theory.nets.two_layer_relu' per-example formulas, to rounding."""
    X = hypercube.scaled_points(3)
    y = sparse_parity.parity_labels(X)
    a, b, U = nets.scalar_init(300, 3, np.random.default_rng(4))
    b[:7] = 0.0                                      # σ'(0) = 0 on exact zeros, as relu_slope
    w = np.random.default_rng(5).random(len(y))
    model = gf.ScalarModel(U, X, y)
    Ga, Gb = nets.scalar_net_gradients(a, b, U, X, y)
    ga, gb = model.weighted_gradient((a, b), w)
    np.testing.assert_allclose(model.margins((a, b)), nets.scalar_net_margins(a, b, U, X, y), rtol=0, atol=1e-13)
    np.testing.assert_allclose(ga, w @ Ga, rtol=0, atol=1e-13)
    np.testing.assert_allclose(gb, w @ Gb, rtol=0, atol=1e-13)
    assert np.all(gb[:7] == 0.0)


def test_scalar_model_refuses_bad_devices_and_shapes():
    X = hypercube.scaled_points(2)
    y = sparse_parity.parity_labels(X)
    a, b, U = nets.scalar_init(10, 2, np.random.default_rng(0))
    with pytest.raises(InputError, match="device must be"):
        gf.ScalarModel(U, X, y, device="tpu")
    import torch
    if not torch.cuda.is_available():
        with pytest.raises(InputError, match="cuda"):
            gf.ScalarModel(U, X, y, device="cuda")
    model = gf.ScalarModel(U, X, y)
    with pytest.raises(InputError, match="b"):
        model.margins((a, b[:5]))
    with pytest.raises(InputError, match="weights"):
        model.weighted_gradient((a, b), np.ones(3))
