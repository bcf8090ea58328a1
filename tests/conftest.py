"""Shared test configuration: Hypothesis profiles for the unit tests (the claim searches use the
theorycheck run profiles instead), and a cache of claim outcomes so that each claim is checked once
per test session."""

from __future__ import annotations

import importlib.metadata
import os

import pytest
from hypothesis import settings

# The theorycheck pytest plugin (checks/plugin.py) is registered by the pytest11 entry point of an
# installed theorycheck; an install made before that entry point existed does not know it yet.
if not any(ep.value == "checks.plugin" for ep in importlib.metadata.entry_points(group="pytest11")):
    pytest_plugins = ["checks.plugin"]

settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: the run seed the claim tests use (override with THEORYCHECK_SEED to try another)
TEST_SEED = int(os.environ.get("THEORYCHECK_SEED", "0"))


@pytest.fixture(scope="session")
def outcomes():
    """check(claim[, mutant]) under the quick profile, memoised for the session."""
    from checks.engine import check
    from checks.profiles import get_profile

    cache = {}
    profile = get_profile("quick")

    def get(claim, mutant=None):
        key = (claim.id, mutant.name if mutant else None)
        if key not in cache:
            cache[key] = check(claim, profile, TEST_SEED, mutant=mutant)
        return cache[key]

    return get
