"""Same seed, same report; an interrupted run resumes to the same report; a reproduction line
replays its counterexample in a fresh process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import theory.papers  # noqa: F401
from checks.cli import main
from checks.journal import Journal
from checks.profiles import get_profile
from checks.report import load_report
from checks.run import run_claims, select_claims, without_timing
from theory.claims import REGISTRY

SELECTION = ["--claim", "arora2019.rem5.1.printed-parallel", "--claim", "arora2019.ex6.2.printed-nuclear-norm"]


def _run(out: Path, *extra) -> dict:
    # 0 or 1 (1: a verdict differs from the declared one, e.g. an erratum still awaiting its
    # certificate); what these tests compare is the report, not the verdicts
    assert main(["run", *SELECTION, "--out", str(out), "--no-figures", *extra]) == 0
    return load_report(out / "latest")


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return _run(tmp_path_factory.mktemp("ref"), "--seed", "5")


def test_same_seed_same_report_apart_from_timing(reference, tmp_path):
    again = _run(tmp_path, "--seed", "5")
    assert without_timing(again) == without_timing(reference)


def test_another_seed_draws_other_instances(reference, tmp_path):
    other = _run(tmp_path, "--seed", "6")
    assert [c["slacks"] for c in other["claims"]] != [c["slacks"] for c in reference["claims"]]


def test_parallel_run_equals_serial_run(reference, tmp_path):
    parallel = _run(tmp_path, "--seed", "5", "--jobs", "2")
    diff = _debug_dump(without_timing(parallel), without_timing(reference))
    assert not diff, "\n".join(diff[:20])


def test_interrupted_run_resumes_to_the_same_report(reference, tmp_path):
    profile = get_profile("quick")
    claims = select_claims(profile, claim_ids=SELECTION[1::2])
    run_id = "20261123T000000000-quick-seed5"
    journal = Journal.start(tmp_path, run_id, {"paper": None, "claim": SELECTION[1::2], "profile": "quick",
                                               "device": "cpu", "seed": 5, "no_mutants": False,
                                               "started": 0.0})

    def stop_after_first(result):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_claims(claims, profile, 5, journal=journal, on_result=stop_after_first)
    saved = len(journal.done())
    assert 1 <= saved < 1 + sum(1 + len(c.mutants) for c in claims)
    assert not (tmp_path / "latest").exists()
    assert main(["run", "--resume", run_id, "--out", str(tmp_path), "--no-figures"]) == 0
    resumed = load_report(tmp_path / "latest")
    assert resumed["run"]["id"] == run_id
    assert without_timing(resumed) == without_timing(reference)
    assert not any(p.name.startswith(".journal-") for p in tmp_path.iterdir())


def test_resume_of_an_unknown_run_names_it(tmp_path, capsys):
    assert main(["run", "--resume", "no-such-run", "--out", str(tmp_path)]) == 2
    assert "no journal of that run" in capsys.readouterr().err


def test_reproduction_line_replays_in_a_fresh_process(reference):
    line = reference["errata"][0]["counterexample"]["reproduce"]
    instance = line.split("--instance ", 1)[1].strip("'")
    exe = shutil.which("theorycheck") or str(Path(sys.executable).parent / "theorycheck")
    claim_id = reference["errata"][0]["id"]
    proc = subprocess.run([exe, "replay", claim_id, "--instance", instance],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "REFUTED on this instance" in proc.stdout
    evidence = json.loads(proc.stdout.split("\nREFUTED")[0])
    assert evidence["lhs"] == reference["errata"][0]["counterexample"]["lhs"]


def test_search_ignores_which_modules_are_loaded():
    """Hypothesis's source-constant heuristic is off, so a worker (which never imports the CLI)
    and the CLI draw the same instances."""
    from checks.engine import ignore_source_constants
    assert ignore_source_constants()
    script = ("import sys\n"
              "if sys.argv[1] == 'cli':\n    import checks.cli\n"
              "import theory.papers\nfrom theory.claims import REGISTRY\n"
              "from checks.engine import check\nfrom checks.profiles import get_profile\n"
              "o = check(REGISTRY.get('arora2019.rem5.1.hinf-positive-definite'), get_profile('quick'), 5)\n"
              "print(repr(o.slacks))\n")
    runs = [subprocess.run([sys.executable, "-c", script, mode], capture_output=True, text=True,
                           timeout=300) for mode in ("cli", "bare")]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr[-2000:] + runs[1].stderr[-2000:]
    assert runs[0].stdout == runs[1].stdout


def test_false_alarm_budget_of_the_registry_is_at_most_one_percent():
    budget = REGISTRY.false_alarm_budget()
    assert 0 < budget <= 0.01, budget


def _debug_dump(a, b, path=""):
    if type(a) != type(b):
        return [f"{path}: {a!r:.80} != {b!r:.80}"]
    if isinstance(a, dict):
        return [x for k in set(a) | set(b) for x in _debug_dump(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list):
        return [x for i, (u, v) in enumerate(zip(a, b)) for x in _debug_dump(u, v, f"{path}[{i}]")] + (
            [f"{path}: len {len(a)} != {len(b)}"] if len(a) != len(b) else [])
    return [] if a == b else [f"{path}: {a!r:.80} != {b!r:.80}"]
