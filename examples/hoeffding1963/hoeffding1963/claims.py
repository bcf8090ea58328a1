"""Hoeffding (1963), checked: Theorem 1's bounds (2.1)–(2.3) on Bernoulli sums, Theorem 2's bound
for the mean, and the moment-generating-function bound (4.16) used in its proof.

Scope, stated once: the tail claims are checked on sums of i.i.d. Bernoulli(p) variables, whose
tails are computed exactly (:mod:`hoeffding1963.tails`). Bernoulli sums are the extremal case of
Theorem 1 (Hoeffding's proof bounds every [0, 1]-valued summand by the Bernoulli with the same
mean), so they are where a wrong constant shows first; they are not every case the theorem allows.
The mgf bound is checked on two-point laws, again the extremal case (a convex function of X on
[a, b] is largest in expectation for the two-point law with the same mean).

The paper has no known error in these results. Its pair below is a ``reading`` finding, not an
erratum: the bound e^{−2nt²} is printed for the one-sided deviation S̄ − μ ≥ t, and it is often
quoted for |S̄ − μ| ≥ t, where it is false; the printed one-sided form is the sibling that holds.

Equation numbers are those of the journal version; this repository holds no text copy of the
paper, so ``Source.line`` is left empty.
"""

from __future__ import annotations

import math


from hoeffding1963.tails import two_sided_tail, upper_tail
from theory.claims import (Int, Kind, Mutant, Paper, Real, Source, Space, Status, at_most, claim,
                           erratum_pair, precondition_failed)

EPS = 2.0**-52

HOEFFDING = Paper(key="hoeffding1963", authors="W. Hoeffding", year=1963,
                  title="Probability inequalities for sums of bounded random variables",
                  where="Journal of the American Statistical Association 58(301), 13–30",
                  url="https://doi.org/10.1080/01621459.1963.10500830")

#: n i.i.d. Bernoulli(p) summands, a deviation t of their mean; p = 0 and p → 1 included
BERNOULLI = Space(n=Int(1, 30), p=Real(0.0, 1.0), t=Real(0.0, 1.0))


def _kl_exponent(p: float, t: float) -> float:
    """−log of Hoeffding's bound (2.1) for one summand: (p+t) log((p+t)/p) + (1−p−t) log((1−p−t)/(1−p))."""
    # imported here, not at the top: `theorycheck list` imports every installed paper's claims, and
    # scipy.special alone took 0.24 s of the 1 s a listing may take
    from scipy.special import xlogy
    a, b = p + t, 1.0 - p - t
    return (xlogy(a, a) - xlogy(a, p)) + (xlogy(b, b) - xlogy(b, 1.0 - p))


def _exp_tol(value: float, exponent_magnitude: float, ops: int = 8) -> float:
    """Error model of exp(x) with x computed by ``ops`` float operations on terms of size
    ``exponent_magnitude``: relative error ≤ ops·eps·(1 + |x|) (the absolute error of x is
    ops·eps·|x|, and exp turns an absolute error of x into a relative one). An exp that is 0
    (x = −∞, as at μ = 0 where the bound itself is 0) is exact: tolerance 0, not 0·∞."""
    if value == 0.0:
        return 0.0
    return ops * EPS * (1.0 + exponent_magnitude) * value


@claim(id="hoeffding1963.thm1.kl-bound", source=Source(HOEFFDING, "Theorem 1", section="§2, eq. (2.1)"),
       kind=Kind.INEQUALITY, domain=BERNOULLI,
       examples=({"n": 1, "p": 0.5, "t": 0.49},),  # near t = 1 − μ, where the bound is nearly tight
       mutants=(Mutant("power n -> n+1", params={"extra_power": 1},
                       why="one more factor makes the bound smaller than the tail at n = 1"),))
def kl_bound(inst, extra_power=0):
    r"""P(\bar S - \mu \ge t) \le [(\mu/(\mu+t))^{\mu+t} ((1-\mu)/(1-\mu-t))^{1-\mu-t}]^n"""
    n, p, t = inst.n, inst.p, inst.t
    if not (0.0 < t < 1.0 - p):
        return precondition_failed("Theorem 1 needs 0 < t < 1 − μ")
    x = (n + extra_power) * _kl_exponent(p, t)
    rhs = math.exp(-x)
    return at_most(float(upper_tail(n, p, t)), rhs, tol=_exp_tol(rhs, abs(x)) + EPS,
                   why="exact tail rounded once; exp of a float exponent: 8 eps (1 + |x|) relative")


def _g(p: float) -> float:
    """Hoeffding's g(μ) of (2.2): log((1−μ)/μ)/(1−2μ) below 1/2, 1/(2μ(1−μ)) from 1/2 on.

    Near μ = 1/2 the first branch is 0/0 (it tends to 2): there log((1−μ)/μ) = log1p(x) with
    x = (1−2μ)/μ ≤ 2, computed without cancellation. Below 1/4 the logarithm is at least log 3, so
    log1p(−μ) − log μ loses nothing, and it stays finite for subnormal μ (where x overflows)."""
    if p < 0.25:
        return (math.log1p(-p) - math.log(p)) / (1.0 - 2.0 * p)
    if p < 0.5:
        x = (1.0 - 2.0 * p) / p
        return math.log1p(x) / (x * p)
    return 1.0 / (2.0 * p * (1.0 - p))


