"""The public face for declaring claims: everything a paper module (built-in or a user's own)
needs is importable from here.

::

    from theory.claims import Kind, Mutant, Paper, Real, Source, Space, at_most, claim

    NOTE = Paper(key="mynote2026", authors="Me", year=2026, title="A note", where="arXiv:...")

    claim(id="mynote2026.lem1.am-gm", source=Source(NOTE, "Lemma 1", line=12),
          statement=r"\\sqrt{ab} \\le (a+b)/2", kind=Kind.INEQUALITY,
          domain=Space(a=Real(0, 10), b=Real(0, 10)),
          predicate=lambda inst, c=0.5: at_most((inst.a * inst.b) ** 0.5, c * (inst.a + inst.b)),
          mutants=(Mutant("constant 1/2 -> 0.4", params={"c": 0.4}),))

The decorator form declares the same claim on its predicate (the docstring is the statement)::

    @claim(id="mynote2026.lem1.am-gm", source=Source(NOTE, "Lemma 1", line=12), kind=Kind.INEQUALITY,
           domain=Space(a=Real(0, 10), b=Real(0, 10)), examples=[{"a": 1.0, "b": 1.0}],
           mutants=(Mutant("constant 1/2 -> 0.4", params={"c": 0.4}),))
    def am_gm(inst, c=0.5):
        r"\\sqrt{ab} \\le (a+b)/2"
        return at_most((inst.a * inst.b) ** 0.5, c * (inst.a + inst.b))

An erratum's certificate is built with :func:`exact` (rationals, :func:`rational`) or
:func:`interval` (mpmath intervals, :func:`iv`). The pieces live in :mod:`theory.claims.record` (the record and its enums),
:mod:`theory.claims.registry` (the registry and the declaring functions),
:mod:`theory.claims.certificates` (exact and interval re-evaluation of counterexamples),
:mod:`theory.claims.assumptions` (standing assumptions shared by papers),
:mod:`theory.claims.memo` (memo caches the engine clears at the start of each claim check), :mod:`theory.domains`
(instance spaces) and :mod:`theory.evidence` (what a predicate returns).
"""

from theory.claims import memo
from theory.claims.certificates import Certificate, exact, interval, interval_precision, iv, rational
from theory.claims.memo import memoized
from theory.claims.record import (DECISIONS, TIER_ORDER, AtLeast, Assumption, Claim, Decision, ErrorClass, Exponent, Kind,
                                  Mutant, NotCheckable, Paper, Source, Status, Tier, Verdict)
from theory.claims.registry import REGISTRY, Registry, claim, erratum_pair
from theory.domains import Choice, Fixed, Grid, Instance, Int, Real, Seed, Space, Spec, SpherePoints
from theory.evidence import Evidence, Series, at_least, at_most, close, greater_than, precondition_failed

__all__ = [
    "DECISIONS", "Decision", "AtLeast", "Assumption", "Certificate", "Choice", "Claim", "ErrorClass", "Evidence", "Exponent",
    "Fixed", "Grid", "Instance", "Int", "Kind", "Mutant", "NotCheckable", "Paper", "REGISTRY", "Real",
    "Registry", "Seed", "Series", "Source", "Space", "Spec", "SpherePoints", "Status", "TIER_ORDER", "Tier",
    "Verdict", "at_least", "at_most", "claim", "close", "erratum_pair", "greater_than",
    "memo", "memoized", "precondition_failed", "exact", "interval", "interval_precision", "iv", "rational",
]
