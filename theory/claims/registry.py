"""The registry every paper module adds its claims to, and the two ways of declaring them.

:func:`claim` declares one claim; :func:`erratum_pair` declares a printed statement that fails
together with its corrected sibling. :meth:`Registry.add` enforces the rules a referee would
(DESIGN.md): a holding claim ships mutants, an erratum names its error class and its sibling, a
claim that leaves the paper's scope cannot accuse the paper's statement.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from typing import Callable

from theory.claims.record import (DECISIONS, AtLeast, Claim, Decision, ErrorClass, Exponent, Kind,
                                  NotCheckable, Paper, Source, Status)
from theory.errors import InputError, UnknownNameError

#: the classes an independent reader may give an accusation (error classes, findings, or none)
READER_CLASSES = tuple(c.value for c in ErrorClass) + tuple(
    s.value for s in Status if s.is_finding) + ("not-an-error",)

_ID = re.compile(r"^[a-z][a-z0-9]*\.[A-Za-z0-9.]+\.[a-z0-9][a-z0-9-]*$")


class Registry:
    """All registered claims, in registration order, with the consistency rules enforced."""

    def __init__(self) -> None:
        self._claims: dict[str, Claim] = {}
        self._not_checkable: list[NotCheckable] = []
        self._decisions: list[Decision] = []
        self._papers: dict[str, Paper] = {}
        self._readings: dict[str, str] = {}

    # -- adding -------------------------------------------------------------------------------
    def add(self, claim: Claim) -> Claim:
        if not _ID.match(claim.id):
            raise InputError(f"claim id {claim.id!r} is not of the form paper.result.slug")
        if not claim.id.startswith(claim.paper + "."):
            raise InputError(f"claim id {claim.id!r} must start with its paper key {claim.paper!r}")
        if claim.id in self._claims:
            raise InputError(f"claim id {claim.id!r} is registered twice")
        if claim.status is Status.HOLDS and not claim.mutants:
            raise InputError(f"claim {claim.id} holds but ships no mutant: a check must be able to fail")
        if claim.status.expects_refutation and not claim.corrected_by:
            raise InputError(f"{claim.status.value} {claim.id} names no corrected sibling (corrected_by)")
        _check_error_class(claim)
        if claim.examples and claim.kind in (Kind.PROBABILITY, Kind.SCALING):
            raise InputError(f"claim {claim.id}: explicit examples are for identity, inequality, "
                             "dynamics and experiment claims (a frequency or a fit draws its own)")
        for i, recipe in enumerate(claim.examples):
            try:
                claim.domain.check(recipe)
            except InputError as exc:
                raise InputError(f"claim {claim.id}: explicit example {i} is not in its domain: {exc}") from None
        if claim.kind is Kind.SCALING and not isinstance(claim.expect, Exponent):
            raise InputError(f"scaling claim {claim.id} needs expect=Exponent(...)")
        if not 0 < claim.false_alarm < 1:
            raise InputError(f"claim {claim.id}: false_alarm must be in (0, 1), got {claim.false_alarm}")
        if claim.kind is Kind.PROBABILITY and not isinstance(claim.expect, AtLeast):
            raise InputError(f"probability claim {claim.id} needs expect=AtLeast(...)")
        self._papers[claim.paper] = claim.source.paper
        self._claims[claim.id] = claim
        return claim

    def not_checkable(self, source: Source, reason: str) -> None:
        self._papers[source.paper.key] = source.paper
        self._not_checkable.append(NotCheckable(source, reason))

    def decide(self, source: Source, flag: str, decision: str, reason: str,
               claims: tuple[str, ...] = ()) -> Decision:
        """Record the decision on an error a catalogue flags (see :class:`Decision`)."""
        if decision not in DECISIONS:
            raise InputError(f"decision on {flag!r} must be one of {', '.join(DECISIONS)}, got {decision!r}")
        if not reason.strip():
            raise InputError(f"decision on {flag!r} needs a reason a referee can read")
        self._papers[source.paper.key] = source.paper
        d = Decision(source, flag, decision, reason, tuple(claims))
        self._decisions.append(d)
        return d

    def record_readings(self, readings) -> None:
        """:meth:`record_reading` for each ``(claim id, reader class, outcome)`` of ``readings``
        (a paper's ``readings.py`` table)."""
        for claim_id, reader_class, outcome in readings:
            self.record_reading(claim_id, reader_class, outcome)

    def record_reading(self, claim_id: str, reader_class: str, outcome: str) -> Claim:
        """Append an independent referee reading to the note of a non-holding claim (issue 13).

        The reader saw only the paper text and the accusation, argued for the authors, and gave a
        class (``READER_CLASSES``); ``outcome`` says why, and where the reader's class differs from
        the audited one, why the audit keeps its own. The full reading is in
        ``docs/referee-readings/<paper>.md``.
        """
        claim = self.get(claim_id)
        if claim.status is Status.HOLDS:
            raise InputError(f"{claim_id} holds: only an erratum or a finding gets a referee reading")
        if reader_class not in READER_CLASSES:
            raise InputError(f"reader class of {claim_id} must be one of {', '.join(READER_CLASSES)}, "
                             f"got {reader_class!r}")
        if not outcome.strip():
            raise InputError(f"the referee reading of {claim_id} needs an outcome a referee can read")
        audited = claim.error_class.value if claim.error_class else claim.status.value
        verdict = "agrees" if reader_class == audited else f"differs from the audited class ({audited})"
        text = (f"Independent reading (docs/referee-readings/{claim.paper}.md): {reader_class}, {verdict}. "
                f"{outcome.strip()}")
        updated = dataclasses.replace(claim, note=f"{claim.note}\n{text}" if claim.note else text)
        self._claims[claim_id] = updated
        self._readings[claim_id] = reader_class
        return updated

    @property
    def readings(self) -> dict[str, str]:
        """Claim id -> the independent reader's class, for every claim that has a reading."""
        return dict(self._readings)

    @property
    def decisions(self) -> list[Decision]:
        return list(self._decisions)

    def validate_links(self) -> None:
        """Every erratum's (and finding's) corrected sibling exists, holds and points back."""
        for c in self._claims.values():
            if c.corrected_by:
                sib = self._claims.get(c.corrected_by)
                if sib is None:
                    raise InputError(f"erratum {c.id} names unknown sibling {c.corrected_by!r}")
                if sib.corrects != c.id:
                    raise InputError(f"sibling {sib.id} must declare corrects={c.id!r}")
                if sib.status is not Status.HOLDS:
                    raise InputError(f"sibling {sib.id} of {c.id} must hold (status holds)")

    # -- reading ------------------------------------------------------------------------------
    def __iter__(self):
        return iter(self._claims.values())

    def __len__(self) -> int:
        return len(self._claims)

    def __contains__(self, claim_id: str) -> bool:
        return claim_id in self._claims

    def get(self, claim_id: str) -> Claim:
        try:
            return self._claims[claim_id]
        except KeyError:
            close = [c for c in self._claims if claim_id.lower() in c.lower()][:5]
            hint = f"; did you mean {', '.join(close)}?" if close else "; `theorycheck list` shows them"
            raise UnknownNameError(f"unknown claim id {claim_id!r}{hint}") from None

    @property
    def papers(self) -> dict[str, Paper]:
        return dict(self._papers)

    def paper_claims(self, key: str) -> list[Claim]:
        if key not in self._papers:
            known = ", ".join(sorted(self._papers)) or "none"
            raise UnknownNameError(f"unknown paper {key!r} (known papers: {known})")
        return [c for c in self._claims.values() if c.paper == key]

    def errata_by_class(self, claims=None) -> dict[str, int]:
        """Errata counted by error class, and the findings that are not errata by status."""
        counts: dict[str, int] = {}
        for c in (claims if claims is not None else self._claims.values()):
            if c.status is Status.ERRATUM:
                key = c.error_class.value
            elif c.status.is_finding:
                key = c.status.value
            else:
                continue
            counts[key] = counts.get(key, 0) + 1
        return counts

    def false_alarm_budget(self, claims=None) -> float:
        """Bonferroni bound on P(some correct statistical claim is refuted) in one run."""
        return float(sum(c.false_alarm for c in (claims or self._claims.values()) if c.statistical))

    @property
    def unchecked(self) -> list[NotCheckable]:
        return list(self._not_checkable)


def _check_error_class(claim: Claim) -> None:
    if claim.status is Status.ERRATUM:
        if not isinstance(claim.error_class, ErrorClass):
            raise InputError(f"erratum {claim.id} needs error_class= one of "
                             f"{', '.join(e.value for e in ErrorClass)}")
        if claim.error_class is ErrorClass.STATEMENT and claim.scope:
            raise InputError(f"erratum {claim.id} leaves the paper's scope ({claim.scope}), so it cannot "
                             "be a statement erratum")
    elif claim.error_class is not None:
        raise InputError(f"claim {claim.id} has error_class but its status is {claim.status.value}, "
                         "not erratum")


#: The registry the paper modules fill (import :mod:`theory.papers` to load them all).
REGISTRY = Registry()


def claim(**fields):
    """Declare a claim and add it to :data:`REGISTRY`, in either of two forms.

    The call form gives every field, the predicate included, and returns the :class:`Claim`::

        claim(id="mynote2026.lem1.am-gm", source=..., statement=..., kind=Kind.INEQUALITY,
              domain=Space(a=Real(0, 10), b=Real(0, 10)), predicate=check_am_gm, mutants=(...))

    The decorator form leaves out ``predicate`` and decorates it (like Hypothesis's ``@given``);
    ``statement`` defaults to the predicate's docstring. The function is returned unchanged, with
    the claims it was registered under in its ``claims`` attribute, so one predicate may carry
    several ``@claim`` lines (e.g. with different ``params``)::

        @claim(id="mynote2026.lem1.am-gm", source=..., kind=Kind.INEQUALITY,
               domain=Space(a=Real(0, 10), b=Real(0, 10)),
               mutants=(Mutant("1/2 -> 0.4", params={"c": 0.4}),))
        def am_gm(inst, c=0.5):
            r"\\sqrt{ab} \\le (a+b)/2"
            return at_most((inst.a * inst.b) ** 0.5, c * (inst.a + inst.b))
    """
    for name in ("mutants", "examples"):  # lists read naturally in a declaration; the record keeps tuples
        if isinstance(fields.get(name), list):
            fields[name] = tuple(fields[name])
    if "predicate" in fields:
        return REGISTRY.add(Claim(**fields))

    def register(predicate):
        if not callable(predicate):
            raise InputError(f"@claim(id={fields.get('id')!r}) decorates a predicate, got {predicate!r}")
        statement = fields.get("statement") or inspect.cleandoc(predicate.__doc__ or "").split("\n\n")[0]
        if not statement:
            raise InputError(f"@claim(id={fields.get('id')!r}): give statement= or a docstring "
                             "on the predicate (the statement as the paper prints it)")
        added = REGISTRY.add(Claim(**{**fields, "statement": statement, "predicate": predicate}))
        predicate.claims = (*getattr(predicate, "claims", ()), added)
        return predicate

    return register


#: The fields :func:`erratum_pair` sets itself; the ``printed``/``corrected`` dicts may not
#: (``printed`` may set ``status`` to a finding: reading, vacuous, source-unverified).
_PAIR_LINK_FIELDS = ("status", "corrected_by", "corrects")


def erratum_pair(*, printed: dict, corrected: dict, register: Callable[..., Claim] = claim,
                 corrected_first: bool = False, **shared) -> tuple[Claim, Claim]:
    """Declare a printed statement that is false together with its corrected sibling.

    A paper module that finds a printed result false declares two claims (DESIGN.md): the statement
    as printed, expected to come out refuted (``status=Status.ERRATUM``), and the corrected
    statement that must hold. The two usually repeat most of their fields; this declares both at
    once::

        erratum_pair(
            source=..., kind=Kind.INEQUALITY, domain=SPACE, predicate=check,  # shared
            printed=dict(id="paper.res.printed-x", statement=..., params=..., note=...),
            corrected=dict(id="paper.res.x", statement=..., mutants=(...)),
        )

    The printed claim gets ``shared | printed | {status: ERRATUM, corrected_by: corrected["id"]}``
    (``printed`` may name another non-holding status, e.g. ``status=Status.READING``; an erratum
    also needs ``error_class=``)
    and the corrected one ``shared | corrected | {corrects: printed["id"]}`` (so its status stays the
    default HOLDS): a key in ``printed`` or ``corrected`` overrides the shared value for that claim
    only. The links and the erratum status are this function's job, so ``printed``, ``corrected``
    and ``shared`` may not set ``status``, ``corrected_by`` or ``corrects``
    (:class:`~theory.errors.InputError`).

    Each claim is passed as keyword fields to ``register`` (default :func:`claim`, which adds it to
    :data:`REGISTRY`; a module with its own wrapper, such as arora2019's single-threaded ``claim``,
    passes that). The printed claim is registered first, unless ``corrected_first`` — registration
    order is the order of every report, so a module that declared the corrected sibling first keeps
    it. The forward reference is fine either way: :meth:`Registry.add` does not resolve links,
    :meth:`Registry.validate_links` checks them once every module is loaded.

    Returns ``(printed_claim, corrected_claim)`` whatever the registration order.
    """
    status = printed.get("status", Status.ERRATUM)
    if not isinstance(status, Status) or status is Status.HOLDS:
        raise InputError(f"erratum_pair: the printed claim's status must be erratum or a finding "
                         f"(reading, vacuous, source-unverified), got {status!r}")
    printed = {k: v for k, v in printed.items() if k != "status"}
    for name, fields in (("printed", printed), ("corrected", corrected), ("shared", shared)):
        taken = [k for k in _PAIR_LINK_FIELDS if k in fields]
        if taken:
            raise InputError(f"erratum_pair: {name} fields may not set {', '.join(taken)} "
                             "(erratum_pair sets the erratum status and both links itself)")
    for name, fields in (("printed", printed), ("corrected", corrected)):
        if not isinstance(fields.get("id"), str):
            raise InputError(f"erratum_pair: the {name} claim needs an id")
    printed_fields = {**shared, **printed, "status": status, "corrected_by": corrected["id"]}
    corrected_fields = {**shared, **corrected, "corrects": printed["id"]}
    if corrected_first:
        fixed = register(**corrected_fields)
        return register(**printed_fields), fixed
    first = register(**printed_fields)
    return first, register(**corrected_fields)
