"""Figures of a report: slack histograms, scaling fits, probability intervals, diagnostics, mutants.

Every figure is a :class:`matplotlib.figure.Figure` drawn by the Agg canvas directly; pyplot is never
imported, so no global figure state is created or leaked and no display is needed. A function
returns ``None`` when the claim has nothing of its kind to show (no finite slacks, no fit, ...).

Conventions a reader of the figures should know:

* slack is normalised: positive means the claim held on that instance with room to spare, negative
  means it was violated; 0 is drawn as the boundary;
* a scaling fit's ``x`` and ``y`` are the raw (positive) measurements and ``exponent`` is the slope
  of log y on log x. The fitted line, its slope interval and the expected slope are drawn through
  the centroid of the points in log-log space (where a least-squares line passes), so the figure does
  not depend on the base of the logarithm used for ``intercept``;
* a probability claim shows the observed success frequency with its Clopper–Pearson interval
  against the claimed lower bound.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.scale import SymmetricalLogTransform
from matplotlib.ticker import MaxNLocator, NullLocator, SymmetricalLogLocator
from matplotlib.text import Text

from checks.render_html import RUN_LEVEL_KEY
from checks.render_md import format_confidence, mutants_by_paper

#: Resolution of the saved PNGs (a 6.4 x 4 inch figure is 640 x 400 pixels, a few tens of kB).
DPI = 100
SIZE = (6.4, 4.0)
#: Colours: a claim holding, a claim violated, reference/expected values.
HOLDS = "#2e7d32"
VIOLATED = "#c62828"
REFERENCE = "#555555"
MEASURED = "#1565c0"


def _new_figure(size: tuple[float, float] = SIZE, *, left: float = 0.85, bottom: float = 0.55,
                top: float = 0.6, right: float = 0.25, auto_layout: bool = False) -> tuple[Figure, Any]:
    """A figure with one axes and fixed margins in inches.

    Fixed margins suit figures whose labels we write ourselves; an automatic layout engine costs about
    as much as the drawing, so only ``auto_layout=True`` (labels and ticks of unknown width) uses one.
    """
    width, height = size
    fig = Figure(figsize=size, layout="constrained" if auto_layout else None)
    FigureCanvasAgg(fig)
    if not auto_layout:
        fig.subplots_adjust(left=left / width, right=1 - right / width,
                            bottom=bottom / height, top=1 - top / height)
    return fig, fig.add_subplot()


def _finite(values: Any) -> np.ndarray:
    """The finite entries of a list of numbers (None and non-numbers dropped) as float64."""
    out = []
    for v in [] if values is None else values:
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
            out.append(float(v))
    return np.asarray(out, dtype=np.float64)


def _pairs(xs: Any, ys: Any, *, positive_x: bool = False, positive_y: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Paired finite (x, y) points, keeping only positive coordinates where a log axis needs them."""
    keep_x, keep_y = [], []
    for x, y in zip([] if xs is None else xs, [] if ys is None else ys):
        try:
            x, y = float(x), float(y)
        except (TypeError, ValueError):
            continue
        if not (math.isfinite(x) and math.isfinite(y)):
            continue
        if (positive_x and x <= 0) or (positive_y and y <= 0):
            continue
        keep_x.append(x)
        keep_y.append(y)
    return np.asarray(keep_x), np.asarray(keep_y)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


#: Above this ratio of the largest to the smallest non-zero |slack|, the histogram uses a symlog axis
#: (round-off-sized violations next to O(1) room would otherwise be invisible).
SYMLOG_SPREAD = 1e3
#: A symlog slack axis spans at most this many decades below the largest |slack| (float64 resolves
#: about 16, so anything smaller is round-off of round-off).
SYMLOG_DECADES = 16


def _slack_axis(slacks: np.ndarray) -> float | None:
    """The symlog linear threshold to draw ``slacks`` with, or None for a linear axis.

    The threshold is the smallest non-zero |slack|, so that every instance, a violation by round-off
    included, lies outside the linear band and gets a visible bar."""
    magnitudes = np.abs(slacks[slacks != 0])
    if magnitudes.size == 0 or magnitudes.max() / magnitudes.min() <= SYMLOG_SPREAD:
        return None
    return float(max(magnitudes.min(), magnitudes.max() * 10.0 ** -SYMLOG_DECADES))


