"""How the cost of the heaviest claims grows with n, m and d: fitted exponents against the bound
their algorithm's complexity allows.

For each claim the quick profile spends most time on (by the committed baseline's per-claim wall
time), :data:`SPECS` names the size parameters to sweep and the cost exponent its algorithm has.
The sweep times the claim's own predicate on one instance of the claim's domain with the size
overridden (or, where the size is fixed inside a sweep, the training kernel it calls), fits
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
from theory.sphere import make_points

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


def _claim_call(claim_id: str, params: dict | None = None, **overrides) -> Callable[[], object]:
    """A call of the claim's predicate on one instance of its domain (seed 0), sizes overridden:
    domain fields by keyword, predicate parameters (a size that is not a domain field) by
    ``params``."""
    import dataclasses

    import theory.papers  # noqa: F401  (registers the claims)
    from checks.engine import evaluate
    from theory.claims import REGISTRY
    claim = REGISTRY.get(claim_id)
    if params:
        claim = dataclasses.replace(claim, params={**claim.params, **params})
    recipe = {**claim.domain.sample(np.random.default_rng(0)), **overrides}
    return lambda: evaluate(claim, recipe)


def _shallow_gd_call(claim_id: str, m: int, steps: int = 100) -> Callable[[], object]:
    """``steps`` steps of homogeneity2025's shallow_gd_trajectory (uncached) on the claim's instance
    at width m: the run's length is set by the GF horizon, so the width is swept at a fixed count."""
    import theory.papers  # noqa: F401
    from theory.claims import REGISTRY
    from theory.papers.homogeneity2025 import shallow_gd_trajectory
    claim = REGISTRY.get(claim_id)
    inst = claim.domain.realize({**claim.domain.sample(np.random.default_rng(0)), "m": m})
    return lambda: shallow_gd_trajectory(inst, inst.eta0, max_steps=steps, cache=False)


def _training_call(*, n: int, m: int, d: int = 32, seeds: int = 3, steps: int = 50):
    from theory.two_layer_gd import init_weights, train
    X = make_points(n, d, "gauss", 1, 0)
    y = np.sign(X[:, 0] + 0.1)
    init = init_weights(m, d, 0.1, list(range(seeds)))
    return lambda: train(X, y, init, 0.1, steps)


SHALLOW_GD_CLAIMS = ("homogeneity2025.lemA.3.smoothed-margin-along-gd",
                     "homogeneity2025.lem3.4.margin-after-t1-along-gd",
                     "homogeneity2025.lem3.4.implicit-bias-along-gd",
                     "homogeneity2025.lem3.4.sup-norm-along-gd",
                     "homogeneity2025.lem3.4.margin-under-norm-condition-along-gd",
                     "homogeneity2025.thm3.1.feature-drift-along-gd")


def _specs() -> dict[str, list[Sweep]]:
    shallow = {cid: [Sweep("m", [64, 128, 256, 512, 1024, 2048], 1.0,
                           "GD step on eq. (1) with its features and C1: O(n·m·d) per step "
                           "(≤ 8000 steps, set by the GF horizon)",
                           lambda m, cid=cid: _shallow_gd_call(cid, m))]
               for cid in SHALLOW_GD_CLAIMS}
    return {
        **shallow,
        "telgarsky2023.lem2.4.crossing-margin": [
            Sweep("m", [1250, 2500, 5000, 10000, 20000], 2.0,
                  "GF to the crossing radius γ√m/80: O(n·m·d) a step, and a step count that grows "
                  "about linearly with m (the radius grows like √m at bounded speed)",
                  lambda m: _claim_call("telgarsky2023.lem2.4.crossing-margin", m=m)),
        ],
        "homogeneity2025.lemB.1.random-feature-reweighting": [
            Sweep("m", [37000, 74000, 147000, 294000, 588000], 1.0,
                  "an exact reweighting decision over m feature values: sorts, O(m log m)",
                  lambda m: _claim_call("homogeneity2025.lemB.1.random-feature-reweighting",
                                        {"width": m})),
        ],
        "wei2019.thm3.3.noisy-flow-escapes": [
            Sweep("particles", [100, 200, 400, 800, 1600], 1.0,
                  "4000 resampling steps of M particles on n points: O(steps·M·n)",
                  lambda M: _claim_call("wei2019.thm3.3.noisy-flow-escapes", particles=M)),
        ],
        "arora2019.thm4.1.trajectory-deviation-scaling": [
            Sweep("m", [128, 256, 512, 1024, 2048, 4096], 1.0,
                  "GD on (S, m, d) weights: O(K·S·n·m·d)",
                  lambda m: _training_call(n=32, m=m)),
            Sweep("n", [32, 64, 128, 256, 512, 1024], 1.0,
                  "GD on (S, m, d) weights: O(K·S·n·m·d)",
                  lambda n: _training_call(n=n, m=256)),
        ],
        "homogeneity2025.sec1.1.gain-head-two-homogeneous": [
            Sweep("width", [32, 64, 128, 256, 512, 1024], 2.0,
                  "forward passes and a JVP of a width×width residual net: O(n·width²)",
                  lambda w: _claim_call("homogeneity2025.sec1.1.gain-head-two-homogeneous",
                                        arch="residual", width=w, n=8, d=6)),
            Sweep("n", [64, 128, 256, 512, 1024, 2048], 1.0,
                  "forward passes and a JVP over n inputs: O(n·width²)",
                  lambda n: _claim_call("homogeneity2025.sec1.1.gain-head-two-homogeneous",
                                        arch="residual", width=64, n=n, d=6)),
        ],
        "homogeneity2025.thm3.6.smoothed-margin-rate": [
            Sweep("width", [32, 64, 128, 256, 512, 1024], 2.0,
                  "exact time derivative of the normalised margin of a width×width residual net: O(n·width²)",
                  lambda w: _claim_call("homogeneity2025.thm3.6.smoothed-margin-rate",
                                        arch="residual", width=w, n=8, d=6)),
        ],
        "arora2019.lem5.3.distance-ratio-limit": [
            Sweep("m", [128, 256, 512, 1024, 2048, 4096], 1.0,
                  "GD on (S, m, d) weights: O(K·S·n·m·d)",
                  lambda m: _training_call(n=32, m=m)),
        ],
        "wei2019.lemB.6.quadratic-regime": [
            Sweep("d", [16, 20, 24, 32, 40, 48], 6.0,
                  "smallest eigenvalue of the n×n moment matrix, n = d²/8: O(n³) = O(d⁶)",
                  lambda d: _claim_call("wei2019.lemB.6.quadratic-regime", d=d)),
        ],
    }


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
            return f"{self.claim} ({wall}): NO SCALING SWEEP DECLARED in checks/bench_scaling.py"
        return f"{self.claim} ({wall})\n" + "\n".join(s.line() for s in self.sweeps)

    def as_dict(self) -> dict:
        return {"claim": self.claim, "baseline_wall_s": self.baseline_wall_s, "passed": self.passed,
                "sweeps": [s.as_dict() for s in self.sweeps]}


def measure_scaling(baseline: Path, count: int = 3) -> list[ClaimScaling]:
    """Sweep the sizes of the ``count`` heaviest claims of ``baseline`` (those without a declared
    sweep are reported as failures, so a new heavy claim cannot slip in unmeasured)."""
    specs = _specs()
    out = []
    for claim_id, wall in heaviest_claims(baseline, count):
        sweeps = specs.get(claim_id, [])
        for sweep in sweeps:
            sweep.run()
        out.append(ClaimScaling(claim_id, wall if math.isfinite(wall) else None, sweeps))
    return out
