"""Tests of checks.diff: verdict flips with their counterexample, slack moves (relative only where
meaningful), claims on one side only in one line each, mutant changes, --json and --rtol."""

from __future__ import annotations

import copy
import json
import math

import pytest

from checks.diff import (
    DEFAULT_SLACK_ATOL,
    DEFAULT_SLACK_RTOL,
    ReportDiff,
    diff_reports,
    format_diff,
    slack_moved,
)
from checks.report import SCHEMA
from theory.errors import InputError


def _claim(cid: str, verdict: str = "verified", worst_slack=0.5, mutants=None) -> dict:
    return {
        "id": cid, "paper": cid.split(".")[0], "verdict": verdict, "worst_slack": worst_slack,
        "as_declared": True, "mutants": mutants or [],
    }


def _mutant(name: str, verdict: str = "refuted", killed: bool = True) -> dict:
    return {"name": name, "verdict": verdict, "killed": killed, "message": "", "counterexample": None}


def make_report(run_id: str = "run-a") -> dict:
    """A minimal valid report with four claims (one with a NaN slack, one with mutants)."""
    return {
        "schema": SCHEMA,
        "run": {"id": run_id},
        "summary": {},
        "claims": [
            _claim("p1.lem1.identity", worst_slack=0.5,
                   mutants=[_mutant("drop-2"), _mutant("loosen", "verified", False)]),
            _claim("p1.thm2.printed", verdict="erratum-confirmed", worst_slack=-0.25),
            _claim("p2.prop3.whp", worst_slack=math.nan),
            _claim("p2.thm4.rate", worst_slack=None),
        ],
        "errata": [],
        "not_checkable": [],
    }


def _claim_of(report: dict, cid: str) -> dict:
    return next(c for c in report["claims"] if c["id"] == cid)


def test_identical_reports_have_no_changes():
    a = make_report()
    d = diff_reports(a, copy.deepcopy(a))
    assert isinstance(d, ReportDiff)
    assert not d.has_changes
    assert format_diff(d).splitlines() == ["run-a -> run-a: 4 claims in common", "no differences in the common claims"]


def test_verdict_flip_is_reported():
    a, b = make_report("run-a"), make_report("run-b")
    _claim_of(b, "p1.thm2.printed")["verdict"] = "inconclusive"
    d = diff_reports(a, b)
    assert d.has_changes
    assert [(f.claim_id, f.old, f.new) for f in d.verdict_flips] == [
        ("p1.thm2.printed", "erratum-confirmed", "inconclusive")
    ]
    assert format_diff(d).splitlines()[1:] == ["verdict  p1.thm2.printed: erratum-confirmed -> inconclusive"]


def test_a_verdict_flip_shows_its_counterexample_and_replay_line():
    a, b = make_report("run-a"), make_report("run-b")
    flipped = _claim_of(b, "p1.lem1.identity")
    flipped["verdict"] = "refuted"
    flipped["counterexample"] = {"instance": {"n": 2}, "lhs": 3.0, "rhs": 1.0, "relation": "<=", "slack": -2.0,
                                 "reproduce": "theorycheck replay p1.lem1.identity --instance '{\"n\": 2}'"}
    (flip,) = diff_reports(a, b).verdict_flips
    assert flip.side == "b" and flip.counterexample["lhs"] == 3.0
    lines = format_diff(diff_reports(a, b)).splitlines()
    assert "         counterexample (new run): lhs 3 <= rhs 1 fails" in lines
    assert "         replay: theorycheck replay p1.lem1.identity --instance '{\"n\": 2}'" in lines


def test_slack_move_beyond_tolerance_is_reported_with_relative_change():
    a, b = make_report(), make_report("run-b")
    _claim_of(b, "p1.lem1.identity")["worst_slack"] = 0.4  # 20 % down
    d = diff_reports(a, b)
    (move,) = d.slack_moves
    assert move.claim_id == "p1.lem1.identity" and (move.old, move.new) == (0.5, 0.4)
    assert move.relative_change == pytest.approx(-0.2)
    assert format_diff(d).splitlines()[1:] == ["slack    p1.lem1.identity: worst slack 0.5 -> 0.4 (-20.0%)"]
    assert not d.verdict_flips


def test_slack_move_within_tolerance_is_not_reported():
    a, b = make_report(), make_report("run-b")
    _claim_of(b, "p1.lem1.identity")["worst_slack"] = 0.5 * (1 + DEFAULT_SLACK_RTOL / 2)
    assert not diff_reports(a, b).has_changes
    assert diff_reports(a, b, slack_rtol=DEFAULT_SLACK_RTOL / 10).slack_moves  # a tighter tolerance sees it


@pytest.mark.parametrize(
    "old, new, moved",
    [
        (math.nan, math.nan, False),
        (None, None, False),
        (math.inf, math.inf, False),
        (1e-16, -1e-16, False),  # round-off, within DEFAULT_SLACK_ATOL
        (0.0, 10 * DEFAULT_SLACK_ATOL, True),
        (math.nan, 0.3, True),
        (None, 0.3, True),
        (math.inf, -math.inf, True),
        (0.2, math.inf, True),
    ],
)
def test_slack_moved_handles_missing_and_non_finite_values(old, new, moved):
    assert slack_moved(old, new) is moved


