"""Tests of checks.statistics: scipy's exact binomial interval and percentile bootstrap of a slope."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from checks.statistics import clopper_pearson, fit_exponent
from theory.errors import InputError


@pytest.mark.parametrize("successes, trials", [(0, 10), (3, 10), (10, 10), (190, 200), (300, 300)])
def test_clopper_pearson_matches_the_beta_quantiles(successes, trials):
    alpha = 0.01
    lo, hi = clopper_pearson(successes, trials, alpha)
    expect_lo = 0.0 if successes == 0 else stats.beta.ppf(alpha / 2, successes, trials - successes + 1)
    expect_hi = 1.0 if successes == trials else stats.beta.ppf(1 - alpha / 2, successes + 1, trials - successes)
    assert lo == pytest.approx(expect_lo, rel=1e-9, abs=1e-12)
    assert hi == pytest.approx(expect_hi, rel=1e-9, abs=1e-12)


def _sweep(slope: float, seeds: int, noise: float, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = np.array([1.0, 2.0, 4.0, 8.0, 16.0])
    return x, np.exp(slope * np.log(x)[None, :] + noise * rng.standard_normal((seeds, x.size)))


def test_fit_exponent_recovers_the_slope_and_its_interval_covers_it():
    x, Y = _sweep(-0.5, seeds=6, noise=0.05)
    fit = fit_exponent(x, Y, alpha=1e-3, rng=np.random.default_rng(1))
    assert fit.exponent == pytest.approx(-0.5, abs=0.05)
    assert fit.ci[0] < -0.5 < fit.ci[1] and fit.ci[1] - fit.ci[0] < 0.3
    assert fit.confidence == pytest.approx(0.999)


def test_fit_exponent_resamples_whole_seeds_like_the_hand_written_bootstrap_it_replaced():
    x, Y = _sweep(-1.0, seeds=6, noise=0.1)
    fit = fit_exponent(x, Y, alpha=0.01, rng=np.random.default_rng(7), resamples=4000)
    logx, logY = np.log(x), np.log(Y)
    xc = logx - logx.mean()
    picks = np.random.default_rng(7).integers(0, 6, size=(4000, 6))
    boot = (logY[picks].mean(axis=1) - logY[picks].mean(axis=(1, 2))[:, None]) @ xc / (xc @ xc)
    assert fit.ci == pytest.approx(tuple(np.quantile(boot, [0.005, 0.995])), abs=1e-3)


def test_fit_exponent_is_deterministic_given_the_generator():
    x, Y = _sweep(-0.5, seeds=4, noise=0.2)
    a = fit_exponent(x, Y, alpha=0.05, rng=np.random.default_rng(3))
    b = fit_exponent(x, Y, alpha=0.05, rng=np.random.default_rng(3))
    assert a == b


def test_a_noisier_sweep_has_a_wider_interval():
    x, quiet = _sweep(-0.5, seeds=6, noise=0.01)
    _, loud = _sweep(-0.5, seeds=6, noise=0.3)
    width = lambda Y: np.diff(fit_exponent(x, Y, alpha=0.01, rng=np.random.default_rng(0)).ci)[0]
    assert width(loud) > 5 * width(quiet)


@pytest.mark.parametrize("args", [(5, 3, 0.01), (1, 3, 0.0), (1, 0, 0.1), (True, 3, 0.1)])
def test_clopper_pearson_rejects_bad_input(args):
    with pytest.raises(InputError):
        clopper_pearson(*args)


def test_fit_exponent_rejects_non_positive_data():
    with pytest.raises(InputError, match="positive"):
        fit_exponent([1, 2, 3], [[1.0, -1.0, 2.0]], alpha=0.01, rng=np.random.default_rng(0))
