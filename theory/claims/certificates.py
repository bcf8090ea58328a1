"""Certificates: an erratum's counterexample re-evaluated outside the float64 search.

A float64 search can "refute" a statement by rounding alone. Before the suite accuses a paper, the
counterexample the search found is evaluated again, independently, in arithmetic whose result is
a proof: exact rationals (``fractions.Fraction``), exact symbolic algebra (sympy), or interval
arithmetic (mpmath's ``iv`` context, whose enclosures are rigorous at any working precision).

A :class:`Certificate` holds an enclosure ``[lo, hi]`` of ``lhs - rhs`` of the *printed* relation
(for ``==`` also of ``|lhs - rhs|``) and says whether that enclosure excludes the relation:

=========  =====================================  =========================
relation   the printed statement asserts          refuted for certain when
=========  =====================================  =========================
``<=``     lhs − rhs ≤ 0                          lo > 0
``>=``     lhs − rhs ≥ 0                          hi < 0
``>``      lhs − rhs > 0                          hi ≤ 0
``<``      lhs − rhs < 0                          lo ≥ 0
``==``     lhs − rhs = 0                          lo > 0 or hi < 0
=========  =====================================  =========================

Where the float sits at rounding level (λ_min of a singular matrix is 1e-17, not 0), certify the
exact structure instead: :func:`exact` with an exact difference (e.g. λ_min = 0 because an exact
rational null vector exists) and a ``method`` that says which structure was proved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from theory.errors import InputError

RELATIONS = ("<=", ">=", ">", "<", "==")


@dataclass(frozen=True)
class Certificate:
    """An enclosure of lhs − rhs of the printed relation, and the method that produced it."""

    method: str
    relation: str
    lo: float  # lower end of the enclosure of lhs - rhs (rounded outward to float)
    hi: float  # upper end
    detail: str = ""

    def __post_init__(self):
        if self.relation not in RELATIONS:
            raise InputError(f"certificate relation must be one of {RELATIONS}, got {self.relation!r}")
        if not (self.lo <= self.hi):
            raise InputError(f"certificate enclosure [{self.lo}, {self.hi}] is empty or NaN")

    @property
    def excludes_relation(self) -> bool:
        """Whether the enclosure proves the printed relation false on this instance."""
        lo, hi = self.lo, self.hi
        return {"<=": lo > 0, ">=": hi < 0, ">": hi <= 0, "<": lo >= 0,
                "==": lo > 0 or hi < 0}[self.relation]

    def as_dict(self) -> dict:
        return {"method": self.method, "relation": self.relation, "lhs_minus_rhs": [self.lo, self.hi],
                "excludes_relation": self.excludes_relation, "detail": self.detail}


def _down(x: Fraction) -> float:
    """The largest float ≤ x (outward rounding of an exact rational)."""
    f = float(x)
    return f if Fraction(f) <= x else math.nextafter(f, -math.inf)


def _up(x: Fraction) -> float:
    f = float(x)
    return f if Fraction(f) >= x else math.nextafter(f, math.inf)


def exact(difference: Any, relation: str, method: str, detail: str = "") -> Certificate:
    """A certificate from an exact value of lhs − rhs (a ``Fraction``, an int, or a sympy
    number that is rational or has a decidable sign)."""
    value = _as_fraction(difference)
    if value is not None:
        return Certificate(method, relation, _down(value), _up(value), detail)
    import sympy
    expr = sympy.nsimplify(difference) if not isinstance(difference, sympy.Basic) else difference
    lo, hi = _sympy_enclosure(expr)
    return Certificate(method, relation, lo, hi, detail)


def _as_fraction(x: Any) -> Fraction | None:
    if isinstance(x, bool):
        raise InputError("an exact difference must be a number, got a bool")
    if isinstance(x, (int, Fraction)):
        return Fraction(x)
    try:
        import sympy
    except ImportError:  # sympy is a dependency; without it only rationals are accepted
        return None
    if isinstance(x, sympy.Rational):
        return Fraction(int(x.p), int(x.q))
    return None


#: working precision (bits) of the interval evaluations; enclosures are rigorous at any precision,
#: 200 bits keeps them narrow enough to decide signs of differences far below float64's resolution
INTERVAL_BITS = 200


def _outward(value) -> tuple[float, float]:
    """Float ends that contain an mpmath interval (float() rounds to nearest: widen one ulp)."""
    lo, hi = float(value.a), float(value.b)
    return math.nextafter(lo, -math.inf), math.nextafter(hi, math.inf)


def _sympy_enclosure(expr) -> tuple[float, float]:
    """A rigorous float enclosure of a real sympy constant, evaluated in mpmath's interval context."""
    import mpmath
    import sympy
    if expr.is_real is False:
        raise InputError(f"certificate difference {expr} is not real")
    ivctx = mpmath.iv
    names = {"mpf": ivctx.mpf, "sqrt": ivctx.sqrt, "exp": ivctx.exp, "log": ivctx.log, "pi": ivctx.pi,
             "E": ivctx.e, "cos": ivctx.cos, "sin": ivctx.sin, "atan2": ivctx.atan2, "Abs": abs}
    fn = sympy.lambdify((), expr, modules=[names, "mpmath"])
    saved, ivctx.prec = ivctx.prec, INTERVAL_BITS
    try:
        value = ivctx.mpf(fn())
    finally:
        ivctx.prec = saved
    return _outward(value)


def interval(lhs_minus_rhs, relation: str, method: str = "", detail: str = "") -> Certificate:
    """A certificate from an mpmath ``iv`` enclosure of lhs − rhs, computed by the caller in
    ``mpmath.iv`` from the exact values of the instance's floats (see :func:`iv`)."""
    import mpmath
    lo, hi = _outward(mpmath.iv.mpf(lhs_minus_rhs))
    return Certificate(method or f"mpmath interval arithmetic ({mpmath.iv.prec}-bit ends)", relation,
                       lo, hi, detail)


def iv(x):
    """The exact value of a float (or an int, or a Fraction enclosed) as an mpmath interval.

    Arithmetic on the result is rigorous (outward-rounded) at ``mpmath.iv.prec`` bits; raise it
    with :func:`interval_precision` for differences far below float64's resolution."""
    import mpmath
    if isinstance(x, Fraction):
        return mpmath.iv.mpf(x.numerator) / x.denominator
    return mpmath.iv.mpf(float(x) if not isinstance(x, int) else x)


class interval_precision:
    """``with interval_precision(bits):`` evaluates mpmath intervals at ``bits`` bits."""

    def __init__(self, bits: int = INTERVAL_BITS):
        self.bits = bits

    def __enter__(self):
        import mpmath
        self.saved, mpmath.iv.prec = mpmath.iv.prec, self.bits
        return self

    def __exit__(self, *exc):
        import mpmath
        mpmath.iv.prec = self.saved
        return False


def rational(x) -> Fraction:
    """The exact rational value of a float (every finite float is a dyadic rational)."""
    if isinstance(x, bool) or not isinstance(x, (int, float, Fraction)):
        try:
            x = float(x)
        except (TypeError, ValueError):
            raise InputError(f"cannot take the exact value of {x!r}") from None
    if isinstance(x, float) and not math.isfinite(x):
        raise InputError(f"cannot take the exact value of {x!r}")
    return Fraction(x)