def _slack_bin_edges(slacks: np.ndarray, bins: int, linthresh: float | None) -> np.ndarray:
    """Histogram edges, equally spaced as drawn (linear or symlog axis), with 0 an edge whenever
    slacks of both signs occur, so that no bar mixes instances that held with violated ones."""
    if linthresh is None:
        forward = inverse = np.asarray
    else:
        transform = SymmetricalLogTransform(10, linthresh, 1.0)
        forward, inverse = transform.transform_non_affine, transform.inverted().transform_non_affine
    t = np.asarray(forward(slacks), dtype=np.float64)
    lo, hi = float(t.min()), float(t.max())
    if lo == hi:  # one value: one bar, on the side of 0 where the value lies
        pad = 0.5 * max(abs(lo), 1e-12)
        return np.asarray(inverse(np.array([lo, hi + pad] if lo >= 0 else [lo - pad, hi])), dtype=np.float64)
    if lo < 0 < hi:
        negative = int(min(bins - 1, max(1, round(bins * -lo / (hi - lo)))))
        edges = np.concatenate([np.linspace(lo, 0.0, negative + 1),
                                np.linspace(0.0, hi, bins - negative + 1)[1:]])
    else:
        edges = np.linspace(lo, hi, bins + 1)
    edges = np.asarray(inverse(edges), dtype=np.float64)
    # the transform's round trip may move the outer edges inwards by an ulp: keep every slack inside
    edges[0], edges[-1] = min(edges[0], slacks.min()), max(edges[-1], slacks.max())
    return edges


def slack_histogram(claim: dict) -> Figure | None:
    """Histogram of a claim's normalised slacks, violated instances in red; None without slacks.

    Slacks spread over many orders of magnitude are drawn on a symlog axis (see SYMLOG_SPREAD)."""
    raw = claim.get("slacks")
    raw = [] if raw is None else list(raw)
    slacks = _finite(raw)
    if slacks.size == 0:
        return None
    fig, ax = _new_figure()
    bins = int(min(40, max(6, math.sqrt(slacks.size))))
    linthresh = _slack_axis(slacks)
    edges = _slack_bin_edges(slacks, bins, linthresh)
    held, violated = slacks[slacks >= 0], slacks[slacks < 0]
    if held.size:
        ax.hist(held, bins=edges, color=HOLDS, alpha=0.85, label=f"holds ({held.size})")
    if violated.size:
        ax.hist(violated, bins=edges, color=VIOLATED, alpha=0.85, label=f"violated ({violated.size})")
    if violated.size or slacks.min() <= 0:
        ax.axvline(0.0, color=REFERENCE, linestyle="--", linewidth=1, label="boundary (slack 0)")
    xlabel = "normalised slack  (> 0: holds with room,  < 0: violated)"
    if linthresh is not None and slacks.min() > 0:
        ax.set_xscale("log")
        ax.set_xlim(edges[0], edges[-1])
        xlabel = "normalised slack, log scale (every instance holds with room)"
    elif linthresh is not None:
        ax.set_xscale("symlog", linthresh=linthresh, linscale=1.0)
        ax.xaxis.set_major_locator(SymmetricalLogLocator(base=10, linthresh=linthresh, subs=[1.0]))
        ax.xaxis.get_major_locator().numticks = 8
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xlim(edges[0], edges[-1])
        xlabel = f"normalised slack, symlog scale (linear within ±{linthresh:.2g};  < 0: violated)"
    dropped = len(raw) - slacks.size
    note = f"worst {slacks.min():.3g}" + (f"; {dropped} non-finite not shown" if dropped else "")
    ax.set_title(f"{claim.get('id', '')}\nnormalised slack over {slacks.size} instances ({note})",
                 fontsize=10)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("number of instances")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=8)
    return fig


