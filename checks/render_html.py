"""A report as one self-contained HTML page (``index.html``).

The page has the same content as the Markdown report. It needs no JavaScript and loads nothing from
the network: the style sheet is inline, statements are shown as their LaTeX source in ``<code>``
(no MathJax), and the only other files it refers to are the report's own PNGs, by relative path
(``figures/...png``), placed next to the claim they belong to. Verdicts are coloured, the errata come
first after the summary in a highlighted box, and every piece of text from the report is escaped.
"""

from __future__ import annotations

import html
import re
from typing import Any, Iterable

from checks.render_md import (
    MISSING,
    format_confidence,
    format_interval,
    format_number,
    format_seconds,
    json_snippet,
    mutants_by_paper,
    one_line,
    source_line,
    survivors,
)

#: Key of ``figure_files`` that holds the figures of the whole run (the mutant summary); every other
#: key is a claim id. A claim id is never empty, so the two cannot clash.
RUN_LEVEL_KEY = ""

#: Verdicts with a colour of their own; anything else is shown in grey.
_VERDICT_CLASSES = {
    "verified": "v-verified",
    "erratum-confirmed": "v-erratum",
    "refuted": "v-refuted",
    "inconclusive": "v-inconclusive",
    "error": "v-error",
}

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
       max-width: 72rem; padding: 1rem 1.5rem 4rem; color: #1d1d1f; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .3rem; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { margin: 0 0 .5rem; font-size: 1.1rem; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .88em; }
pre { background: #f6f8fa; border: 1px solid #e1e4e8; border-radius: 4px; padding: .6rem .8rem;
      overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .92rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .55rem; text-align: left; vertical-align: top; }
