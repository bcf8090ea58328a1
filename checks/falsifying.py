"""Failures that carry their evidence: a "Falsifying example" block in the manner of Hypothesis's.

When a claim does not come out as declared, the reader needs, without opening the report: the
instance (its recipe), both sides with their names and the relation, the tolerance with its error
model, where the paper states the result, and the ``theorycheck replay ...`` line that re-evaluates
that one instance. When an erratum (or finding) unexpectedly comes out *verified*, there is no
counterexample to show, so the block says what was tried instead: how many instances, how many
violated a precondition, the explicit examples, and the instance that came closest.

Both the pytest plugin (:mod:`checks.plugin`) and the terminal summary of ``theorycheck run``
(:mod:`checks.cli`) print these blocks; both start from a report entry
(:func:`checks.run.claim_entry`), so the two always show the same thing.
"""

from __future__ import annotations

import json
import math
import os
import re
import shlex

#: how each relation may be written in a statement (LaTeX, Unicode, ASCII)
_RELATION_TOKENS = {
    "<=": r"\\le(?:q(?:slant)?)?(?![A-Za-z])|≤|<=",
    ">=": r"\\ge(?:q(?:slant)?)?(?![A-Za-z])|≥|>=",
    ">": r"(?<![<>=\\])>(?!=)|\\gt(?![A-Za-z])",
    "==": r"\\approx(?![A-Za-z])|(?<![<>!=\\])=(?!=)|==",
}
_WIDTH = 70


def side_names(statement: str, relation: str | None, details: dict | None = None) -> tuple[str, str]:
    """Names of the two sides: ``lhs_name``/``rhs_name`` of the evidence's details when the
    predicate gives them, else the statement split at its one relation sign, else "lhs"/"rhs"."""
    details = details or {}
    if details.get("lhs_name") and details.get("rhs_name"):
        return str(details["lhs_name"]), str(details["rhs_name"])
    pattern = _RELATION_TOKENS.get(relation or "")
    if pattern and statement:
        parts = re.split(pattern, statement)
        if len(parts) == 2 and parts[0].strip() and parts[1].strip():
            return _short(parts[0].strip()), _short(parts[1].strip())
    return "lhs", "rhs"


