"""Shared objects: margins (hard, normalized, smoothed) and Euler's identity on autograd."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from theory.errors import InputError
from theory.homogeneity import euler_sides, scaling_ratio
from theory.margins import (hard_margin, normalized_margin, normalized_smoothed_margin,
                            smoothed_margin)


@given(st.integers(1, 20), st.integers(0, 2**32 - 1), st.sampled_from(["exponential", "logistic"]))
def test_smoothed_margin_is_sandwiched_by_the_hard_margin(n, seed, loss):
    rng = np.random.default_rng(seed)
    f, y = rng.normal(size=n) * 5, rng.choice([-1.0, 1.0], size=n)
    q = hard_margin(f, y)
    s = smoothed_margin(f, y, loss)
    slack = 1e-12 * (1 + abs(q))
    assert s <= q + slack
    if loss == "exponential":
        assert s >= q - math.log(n) - slack


def test_smoothed_margin_survives_huge_margins():
    y = np.ones(3)
    assert smoothed_margin(np.array([800.0, 900.0, 1000.0]), y, "logistic") == pytest.approx(800.0, abs=1e-9)
    assert smoothed_margin(np.array([800.0, 900.0, 1000.0]), y) == pytest.approx(800.0, abs=1e-9)


def test_normalized_margins_scale_with_the_order():
    f, y = np.array([2.0, -3.0]), np.array([1.0, -1.0])
    assert normalized_margin(f, y, 2.0, 2) == pytest.approx(0.5)
    assert normalized_smoothed_margin(f, y, 1.0, 2) == pytest.approx(smoothed_margin(f, y))


@pytest.mark.parametrize("call,needle", [
    (lambda: hard_margin([1.0], [0.5]), "labels must be ±1"),
    (lambda: hard_margin([], []), "must not be empty"),
    (lambda: hard_margin([np.nan], [1.0]), "non-finite"),
    (lambda: normalized_margin([1.0], [1.0], 0.0, 2), "norm must be >"),
    (lambda: smoothed_margin([1.0], [1.0], "hinge"), "loss must be"),
])
def test_margin_inputs_are_checked(call, needle):
    with pytest.raises(InputError, match=needle):
        call()


@given(st.integers(1, 6), st.integers(1, 5), st.integers(1, 8), st.integers(0, 2**32 - 1))
def test_euler_identity_for_a_two_layer_relu_net(n, d, m, seed):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, d, dtype=torch.float64, generator=g)
    V = torch.randn(m, d, dtype=torch.float64, generator=g)
    a = torch.randn(m, dtype=torch.float64, generator=g)
    net = lambda V, a: torch.relu(X @ V.T) @ a
    lhs, f = euler_sides(net, [V, a])
    assert torch.allclose(lhs, 2 * f, rtol=0, atol=1e-12 * (1 + f.abs().max().item()))
    lhs1, _ = euler_sides(lambda V: torch.relu(X @ V.T) @ a, [V])
    assert torch.allclose(lhs1, f, rtol=0, atol=1e-12 * (1 + f.abs().max().item()))
    scaled, base = scaling_ratio(net, [V, a], 2.5)
    assert torch.allclose(scaled, 6.25 * base, rtol=1e-13, atol=1e-13)


def test_euler_identity_fails_for_a_non_homogeneous_net():
    g = torch.Generator().manual_seed(1)
    X = torch.randn(4, 3, dtype=torch.float64, generator=g)
    V = torch.randn(5, 3, dtype=torch.float64, generator=g)
    a = torch.randn(5, dtype=torch.float64, generator=g)
    lhs, f = euler_sides(lambda V, a: torch.tanh(X @ V.T) @ a, [V, a])
    assert (lhs - 2 * f).abs().max() > 1e-3


def test_euler_inputs_are_checked():
    with pytest.raises(InputError, match="float64"):
        euler_sides(lambda v: v, [torch.ones(2, dtype=torch.float32)])
    with pytest.raises(InputError, match="at least one"):
        euler_sides(lambda: torch.ones(1), [])
    with pytest.raises(InputError, match="non-finite"):
        euler_sides(lambda v: v, [torch.tensor([math.nan], dtype=torch.float64)])
