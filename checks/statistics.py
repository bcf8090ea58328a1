"""Statistics for the statistical kinds: exact binomial intervals and fitted exponents with CIs.

Every interval is two-sided at a stated false-alarm level ``alpha``: a correct claim is reported
as refuted with probability at most ``alpha`` (before Bonferroni over the registry).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from theory.lazy import lazy

stats = lazy("scipy.stats")

from theory.errors import InputError


def clopper_pearson(successes: int, trials: int, alpha: float) -> tuple[float, float]:
    """Exact (Clopper–Pearson) two-sided 1-alpha interval for a binomial proportion."""
    if trials <= 0 or not 0 <= successes <= trials:
        raise InputError(f"need 0 <= successes <= trials and trials > 0, got {successes}/{trials}")
    if not 0 < alpha < 1:
        raise InputError(f"alpha must be in (0, 1), got {alpha}")
    lo = 0.0 if successes == 0 else float(stats.beta.ppf(alpha / 2, successes, trials - successes + 1))
    hi = 1.0 if successes == trials else float(stats.beta.ppf(1 - alpha / 2, successes + 1, trials - successes))
    return lo, hi


@dataclass(frozen=True)
class ExponentFit:
    exponent: float
    intercept: float
    ci: tuple[float, float]
    confidence: float


def _slopes(logx: np.ndarray, logy: np.ndarray) -> np.ndarray:
    """Least-squares slopes of each row of ``logy`` (..., points) against ``logx`` (points,)."""
    xc = logx - logx.mean()
    return (logy - logy.mean(axis=-1, keepdims=True)) @ xc / (xc @ xc)


def fit_exponent(x, y_by_seed, *, alpha: float, rng: np.random.Generator,
                 resamples: int = 4000) -> ExponentFit:
    """Fit log y = a + b log x and a percentile-bootstrap CI for b, resampling seeds.

    ``y_by_seed`` has shape (seeds, len(x)): one measurement per seed and grid point. The point
    estimate fits the seed-averaged log y; each bootstrap replicate resamples whole seeds (the
    seed is the independent unit), so correlation along one seed's sweep is respected.
    """
    x = np.asarray(x, dtype=float)
    Y = np.asarray(y_by_seed, dtype=float)
    if Y.ndim != 2 or Y.shape[1] != x.size or x.size < 3:
        raise InputError(f"need y of shape (seeds, {x.size}) with at least 3 grid points, got {Y.shape}")
    if np.any(~np.isfinite(Y)) or np.any(Y <= 0) or np.any(x <= 0):
        raise InputError("a log-log fit needs positive finite x and y")
    logx, logY = np.log(x), np.log(Y)
    mean_log = logY.mean(axis=0)
    b = float(_slopes(logx, mean_log))
    a = float(mean_log.mean() - b * logx.mean())
    seeds = Y.shape[0]
    picks = rng.integers(0, seeds, size=(resamples, seeds))
    boot = _slopes(logx, logY[picks].mean(axis=1))
    lo, hi = np.quantile(boot, [alpha / 2, 1 - alpha / 2])
    return ExponentFit(b, a, (float(lo), float(hi)), 1 - alpha)
