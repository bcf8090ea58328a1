"""The audit of an accusation: before a printed statement is reported as refuted, its
counterexample must stand inside the paper's standing assumptions and, where the check is not
statistical, be certified outside float64 (DESIGN.md, "Verdicts a referee can trust").

:func:`audit_counterexample` returns a dict for the report::

    {"scope": "" or the claim's reason for leaving the paper's scope,
     "assumptions": [{"name", "cite", "holds", "reason"}, ...],   # those that apply
     "certificate": {...} or None,                                   # Certificate.as_dict()
     "confidence": "..." or None,                                    # statistical / dynamics
     "objection": None or the one-line reason the accusation does not stand}

An objection turns the claim's verdict into ``error``: the run fails, because a false accusation
against a published paper is the worst defect the suite can have.
"""

from __future__ import annotations

from typing import Any

from theory.claims import Certificate, Claim, Kind

_MISSING = object()


def _lookup(name: str, witness: dict, instance) -> Any:
    if name in witness:
        return witness[name]
    return getattr(instance, name, _MISSING)


def check_assumptions(claim: Claim, instance, witness: dict) -> list[dict]:
    """Every standing assumption of the claim's paper that applies to this counterexample, with
    whether it holds there."""
    rows = []
    for a in claim.source.paper.assumptions:
        objects = {name: _lookup(name, witness, instance) for name in a.reads}
        if any(v is _MISSING for v in objects.values()):
            continue
        reason = a.check(**objects)
        rows.append({"name": a.name, "cite": a.cite, "holds": reason is None, "reason": reason})
    return rows


def _certify(claim: Claim, instance) -> Certificate:
    cert = claim.certify(instance, **dict(claim.params))
    if not isinstance(cert, Certificate):
        raise TypeError(f"certify of {claim.id} returned {type(cert).__name__}, not a Certificate")
    return cert


def audit_counterexample(claim: Claim, refuting: tuple[dict, Any] | None, outcome, context) -> dict:
    """Audit the counterexample that refuted an erratum's (or finding's) printed form."""
    audit = {"scope": claim.scope, "assumptions": [], "certificate": None, "confidence": None,
             "objection": None}
    if claim.kind is Kind.SCALING:
        fit = outcome.fit or {}
        audit["confidence"] = (f"the exponent's {100 * fit.get('confidence', 0):g}% bootstrap interval "
                               f"{fit.get('ci')} lies outside the accepted range {fit.get('accept')}")
        return audit
    if refuting is None:
        audit["objection"] = "the printed form was refuted without a counterexample to audit"
        return audit
    recipe, evidence = refuting
    instance = claim.domain.realize(recipe)
    witness = evidence.details.get("witness", {}) if isinstance(evidence.details, dict) else {}
    if not claim.scope:
        audit["assumptions"] = check_assumptions(claim, instance, witness)
        broken = [row for row in audit["assumptions"] if not row["holds"]]
        if broken:
            row = broken[0]
            where = f" ({row['cite']})" if row["cite"] else ""
            audit["objection"] = (f"the counterexample violates the paper's standing assumption "
                                  f"'{row['name']}'{where}: {row['reason']}")
            return audit
    if claim.kind is Kind.PROBABILITY:
        p = outcome.probability or {}
        audit["confidence"] = (f"exact binomial (Clopper–Pearson) interval {p.get('ci')} at "
                               f"{100 * p.get('confidence', 0):g}% lies below {p.get('claimed_at_least')}")
    elif claim.kind in (Kind.DYNAMICS, Kind.EXPERIMENT):
        audit["confidence"] = "a seeded run violates the claim; it replays exactly from its recipe"
    elif claim.stochastic:
        audit["confidence"] = (f"Monte-Carlo error model: {evidence.tol_source}" if evidence.tol_source
                               else "Monte-Carlo error model of the claim")
    if claim.checks_certificate:
        if claim.certify is None:
            audit["objection"] = ("this erratum is not statistical, so its counterexample needs a "
                                  "certificate outside float64 (certify=...), and it has none")
            return audit
        cert = _certify(claim, instance)
        audit["certificate"] = cert.as_dict()
        if not cert.excludes_relation:
            audit["objection"] = (f"float-only counterexample: {cert.method} encloses lhs − rhs in "
                                  f"[{cert.lo:.6g}, {cert.hi:.6g}], which does not exclude the printed "
                                  f"relation {cert.relation}")
    return audit
