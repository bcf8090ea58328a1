"""``theorycheck new KEY``: a starter package for checking a paper of one's own.

It writes, under ``./KEY`` (or ``--dir``):

- ``pyproject.toml`` declaring the ``theorycheck.papers`` entry point ``KEY = "KEY_paper.claims"``
  and ``--theorycheck-paper KEY`` in pytest's options, so that ``pytest`` runs the claims;
- ``KEY_paper/claims.py`` with an identity, an inequality with its mutant (decorator form), and an
  erratum pair (a printed statement that is false, certified in exact rationals, with its corrected
  sibling), each of which the quick profile checks as declared;
- ``tests/test_KEY.py``, a plain unit test of one predicate on a hand-computed instance.

Everything it imports is the public face :mod:`theory.claims`. The package is green as written
(``tests/test_starter.py`` installs and runs one).
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

from theory.errors import InputError

_KEY = re.compile(r"^[a-z][a-z0-9]*$")

_PYPROJECT = Template('''\
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "${key}-paper"
version = "0.1.0"
description = "Executable claims of ${key}, checked with theorycheck"
requires-python = ">=3.11"
dependencies = ["theorycheck"]

# theorycheck finds the paper through this entry point: name = paper key, value = claims module
[project.entry-points."theorycheck.papers"]
${key} = "${key}_paper.claims"

[tool.setuptools]
packages = ["${key}_paper"]

[tool.pytest.ini_options]
# every claim and every mutant of the paper is a test (the theorycheck pytest plugin)
addopts = "--theorycheck-paper ${key}"
testpaths = ["tests"]
''')

_CLAIMS = Template('''\
"""Executable claims of ${key}. Replace the paper record and the three examples with your own.

