"""What changed between two reports, focused on the claims both contain.

Claims are matched by id and only the common ones are compared: a partial run against a full one
lists the claims present on one side in one line each, not one line per claim. For each common claim:

* a verdict flip, with the counterexample and replay line of the side that has one (the new side's
  first), so that the flip can be examined at once;
* a worst-slack move beyond tolerance, in the sense of :func:`math.isclose`: by default a move must
  exceed ``DEFAULT_SLACK_ATOL + rtol * max(|old|, |new|)``, that is 5 % of the larger magnitude and
  at least 1e-9, so that slacks at round-off level never count. NaN equals NaN and an infinity the
  same infinity; a slack that appears, disappears or turns non-finite always counts. The relative
  change is given only where it means something: both sides finite, of the same sign, old non-zero;
  across a sign change a percentage says nothing and is left out;
* mutants whose verdict or kill status changed, or that exist on one side only; when one of the two
  runs ran no mutant at all (``--no-mutants``) mutants are not compared.

:attr:`ReportDiff.has_changes` (the CLI's exit status 1, the regression gate of test_baseline) is
true when anything differs, claims on one side only included; :attr:`ReportDiff.common_changed` looks
at the common claims alone.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from checks.report import validate_report
from theory.errors import InputError, ReportError

#: Default relative tolerance on a claim's worst normalised slack (5 % of the larger magnitude).
DEFAULT_SLACK_RTOL = 0.05
#: Default absolute tolerance on a claim's worst normalised slack (round-off level).
DEFAULT_SLACK_ATOL = 1e-9
#: Ids shown in the one-line list of claims present on one side only (the JSON lists them all).
SHOWN_IDS = 6


@dataclass(frozen=True)
class VerdictFlip:
    """A common claim whose verdict differs; ``counterexample`` and ``reproduce`` come from the side
    that has a counterexample (the new side's first), ``side`` names it ("a", "b" or "")."""

    claim_id: str
    old: str
    new: str
    counterexample: dict | None = None
    reproduce: str = ""
    side: str = ""


@dataclass(frozen=True)
class SlackMove:
    """A common claim whose worst slack moved beyond tolerance; ``relative_change`` is
    (new - old) / |old| where that means something (module docstring), else None."""

    claim_id: str
    old: float | None
    new: float | None
    relative_change: float | None


@dataclass(frozen=True)
class MutantChange:
    """A mutant of a common claim whose verdict or kill status changed, or that exists on one side
    only (the other side's fields are None)."""

    claim_id: str
    mutant: str
    old_verdict: str | None
    new_verdict: str | None
    old_killed: bool | None
    new_killed: bool | None


@dataclass
class ReportDiff:
    """Differences from report ``a`` (old) to report ``b`` (new)."""

    run_a: str
    run_b: str
    rtol: float = DEFAULT_SLACK_RTOL
    common: list[str] = field(default_factory=list)
    verdict_flips: list[VerdictFlip] = field(default_factory=list)
    slack_moves: list[SlackMove] = field(default_factory=list)
    only_in_a: list[str] = field(default_factory=list)
    only_in_b: list[str] = field(default_factory=list)
    mutant_changes: list[MutantChange] = field(default_factory=list)

    @property
    def common_changed(self) -> bool:
        """Whether a claim present in both reports changed."""
        return bool(self.verdict_flips or self.slack_moves or self.mutant_changes)

    @property
    def has_changes(self) -> bool:
        """Whether anything differs, claims present on one side only included."""
        return self.common_changed or bool(self.only_in_a or self.only_in_b)

    def as_dict(self) -> dict:
        """Plain data for ``theorycheck diff --json`` (non-finite floats as in reports)."""
        out = asdict(self)
        out["has_changes"] = self.has_changes
        out["common_changed"] = self.common_changed
        return out


def _as_float(value: Any) -> float | None:
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def slack_moved(old: Any, new: Any, *, rtol: float = DEFAULT_SLACK_RTOL,
                atol: float = DEFAULT_SLACK_ATOL) -> bool:
    """Whether a worst slack moved from ``old`` to ``new`` beyond tolerance (module docstring)."""
    a, b = _as_float(old), _as_float(new)
    if a is None or b is None:
        return (a is None) != (b is None)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) != math.isnan(b)
    if math.isinf(a) or math.isinf(b):
        return a != b
    return not math.isclose(a, b, rel_tol=rtol, abs_tol=atol)


def relative_change(old: float | None, new: float | None) -> float | None:
    """(new − old)/|old| when both are finite, of the same sign and old ≠ 0; otherwise None."""
    if old is None or new is None or not (math.isfinite(old) and math.isfinite(new)):
        return None
    if old == 0 or (old > 0) != (new > 0) or new == 0:
        return None
    return (new - old) / abs(old)