def _short(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _num(x) -> str:
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return repr(float(x)) if math.isfinite(x) and abs(x) < 1e6 else f"{x:.6g}"
    return str(x)


def _violation(lhs: float, rhs: float, relation: str, tol: float) -> str:
    """By how much the relation, with its tolerance, fails."""
    if not (isinstance(lhs, (int, float)) and isinstance(rhs, (int, float))):
        return ""
    if not (math.isfinite(lhs) and math.isfinite(rhs)):
        return "a side is not finite"
    excess = {"<=": lhs - rhs - tol, ">=": rhs - tol - lhs, ">": rhs + tol - lhs,
              "==": abs(lhs - rhs) - tol}.get(relation)
    return f"fails by {excess:.6g}" if excess is not None else ""


def citation(entry: dict) -> str:
    src = entry.get("source") or {}
    where = src.get("result", "")
    if src.get("section"):
        where += f", {src['section']}"
    if src.get("line"):
        where += f", line {src['line']}"
    return f"{src.get('citation', '')}; {where}".strip("; ")


def falsifying_block(entry: dict, ce: dict, *, title: str = "Falsifying example") -> str:
    """The block for one counterexample ``ce`` (as the engine records it) of report entry ``entry``."""
    lines = [f"{title}: {entry['id']}"]
    lines.append(f"  statement:  {entry.get('statement', '')}")
    lines.append(f"  source:     {citation(entry)}")
    lines.append(f"  instance:   {json.dumps(ce.get('instance'), sort_keys=True)}")
    relation = ce.get("relation")
    details = ce.get("details") or {}
    if "lhs" in ce and "rhs" in ce:
        left, right = side_names(entry.get("statement", ""), relation, details)
        width = max(len(left), len(right))
        lines.append(f"  lhs  {left.ljust(width)} = {_num(ce['lhs'])}")
        lines.append(f"  rhs  {right.ljust(width)} = {_num(ce['rhs'])}")
        tol = ce.get("tol") or 0.0
        shown = f"lhs {relation} rhs" + (" (within tol)" if tol else "")
        fail = _violation(ce["lhs"], ce["rhs"], relation, tol)
        slack = ce.get("slack")
        slack_text = f", normalised slack {slack:.3g}" if isinstance(slack, (int, float)) else ""
        lines.append(f"  relation:   {shown} {fail}{slack_text}".rstrip())
        lines.append(f"  tolerance:  {_num(tol)} — error model: {ce.get('tol_source') or 'exact'}")
    extra = {k: v for k, v in details.items() if k not in ("lhs_name", "rhs_name", "traceback")}
    if extra:
        lines.append(f"  details:    {_short(json.dumps(extra, default=str, sort_keys=True), 200)}")
    if details.get("traceback"):
        lines.append("  traceback (last lines):")
        lines += ["    " + t for t in details["traceback"].rstrip().splitlines()[-6:]]
    if ce.get("reproduce"):
        lines.append(f"  replay:     {replay_line(ce['reproduce'])}")
    return "\n".join(lines)


def replay_line(reproduce: str) -> str:
    """The engine's replay command, with the ``--module`` papers of this process (those not
    installed) appended so that the line works as printed."""
    from checks.papers import MODULES_ENV
    modules = [m for m in os.environ.get(MODULES_ENV, "").split(os.pathsep) if m]
    if reproduce.startswith("theorycheck replay ") and "--module" not in reproduce:
        reproduce += "".join(f" --module {shlex.quote(m)}" for m in modules)
    return reproduce


def tried_block(entry: dict, *, title: str, examples: tuple = ()) -> str:
    """What a search tried, for a statement that was expected to fail and did not."""
    lines = [f"{title}: {entry['id']}",
             f"  statement:  {entry.get('statement', '')}",
             f"  source:     {citation(entry)}"]
    n, bad = entry.get("instances", 0), entry.get("preconditions_violated", 0)
    lines.append(f"  tried:      {n} instances, {n - bad} meeting the preconditions"
                 + (f" ({bad} violated one: {_reasons(entry)})" if bad else ""))
    for ex in examples:
        lines.append(f"  example:    {json.dumps(ex, sort_keys=True)} (explicit, evaluated first)")
    if entry.get("worst_instance") is not None:
        slack = entry.get("worst_slack")
        slack_text = f" (normalised slack {slack:.3g})" if isinstance(slack, (int, float)) else ""
        lines.append(f"  closest:    {json.dumps(entry['worst_instance'], sort_keys=True)}{slack_text}")
    tight = entry.get("tightness")
    if tight:
        lines.append(f"  tightest:   lhs {_num(tight['lhs'])} {tight['relation']} rhs {_num(tight['rhs'])} "
                     f"at {json.dumps(tight['instance'], sort_keys=True)}")
    tol = entry.get("tolerance") or {}
    if tol.get("value") is not None:
        lines.append(f"  tolerance:  {_num(tol['value'])} — error model: {tol.get('source') or 'exact'}")
    return "\n".join(lines)


def _reasons(entry: dict) -> str:
    reasons = entry.get("precondition_reasons") or {}
    top = sorted(reasons.items(), key=lambda kv: -kv[1])[:2]
    return ", ".join(f"{r} ({c})" for r, c in top)


def explain_entry(entry: dict, *, examples: tuple = ()) -> str:
    """Why a claim's verdict differs from its declared status, with its evidence."""
    ce = entry.get("counterexample")
    status, verdict = entry.get("status"), entry.get("verdict")
    if status != "holds" and verdict == "verified":
        return tried_block(entry, examples=examples,
                           title=f"No counterexample found for the {status} (expected refuted)")
    if ce:
        audit = entry.get("audit") or {}
        block = falsifying_block(entry, ce)
        if audit.get("objection"):
            block += f"\n  objection:  {audit['objection']}"
        return block
    text = f"{entry['id']}: {verdict}: {entry.get('message', '')}"
    if entry.get("preconditions_violated"):
        text += f"\n  preconditions violated: {_reasons(entry)}"
    return text


def explain_survivor(entry: dict, mutant: str) -> str:
    """Why a mutant survived: the search found nothing, so say what it tried."""
    m = next((x for x in entry.get("mutants", []) if x["name"] == mutant), None)
    lines = [f"Mutant survived: {entry['id']} :: {mutant}",
             f"  statement:  {entry.get('statement', '')} (with the mutant's change)",
             f"  source:     {citation(entry)}"]
    if m is not None:
        lines.append(f"  verdict:    {m['verdict']}: {m['message']}")
        if m.get("counterexample"):
            lines.append(falsifying_block(entry, m["counterexample"], title="  its evidence"))
    lines.append("  a mutant the search cannot refute means the check could not notice that change: "
                 "strengthen the domain, add an explicit example where the bound is tight, or make "
                 "the mutant larger")
    return "\n".join(lines)
