"""A report as Markdown (``report.md``): readable in a terminal, an editor or a pull request.

Layout: run metadata, a summary table of every claim, the errata (printed statement, the
counterexample that breaks it and how to reproduce it, the corrected statement and its verdict), the
mutation-testing results, the results that cannot be checked numerically, and one section per claim.

Free text from the report is flattened to one line and anything in it that a Markdown viewer would
take for HTML (a tag, an entity) is escaped; statements, instances and commands go in code spans or fenced blocks, which are shown verbatim.
The small formatting helpers here (numbers, durations, mutant tallies) are shared with the HTML
renderer so that both show the same figures.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Iterable

#: What a missing value looks like in a table.
MISSING = "—"

#: Claim fields shown as "label: value" lines in each claim's section, in this order.
_CLAIM_FACTS = (
    ("kind", "Kind"),
    ("tier", "Tier"),
    ("status", "Declared status"),
    ("expected_verdict", "Expected verdict"),
)


# --------------------------------------------------------------------------------------------
# Formatting shared with render_html
# --------------------------------------------------------------------------------------------


def format_number(x: Any, digits: int = 3) -> str:
    """A number for a human: ``digits`` significant digits, "nan"/"+inf"/"-inf", MISSING for None."""
    if x is None:
        return MISSING
    if isinstance(x, bool):
        return str(x).lower()
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "+inf" if x > 0 else "-inf"
        return f"{x:.{digits}g}"
    return str(x)


def format_seconds(x: Any) -> str:
    """A duration in seconds, e.g. "0.42 s", "3 min 05 s"."""
    if not isinstance(x, (int, float)) or isinstance(x, bool) or not math.isfinite(x):
        return MISSING
    if x < 60:
        return f"{x:.2f} s"
    minutes, seconds = divmod(int(round(x)), 60)
    return f"{minutes} min {seconds:02d} s"


def format_interval(ci: Any, digits: int = 3) -> str:
    """``[lo, hi]`` with both ends formatted, or MISSING."""
    if not isinstance(ci, (list, tuple)) or len(ci) != 2:
        return MISSING
    return f"[{format_number(ci[0], digits)}, {format_number(ci[1], digits)}]"


def format_confidence(level: Any) -> str:
    """A confidence level such as 0.95 as "95%" (anything else as a plain number)."""
    if isinstance(level, float) and 0 < level < 1:
        return f"{100 * level:.4g}%"
    return format_number(level)


def one_line(text: Any) -> str:
    """``text`` as a single line (runs of whitespace, newlines included, become one space)."""
    return re.sub(r"\s+", " ", str(text)).strip() if text is not None else ""


def json_snippet(value: Any, *, indent: int | None = None) -> str:
    """``value`` as JSON for display (non-finite floats shown as NaN/Infinity)."""
    return json.dumps(value, indent=indent, ensure_ascii=False, default=str)


def mutants_by_paper(report: dict) -> list[tuple[str, int, int]]:
    """``(paper, killed, total)`` for each paper with at least one mutant, sorted by paper."""
    tally: dict[str, list[int]] = {}
    for claim in report.get("claims", []):
        for mutant in claim.get("mutants") or []:
            counts = tally.setdefault(str(claim.get("paper") or claim["id"].split(".")[0]), [0, 0])
            counts[0] += bool(mutant.get("killed"))
            counts[1] += 1
    return [(paper, killed, total) for paper, (killed, total) in sorted(tally.items())]


def source_line(source: Any) -> str:
    """A claim's source as one line: citation, result, section, line (whichever are known)."""
    if not isinstance(source, dict):
        return ""
    parts = [one_line(source.get("citation") or source.get("paper") or "")]
    if source.get("result"):
        parts.append(one_line(source["result"]))
    if source.get("section"):
        parts.append(f"§{one_line(source['section'])}")
    if source.get("line") is not None:
        parts.append(f"line {source['line']}")
    return ", ".join(p for p in parts if p)


