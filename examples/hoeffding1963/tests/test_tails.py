from fractions import Fraction

from hoeffding1963.tails import two_sided_tail, upper_tail


def test_upper_tail_of_two_fair_coins():
    # S ~ Bin(2, 1/2): P(S/2 − 1/2 ≥ 1/2) = P(S = 2) = 1/4, and P(S/2 ≥ 1/2 + 1/4) too
    assert upper_tail(2, 0.5, 0.5) == Fraction(1, 4)
    assert upper_tail(2, 0.5, 0.25) == Fraction(1, 4)


def test_two_sided_tail_of_one_fair_coin_is_certain():
    assert two_sided_tail(1, 0.5, 0.5) == 1
    assert two_sided_tail(3, 0.5, 0.5) == Fraction(2, 8)


def test_the_kl_bound_at_mean_zero_is_zero_and_holds_exactly():
    # μ = 0: the tail is 0 and so is the bound (0^t); the tolerance must be 0, not 0·∞ = NaN
    from hoeffding1963.claims import kl_bound
    from theory.domains import Instance

    ev = kl_bound(Instance({}, {"n": 1, "p": 0.0, "t": 0.5}))
    assert ev.holds and ev.lhs == 0.0 and ev.rhs == 0.0 and ev.tol == 2.0**-52