def diagnostic_plot(diag: dict, claim_id: str | None = None) -> Figure:
    """One diagnostic series (its reference curve dashed, an optional ``extra`` series dotted),
    on the axes scales it asks for.
    ``claim_id``, if given, heads the title so that the PNG makes sense on its own."""
    fig, ax = _new_figure(auto_layout=True)
    logx, logy = bool(diag.get("logx")), bool(diag.get("logy"))
    x, y = _pairs(diag.get("x"), diag.get("y"), positive_x=logx, positive_y=logy)
    if x.size:
        ax.plot(x, y, marker="o", markersize=3, color=MEASURED, label="measured")
    else:
        ax.text(0.5, 0.5, "no finite points to show", transform=ax.transAxes, ha="center", va="center")
    reference = diag.get("reference")
    if isinstance(reference, dict):
        rx, ry = _pairs(reference.get("x"), reference.get("y"), positive_x=logx, positive_y=logy)
        if rx.size:
            ax.plot(rx, ry, linestyle="--", color=REFERENCE, label=str(reference.get("label") or "reference"))
    extra = diag.get("extra")  # optional second measured series, e.g. a mutant's curve
    if isinstance(extra, dict):
        ex, ey = _pairs(extra.get("x"), extra.get("y"), positive_x=logx, positive_y=logy)
        if ex.size:
            ax.plot(ex, ey, marker="s", markersize=3, linestyle=":", color="tab:red",
                    label=str(extra.get("label") or "other"))
    if x.size:
        if logx:
            ax.set_xscale("log")
        if logy:
            ax.set_yscale("log")
    title = str(diag.get("title") or diag.get("name") or "diagnostic")
    ax.set_title(f"{claim_id}\n{title}" if claim_id else title, fontsize=10)
    ax.set_xlabel(str(diag.get("xlabel") or "x"))
    ax.set_ylabel(str(diag.get("ylabel") or "y"))
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)
    return fig


