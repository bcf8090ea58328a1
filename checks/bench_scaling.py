"""How the cost of the heaviest claims grows with n, m and d: fitted exponents against the bound
their algorithm's complexity allows.

For each claim the quick profile spends most time on (by the committed baseline's per-claim wall
time), the claim itself declares (``cost_sweeps=``) the size parameters to sweep and the cost exponent
its algorithm has. The sweep times the claim's own predicate on one instance of the claim's
domain with the size overridden (or, where the size is fixed inside a run, the call the claim
declares), fits
log(seconds) against log(size) over the upper half of the sweep (where fixed per-call overheads
have stopped dominating), and passes when the fitted exponent is at most the complexity bound
plus :data:`SLACK`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from checks.bench import best_time

#: Allowed excess of a fitted cost exponent over its complexity bound (timing noise on a shared
#: 2-core machine moves a fitted exponent over a 4× size range by about ±0.15).
SLACK = 0.25


@dataclass
class Sweep:
    """One size parameter of one claim: the sizes, the cost of one call at each, the bound."""

    parameter: str
    sizes: list[int]
    bound: float
    algorithm: str
    cost: Callable[[int], Callable[[], object]]  # size -> a zero-argument call to time
    seconds: list[float] = field(default_factory=list)

    def run(self, rounds: int = 2) -> None:
        self.seconds = [best_time(self.cost(size), rounds) for size in self.sizes]

    @property
    def exponent(self) -> float:
        half = max(2, len(self.sizes) // 2 + 1)
        x, y = np.log(self.sizes[-half:]), np.log(self.seconds[-half:])
        return float(np.polyfit(x, y, 1)[0])

    @property
    def passed(self) -> bool:
        return self.exponent <= self.bound + SLACK

    def line(self) -> str:
        return (f"  cost ∝ {self.parameter}^{self.exponent:.2f}  (bound {self.bound:g} + {SLACK}: "
                f"{self.algorithm})  {'ok' if self.passed else 'WORSE THAN ITS ALGORITHM'}\n"
                f"    {self.parameter} = {self.sizes}: "
                + ", ".join(f"{s * 1e3:.1f}" for s in self.seconds) + " ms")

    def as_dict(self) -> dict:
        return {"parameter": self.parameter, "sizes": self.sizes, "seconds": self.seconds,
                "exponent": self.exponent, "bound": self.bound, "slack": SLACK,
                "algorithm": self.algorithm, "passed": self.passed}


def _claim_call(claim, field: str | None = None, param: str | None = None
                ) -> Callable[[int], Callable[[], object]]:
    """size -> a call of the claim's predicate on one instance of its domain (seed 0) with the
    size set: a domain field (``field``) or a predicate parameter (``param``)."""
    import dataclasses

    from checks.engine import evaluate

    def at(size: int) -> Callable[[], object]:
        target = claim
        if param:
            target = dataclasses.replace(claim, params={**claim.params, param: size})
        recipe = {**claim.domain.sample(np.random.default_rng(0)), **({field: size} if field else {})}
        return lambda: evaluate(target, recipe)
    return at


def declared_sweeps(claim) -> list[Sweep]:
    """The cost sweeps a claim declares in ``claim.cost_sweeps``: a sequence of objects with
    ``parameter``, ``sizes``, ``bound`` (the cost exponent its algorithm allows), ``algorithm``
    (the one-line reason) and how to set the size, one of ``field`` (a domain field), ``param``
    (a predicate parameter) or ``call`` (size -> a zero-argument call, for a kernel whose size is
    fixed inside the predicate). checks/ names no claim: what to sweep is the claim's to say."""
    sweeps = []
    for spec in getattr(claim, "cost_sweeps", None) or ():
        call = getattr(spec, "call", None) or _claim_call(claim, getattr(spec, "field", None),
                                                         getattr(spec, "param", None))
        sweeps.append(Sweep(spec.parameter, list(spec.sizes), float(spec.bound), spec.algorithm, call))
    return sweeps


def heaviest_claims(baseline: Path, count: int = 3) -> list[tuple[str, float]]:
    """The ``count`` claims with the largest wall time in a report.json, heaviest first."""
    report = json.loads(Path(baseline).read_text())
    timed = sorted(((c.get("wall_s") or 0.0, c["id"]) for c in report["claims"]), reverse=True)
    return [(cid, wall) for wall, cid in timed[:count]]


@dataclass
class ClaimScaling:
    claim: str
    baseline_wall_s: float | None
    sweeps: list[Sweep]

    @property
    def passed(self) -> bool:
        return bool(self.sweeps) and all(s.passed for s in self.sweeps)

    def text(self) -> str:
        wall = f"{self.baseline_wall_s:.1f} s in the baseline" if self.baseline_wall_s else "not timed"
        if not self.sweeps:
            return f"{self.claim} ({wall}): NO COST SWEEP DECLARED (the claim's cost_sweeps=...)"
        return f"{self.claim} ({wall})\n" + "\n".join(s.line() for s in self.sweeps)

    def as_dict(self) -> dict:
        return {"claim": self.claim, "baseline_wall_s": self.baseline_wall_s, "passed": self.passed,
                "sweeps": [s.as_dict() for s in self.sweeps]}


def measure_scaling(baseline: Path, count: int = 3) -> list[ClaimScaling]:
    """Sweep the sizes of the ``count`` heaviest claims of ``baseline`` as each declares (those
    without a declaration are reported as failures, so a new heavy claim cannot slip in
    unmeasured)."""
    import theory.papers  # noqa: F401  (registers the claims)
    from theory.claims import REGISTRY
    out = []
    for claim_id, wall in heaviest_claims(baseline, count):
        try:
            sweeps = declared_sweeps(REGISTRY.get(claim_id))
        except Exception:  # a claim of the baseline that is no longer registered
            sweeps = []
        for sweep in sweeps:
            sweep.run()
        out.append(ClaimScaling(claim_id, wall if math.isfinite(wall) else None, sweeps))
    return out
