"""Tests of theory.data.sparse_parity: 2-sparse parity on {±1/√d}^d (Telgarsky 2023, Proposition 1.6)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from theory.data import hypercube
from theory.data import sparse_parity
from theory.errors import InputError


@pytest.mark.parametrize("d", [2, 3, 5, 8])
def test_cube_is_complete_and_unit(d):
    X = hypercube.scaled_points(d)
    assert X.shape == (2**d, d)
    assert np.allclose(np.linalg.norm(X, axis=1), 1.0)
    assert len({tuple(np.sign(x)) for x in X}) == 2**d


def test_labels_are_the_product_of_two_coordinates():
    X = hypercube.scaled_points(4)
    y = sparse_parity.parity_labels(X, pair=(1, 3))
    assert np.array_equal(y, np.sign(X[:, 1] * X[:, 3]))


@pytest.mark.parametrize("d", [2, 4, 7])
def test_exactly_one_reference_direction_is_active(d):
    alpha, B = sparse_parity.four_relu_reference(d)
    X = hypercube.scaled_points(d)
    proj = X @ B.T
    assert np.all((proj > 1e-12).sum(axis=1) == 1)
    assert np.allclose(proj.max(axis=1), math.sqrt(2 / d))
    assert np.abs(alpha).sum() == pytest.approx(1.0)
    y = sparse_parity.parity_labels(X)
    assert np.allclose(y * (np.maximum(proj, 0) @ alpha), 1 / math.sqrt(8 * d))


def test_sampling_is_reproducible_and_on_the_cube():
    X1, y1 = sparse_parity.sample_parity(50, 6, np.random.default_rng(1))
    X2, y2 = sparse_parity.sample_parity(50, 6, np.random.default_rng(1))
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert np.allclose(np.abs(X1), 1 / math.sqrt(6))


@pytest.mark.parametrize("call, message", [
    (lambda: sparse_parity.four_relu_reference(3, pair=(1, 1)), "distinct"),
    (lambda: sparse_parity.parity_labels(np.ones((2, 3))), "cube"),
])
def test_bad_inputs(call, message):
    with pytest.raises(InputError, match=message):
        call()