def test_nan_slack_becoming_finite_is_a_move_without_relative_change():
    a, b = make_report(), make_report("run-b")
    _claim_of(b, "p2.prop3.whp")["worst_slack"] = 0.1
    (move,) = diff_reports(a, b).slack_moves
    assert math.isnan(move.old) and move.new == 0.1 and move.relative_change is None


def test_no_percentage_across_a_sign_change():
    a, b = make_report(), make_report("run-b")
    _claim_of(b, "p1.lem1.identity")["worst_slack"] = -0.1
    (move,) = diff_reports(a, b).slack_moves
    assert move.relative_change is None
    assert format_diff(diff_reports(a, b)).splitlines()[1] == "slack    p1.lem1.identity: worst slack 0.5 -> -0.1"


def test_json_output_lists_everything(capsys, tmp_path):
    from checks.cli import main
    from checks.report import write_report

    a, b = make_report("run-a"), make_report("run-b")
    _claim_of(b, "p1.lem1.identity")["worst_slack"] = 0.45  # 10 %: a move at rtol 0.05, none at 0.2
    b["claims"].append(_claim("p3.new"))
    dir_a, dir_b = write_report(a, tmp_path, figures=False), write_report(b, tmp_path, figures=False)
    assert main(["diff", str(dir_a), str(dir_b), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["only_in_b"] == ["p3.new"] and data["slack_moves"][0]["claim_id"] == "p1.lem1.identity"
    assert data["has_changes"] is True and len(data["common"]) == 4
    assert main(["diff", str(dir_a), str(dir_b), "--rtol", "0.2"]) == 1  # an added claim is a change ...
    assert json.loads(json.dumps(diff_reports(a, b, slack_rtol=0.2).as_dict()))["common_changed"] is False
    assert "added    1 claims only in run-b: p3.new" in capsys.readouterr().out


def test_added_and_removed_claims_are_listed():
    a, b = make_report("run-a"), make_report("run-b")
    b["claims"] = [c for c in b["claims"] if c["id"] != "p2.thm4.rate"]
    b["claims"].append(_claim("p3.cor1.new"))
    d = diff_reports(a, b)
    assert d.only_in_a == ["p2.thm4.rate"] and d.only_in_b == ["p3.cor1.new"]
    assert d.has_changes and not d.common_changed
    lines = format_diff(d).splitlines()
    assert "removed  1 claims only in run-a: p2.thm4.rate" in lines
    assert "added    1 claims only in run-b: p3.cor1.new" in lines
    assert len(lines) == 4


def test_a_partial_run_against_a_full_one_fits_one_screen():
    full, partial = make_report("full"), make_report("partial")
    full["claims"] += [_claim(f"p9.lem{i}.extra") for i in range(227)]
    lines = format_diff(diff_reports(full, partial)).splitlines()
    assert len(lines) == 3 and lines[-1].startswith("removed  227 claims only in full: p9.lem0.extra, ")
    assert "(221 more; --json lists all)" in lines[-1]


def test_mutant_changes_are_listed():
    a, b = make_report(), make_report("run-b")
    mutants = _claim_of(b, "p1.lem1.identity")["mutants"]
    mutants[1] = _mutant("loosen", "refuted", True)  # survivor now killed
    mutants.append(_mutant("new-mutant"))
    d = diff_reports(a, b)
    changes = {(c.mutant, c.old_verdict, c.new_verdict, c.old_killed, c.new_killed) for c in d.mutant_changes}
    assert changes == {("loosen", "verified", "refuted", False, True), ("new-mutant", None, "refuted", None, True)}
    text = format_diff(d)
    assert "mutant   p1.lem1.identity :: loosen: verified (survived) -> refuted (killed)" in text
    assert "mutant   p1.lem1.identity :: new-mutant: absent -> refuted (killed)" in text


def test_every_kind_of_change_gives_one_line_each():
    a, b = make_report(), make_report("run-b")
    _claim_of(b, "p1.thm2.printed")["verdict"] = "refuted"
    _claim_of(b, "p1.lem1.identity")["worst_slack"] = 2.0
    _claim_of(b, "p1.lem1.identity")["mutants"].pop()
    b["claims"].append(_claim("p3.new"))
    d = diff_reports(a, b)
    assert len(format_diff(d).splitlines()) == 5  # header, flip, slack, mutant, added
    assert (len(d.verdict_flips), len(d.slack_moves), len(d.only_in_b), len(d.mutant_changes)) == (1, 1, 1, 1)


def test_invalid_inputs_raise_input_error():
    a = make_report()
    broken = make_report()
    del broken["claims"]
    with pytest.raises(InputError, match="report b: missing required key 'claims'"):
        diff_reports(a, broken)
    with pytest.raises(InputError, match="slack_rtol"):
        diff_reports(a, a, slack_rtol=-1)
    with pytest.raises(InputError, match="slack_atol"):
        diff_reports(a, a, slack_atol=math.nan)


def test_mutants_are_not_compared_against_a_run_without_mutants():
    a, b = make_report(), make_report("run-b")
    for claim in b["claims"]:
        claim["mutants"] = []
    assert not diff_reports(a, b).mutant_changes
