"""Figures of a report, each answering the question its kind asks (issue 16).

* inequalities: how tight is the bound? One chart per paper, one bar per claim: the ratio of the
  two sides at the tightest instance the search found (1 = equality; the card names the instance);
* identities: how large is the error against the error model? One chart per paper: |lhs − rhs|
  over the tolerance the error model allows, on a log axis, with the model's limit at 1;
* probabilities: one chart per paper: each observed frequency with its exact interval beside the
  claimed lower bound;
* scaling claims: the log-log fit with its confidence band and the expected slope;
* dynamics and experiments: the series a claim declares (theory.evidence.Series): trajectories
  against the theorem's prediction, and the paper's printed numbers (``reference``) beside ours.

No histogram of slacks: a targeted search is not a sample, so the shape of its slacks means nothing.
Figures are drawn on the Agg canvas without pyplot, with a constrained layout so that titles and
labels stay inside the picture; long titles are wrapped.
"""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path
from typing import Any, Callable

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import LogFormatter

from checks.reporting.view import format_confidence, is_number, paper_key, safe_name
from checks.statistics import clopper_pearson

#: Resolution of the saved PNGs (a 6.4 x 4 inch figure is 640 x 400 pixels, a few tens of kB).
DPI = 100
#: zlib level 1 instead of Pillow's 6: PNG encoding took 2.0 of 41 profiled seconds for the quick
#: baseline's 39 figures at level 6; flat-colour charts compress nearly as well at level 1.
PNG_OPTIONS = {"compress_level": 1}
WIDTH = 7.0
#: Colours: a claim holding, a claim violated, reference/expected values, our measurement.
HOLDS = "#2e7d32"
VIOLATED = "#c62828"
OTHER = "#6e7781"
REFERENCE = "#555555"
MEASURED = "#1565c0"
#: Characters per title line before wrapping (at the title font size, a 7-inch figure holds ~95).
TITLE_WIDTH = 85
#: Bars of a per-paper chart beyond this ratio are drawn to it and labelled with their value.
RATIO_CLIP = 1.5
#: Floor of the log axis of the identity chart (an error of exactly 0 is drawn there).
ERROR_FLOOR = 1e-6
#: Errors beyond this many tolerances are drawn to it (their value is written beside the bar).
ERROR_CLIP = 1e3


def _figure(height: float, *, left: float = 0.95, right: float = 0.25, bottom: float = 0.62) -> tuple[Figure, Any]:
    """A figure with one axes and margins in inches (``left`` holds the y tick labels and label).

    Fixed margins, not a layout engine: a constrained layout draws every figure twice, which
    doubled the time to write a report (measured: 2.6 s against 1.3 s a figure on a loaded 2-core
    machine). :func:`_title` sets the top margin from the title's line count; the figure tests
    check that titles and labels stay inside.
    """
    fig = Figure(figsize=(WIDTH, height))
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=left / WIDTH, right=1 - right / WIDTH, bottom=bottom / height, top=1 - 0.3 / height)
    return fig, fig.add_subplot()


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(x: float) -> str:
    """``x`` as plain text a log axis can show: 0.05, 1, 500, 10⁴, 10⁻³, 2×10⁻³."""
    if not (x > 0 and np.isfinite(x)):
        return ""
    exponent = int(np.floor(np.log10(x) + 1e-9))
    mantissa = round(x / 10.0**exponent, 6)
    if -2 <= exponent <= 3:
        return f"{x:g}"
    power = "1" if exponent == 0 else "10" if exponent == 1 else "10" + str(exponent).translate(_SUPERSCRIPT)
    return power if mantissa == 1 else f"{mantissa:g}×{power}"


class _PlainLogFormatter(LogFormatter):
    """Log-axis tick labels in plain text (10⁻³, 2×10⁻³), with matplotlib's choice of which ticks get
    a label. Measured reason: the default labels are mathtext, and parsing them took about a quarter
    of the time to draw a report's figures (10 of 41 profiled seconds for the 39 figures of the
    quick baseline)."""

    def _num_to_string(self, x, vmin, vmax):
        return power_of_ten(x)


