"""Tests of theory.dynamics.linear_dynamics: the power method of Arora et al. 2019 (eq. (7), (8), (28)), the
auxiliary sequence of Section 5.2, the complexity measure (10) and the lazy-limit predictor."""

from __future__ import annotations

import math

import numpy as np
import pytest

from theory.kernels import hinf as kernels
from theory.dynamics import linear_dynamics as ld
from theory.errors import InputError
from theory.data.sphere import make_points


def setup(n=8, d=5, seed=0):
    X = make_points(n, d, "gauss", 1, seed)
    H = kernels.hinf(X)
    y = np.random.default_rng(seed).choice([-1.0, 1.0], size=n)
    return X, H, y


def test_power_method_matches_matrix_power_and_recursion():
    X, H, y = setup()
    eta = 1.0 / np.linalg.eigvalsh(H)[-1]
    ks = np.array([0, 1, 5, 40])
    got = ld.power_method_residuals(H, y, eta, ks)
    M = np.eye(len(y)) - eta * H
    brute = [np.linalg.norm(np.linalg.matrix_power(M, int(k)) @ y) for k in ks]
    np.testing.assert_allclose(got, brute, rtol=1e-12, atol=1e-13)
    rec = ld.iterate_linear_recursion(H, y, eta, 40)
    np.testing.assert_allclose(rec[ks], brute, rtol=1e-11, atol=1e-13)
    assert got[0] == pytest.approx(np.linalg.norm(y))


def test_linear_residuals_from_u0_differ_from_zero_start():
    X, H, y = setup()
    eta = 0.5 / np.linalg.eigvalsh(H)[-1]
    u0 = 0.3 * np.ones_like(y)
    a = ld.linear_residuals(H, y - u0, eta, [3])[0]
    M = np.linalg.matrix_power(np.eye(len(y)) - eta * H, 3)
    assert a == pytest.approx(np.linalg.norm(M @ (y - u0)), rel=1e-12)
    assert a != pytest.approx(ld.power_method_residuals(H, y, eta, [3])[0], rel=1e-6)


def test_spectrum_is_descending_and_energy_fraction_sums_to_one():
    _, H, y = setup(10, 4, 2)
    spec = ld.spectrum(H)
    assert np.all(np.diff(spec.values) <= 1e-15)
    assert ld.top_energy_fraction(H, y, len(y)) == pytest.approx(1.0, abs=1e-12)
    top1 = ld.top_energy_fraction(H, spec.vectors[:, 0], 1)
    assert top1 == pytest.approx(1.0, abs=1e-12)
    assert ld.top_energy_fraction(H, spec.vectors[:, -1], 1) == pytest.approx(0.0, abs=1e-12)


def test_complexity_measure_against_direct_solve():
    _, H, y = setup(12, 6, 3)
    expected = math.sqrt(2 * y @ np.linalg.solve(H, y) / len(y))
    assert ld.complexity_measure(H, y) == pytest.approx(expected, rel=1e-10)


def test_gd_sum_operator_matches_the_sum_and_tends_to_inverse():
    _, H, _ = setup(6, 4, 1)
    eta = 0.7 / np.linalg.eigvalsh(H)[-1]
    M = np.eye(6) - eta * H
    brute = eta * sum(np.linalg.matrix_power(M, k) for k in range(25))
    np.testing.assert_allclose(ld.gd_sum_operator(H, eta, 25), brute, rtol=1e-10, atol=1e-12)
    far = ld.gd_sum_operator(H, eta, 200000)
    np.testing.assert_allclose(far, np.linalg.inv(H), rtol=1e-8, atol=1e-8)


def test_auxiliary_sequence_converges_to_the_limit_with_norm_yHinvy():
    rng = np.random.default_rng(4)
    X = make_points(5, 3, "gauss", 1, 4)
    m = 40
    W, a = rng.standard_normal((m, 3)), rng.choice([-1.0, 1.0], size=m)
    act = (W @ X.T >= 0) * a[:, None] / math.sqrt(m)
    Z = np.einsum("ri,id->rdi", act, X).reshape(m * 3, 5)
    y = rng.choice([-1.0, 1.0], size=5)
    H0 = Z.T @ Z
    eta = 1.0 / np.linalg.eigvalsh(H0)[-1]
    limit = ld.auxiliary_limit(Z, y)
    assert limit @ limit == pytest.approx(y @ np.linalg.solve(H0, y), rel=1e-9)
    steps = int(60 / (eta * np.linalg.eigvalsh(H0)[0]))
    w = ld.auxiliary_sequence(Z, y, eta, steps)
    np.testing.assert_allclose(w, limit, rtol=1e-6, atol=1e-8)


def test_kernel_predictor_interpolates_the_training_labels():
    X, H, y = setup(9, 5, 5)
    f = ld.kernel_predictor(H, H, y)
    np.testing.assert_allclose(f, y, atol=1e-8)


def test_max_k_geometric_against_brute_force():
    for x in (0.5, 0.1, 0.013, 1e-3):
        k = np.arange(0, 20000)
        brute = float(np.max(k * (1 - x) ** (k - 1.0)))
        assert ld.max_k_geometric(x) == pytest.approx(brute, rel=1e-12)
        assert brute <= 1 / (math.e * x * (1 - x))


@pytest.mark.parametrize("call,match", [
    (lambda: ld.power_method_residuals(np.ones((2, 3)), [1, 1], 0.1, [1]), "square"),
    (lambda: ld.power_method_residuals(np.eye(2), [1, 1], -0.1, [1]), "eta"),
    (lambda: ld.power_method_residuals(np.eye(2), [1, 1], 0.1, [-1]), "steps"),
    (lambda: ld.power_method_residuals(np.eye(2), [1, 1, 1], 0.1, [1]), "length"),
    (lambda: ld.complexity_measure(np.zeros((2, 2)), [1, 1]), "positive definite"),
    (lambda: ld.top_energy_fraction(np.eye(3), [1, 1, 1], 4), "top"),
    (lambda: ld.top_energy_fraction(np.eye(2), [0, 0], 1), "zero"),
    (lambda: ld.max_k_geometric(1.5), "x"),
    (lambda: ld.spectrum([[1, 2], [0, 1]]), "symmetric"),
    (lambda: ld.kernel_predictor(np.eye(2), np.ones((3, 3)), [1, 1]), "H_cross"),
])
def test_bad_input_raises_input_error(call, match):
    with pytest.raises(InputError, match=match):
        call()
