"""Tests of theory.data.hypercube (Boolean cube, parities, Walsh–Hadamard) and theory.data.hard_distribution
(the distribution D of Wei et al. 2019, eq. 2.1)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from theory.data import hard_distribution as hd
from theory.data import hypercube
from theory.errors import InputError


def brute_fourier(values, N):
    """f̂(S) = 2^{-N} Σ_z f(z) z^S by the definition, with Fractions."""
    Z = hypercube.points(N)
    out = []
    for S in range(2**N):
        chi = [int(np.prod([z[b] for b in range(N) if S >> b & 1])) for z in Z]
        out.append(Fraction(sum(int(v) * c for v, c in zip(values, chi)), 2**N))
    return out


def test_points_enumerate_the_cube_in_bitmask_order():
    Z = hypercube.points(3)
    assert Z.shape == (8, 3)
    assert {tuple(z) for z in Z} == set(itertools.product([-1, 1], repeat=3))
    assert list(Z[5]) == [-1, 1, -1]  # 5 = 0b101: coordinates 0 and 2 flipped


@given(st.integers(0, 6), st.data())
def test_fourier_matches_definition_exactly(N, data):
    values = data.draw(st.lists(st.integers(-50, 50), min_size=2**N, max_size=2**N))
    got = hypercube.fourier_coefficients(np.array(values, dtype=np.int64))
    assert list(got) == brute_fourier(values, N)


@given(st.integers(1, 8), st.integers(0, 2**32 - 1))
def test_inverse_transform_and_parseval(N, seed):
    rng = np.random.default_rng(seed)
    f = rng.standard_normal(2**N)
    c = hypercube.fourier_coefficients(f)
    assert np.allclose(hypercube.from_fourier(c), f, atol=1e-12)
    g = rng.standard_normal(2**N)
    assert np.isclose(np.mean(f * g), np.sum(c * hypercube.fourier_coefficients(g)))


def test_parity_and_degree():
    chi = hypercube.parity(4, [0, 3])
    Z = hypercube.points(4)
    assert np.array_equal(chi, Z[:, 0] * Z[:, 3])
    assert hypercube.degree(hypercube.fourier_coefficients(chi.astype(float))) == 2
    assert hypercube.degree(np.zeros(16)) == 0


def test_integer_transform_does_not_overflow():
    v = np.full(2**10, 2**60, dtype=np.int64)
    total = hypercube.walsh_hadamard(v)
    assert int(total[0]) == 2**70
    assert hypercube.exact_mean(v) == 2**60


@pytest.mark.parametrize("bad, message", [
    (np.zeros(3), "length 2\\^N"),
    (np.zeros((2, 2)), "1-D"),
    (np.array([np.nan, 0.0]), "non-finite"),
])
def test_bad_tables_are_rejected(bad, message):
    with pytest.raises(InputError, match=message):
        hypercube.fourier_coefficients(bad)


def test_bad_dimensions_and_subsets():
    with pytest.raises(InputError, match="too large"):
        hypercube.points(30)
    with pytest.raises(InputError, match="N must be an integer"):
        hypercube.points(-1)
    with pytest.raises(InputError, match="outside"):
        hypercube.parity(3, [5])
    with pytest.raises(InputError, match="distinct"):
        hypercube.subset_mask([1, 1])


# --- the distribution D ----------------------------------------------------------------------

def test_support_of_d_is_labelled_by_abs_difference():
    S, y = hd.support(6)
    assert S.shape == (4 * 16, 6)
    assert np.array_equal(hd.label_rule(S), y)
    assert np.allclose(np.sum(S**2, axis=1), 5)  # ‖x‖² = d − 1
    assert np.allclose(S.T @ y, 0)               # no linear signal


def test_asymmetric_support_has_linear_signal():
    S, y = hd.asymmetric_support(5)
    assert np.array_equal(S[:, 0] - S[:, 1], y)
    assert np.abs(S.T @ y).max() > 0


def test_samples_follow_the_atoms():
    X, y = hd.sample(4000, 5, np.random.default_rng(0))
    assert np.array_equal(hd.label_rule(X), y)
    counts = [np.mean((X[:, 0] == a) & (X[:, 1] == b)) for _, a, b in hd.ATOMS]
    assert np.allclose(counts, 0.25, atol=0.03)
    assert abs(X[:, 2:].mean()) < 0.05


def test_width4_network_has_margin_one_on_support():
    U2, w = hd.width4_network()
    S, y = hd.support(5)
    f = np.maximum(S[:, :2] @ U2.T, 0) @ w
    assert np.all(y * f == 1)
    assert np.sum(U2**2) + np.sum(w**2) == 8


def test_distribution_inputs_are_validated():
    with pytest.raises(InputError, match="d must be an integer >= 3"):
        hd.sample(3, 2, np.random.default_rng(0))
    with pytest.raises(InputError, match="rng"):
        hd.sample(3, 4, 0)
    with pytest.raises(InputError, match="too large"):
        hd.support(30)


@pytest.mark.parametrize("d", [1, 2, 5, 9])
def test_scaled_points_is_the_lexicographic_unit_cube(d):
    expected = np.array(list(itertools.product((-1.0, 1.0), repeat=d))) / np.sqrt(d)
    assert np.array_equal(hypercube.scaled_points(d), expected)
    assert np.allclose(np.linalg.norm(hypercube.scaled_points(d), axis=1), 1.0)


def test_subset_parity_labels_agree_with_the_character_table():
    N, S = 5, (0, 3)
    X = hypercube.points(N).astype(float) / np.sqrt(N)
    assert np.array_equal(hypercube.subset_parity_labels(X, S), hypercube.parity(N, S))
    with pytest.raises(InputError, match="zero coordinate"):
        hypercube.subset_parity_labels(np.zeros((2, 3)), (1,))
    with pytest.raises(InputError, match="outside"):
        hypercube.subset_parity_labels(X, (7,))