def _log_scale(ax, axis: str) -> None:
    """Put ``axis`` ("x" or "y") of ``ax`` on a log scale with plain-text tick labels."""
    (ax.set_xscale if axis == "x" else ax.set_yscale)("log")
    which = ax.xaxis if axis == "x" else ax.yaxis
    which.set_major_formatter(_PlainLogFormatter())
    which.set_minor_formatter(_PlainLogFormatter(labelOnlyBase=False))


def _title(ax, text: str) -> None:
    """The figure's title, centred on the figure (not the axes, which a wide left margin shifts),
    wrapped, with a top margin to hold its lines."""
    lines = textwrap.wrap(text, TITLE_WIDTH) or [" "]
    fig = ax.figure
    height = fig.get_figheight()
    fig.suptitle("\n".join(lines), fontsize=10, y=1 - 0.06 / height, va="top")
    fig.subplots_adjust(top=1 - (0.16 + 0.19 * len(lines)) / height)


def _pairs(xs: Any, ys: Any, *, positive_x: bool = False, positive_y: bool = False):
    """Finite (x, y) pairs as two arrays, dropping non-positive values on log axes."""
    if not isinstance(xs, (list, tuple)) or not isinstance(ys, (list, tuple)):
        return np.array([]), np.array([])
    pairs = [(float(x), float(y)) for x, y in zip(xs, ys) if is_number(x) and is_number(y)]
    x = np.array([p[0] for p in pairs], dtype=float)
    y = np.array([p[1] for p in pairs], dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    if positive_x:
        keep &= x > 0
    if positive_y:
        keep &= y > 0
    return x[keep], y[keep]


def _colour(verdict: str) -> str:
    if verdict == "verified":
        return HOLDS
    if verdict in ("refuted", "erratum-confirmed", "finding-confirmed"):
        return VIOLATED
    return OTHER


def _short(claim_id: str, paper: str) -> str:
    return claim_id[len(paper) + 1:] if claim_id.startswith(paper + ".") else claim_id


def _label_margin(labels: list[str]) -> float:
    """Left margin in inches for claim names as y tick labels (7 pt, about 0.055 in a character)
    and the axis label beside them."""
    return 0.45 + 0.056 * max((len(label) for label in labels), default=4)


def _ratio(claim: dict) -> float | None:
    t = claim.get("tightness")
    ratio = t.get("ratio") if isinstance(t, dict) else None
    return float(ratio) if is_number(ratio) and np.isfinite(ratio) else None


def _bar_chart(paper: str, rows: list[tuple[str, float, str]], *, xlabel: str, title: str,
               log: bool, limit_label: str) -> Figure:
    """Horizontal bars, one per claim, with a dashed limit at 1."""
    labels = [_short(name, paper) for name, _, _ in rows]
    fig, ax = _figure(1.6 + 0.24 * len(rows), left=_label_margin(labels), right=0.5, bottom=0.8)
    positions = np.arange(len(rows))
    values = np.array([v for _, v, _ in rows])
    shown = np.clip(values, ERROR_FLOOR, ERROR_CLIP) if log else np.clip(values, 0, RATIO_CLIP)
    ax.barh(positions, shown, color=[_colour(v) for _, _, v in rows], height=0.7,
            left=ERROR_FLOOR if log else 0)
    for pos, value, drawn in zip(positions, values, shown):  # every bar's value, a 0 included
        ax.text(drawn, pos, f" {value:.3g}", va="center", fontsize=7)
    ax.axvline(1.0, color=REFERENCE, linestyle="--", linewidth=1, label=limit_label)
    ax.set_yticks(positions, labels, fontsize=7)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # first claim on top, no empty band
    if log:
        _log_scale(ax, "x")
        ax.set_xlim(ERROR_FLOOR, ERROR_CLIP * 30)
    else:
        ax.set_xlim(0, RATIO_CLIP * 1.15)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("claim")
    _title(ax, title)
    ax.legend(fontsize=7, loc="lower right")
    return fig


def tightness_chart(paper: str, claims: list[dict]) -> Figure | None:
    """Tightness of every inequality of a paper at its tightest instance (None without one)."""
    rows = [(c["id"], r, c["verdict"]) for c in claims
            if c.get("kind") == "inequality" and (r := _ratio(c)) is not None]
    if not rows:
        return None
    return _bar_chart(paper, rows, log=False, limit_label="equality (ratio 1)",
                      xlabel="ratio of the two sides at the tightest instance\n(lhs/rhs for ≤, rhs/lhs for ≥; 1 = equality)",
                      title=f"{paper}: how tight each inequality is (1 = attained; beyond 1 = violated)")


def identity_error_chart(paper: str, claims: list[dict]) -> Figure | None:
    """Error of every identity of a paper against its error model (None without one)."""
    rows = [(c["id"], r, c["verdict"]) for c in claims
            if c.get("kind") == "identity" and (r := _ratio(c)) is not None]
    if not rows:
        return None
    return _bar_chart(paper, rows, log=True, limit_label="error model's limit",
                      xlabel="|lhs − rhs| / tolerance of the error model\nat the worst instance (log scale)",
                      title=f"{paper}: each identity's error against its error model (beyond 1 = refuted)")


def probability_chart(paper: str, claims: list[dict]) -> Figure | None:
    """Observed frequencies with their exact intervals against the claimed bounds (None without one)."""
    rows = [c for c in claims if isinstance(c.get("probability"), dict)
            and is_number(c["probability"].get("trials")) and c["probability"]["trials"] > 0]
    if not rows:
        return None
    labels = [_short(c["id"], paper) for c in rows]
    fig, ax = _figure(1.6 + 0.35 * len(rows), left=_label_margin(labels))
    for pos, claim in enumerate(rows):
        p = claim["probability"]
        trials, successes = int(p["trials"]), int(p.get("successes", 0))
        freq = successes / trials
        ci = p.get("ci")
        if not (isinstance(ci, (list, tuple)) and len(ci) == 2 and all(is_number(v) for v in ci)):
            ci = clopper_pearson(successes, trials, 1 - float(p.get("confidence", 0.95)))
        ax.errorbar([freq], [pos], xerr=[[freq - ci[0]], [ci[1] - freq]], fmt="o", capsize=4,
                    color=_colour(claim["verdict"]), label="observed frequency, exact interval" if pos == 0 else None)
        if is_number(p.get("claimed_at_least")):
            ax.plot([p["claimed_at_least"]], [pos], marker="|", markersize=14, color=REFERENCE,
                    label="claimed lower bound" if pos == 0 else None)
    ax.set_yticks(range(len(rows)), labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.set_xlabel("probability that the event holds")
    ax.set_ylabel("claim")
    _title(ax, f"{paper}: observed frequencies against the claimed probabilities")
    ax.legend(fontsize=7, loc="lower left")
    return fig


def scaling_fit_plot(claim: dict) -> Figure | None:
    """Log-log fit of a scaling claim with its confidence band and the expected slope.

    Lines pass through the centroid of the points in log-log space, where a least-squares line passes.
    """
    fit = claim.get("fit")
    if not isinstance(fit, dict):
        return None
    x, y = _pairs(fit.get("x"), fit.get("y"), positive_x=True, positive_y=True)
    if x.size < 2:
        return None
    lx, ly = np.log(x), np.log(y)
    cx, cy = float(lx.mean()), float(ly.mean())
    grid = np.linspace(lx.min(), lx.max(), 50)
    xs = np.exp(grid)

    def line(slope: float) -> np.ndarray:
        return np.exp(cy + slope * (grid - cx))

    fig, ax = _figure(4.0)
    ax.scatter(x, y, s=16, color=MEASURED, zorder=3, label="measurements (mean over seeds)")
    ci = fit.get("ci")
    if isinstance(ci, (list, tuple)) and len(ci) == 2 and all(is_number(v) for v in ci):
        band = np.vstack([line(float(ci[0])), line(float(ci[1]))])
        level = f" ({format_confidence(fit['confidence'])})" if is_number(fit.get("confidence")) else ""
        ax.fill_between(xs, band.min(axis=0), band.max(axis=0), color=MEASURED, alpha=0.15,
                        label=f"confidence band of the slope [{ci[0]:.3g}, {ci[1]:.3g}]{level}")
    if is_number(fit.get("exponent")):
        ax.plot(xs, line(float(fit["exponent"])), color=MEASURED, label=f"fitted slope {fit['exponent']:.3g}")
    if is_number(fit.get("expected")):
        accept = fit.get("accept")
        accepted = (f", accepted [{accept[0]:.3g}, {accept[1]:.3g}]"
                    if isinstance(accept, (list, tuple)) and len(accept) == 2
                    and all(is_number(a) for a in accept) else "")
        ax.plot(xs, line(float(fit["expected"])), color=REFERENCE, linestyle="--",
                label=f"theorem's slope {fit['expected']:.3g}{accepted}")
    _log_scale(ax, "x")
    _log_scale(ax, "y")
    x_name, y_name = str(fit.get("x_name") or "x"), str(fit.get("y_name") or "y")
    ax.set_xlabel(f"{x_name} (log scale)")
    ax.set_ylabel(f"{y_name} (log scale)")
    _title(ax, f"{claim.get('id', '')}: scaling of {y_name} with {x_name}")
    ax.legend(fontsize=7)
    return fig


def _disjoint(a: np.ndarray, b: np.ndarray, log: bool) -> bool:
    """Whether two curves' value ranges are far apart (no overlap, more than a factor 10 apart on a
    log axis): then they measure different things and share no axis."""
    if not a.size or not b.size:
        return False
    lo_a, hi_a, lo_b, hi_b = a.min(), a.max(), b.min(), b.max()
    if log:
        return hi_a * 10 < lo_b or hi_b * 10 < lo_a
    return hi_a < lo_b or hi_b < lo_a


def series_plot(series: dict, claim_id: str | None = None) -> Figure:
    """One declared series: our curve, the paper's or theorem's reference dashed, and an ``extra``
    curve dotted. The extra goes on a right-hand axis of its own, labelled with its name, when it
    declares a ``ylabel`` or its values lie apart from the main curve's (a different quantity, such
    as a fraction beside a distance); otherwise the y axis label names both curves."""
    fig, ax = _figure(4.0, left=1.2, right=0.3)
    logx, logy = bool(series.get("logx")), bool(series.get("logy"))
    x, y = _pairs(series.get("x"), series.get("y"), positive_x=logx, positive_y=logy)
    ylabel = str(series.get("ylabel") or series.get("name") or "measured value")
    if x.size:
        ax.plot(x, y, marker="o", markersize=3, color=MEASURED, label=f"ours: {ylabel}")
    else:
        ax.text(0.5, 0.5, "no finite points to show", transform=ax.transAxes, ha="center", va="center")
    reference = series.get("reference")
    if isinstance(reference, dict):
        rx, ry = _pairs(reference.get("x"), reference.get("y"), positive_x=logx, positive_y=logy)
        if rx.size:
            ax.plot(rx, ry, linestyle="--", marker="x", markersize=4, color=REFERENCE,
                    label=str(reference.get("label") or "reference"))
    handles_axes = [ax]
    extra = series.get("extra")
    if isinstance(extra, dict):
        ex, ey = _pairs(extra.get("x"), extra.get("y"), positive_x=logx, positive_y=logy)
        if ex.size:
            own_axis = bool(extra.get("ylabel")) or _disjoint(y, ey, logy)
            target = ax.twinx() if own_axis else ax
            label = str(extra.get("label") or "other")
            target.plot(ex, ey, marker="s", markersize=3, linestyle=":", color="tab:red", label=label)
            if own_axis:
                fig.subplots_adjust(right=1 - 0.95 / WIDTH)
                target.set_ylabel(str(extra.get("ylabel") or label), color="tab:red")
                if logy:
                    _log_scale(target, "y")
                handles_axes.append(target)
            else:  # the axis carries two curves: its label names both
                ylabel = f"{ylabel} (blue); red dotted: {label}"
    if x.size:
        if logx:
            _log_scale(ax, "x")
        if logy:
            _log_scale(ax, "y")
    title = str(series.get("title") or series.get("name") or "series")
    _title(ax, f"{claim_id}: {title}" if claim_id else title)
    ax.set_xlabel(str(series.get("xlabel") or "x"))
    ax.set_ylabel("\n".join(textwrap.wrap(ylabel, 48)))
    handles = [h for a in handles_axes for h in a.get_legend_handles_labels()[0]]
    if handles:
        ax.legend(handles=handles, fontsize=7)
    return fig


# --------------------------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------------------------


def png_bytes(fig: Figure) -> bytes:
    """``fig`` as PNG bytes. If a label is not valid mathtext (a stray ``$``), draw labels literally."""
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, dpi=DPI, format="png", pil_kwargs=PNG_OPTIONS)
    except ValueError:
        for text in fig.findobj(Text):
            text.set_parse_math(False)
        buffer = io.BytesIO()
        fig.savefig(buffer, dpi=DPI, format="png", pil_kwargs=PNG_OPTIONS)
    return buffer.getvalue()


#: Per-paper charts: (file suffix, function of (paper key, its claims)).
PAPER_CHARTS: tuple[tuple[str, Callable[[str, list[dict]], Figure | None]], ...] = (
    ("tightness", tightness_chart), ("identities", identity_error_chart), ("probabilities", probability_chart),
)


def claim_figures(claim: dict) -> list[tuple[str, Figure]]:
    """``(suffix, figure)`` for every figure of one claim: its fit and its declared series."""
    figures: list[tuple[str, Figure]] = []
    fit = scaling_fit_plot(claim)
    if fit is not None:
        figures.append(("fit", fit))
    for i, series in enumerate(claim.get("diagnostics") or []):
        if isinstance(series, dict):
            name = re.sub(r"[^A-Za-z0-9._-]+", "_", str(series.get("name") or "series"))
            figures.append((f"series{i}-{name}", series_plot(series, claim.get("id"))))
    return figures


#: One unit of figure drawing: ("paper", paper key, its claims) for the per-paper charts, or
#: ("claim", file stem, claim entry) for one claim's figures. Plain data, so a worker process can draw it.
FigureJob = tuple[str, str, Any]


def figure_jobs(report: dict) -> list[FigureJob]:
    """The figures of ``report`` as jobs, papers first, then claims in report order (each claim with
    a file stem unique within the report)."""
    by_paper: dict[str, list[dict]] = {}
    for claim in report.get("claims", []):
        by_paper.setdefault(paper_key(claim), []).append(claim)
    jobs: list[FigureJob] = [("paper", paper, claims) for paper, claims in by_paper.items()]
    used: set[str] = set()
    for claim in report.get("claims", []):
        if not isinstance(claim.get("fit"), dict) and not claim.get("diagnostics"):
            continue  # no figure of its own
        stem, n = safe_name(claim["id"]), 1
        unique = stem
        while unique in used:
            n += 1
            unique = f"{stem}-{n}"
        used.add(unique)
        jobs.append(("claim", unique, claim))
    return jobs


def job_figures(job: FigureJob) -> list[tuple[str, str, Figure]]:
    """``(key, file stem, figure)`` for one job: ``key`` is ``paper:<key>`` for a per-paper chart and
    the claim id for a claim's figures."""
    what, name, payload = job
    if what == "paper":
        charts = ((suffix, chart(name, payload)) for suffix, chart in PAPER_CHARTS)
        return [(f"paper:{name}", f"_paper.{safe_name(name)}.{suffix}", fig) for suffix, fig in charts if fig is not None]
    return [(payload["id"], f"{name}.{suffix}", fig) for suffix, fig in claim_figures(payload)]


def draw_figure_job(job: FigureJob) -> list[tuple[str, str, bytes]]:
    """``(key, file stem, PNG bytes)`` for one job; run in a worker process by a parallel report."""
    return [(key, stem, png_bytes(fig)) for key, stem, fig in job_figures(job)]


def report_figures(report: dict) -> list[tuple[str, str, Figure]]:
    """``(key, file stem, figure)`` for every figure of ``report`` (see :func:`job_figures`)."""
    return [figure for job in figure_jobs(report) for figure in job_figures(job)]


def save_report_figures(report: dict, directory: Path, rel_prefix: str = "figures",
                        map_fn: Callable | None = None) -> dict[str, list[str]]:
    """Draw and save every figure of ``report`` into ``directory``; ``{key: [relative path, ...]}``.

    ``map_fn(draw_figure_job, jobs)``, e.g. a parallel executor's map, draws the jobs where it likes
    (a run's worker processes); the files and their names do not depend on where they were drawn.
    Measured on the quick baseline's 39 figures: about 10 CPU seconds, so drawing them serially after
    the claims would add that much to the wall time of a parallel run.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    jobs = figure_jobs(report)
    drawn = map_fn(draw_figure_job, jobs) if map_fn is not None and len(jobs) > 1 else map(draw_figure_job, jobs)
    files: dict[str, list[str]] = {}
    for figures in drawn:
        for key, stem, png in figures:
            (directory / f"{stem}.png").write_bytes(png)
            files.setdefault(key, []).append(f"{rel_prefix}/{stem}.png")
    return files
