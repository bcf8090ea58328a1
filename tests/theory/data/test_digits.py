"""Tests of theory.data.digits: scikit-learn's bundled digits as two-class unit-sphere data (Arora et al.
2019, Appendix A's preprocessing) and Figure 2's label corruption."""

from __future__ import annotations

import numpy as np
import pytest

from theory.data import digits
from theory.errors import InputError


def test_two_class_digits_are_unit_rows_with_signed_labels():
    data = digits.two_class_digits(0, 1)
    assert data.X.shape == (360, 64)
    np.testing.assert_allclose(np.linalg.norm(data.X, axis=1), 1.0, atol=1e-12)
    assert set(np.unique(data.y)) == {-1.0, 1.0}
    assert int((data.y > 0).sum()) == 178  # the zeros of load_digits
    assert np.all(data.X >= 0)
    flipped = digits.two_class_digits(1, 0)
    np.testing.assert_array_equal(flipped.y, -data.y)


def test_split_partitions_the_rows():
    X, y = digits.two_class_digits(3, 5)
    Xtr, ytr, Xte, yte = digits.split(X, y, 0.2, np.random.default_rng(0))
    assert len(yte) == round(0.2 * len(y)) and len(ytr) + len(yte) == len(y)
    rows = {tuple(r) for r in np.vstack([Xtr, Xte]).round(12)}
    assert rows == {tuple(r) for r in X.round(12)}


def test_corruption_replaces_the_requested_fraction():
    y = np.ones(2000)
    rng = np.random.default_rng(1)
    assert np.array_equal(digits.corrupt_labels(y, 0.0, rng), y)
    z = digits.corrupt_labels(y, 0.5, rng)
    # half replaced by fair signs: about a quarter flipped (binomial sd ~ 19)
    assert abs(int((z < 0).sum()) - 500) < 100
    full = digits.corrupt_labels(y, 1.0, rng)
    assert abs(float(full.mean())) < 0.1


@pytest.mark.parametrize("call,match", [
    (lambda: digits.two_class_digits(0, 0), "different"),
    (lambda: digits.two_class_digits(0, 11), "negative"),
    (lambda: digits.corrupt_labels(np.ones(3), 1.5, np.random.default_rng(0)), "fraction"),
    (lambda: digits.split(np.ones((3, 2)), np.ones(3), 0.01, np.random.default_rng(0)), "test_fraction"),
    (lambda: digits.random_signs(0, np.random.default_rng(0)), "n must"),
])
def test_bad_input_raises_input_error(call, match):
    with pytest.raises(InputError, match=match):
        call()