@claim(id="hoeffding1963.thm1.g-bound", source=Source(HOEFFDING, "Theorem 1", section="§2, eq. (2.2)"),
       kind=Kind.INEQUALITY, domain=BERNOULLI,
       examples=({"n": 1, "p": 0.5, "t": 0.01},),  # D(μ+t‖μ) = 2t² + O(t⁴) at μ = 1/2
       mutants=(Mutant("g(mu) -> g(mu) + 1/2", params={"g_shift": 0.5}),))
def g_bound(inst, g_shift=0.0):
    r"""[(\mu/(\mu+t))^{\mu+t} ((1-\mu)/(1-\mu-t))^{1-\mu-t}]^n \le e^{-n t^2 g(\mu)}"""
    n, p, t = inst.n, inst.p, inst.t
    if not (0.0 < t < 1.0 - p):
        return precondition_failed("Theorem 1 needs 0 < t < 1 − μ")
    if p == 0.0:
        return precondition_failed("g(μ) is defined for 0 < μ < 1")
    x_kl = n * _kl_exponent(p, t)
    x_g = n * t * t * (_g(p) + g_shift)
    lhs, rhs = math.exp(-x_kl), math.exp(-x_g)
    return at_most(lhs, rhs, tol=_exp_tol(lhs, x_kl) + _exp_tol(rhs, x_g),
                   why="both sides exp of float exponents: 8 eps (1 + |x|) relative each")


@claim(id="hoeffding1963.lem.mgf", source=Source(HOEFFDING, "inequality (4.16)", section="§4, proof of Theorem 2"),
       kind=Kind.INEQUALITY, domain=Space(a=Real(-4.0, 0.0), b=Real(0.0, 4.0), h=Real(-4.0, 4.0)),
       examples=({"a": -1.0, "b": 1.0, "h": 0.5},),  # a fair ±1 sign: cosh h against e^{h²/2}
       mutants=(Mutant("constant 1/8 -> 1/10", params={"c": 0.1}),))
def mgf_bound(inst, c=0.125):
    r"""E e^{hX} \le e^{h^2 (b-a)^2 / 8}"""
    a, b, h = inst.a, inst.b, inst.h
    if not a < b:
        return precondition_failed("a < b (a non-degenerate range)")
    q = -a / (b - a)  # P(X = b) of the two-point law on {a, b} with mean 0
    lhs = (1.0 - q) * math.exp(h * a) + q * math.exp(h * b)
    x = c * h * h * (b - a) ** 2
    rhs = math.exp(x)
    return at_most(lhs, rhs, tol=_exp_tol(lhs, abs(h) * max(-a, b)) + _exp_tol(rhs, x),
                   why="two exps and a convex combination: 8 eps (1 + |x|) relative per side")


def _mean_deviation(inst, c=2.0, two_sided=False):
    n, p, t = inst.n, inst.p, inst.t
    if not t > 0.0:
        return precondition_failed("Theorem 2 needs t > 0")
    tail = two_sided_tail(n, p, t) if two_sided else upper_tail(n, p, t)
    x = c * n * t * t
    rhs = math.exp(-x)
    return at_most(float(tail), rhs, tol=_exp_tol(rhs, x) + EPS,
                   why="exact tail rounded once; exp of a float exponent: 8 eps (1 + |x|) relative")


erratum_pair(
    source=Source(HOEFFDING, "Theorem 2", section="§2, eq. (2.6) with a_i = 0, b_i = 1"),
    kind=Kind.INEQUALITY, domain=BERNOULLI, predicate=_mean_deviation,
    printed=dict(
        id="hoeffding1963.thm2.two-sided-reading", status=Status.READING,
        statement=r"P(|\bar S - \mu| \ge t) \le e^{-2 n t^2}",
        params={"two_sided": True},
        examples=({"n": 1, "p": 0.5, "t": 0.5},),
        note="Not an error of the paper: (2.6) bounds the one-sided deviation. This records the "
             "two-sided reading under which the bound is often quoted; it fails already for one fair "
             "coin (P(|X − 1/2| ≥ 1/2) = 1 > e^{−1/2}). The union bound gives 2e^{−2nt²}."),
    corrected=dict(
        id="hoeffding1963.thm2.one-sided",
        statement=r"P(\bar S - \mu \ge t) \le e^{-2 n t^2}",
        examples=({"n": 1, "p": 0.2, "t": 0.75},),  # one coin, t near 1 − μ: tail 0.2 vs e^{−1.125}
        mutants=(Mutant("constant 2 -> 3", params={"c": 3.0}),)),
)
