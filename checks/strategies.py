"""Hypothesis strategies for the instance spaces of :mod:`theory.domains`.

A strategy draws a *recipe* (primitive, JSON-able values); the claim's space realises it. Drawing
small integers and seeds rather than whole arrays keeps shrinking meaningful: a shrunk
counterexample is the smallest n, d and the simplest geometry that still fails.
"""

from __future__ import annotations

import math
from functools import singledispatch

import numpy as np
from hypothesis import strategies as st

from theory.domains import (SEED_MAX, Choice, Fixed, Grid, Int, Real, Seed, Space, Spec,
                            SpherePoints)
from theory.errors import InputError


@singledispatch
def strategy_for(spec: Spec) -> st.SearchStrategy:
    """Fallback for specs without a dedicated strategy: draw a seed and let the spec sample.

    Searching works, but shrinking only simplifies the seed; register a strategy below for a spec
    whose values a counterexample should be shrunk along.
    """
    if type(spec).sample is Spec.sample:
        raise InputError(f"no Hypothesis strategy for domain field of type {type(spec).__name__}")
    return st.integers(0, SEED_MAX).map(lambda s: spec.sample(np.random.default_rng(s)))


@strategy_for.register
def _(spec: Int):
    return st.integers(spec.lo, spec.hi)


@strategy_for.register
def _(spec: Real):
    if spec.log:
        lo, hi = math.log(spec.lo), math.log(spec.hi)
        return st.floats(lo, hi, allow_nan=False).map(lambda t: min(max(math.exp(t), spec.lo), spec.hi))
    return st.floats(spec.lo, spec.hi, allow_nan=False, allow_infinity=False)


@strategy_for.register
def _(spec: Choice):
    return st.sampled_from(spec.options)


@strategy_for.register
def _(spec: Fixed):
    return st.just(spec.value)


@strategy_for.register
def _(spec: Seed):
    return st.integers(0, SEED_MAX)


@strategy_for.register
def _(spec: Grid):
    return st.sampled_from(spec.values)


@strategy_for.register
def _(spec: SpherePoints):
    (nl, nh), (dl, dh), (kl, kh) = spec.n_range, spec.d_range, spec.k_range
    return st.fixed_dictionaries({
        "n": st.integers(nl, nh),
        "d": st.integers(dl, dh),
        "geometry": st.sampled_from(spec.geometries),
        "k": st.integers(kl, kh),
        "seed": st.integers(0, SEED_MAX),
    })


def recipes(space: Space) -> st.SearchStrategy:
    """A strategy for whole recipes of ``space`` (a dict, one entry per field)."""
    return st.fixed_dictionaries({name: strategy_for(spec) for name, spec in space.fields.items()})
