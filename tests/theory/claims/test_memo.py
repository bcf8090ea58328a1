"""theory.claims.memo: a memo store the engine empties at the start of every claim check."""

from __future__ import annotations

import pytest

from checks.engine import check
from checks.profiles import get_profile
from theory.claims import Claim, Int, Kind, Mutant, Paper, Source, Space, at_most, memo, memoized
from theory.errors import InputError

TOY = Paper(key="toy2021", authors="T", year=2021, title="Toy", where="nowhere")


def test_memoized_returns_the_stored_value_until_cleared():
    calls = []

    @memoized
    def square(x):
        calls.append(x)
        return [x * x]

    first = square(3)
    assert square(3) is first and calls == [3]
    assert square.uncached(3) == [9] and square.uncached(3) is not first and calls == [3, 3, 3]
    memo.clear()
    assert square(3) is not first and calls == [3, 3, 3, 3]


def test_memoized_with_a_key_function_for_unhashable_arguments():
    @memoized(key=lambda d, *, scale=1: (tuple(sorted(d.items())), scale))
    def total(d, *, scale=1):
        return [scale * sum(d.values())]

    a = total({"x": 1, "y": 2})
    assert total({"y": 2, "x": 1}) is a and total({"x": 1, "y": 2}, scale=2) == [6]


def test_memoized_rejects_a_non_function():
    with pytest.raises(InputError, match="decorates a function"):
        memoized(3)


def test_the_engine_clears_the_store_at_the_start_of_each_claim_check():
    computed = []

    @memoized
    def expensive(x):
        computed.append(x)
        return x

    def predicate(inst):
        return at_most(expensive(inst.x % 2), 1)

    c = Claim(id="toy2021.thm1.memo", source=Source(TOY, "Theorem 1", "1", 1), statement="x mod 2 <= 1",
              kind=Kind.INEQUALITY, domain=Space(x=Int(0, 1000)), predicate=predicate, mutants=(Mutant("m"),))
    profile = get_profile("quick")
    check(c, profile, 0)
    within_one_check = len(computed)
    assert within_one_check <= 2  # two residues, each computed once however many instances
    expensive(0), expensive(1)
    assert len(computed) == within_one_check  # still stored after the check ...
    check(c, profile, 1)
    assert len(computed) > within_one_check   # ... and emptied when the next check starts