def _mutant_changes(claim_id: str, old: list[dict], new: list[dict]) -> list[MutantChange]:
    before = {m.get("name"): m for m in old}
    after = {m.get("name"): m for m in new}
    changes = []
    for name in [*before, *(n for n in after if n not in before)]:
        m0, m1 = before.get(name), after.get(name)
        v0, v1 = (m0 or {}).get("verdict"), (m1 or {}).get("verdict")
        k0, k1 = (m0 or {}).get("killed"), (m1 or {}).get("killed")
        if m0 is None or m1 is None or v0 != v1 or bool(k0) != bool(k1):
            changes.append(MutantChange(claim_id, str(name), v0, v1,
                                        None if m0 is None else bool(k0), None if m1 is None else bool(k1)))
    return changes


def _flip(cid: str, c0: dict, c1: dict) -> VerdictFlip:
    for side, claim in (("b", c1), ("a", c0)):
        cex = claim.get("counterexample")
        if isinstance(cex, dict):
            return VerdictFlip(cid, c0["verdict"], c1["verdict"], cex, str(cex.get("reproduce") or ""), side)
    return VerdictFlip(cid, c0["verdict"], c1["verdict"])


def diff_reports(a: dict, b: dict, *, slack_rtol: float = DEFAULT_SLACK_RTOL,
                 slack_atol: float = DEFAULT_SLACK_ATOL, validated: bool = False) -> ReportDiff:
    """Compare report ``a`` (old) with report ``b`` (new) on the claims both contain.

    Raises InputError if either is not a valid report dict or a tolerance is negative or not finite.
    ``validated=True`` says both were just checked against the schema (by ``load_report`` or
    ``report_from_json``), which then is not done again (about 1 s a report at the registry's size).
    """
    for name, value in (("slack_rtol", slack_rtol), ("slack_atol", slack_atol)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            raise InputError(f"{name} must be a finite number >= 0, got {value!r}")
    for label, report in (() if validated else (("a", a), ("b", b))):
        try:
            validate_report(report, f"report {label}")
        except ReportError as exc:
            raise InputError(str(exc)) from None

    old = {c["id"]: c for c in a["claims"]}
    new = {c["id"]: c for c in b["claims"]}
    diff = ReportDiff(run_a=a["run"]["id"], run_b=b["run"]["id"], rtol=float(slack_rtol))
    diff.only_in_a = [cid for cid in old if cid not in new]
    diff.only_in_b = [cid for cid in new if cid not in old]
    diff.common = [cid for cid in new if cid in old]
    ran_mutants = all(any(c.get("mutants") for c in r["claims"]) for r in (a, b))
    for cid in diff.common:
        c0, c1 = old[cid], new[cid]
        if c0["verdict"] != c1["verdict"]:
            diff.verdict_flips.append(_flip(cid, c0, c1))
        s0, s1 = c0.get("worst_slack"), c1.get("worst_slack")
        if slack_moved(s0, s1, rtol=slack_rtol, atol=slack_atol):
            f0, f1 = _as_float(s0), _as_float(s1)
            diff.slack_moves.append(SlackMove(cid, f0, f1, relative_change(f0, f1)))
        if ran_mutants:
            diff.mutant_changes += _mutant_changes(cid, c0.get("mutants") or [], c1.get("mutants") or [])
    return diff


def _num(x: float | None) -> str:
    return "none" if x is None else f"{x:.4g}"


def _mutant_state(verdict: str | None, killed: bool | None) -> str:
    if verdict is None and killed is None:
        return "absent"
    return f"{verdict} ({'killed' if killed else 'survived'})"


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN_IDS])
    return shown + (f", … ({len(ids) - SHOWN_IDS} more; --json lists all)" if len(ids) > SHOWN_IDS else "")


def format_diff(d: ReportDiff) -> str:
    """The differences as text: a header line, then one line per change of a common claim (a flip
    adds its counterexample and replay line), then one line each for claims on one side only."""
    lines = [f"{d.run_a} -> {d.run_b}: {len(d.common)} claims in common"]
    for f in d.verdict_flips:
        lines.append(f"verdict  {f.claim_id}: {f.old} -> {f.new}")
        if f.counterexample is not None:
            cex = f.counterexample
            lines.append(f"         counterexample ({'new' if f.side == 'b' else 'old'} run): "
                         f"lhs {_num(_as_float(cex.get('lhs')))} {cex.get('relation', '?')} "
                         f"rhs {_num(_as_float(cex.get('rhs')))} fails")
        if f.reproduce:
            lines.append(f"         replay: {f.reproduce}")
    for m in d.slack_moves:
        rel = "" if m.relative_change is None else f" ({m.relative_change:+.1%})"
        lines.append(f"slack    {m.claim_id}: worst slack {_num(m.old)} -> {_num(m.new)}{rel}")
    lines += [
        f"mutant   {c.claim_id} :: {c.mutant}: {_mutant_state(c.old_verdict, c.old_killed)} -> "
        f"{_mutant_state(c.new_verdict, c.new_killed)}"
        for c in d.mutant_changes
    ]
    if not d.common_changed:
        lines.append("no differences in the common claims")
    if d.only_in_a:
        lines.append(f"removed  {len(d.only_in_a)} claims only in {d.run_a}: {_ids(d.only_in_a)}")
    if d.only_in_b:
        lines.append(f"added    {len(d.only_in_b)} claims only in {d.run_b}: {_ids(d.only_in_b)}")
    return "\n".join(lines)
