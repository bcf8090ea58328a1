"""Tests of checks.report (atomic writing, checked loading), the renderers and the figures."""

from __future__ import annotations

import copy
import json
import math
import os
import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from checks import plots, render_html, render_md, report as report_module
from checks.render_html import render_html as html_of
from checks.render_md import render_markdown
from checks.report import SCHEMA, load_report, report_to_json, write_report
from theory.errors import InputError, ReportError

SCRIPT = "<script>alert('x')</script>"
ERRATUM_ID = "toy2020.thm2.printed"
CORRECTED_ID = "toy2020.thm2.corrected"
IDENTITY_ID = "toy2020.lem1.identity"
PROBABILITY_ID = "toy2021.prop3.whp"


def _claim(cid: str, **fields) -> dict:
    """A claim entry with every schema field, overridden by ``fields``."""
    paper = cid.split(".")[0]
    base = {
        "id": cid,
        "paper": paper,
        "result": "Lemma 1",
        "kind": "identity",
        "tier": "quick",
        "status": "holds",
        "expected_verdict": "verified",
        "verdict": "verified",
        "as_declared": True,
        "message": "all instances within tolerance",
        "statement": r"\|K\|_2 \le n",
        "corrected_by": None,
        "corrects": None,
        "source": {"paper": paper, "citation": "A. Author, B. Author (2020). A toy paper. arXiv:2001.00001",
                   "result": "Lemma 1", "section": "3.1", "line": 120},
        "instances": 50,
        "preconditions_violated": 0,
        "precondition_reasons": {},
        "worst_slack": 0.5,
        "worst_instance": {"n": 3, "d": 2},
        "tolerance": {"value": 1e-12, "source": "float64 round-off of an n x n Gram matrix"},
        "slacks": [0.5, 0.7, 0.9, 1.0],
        "counterexample": None,
        "fit": None,
        "probability": None,
        "diagnostics": [],
        "mutants": [],
        "wall_s": 0.12,
    }
    base.update(fields)
    return base