def scaling_fit_plot(claim: dict) -> Figure | None:
    """Log-log scatter of a scaling fit with the fitted slope, its interval and the expected slope."""
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

    fig, ax = _new_figure()
    ax.scatter(x, y, s=16, color=MEASURED, zorder=3, label="measurements")
    exponent = fit.get("exponent")
    ci = fit.get("ci")
    if isinstance(ci, (list, tuple)) and len(ci) == 2 and _is_number(ci[0]) and _is_number(ci[1]):
        band = np.vstack([line(float(ci[0])), line(float(ci[1]))])
        ax.fill_between(xs, band.min(axis=0), band.max(axis=0), color=MEASURED, alpha=0.15,
                        label=f"slope interval [{ci[0]:.3g}, {ci[1]:.3g}]"
                        + (f" ({format_confidence(fit['confidence'])})" if _is_number(fit.get("confidence")) else ""))
    if _is_number(exponent):
        ax.plot(xs, line(float(exponent)), color=MEASURED, label=f"fitted slope {exponent:.3g}")
    expected = fit.get("expected")
    if _is_number(expected):
        accept = fit.get("accept")
        accepted = (f", accepted [{accept[0]:.3g}, {accept[1]:.3g}]"
                    if isinstance(accept, (list, tuple)) and len(accept) == 2
                    and all(_is_number(a) for a in accept) else "")
        ax.plot(xs, line(float(expected)), color=REFERENCE, linestyle="--",
                label=f"expected slope {expected:.3g}{accepted}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    x_name, y_name = str(fit.get("x_name") or "x"), str(fit.get("y_name") or "y")
    ax.set_xlabel(f"{x_name} (log scale)")
    ax.set_ylabel(f"{y_name} (log scale)")
    ax.set_title(f"{claim.get('id', '')}\nscaling of {y_name} with {x_name}", fontsize=10)
    ax.legend(fontsize=8)
    return fig


def _clopper_pearson(successes: int, trials: int, confidence: float) -> tuple[float, float]:
    """Exact two-sided binomial interval (used only when the report lacks one)."""
    from scipy.stats import beta

    alpha = 1.0 - confidence
    lo = 0.0 if successes == 0 else float(beta.ppf(alpha / 2, successes, trials - successes + 1))
    hi = 1.0 if successes == trials else float(beta.ppf(1 - alpha / 2, successes + 1, trials - successes))
    return lo, hi


def probability_plot(claim: dict) -> Figure | None:
    """Observed success frequency with its Clopper–Pearson interval, against the claimed lower bound."""
    p = claim.get("probability")
    if not isinstance(p, dict):
        return None
    trials, successes = p.get("trials"), p.get("successes")
    if not (isinstance(trials, int) and isinstance(successes, int) and trials > 0):
        return None
    frequency = p.get("frequency") if _is_number(p.get("frequency")) else successes / trials
    confidence = p.get("confidence") if _is_number(p.get("confidence")) else 0.95
    ci = p.get("ci")
    if not (isinstance(ci, (list, tuple)) and len(ci) == 2 and all(_is_number(c) for c in ci)):
        ci = _clopper_pearson(successes, trials, confidence)
    claimed = p.get("claimed_at_least")
    fig, ax = _new_figure((6.4, 2.6), left=0.3, top=0.4)
    below = _is_number(claimed) and ci[1] < claimed
    colour = VIOLATED if below else HOLDS
    ax.errorbar([frequency], [0], xerr=[[frequency - ci[0]], [ci[1] - frequency]], fmt="o",
                color=colour, capsize=6, label=f"observed {successes}/{trials} = {frequency:.3g}, "
                f"{format_confidence(confidence)} interval [{ci[0]:.3g}, {ci[1]:.3g}]")
    if _is_number(claimed):
        ax.axvline(claimed, color=REFERENCE, linestyle="--", label=f"claimed at least {claimed:.3g}")
        ax.axvspan(0.0, claimed, color=VIOLATED, alpha=0.06)
    left = min(ci[0], claimed if _is_number(claimed) else ci[0])
    span = max(1.0 - left, 1e-3)
    ax.set_xlim(max(0.0, left - 0.15 * span), 1.0 + 0.02 * span)
    ax.set_ylim(-1, 1.4)
    ax.set_yticks([])
    ax.set_xlabel("probability that the event holds (success frequency)")
    ax.set_title(f"{claim.get('id', '')}: {trials} independent trials", fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    return fig


def mutant_summary_plot(report: dict) -> Figure | None:
    """Share of deliberately wrong claim variants (mutants) refuted, per paper; None without mutants."""
    rows = mutants_by_paper(report)
    if not rows:
        return None
    papers = [paper for paper, _, _ in rows]
    height = max(2.0, 0.8 + 0.35 * len(rows))
    longest = max(len(paper) for paper in papers)
    fig, ax = _new_figure((6.4, height), left=min(0.3 + 0.075 * longest, 3.0), top=0.4)
    rates = [killed / total for _, killed, total in rows]
    positions = np.arange(len(rows))
    ax.barh(positions, rates, color=[HOLDS if r == 1 else VIOLATED for r in rates])
    for pos, (_, killed, total) in zip(positions, rows):
        ax.text(1.01, pos, f"{killed}/{total}", va="center", fontsize=8)
    ax.set_yticks(positions, papers)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.12)
    ax.set_xlabel("kill rate (share of mutants refuted by the checks)")
    ax.set_title("Mutation testing: are the checks able to catch wrong claims?", fontsize=10)
    return fig


# --------------------------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------------------------


def save_png(fig: Figure, path: str | Path) -> None:
    """Save ``fig`` as a PNG. If a label is not valid mathtext (a stray ``$``), draw labels literally."""
    try:
        fig.savefig(path, dpi=DPI, format="png")
    except ValueError:
        for text in fig.findobj(Text):
            text.set_parse_math(False)
        fig.savefig(path, dpi=DPI, format="png")


def _safe_stem(name: str) -> str:
    """A file-name-safe, non-hidden version of ``name``."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).lstrip(".") or "figure"


def claim_figures(claim: dict) -> list[tuple[str, Figure]]:
    """``(suffix, figure)`` for every figure a claim has, suffixes unique within the claim."""
    figures: list[tuple[str, Figure]] = []
    for suffix, make in (("slacks", slack_histogram), ("fit", scaling_fit_plot),
                         ("probability", probability_plot)):
        fig = make(claim)
        if fig is not None:
            figures.append((suffix, fig))
    for i, diag in enumerate(claim.get("diagnostics") or []):
        suffix = f"diag{i}-{_safe_stem(str(diag.get('name') or 'diagnostic'))}"
        figures.append((suffix, diagnostic_plot(diag, claim.get("id"))))
    return figures


def save_report_figures(report: dict, directory: Path, rel_prefix: str = "figures") -> dict[str, list[str]]:
    """Draw and save every figure of ``report`` into ``directory`` (created if needed).

    Returns ``{claim id: [path, ...]}`` with paths relative to the run directory
    (``rel_prefix/<file>.png``); the run-wide mutant summary is under ``RUN_LEVEL_KEY``.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    files: dict[str, list[str]] = {}
    used: set[str] = set()
    for claim in report.get("claims", []):
        stem = _safe_stem(claim["id"])
        unique, n = stem, 1
        while unique in used:
            n += 1
            unique = f"{stem}-{n}"
        used.add(unique)
        for suffix, fig in claim_figures(claim):
            name = f"{unique}.{suffix}.png"
            save_png(fig, directory / name)
            files.setdefault(claim["id"], []).append(f"{rel_prefix}/{name}")
    summary = mutant_summary_plot(report)
    if summary is not None:
        name = "_mutants.png"  # cannot clash: a claim's files are always named <stem>.<kind>.png
        save_png(summary, directory / name)
        files[RUN_LEVEL_KEY] = [f"{rel_prefix}/{name}"]
    return files
