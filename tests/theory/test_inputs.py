"""Hostile input to the public functions outside the kernels: sphere, targets, domains,
statistics, evidence. Each must raise InputError (or UnknownNameError) naming the problem."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checks.profiles import get_profile
from checks.statistics import clopper_pearson, fit_exponent
from theory.domains import Choice, Grid, Int, Real, Seed, Space, SpherePoints
from theory.errors import InputError, UnknownNameError
from theory.evidence import at_least, at_most, close, greater_than
from theory.data.sphere import make_points, min_angle, normalize_rows
from theory.data.targets import monomial_labels, nuclear_norm, quadratic_labels
from theory.tolerances import gaussian_threshold


@pytest.mark.parametrize("X,needle", [
    ([[np.nan, 1.0]], "non-finite"),
    ([[np.inf, 1.0]], "non-finite"),
    ([1.0, 2.0], "2-D"),
    (np.zeros((2, 2, 2)), "2-D"),
    (np.zeros((0, 3)), "at least 1 row"),
    ("abc", "2-D array of numbers"),
    ([[0.0, 0.0]], "zero row"),
])
def test_normalize_rows_rejects(X, needle):
    with pytest.raises(InputError, match=needle):
        normalize_rows(X)


@pytest.mark.parametrize("kwargs,needle", [
    (dict(n=0, d=3), "n must be an integer >= 1"),
    (dict(n=3, d=1), "d must be an integer >= 2"),
    (dict(n=3, d=3, geometry="hexagonal"), "unknown geometry"),
    (dict(n=3.5, d=3), "n must be an integer"),
    (dict(n=True, d=3), "n must be an integer"),
])
def test_make_points_rejects(kwargs, needle):
    with pytest.raises(InputError, match=needle):
        make_points(**kwargs)


@given(st.integers(1, 30), st.integers(2, 8),
       st.sampled_from(["gauss", "clustered", "near_parallel", "antipodal_pairs", "duplicate", "orthogonal"]),
       st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_make_points_gives_unit_rows_deterministically(n, d, geometry, k, seed):
    X = make_points(n, d, geometry, k, seed)
    assert X.shape == (n, d)
    # every row on the sphere to rounding: a norm of d terms, one division (the near-parallel
    # row included, which was 3.7e-14 off before it was renormalised)
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), 1.0, rtol=0, atol=4 * (d + 2) * np.finfo(float).eps)
    np.testing.assert_array_equal(X, make_points(n, d, geometry, k, seed))


def test_geometries_do_what_they_say():
    X = make_points(8, 3, "antipodal_pairs", 3, 1)
    np.testing.assert_array_equal(X[1], -X[0])
    assert min_angle(X, antipodal=True) == 0.0 and min_angle(X, antipodal=False) > 0
    X = make_points(5, 4, "near_parallel", 6, 2)
    assert abs(min_angle(X, antipodal=False) - 1e-6) < 1e-12
    X = make_points(3, 5, "orthogonal", 1, 3)
    np.testing.assert_allclose(X @ X.T, np.eye(3), atol=0)


def test_targets_reject_bad_shapes():
    X = make_points(4, 3, seed=0)
    with pytest.raises(InputError, match="beta must have length 3"):
        monomial_labels(X, 1.0, np.ones(2), 1)
    with pytest.raises(InputError, match="alpha must be finite"):
        monomial_labels(X, math.nan, np.ones(3), 1)
    with pytest.raises(InputError, match="A must be 3x3"):
        quadratic_labels(X, np.eye(2))
    with pytest.raises(InputError, match="symmetric"):
        quadratic_labels(X, np.triu(np.ones((3, 3))))
    assert nuclear_norm(np.diag([1.0, -2.0])) == pytest.approx(3.0)


def test_domain_specs_reject_bad_declarations_and_recipes():
    with pytest.raises(InputError, match="at least one option"):
        Choice()
    with pytest.raises(InputError, match="at least 3 values"):
        Grid(1, 2)
    with pytest.raises(InputError, match="positive"):
        Grid(0, 1, 2)
    with pytest.raises(InputError, match="unknown geometry"):
        SpherePoints(n=3, d=3, geometries=("cube",))
    with pytest.raises(InputError, match="empty"):
        SpherePoints(n=(5, 2), d=3)
    with pytest.raises(InputError, match="must be a Spec"):
        Space(x=3)
    space = Space(X=SpherePoints(n=(2, 4), d=3), a=Real(0, 1), s=Seed(), c=Choice("u", "v"), i=Int(1, 2))
    good = space.sample(np.random.default_rng(0))
    space.check(good)
    for field, value, needle in [("a", math.nan, "real in"), ("s", -1, "seed"), ("c", "w", "one of"),
                                 ("i", 2.5, "integer in"), ("X", {"n": 9}, "keys n, d")]:
        with pytest.raises(InputError, match=needle):
            space.check({**good, field: value})
    with pytest.raises(InputError, match="JSON object"):
        space.check([1, 2])


def test_profiles_and_statistics_reject_bad_values():
    with pytest.raises(UnknownNameError, match="choose from"):
        get_profile("slow")
    with pytest.raises(InputError):
        clopper_pearson(5, 3, 0.01)
    with pytest.raises(InputError, match="alpha"):
        clopper_pearson(1, 3, 0.0)
    with pytest.raises(InputError, match="alpha"):
        gaussian_threshold(2.0, 3)
    with pytest.raises(InputError, match="positive finite"):
        fit_exponent([1, 2, 3], [[1.0, -1.0, 2.0]], alpha=0.01, rng=np.random.default_rng(0))


def test_clopper_pearson_is_exact_at_the_edges():
    lo, hi = clopper_pearson(0, 10, 0.05)
    assert lo == 0.0 and hi == pytest.approx(1 - 0.025 ** (1 / 10))
    lo, hi = clopper_pearson(10, 10, 0.05)
    assert hi == 1.0 and lo == pytest.approx(0.025 ** (1 / 10))


def test_evidence_relations_and_slack_signs():
    assert at_most(1.0, 2.0).holds and at_most(1.0, 2.0).slack > 0
    assert not at_most(3.0, 2.0).holds and at_most(3.0, 2.0).slack < 0
    assert at_most(2.0 + 1e-12, 2.0, tol=1e-11).holds
    assert at_least(2.0, 1.0).holds and not at_least(0.0, 1.0).holds
    assert not greater_than(1e-17, 0.0, tol=1e-14).holds
    assert greater_than(1.0, 0.0, tol=1e-14, scale=4.0).slack == pytest.approx(0.25)
    assert close(1.0, 1.0 + 1e-16, tol=1e-15, why="").holds and not close(1.0, 1.1, tol=1e-3, why="").holds
    for ev in (at_most(math.inf, 1.0), at_least(math.nan, 0.0), close(math.nan, 0.0, tol=1.0, why="")):
        assert not ev.holds


def test_near_parallel_row_is_on_the_sphere_for_many_seeds():
    """The moved row is renormalised (a single Gram-Schmidt pass left it up to 2.7e-14 off the
    sphere for some seeds, which the arcsin error model of Appendix E then had to absorb)."""
    worst = max(float(np.max(np.abs(np.sum(X * X, axis=1) - 1.0)))
                for seed in range(1500) for d in (2, 3, 5)
                for X in [make_points(6, d, "near_parallel", seed % 4 + 1, seed)])
    assert worst <= 8 * np.finfo(float).eps