def survivors(report: dict) -> list[str]:
    """``"<claim id> :: <mutant name>"`` for every mutant that was not killed."""
    listed = (report.get("summary", {}).get("mutants") or {}).get("survivors")
    if isinstance(listed, list):
        return [str(s) for s in listed]
    return [
        f"{claim['id']} :: {mutant.get('name')}"
        for claim in report.get("claims", [])
        for mutant in claim.get("mutants") or []
        if not mutant.get("killed")
    ]


# --------------------------------------------------------------------------------------------
# Markdown primitives
# --------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    """Free text on one line, shown literally by a Markdown viewer: a ``<`` that could open an HTML
    tag and an ``&`` that could start an entity are escaped; a comparison such as ``a <= b`` stays
    as it is, readable in a terminal too."""
    text = re.sub(r"&(?=#?\w+;)", "&amp;", one_line(value))
    return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)


def _cell(value: Any) -> str:
    """Free text for a table cell (also escapes the column separator)."""
    return _text(value).replace("|", "\\|")


def _code(value: Any, *, in_table: bool = False) -> str:
    """An inline code span holding ``value`` verbatim (one line)."""
    text = one_line(value)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    span = f"{fence}{pad}{text}{pad}{fence}"
    return span.replace("|", "\\|") if in_table else span


def _fenced(text: Any, lang: str = "") -> str:
    """A fenced code block holding ``text`` verbatim."""
    text = str(text).rstrip("\n")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{text}\n{fence}"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------


def _header(report: dict) -> list[str]:
    run = report["run"]
    selection = run.get("selection") or {}
    versions = run.get("versions") or {}
    chosen = ", ".join(
        f"{what}: {', '.join(map(str, selection[what])) if selection.get(what) else 'all'}"
        for what in ("papers", "claims")
    )
    lines = [
        f"# theorycheck report {_code(run['id'])}",
        "",
        f"- **Started** {_text(run.get('started', MISSING))}, **finished** "
        f"{_text(run.get('finished', MISSING))} ({format_seconds(run.get('wall_s'))})",
        f"- **Seed** {_text(run.get('seed', MISSING))}, **profile** {_text(run.get('profile', MISSING))}, "
        f"**device** {_text(run.get('device', MISSING))}, **dtype** {_text(run.get('dtype', MISSING))}",
        f"- **Selection** {_text(chosen)}",
    ]
    if versions:
        lines.append(
            "- **Versions** " + ", ".join(f"{_text(k)} {_text(v if v is not None else 'absent')}"
                                          for k, v in versions.items())
        )
    if run.get("command"):
        lines.append(f"- **Command** {_code(run['command'])}")
    return lines


def _summary(report: dict) -> list[str]:
    claims = report["claims"]
    summary = report.get("summary") or {}
    as_declared = summary.get("as_declared", sum(bool(c.get("as_declared")) for c in claims))
    verdicts = summary.get("verdicts") or {}
    unexpected = summary.get("unexpected") or [c["id"] for c in claims if c.get("as_declared") is False]
    lines = [
        "## Summary",
        "",
        f"{summary.get('claims', len(claims))} claims checked; {as_declared} ended as declared.",
    ]
    if verdicts:
        lines.append("Verdicts: " + ", ".join(f"{_text(v)} {n}" for v, n in verdicts.items()) + ".")
    if unexpected:
        lines.append("**Not as declared:** " + ", ".join(_code(u) for u in unexpected) + ".")
    lines.append("")
    rows = []
    for c in claims:
        declared = c.get("as_declared")
        rows.append(
            [
                _code(c["id"], in_table=True),
                _cell(c.get("kind", MISSING)),
                _cell(c.get("status", MISSING)),
                f"**{_cell(c['verdict'])}**" if declared is False else _cell(c["verdict"]),
                "✓" if declared else ("✗" if declared is False else MISSING),
                format_number(c.get("instances")),
                format_number(c.get("worst_slack")),
                format_seconds(c.get("wall_s")),
            ]
        )
    lines.append(
        _table(
            ["claim", "kind", "status", "verdict", "as declared", "instances", "worst slack", "time"],
            rows,
        )
    )
    return lines


def _counterexample(cex: dict | None) -> list[str]:
    if not isinstance(cex, dict):
        return ["No counterexample recorded."]
    lines = [
        f"Counterexample: lhs = {format_number(cex.get('lhs'), 6)}, rhs = {format_number(cex.get('rhs'), 6)}; "
        f"the claim needs lhs {_code(cex.get('relation', '?'))} rhs; "
        f"normalised slack {format_number(cex.get('slack'))}.",
        "",
        "Instance:",
        "",
        _fenced(json_snippet(cex.get("instance"), indent=2), "json"),
    ]
    if cex.get("details"):
        lines += ["", "Details:", "", _fenced(json_snippet(cex["details"], indent=2), "json")]
    if cex.get("reproduce"):
        lines += ["", "Reproduce:", "", _fenced(cex["reproduce"], "sh")]
    return lines


def _errata(report: dict) -> list[str]:
    lines = ["## Errata", ""]
    if not report["errata"]:
        return lines + ["No erratum in this run."]
    for entry in report["errata"]:
        lines += [
            f"### {_code(entry.get('id', MISSING))} — {_text(entry.get('result', ''))}",
            "",
            "Statement as printed:",
            "",
            _fenced(entry.get("statement", ""), "tex"),
            "",
            *_counterexample(entry.get("counterexample")),
            "",
        ]
        if entry.get("note"):
            lines += [f"Note: {_text(entry['note'])}", ""]
        corrected = entry.get("corrected_statement")
        lines.append(
            f"Corrected by {_code(entry.get('corrected_by') or MISSING)} "
            f"(verdict: **{_text(entry.get('corrected_verdict') or MISSING)}**)"
            + (":" if corrected else "; the corrected claim was not part of this run.")
        )
        lines += ["", _fenced(corrected, "tex"), ""] if corrected else [""]
    return lines


def _mutants(report: dict) -> list[str]:
    lines = ["## Mutants", ""]
    per_paper = mutants_by_paper(report)
    totals = (report.get("summary") or {}).get("mutants") or {}
    total = totals.get("total", sum(t for _, _, t in per_paper))
    refuted = totals.get("refuted", sum(k for _, k, _ in per_paper))
    if not total:
        return lines + ["No mutants were run."]
    lines += [
        f"{refuted} of {total} deliberately wrong variants were refuted "
        f"(kill rate {refuted / total:.0%}).",
        "",
        _table(
            ["paper", "mutants", "killed", "kill rate"],
            [[_cell(p), str(t), str(k), f"{k / t:.0%}"] for p, k, t in per_paper],
        ),
    ]
    alive = survivors(report)
    if alive:
        lines += ["", "Survivors (a wrong variant the checks did not catch):", ""]
        lines += [f"- {_code(s)}" for s in alive]
    return lines


def _not_checkable(report: dict) -> list[str]:
    lines = ["## Not numerically checkable", ""]
    if not report["not_checkable"]:
        return lines + ["Every listed result has a numerical check."]
    rows = [
        [_cell(e.get("paper", MISSING)), _cell(e.get("result", MISSING)), _cell(e.get("reason", ""))]
        for e in report["not_checkable"]
    ]
    return lines + [_table(["paper", "result", "reason"], rows)]


def _fit(fit: dict) -> str:
    return (
        f"Scaling fit: {_text(fit.get('y_name', 'y'))} ∝ {_text(fit.get('x_name', 'x'))}"
        f"^{format_number(fit.get('exponent'))}, {format_confidence(fit.get('confidence'))} confidence "
        f"interval {format_interval(fit.get('ci'))}; expected exponent "
        f"{format_number(fit.get('expected'))}, accepted {format_interval(fit.get('accept'))}; "
        f"{len(fit.get('x') or [])} points."
    )


def _probability(p: dict) -> str:
    return (
        f"Probability: {format_number(p.get('successes'))} of {format_number(p.get('trials'))} trials "
        f"succeeded (frequency {format_number(p.get('frequency'))}, "
        f"{format_confidence(p.get('confidence'))} Clopper–Pearson interval {format_interval(p.get('ci'))}); "
        f"claimed at least {format_number(p.get('claimed_at_least'))}."
    )


def _claim_section(claim: dict) -> list[str]:
    lines = [
        f"### {_code(claim['id'])} — {_text(claim['verdict'])}"
        + ("" if claim.get("as_declared", True) else " (not as declared)"),
        "",
    ]
    if claim.get("paper") or claim.get("result"):
        lines.append(f"- **Result** {_text(claim.get('paper', ''))}: {_text(claim.get('result', ''))}")
    source = source_line(claim.get("source"))
    if source:
        lines.append(f"- **Source** {_text(source)}")
    for key, label in _CLAIM_FACTS:
        if claim.get(key) is not None:
            lines.append(f"- **{label}** {_text(claim[key])}")
    if claim.get("corrects"):
        lines.append(f"- **Corrects** {_code(claim['corrects'])}")
    if claim.get("corrected_by"):
        lines.append(f"- **Corrected by** {_code(claim['corrected_by'])}")
    tolerance = claim.get("tolerance") or {}
    if tolerance:
        lines.append(
            f"- **Tolerance** {format_number(tolerance.get('value'))} "
            f"({_text(tolerance.get('source', 'source not given'))})"
        )
    lines.append(
        f"- **Instances** {format_number(claim.get('instances'))}, worst normalised slack "
        f"{format_number(claim.get('worst_slack'))}, time {format_seconds(claim.get('wall_s'))}"
    )
    if claim.get("preconditions_violated"):
        reasons = claim.get("precondition_reasons") or {}
        why = "; ".join(f"{_text(r)}: {n}" for r, n in reasons.items())
        lines.append(
            f"- **Instances skipped** (precondition not met) {claim['preconditions_violated']}"
            + (f" — {why}" if why else "")
        )
    lines.append(f"- **Why this verdict** {_text(claim.get('message', ''))}")
    if claim.get("note"):
        lines.append(f"- **Note** {_text(claim['note'])}")
    if claim.get("statement"):
        lines += ["", _fenced(claim["statement"], "tex")]
    if isinstance(claim.get("fit"), dict):
        lines += ["", _fit(claim["fit"])]
    if isinstance(claim.get("probability"), dict):
        lines += ["", _probability(claim["probability"])]
    if claim.get("worst_instance") is not None and not claim.get("counterexample"):
        lines += ["", "Worst instance:", "", _fenced(json_snippet(claim["worst_instance"], indent=2), "json")]
    if claim.get("counterexample"):
        lines += ["", *_counterexample(claim["counterexample"])]
    mutants = claim.get("mutants") or []
    if mutants:
        rows = [
            [
                _code(m.get("name", MISSING), in_table=True),
                _cell(m.get("verdict", MISSING)),
                "killed" if m.get("killed") else "**survived**",
                _cell(m.get("message", "")),
            ]
            for m in mutants
        ]
        lines += ["", _table(["mutant", "verdict", "outcome", "message"], rows)]
    return lines


def render_markdown(report: dict) -> str:
    """The whole report as Markdown text (ends with a newline)."""
    lines = _header(report)
    lines += ["", *_summary(report), "", *_errata(report), "", *_mutants(report), ""]
    lines += [*_not_checkable(report), "", "## Claims", ""]
    for claim in report["claims"]:
        lines += [*_claim_section(claim), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
