"""docs/tutorial.md is run as written: its files are written, its commands run in a fresh
directory outside the repository (``theorycheck`` and ``pytest`` run this checkout's code), the
commands marked ``fails`` must fail, and the falsifying example it prints must be the one the
failing run prints."""

from __future__ import annotations

import re
from pathlib import Path

from plugin_helpers import ROOT, run_as_user, user_bin

TUTORIAL = ROOT / "docs" / "tutorial.md"
_BLOCK = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```", re.S | re.M)


def blocks() -> list[tuple[str, str, str]]:
    return [(lang, info.strip(), body) for lang, info, body in _BLOCK.findall(TUTORIAL.read_text())]


def test_tutorial_has_files_commands_and_an_expected_failure():
    kinds = [(lang, info) for lang, info, _ in blocks()]
    assert ("python", "file=mynote.py") in kinds and ("bash", "fails") in kinds and ("text", "") in kinds


def test_tutorial_runs_as_written(tmp_path):
    bin_dir = user_bin(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    last_failure = ""
    for lang, info, body in blocks():
        if info.startswith("file="):
            (work / info[len("file="):]).write_text(body)
        elif lang == "bash":
            for line in body.strip().splitlines():
                done = run_as_user(line, work, bin_dir)
                out = done.stdout + done.stderr
                if info == "fails":
                    assert done.returncode == 1, f"{line!r} should fail:\n{out}"
                    last_failure = out
                else:
                    assert done.returncode == 0, f"{line!r} failed:\n{out}"
        elif lang == "text":
            for shown in body.strip().splitlines():
                assert shown in last_failure, f"the tutorial shows {shown!r}; the run printed:\n{last_failure}"
