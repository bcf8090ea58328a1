"""Evidence: what a predicate computed on one instance, and whether the claim held there.

Predicates return an :class:`Evidence` built by :func:`at_most`, :func:`at_least`,
:func:`greater_than` or :func:`close`, or :func:`precondition_failed` when the instance violates a
hypothesis of the theorem (numerical ones included, e.g. a matrix too ill-conditioned for the error
model). A violated precondition is neither a pass nor a refutation: the engine counts it apart.

The *slack* is normalised so that results of different scales can be compared and plotted:
positive means the relation holds with room to spare, negative means it is violated, and its size
is relative to max(|lhs|, |rhs|) (or to 1 when both are tiny).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from theory.errors import InputError


@dataclass(frozen=True)
class Series:
    """A curve a predicate wants drawn in the report (a trajectory against the theorem's
    prediction, a sweep, the paper's printed numbers beside ours).

    ``extra`` is a second curve on the same axes (``{"label", "x", "y"}``); ``reference`` the
    paper's printed values (``{"label", "x", "y"}``) where it prints some.
    """

    name: str
    x: list
    y: list
    title: str = ""
    xlabel: str = ""
    ylabel: str = ""
    logx: bool = False
    logy: bool = False
    extra: dict | None = None
    reference: dict | None = None

    def as_dict(self) -> dict:
        d = {"name": self.name, "title": self.title, "x": list(self.x), "y": list(self.y),
             "xlabel": self.xlabel, "ylabel": self.ylabel, "logx": self.logx, "logy": self.logy}
        if self.extra is not None:
            d["extra"] = self.extra
        if self.reference is not None:
            d["reference"] = self.reference
        return d


@dataclass
class Evidence:
    lhs: float
    rhs: float
    relation: str          # "<=", ">=", ">", "=="
    tol: float             # absolute tolerance applied to the relation
    tol_source: str        # the error model the tolerance comes from
    holds: bool
    slack: float
    precondition: str | None = None  # set when the instance violates a hypothesis
    details: dict[str, Any] = field(default_factory=dict)
    series: list[Series] = field(default_factory=list)  # curves for the report (see Series)

    def as_dict(self) -> dict:
        return {
            "lhs": self.lhs, "rhs": self.rhs, "relation": self.relation, "tol": self.tol,
            "tol_source": self.tol_source, "holds": self.holds, "slack": self.slack,
            "precondition": self.precondition, "details": self.details,
        }


def _scale(lhs: float, rhs: float) -> float:
    s = max(abs(lhs), abs(rhs))
    return s if s > 1e-300 and math.isfinite(s) else 1.0


def _tolerance(tol) -> float:
    """``tol`` as a float, refused unless finite and >= 0: a NaN or infinite tolerance means the
    claim's error model broke on this instance (e.g. 0·∞ where a side underflows to 0), and a
    comparison against it would be a refutation or a pass that says nothing."""
    try:
        value = float(tol)
    except (TypeError, ValueError):
        raise InputError(f"the tolerance must be a number, got {type(tol).__name__}") from None
    if not (math.isfinite(value) and value >= 0.0):
        raise InputError(f"the tolerance must be a finite number >= 0, got {tol!r}: the claim's error "
                         f"model does not hold on this instance")
    return value


def _finite_or_fail(lhs: float, rhs: float) -> bool:
    return math.isfinite(lhs) and math.isfinite(rhs)


def at_most(lhs, rhs, *, tol: float = 0.0, why: str = "exact", series=(), **details) -> Evidence:
    """lhs <= rhs + tol."""
    lhs, rhs, tol = float(lhs), float(rhs), _tolerance(tol)
    ok = _finite_or_fail(lhs, rhs) and lhs <= rhs + tol
    slack = (rhs + tol - lhs) / _scale(lhs, rhs) if _finite_or_fail(lhs, rhs) else -math.inf
    return Evidence(lhs, rhs, "<=", tol, why, ok, slack, details=details, series=list(series))


def at_least(lhs, rhs, *, tol: float = 0.0, why: str = "exact", series=(), **details) -> Evidence:
    """lhs >= rhs - tol."""
    lhs, rhs, tol = float(lhs), float(rhs), _tolerance(tol)
    ok = _finite_or_fail(lhs, rhs) and lhs >= rhs - tol
    slack = (lhs - rhs + tol) / _scale(lhs, rhs) if _finite_or_fail(lhs, rhs) else -math.inf
    return Evidence(lhs, rhs, ">=", tol, why, ok, slack, details=details, series=list(series))


def greater_than(lhs, rhs, *, tol: float = 0.0, why: str = "exact", scale: float | None = None,
                 series=(), **details) -> Evidence:
    """lhs > rhs + tol: a strict inequality must clear the numerical error to count as shown.

    ``scale`` normalises the slack (e.g. λ_max for a λ_min > 0 claim, making the slack the
    inverse condition number); by default max(|lhs|, |rhs|, tol).
    """
    lhs, rhs, tol = float(lhs), float(rhs), _tolerance(tol)
    ok = _finite_or_fail(lhs, rhs) and lhs > rhs + tol
    norm = scale if scale and scale > 0 else _scale(lhs, max(abs(rhs), tol))
    slack = (lhs - rhs - tol) / norm if _finite_or_fail(lhs, rhs) else -math.inf
    return Evidence(lhs, rhs, ">", tol, why, ok, slack, details=details, series=list(series))


def close(lhs, rhs, *, tol: float, why: str, series=(), **details) -> Evidence:
    """|lhs - rhs| <= tol (an identity to a stated error model)."""
    lhs, rhs, tol = float(lhs), float(rhs), _tolerance(tol)
    err = abs(lhs - rhs)
    ok = _finite_or_fail(lhs, rhs) and err <= tol
    if not _finite_or_fail(lhs, rhs):
        slack = -math.inf
    elif tol > 0.0:
        # 1 − err/tol, with tol itself as the scale even when it is subnormal (a tolerance that
        # scales with gradients which vanish, e.g. a network with every unit inactive): dividing
        # by a floor of 1e-300 instead reported exact agreement as a slack of ~1e-14
        slack = 1.0 - min(err / tol, 1e300)
    else:  # an exact relation (tol = 0): no room, 0 when it holds
        slack = 0.0 - min(err / 1e-300, 1e300)  # 0.0, not −0.0, when it holds
    return Evidence(lhs, rhs, "==", tol, why, ok, slack, details=details, series=list(series))


def precondition_failed(reason: str, **details) -> Evidence:
    """The instance violates a hypothesis of the theorem: neither a pass nor a refutation."""
    return Evidence(math.nan, math.nan, "n/a", 0.0, "", False, math.nan, precondition=reason,
                    details=details)
