"""The pytest plugin and the paper loading, used as a user would: from a directory outside the
repository, with claims in a module of their own (``--module``/``--theorycheck-module``) or in a
package found through its ``theorycheck.papers`` entry point."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from plugin_helpers import run_as_user, user_bin

NOTE = textwrap.dedent('''
    from theory.claims import (Kind, Mutant, Paper, Real, Source, Space, Status, Tier, at_most, claim,
                               erratum_pair)

    NOTE = Paper(key="plug2026", authors="P. Lugin", year=2026, title="Plugged", where="arXiv:2")
    UNIT = Space(a=Real(0.0, 1.0), b=Real(0.0, 1.0))

    @claim(id="plug2026.lem1.am-gm", source=Source(NOTE, "Lemma 1", line=1), kind=Kind.INEQUALITY,
           domain=UNIT, examples=[{"a": 0.5, "b": 0.5}],
           mutants=[Mutant("constant 1/2 -> 0.4", params={"c": 0.4})])
    def am_gm(inst, c=0.5):
        r"""\\sqrt{ab} \\le (a+b)/2"""
        return at_most((inst.a * inst.b) ** 0.5, c * (inst.a + inst.b), tol=1e-15, why="4 eps")

    @claim(id="plug2026.lem2.sum", source=Source(NOTE, "Lemma 2", line=2), kind=Kind.INEQUALITY,
           domain=UNIT, examples=[{"a": 1.0, "b": 1.0}],
           mutants=[Mutant("bound 2 -> 1.5", params={"c": 1.5})])
    def sum_bound(inst, c=CONSTANT):
        r"""a + b \\le 2"""
        return at_most(inst.a + inst.b, c, why="exact")

    @claim(id="plug2026.lem3.slow", source=Source(NOTE, "Lemma 3", line=3), kind=Kind.INEQUALITY,
           domain=UNIT, tier=Tier.STANDARD, mutants=[Mutant("bound 1 -> 0", params={"c": 0.0})])
    def slow(inst, c=1.0):
        r"""a \\le 1"""
        return at_most(inst.a, c)

    @claim(id="plug2026.lem4.big", source=Source(NOTE, "Lemma 4", line=4), kind=Kind.INEQUALITY,
           domain=UNIT, tier=Tier.GPU, mutants=[Mutant("bound 1 -> 0", params={"c": 0.0})])
    def big(inst, c=1.0):
        r"""b \\le 1"""
        return at_most(inst.b, c)
''')

READING = textwrap.dedent('''
    erratum_pair(source=Source(NOTE, "Remark 5", line=5), kind=Kind.INEQUALITY, domain=UNIT,
                 predicate=lambda inst, c=1.0: at_most(inst.a, c),
                 printed=dict(id="plug2026.rem5.printed", statement="a <= 1", status=Status.READING),
                 corrected=dict(id="plug2026.rem5.fixed", statement="a <= 2", params={"c": 2.0},
                                mutants=(Mutant("bound 2 -> -1", params={"c": -1.0}),)))
''')


@pytest.fixture(scope="module")
def user(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("user")
    return tmp, user_bin(tmp)


def _write(tmp: Path, constant: str, extra: str = "") -> None:
    (tmp / "plugnote.py").write_text(NOTE.replace("CONSTANT", constant) + extra)


PYTEST = "pytest --theorycheck-module plugnote.py --theorycheck-paper plug2026 -rs -v"


def test_claims_and_mutants_are_tests_named_by_claim_id_and_tiers_are_markers(user):
    tmp, bin_dir = user
    _write(tmp, "2.0")
    done = run_as_user(PYTEST, tmp, bin_dir)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "theorycheck: papers plug2026 (4 claims, 4 mutants); profile quick, seed 0" in out
    assert "theorycheck:plug2026::plug2026.lem1.am-gm PASSED" in out
    assert "theorycheck:plug2026::plug2026.lem1.am-gm[mutant: constant 1/2 -> 0.4] PASSED" in out
    assert "4 passed, 4 deselected" in out  # standard and gpu tiers: only on request
    done = run_as_user(PYTEST + " -m 'standard or gpu'", tmp, bin_dir)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "plug2026.lem3.slow PASSED" in out and "plug2026.lem3.slow[mutant: bound 1 -> 0] PASSED" in out
    try:
        import torch
        cuda = torch.cuda.is_available()
    except ImportError:
        cuda = False
    if not cuda:  # both gpu tests skipped, in one summary line
        assert "SKIPPED [2] " in out and "theorycheck gpu tier: no CUDA device" in out


def test_a_broken_constant_fails_with_the_falsifying_example_in_pytest_and_run(user):
    tmp, bin_dir = user
    _write(tmp, "1.5")
    done = run_as_user(PYTEST, tmp, bin_dir)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "theorycheck:plug2026::plug2026.lem2.sum FAILED" in out
    for shown in ("Falsifying example: plug2026.lem2.sum", '  instance:   {"a": 1.0, "b": 1.0}',
                  "  lhs  a + b = 2.0", "  rhs  2     = 1.5", "lhs <= rhs fails by 0.5",
                  "tolerance:  0.0 — error model: exact", "P. Lugin (2026). Plugged. arXiv:2; Lemma 2, line 2",
                  """replay:     theorycheck replay plug2026.lem2.sum --instance '{"a":1.0,"b":1.0}' --module plugnote.py"""):
        assert shown in out, f"missing {shown!r} in:\n{out}"
    assert "Traceback" not in out
    done = run_as_user("theorycheck run --module plugnote.py --paper plug2026 --no-figures --out reports", tmp, bin_dir)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "Falsifying example: plug2026.lem2.sum" in out and "--module plugnote.py" in out
    done = run_as_user("""theorycheck replay plug2026.lem2.sum --instance '{"a":1.0,"b":1.0}' --module plugnote.py""",
                       tmp, bin_dir)
    assert done.returncode == 1 and "REFUTED on this instance" in done.stdout


def test_an_unexpectedly_verified_reading_and_an_unknown_paper(user):
    tmp, bin_dir = user
    _write(tmp, "2.0", READING)
    done = run_as_user(PYTEST + " -k rem5", tmp, bin_dir)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "No counterexample found for the reading (expected refuted): plug2026.rem5.printed" in out
    assert "tried:      " in out
    done = run_as_user("pytest --theorycheck-module plugnote.py --theorycheck-paper nope", tmp, bin_dir)
    out = done.stdout + done.stderr
    assert done.returncode == 4, out
    assert "unknown paper 'nope'" in out and "plug2026" in out and "arora2019" in out


def _dist(site: Path, key: str, module: str, body: str) -> None:
    """An installed distribution as importlib.metadata sees it: a .dist-info with entry points."""
    info = site / f"{module}_pkg-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}-pkg\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[theorycheck.papers]\n{key} = {module}\n")
    (site / f"{module}.py").write_text(body)


def test_papers_from_entry_points_and_their_errors(tmp_path):
    bin_dir = user_bin(tmp_path)
    good = NOTE.replace("CONSTANT", "2.0").replace("plug2026", "ep2026")
    site = tmp_path / "site"
    _dist(site, "ep2026", "epnote", good)
    with_site = lambda cmd: f"PYTHONPATH=$PYTHONPATH:{site} {cmd}"  # noqa: E731
    done = run_as_user(with_site("theorycheck list --paper ep2026"), tmp_path, bin_dir)
    assert done.returncode == 0 and "ep2026.lem1.am-gm" in done.stdout, done.stderr
    # an entry point whose module fails: one error naming it, the entry point and its package
    broken = tmp_path / "broken"
    _dist(broken, "bad2026", "badnote", "raise RuntimeError('boom')\n")
    done = run_as_user(f"PYTHONPATH=$PYTHONPATH:{site}:{broken} theorycheck list", tmp_path, bin_dir)
    assert done.returncode == 2
    assert ("paper module 'badnote' (entry point 'bad2026' of badnote-pkg) failed to import: "
            "RuntimeError: boom") in done.stderr
    # an entry point named after another key than the paper its module registers
    wrong = tmp_path / "wrong"
    _dist(wrong, "other2026", "wrongnote", good.replace("ep2026", "wr2026"))
    done = run_as_user(f"PYTHONPATH=$PYTHONPATH:{wrong} theorycheck list", tmp_path, bin_dir)
    assert done.returncode == 2 and "registers no paper with key 'other2026'" in done.stderr
    done = run_as_user("theorycheck list --module missing.py", tmp_path, bin_dir)
    assert done.returncode == 2 and "no such file" in done.stderr


def test_parallel_workers_load_the_module_papers(user):
    tmp, bin_dir = user
    _write(tmp, "2.0")
    done = run_as_user("theorycheck run --module plugnote.py --paper plug2026 --jobs 2 --no-figures "
                       "--no-mutants --out reports", tmp, bin_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2/2 claims as declared" in done.stdout
