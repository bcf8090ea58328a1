"""The claim record and the registry every paper module adds to.

A claim is declared once, as data (see ``DESIGN.md``): an id, where the paper states it, the
statement as printed, its kind, the instance space (``domain``), a ``predicate`` that computes both
sides on one instance, what the suite expects (``status``), the ``mutants`` that must be refuted,
and the ``tier`` that says how expensive it is. Nothing here runs a search: :mod:`checks.engine`
turns a claim into a verdict.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Mapping

from theory.domains import Space
from theory.errors import InputError, UnknownNameError


class Kind(str, Enum):
    """How a claim is checked (DESIGN.md, "A claim is declared once")."""

    IDENTITY = "identity"        # both sides equal, to a stated float error model
    INEQUALITY = "inequality"    # a finite inequality on every instance
    SCALING = "scaling"          # a fitted exponent with a confidence interval
    PROBABILITY = "probability"  # a frequency with an exact binomial bound
    DYNAMICS = "dynamics"        # a property along a training trajectory
    EXPERIMENT = "experiment"    # a figure or table of the paper, with the numbers it must show


class Status(str, Enum):
    """What the suite expects of a claim."""

    HOLDS = "holds"
    ERRATUM = "erratum"  # the printed statement is false; a corrected sibling must hold


class Tier(str, Enum):
    """Cost class: quick runs in CI, standard in minutes on a CPU, gpu at the paper's scale."""

    QUICK = "quick"
    STANDARD = "standard"
    GPU = "gpu"


TIER_ORDER = {Tier.QUICK: 0, Tier.STANDARD: 1, Tier.GPU: 2}


class Verdict(str, Enum):
    VERIFIED = "verified"
    REFUTED = "refuted"
    ERRATUM_CONFIRMED = "erratum-confirmed"
    INCONCLUSIVE = "inconclusive"
    ERROR = "error"


@dataclass(frozen=True)
class Paper:
    """Bibliographic record: enough to find the paper without the text copy in shared/papers."""

    key: str
    authors: str
    year: int
    title: str
    where: str  # arXiv id and/or venue

    @property
    def citation(self) -> str:
        return f"{self.authors} ({self.year}). {self.title}. {self.where}"


@dataclass(frozen=True)
class Source:
    """Where a result is stated: the paper, the result's number, the section or equation, the line."""

    paper: Paper
    result: str
    section: str | None = None
    line: int | None = None

    def as_dict(self) -> dict:
        return {
            "paper": self.paper.key,
            "citation": self.paper.citation,
            "result": self.result,
            "section": self.section,
            "line": self.line,
        }


@dataclass(frozen=True)
class Exponent:
    """Expected value of a fitted log-log slope: verified when the CI lies inside value ± tol."""

    value: float
    tol: float

    @property
    def accept(self) -> tuple[float, float]:
        return (self.value - self.tol, self.value + self.tol)


@dataclass(frozen=True)
class AtLeast:
    """A probability claim: P(event) >= level."""

    level: float


@dataclass(frozen=True)
class Mutant:
    """A named perturbation of a claim that the same search budget must refute.

    Exactly the fields given replace the claim's: ``params`` are merged into the claim's
    parameters, ``domain`` replaces the instance space, ``expect`` the expected exponent or level.
    """

    name: str
    params: Mapping[str, Any] = field(default_factory=dict)
    domain: Space | None = None
    expect: Exponent | AtLeast | None = None
    why: str = ""


