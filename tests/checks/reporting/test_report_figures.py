"""Tests of the report's figures: each kind's figure answers its question, every axis is labelled
and every title fits inside its picture, for every figure of the quick profile's committed baseline
and of a live run of a few claims."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from checks.cli import main
from checks.report import load_report, report_from_json, report_to_json
from checks.reporting import plots
from report_sample import CORRECTED_ID, ERRATUM_ID, make_report

BASELINE = Path(__file__).resolve().parents[3] / "reports" / "baseline" / "report.json"
#: A few fast claims of the quick profile with a declared series, a fit, a probability and inequalities.
LIVE_CLAIMS = ("arora2019.eq3.hinf-closed-form-vs-mc", "arora2019.eq3.mc-error-rate",
               "arora2019.lemC.3.gram-concentration", "arora2019.thm6.1.printed-bound",
               "arora2019.appE.arcsin-rewrite")


@pytest.fixture
def report() -> dict:
    return report_from_json(report_to_json(make_report()))


def assert_readable(fig: Figure, what: str) -> None:
    """Every axes with data has both axis labels, and the title and labels lie inside the picture."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    texts = [fig._suptitle] if fig._suptitle is not None else []
    for ax in fig.axes:  # a twin axes shares the first one's x label
        if ax.has_data():
            assert ax.get_ylabel().strip(), f"{what}: an axes has no y label"
        texts += [ax.title, ax.xaxis.label, ax.yaxis.label]
    assert fig.axes[0].get_xlabel().strip(), f"{what}: no x label"
    for text in texts:
        if not text.get_text().strip():
            continue
        box = text.get_window_extent(renderer)
        assert box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1 and box.y1 <= height + 1, (
            f"{what}: text {text.get_text()[:40]!r} is clipped ({box} outside {width}x{height})")


def test_figures_of_each_kind(report):
    figures = dict((stem, fig) for _, stem, fig in plots.report_figures(report))
    assert "_paper.toy2020.tightness" in figures  # the erratum's inequality
    assert "_paper.toy2020.identities" in figures  # the identity's error against its model
    assert "_paper.toy2021.probabilities" in figures
    assert f"{CORRECTED_ID}.fit" in figures
    assert not any("slack" in stem for stem in figures)
    for stem, fig in figures.items():
        assert_readable(fig, stem)


def test_tightness_chart_draws_one_bar_per_inequality_with_its_ratio(report):
    toy2020 = [c for c in report["claims"] if c["paper"] == "toy2020"]
    fig = plots.tightness_chart("toy2020", toy2020)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["thm2.printed"]
    assert any(t.get_text().strip() == "1.25" for t in ax.texts)
    assert plots.tightness_chart("toy2020", [c for c in toy2020 if c["id"] != ERRATUM_ID]) is None


def test_fit_plot_draws_points_band_and_the_theorems_slope(report):
    ax = plots.scaling_fit_plot(report["claims"][2]).axes[0]
    labels = ax.get_legend_handles_labels()[1]
    assert any("fitted slope -2.01" in s for s in labels)
    assert any("theorem's slope -2" in s for s in labels)
    assert any("confidence band of the slope [-2.1, -1.9]" in s for s in labels)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"


def test_probability_chart_computes_a_missing_interval(report):
    claims = copy.deepcopy(report["claims"])
    claims[3]["probability"]["ci"] = None
    fig = plots.probability_chart("toy2021", claims)
    (line,) = [c for c in fig.axes[0].containers]  # one errorbar
    segments = line.lines[2][0].get_segments()
    lo, hi = segments[0][0][0], segments[0][1][0]
    assert 0.9 < lo < 0.95 < hi < 0.98  # Clopper-Pearson for 190/200


