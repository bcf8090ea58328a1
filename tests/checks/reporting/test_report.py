"""Tests of checks.report: atomic writing of the run folder, checked loading, the JSON Schema."""

from __future__ import annotations

import copy
import json
import math
import os
import re
from pathlib import Path

import jsonschema
import pytest

from checks import report as report_module
from checks.reporting import plots
from checks.reporting.formats import html, markdown
from checks.report import SCHEMA_FILE, load_report, report_to_json, write_report
from report_sample import CORRECTED_ID, IDENTITY_ID, PROBABILITY_ID, make_report
from theory.errors import InputError, ReportError


def same(a, b) -> bool:
    """Deep equality that treats NaN as equal to NaN."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def _entries(directory: Path) -> set[str]:
    return {p.name for p in directory.iterdir()}


@pytest.fixture
def report() -> dict:
    return make_report()


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def test_write_report_creates_every_file_and_a_relative_latest_link(tmp_path, report):
    run_dir = write_report(report, tmp_path)
    assert run_dir == tmp_path / "run-0001"
    for name in ("report.json", "report.md", "index.html", "paper-toy2020.html", "paper-toy2021.html",
                 "assets/report.css", "assets/report.js"):
        assert (run_dir / name).is_file() and (run_dir / name).stat().st_size > 0
    assert not (run_dir / "diff.html").exists()  # no baseline given
    pngs = sorted(p.name for p in (run_dir / "figures").glob("*.png"))
    assert f"{CORRECTED_ID}.fit.png" in pngs
    assert "_paper.toy2020.tightness.png" in pngs  # the erratum's inequality
    assert "_paper.toy2021.probabilities.png" in pngs
    assert any(n.startswith(f"{IDENTITY_ID}.series0-") for n in pngs)
    assert not any("slacks" in n or "mutants" in n for n in pngs)  # no slack histograms, no kill-rate chart
    for png in (run_dir / "figures").glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size < 200_000
    latest = tmp_path / "latest"
    assert latest.is_symlink() and os.readlink(latest) == "run-0001"
    assert (latest / "report.json").is_file()
    assert _entries(tmp_path) == {"run-0001", "latest"}  # no partial directory or temp link left


def test_html_images_point_at_written_figures(tmp_path, report):
    run_dir = write_report(report, tmp_path)
    sources = [src for page in run_dir.glob("paper-*.html")
               for src in re.findall(r'<img src="([^"]+)"', page.read_text(encoding="utf-8"))]
    assert sorted(sources) == sorted(f"figures/{p.name}" for p in (run_dir / "figures").glob("*.png"))
    for src in sources:
        assert (run_dir / src).is_file()


def test_a_baseline_adds_the_diff_page_and_the_changes(tmp_path, report):
    baseline = make_report("base")
    baseline["claims"][0]["verdict"] = "refuted"
    baseline["claims"] = baseline["claims"][:-1] + [{"id": "toy2020.gone", "verdict": "verified"}]
    baseline = report_module.report_from_json(report_to_json(baseline))  # as load_report gives it
    run_dir = write_report(report, tmp_path, figures=False, baseline=baseline, baseline_label="the baseline")
    page = (run_dir / "diff.html").read_text(encoding="utf-8")
    assert IDENTITY_ID in page and "toy2020.gone" in page
    front = (run_dir / "index.html").read_text(encoding="utf-8")
    assert "Changes since the baseline" in front and "1 verdict flips" in front
    assert "Changes since the baseline" in (run_dir / "report.md").read_text(encoding="utf-8")


def test_latest_moves_to_the_newest_run(tmp_path, report):
    write_report(report, tmp_path, figures=False)
    write_report(make_report("run-0002"), tmp_path, figures=False)
    assert os.readlink(tmp_path / "latest") == "run-0002"
    assert load_report(tmp_path / "latest")["run"]["id"] == "run-0002"
    assert load_report(tmp_path / "run-0001")["run"]["id"] == "run-0001"


def test_figures_false_writes_no_images(tmp_path, report):
    run_dir = write_report(report, tmp_path, figures=False)
    assert not (run_dir / "figures").exists()
    assert not any("<img" in p.read_text(encoding="utf-8") for p in run_dir.glob("*.html"))


def test_round_trip_through_every_kind_of_path(tmp_path, report):
    run_dir = write_report(report, tmp_path, figures=False)
    expected = json.loads(report_to_json(report))
    expected = report_module._decode(expected)
    for path in (run_dir, run_dir / "report.json", tmp_path / "latest", str(run_dir)):
        loaded = load_report(path)
        assert same(loaded, expected)
    loaded = load_report(run_dir)
    identity, _, corrected, probability, _ = loaded["claims"]
    assert math.isnan(identity["slacks"][1]) and identity["slacks"][2] == math.inf
    assert identity["message"] == "nan"  # text field, not decoded
    assert corrected["worst_slack"] is None
    assert math.isnan(probability["worst_slack"]) and probability["slacks"][-1] == -math.inf
    assert probability["instances"] == 200 and type(probability["instances"]) is int
    assert math.isnan(loaded["claims"][1]["counterexample"]["details"]["eigenvalues"][1])
    assert loaded["run"]["versions"]["torch"] is None


def test_report_json_is_strict_json_with_spelled_out_non_finite_floats(report):
    text = report_to_json(report)

    def reject(token):
        raise AssertionError(f"non-standard JSON token {token}")

    data = json.loads(text, parse_constant=reject)
    assert data["claims"][0]["slacks"][1:3] == ["nan", "inf"]
    assert data["claims"][3]["worst_slack"] == "nan"
    assert data["claims"][3]["slacks"][-1] == "-inf"
    assert text == report_to_json(copy.deepcopy(report))  # deterministic
    assert list(data) == ["schema", "run", "summary", "claims", "errata", "findings", "not_checkable",
                          "decisions"]


def test_second_write_with_the_same_id_raises_and_keeps_the_first(tmp_path, report):
    run_dir = write_report(report, tmp_path, figures=False)
    before = (run_dir / "report.json").read_bytes()
    changed = make_report()
    changed["claims"][0]["verdict"] = "refuted"
    with pytest.raises(InputError, match="already exists"):
        write_report(changed, tmp_path, figures=False)
    assert (run_dir / "report.json").read_bytes() == before
    assert _entries(tmp_path) == {"run-0001", "latest"}


def test_unwritable_out_dir_raises_input_error_naming_it(tmp_path, report):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a directory")
    out_dir = blocker / "x"
    with pytest.raises(InputError) as err:
        write_report(report, out_dir, figures=False)
    assert str(out_dir) in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(InputError, match="not a directory"):
        write_report(report, blocker, figures=False)


@pytest.mark.parametrize("bad_id", ["../escape", "a/b", ".hidden", "latest", ""])
def test_unsafe_run_ids_are_rejected(tmp_path, report, bad_id):
    report["run"]["id"] = bad_id
    with pytest.raises(InputError, match="run.id"):
        write_report(report, tmp_path / "out", figures=False)
    assert not (tmp_path / "escape").exists()


def test_latest_that_is_not_a_symlink_is_left_alone(tmp_path, report):
    (tmp_path / "latest").mkdir()
    with pytest.raises(InputError, match="not a symlink"):
        write_report(report, tmp_path, figures=False)
    assert _entries(tmp_path) == {"latest"}


def test_malformed_report_dict_is_rejected_before_writing(tmp_path, report):
    del report["claims"][0]["verdict"]
    with pytest.raises(InputError, match="verdict"):
        write_report(report, tmp_path, figures=False)
    assert _entries(tmp_path) == set()


def _raise(exc):
    def boom(*args, **kwargs):
        raise exc

    return boom


@pytest.mark.parametrize(
    "target, name, exc",
    [
        (markdown, "render", RuntimeError("renderer broke")),
        (html, "pages", KeyboardInterrupt()),
        (plots, "figure_jobs", RuntimeError("figure broke")),
        (plots, "png_bytes", KeyboardInterrupt()),
    ],
)
def test_failure_mid_write_leaves_nothing_and_keeps_latest(tmp_path, monkeypatch, target, name, exc):
    write_report(make_report("run-old"), tmp_path, figures=False)
    monkeypatch.setattr(target, name, _raise(exc))
    with pytest.raises(type(exc)):
        write_report(make_report("run-new"), tmp_path)
    assert _entries(tmp_path) == {"run-old", "latest"}
    assert os.readlink(tmp_path / "latest") == "run-old"


def test_interrupt_after_the_rename_removes_the_renamed_run(tmp_path, monkeypatch):
    write_report(make_report("run-old"), tmp_path, figures=False)
    real_symlink = os.symlink

    def interrupted_symlink(src, dst, *args, **kwargs):
        if Path(dst).name.startswith(".latest"):
            assert (tmp_path / "run-new").is_dir()  # the run directory was already in place
            raise KeyboardInterrupt
        return real_symlink(src, dst, *args, **kwargs)

    monkeypatch.setattr(report_module.os, "symlink", interrupted_symlink)
    with pytest.raises(KeyboardInterrupt):
        write_report(make_report("run-new"), tmp_path, figures=False)
    assert _entries(tmp_path) == {"run-old", "latest"}
    assert os.readlink(tmp_path / "latest") == "run-old"


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def _corrupt(text: str, how: str) -> str:
    data = json.loads(text)
    if how == "truncated":
        return text[: len(text) // 2]
    if how == "wrong schema":
        data["schema"] = "theorycheck.report/0"
    elif how == "no schema":
        del data["schema"]
    elif how == "missing claims":
        del data["claims"]
    elif how == "claims not a list":
        data["claims"] = {"a": 1}
    elif how == "claim without id":
        del data["claims"][1]["id"]
    elif how == "claim without verdict":
        del data["claims"][1]["verdict"]
    elif how == "unknown verdict":
        data["claims"][0]["verdict"] = "probably"
    elif how == "slack of wrong type":
        data["claims"][0]["worst_slack"] = "big"
    elif how == "run without id":
        del data["run"]["id"]
    elif how == "not an object":
        data = [data]
    elif how == "duplicate claim":
        data["claims"].append(data["claims"][0])
    return json.dumps(data)


@pytest.mark.parametrize(
    "how, expected",
    [
        ("truncated", r"not valid JSON at line \d+"),
        ("wrong schema", r"schema is 'theorycheck.report/0'"),
        ("no schema", r"no 'schema' field"),
        ("missing claims", r"missing required key 'claims'"),
        ("claims not a list", r"claims must be a list"),
        ("claim without id", r"claims\[1\] has no 'id'"),
        ("claim without verdict", r"claims\[1\] has no 'verdict'"),
        ("unknown verdict", r"unknown verdict 'probably'"),
        ("slack of wrong type", r"worst_slack must be a number or null"),
        ("run without id", r"run has no .id."),
        ("not an object", r"must be a JSON object"),
        ("duplicate claim", r"appears twice"),
    ],
)
def test_corrupted_report_raises_report_error(tmp_path, report, how, expected):
    run_dir = write_report(report, tmp_path, figures=False)
    file = run_dir / "report.json"
    file.write_text(_corrupt(file.read_text(encoding="utf-8"), how), encoding="utf-8")
    with pytest.raises(ReportError, match=expected) as err:
        load_report(run_dir)
    assert "\n" not in str(err.value) and str(file) in str(err.value)


def test_missing_reports_raise_report_error(tmp_path):
    with pytest.raises(ReportError, match="no such report"):
        load_report(tmp_path / "nowhere" / "report.json")
    (tmp_path / "empty-run").mkdir()
    with pytest.raises(ReportError, match="no report.json"):
        load_report(tmp_path / "empty-run")


def test_loader_accepts_bare_nan_tokens_of_other_writers(tmp_path, report):
    text = report_to_json(report).replace('"worst_slack": "nan"', '"worst_slack": NaN')
    assert "NaN" in text
    file = tmp_path / "other.json"
    file.write_text(text, encoding="utf-8")
    assert math.isnan(load_report(file)["claims"][3]["worst_slack"])


def test_the_schema_is_a_valid_json_schema_that_accepts_a_written_report(tmp_path, report):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    run_dir = write_report(report, tmp_path, figures=False)
    jsonschema.validate(load_report(run_dir), schema)


def test_the_committed_baseline_satisfies_the_schema():
    baseline = Path(__file__).resolve().parents[3] / "reports" / "baseline" / "report.json"
    if not baseline.is_file():
        pytest.skip("no committed baseline")
    assert load_report(baseline)["claims"]


@pytest.mark.parametrize("field, value, expected", [
    ("tightness", "tight", r"claims\[0\]\.tightness must be an object or null"),
    ("mutants", [{"verdict": "refuted"}], r"claims\[0\]\.mutants\[0\] has no 'name'"),
    ("instances", 1.5, r"claims\[0\]\.instances must be an integer"),
])
def test_schema_errors_name_the_field(report, field, value, expected):
    report = report_module.report_from_json(report_to_json(report))
    report["claims"][0][field] = value
    with pytest.raises(ReportError, match=expected):
        report_module.validate_report(report, "toy")