@dataclass(frozen=True)
class Claim:
    """One executable statement of a paper. See the module docstring."""

    id: str
    source: Source
    statement: str
    kind: Kind
    domain: Space
    predicate: Callable[..., Any]
    status: Status = Status.HOLDS
    tier: Tier = Tier.QUICK
    params: Mapping[str, Any] = field(default_factory=dict)
    mutants: tuple[Mutant, ...] = ()
    corrected_by: str | None = None  # for an erratum: the id of the corrected sibling
    corrects: str | None = None      # for a corrected sibling: the id of the printed claim
    expect: Exponent | AtLeast | None = None
    false_alarm: float = 1e-4        # budget for statistical claims (Bonferroni share of the run)
    stochastic: bool = False         # an identity/inequality whose tolerance is a Monte-Carlo error model
    diagnostics: Callable[..., list] | None = None  # rng -> plot series for the report (optional)
    note: str = ""

    @property
    def paper(self) -> str:
        return self.source.paper.key

    @property
    def statistical(self) -> bool:
        """Whether a correct claim can come out refuted by chance (so its false_alarm counts)."""
        return self.stochastic or self.kind in (Kind.PROBABILITY, Kind.SCALING)

    def with_mutant(self, mutant: Mutant) -> "Claim":
        """The claim as the mutant perturbs it (same id; the engine labels it with the mutant)."""
        return dataclasses.replace(
            self,
            params={**self.params, **mutant.params},
            domain=mutant.domain if mutant.domain is not None else self.domain,
            expect=mutant.expect if mutant.expect is not None else self.expect,
            status=Status.HOLDS,
            mutants=(),
        )

    def mutant(self, name: str) -> Mutant:
        for m in self.mutants:
            if m.name == name:
                return m
        names = ", ".join(repr(m.name) for m in self.mutants) or "none"
        raise UnknownNameError(f"claim {self.id} has no mutant {name!r} (its mutants: {names})")


@dataclass(frozen=True)
class NotCheckable:
    """A numbered result the suite lists but cannot check numerically, with the reason."""

    source: Source
    reason: str


_ID = re.compile(r"^[a-z][a-z0-9]*\.[A-Za-z0-9.]+\.[a-z0-9][a-z0-9-]*$")


class Registry:
    """All registered claims, in registration order, with the consistency rules enforced."""

    def __init__(self) -> None:
        self._claims: dict[str, Claim] = {}
        self._not_checkable: list[NotCheckable] = []
        self._papers: dict[str, Paper] = {}

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
        if claim.status is Status.ERRATUM and not claim.corrected_by:
            raise InputError(f"erratum {claim.id} names no corrected sibling (corrected_by)")
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

    def validate_links(self) -> None:
        """Every erratum's corrected sibling exists and points back."""
        for c in self._claims.values():
            if c.corrected_by:
                sib = self._claims.get(c.corrected_by)
                if sib is None:
                    raise InputError(f"erratum {c.id} names unknown sibling {c.corrected_by!r}")
                if sib.corrects != c.id:
                    raise InputError(f"sibling {sib.id} must declare corrects={c.id!r}")

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

    def false_alarm_budget(self, claims=None) -> float:
        """Bonferroni bound on P(some correct statistical claim is refuted) in one run."""
        return float(sum(c.false_alarm for c in (claims or self._claims.values()) if c.statistical))

    @property
    def unchecked(self) -> list[NotCheckable]:
        return list(self._not_checkable)


#: The registry the paper modules fill (import :mod:`theory.papers` to load them all).
REGISTRY = Registry()


def claim(**fields) -> Claim:
    """Declare a claim and add it to :data:`REGISTRY` (the form paper modules use)."""
    return REGISTRY.add(Claim(**fields))


#: The fields :func:`erratum_pair` sets itself; the ``printed``/``corrected`` dicts may not.
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
    for name, fields in (("printed", printed), ("corrected", corrected), ("shared", shared)):
        taken = [k for k in _PAIR_LINK_FIELDS if k in fields]
        if taken:
            raise InputError(f"erratum_pair: {name} fields may not set {', '.join(taken)} "
                             "(erratum_pair sets the erratum status and both links itself)")
    for name, fields in (("printed", printed), ("corrected", corrected)):
        if not isinstance(fields.get("id"), str):
            raise InputError(f"erratum_pair: the {name} claim needs an id")
    printed_fields = {**shared, **printed, "status": Status.ERRATUM, "corrected_by": corrected["id"]}
    corrected_fields = {**shared, **corrected, "corrects": printed["id"]}
    if corrected_first:
        fixed = register(**corrected_fields)
        return register(**printed_fields), fixed
    first = register(**printed_fields)
    return first, register(**corrected_fields)