def make_report(run_id: str = "run-0001") -> dict:
    """A small report covering a verified identity, an erratum with its correction (a scaling fit),
    a probability claim, non-finite floats, numpy scalars and mutants."""
    counterexample = {
        "instance": {"n": 4, "d": 2, "seed": 7},
        "lhs": 2.5,
        "rhs": 2.0,
        "relation": "<=",
        "slack": -0.25,
        "details": {"eigenvalues": [1.0, float("nan")]},
        "reproduce": f"theorycheck check {ERRATUM_ID} --seed 7 --instance n=4,d=2",
    }
    xs = [10.0, 20.0, 40.0, 80.0, 160.0]
    claims = [
        _claim(
            IDENTITY_ID,
            slacks=[0.2, float("nan"), float("inf"), 0.4, 0.9, -0.0],
            message="nan",  # a text field that must stay a string
            diagnostics=[{
                "name": "residual", "title": "Residual against n", "x": [1, 2, 4, 8], "y": [1e-16, 2e-16, 0.0, 4e-16],
                "xlabel": "$n$", "ylabel": "residual", "logx": True, "logy": True,
                "reference": {"label": "machine epsilon", "x": [1, 8], "y": [2.2e-16, 2.2e-16]},
            }],
            mutants=[
                {"name": "drop-factor-2", "verdict": "refuted", "killed": True, "message": "9930 <= 5.64 fails & more",
                 "counterexample": counterexample},
                {"name": "loosen-by-1e-9", "verdict": "verified", "killed": False, "message": "too small to see",
                 "counterexample": None},
            ],
        ),
        _claim(
            ERRATUM_ID,
            result="Theorem 2",
            kind="inequality",
            status="erratum",
            expected_verdict="erratum-confirmed",
            verdict="erratum-confirmed",
            statement=r"\lambda_{\min}(K) \ge \frac{1}{n} " + SCRIPT,
            message=f"counterexample found {SCRIPT}",
            corrected_by=CORRECTED_ID,
            worst_slack=-0.25,
            worst_instance=counterexample["instance"],
            slacks=[-0.25, 0.1, 0.3],
            counterexample=counterexample,
            mutants=[{"name": "flip-inequality", "verdict": "refuted", "killed": True, "message": "refuted",
                      "counterexample": None}],
        ),
        _claim(
            CORRECTED_ID,
            result="Theorem 2 (corrected)",
            kind="scaling",
            corrects=ERRATUM_ID,
            statement=r"\lambda_{\min}(K) \asymp n^{-2}",
            slacks=[],
            worst_slack=None,
            fit={"x_name": "n", "y_name": "lambda_min", "x": xs, "y": [3.0 * x ** -2.0 for x in xs],
                 "exponent": -2.01, "intercept": 1.1, "ci": [-2.1, -1.9], "expected": -2.0,
                 "accept": [-2.2, -1.8], "confidence": 0.95},
        ),
        _claim(
            PROBABILITY_ID,
            paper="toy2021",
            result="Proposition 3",
            kind="probability",
            tier="standard",
            instances=np.int64(200),
            worst_slack=float("nan"),
            tolerance={"value": None, "source": "exact binomial test"},
            probability={"trials": 200, "successes": 190, "frequency": 0.95, "ci": [0.91, 0.975],
                         "claimed_at_least": 0.9, "confidence": 0.95},
            slacks=np.array([0.1, 0.2, -np.inf]),
            wall_s=np.float64(1.5),
        ),
    ]
    return {
        "schema": SCHEMA,
        "run": {
            "id": run_id, "seed": 0, "profile": "quick", "device": "cpu", "dtype": "float64",
            "started": "2024-01-01T00:00:00+00:00", "finished": "2024-01-01T00:00:03+00:00", "wall_s": 3.0,
            "selection": {"papers": ["toy2020", "toy2021"], "claims": None},
            "versions": {"theorycheck": "0.1.0", "python": "3.11", "numpy": np.__version__, "scipy": "1",
                         "torch": None, "hypothesis": "6", "platform": "linux"},
            "command": "theorycheck run --profile quick",
        },
        "summary": {
            "claims": 4, "as_declared": 4, "unexpected": [],
            "verdicts": {"verified": 3, "erratum-confirmed": 1},
            "mutants": {"total": 3, "refuted": 2, "survivors": [f"{IDENTITY_ID} :: loosen-by-1e-9"]},
        },
        "claims": claims,
        "errata": [{
            "id": ERRATUM_ID, "result": "Theorem 2", "statement": claims[1]["statement"],
            "counterexample": counterexample, "corrected_by": CORRECTED_ID,
            "corrected_statement": claims[2]["statement"], "corrected_verdict": "verified",
        }],
        "not_checkable": [{"paper": "toy2021", "result": "Theorem 5",
                           "reason": "an existence statement with no constructive witness"}],
    }


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
    for name in ("report.json", "report.md", "index.html"):
        assert (run_dir / name).is_file() and (run_dir / name).stat().st_size > 0
    pngs = sorted(p.name for p in (run_dir / "figures").glob("*.png"))
    assert f"{IDENTITY_ID}.slacks.png" in pngs
    assert f"{CORRECTED_ID}.fit.png" in pngs
    assert f"{PROBABILITY_ID}.probability.png" in pngs
    assert any(n.startswith(f"{IDENTITY_ID}.diag0-") for n in pngs)
    assert "_mutants.png" in pngs
    for png in (run_dir / "figures").glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size < 200_000
    latest = tmp_path / "latest"
    assert latest.is_symlink() and os.readlink(latest) == "run-0001"
    assert (latest / "report.json").is_file()
    assert _entries(tmp_path) == {"run-0001", "latest"}  # no partial directory or temp link left


def test_html_images_point_at_written_figures(tmp_path, report):
    run_dir = write_report(report, tmp_path)
    page = (run_dir / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<img src="([^"]+)"', page)
    assert len(sources) == len(list((run_dir / "figures").glob("*.png")))
    for src in sources:
        assert src.startswith("figures/") and (run_dir / src).is_file()


