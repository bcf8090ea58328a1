"""The issue's acceptance test, run as a new user would: a fresh virtual environment outside the
repository with theorycheck installed (non-editable) from this checkout; a throwaway package with
an entry point and three claims is listed, run, replayed and collected by pytest; breaking one of
its constants makes ``theorycheck run`` and pytest both fail with the falsifying instance and the
replay line; ``theorycheck new`` gives a package that installs and is green. Marked slow (it builds
and installs packages): ``pytest -m slow tests/checks/test_plugin_venv.py``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from plugin_helpers import ROOT

pytestmark = pytest.mark.slow

CLAIMS = textwrap.dedent('''
    from theory.claims import Kind, Mutant, Paper, Real, Source, Space, at_least, at_most, claim, close

    NOTE = Paper(key="tp2026", authors="T. Hrowaway", year=2026, title="Three facts", where="arXiv:3")
    UNIT = Space(x=Real(0.0, 1.0))

    @claim(id="tp2026.lem1.square", source=Source(NOTE, "Lemma 1", line=1), kind=Kind.INEQUALITY,
           domain=UNIT, examples=[{"x": 1.0}], mutants=[Mutant("bound 1 -> 0.9", params={"c": 0.9})])
    def square(inst, c=CONSTANT):
        r"""x^2 \\le 1"""
        return at_most(inst.x ** 2, c)

    @claim(id="tp2026.lem2.am-gm", source=Source(NOTE, "Lemma 2", line=2), kind=Kind.INEQUALITY,
           domain=UNIT, examples=[{"x": 1.0}], mutants=[Mutant("constant 2 -> 2.2", params={"c": 2.2})])
    def am_gm(inst, c=2.0):
        r"""1 + x \\ge 2 \\sqrt{x}"""
        return at_least(1.0 + inst.x, c * inst.x ** 0.5, tol=2.0**-51, why="sqrt and a sum: 2 eps")

    @claim(id="tp2026.eq3.double", source=Source(NOTE, "Equation (3)", line=3), kind=Kind.IDENTITY,
           domain=UNIT, mutants=[Mutant("2 -> 3", params={"c": 3.0})])
    def double(inst, c=2.0):
        r"""x + x = 2x"""
        return close(inst.x + inst.x, c * inst.x, tol=2.0**-52, why="one rounding: eps")
''')

PYPROJECT = textwrap.dedent('''
    [build-system]
    requires = ["setuptools>=68"]
    build-backend = "setuptools.build_meta"

    [project]
    name = "tp2026"
    version = "0.1.0"

    [project.entry-points."theorycheck.papers"]
    tp2026 = "tp2026claims"

    [tool.setuptools]
    py-modules = ["tp2026claims"]
''')


def _sh(args, cwd, env, ok=True):
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    out = done.stdout + done.stderr
    if ok is not None:
        assert (done.returncode == 0) == ok, f"{args} exited {done.returncode}:\n{out}"
    return done.returncode, out


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("venv")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "THEORYCHECK_MODULES")}
    # without pip: the system pip (and its recent setuptools) installs into the venv
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(tmp / "env")],
                   check=True)
    # a copy of this checkout's sources, so that building leaves nothing in the repository
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", "reports", "tests", "examples", "docs", "build", "*.egg-info", "__pycache__", ".hypothesis"))
    py = str(tmp / "env" / "bin" / "python")
    _sh([py, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", str(src)],
        tmp, env)
    return tmp, py, env


def _install(py, pkg, env, cwd):
    _sh([py, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--force-reinstall", str(pkg)], cwd, env)


def test_throwaway_package_is_listed_run_replayed_collected_and_fails_with_evidence(venv):
    tmp, py, env = venv
    bin_dir = Path(py).parent
    _, where = _sh([py, "-c", "import checks; print(checks.__file__)"], tmp, env)
    assert str(tmp / "env") in where, f"theorycheck was not imported from the venv: {where}"
    pkg = tmp / "tp2026"
    pkg.mkdir()
    (pkg / "pyproject.toml").write_text(PYPROJECT)
    (pkg / "tp2026claims.py").write_text(CLAIMS.replace("CONSTANT", "1.0"))
    _install(py, pkg, env, tmp)
    work = tmp / "work"
    work.mkdir()
    tc = str(bin_dir / "theorycheck")
    _, out = _sh([tc, "list"], work, env)
    assert all(cid in out for cid in ("tp2026.lem1.square", "tp2026.lem2.am-gm", "tp2026.eq3.double"))
    _, out = _sh([tc, "run", "--paper", "tp2026", "--no-figures", "--out", "reports"], work, env)
    assert "3/3 claims as declared; mutants refuted 3/3" in out
    _, out = _sh([tc, "replay", "tp2026.lem1.square", "--instance", '{"x": 1.0}'], work, env)
    assert out.rstrip().endswith("holds")
    _, out = _sh([py, "-m", "pytest", "-p", "no:cacheprovider", "--theorycheck-paper", "tp2026", "-v"], work, env)
    assert "theorycheck:tp2026::tp2026.lem1.square PASSED" in out and "6 passed" in out

    (pkg / "tp2026claims.py").write_text(CLAIMS.replace("CONSTANT", "0.8"))  # x^2 <= 0.8: false
    _install(py, pkg, env, tmp)
    replay = """replay:     theorycheck replay tp2026.lem1.square --instance '{"x":1.0}'"""
    code, out = _sh([tc, "run", "--paper", "tp2026", "--no-figures", "--out", "reports"], work, env, ok=None)
    assert code == 1 and "Falsifying example: tp2026.lem1.square" in out and replay in out, out
    assert '  instance:   {"x": 1.0}' in out
    code, out = _sh([py, "-m", "pytest", "-p", "no:cacheprovider", "--theorycheck-paper", "tp2026"], work, env,
                    ok=None)
    assert code == 1 and "Falsifying example: tp2026.lem1.square" in out and replay in out, out
    assert '  instance:   {"x": 1.0}' in out
    code, out = _sh([tc, "replay", "tp2026.lem1.square", "--instance", '{"x":1.0}'], work, env, ok=None)
    assert code == 1 and "REFUTED on this instance" in out


def test_new_starter_package_installs_and_is_green(venv):
    tmp, py, env = venv
    tc = str(Path(py).parent / "theorycheck")
    _sh([tc, "new", "fresh2026"], tmp, env)
    _install(py, tmp / "fresh2026", env, tmp)
    _, out = _sh([tc, "run", "--paper", "fresh2026", "--no-figures", "--out", "reports"], tmp, env)
    assert "4/4 claims as declared; mutants refuted 3/3" in out
    _, out = _sh([py, "-m", "pytest", "-p", "no:cacheprovider"], tmp / "fresh2026", env)
    assert "9 passed" in out
