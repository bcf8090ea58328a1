"""The claim record: what one executable statement of a paper is made of.

A claim is declared once, as data (see ``DESIGN.md``): an id, where the paper states it, the
statement as printed, its kind, the instance space (``domain``), a ``predicate`` that computes both
sides on one instance, what the suite expects (``status``), the ``mutants`` that must be refuted,
and the ``tier`` that says how expensive it is. Nothing here runs a search: :mod:`checks.engine`
turns a claim into a verdict. The registry the claims are added to is :mod:`theory.claims.registry`.
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
    """What the suite expects of a claim.

    ``holds``: the statement must be verified. Every other status names a printed statement whose
    literal form the suite expects to come out refuted while a sibling (``corrected_by``) holds:

    - ``erratum``: the paper is wrong (see :class:`ErrorClass` for how);
    - ``reading``: informal prose or an ambiguous phrase; one reading fails, the sibling is the
      other reading, and it holds. Not an erratum;
    - ``vacuous``: the statement is true but empty for the stated parameters (the refuted claim
      is the non-emptiness the text seems to take for granted). Not an erratum;
    - ``source-unverified``: our text copy of the paper may be garbled there (merged symbols, a
      dimensionally impossible formula) and the original cannot be consulted here. Not an erratum.
    """

    HOLDS = "holds"
    ERRATUM = "erratum"
    READING = "reading"
    VACUOUS = "vacuous"
    SOURCE_UNVERIFIED = "source-unverified"

    @property
    def is_finding(self) -> bool:
        """A status whose printed form is expected refuted but that is never counted as an erratum."""
        return self in (Status.READING, Status.VACUOUS, Status.SOURCE_UNVERIFIED)

    @property
    def expects_refutation(self) -> bool:
        """The printed form must come out refuted and its sibling verified."""
        return self is not Status.HOLDS


class ErrorClass(str, Enum):
    """What kind of error an ``erratum`` is (DESIGN.md, "Verdicts a referee can trust").

    - ``statement``: the numbered result as printed is false under every hypothesis the paper
      states (its counterexample satisfies the paper's standing assumptions);
    - ``proof``: a step of a proof is false, but the result itself is not refuted;
    - ``typo``: the intended form is evident from the paper's own later use.
    """

    STATEMENT = "statement"
    PROOF = "proof"
    TYPO = "typo"


class Tier(str, Enum):
    """Cost class: quick runs in CI, standard in minutes on a CPU, gpu at the paper's scale."""

    QUICK = "quick"
    STANDARD = "standard"
    GPU = "gpu"


TIER_ORDER = {Tier.QUICK: 0, Tier.STANDARD: 1, Tier.GPU: 2}


class Verdict(str, Enum):
    VERIFIED = "verified"
    REFUTED = "refuted"
    ERRATUM_CONFIRMED = "erratum-confirmed"   # an erratum's printed form refuted, sibling verified
    FINDING_CONFIRMED = "finding-confirmed"   # the same for a reading / vacuous / source-unverified
    INCONCLUSIVE = "inconclusive"
    ERROR = "error"


@dataclass(frozen=True)
class Assumption:
    """A hypothesis that holds throughout a paper (a *standing assumption*), as a check.

    ``reads`` names the objects the check needs (``"X"`` the inputs, ``"y"`` the labels, ...). The
    engine looks each name up in a counterexample's ``witness`` (``Evidence.details["witness"]``)
    and then among the instance's fields; an assumption applies to a counterexample when every
    name it reads is found. ``check(**objects)`` returns ``None`` when the assumption holds and a
    one-line reason when it does not. ``cite`` says where the paper states it.
    """

    name: str
    reads: tuple[str, ...]
    check: Callable[..., str | None]
    cite: str = ""


@dataclass(frozen=True)
class Paper:
    """Bibliographic record: enough to find the paper without the text copy in shared/papers.

    ``url`` is the page a reader follows (an arXiv abstract page or OpenReview);
    ``assumptions`` are the paper's standing hypotheses, checked on every counterexample of an
    erratum or finding of this paper (see :class:`Assumption`).
    """

    key: str
    authors: str
    year: int
    title: str
    where: str  # arXiv id and/or venue
    url: str = ""
    assumptions: tuple[Assumption, ...] = ()

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
            "url": self.paper.url,
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
    #: for an erratum: statement / proof / typo (see ErrorClass)
    error_class: ErrorClass | None = None
    #: why this claim deliberately leaves the paper's standing assumptions ("" = it stays inside);
    #: such a claim is not checked against them and cannot be a statement erratum
    scope: str = ""
    #: for a non-statistical erratum: ``certify(instance, **params) -> Certificate`` re-evaluates
    #: the counterexample outside float64 (exact or interval arithmetic, see theory.claims.certificates)
    certify: Callable[..., Any] | None = None
    #: engine policy: run the predicate with this many BLAS/OpenMP and torch threads (None = the
    #: run's share); e.g. 1 for many small eigenproblems, where threads only add contention
    threads: int | None = None
    #: report label of a scaling claim's fitted quantity (the y axis of its fit)
    y_label: str = ""
    #: recipes every run evaluates first (like Hypothesis's ``@example``): instances where the
    #: proof shows the bound is tight, or edge cases of the hypotheses
    examples: tuple[dict, ...] = ()

    @property
    def paper(self) -> str:
        return self.source.paper.key

    @property
    def checks_certificate(self) -> bool:
        """Whether a refutation of this claim must be certified outside float64."""
        return self.status is Status.ERRATUM and not self.statistical and self.kind in (
            Kind.IDENTITY, Kind.INEQUALITY)

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
            error_class=None,
            certify=None,
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




@dataclass(frozen=True)
class Decision:
    """What the suite decided about an error a catalogue (or an earlier issue) flags in a paper.

    ``flag`` is the catalogue's label or a short name of the flagged item (e.g. "H4",
    "Telgarsky m7"); ``decision`` is one of :data:`DECISIONS`; ``claims`` the ids that check it,
    if any; ``reason`` the argument a referee would read, citing the paper's text.
    """

    source: Source
    flag: str
    decision: str
    reason: str
    claims: tuple[str, ...] = ()


#: erratum classes, findings that are not errata, and the two ways an item is not registered
DECISIONS = ("statement", "proof", "typo", "reading", "vacuous", "source-unverified",
             "not an error", "not checkable")
