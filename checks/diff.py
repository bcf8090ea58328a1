"""What changed between two reports: verdict flips, worst-slack moves, claims added or removed, mutants.

Claims are matched by id. A claim's worst slack "moved" when the two values are not close in the
sense of :func:`math.isclose` with the tolerances below; by default a move must exceed
``DEFAULT_SLACK_ATOL + DEFAULT_SLACK_RTOL * max(|old|, |new|)``, that is 5 % of the larger magnitude,
and at least 1e-9 so that slacks at round-off level (tight identities) never count as moving.
NaN equals NaN and an infinity equals the same infinity; a slack that appears, disappears (null), or
changes between finite and non-finite always counts as a move.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from checks.report import validate_report
from theory.errors import InputError, ReportError

#: Default relative tolerance on a claim's worst normalised slack (5 % of the larger magnitude).
DEFAULT_SLACK_RTOL = 0.05
#: Default absolute tolerance on a claim's worst normalised slack (round-off level).
DEFAULT_SLACK_ATOL = 1e-9


@dataclass(frozen=True)
class VerdictFlip:
    """A claim whose verdict differs between the two reports."""

    claim_id: str
    old: str
    new: str


@dataclass(frozen=True)
class SlackMove:
    """A claim whose worst slack moved beyond tolerance; ``relative_change`` is (new - old) / |old|
    (±inf when old is 0; NaN when either side is missing or NaN, or old is infinite)."""

    claim_id: str
    old: float | None
    new: float | None
    relative_change: float


@dataclass(frozen=True)
class MutantChange:
    """A mutant of a claim present in both reports whose verdict or kill status changed, or that
    exists on one side only (the other side's fields are None)."""

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
    verdict_flips: list[VerdictFlip] = field(default_factory=list)
    slack_moves: list[SlackMove] = field(default_factory=list)
    only_in_a: list[str] = field(default_factory=list)
    only_in_b: list[str] = field(default_factory=list)
    mutant_changes: list[MutantChange] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        """Whether anything at all differs."""
        return bool(
            self.verdict_flips or self.slack_moves or self.only_in_a or self.only_in_b
            or self.mutant_changes
        )


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


def _relative_change(old: float | None, new: float | None) -> float:
    if old is None or new is None or math.isnan(old) or math.isnan(new):
        return math.nan
    if old == new:
        return 0.0
    if math.isinf(old):
        return math.nan
    if old == 0:
        return math.copysign(math.inf, new)
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


def diff_reports(a: dict, b: dict, *, slack_rtol: float = DEFAULT_SLACK_RTOL,
                 slack_atol: float = DEFAULT_SLACK_ATOL) -> ReportDiff:
    """Compare report ``a`` (old) with report ``b`` (new), claim by claim.

    Raises InputError if either is not a valid report dict or a tolerance is negative or not finite.
    """
    for name, value in (("slack_rtol", slack_rtol), ("slack_atol", slack_atol)):
        if not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            raise InputError(f"{name} must be a finite number >= 0, got {value!r}")
    for label, report in (("a", a), ("b", b)):
        try:
            validate_report(report, f"report {label}")
        except ReportError as exc:
            raise InputError(str(exc)) from None

    old = {c["id"]: c for c in a["claims"]}
    new = {c["id"]: c for c in b["claims"]}
    diff = ReportDiff(run_a=a["run"]["id"], run_b=b["run"]["id"])
    diff.only_in_a = [cid for cid in old if cid not in new]
    diff.only_in_b = [cid for cid in new if cid not in old]
    for cid, c0 in old.items():
        c1 = new.get(cid)
        if c1 is None:
            continue
        if c0["verdict"] != c1["verdict"]:
            diff.verdict_flips.append(VerdictFlip(cid, c0["verdict"], c1["verdict"]))
        s0, s1 = c0.get("worst_slack"), c1.get("worst_slack")
        if slack_moved(s0, s1, rtol=slack_rtol, atol=slack_atol):
            f0, f1 = _as_float(s0), _as_float(s1)
            diff.slack_moves.append(SlackMove(cid, f0, f1, _relative_change(f0, f1)))
        diff.mutant_changes += _mutant_changes(cid, c0.get("mutants") or [], c1.get("mutants") or [])
    return diff


def _num(x: float | None) -> str:
    return "none" if x is None else f"{x:.4g}"


def _mutant_state(verdict: str | None, killed: bool | None) -> str:
    if verdict is None and killed is None:
        return "absent"
    return f"{verdict} ({'killed' if killed else 'survived'})"


def format_diff(d: ReportDiff) -> str:
    """The differences as text, one line per change, or "no differences"."""
    lines = [f"verdict  {f.claim_id}: {f.old} -> {f.new}" for f in d.verdict_flips]
    for m in d.slack_moves:
        rel = "" if math.isnan(m.relative_change) else f" ({m.relative_change:+.1%})"
        lines.append(f"slack    {m.claim_id}: worst slack {_num(m.old)} -> {_num(m.new)}{rel}")
    lines += [f"removed  {cid} (only in {d.run_a})" for cid in d.only_in_a]
    lines += [f"added    {cid} (only in {d.run_b})" for cid in d.only_in_b]
    lines += [
        f"mutant   {c.claim_id} :: {c.mutant}: {_mutant_state(c.old_verdict, c.old_killed)} -> "
        f"{_mutant_state(c.new_verdict, c.new_killed)}"
        for c in d.mutant_changes
    ]
    return "\n".join(lines) if lines else "no differences"
