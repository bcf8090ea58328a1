"""theory.probability.rademacher against explicit constructions (Lemma 5.4 of Arora et al. 2019, l.282–290)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from theory.probability import rademacher
from theory.errors import InputError
from theory.data.sphere import make_points


def _init(m, d, kappa, seed):
    rng = np.random.default_rng(seed)
    return kappa * rng.standard_normal((m, d)), rng.choice([-1.0, 1.0], size=m)


def _net(W, a, X):
    return a @ np.maximum(W @ X.T, 0.0) / math.sqrt(len(a))


def _z(W, a, X):
    """Z(0) of eq. (6), built entry by entry: block r of column i is m^{-1/2} a_r 1{w_rᵀx_i >= 0} x_i."""
    m, d = W.shape
    Z = np.zeros((m * d, X.shape[0]))
    for r in range(m):
        for i, x in enumerate(X):
            if W[r] @ x >= 0:
                Z[r * d:(r + 1) * d, i] = a[r] * x / math.sqrt(m)
    return Z


def _naive(W0, a, X, eps, B, R):
    """Witnesses formed explicitly as m × d matrices, one sign vector at a time."""
    m, d = W0.shape
    Z = _z(W0, a, X)
    gains, members = [], []
    for e in eps:
        v = (Z @ e).reshape(m, d)
        D = B * v / np.linalg.norm(v)
        t = min(1.0, R / np.linalg.norm(D, axis=1).max())
        W = W0 + t * D
        gains.append(e @ (_net(W, a, X) - _net(W0, a, X)))
        members.append(W)
    return np.array(gains), members


@pytest.mark.parametrize("R", [0.05, 0.3, math.inf])
def test_chunked_gains_equal_a_naive_loop(R):
    X = make_points(5, 3, "gauss", 1, 11)
    W0, a = _init(200, 3, 0.1, 1)  # small κ: many activations flip
    eps = rademacher.sign_vectors(5)
    w = rademacher.witness_gains(W0, a, X, eps, 1.5, R)
    naive, _ = _naive(W0, a, X, eps, 1.5, R)
    assert np.abs(naive - w.gains).max() < 1e-12
    assert np.abs(w.flips).max() > 1e-3  # the flip part is exercised, not only the linear part
    assert np.allclose(w.gram, _z(W0, a, X).T @ _z(W0, a, X), atol=1e-14)


def test_witnesses_lie_in_the_class():
    X = make_points(6, 4, "clustered", 2, 3)
    W0, a = _init(150, 4, 1.0, 2)
    eps = rademacher.sign_vectors(6)
    B, R = 0.8, 0.12
    w = rademacher.witness_gains(W0, a, X, eps, B, R)
    _, members = _naive(W0, a, X, eps, B, R)
    for W, t, mv in zip(members, w.steps, w.movement):
        assert np.linalg.norm(W - W0, axis=1).max() <= R * (1 + 1e-12)
        assert np.linalg.norm(W - W0) <= B * (1 + 1e-12)
        assert t == pytest.approx(min(1.0, R / mv))
    assert (w.steps < 1).any() and (w.steps == 1).any()  # both branches of the truncation


def test_linear_part_is_b_times_norm_when_untruncated():
    X = make_points(4, 5, "gauss", 1, 5)
    W0, a = _init(500, 5, 2.0, 4)
    eps = rademacher.sign_vectors(4)
    w = rademacher.witness_gains(W0, a, X, eps, 0.3, math.inf)
    Z = _z(W0, a, X)
    assert np.allclose(w.linear, 0.3 * np.linalg.norm(Z @ eps.T, axis=0), rtol=1e-12)
    assert w.frobenius_sq == pytest.approx(np.sum(Z * Z), rel=1e-12)


def test_sign_average_identity_by_enumeration():
    """E_ε‖Z(0)ε‖² = ‖Z(0)‖_F² (all 2ⁿ ε), and the Jensen step E‖Z(0)ε‖ <= ‖Z(0)‖_F is strict."""
    X = make_points(7, 3, "gauss", 1, 8)
    W0, a = _init(40, 3, 1.0, 6)
    Z = _z(W0, a, X)
    eps = rademacher.sign_vectors(7)
    sq = np.sum((Z @ eps.T) ** 2, axis=0)
    assert sq.mean() == pytest.approx(np.sum(Z * Z), rel=1e-13)
    assert np.sqrt(sq).mean() < math.sqrt(np.sum(Z * Z)) * (1 - 1e-4)
    H = Z.T @ Z
    assert rademacher.sqrt_quadratic_form_mean(H) == pytest.approx(np.sqrt(sq).mean(), rel=1e-13)


@pytest.mark.parametrize("n", [1, 2, 5, 9])
def test_split_enumeration_matches_direct(n):
    rng = np.random.default_rng(n)
    A = rng.standard_normal((n, n))
    H = A @ A.T
    eps = rademacher.sign_vectors(n)
    direct = np.sqrt(np.einsum("ki,ij,kj->k", eps, H, eps)).mean()
    assert rademacher.sqrt_quadratic_form_mean(H) == pytest.approx(direct, rel=1e-13)


def test_sign_vectors_are_all_distinct():
    E = rademacher.sign_vectors(6)
    assert E.shape == (64, 6) and len({tuple(r) for r in E}) == 64 and set(np.unique(E)) == {-1.0, 1.0}


def test_bound_terms_and_mutant():
    n, m, B, R, kappa, delta = 20, 10**6, 1.0, 0.0022, 1.0, 0.1
    L = 2 * math.log(2 / delta)
    expected = B / math.sqrt(2 * n) * (1 + (L / m) ** 0.25) + 2 * R * R * math.sqrt(m) / kappa + R * math.sqrt(L)
    assert rademacher.lemma54_bound(n, m, B, R, kappa, delta) == pytest.approx(expected, rel=1e-14)
    mutant = rademacher.lemma54_bound(n, m, B, R, kappa, delta, first_constant=0.5)
    assert mutant == pytest.approx(expected - (1 / math.sqrt(2) - 0.5) * B / math.sqrt(n) * (1 + (L / m) ** 0.25))


def test_bad_inputs_are_refused():
    X = make_points(3, 2, "gauss", 1, 1)
    W0, a = _init(10, 2, 1.0, 0)
    eps = rademacher.sign_vectors(3)
    with pytest.raises(InputError, match="eps"):
        rademacher.witness_gains(W0, a, X, 0.5 * eps, 1.0, 0.1)
    with pytest.raises(InputError, match="a must"):
        rademacher.witness_gains(W0, 0.5 * a, X, eps, 1.0, 0.1)
    with pytest.raises(InputError, match="delta"):
        rademacher.lemma54_bound(3, 10, 1.0, 0.1, 1.0, 1.0)
