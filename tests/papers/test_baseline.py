"""Regression gate: the quick profile (seed 0) must reproduce the committed baseline
reports/baseline/report.json — same verdicts, same claims, slacks within the diff tolerance.
After an intended change, rewrite it with `theorycheck baseline` and commit it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import theory.papers  # noqa: F401
from checks.diff import diff_reports, format_diff
from checks.profiles import get_profile
from checks.report import load_report
from checks.papers import builtin_paper_keys
from checks.run import ClaimResult, build_report, combine, select_claims

TEST_SEED = int(os.environ.get("THEORYCHECK_SEED", "0"))

BASELINE = Path(__file__).resolve().parents[2] / "reports" / "baseline" / "report.json"


def test_quick_profile_matches_the_committed_baseline(outcomes):
    if TEST_SEED != 0:
        pytest.skip("the baseline is recorded with seed 0")
    assert BASELINE.is_file(), "no baseline committed: run `theorycheck baseline` and commit reports/baseline"
    profile = get_profile("quick")
    results = [ClaimResult(c, outcomes(c), [(m.name, outcomes(c, m)) for m in c.mutants])
               for c in select_claims(profile) if c.paper in builtin_paper_keys()]  # installed papers: not gated
    combine(results)
    current = build_report(results, run_id="current", seed=0, profile=profile, device="cpu",
                           started=time.time(), command="pytest")
    diff = diff_reports(load_report(BASELINE), current)
    assert not diff.has_changes, (
        "the quick profile no longer matches reports/baseline/report.json:\n" + format_diff(diff)
        + "\nIf the change is intended, run `theorycheck baseline` and commit the result.")
