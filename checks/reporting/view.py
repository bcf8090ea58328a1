"""What every report format shows, computed once from the report dict.

A format (``checks/reporting/formats/*.py``) renders a :class:`View` through its templates; the
numbers, groupings and wordings live here so that the HTML pages and the Markdown file say the same
thing. Nothing here names a paper or a claim: papers are grouped in the order their first claim
appears in the report (the registry's, which follows each paper's numbering).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

#: What a missing value looks like in a table.
MISSING = "—"

#: Verdict order in count tables (anything else follows, alphabetically).
VERDICT_ORDER = ("verified", "erratum-confirmed", "finding-confirmed", "refuted", "inconclusive", "error")

#: Kind order in count tables.
KIND_ORDER = ("inequality", "identity", "scaling", "probability", "dynamics", "experiment")

#: Statuses whose printed form the suite expects to refute, and how the report names each group.
FINDING_STATUSES = {"reading": "reading", "vacuous": "vacuous", "source-unverified": "source unverified"}

#: Number of claims in the "slowest claims" table of the front page.
SLOWEST = 10


# --------------------------------------------------------------------------------------------
# Formatting (shared by every format and by the figures)
# --------------------------------------------------------------------------------------------


def is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


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
    if not is_number(x) or not math.isfinite(x):
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


def tolerance_text(tolerance: Any) -> str:
    """The tolerance of the worst instance as a reader should read it.

    A positive value is an absolute allowance added to the comparison. Zero means the comparison is
    exact or the error model is already inside the normalised slack (a z-score, a confidence
    interval), so "0" would mislead; a negative value is not a tolerance at all but a margin the
    check demands, and is labelled so.
    """
    if not isinstance(tolerance, dict):
        return MISSING
    value, source = tolerance.get("value"), one_line(tolerance.get("source")) or "source not given"
    if not is_number(value) or (isinstance(value, float) and math.isnan(value)):
        return f"not reported ({source})"
    if value > 0:
        return f"{format_number(value)} absolute ({source})"
    if value == 0:
        return f"none added to the comparison; the error model is part of the check ({source})"
    return f"a margin of {format_number(-value)} demanded, not an allowance ({source})"


def source_link_text(url: str) -> str:
    """How a paper link reads: "arXiv:1901.08584", "OpenReview", or the host name."""
    match = re.search(r"arxiv\.org/abs/([^\s?#]+)", url or "")
    if match:
        return f"arXiv:{match.group(1)}"
    if "openreview.net" in (url or ""):
        return "OpenReview"
    host = re.match(r"https?://([^/]+)", url or "")
    return host.group(1) if host else url or ""


def source_where(source: Any) -> str:
    """Result, section and equation as a reader finds them in the PDF, e.g. "Theorem 4.1, §4"."""
    if not isinstance(source, dict):
        return ""
    parts = [one_line(source.get("result"))] if source.get("result") else []
    if source.get("section"):
        parts.append(f"§{one_line(source['section'])}")
    return ", ".join(parts)


def safe_name(text: str) -> str:
    """A file-name- and anchor-safe version of ``text`` (never hidden, never empty)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).lstrip(".-") or "x"


# --------------------------------------------------------------------------------------------
# The view
# --------------------------------------------------------------------------------------------


@dataclass
class PaperView:
    key: str
    page: str
    citation: str = ""
    url: str = ""
    claims: list[dict] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)

    @property
    def link_text(self) -> str:
        return source_link_text(self.url)

    def counts(self) -> dict[str, int]:
        return _count(self.claims, "verdict", VERDICT_ORDER)


