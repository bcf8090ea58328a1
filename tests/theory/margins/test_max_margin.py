"""Tests of theory.margins.max_margin: ℓ1-SVM and separation LPs (HiGHS), linear hard-margin SVM."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theory.margins import max_margin
from theory.errors import InputError


def test_l1_svm_on_two_features_by_hand():
    # features (1, 0) for y=+1 and (0, 1) for y=−1: μ = (½, −½) gives margin ½, which is optimal
    F = np.array([[1.0, 0.0], [0.0, 1.0]])
    sol = max_margin.l1_svm(F, np.array([1.0, -1.0]))
    assert math.isclose(sol.margin, 0.5, abs_tol=1e-9)
    assert np.allclose(sol.weights, [0.5, -0.5], atol=1e-9)


@settings(max_examples=25)
@given(st.integers(2, 10), st.integers(2, 30), st.integers(0, 2**32 - 1))
def test_l1_svm_beats_random_feasible_points(n, K, seed):
    rng = np.random.default_rng(seed)
    F = rng.standard_normal((n, K))
    y = rng.choice([-1.0, 1.0], n)
    sol = max_margin.l1_svm(F, y)
    assert np.abs(sol.weights).sum() <= 1 + 1e-9
    assert math.isclose((y * (F @ sol.weights)).min(), sol.margin, abs_tol=1e-7)
    for _ in range(50):
        mu = rng.standard_normal(K)
        mu /= np.abs(mu).sum()
        assert (y * (F @ mu)).min() <= sol.margin + 1e-9
    assert sol.support <= n + 1


def test_network_from_l1_solution_has_half_the_margin():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((8, 2))
    y = np.sign(X[:, 0] * X[:, 1]) + (X[:, 0] * X[:, 1] == 0)
    D = rng.standard_normal((100, 2))
    sol = max_margin.l1_svm(max_margin.relu_features(X, D), y)
    U, w = max_margin.network_from_l1_solution(D, sol.weights)
    assert math.isclose(np.sum(U**2) + np.sum(w**2), 1.0, rel_tol=1e-12)
    f = np.maximum(X @ U.T, 0) @ w
    assert math.isclose((y * f).min(), sol.margin / 2, rel_tol=1e-7)


def test_linear_max_margin_symmetric_pair():
    X = np.array([[2.0, 1.0], [-2.0, 1.0]])
    gamma, w = max_margin.linear_max_margin(X, np.array([1.0, -1.0]))
    assert math.isclose(gamma, 2.0, rel_tol=1e-8)
    assert np.allclose(w, [1.0, 0.0], atol=1e-7)


def test_separation_margin_detects_infeasibility():
    A = np.array([[1.0], [-1.0]])  # β and −β cannot both be positive
    t, _ = max_margin.linear_separation_margin(A)
    assert t <= 1e-12
    t, beta = max_margin.linear_separation_margin(np.array([[1.0, 0.0], [0.0, 2.0]]))
    assert math.isclose(t, 1.0, rel_tol=1e-9)


def test_inputs_are_validated():
    with pytest.raises(InputError, match="±1"):
        max_margin.l1_svm(np.ones((2, 2)), np.array([1.0, 0.0]))
    with pytest.raises(InputError, match="not linearly separable"):
        max_margin.linear_max_margin(np.array([[1.0], [-1.0]]), np.array([1.0, 1.0]))
    with pytest.raises(InputError, match="directions must have"):
        max_margin.relu_features(np.ones((2, 3)), np.ones((4, 2)))
    with pytest.raises(InputError, match="mu must not be zero"):
        max_margin.network_from_l1_solution(np.ones((2, 2)), np.zeros(2))


def test_best_linear_margin_brute_force_in_the_plane():
    rng = np.random.default_rng(5)
    ang = rng.uniform(0.2, 1.3, size=8)
    X = np.c_[np.cos(ang), np.sin(ang)]
    y = np.ones(8)
    value, u = max_margin.best_linear_margin(X, y)
    grid = np.linspace(0, 2 * np.pi, 200001)
    brute = np.max(np.min(X @ np.vstack([np.cos(grid), np.sin(grid)]), axis=0))
    # the grid's resolution (3e-5 rad) makes brute force a slightly low estimate of the max-min
    assert brute - 1e-12 <= value <= brute + 5e-5
    assert max_margin.best_linear_margin(np.array([[1.0, 0], [-1.0, 0]]), np.ones(2))[0] <= 0