def test_latest_moves_to_the_newest_run(tmp_path, report):
    write_report(report, tmp_path, figures=False)
    write_report(make_report("run-0002"), tmp_path, figures=False)
    assert os.readlink(tmp_path / "latest") == "run-0002"
    assert load_report(tmp_path / "latest")["run"]["id"] == "run-0002"
    assert load_report(tmp_path / "run-0001")["run"]["id"] == "run-0001"


def test_figures_false_writes_no_images(tmp_path, report):
    run_dir = write_report(report, tmp_path, figures=False)
    assert not (run_dir / "figures").exists()
    assert "<img" not in (run_dir / "index.html").read_text(encoding="utf-8")


def test_round_trip_through_every_kind_of_path(tmp_path, report):
    run_dir = write_report(report, tmp_path, figures=False)
    expected = json.loads(report_to_json(report))
    expected = report_module._decode(expected)
    for path in (run_dir, run_dir / "report.json", tmp_path / "latest", str(run_dir)):
        loaded = load_report(path)
        assert same(loaded, expected)
    loaded = load_report(run_dir)
    identity, _, corrected, probability = loaded["claims"]
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
    assert list(data)[:6] == ["schema", "run", "summary", "claims", "errata", "not_checkable"]


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
        (render_md, "render_markdown", RuntimeError("renderer broke")),
        (render_html, "render_html", KeyboardInterrupt()),
        (plots, "probability_plot", RuntimeError("figure broke")),
        (plots, "save_png", KeyboardInterrupt()),
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
        ("claims not a list", r"'claims' must be a list"),
        ("claim without id", r"claims\[1\] has no 'id'"),
        ("claim without verdict", r"claims\[1\] has no 'verdict'"),
        ("unknown verdict", r"unknown verdict 'probably'"),
        ("slack of wrong type", r"worst_slack must be a number or null"),
        ("run without id", r"run.id"),
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


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _outside_fences(markdown: str) -> str:
    return re.sub(r"^(`{3,})[^\n]*\n.*?^\1\s*$", "", markdown, flags=re.S | re.M)


def test_markdown_has_claims_errata_mutants_and_escapes_html(report):
    canonical = report_module.report_from_json(report_to_json(report))
    md = render_markdown(canonical)
    for cid in (IDENTITY_ID, ERRATUM_ID, CORRECTED_ID, PROBABILITY_ID):
        assert cid in md
    for heading in ("## Summary", "## Errata", "## Mutants", "## Not numerically checkable", "## Claims"):
        assert heading in md
    errata = md.split("## Errata", 1)[1].split("## Mutants", 1)[0]
    assert r"\lambda_{\min}(K) \ge \frac{1}{n}" in errata
    assert "theorycheck check toy2020.thm2.printed --seed 7" in errata
    assert r"\asymp n^{-2}" in errata and "verified" in errata
    assert f"{IDENTITY_ID} :: loosen-by-1e-9" in md.split("## Mutants", 1)[1]
    assert "toy2020 | 3 | 2 | 67%" in md
    assert "an existence statement with no constructive witness" in md
    assert "<script" not in _outside_fences(md)  # prose is escaped ...
    assert "counterexample found &lt;script>alert" in md  # ... and still readable
    assert "lhs `<=` rhs" in md
    assert "| 9930 <= 5.64 fails & more |" in md  # a comparison is not mistaken for a tag
    assert "| ✓ |" in md and "1e-12" in md and "float64 round-off" in md


def test_markdown_marks_claims_not_as_declared(report):
    report["claims"][0]["as_declared"] = False
    report["summary"]["unexpected"] = [IDENTITY_ID]
    md = render_markdown(report)
    assert "| ✗ |" in md and "Not as declared" in md


