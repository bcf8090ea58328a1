from fractions import Fraction

from hoeffding1963.tails import two_sided_tail, upper_tail


def test_upper_tail_of_two_fair_coins():
    # S ~ Bin(2, 1/2): P(S/2 − 1/2 ≥ 1/2) = P(S = 2) = 1/4, and P(S/2 ≥ 1/2 + 1/4) too
    assert upper_tail(2, 0.5, 0.5) == Fraction(1, 4)
    assert upper_tail(2, 0.5, 0.25) == Fraction(1, 4)


def test_two_sided_tail_of_one_fair_coin_is_certain():
    assert two_sided_tail(1, 0.5, 0.5) == 1
    assert two_sided_tail(3, 0.5, 0.5) == Fraction(2, 8)
