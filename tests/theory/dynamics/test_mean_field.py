"""Tests of theory.dynamics.mean_field: Example 3.2's functional, its first variation and velocity, the
perturbed Wasserstein step, and spherical caps (Wei et al. 2019, Section 3 / Appendix E)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theory.dynamics import mean_field as mf
from theory.errors import InputError


def problem_and_measure(seed, activation="relu", M=6):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((5, 3))
    y = rng.choice([-1.0, 1.0], 5)
    pb = mf.Problem(X, y, 0.1, activation=activation)
    rho = mf.Particles(rng.standard_normal((M, 4)), rng.dirichlet(np.ones(M)))
    return pb, rho, rng


@settings(max_examples=20)
@given(st.integers(0, 2**32 - 1), st.sampled_from(["relu", "linear"]))
def test_velocity_is_minus_gradient_of_first_variation(seed, activation):
    pb, rho, rng = problem_and_measure(seed, activation)
    theta = rng.standard_normal((1, 4))
    h = 1e-6
    grad = np.array([(pb.first_variation(rho, theta + h * e) - pb.first_variation(rho, theta - h * e))[0]
                     / (2 * h) for e in np.eye(4)])
    assert np.allclose(-pb.velocity(rho, theta)[0], grad, atol=1e-6)


def test_first_variation_is_the_derivative_of_the_loss_in_mass():
    # d/dt L[(1−t)ρ + tδ_θ] at t=0 equals L'[ρ](θ) − E_ρ L'[ρ]
    pb, rho, rng = problem_and_measure(4, "linear")
    theta = rng.standard_normal((1, 4))
    t = 1e-6
    mixed = mf.Particles(np.vstack([rho.theta, theta]), np.concatenate([(1 - t) * rho.p, [t]]))
    fd = (pb.loss(mixed) - pb.loss(rho)) / t
    expected = pb.first_variation(rho, theta)[0] - rho.p @ pb.first_variation(rho, rho.theta)
    assert math.isclose(fd, expected, rel_tol=1e-4, abs_tol=1e-6)


def test_network_measure_reproduces_outputs():
    rng = np.random.default_rng(0)
    U, w = rng.standard_normal((7, 3)), rng.standard_normal(7)
    X = rng.standard_normal((4, 3))
    rho = mf.Particles.from_network(U, w)
    pb = mf.Problem(X, np.ones(4), 0.0)
    assert np.allclose(pb.outputs(rho), np.maximum(X @ U.T, 0) @ w)
    assert math.isclose(rho.second_moment(), np.sum(U**2) + np.sum(w**2))


def test_perturbed_step_keeps_a_probability_measure():
    pb, rho, rng = problem_and_measure(1)
    fresh = mf.uniform_sphere(10, 4, rng)
    out = mf.perturbed_step(pb, rho, 0.1, 0.5, fresh)
    assert len(out.p) == len(rho.p) + 10
    assert math.isclose(out.p.sum(), 1.0)
    assert math.isclose(out.p[-10:].sum(), 0.05)


@pytest.mark.parametrize("d, r", [(1, 0.5), (2, 1.3), (4, 0.9), (7, 1.9)])
def test_cap_measure_against_monte_carlo(d, r):
    pts = mf.uniform_sphere(200_000, d + 1, np.random.default_rng(d))
    freq = np.mean(np.linalg.norm(pts - np.eye(d + 1)[0], axis=1) <= r)
    m = float(mf.cap_measure(d, r))
    assert abs(freq - m) <= 5 * math.sqrt(m * (1 - m) / 200_000)
    assert m >= float(mf.ball_cap_bound(d, r))


def test_cap_measure_closed_forms():
    # circle: arc of half-angle φ = 2·asin(r/2) has measure φ/π; S²: Archimedes, m = r²/4
    assert math.isclose(float(mf.cap_measure(1, 0.7)), 2 * math.asin(0.35) / math.pi, rel_tol=1e-12)
    assert math.isclose(float(mf.cap_measure(2, 0.7)), 0.49 / 4, rel_tol=1e-12)
    assert float(mf.cap_measure(3, 2.0)) == 1.0


def test_inputs_are_validated():
    with pytest.raises(InputError, match="activation"):
        mf.Problem(np.ones((2, 2)), np.ones(2), 0.1, activation="tanh")
    with pytest.raises(InputError, match="±1"):
        mf.Problem(np.ones((2, 2)), np.zeros(2), 0.1)
    with pytest.raises(InputError, match="summing to 1"):
        mf.Particles(np.ones((2, 3)), np.array([0.3, 0.3]))
    pb, rho, _ = problem_and_measure(0)
    with pytest.raises(InputError, match="1 \\+ d"):
        pb.first_variation(rho, np.ones((1, 7)))
    with pytest.raises(InputError, match="eta\\*sigma"):
        mf.perturbed_step(pb, rho, 1.0, 2.0, None)
    with pytest.raises(InputError, match="r must be"):
        mf.cap_measure(2, -1.0)