def test_html_is_self_contained_coloured_and_escaped(report):
    canonical = report_module.report_from_json(report_to_json(report))
    page = html_of(canonical, {IDENTITY_ID: ["figures/x.png"]})
    for cid in (IDENTITY_ID, ERRATUM_ID, CORRECTED_ID, PROBABILITY_ID):
        assert cid in page
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing fetched from elsewhere
    assert '<img src="figures/x.png"' in page
    assert 'class="verdict v-erratum"' in page and 'class="verdict v-verified"' in page
    assert '<section id="errata" class="errata">' in page
    assert page.index('id="errata"') < page.index('id="claims"')
    assert "theorycheck check toy2020.thm2.printed --seed 7" in page
    assert "9930 &lt;= 5.64 fails &amp; more" in page
    assert "<code class=\"latex\">\\lambda_{\\min}(K) \\ge" in page


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def test_figure_functions_return_figures_only_when_there_is_data(report):
    identity, erratum, corrected, probability = report["claims"]
    assert isinstance(plots.slack_histogram(identity), Figure)
    assert plots.slack_histogram(corrected) is None  # no slacks
    assert isinstance(plots.scaling_fit_plot(corrected), Figure)
    assert plots.scaling_fit_plot(identity) is None
    assert isinstance(plots.probability_plot(probability), Figure)
    assert plots.probability_plot(erratum) is None
    assert isinstance(plots.diagnostic_plot(identity["diagnostics"][0]), Figure)
    assert isinstance(plots.mutant_summary_plot(report), Figure)
    no_mutants = copy.deepcopy(report)
    for claim in no_mutants["claims"]:
        claim["mutants"] = []
    assert plots.mutant_summary_plot(no_mutants) is None


@pytest.mark.parametrize(
    "slacks",
    [
        [-1.78e-14, -1.78e-14, -1.2e-14, 1e-3, 0.5, 1.0],  # round-off violations next to O(1) room
        [6e-5, 1e-3, 0.2, 0.9],  # all hold, spread over decades
        [0.1, 0.2, 0.2, 0.4, -0.3],
        [0.0, 0.0],
    ],
)
def test_slack_histogram_counts_every_finite_slack_and_splits_at_zero(slacks):
    fig = plots.slack_histogram({"id": "c", "slacks": slacks + [math.nan]})
    bars = [p for p in fig.axes[0].patches if p.get_height() > 0]
    assert sum(p.get_height() for p in bars) == len(slacks)
    for bar in bars:  # no bar straddles the boundary between holding and violated
        left, right = bar.get_x(), bar.get_x() + bar.get_width()
        fuzz = 1e-9 * bar.get_width()  # matplotlib places bars with a little float noise
        assert not (left < -fuzz and right > fuzz)
    assert "1 non-finite not shown" in fig.axes[0].get_title()


def test_fit_plot_draws_points_fit_band_and_expected_slope(report):
    fig = plots.scaling_fit_plot(report["claims"][2])
    ax = fig.axes[0]
    labels = ax.get_legend_handles_labels()[1]
    assert any("fitted slope -2.01" in s for s in labels)
    assert any("expected slope -2" in s for s in labels)
    assert any("slope interval [-2.1, -1.9]" in s for s in labels)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"


def test_probability_plot_computes_a_missing_interval(report):
    claim = copy.deepcopy(report["claims"][3])
    claim["probability"]["ci"] = None
    fig = plots.probability_plot(claim)
    label = next(s for s in fig.axes[0].get_legend_handles_labels()[1] if s.startswith("observed"))
    lo, hi = (float(v) for v in re.search(r"\[([\d.]+), ([\d.]+)\]", label).groups())
    assert 0.9 < lo < 0.95 < hi < 0.98  # Clopper-Pearson for 190/200


def test_bad_mathtext_in_a_label_still_saves(tmp_path):
    fig = plots.diagnostic_plot({"name": "d", "title": r"unbalanced $\frac{1", "x": [1, 2], "y": [3, 4],
                                 "xlabel": "$x", "ylabel": "y", "logx": False, "logy": False,
                                 "reference": None})
    plots.save_png(fig, tmp_path / "d.png")
    assert (tmp_path / "d.png").read_bytes()[:4] == b"\x89PNG"
