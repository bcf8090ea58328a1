"""Running the theorycheck commands and pytest as a user would, from a directory outside the
repository, with this checkout's code (for tests/checks/test_plugin*.py and tests/checks/test_tutorial.py)."""

from __future__ import annotations

import importlib.metadata
import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def plugin_installed() -> bool:
    """Whether the installed theorycheck declares the pytest11 entry point (else pass -p)."""
    return any(ep.value == "checks.plugin" for ep in importlib.metadata.entry_points(group="pytest11"))


def user_bin(tmp: Path) -> Path:
    """A bin/ with ``theorycheck`` and ``pytest`` commands that run this checkout's code."""
    bin_dir = tmp / "bin"
    bin_dir.mkdir(exist_ok=True)
    plugin = "" if plugin_installed() else "-p checks.plugin"
    scripts = {
        "theorycheck": f'exec "{sys.executable}" -m checks "$@"\n',
        "pytest": f'exec "{sys.executable}" -m pytest -p no:cacheprovider {plugin} "$@"\n',
    }
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text("#!/bin/sh\n" + body)
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return bin_dir


def run_as_user(command: str, cwd: Path, bin_dir: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    env.pop("THEORYCHECK_MODULES", None)
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
