"""theory.losses: the losses, their inverses and the smoothed margin of Lemma A.1."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from theory import losses
from theory.errors import InputError


@pytest.mark.parametrize("loss", losses.LOSSES)
def test_inverse_undoes_the_loss(loss):
    for z in [-30.0, -3.0, 0.0, 0.5, 10.0, 40.0, 300.0]:
        s = float(losses.loss_values(np.array([z]), loss)[0])
        if s > 0:
            assert losses.inverse(s, loss) == pytest.approx(z, rel=1e-10, abs=1e-10)


def test_smoothed_margin_matches_the_subset_sum_for_small_n():
    # ψ(p) = −ln Σ_{∅≠S⊆[n]} exp(−Σ_{i∈S} p_i) for the logistic loss (catalogue D9)
    rng = np.random.default_rng(0)
    for n in range(1, 6):
        p = rng.normal(scale=2.0, size=n)
        total = sum(math.exp(-sum(p[list(S)])) for r in range(1, n + 1)
                    for S in itertools.combinations(range(n), r))
        assert losses.smoothed_margin(p, "logistic") == pytest.approx(-math.log(total), rel=1e-12)


def test_smoothed_margin_survives_huge_margins():
    p = np.array([700.0, 800.0, 900.0])
    assert losses.smoothed_margin(p, "logistic") == pytest.approx(700.0, abs=1e-9)
    assert losses.smoothed_margin(p, "exponential") == pytest.approx(700.0, abs=1e-9)


def test_neg_derivative_does_not_underflow_at_moderate_margins():
    # the tanh form 0.5(1 − tanh(z/2)) is exactly 0 at z = 40; expit is not
    assert losses.neg_derivative(np.array([40.0]))[0] == pytest.approx(math.exp(-40.0), rel=1e-12)


def test_zero_margins_break_the_printed_lemma_a1_part2_at_n_8():
    p = np.zeros(8)
    psi = losses.smoothed_margin(p, "logistic")
    assert psi == pytest.approx(-math.log(255.0), rel=1e-12)
    assert psi + 2 * math.log(8) + 1 < 0.0  # = −0.382: the printed right side is below min p = 0


def test_mean_neg_derivative_is_G():
    p = np.array([0.0, 1.0, -2.0])
    assert losses.mean_neg_derivative(p) == pytest.approx(np.mean(1 / (1 + np.exp(p))), rel=1e-14)


@pytest.mark.parametrize("bad, match", [
    (lambda: losses.loss_values(np.array([]), "logistic"), "margins is empty"),
    (lambda: losses.loss_values(np.array([1.0]), "hinge"), "loss must be one of"),
    (lambda: losses.inverse(0.0), "s must be >"),
    (lambda: losses.smoothed_margin(np.array([np.nan])), "non-finite"),
])
def test_bad_input_is_named(bad, match):
    with pytest.raises(InputError, match=match):
        bad()


@pytest.mark.parametrize("loss", losses.LOSSES)
def test_second_derivative_is_the_slope_of_the_negative_derivative(loss):
    p, h = np.array([-3.0, -0.4, 0.0, 0.7, 5.0]), 1e-6
    fd = -(losses.neg_derivative(p + h, loss) - losses.neg_derivative(p - h, loss)) / (2 * h)
    np.testing.assert_allclose(losses.second_derivative(p, loss), fd, rtol=1e-8)


def test_torch_twins_agree_with_the_numpy_losses():
    import torch

    p = np.array([-2.0, 0.3, 25.0, 400.0])
    assert np.array_equal(losses.logistic_loss_torch(torch.from_numpy(p)).numpy(), losses.loss_values(p))
    for q in (p, np.array([0.1, 0.2]), np.array([-30.0, 1.0])):  # S far above and below the switch at 30
        assert float(losses.smoothed_margin_torch(torch.from_numpy(q))) == pytest.approx(
            losses.smoothed_margin(q), rel=1e-12, abs=1e-12)
