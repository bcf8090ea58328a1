"""Exact tails of a binomial count, the left-hand sides of Hoeffding's bounds for Bernoulli sums.

The instance's p and t are floats, and every float is a dyadic rational, so P(S̄ − p ≥ t) for
S ~ Binomial(n, p) is a rational number that :mod:`fractions` computes exactly (the event
S ≥ n(p + t) is decided in exact arithmetic too, so no rounding moves an outcome across it).
Converting the result to float is the only rounding: half an ulp.
"""

from __future__ import annotations

import math
from fractions import Fraction


def _pmf_sum(n: int, p: Fraction, ks) -> Fraction:
    return sum((math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in ks), Fraction(0))


def upper_tail(n: int, p: float, t: float) -> Fraction:
    """P(S/n − p ≥ t) for S ~ Binomial(n, p), exactly."""
    P, T = Fraction(p), Fraction(t)
    k = math.ceil(n * (P + T))
    return _pmf_sum(n, P, range(max(k, 0), n + 1))


def two_sided_tail(n: int, p: float, t: float) -> Fraction:
    """P(|S/n − p| ≥ t) for S ~ Binomial(n, p) and t > 0, exactly."""
    P, T = Fraction(p), Fraction(t)
    low = math.floor(n * (P - T))  # S ≤ n(p − t)
    return upper_tail(n, p, t) + _pmf_sum(n, P, range(0, min(low, n) + 1))
