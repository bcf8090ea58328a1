"""Statistics for the statistical kinds: exact binomial intervals and fitted exponents with CIs,
both from scipy.stats (issue 14: a well-kept library rather than hand-written intervals).

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
    """Exact (Clopper–Pearson) two-sided 1-alpha interval for a binomial proportion
    (``scipy.stats.binomtest(...).proportion_ci(method="exact")``)."""
    if isinstance(trials, bool) or isinstance(successes, bool):
        raise InputError(f"successes and trials must be integers, got {successes!r}/{trials!r}")
    if trials <= 0 or not 0 <= successes <= trials:
        raise InputError(f"need 0 <= successes <= trials and trials > 0, got {successes}/{trials}")
    if not 0 < alpha < 1:
        raise InputError(f"alpha must be in (0, 1), got {alpha}")
    ci = stats.binomtest(int(successes), int(trials)).proportion_ci(confidence_level=1 - alpha, method="exact")
    return float(ci.low), float(ci.high)


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
    """Fit log y = a + b log x and a percentile-bootstrap CI for b, resampling seeds
    (``scipy.stats.bootstrap``, method "percentile").

    ``y_by_seed`` has shape (seeds, len(x)): one measurement per seed and grid point. The point
    estimate fits the seed-averaged log y; each bootstrap replicate resamples whole seeds (the
    seed is the independent unit), so correlation along one seed's sweep is respected. With a
    single seed there is nothing to resample and the interval is the point estimate.
    """
    x = np.asarray(x, dtype=float)
    Y = np.asarray(y_by_seed, dtype=float)
    if Y.ndim != 2 or Y.shape[1] != x.size or x.size < 3:
        raise InputError(f"need y of shape (seeds, {x.size}) with at least 3 grid points, got {Y.shape}")
    if np.any(~np.isfinite(Y)) or np.any(Y <= 0) or np.any(x <= 0):
        raise InputError("a log-log fit needs positive finite x and y")
    if not 0 < alpha < 1:
        raise InputError(f"alpha must be in (0, 1), got {alpha}")
    logx, logY = np.log(x), np.log(Y)
    mean_log = logY.mean(axis=0)
    b = float(_slopes(logx, mean_log))
    a = float(mean_log.mean() - b * logx.mean())
    if Y.shape[0] < 2 or np.all(logY == logY[0]):
        return ExponentFit(b, a, (b, b), 1 - alpha)

    def slope_of_seed_mean(seed_index: np.ndarray, axis: int = -1) -> np.ndarray:
        # seed_index (..., seeds) holds resampled row numbers; average those rows, then fit
        return _slopes(logx, logY[seed_index.astype(int)].mean(axis=-2))

    result = stats.bootstrap((np.arange(Y.shape[0]),), slope_of_seed_mean, vectorized=True,
                             n_resamples=resamples, confidence_level=1 - alpha, method="percentile",
                             rng=rng)
    ci = result.confidence_interval
    return ExponentFit(b, a, (float(ci.low), float(ci.high)), 1 - alpha)
