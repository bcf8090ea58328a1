"""theory.data.kbit_parity: the cube, parity labels, the F1-margin LP and the closed forms of Example 4.1."""

from __future__ import annotations

import math

import numpy as np
import pytest

from theory.data import hypercube
from theory.data import kbit_parity as kp
from theory.errors import InputError


def test_cube_and_labels():
    X = hypercube.scaled_points(3)
    assert X.shape == (8, 3) and np.allclose(np.linalg.norm(X, axis=1), 1.0)
    y = kp.parity_labels(X, 2)
    assert np.array_equal(y, np.sign(X[:, 0]) * np.sign(X[:, 1]))


@pytest.mark.parametrize("d,k", [(2, 1), (2, 2), (3, 2), (4, 4), (4, 3), (5, 3)])
def test_lp_meets_the_closed_form_and_the_uniform_dual(d, k):
    X = hypercube.scaled_points(d)
    y = kp.parity_labels(X, k)
    V = kp.direction_dictionary(d, k, np.random.default_rng(0), n_random=50)
    gamma, c = kp.f1_margin_lp(X, y, V)
    assert gamma == pytest.approx(kp.f1_margin_closed_form(d, k), abs=1e-7)
    assert kp.uniform_dual_value(X, y, V).max() <= kp.f1_margin_closed_form(d, k) + 1e-12
    assert np.abs(c).sum() <= 1 + 1e-9


def test_k2_matches_telgarsky_and_is_below_the_printed_value():
    for d in (2, 5, 9):
        assert kp.f1_margin_closed_form(d, 2) == pytest.approx(1 / math.sqrt(8 * d))
        assert kp.f1_margin_closed_form(d, 2) < kp.f1_margin_as_printed(d, 2)


def test_halfspace_agreement_for_three_bit_parity_by_brute_force():
    X = hypercube.scaled_points(3)
    y = kp.parity_labels(X, 3)
    rng = np.random.default_rng(0)
    W = rng.normal(size=(4000, 3))
    best = max(np.mean(np.sign(X @ w) == y) for w in W)
    assert best == pytest.approx(kp.HALFSPACE_AGREEMENT[3])
    assert kp.odd_parity_error_floor(3) == 0.125


def test_constant_coordinate_rows_are_unit():
    Y = kp.with_constant_coordinate(hypercube.scaled_points(4))
    assert Y.shape == (16, 5) and np.allclose(np.linalg.norm(Y, axis=1), 1.0)


@pytest.mark.parametrize("bad, match", [
    (lambda: kp.f1_margin_closed_form(2, 3), "k .* must be <= d"),
    (lambda: kp.odd_parity_error_floor(7), "tabulated"),
    (lambda: kp.f1_margin_lp(hypercube.scaled_points(2), np.ones(4), np.ones((3, 3))), "V rows"),
])
def test_bad_input_is_named(bad, match):
    with pytest.raises(InputError, match=match):
        bad()
