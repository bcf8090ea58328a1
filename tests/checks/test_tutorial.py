"""docs/tutorial.md is run as written: its files are written, its commands run in a fresh
directory outside the repository (``theorycheck`` and ``pytest`` run this checkout's code), the
commands marked ``fails`` must fail, and the falsifying example it prints must be the one the
failing run prints."""

from __future__ import annotations

import re

import pytest

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


def test_adding_a_claim_snippets_run(monkeypatch):
    """docs/adding-a-claim.md (the README's section): its claim is checked as declared, its field
    type samples, realises, checks and gets a strategy."""
    import theory.claims.registry as registry_module
    from checks.engine import check
    from checks.profiles import get_profile
    from checks.strategies import strategy_for
    from theory.claims import Registry, Space, Verdict
    from theory.errors import InputError

    fresh = Registry()
    monkeypatch.setattr(registry_module, "REGISTRY", fresh)
    text = (ROOT / "docs" / "adding-a-claim.md").read_text()
    namespace: dict = {}
    for lang, info, body in _BLOCK.findall(text):
        if lang == "python":
            exec(compile(body, "adding-a-claim.md", "exec"), namespace)
    c = fresh.get("mynote2026.lem1.am-gm")
    assert check(c, get_profile("quick"), 0).verdict is Verdict.VERIFIED
    assert check(c, get_profile("quick"), 0, mutant=c.mutants[0]).verdict is Verdict.REFUTED
    simplex = namespace["Simplex"](k_max=4)
    space = Space(w=simplex)
    import numpy as np
    recipe = space.sample(np.random.default_rng(0))
    w = space.realize(recipe).w
    assert abs(w.sum() - 1) < 1e-12 and (w >= 0).all()
    with pytest.raises(InputError):
        space.check({"w": {"k": 9, "seed": 0}})
    assert "integers(min_value=1, max_value=4)" in repr(strategy_for(simplex))  # the registered one