th { background: #f0f2f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
nav a { margin-right: 1rem; }
.verdict { display: inline-block; padding: .05rem .5rem; border-radius: .8rem; font-weight: 600;
           font-size: .85rem; color: #fff; background: #6e7781; white-space: nowrap; }
.v-verified { background: #2e7d32; }
.v-erratum { background: #b26a00; }
.v-refuted { background: #c62828; }
.v-inconclusive { background: #6e7781; }
.v-error { background: #6a1b9a; }
.ok { color: #2e7d32; font-weight: 700; }
.bad { color: #c62828; font-weight: 700; }
tr.unexpected td { background: #fff1f0; }
section.errata { background: #fff8e6; border: 2px solid #e0a100; border-radius: 6px; padding: .2rem 1.2rem 1rem; }
section.errata h2 { border-bottom-color: #e0a100; }
.erratum { border-top: 1px solid #e8c66a; padding-top: .8rem; margin-top: .8rem; }
article.claim { border: 1px solid #d0d7de; border-radius: 6px; padding: .9rem 1.1rem; margin: 1rem 0; }
article.claim.unexpected { border-color: #c62828; border-width: 2px; }
.figures { display: flex; flex-wrap: wrap; gap: .6rem; margin-top: .6rem; }
.figures img { max-width: 100%; width: 30rem; border: 1px solid #e1e4e8; }
.label { color: #57606a; }
"""


def _e(value: Any) -> str:
    """Escape free text for HTML (one line)."""
    return html.escape(one_line(value), quote=True)


def _block(value: Any) -> str:
    """Escape multi-line text for a <pre> (newlines kept)."""
    return html.escape(str(value if value is not None else ""), quote=True)


def _verdict(verdict: Any) -> str:
    css = _VERDICT_CLASSES.get(str(verdict), "")
    return f'<span class="verdict {css}">{_e(verdict)}</span>'


class _Num(str):
    """Cell HTML of a number: right-aligned in a table."""


def _table(header: Iterable[str], rows: Iterable[Iterable[str]], row_classes: Iterable[str] = ()) -> str:
    """A table from already-escaped cell HTML (:class:`_Num` cells are right-aligned)."""
    head = "".join(f"<th>{h}</th>" for h in header)
    classes = list(row_classes)
    body = []
    for i, row in enumerate(rows):
        cls = f' class="{classes[i]}"' if i < len(classes) and classes[i] else ""
        cells = "".join(
            f'<td class="num">{c}</td>' if isinstance(c, _Num) else f"<td>{c}</td>" for c in row
        )
        body.append(f"<tr{cls}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _declared_mark(declared: Any) -> str:
    if declared is None:
        return MISSING
    return '<span class="ok">✓</span>' if declared else '<span class="bad">✗</span>'


def _labelled_pre(label: str, text: Any) -> str:
    return f'<p class="label">{_e(label)}:</p><pre><code>{_block(text)}</code></pre>'


def _anchors(claims: list[dict]) -> dict[str, str]:
    """A unique, URL-safe anchor for each claim id."""
    anchors: dict[str, str] = {}
    taken: set[str] = set()
    for claim in claims:
        base = "claim-" + re.sub(r"[^A-Za-z0-9._-]+", "-", claim["id"])
        anchor, n = base, 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        taken.add(anchor)
        anchors[claim["id"]] = anchor
    return anchors


def _figures(paths: list[str], caption: str) -> str:
    if not paths:
        return ""
    images = "".join(
        f'<a href="{html.escape(p, quote=True)}"><img src="{html.escape(p, quote=True)}" '
        f'alt="{_e(caption)}: {_e(p.rsplit("/", 1)[-1])}"></a>'
        for p in paths
    )
    return f'<div class="figures">{images}</div>'


# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------


def _header(report: dict) -> str:
    run = report["run"]
    selection = run.get("selection") or {}
    versions = run.get("versions") or {}
    chosen = "; ".join(
        f"{what}: {', '.join(map(str, selection[what])) if selection.get(what) else 'all'}"
        for what in ("papers", "claims")
    )
    rows = [
        ("Started", _e(run.get("started", MISSING))),
        ("Finished", f"{_e(run.get('finished', MISSING))} ({format_seconds(run.get('wall_s'))})"),
        ("Seed", _e(run.get("seed", MISSING))),
        ("Profile", _e(run.get("profile", MISSING))),
        ("Device, dtype", f"{_e(run.get('device', MISSING))}, {_e(run.get('dtype', MISSING))}"),
        ("Selection", _e(chosen)),
    ]
    if versions:
        rows.append(("Versions", ", ".join(
            f"{_e(k)} {_e(v if v is not None else 'absent')}" for k, v in versions.items())))
    if run.get("command"):
        rows.append(("Command", f"<code>{_e(run['command'])}</code>"))
    meta = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    nav = ('<nav><a href="#summary">Summary</a><a href="#errata">Errata</a><a href="#mutants">Mutants</a>'
           '<a href="#not-checkable">Not checkable</a><a href="#claims">Claims</a></nav>')
    return (f"<header><h1>theorycheck report <code>{_e(run['id'])}</code></h1>"
            f"<dl class=\"meta\">{meta}</dl>{nav}</header>")


def _summary(report: dict, anchors: dict[str, str]) -> str:
    claims = report["claims"]
    summary = report.get("summary") or {}
    as_declared = summary.get("as_declared", sum(bool(c.get("as_declared")) for c in claims))
    verdicts = summary.get("verdicts") or {}
    unexpected = summary.get("unexpected") or [c["id"] for c in claims if c.get("as_declared") is False]
    parts = [
        '<section id="summary"><h2>Summary</h2>',
        f"<p>{_e(summary.get('claims', len(claims)))} claims checked; {_e(as_declared)} ended as declared.",
    ]
    if verdicts:
        parts.append(" Verdicts: " + ", ".join(f"{_verdict(v)}&nbsp;{_e(n)}" for v, n in verdicts.items()) + ".")
    parts.append("</p>")
    if unexpected:
        parts.append('<p class="bad">Not as declared: ' + ", ".join(
            f'<a href="#{anchors.get(u, "")}"><code>{_e(u)}</code></a>' for u in unexpected) + "</p>")
    rows, classes = [], []
    for c in claims:
        declared = c.get("as_declared")
        rows.append([
            f'<a href="#{anchors[c["id"]]}"><code>{_e(c["id"])}</code></a>',
            _e(c.get("kind", MISSING)),
            _e(c.get("status", MISSING)),
            _verdict(c["verdict"]),
            _declared_mark(declared),
            _Num(_e(format_number(c.get("instances")))),
            _Num(_e(format_number(c.get("worst_slack")))),
            _Num(_e(format_seconds(c.get("wall_s")))),
        ])
        classes.append("unexpected" if declared is False else "")
    parts.append(_table(["claim", "kind", "status", "verdict", "as declared", "instances",
                         "worst slack", "time"], rows, classes))
    parts.append("</section>")
    return "".join(parts)


def _counterexample(cex: Any) -> str:
    if not isinstance(cex, dict):
        return "<p>No counterexample recorded.</p>"
    parts = [
        f"<p><span class=\"label\">Counterexample:</span> lhs = {_e(format_number(cex.get('lhs'), 6))}, "
        f"rhs = {_e(format_number(cex.get('rhs'), 6))}; the claim needs lhs "
        f"<code>{_e(cex.get('relation', '?'))}</code> rhs; normalised slack "
        f"{_e(format_number(cex.get('slack')))}.</p>",
        _labelled_pre("Instance", json_snippet(cex.get("instance"), indent=2)),
    ]
    if cex.get("details"):
        parts.append(_labelled_pre("Details", json_snippet(cex["details"], indent=2)))
    if cex.get("reproduce"):
        parts.append(_labelled_pre("Reproduce", cex["reproduce"]))
    return "".join(parts)


def _errata(report: dict, anchors: dict[str, str]) -> str:
    parts = ['<section id="errata" class="errata"><h2>Errata</h2>']
    if not report["errata"]:
        parts.append("<p>No erratum in this run.</p>")
    for entry in report["errata"]:
        eid, fixed = entry.get("id") or MISSING, entry.get("corrected_by") or MISSING
        corrected = entry.get("corrected_statement")
        parts += [
            '<div class="erratum">',
            f'<h3><a href="#{anchors.get(eid, "")}"><code>{_e(eid)}</code></a> — {_e(entry.get("result", ""))}</h3>',
            _labelled_pre("Statement as printed", entry.get("statement", "")),
            _counterexample(entry.get("counterexample")),
            f'<p><span class="label">Note:</span> {_e(entry["note"])}</p>' if entry.get("note") else "",
            f'<p>Corrected by <a href="#{anchors.get(fixed, "")}"><code>{_e(fixed)}</code></a>, '
            f'verdict {_verdict(entry.get("corrected_verdict") or MISSING)}'
            + (":</p>" if corrected else "; the corrected claim was not part of this run.</p>"),
            f"<pre><code>{_block(corrected)}</code></pre>" if corrected else "",
            "</div>",
        ]
    parts.append("</section>")
    return "".join(parts)


def _mutants(report: dict, figure_files: dict[str, list[str]]) -> str:
    parts = ['<section id="mutants"><h2>Mutants</h2>']
    per_paper = mutants_by_paper(report)
    totals = (report.get("summary") or {}).get("mutants") or {}
    total = totals.get("total", sum(t for _, _, t in per_paper))
    refuted = totals.get("refuted", sum(k for _, k, _ in per_paper))
    if not total:
        parts.append("<p>No mutants were run.</p></section>")
        return "".join(parts)
    parts.append(f"<p>{_e(refuted)} of {_e(total)} deliberately wrong variants were refuted "
                 f"(kill rate {refuted / total:.0%}).</p>")
    parts.append(_table(["paper", "mutants", "killed", "kill rate"],
                        [[_e(p), _Num(t), _Num(k), _Num(f"{k / t:.0%}")] for p, k, t in per_paper]))
    parts.append(_figures(figure_files.get(RUN_LEVEL_KEY, []), "mutant kill rate per paper"))
    alive = survivors(report)
    if alive:
        parts.append('<p class="bad">Survivors (a wrong variant the checks did not catch):</p><ul>')
        parts += [f"<li><code>{_e(s)}</code></li>" for s in alive]
        parts.append("</ul>")
    parts.append("</section>")
    return "".join(parts)


def _not_checkable(report: dict) -> str:
    parts = ['<section id="not-checkable"><h2>Not numerically checkable</h2>']
    if not report["not_checkable"]:
        parts.append("<p>Every listed result has a numerical check.</p>")
    else:
        parts.append(_table(["paper", "result", "reason"], [
            [_e(e.get("paper", MISSING)), _e(e.get("result", MISSING)), _e(e.get("reason", ""))]
            for e in report["not_checkable"]]))
    parts.append("</section>")
    return "".join(parts)


def _claim(claim: dict, anchors: dict[str, str], figures: list[str]) -> str:
    declared = claim.get("as_declared")
    facts: list[tuple[str, str]] = []
    if claim.get("paper") or claim.get("result"):
        facts.append(("Result", f"{_e(claim.get('paper', ''))}: {_e(claim.get('result', ''))}"))
    if source_line(claim.get("source")):
        facts.append(("Source", _e(source_line(claim.get("source")))))
    for key, label in (("kind", "Kind"), ("tier", "Tier"), ("status", "Declared status")):
        if claim.get(key) is not None:
            facts.append((label, _e(claim[key])))
    if claim.get("expected_verdict") is not None:
        facts.append(("Expected verdict", _verdict(claim["expected_verdict"])))
    for key, label in (("corrects", "Corrects"), ("corrected_by", "Corrected by")):
        if claim.get(key):
            facts.append((label, f'<a href="#{anchors.get(claim[key], "")}"><code>{_e(claim[key])}</code></a>'))
    tolerance = claim.get("tolerance") or {}
    if tolerance:
        facts.append(("Tolerance", f"{_e(format_number(tolerance.get('value')))} "
                                   f"({_e(tolerance.get('source', 'source not given'))})"))
    facts.append(("Instances", f"{_e(format_number(claim.get('instances')))}; worst normalised slack "
                               f"{_e(format_number(claim.get('worst_slack')))}; "
                               f"time {format_seconds(claim.get('wall_s'))}"))
    if claim.get("preconditions_violated"):
        reasons = "; ".join(f"{_e(r)}: {_e(n)}" for r, n in (claim.get("precondition_reasons") or {}).items())
        facts.append(("Skipped (precondition not met)",
                      f"{_e(claim['preconditions_violated'])}" + (f" — {reasons}" if reasons else "")))
    facts.append(("Why this verdict", _e(claim.get("message", ""))))
    if claim.get("note"):
        facts.append(("Note", _e(claim["note"])))
    meta = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    parts = [
        f'<article id="{anchors[claim["id"]]}" class="claim{" unexpected" if declared is False else ""}">',
        f'<h3><code>{_e(claim["id"])}</code> {_verdict(claim["verdict"])}'
        + ("" if declared is not False else ' <span class="bad">not as declared</span>') + "</h3>",
    ]
    if claim.get("statement"):
        parts.append(f'<pre><code class="latex">{_block(claim["statement"])}</code></pre>')
    parts.append(f'<dl class="meta">{meta}</dl>')
    fit = claim.get("fit")
    if isinstance(fit, dict):
        parts.append(
            f"<p>Scaling fit: {_e(fit.get('y_name', 'y'))} ∝ {_e(fit.get('x_name', 'x'))}"
            f"<sup>{_e(format_number(fit.get('exponent')))}</sup>, {_e(format_confidence(fit.get('confidence')))} "
            f"confidence interval {_e(format_interval(fit.get('ci')))}; expected exponent "
            f"{_e(format_number(fit.get('expected')))}, accepted {_e(format_interval(fit.get('accept')))}.</p>")
    prob = claim.get("probability")
    if isinstance(prob, dict):
        parts.append(
            f"<p>Probability: {_e(format_number(prob.get('successes')))} of {_e(format_number(prob.get('trials')))} "
            f"trials succeeded (frequency {_e(format_number(prob.get('frequency')))}, "
            f"{_e(format_confidence(prob.get('confidence')))} Clopper–Pearson interval "
            f"{_e(format_interval(prob.get('ci')))}); claimed at least "
            f"{_e(format_number(prob.get('claimed_at_least')))}.</p>")
    if claim.get("counterexample"):
        parts.append(_counterexample(claim["counterexample"]))
    elif claim.get("worst_instance") is not None:
        parts.append(_labelled_pre("Worst instance", json_snippet(claim["worst_instance"], indent=2)))
    mutants = claim.get("mutants") or []
    if mutants:
        parts.append(_table(["mutant", "verdict", "outcome", "message"], [
            [f"<code>{_e(m.get('name', MISSING))}</code>", _verdict(m.get("verdict", MISSING)),
             '<span class="ok">killed</span>' if m.get("killed") else '<span class="bad">survived</span>',
             _e(m.get("message", ""))] for m in mutants]))
    parts.append(_figures(figures, claim["id"]))
    parts.append("</article>")
    return "".join(parts)


def render_html(report: dict, figure_files: dict[str, list[str]] | None = None) -> str:
    """The whole report as a self-contained HTML page.

    ``figure_files`` maps a claim id to the paths (relative to the run directory) of its PNGs, and
    ``RUN_LEVEL_KEY`` to the figures of the whole run; claims without an entry are shown without images.
    """
    figure_files = figure_files or {}
    claims = report["claims"]
    anchors = _anchors(claims)
    body = [
        _header(report),
        _summary(report, anchors),
        _errata(report, anchors),
        _mutants(report, figure_files),
        _not_checkable(report),
        '<section id="claims"><h2>Claims</h2>',
        *(_claim(c, anchors, figure_files.get(c["id"], [])) for c in claims),
        "</section>",
    ]
    title = f"theorycheck report {one_line(report['run']['id'])}"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
