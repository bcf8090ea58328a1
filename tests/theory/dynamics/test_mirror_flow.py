"""theory.dynamics.mirror_flow: Lemma 3.2's multiplicative-weights identity and mirror-descent bookkeeping."""

from __future__ import annotations

import numpy as np
import pytest

from theory.probability import divergences
from theory.dynamics import mirror_flow as mf
from theory.errors import InputError


def test_balanced_gd_step_is_multiplicative_weights():
    rng = np.random.default_rng(0)
    m = 7
    a = rng.choice([-1.0, 1.0], m) * rng.uniform(0.1, 2, m)
    beta = rng.choice([-1.0, 1.0], m)
    b = beta * a
    g = rng.normal(size=m)
    a2, b2 = mf.gd_step_on_pair(a, b, g, 0.1)
    u = np.abs(a * b)
    assert np.allclose(np.abs(a2 * b2), mf.multiplicative_weights_step(u, beta * g, 0.1), rtol=1e-14)
    assert np.allclose(np.abs(a2), np.abs(b2), rtol=1e-14)


def test_unbalanced_step_breaks_it():
    a, b, g = np.array([1.0]), np.array([2.0]), np.array([0.5])
    a2, b2 = mf.gd_step_on_pair(a, b, g, 0.1)
    assert abs(abs(a2 * b2)[0] - mf.multiplicative_weights_step(np.abs(a * b), g, 0.1)[0]) > 1e-3


def test_log_product_rate_is_minus_two_g_when_balanced():
    a = np.array([0.5, -1.0])
    b = np.array([0.5, 1.0])  # β = (+1, −1)
    g = np.array([0.3, -0.2])
    assert np.allclose(mf.log_product_rate(a, b, g), -2 * np.array([1, -1]) * g)


def test_mirror_descent_three_point_identity_on_a_linear_objective():
    # f_k(u) = ⟨c, u⟩ is convex with equality, so the regret equals the telescoped sum exactly
    c = np.array([0.3, -0.5, 0.1])
    ubar = np.array([0.2, 1.5, 0.4])
    run = mf.mirror_descent(lambda k, u: (c, float(c @ u), 0.0), lambda k: float(c @ ubar),
                            np.full(3, 1 / 3), 0.1, 50)
    lhs = run.eta * np.sum(run.loss_path - run.loss_reference)
    rhs = (divergences.kl(ubar, run.u[0]) - divergences.kl(ubar, run.u[-1]) + run.step_divergence.sum())
    assert lhs == pytest.approx(rhs, rel=1e-12)
    assert run.time == pytest.approx(5.0)


@pytest.mark.parametrize("bad, match", [
    (lambda: mf.gd_step_on_pair([1.0], [1.0, 2.0], [0.1], 0.1), "length"),
    (lambda: mf.gd_step_on_pair([1.0], [1.0], [0.1], -1.0), "eta"),
    (lambda: mf.log_product_rate([0.0], [1.0], [0.1]), "zero entry"),
    (lambda: mf.mirror_descent(lambda k, u: (u, 0.0, 0.0), lambda k: 0.0, [1.0], 0.1, 0), "steps"),
])
def test_bad_input_is_named(bad, match):
    with pytest.raises(InputError, match=match):
        bad()
