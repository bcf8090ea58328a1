"""``theorycheck new KEY`` writes a package that is green as written (its claims as declared, its
mutants refuted, its own tests passing), and refuses a bad key or a non-empty directory."""

from __future__ import annotations

import pytest

from checks.starter import write_starter
from plugin_helpers import run_as_user, user_bin
from theory.errors import InputError


def test_starter_package_is_green_as_written(tmp_path):
    bin_dir = user_bin(tmp_path)
    done = run_as_user("theorycheck new start2026", tmp_path, bin_dir)
    assert done.returncode == 0, done.stderr
    pkg = tmp_path / "start2026"
    names = sorted(str(p.relative_to(pkg)) for p in pkg.rglob("*") if p.is_file())
    assert names == ["README.md", "pyproject.toml", "start2026_paper/__init__.py",
                     "start2026_paper/claims.py", "tests/test_start2026.py"]
    assert 'start2026 = "start2026_paper.claims"' in (pkg / "pyproject.toml").read_text()
    # not installed here (the slow venv test installs it): name the module instead
    done = run_as_user(f"PYTHONPATH=$PYTHONPATH:{pkg} theorycheck run --module start2026_paper.claims "
                       "--paper start2026 --no-figures --out reports", pkg, bin_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4/4 claims as declared; mutants refuted 3/3" in done.stdout
    assert "erratum-confirmed" in done.stdout
    done = run_as_user(f"PYTHONPATH=$PYTHONPATH:{pkg} pytest --theorycheck-module start2026_paper.claims",
                       pkg, bin_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "9 passed" in done.stdout  # 4 claims, 3 mutants, 2 unit tests


def test_starter_refuses_a_bad_key_or_a_non_empty_directory(tmp_path):
    with pytest.raises(InputError, match="lower-case letters and digits"):
        write_starter("My-Paper", tmp_path / "x")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "file").write_text("x")
    with pytest.raises(InputError, match="not empty"):
        write_starter("ok2026", tmp_path / "full")