Run them with ``theorycheck run --paper ${key}`` or ``pytest``; ``theorycheck show <claim id>``
prints one; a failure prints its falsifying instance and a ``theorycheck replay ...`` line.
"""

from fractions import Fraction

from theory.claims import (ErrorClass, Kind, Mutant, Paper, Real, Source, Space, at_most, claim,
                           close, erratum_pair, exact)

EPS = 2.0**-52    # float64 machine epsilon: relative tolerances are multiples of it
TINY = 2.0**-1074  # smallest subnormal: the absolute error of a result that underflows

PAPER = Paper(key="${key}", authors="Your Name", year=2026, title="Your title",
              where="arXiv:0000.00000", url="https://arxiv.org/abs/0000.00000")

PLANE = Space(a=Real(-10.0, 10.0), b=Real(-10.0, 10.0))


# 1. An identity, to a stated float error model (call form of claim).
def square_of_sum(inst, c=2.0):
    a, b = inst.a, inst.b
    scale = (abs(a) + abs(b)) ** 2
    return close((a + b) ** 2, a * a + c * a * b + b * b, tol=8 * EPS * scale + 8 * TINY,
                 why="a few float64 operations on terms of size (|a|+|b|)^2: 8 eps (|a|+|b|)^2, "
                     "plus a subnormal per operation that may underflow")


claim(id="${key}.eq1.square-of-sum", source=Source(PAPER, "Equation (1)", line=1),
      statement="(a+b)^2 = a^2 + 2ab + b^2", kind=Kind.IDENTITY, domain=PLANE,
      predicate=square_of_sum,
      mutants=(Mutant("2ab -> 1.9ab", params={"c": 1.9}),))


# 2. An inequality with a mutant (decorator form; the docstring is the statement).
@claim(id="${key}.lem1.am-gm", source=Source(PAPER, "Lemma 1", line=2), kind=Kind.INEQUALITY,
       domain=Space(a=Real(0.0, 10.0), b=Real(0.0, 10.0)),
       examples=({"a": 1.0, "b": 1.0},),  # equality case, evaluated first
       mutants=(Mutant("constant 1/2 -> 0.4", params={"c": 0.4}),))
def am_gm(inst, c=0.5):
    r"""\\sqrt{ab} \\le (a+b)/2"""
    lhs, rhs = inst.a**0.5 * inst.b**0.5, c * (inst.a + inst.b)  # sqrt(a*b) could underflow
    return at_most(lhs, rhs, tol=4 * EPS * max(lhs, rhs) + TINY,
                   why="two sqrts, a product, a sum: 4 eps relative, plus a subnormal for the halving")


# 3. A printed statement that is false, with its corrected sibling. The counterexample is
#    certified in exact rationals before it counts as an erratum.
def square_bound(inst, c=1.0):
    a, b = inst.a, inst.b
    rhs = c * (a * a + b * b)
    return at_most((a + b) ** 2, rhs, tol=8 * EPS * (abs(a) + abs(b)) ** 2 + 8 * TINY,
                   why="a few float64 operations: 8 eps (|a|+|b|)^2, plus a subnormal per operation")


def certify_square_bound(inst, c=1.0):
    a, b = Fraction(inst.a), Fraction(inst.b)  # the exact values of the floats
    return exact((a + b) ** 2 - Fraction(c) * (a * a + b * b), "<=", "exact rationals")


erratum_pair(
    source=Source(PAPER, "Lemma 2", line=3), kind=Kind.INEQUALITY, domain=PLANE,
    predicate=square_bound,
    printed=dict(id="${key}.lem2.printed-square-bound", statement="(a+b)^2 <= a^2 + b^2",
                 error_class=ErrorClass.TYPO, certify=certify_square_bound,
                 note="the factor 2 of the proof's last line is missing in the statement"),
    corrected=dict(id="${key}.lem2.square-bound", statement="(a+b)^2 <= 2(a^2 + b^2)",
                   params={"c": 2.0}, examples=({"a": 1.0, "b": 1.0},),
                   mutants=(Mutant("factor 2 -> 1.5", params={"c": 1.5}),)),
)
''')

_TEST = Template('''\
"""A plain unit test beside the claims (pytest also runs every claim: see pyproject.toml)."""

from ${key}_paper.claims import am_gm, square_of_sum
from theory.claims import Space, Real


def test_square_of_sum_on_a_hand_computed_instance():
    inst = Space(a=Real(-10, 10), b=Real(-10, 10)).realize({"a": 1.0, "b": 2.0})
    ev = square_of_sum(inst)
    assert ev.holds and ev.lhs == 9.0 and ev.rhs == 9.0


def test_am_gm_is_tight_at_a_equals_b():
    inst = Space(a=Real(0, 10), b=Real(0, 10)).realize({"a": 4.0, "b": 4.0})
    assert am_gm(inst).lhs == am_gm(inst).rhs == 4.0  # sqrt(4) is exact
''')

_README = Template('''\
# ${key}: claims checked with theorycheck

    pip install -e .                      # registers the paper (entry point theorycheck.papers)
    theorycheck list --paper ${key}
    theorycheck run --paper ${key}        # report under reports/
    pytest                                # every claim and mutant as a test
''')


def write_starter(key: str, target: Path | None = None) -> Path:
    """Write the starter package for paper ``key`` into ``target`` (default ``./key``)."""
    if not isinstance(key, str) or not _KEY.match(key):
        raise InputError(f"paper key {key!r} must be lower-case letters and digits, starting with a "
                         "letter (e.g. smith2026): it begins every claim id")
    target = Path(target) if target is not None else Path(key)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(f"--dir {str(target)!r} exists and is not empty; choose a new directory")
    files = {
        "pyproject.toml": _PYPROJECT,
        "README.md": _README,
        f"{key}_paper/__init__.py": Template('"""Claims of ${key} (see claims.py)."""\n'),
        f"{key}_paper/claims.py": _CLAIMS,
        f"tests/test_{key}.py": _TEST,
    }
    for rel, template in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.substitute(key=key), encoding="utf-8")
    return target