def test_an_extra_curve_of_another_quantity_gets_its_own_labelled_axis():
    series = {"name": "s", "title": "t", "x": [1, 2, 3], "y": [0.1, 0.05, 0.02], "xlabel": "m",
              "ylabel": "deviation", "logx": True, "logy": True,
              "extra": {"label": "flip fraction", "ylabel": "fraction of flipped activations",
                        "x": [1, 2, 3], "y": [0.2, 0.1, 0.05]}}
    fig = plots.series_plot(series, "c")
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "fraction of flipped activations"
    del series["extra"]["ylabel"]
    fig = plots.series_plot(series, "c")  # overlapping values: one axis whose label names both curves
    assert len(fig.axes) == 1 and "flip fraction" in fig.axes[0].get_ylabel()
    assert_readable(fig, "series")


def test_bad_mathtext_in_a_label_still_saves():
    fig = plots.series_plot({"name": "d", "title": r"unbalanced $\frac{1", "x": [1, 2], "y": [3, 4],
                             "xlabel": "$x", "ylabel": "y", "logx": False, "logy": False})
    assert plots.png_bytes(fig)[:4] == b"\x89PNG"


def test_log_axes_are_labelled_in_plain_text():
    assert [plots.power_of_ten(x) for x in (1e-6, 2e-3, 0.05, 1, 500, 1e4, 3e5)] == [
        "10⁻⁶", "2×10⁻³", "0.05", "1", "500", "10⁴", "3×10⁵"]
    assert plots.power_of_ten(0) == "" and plots.power_of_ten(float("nan")) == ""


def test_figures_drawn_by_a_parallel_map_are_the_serial_files(tmp_path):
    if not BASELINE.is_file():
        pytest.skip("no committed baseline")
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing
    report = load_report(BASELINE)
    report["claims"] = [c for c in report["claims"] if c.get("fit") or c.get("diagnostics")][:4] + \
        [c for c in report["claims"] if c["kind"] == "inequality"][:3]
    serial = plots.save_report_figures(report, tmp_path / "serial")
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        parallel = plots.save_report_figures(report, tmp_path / "parallel", map_fn=pool.map)
    assert parallel == serial and len(serial) >= 5
    for paths in serial.values():
        for rel in paths:
            name = rel.split("/", 1)[1]
            assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "parallel" / name).read_bytes()



def test_every_figure_of_the_quick_baseline_is_labelled_and_fits():
    if not BASELINE.is_file():
        pytest.skip("no committed baseline")
    figures = plots.report_figures(load_report(BASELINE))
    assert 10 <= len(figures) <= 80, len(figures)  # tens, not hundreds
    for _, stem, fig in figures:
        assert_readable(fig, stem)


def test_every_figure_of_a_live_quick_run_is_labelled_and_fits(tmp_path):
    args = ["run", "--out", str(tmp_path), "--no-mutants", "--baseline", "none"]
    for cid in LIVE_CLAIMS:
        args += ["--claim", cid]
    main(args)
    report = load_report(tmp_path / "latest")
    figures = plots.report_figures(report)
    stems = [stem for _, stem, _ in figures]
    assert any(s.endswith(".tightness") for s in stems) and any(s.endswith(".fit") for s in stems)
    assert any(".series" in s for s in stems) and any(s.endswith(".probabilities") for s in stems)
    for _, stem, fig in figures:
        assert_readable(fig, stem)
    pngs = list((tmp_path / "latest" / "figures").glob("*.png"))
    assert sorted(p.stem for p in pngs) == sorted(stems)


def test_a_paper_with_many_claims_and_long_names_still_fits():
    claims = [{"id": f"big2024.lem{i}.a-rather-long-claim-name-{'x' * (i % 7)}", "paper": "big2024",
               "kind": kind, "verdict": "verified" if i % 5 else "error",
               "tightness": {"ratio": [0.0, 0.5, 1.0, 3.0, 1e14][i % 5]}} for i in range(45)
              for kind in ("inequality", "identity")]
    for chart in (plots.tightness_chart, plots.identity_error_chart):
        assert_readable(chart("big2024", claims), chart.__name__)