@dataclass
class View:
    report: dict
    papers: list[PaperView]
    figures: dict[str, list[str]]
    diff: Any = None  # checks.diff.ReportDiff against a baseline, when one was given
    baseline_label: str = ""

    @property
    def run(self) -> dict:
        return self.report["run"]

    @property
    def summary(self) -> dict:
        return self.report.get("summary") or {}

    def page_of(self, claim_id: str | None) -> str:
        """``paper-<key>.html#<anchor>`` of a claim in this report, or "" when it is not in it."""
        for paper in self.papers:
            for claim in paper.claims:
                if claim["id"] == claim_id:
                    return f"{paper.page}#{anchor(claim_id)}"
        return ""

    def verdicts(self) -> list[str]:
        """Every verdict present, in :data:`VERDICT_ORDER` (unknown ones after)."""
        present = {c["verdict"] for c in self.report["claims"]}
        return [v for v in VERDICT_ORDER if v in present] + sorted(present - set(VERDICT_ORDER))

    def kinds(self) -> list[str]:
        present = {c.get("kind") or MISSING for c in self.report["claims"]}
        return [k for k in KIND_ORDER if k in present] + sorted(present - set(KIND_ORDER))

    def tiers(self) -> list[str]:
        return sorted({c.get("tier") or MISSING for c in self.report["claims"]})

    def counts_by(self, field_name: str) -> list[tuple[str, dict[str, int], int]]:
        """``(value, {verdict: n}, total)`` per paper or kind: the front page's count tables."""
        groups: dict[str, list[dict]] = {}
        if field_name == "paper":
            for paper in self.papers:
                groups[paper.key] = paper.claims
        else:
            for kind in self.kinds():
                groups[kind] = [c for c in self.report["claims"] if (c.get(field_name) or MISSING) == kind]
        return [(k, _count(cs, "verdict", VERDICT_ORDER), len(cs)) for k, cs in groups.items()]

    def errata_by_class(self) -> dict[str, int]:
        listed = self.summary.get("errata_by_class")
        if isinstance(listed, dict):
            return listed
        return _count(self.report.get("errata", []), "error_class", ())

    def findings(self) -> list[tuple[str, list[dict]]]:
        """Reading / vacuous / source-unverified findings, grouped by status (never mixed with errata)."""
        entries = self.report.get("findings") or []
        return [(label, [e for e in entries if e.get("status") == status])
                for status, label in FINDING_STATUSES.items()
                if any(e.get("status") == status for e in entries)]

    def slowest(self) -> list[dict]:
        timed = [c for c in self.report["claims"] if is_number(c.get("wall_s"))]
        return sorted(timed, key=lambda c: -c["wall_s"])[:SLOWEST]

    def unexpected(self) -> list[str]:
        listed = self.summary.get("unexpected")
        if isinstance(listed, list):
            return listed
        return [c["id"] for c in self.report["claims"] if c.get("as_declared") is False]

    def mutants_by_paper(self) -> list[tuple[str, int, int]]:
        """``(paper, killed, total)`` for each paper with at least one mutant."""
        rows = []
        for paper in self.papers:
            mutants = [m for c in paper.claims for m in c.get("mutants") or []]
            if mutants:
                rows.append((paper.key, sum(bool(m.get("killed")) for m in mutants), len(mutants)))
        return rows

    def survivors(self) -> list[str]:
        listed = (self.summary.get("mutants") or {}).get("survivors")
        if isinstance(listed, list):
            return [str(s) for s in listed]
        return [f"{c['id']} :: {m.get('name')}" for c in self.report["claims"]
                for m in c.get("mutants") or [] if not m.get("killed")]


def anchor(claim_id: str) -> str:
    return "claim-" + safe_name(claim_id)


def _count(entries: list[dict], key: str, order: tuple[str, ...]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in entries:
        value = str(entry.get(key) or MISSING)
        counts[value] = counts.get(value, 0) + 1
    ordered = {k: counts[k] for k in order if k in counts}
    ordered.update((k, counts[k]) for k in sorted(counts) if k not in ordered)
    return ordered


def paper_key(claim: dict) -> str:
    return str(claim.get("paper") or claim["id"].split(".")[0])


def build_view(report: dict, figures: dict[str, list[str]] | None = None, diff: Any = None,
               baseline_label: str = "") -> View:
    """Group the report's claims by paper, in report order, and attach figure paths."""
    papers: dict[str, PaperView] = {}
    for claim in report["claims"]:
        key = paper_key(claim)
        if key not in papers:
            source = claim.get("source") if isinstance(claim.get("source"), dict) else {}
            papers[key] = PaperView(key=key, page=f"paper-{safe_name(key)}.html",
                                    citation=one_line(source.get("citation")), url=source.get("url") or "")
        papers[key].claims.append(claim)
    figures = figures or {}
    for paper in papers.values():
        paper.figures = figures.get(f"paper:{paper.key}", [])
    return View(report=report, papers=list(papers.values()), figures=figures, diff=diff,
                baseline_label=baseline_label)
