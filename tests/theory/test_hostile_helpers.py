"""Hypothesis fuzzes every public function of the helper modules of :mod:`theory` (everything but the
kernels, the hypercube and the two-layer GD, which have their own tests) with malformed arguments:
NaN, inf, empty, wrong rank, ragged, text, None, complex, huge, off the sphere, bad seeds and
generators, negative or absurd sizes, callables that return garbage.

Each row of :data:`CASES` names a function, builds valid arguments, and says which arguments to
corrupt and how. For every row, one valid call must succeed, and every corrupted call must raise
:class:`~theory.errors.InputError` (a TheorycheckError) within seconds, with a one-line message that
names the corrupted argument: never a traceback from inside numpy/torch/scipy, a MemoryError, a
hang, or a silent result.
"""

from __future__ import annotations

import math
import re
import signal
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from theory.data import hypercube
from theory import linalg, losses, tolerances, validation
from theory.data import digits
from theory.probability import divergences
from theory.dynamics import gradient_flow
from theory.data import hard_distribution
from theory.nets import homogeneity
from theory.data import kbit_parity
from theory.dynamics import linear_dynamics
from theory.margins import max_margin
from theory.dynamics import mean_field
from theory.dynamics import mirror_flow
from theory.nets import two_layer_relu as nets
from theory.nets import normalized as normalized_nets
from theory.margins import ntk_margin
from theory.probability import rademacher
from theory.kernels import hinf, relu_ntk
from theory.data import sparse_parity
from theory.data import sphere
from theory.data import targets
from theory.claims.certificates import iv
from theory.errors import InputError, TheorycheckError

from hostile_values import (HUGE, Kind, _rng, array, bad_transports, callable_, choice, deep_bad,  # noqa: F401
                            deep_params, generator, gv, integer, labels, matrix, net, other, points,
                            positive, problem_and_rho, real, seed, separable, spd, tdata, tensor,
                            theta_inner, torch_generator, vector)


# -- the table ------------------------------------------------------------------------------------

@dataclass
class Case:
    fn: Callable
    make: Callable[[], dict]
    corrupt: dict                      # argument -> Kind
    names: dict = field(default_factory=dict)   # argument -> words its error message may use

    @property
    def id(self):
        return f"{self.fn.__module__.split('.')[-1]}.{getattr(self.fn, '__name__', 'call')}"


def C(fn, make, names=None, **corrupt):
    return Case(fn, make, corrupt, names or {})


M6 = matrix()
V6 = vector()
LOSS = choice()
GEN = generator()

CASES = [
    # digits
    C(digits.two_class_digits, lambda: dict(positive=3, negative=5),
      positive=integer(0, maximum=9), negative=integer(0, maximum=9)),
    C(digits.split, lambda: dict(X=points(10), y=labels(10), test_fraction=0.3, rng=_rng()),
      X=matrix(), y=vector("length"), test_fraction=real(lo=0.0, lo_open=True, hi=1.0),
      rng=GEN),
    C(digits.random_signs, lambda: dict(n=5, rng=_rng()), n=integer(1, cap=True), rng=GEN),
    C(digits.corrupt_labels, lambda: dict(y=labels(), fraction=0.5, rng=_rng()),
      y=V6, fraction=real(lo=0.0, hi=1.0), rng=GEN),
    # divergences
    C(divergences.positive_vector, lambda: dict(v=positive(), name="v"), v=vector("nonempty", "positive")),
    C(divergences.entropy_potential, lambda: dict(u=positive()), u=vector("nonempty", "positive")),
    C(divergences.entropy_conjugate, lambda: dict(r=positive() - 1), r=V6),
    *[C(f, lambda: dict(v=positive(), u=positive(seed=6)), v=vector("nonempty", "positive", "length"),
        u=vector("nonempty", "positive", "length")) for f in (divergences.bregman_entropy,)],
    *[C(f, lambda: dict(p=positive(), q=positive(seed=6)), p=vector("nonempty", "positive", "length"),
        q=vector("nonempty", "positive", "length")) for f in (divergences.kl,)],
    C(divergences.kl_on_support, lambda: dict(p=np.r_[0.0, positive()], q=positive(5, seed=6)),
      p=vector("length"), q=vector("nonempty", "positive", "length")),
    *[C(f, lambda: dict(r=positive(), q=positive(seed=6)), r=vector("nonempty", "positive", "length"),
        q=vector("nonempty", "positive", "length"))
      for f in (divergences.kl_decomposition, divergences.lemma_a2_bounds)],
    C(divergences.q_function, lambda: dict(x=np.array([0.5, 2.0])), x=array("nonempty", "positive")),
    *[C(f, lambda: dict(v=positive()), v=vector("nonempty", "positive"))
      for f in (divergences.simplex_min_kl, divergences.simplex_min_kl_as_printed)],
    *[C(f, lambda: dict(p=positive() / positive().sum(), q=positive(seed=6), c=2.0),
        p=vector("nonempty", "positive", "length"), q=vector("nonempty", "positive", "length"),
        c=real(lo=0.0, lo_open=True))
      for f in (divergences.scaled_reference_divergence, divergences.scaled_reference_closed_form)],
    # gradient_flow
    C(gradient_flow.duals, lambda: dict(p=np.array([0.5, -1.0, 2.0]), loss="exponential"), p=vector("nonempty"), loss=LOSS),
    *[C(f, lambda: dict(a=net()[0], V=net()[1], X=points(), y=labels(), loss="exponential"),
        a=vector("length"), V=matrix("columns"), X=matrix("ball", "columns"), y=vector("labels", "length"),
        loss=LOSS)
      for f in (gradient_flow.gf_direction, gradient_flow.risk_gradient, gradient_flow.gf_velocity,
                gradient_flow.margin_rates)],
    C(gradient_flow.geometric_steps, lambda: dict(total=50, count=5),
      total=integer(1, cap="enormous"), count=integer(1, cap=True)),
    C(gradient_flow.run_gradient_flow,
      lambda: dict(model=gradient_flow.TwoLayerModel(points(), labels()), params=net(), loss="exponential", steps=3,
                   step=0.5, snapshot_count=3),
      {"model": ["model"], "params": ["params"]},
      model=other(none=None, obj=object(), text="m"),
      params=other(none=None, text="aV", single=(net()[0],), nan=(net()[0], np.full((4, 3), math.nan)),
                   ragged=([1.0], [[1.0], [1.0, 2.0]])),
      loss=LOSS, steps=integer(1, cap=True), step=real(lo=0.0, lo_open=True), snapshot_count=integer(1, cap=True)),
    C(gradient_flow.run_gradient_descent,
      lambda: dict(a=net()[0], V=net()[1], X=points(), y=labels(), loss="logistic", steps=2),
      a=vector("length"), V=matrix("columns"), X=matrix("ball", "columns"), y=vector("labels", "length"),
      loss=LOSS, steps=integer(1, cap=True)),
    # hard_distribution
    *[C(f, lambda: dict(n=5, d=4, rng=_rng()), {"n": ["n"], "d": ["d"]},
        n=integer(1, cap=True), d=integer(3, cap=True), rng=GEN)
      for f in (hard_distribution.sample, hard_distribution.asymmetric_sample)],
    *[C(f, lambda: dict(d=4), d=integer(3, maximum=18))
      for f in (hard_distribution.support, hard_distribution.asymmetric_support)],
    C(hard_distribution.label_rule, lambda: dict(X=hard_distribution.sample(5, 4, _rng())[0]),
      X=matrix()),
    # flipped labels: a well-formed call whose answer is a reason (None would read as "no result")
    C(hard_distribution.off_support, lambda: dict(X=hard_distribution.sample(5, 4, _rng())[0],
                                                  y=-hard_distribution.sample(5, 4, _rng())[1]),
      X=matrix(), y=vector("length")),
    # homogeneity
    C(homogeneity.euler_sides, lambda: dict(f=lambda a, b: a * b, block=(tdata()[1]["a"], tdata()[1]["b"])),
      {"block": ["block"]},
      f=callable_(("not-tensor", lambda a, b: 1.0)),
      block=other(none=None, bare=torch.ones(3, dtype=torch.float64), empty=(), numpy=(np.ones(3), np.ones(3)),
                  float32=(torch.ones(3), torch.ones(3)), nan=(torch.full((3,), math.nan, dtype=torch.float64),
                                                                 torch.ones(3, dtype=torch.float64)))),
    C(homogeneity.scaling_ratio, lambda: dict(f=lambda a, b: a * b, block=(tdata()[1]["a"], tdata()[1]["b"]), c=2.0),
      {"block": ["block"]},
      f=callable_(("not-tensor", lambda a, b: 1.0)),
      block=other(none=None, bare=torch.ones(3, dtype=torch.float64), int=7), c=real(lo=0.0, lo_open=True)),
    # kbit_parity
    C(kbit_parity.parity_labels, lambda: dict(X=hypercube.scaled_points(3), k=2), X=M6,
      k=integer(1, cap=True)),
    C(kbit_parity.f1_margin_closed_form, lambda: dict(d=5, k=4), d=integer(1), k=integer(1, cap=True)),
    *[C(f, lambda: dict(d=5, k=3), d=integer(1), k=integer(1))
      for f in (kbit_parity.f1_margin_as_printed, kbit_parity.f2_margin_as_printed)],
    C(kbit_parity.uniform_dual_value, lambda: dict(X=hypercube.scaled_points(3), y=np.ones(8), V=points(2, 3)),
      X=matrix("columns"), y=vector("length"), V=matrix("columns")),
    C(kbit_parity.direction_dictionary, lambda: dict(d=3, k=2, rng=_rng(), n_random=5),
      d=integer(1, cap=True), k=integer(1), rng=GEN, n_random=integer(0, cap=True)),
    C(kbit_parity.f1_margin_lp,
      lambda: dict(X=hypercube.scaled_points(3), y=kbit_parity.parity_labels(hypercube.scaled_points(3), 1),
                   V=points(4, 3)),
      X=matrix("columns"), y=vector("labels", "length"), V=matrix("columns")),
    C(kbit_parity.odd_parity_error_floor, lambda: dict(k=3), k=integer(1, cap=True)),
    C(kbit_parity.with_constant_coordinate, lambda: dict(X=points()), X=matrix("huge")),
    # linear_dynamics
    C(linear_dynamics.spectrum, lambda: dict(H=spd()), H=matrix("huge", "square", "symmetric")),
    *[C(f, lambda: dict(H=spd(), r0=np.ones(4), eta=0.01, steps=[0, 3, 10]), {"r0": ["r0"]},
        H=matrix("huge", "square", "symmetric", "columns"), r0=vector("length"),
        eta=real(lo=0.0, lo_open=True),
        steps=other(none=None, negative=[-1], fraction=[1.5], text="a", empty=[], ragged=[[1], [1, 2]],
                    huge=[10**400]))
      for f in (linear_dynamics.linear_residuals,)],
    C(linear_dynamics.power_method_residuals, lambda: dict(H=spd(), y=np.ones(4), eta=0.01, steps=5),
      H=matrix("huge", "square", "symmetric", "columns"), y=vector("length"), eta=real(lo=0.0, lo_open=True),
      steps=other(negative=-1, fraction=1.5, text="a", none=None)),
    C(linear_dynamics.iterate_linear_recursion, lambda: dict(H=spd(), y=np.ones(4), eta=0.01, steps=5, u0=np.zeros(4)),
      H=matrix("huge", "square", "symmetric", "columns"), y=vector("length"),
      eta=real(lo=0.0, lo_open=True), steps=integer(0, cap=True), u0=vector("length", skip=("none",))),
    C(linear_dynamics.top_energy_fraction, lambda: dict(H=spd(), y=np.ones(4), top=2),
      H=matrix("huge", "square", "symmetric", "columns"), y=vector("length"), top=integer(1, maximum=4)),
    C(linear_dynamics.complexity_measure, lambda: dict(H=spd(), y=np.ones(4)),
      H=matrix("huge", "square", "symmetric", "columns"), y=vector("length")),
    C(linear_dynamics.gd_sum_operator, lambda: dict(H=spd(), eta=0.01, steps=5),
      H=matrix("huge", "square", "symmetric"), eta=real(lo=0.0, lo_open=True), steps=integer(0, cap="enormous")),
    C(linear_dynamics.auxiliary_sequence, lambda: dict(Z=_rng().standard_normal((8, 3)), y=np.ones(3), eta=0.01,
                                                      steps=4),
      Z=matrix(), y=vector("length"), eta=real(lo=0.0, lo_open=True), steps=integer(0, cap=True)),
    C(linear_dynamics.auxiliary_limit, lambda: dict(Z=_rng().standard_normal((8, 3)), y=np.ones(3)),
      Z=matrix(), y=vector("length")),
    C(linear_dynamics.kernel_predictor, lambda: dict(H_train=spd(), H_cross=np.ones((2, 4)), y=np.ones(4)),
      H_train=matrix("huge", "square", "symmetric"), H_cross=matrix("columns"), y=vector("length")),
    C(linear_dynamics.max_k_geometric, lambda: dict(x=0.3), x=real(lo=0.0, lo_open=True, hi=1.0,
                                                                  extra={"one": 1.0})),
    # losses
    C(losses.margins, lambda: dict(p=np.array([1.0, -2.0])), {"p": ["margins"]}, p=vector("nonempty")),
    *[C(f, lambda: dict(p=np.array([1.0, -2.0, 40.0]), loss="logistic"), {"p": ["margins"]},
        p=array("nonempty"), loss=LOSS)
      for f in (losses.loss_values, losses.neg_derivative, losses.second_derivative)],
    C(losses.logistic_loss_torch, lambda: dict(p=torch.tensor([0.5, -1.0], dtype=torch.float64)),
      {"p": ["margins"]}, p=other(none=None, numpy=np.array([0.5]), list=[0.5], int=torch.tensor([1, 2]))),
    C(losses.smoothed_margin_torch, lambda: dict(p=torch.tensor([0.5, -1.0, 3.0], dtype=torch.float64)),
      {"p": ["margins"]}, p=other(none=None, numpy=np.array([0.5]), list=[0.5], int=torch.tensor([1, 2]),
                                  rank=torch.ones(2, 2, dtype=torch.float64),
                                  empty=torch.zeros(0, dtype=torch.float64))),
    *[C(f, lambda: dict(p=np.array([1.0, -2.0, 40.0]), loss="logistic"), {"p": ["margins"]},
        p=vector("nonempty"), loss=LOSS)
      for f in (losses.total_loss_log, losses.smoothed_margin, losses.mean_neg_derivative)],
    C(losses.check_loss, lambda: dict(loss="logistic"), loss=LOSS),
    C(losses.log_neg_derivative_at, lambda: dict(z=0.3, loss="logistic"),
      z=other(none=None, text="z", nan=math.nan, array=np.array([1.0, 2.0])), loss=LOSS),
    C(losses.neg_derivative_interval, lambda: dict(p=iv(0.5), loss="logistic"),
      p=other(none=None, text="p", number=0.5, array=np.array([1.0, 2.0])), loss=LOSS),
    C(losses.inverse, lambda: dict(s=0.5, loss="logistic"), s=real(lo=0.0, lo_open=True), loss=LOSS),
    C(losses.neg_derivative_at, lambda: dict(z=0.5, loss="exponential"), z=real(), loss=LOSS),
    # max_margin
    C(max_margin.l1_svm, lambda: dict(features=np.abs(points()), y=labels()),
      features=matrix("huge"), y=vector("labels", "length")),
    C(max_margin.relu_features, lambda: dict(X=points(), directions=points(4, seed=9)),
      X=matrix("columns"), directions=matrix("huge", "columns")),
    C(max_margin.network_from_l1_solution, lambda: dict(directions=points(4, seed=9), mu=np.array([0.5, -0.2, 0, 0.3])),
      directions=matrix("huge"), mu=vector("length")),
    C(max_margin.linear_separation_margin, lambda: dict(A=_rng().standard_normal((5, 3)), box=1.0),
      A=matrix("huge"), box=real(lo=0.0, lo_open=True, extra={"enormous": 1e300})),
    C(max_margin.hinge_lp, lambda: dict(A=_rng().standard_normal((5, 3))), A=matrix("huge")),
    C(max_margin.linear_max_margin, lambda: dict(X=separable()[0], y=separable()[1]),
      X=matrix("huge"), y=vector("labels", "length")),
    C(max_margin.least_distance_max_margin, lambda: dict(X=separable()[0], y=separable()[1]),
      X=matrix("huge"), y=vector("labels", "length")),
    C(max_margin.best_linear_margin, lambda: dict(X=separable()[0], y=separable()[1]),
      X=matrix("huge"), y=vector("labels", "length")),
    # mean_field
    C(mean_field.uniform_sphere, lambda: dict(count=4, dim=3, rng=_rng()), {"count": ["count"], "dim": ["dim"]},
      count=integer(1, cap=True), dim=integer(1, cap=True), rng=GEN),
    C(mean_field.perturbed_step,
      lambda: dict(problem=problem_and_rho()[0], rho=problem_and_rho()[1], eta=0.1, sigma=0.5,
                   fresh=points(3, 3)),
      problem=other(none=None, text="p", dict={}), rho=other(none=None, text="rho"),
      eta=real(lo=0.0, lo_open=True), sigma=real(lo=0.0, extra={"product": 10.0}), fresh=matrix("columns")),
    C(mean_field.resampling_step,
      lambda: dict(problem=problem_and_rho()[0], rho=problem_and_rho()[1], eta=0.1, sigma=0.5, rng=_rng()),
      problem=other(none=None, text="p"), rho=other(none=None, text="rho"),
      eta=real(lo=0.0, lo_open=True), sigma=real(lo=0.0), rng=GEN),
    C(mean_field.cap_measure, lambda: dict(d=3, r=np.array([0.5, 1.5])), d=integer(1), r=array("nonempty", "nonnegative")),
    C(mean_field.ball_cap_bound, lambda: dict(d=3, r=np.array([0.5, 1.5])), d=integer(1),
      r=array("nonempty", "nonnegative", "radius")),
    C(mean_field.Problem, lambda: dict(X=points(4, 2), y=labels(4), lam=0.1, activation="relu"),
      X=matrix(), y=vector("labels", "length"), lam=real(lo=0.0), activation=LOSS),
    C(mean_field.Particles, lambda: dict(theta=points(4, 3), p=np.full(4, 0.25)),
      theta=matrix(), p=vector("length", "positive", skip=("zero",))),
    # mirror_flow
    C(mirror_flow.gd_step_on_pair, lambda: dict(a=positive(), b=positive(seed=6), g=np.ones(4), eta=0.1),
      a=vector("length"), b=vector("length"), g=vector("length"), eta=real(lo=0.0, lo_open=True)),
    C(mirror_flow.multiplicative_weights_step, lambda: dict(u=positive(), grad_u=np.ones(4), eta=0.1),
      u=vector("length"), grad_u=vector("length"), eta=real(lo=0.0, lo_open=True)),
    C(mirror_flow.log_product_rate, lambda: dict(a=positive(), b=positive(seed=6), g=np.ones(4)),
      {"a": ["a"], "b": ["b", "a ⊙ b"]},
      a=vector("length"), b=vector("length"), g=vector("length")),
    C(mirror_flow.mirror_descent,
      lambda: dict(grad_and_value=gv, reference_value=lambda k: 0.0, u0=positive(), eta=0.1, steps=3),
      {"grad_and_value": ["grad_and_value"]},
      grad_and_value=callable_(("pair", lambda k, u: (u, 0.0)), ("length", lambda k, u: (np.ones(9), 0.0, 0.0)),
                               ("nan", lambda k, u: (np.full_like(u, math.nan), 0.0, 0.0))),
      reference_value=callable_(), u0=vector("nonempty", "positive"), eta=real(lo=0.0, lo_open=True),
      steps=integer(1, cap=True)),
    # nets
    C(nets.relu, lambda: dict(z=np.array([[1.0, -2.0]])), z=array()),
    C(nets.relu_slope, lambda: dict(z=np.array([1.0, 0.0, -2.0]), at_zero=0.5), z=array(),
      at_zero=real(lo=0.0, hi=1.0)),
    C(nets.check_weights, lambda: dict(a=net()[0], V=net()[1]), a=vector("length"), V=matrix()),
    C(nets.check_data, lambda: dict(X=points(), y=labels(), d=3), X=matrix("ball", "columns"),
      y=vector("labels", "length")),
    C(nets.outputs, lambda: dict(a=net()[0], V=net()[1], X=points()), a=vector("length"), V=matrix("columns"),
      X=matrix("columns")),
    *[C(f, lambda: dict(a=net()[0], V=net()[1], X=points(), y=labels()),
        a=vector("length"), V=matrix("columns"), X=matrix("ball", "columns"), y=vector("labels", "length"))
      for f in (nets.margins, nets.node_margins, nets.margin_gradients)],
    C(nets.weighted_gradient, lambda: dict(a=net()[0], V=net()[1], X=points(), y=labels(), weights=np.ones(6)),
      a=vector("length"), V=matrix("columns"), X=matrix("ball", "columns"), y=vector("labels", "length"),
      weights=vector("length")),
    *[C(f, lambda: dict(a=net()[0], V=net()[1]), a=vector("length"), V=matrix())
      for f in (nets.squared_norm, nets.node_squared_norms)],
    C(nets.rebalance, lambda: dict(a=net()[0], V=net()[1], c=2.0), a=vector("length"), V=matrix(),
      c=real(extra={"zero": 0.0})),
    *[C(f, lambda: dict(m=4, d=3, rng=_rng()), {"m": ["m"], "d": ["d"]},
        m=integer(1, cap=True), d=integer(1, cap=True), rng=GEN)
      for f in (nets.standard_init, nets.transport_rows, nets.scalar_init)],
    C(nets.torch_outputs, lambda: dict(a=torch.tensor(net()[0]), V=torch.tensor(net()[1]), X=torch.tensor(points())),
      {"a": ["a"], "V": ["V"], "X": ["X"]},
      a=tensor(1, float64=False), V=tensor(2, float64=False), X=tensor(2, float64=False)),
    *[C(f, lambda: dict(a=net()[0], b=net()[0] + 1, U=points(4, 3), X=points(), y=labels()),
        a=vector("length"), b=vector("length"), U=matrix("columns"), X=matrix("ball", "columns"),
        y=vector("labels", "length"))
      for f in (nets.scalar_net_margins, nets.scalar_net_gradients)],
    # normalized_nets
    C(normalized_nets.unit_directions, lambda: dict(V=tdata()[1]["V"]), V=tensor(2)),
    C(normalized_nets.shallow_features, lambda: dict(X=tdata()[0], V=tdata()[1]["V"]), X=tensor(2), V=tensor(2)),
    C(normalized_nets.shallow_output, lambda: dict(X=tdata()[0], a=tdata()[1]["a"], b=tdata()[1]["b"],
                                                   V=tdata()[1]["V"]),
      X=tensor(2), a=tensor(1), b=tensor(1), V=tensor(2)),
    C(normalized_nets.rms_normalize, lambda: dict(H=tdata()[0], eps=1e-12), H=tensor(2), eps=real(lo=0.0)),
    C(normalized_nets.deep_features, lambda: dict(X=tdata()[0], p=deep_params(), residual=True),
      {"p": ["p"]}, X=tensor(2), p=Kind(lambda v: deep_bad())),
    C(normalized_nets.deep_output, lambda: dict(X=tdata()[0], p=deep_params(), residual=True, norm_bias=True,
                                                head_bias=True),
      {"p": ["p"]}, X=tensor(2), p=Kind(lambda v: deep_bad())),
    C(normalized_nets.init_deep, lambda: dict(d=3, width=4, generator=torch.Generator()),
      {"d": ["d"], "width": ["width"]}, d=integer(1, cap=True), width=integer(1, cap=True),
      generator=torch_generator()),
    C(normalized_nets.init_shallow, lambda: dict(d=3, m=4, generator=torch.Generator()),
      {"d": ["d"], "m": ["m"]}, d=integer(1, cap=True), m=integer(1, cap=True), generator=torch_generator()),
    *[C(f, lambda: dict(x=np.array([0.6, 0.8, 0.0]), v=np.array([1.0, 0.0, 1.0])),
        {"x": ["x"], "v": ["v"]}, x=vector("length"), v=vector("length"))
      for f in (normalized_nets.feature_gradient, normalized_nets.feature_gradient_as_printed)],
    C(normalized_nets.shallow_risk_and_gradients,
      lambda: dict(X=points(), y=labels(), a=net()[0], b=net()[0], V=net()[1]),
      X=matrix("columns"), y=vector("length"), a=vector("length"), b=vector("length"), V=matrix("columns")),
    C(normalized_nets.train_shallow,
      lambda: dict(X=points(), y=labels(), a=net()[0], b=net()[0], V=net()[1], steps=3, eta0=0.5, cap=math.inf,
                   stop_time=1e6, stop_risk=0.0, observe=lambda t, eta, a, b, V: None),
      X=matrix("columns"), y=vector("length"), a=vector("length"), b=vector("length"), V=matrix("columns"),
      steps=integer(0, cap=True), eta0=real(lo=0.0, lo_open=True),
      cap=other(none=None, text="c", nan=math.nan, zero=0.0, negative=-1.0),
      stop_time=other(none=None, text="t", nan=math.nan, zero=0.0, negative=-1.0),
      stop_risk=real(lo=0.0), observe=other(text="f", number=3.0)),
    C(normalized_nets.shallow_predict, lambda: dict(X=points(), a=net()[0], b=net()[0], V=net()[1]),
      X=matrix("columns"), a=vector("length"), b=vector("length"), V=matrix("columns")),
    C(normalized_nets.train_shallow_torch,
      lambda: dict(X=tdata()[0], y=torch.tensor(labels(5)), m=4, steps=2, eta0=0.5, generator=torch.Generator()),
      {"m": ["m"]},
      X=tensor(2, float64=False, finite=True), y=tensor(1, float64=False, finite=True), m=integer(1, cap=True),
      steps=integer(0, cap=True), eta0=real(lo=0.0, lo_open=True), generator=torch_generator()),
    # ntk_margin
    C(ntk_margin.global_margin,
      lambda: dict(alpha=np.array([0.5, -0.5]), B=points(2, 3, seed=9), X=points(), y=labels()),
      alpha=vector("length"), B=matrix("unit", "columns"), X=matrix("ball", "columns"), y=vector("labels", "length")),
    C(ntk_margin.best_global_margin, lambda: dict(B=points(3, 3, seed=9), X=points(), y=labels()),
      B=matrix("huge", "columns"), X=matrix("ball", "columns"), y=vector("labels", "length")),
    *[C(f, lambda: dict(u=np.array([0.6, 0.8, 0.0])), u=vector("unit"))
      for f in (ntk_margin.inner_sign_transport, ntk_margin.outer_sign_transport)],
    C(ntk_margin.parity_transport, lambda: dict(B=points(3, 3, seed=9), signs=np.array([1.0, -1.0, 1.0])),
      B=matrix("unit"), signs=vector("length", skip=("none",))),
    C(ntk_margin.global_outer_transport, lambda: dict(alpha=np.array([0.5, 0.5]), B=points(2, 3, seed=9)),
      alpha=vector("length"), B=matrix("unit")),
    C(ntk_margin.scaled_transport, lambda: dict(theta=theta_inner(), c=2.0), theta=callable_(), c=real()),
    *[C(f, lambda: dict(theta=theta_inner(), a=net()[0], V=net()[1], X=points(), y=labels()),
        {"theta": ["theta"]},
        theta=callable_(*bad_transports().items()), a=vector("length"), V=matrix("columns"),
        X=matrix("ball", "columns"), y=vector("labels", "length"))
      for f in (ntk_margin.pairings, ntk_margin.finite_width_sum)],
    C(ntk_margin.transport_sup_norm, lambda: dict(theta=theta_inner(), a=net()[0], V=net()[1]),
      {"theta": ["theta"]}, theta=callable_(*bad_transports().items()), a=vector("length"), V=matrix("columns")),
    C(ntk_margin.monte_carlo_margins, lambda: dict(theta=theta_inner(), X=points(), y=labels(), samples=8, rng=_rng()),
      {"theta": ["theta"]},
      theta=callable_(*bad_transports().items()), X=matrix("ball", "columns"), y=vector("labels", "length"),
      samples=integer(2, cap=True), rng=GEN),
    *[C(f, lambda: dict(d=3), d=integer(1)) for f in (ntk_margin.k_abs_a, ntk_margin.k_rho, ntk_margin.mean_rho,
                                                      ntk_margin.mean_abs_coordinate, ntk_margin.inner_sign_margin,
                                                      ntk_margin.outer_sign_margin)],
    C(ntk_margin.parity_transport_margin, lambda: dict(d=3), d=integer(2)),
    C(ntk_margin.global_outer_margins,
      lambda: dict(alpha=np.array([0.5, 0.5]), B=points(2, 3, seed=9), X=points(), y=labels()),
      alpha=vector("length"), B=matrix("unit", "columns"), X=matrix("unit", "columns"), y=vector("length")),
    # relu_ntk
    *[C(f, lambda: dict(X=points(), Z=points(4, seed=9)), X=matrix("huge", "columns"), Z=matrix("huge", "columns"))
      for f in (hinf.cross_angles, relu_ntk.k1, relu_ntk.k2)],
    C(hinf.paired_angles, lambda: dict(X=points(), Z=points(seed=9)), X=matrix("huge", "columns"),
      Z=matrix("huge", "columns")),
    C(hinf.coactivation_from_angle, lambda: dict(theta=np.array([0.3, 2.0])), theta=array("nonempty", "angle")),
    C(relu_ntk.paired, lambda: dict(X=points(), Z=points(seed=9), which="k2"),
      X=matrix("huge", "columns"), Z=matrix("huge", "columns"), which=LOSS),
    C(relu_ntk.taus, lambda: dict(r_w=1.0, r_u=2.0), r_w=real(lo=0.0), r_u=real(lo=0.0)),
    C(relu_ntk.ntk, lambda: dict(X=points(), Z=points(4, seed=9), tau1=0.5, tau2=0.5),
      {"tau1": ["tau1"], "tau2": ["tau2"]},
      X=matrix("huge", "columns"), Z=matrix("huge", "columns"), tau1=real(lo=0.0), tau2=real(lo=0.0)),
    C(relu_ntk.ntk_monte_carlo, lambda: dict(X=points(), Z=points(4, seed=9), r_w=1.0, r_u=1.0, samples=10, rng=_rng()),
      X=matrix("columns"), Z=matrix("columns"), r_w=real(lo=0.0), r_u=real(lo=0.0),
      samples=integer(2, cap=True), rng=GEN),
    *[C(f, lambda: dict(t=np.array([-0.5, 0.0, 1.0])), t=array("nonempty", "cosine"))
      for f in (relu_ntk.h1, relu_ntk.h2, relu_ntk.arc_cosine_kernel)],
    C(relu_ntk.surrogate_coefficients, lambda: dict(d=5, tau1=0.5, tau2=0.5), d=integer(3), tau1=real(lo=0.0),
      tau2=real(lo=0.0)),
    # rademacher
    C(rademacher.sign_vectors, lambda: dict(n=4), n=integer(1, cap=True, maximum=20)),
    C(rademacher.sqrt_quadratic_form_mean, lambda: dict(H=spd()), H=matrix("huge", "square")),
    C(rademacher.lemma54_bound,
      lambda: dict(n=20, m=1000, B=1.0, R=0.01, kappa=1.0, delta=0.1, first_constant=0.7),
      n=integer(1), m=integer(1), B=real(lo=0.0, lo_open=True), R=real(lo=0.0, lo_open=True),
      kappa=real(lo=0.0, lo_open=True), delta=real(lo=0.0, lo_open=True, hi=1.0, extra={"one": 1.0}),
      first_constant=real(lo=0.0, lo_open=True)),
    C(rademacher.witness_gains,
      lambda: dict(W0=net(m=8)[1], a=labels(8), X=points(), eps=rademacher.sign_vectors(6), B=1.0, R=0.1),
      W0=matrix("huge", "columns"), a=vector("labels", "length"), X=matrix("unit", "columns"),
      eps=matrix("columns"), B=real(lo=0.0, lo_open=True),
      R=other(none=None, nan=math.nan, text="x", array=np.ones(2), zero=0.0, negative=-math.inf)),
    # sparse_parity
    C(sparse_parity.parity_labels, lambda: dict(X=hypercube.scaled_points(3), pair=(0, 2)),
      X=matrix("unit"),
      pair=other(none=None, text="ab", short=(0,), same=(1, 1), outside=(0, 9), fraction=(0.5, 1), nan=(math.nan, 1))),
    C(sparse_parity.sample_parity, lambda: dict(n=5, d=3, rng=_rng(), pair=(0, 1)), {"n": ["n"], "d": ["d"]},
      n=integer(1, cap=True), d=integer(2, cap=True), rng=GEN,
      pair=other(none=None, short=(0,), same=(1, 1), outside=(0, 9), fraction=(0.5, 1))),
    C(sparse_parity.four_relu_reference, lambda: dict(d=3, pair=(0, 1)), d=integer(2, cap=True),
      pair=other(none=None, short=(0,), same=(1, 1), outside=(0, 9))),
    # tolerances
    C(tolerances.dot_error, lambda: dict(d=10, scale=2.0),
      d=other(none=None, text="3", fraction=1.5, nan=math.nan, negative=-1, array=np.array([3, 4]), huge=10**17),
      scale=real(lo=0.0)),
    C(tolerances.gaussian_threshold, lambda: dict(alpha=0.01, comparisons=3),
      alpha=real(lo=0.0, lo_open=True, hi=1.0, extra={"one": 1.0}), comparisons=integer(1)),
    # targets
    C(targets.monomial_labels, lambda: dict(X=points(), alpha=2.0, beta=np.ones(3), p=2),
      X=matrix("columns"), alpha=real(), beta=vector("length"), p=integer(1)),
    C(targets.quadratic_labels, lambda: dict(X=points(), A=np.eye(3)),
      X=matrix("huge", "columns"), A=matrix("square", "symmetric")),
    C(targets.nuclear_norm, lambda: dict(A=spd()), A=matrix("huge")),
    C(targets.random_symmetric, lambda: dict(d=3, rng=_rng()), d=integer(1, cap=True), rng=GEN),
    # validation
    C(validation.as_matrix, lambda: dict(X=points()), X=matrix()),
    C(validation.as_vector, lambda: dict(y=labels()), y=V6),
    C(validation.unit_rows, lambda: dict(X=points()), X=matrix("unit")),
    C(validation.positive_int, lambda: dict(value=3, name="value"), value=integer(1)),
    C(validation.finite_real, lambda: dict(value=3.0, name="value"), value=real()),
    C(validation.finite_array, lambda: dict(a=np.ones(3), name="a"), a=array("nonempty")),
    C(validation.real_or_inf, lambda: dict(value=math.inf, name="value"),
      value=other(none=None, nan=math.nan, text="x", array=np.ones(2))),
    C(validation.rng_generator, lambda: dict(rng=_rng()), rng=GEN),
    C(validation.torch_generator, lambda: dict(generator=torch.Generator()), generator=torch_generator()),
    C(validation.seed_int, lambda: dict(seed=3), seed=seed()),
    C(validation.iterations, lambda: dict(value=10, name="steps"), {"value": ["steps"]}, value=integer(1, cap=True)),
    C(validation.array_size, lambda: dict(shape=(3, 4), names="m and d"), {"shape": ["m and d"]},
      shape=other(none=None, huge=(HUGE, HUGE), negative=(-1, 3), fraction=(1.5, 2), text="ab")),
    C(validation.finite_result, lambda: dict(values=np.ones(3), names="X is", what="K1"), {"values": ["K1"]},
      values=other(nan=np.array([1.0, math.nan]), inf=math.inf, text="abc", none=None)),
    C(validation.callable_arg, lambda: dict(f=len, name="f"), f=callable_()),
    C(validation.row_norms, lambda: dict(A=points(), name="A"), A=matrix("huge", skip=("no-rows",))),
    C(validation.lp_coefficients, lambda: dict(A=points(), name="A"), A=matrix("huge")),
    C(validation.square_symmetric, lambda: dict(H=spd(), name="H", tol=1e-12), H=matrix("huge", "square", "symmetric")),
    C(validation.as_tensor, lambda: dict(x=tdata()[0], name="x", ndim=2, dtype=torch.float64, finite=True),
      x=tensor(2, finite=True)),
    # linalg
    *[C(f, lambda: dict(H=spd()), H=matrix("huge", "square", "symmetric"))
      for f in (linalg.lambda_min, linalg.eig_error_bound)],
    C(linalg.psd_quadratic_inverse, lambda: dict(H=spd(), y=np.ones(4), h_error=0.0),
      H=matrix("huge", "square", "symmetric", "columns"), y=vector("length"), h_error=real(lo=0.0)),
    # sphere
    C(sphere.normalize_rows, lambda: dict(X=points()), X=matrix("huge")),
    C(sphere.make_points, lambda: dict(n=5, d=3, geometry="clustered", k=2, seed=4),
      {"n": ["n"], "d": ["d"]},
      n=integer(1, cap=True), d=integer(2, cap=True), geometry=LOSS, k=integer(1), seed=seed()),
    C(sphere.min_angle, lambda: dict(X=points(), antipodal=True), X=matrix("unit")),
]

IDS = [c.id for c in CASES]


class _Hang(Exception):
    pass


def _call(fn, kwargs, seconds=20):
    """Call fn(**kwargs), failing (not hanging) if it runs for more than ``seconds``."""
    def alarm(*_):
        raise _Hang(f"{fn.__name__} ran for more than {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        return fn(**kwargs)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_the_table_covers_every_public_function():
    """Every public function of the fuzzed modules has a row (or is listed as not fuzzable here)."""
    import inspect

    modules = [digits, divergences, gradient_flow, hard_distribution, homogeneity, kbit_parity, linalg,
               linear_dynamics, losses, max_margin, mean_field, mirror_flow, nets, normalized_nets,
               ntk_margin, rademacher, relu_ntk, sparse_parity, sphere, targets, tolerances, validation]
    covered = {c.fn for c in CASES}
    no_arguments = {hard_distribution.width4_network}
    missing = [f"{m.__name__}.{name}" for m in modules for name, f in inspect.getmembers(m, inspect.isfunction)
               if not name.startswith("_") and f.__module__ == m.__name__ and f not in covered | no_arguments]
    assert missing == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_valid_arguments_are_accepted(case):
    """The baseline of each row: its valid arguments work, so a corrupted call fails because of the
    corruption alone."""
    assert _call(case.fn, case.make()) is not None


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_listed_hostile_value_is_refused(case):
    """Each argument of the row, with each of its listed hostile values in turn."""
    for arg, kind in case.corrupt.items():
        for label, value in kind.fixed(case.make()[arg]).items():
            _assert_refused(case, arg, label, value)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@settings(max_examples=10, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_malformed_arguments_get_a_named_input_error(case, data):
    """Hypothesis picks the argument and the hostile value, including a NaN or ±inf planted at a
    random entry of an otherwise valid array."""
    arg = data.draw(st.sampled_from(sorted(case.corrupt)), label="argument")
    label, value = data.draw(case.corrupt[arg].strategy(case.make()[arg]), label="hostile value")
    _assert_refused(case, arg, label, value)


def _words(case: Case, arg: str, label: str, kind: Kind) -> list[str]:
    if label in kind.mismatch:  # a shape that only conflicts with another argument
        return list(case.corrupt) + [w for ws in case.names.values() for w in ws]
    return case.names.get(arg, [arg])


def _assert_refused(case: Case, arg: str, label: str, value) -> None:
    kwargs = case.make()
    kwargs[arg] = value
    where = f"{case.id}({arg}={label})"
    try:
        _call(case.fn, kwargs)
    except TheorycheckError as exc:
        error = exc
    except Exception as exc:  # noqa: BLE001 - the point: nothing but a documented error may escape
        pytest.fail(f"{where} leaked {type(exc).__name__}: {exc}")
    else:
        pytest.fail(f"{where} returned instead of refusing the argument")
    assert isinstance(error, InputError), where
    message = str(error)
    assert message and "\n" not in message, message
    kind = case.corrupt[arg]
    words = _words(case, arg, label, kind)
    assert any(re.search(rf"(?<![\w']){re.escape(w)}(?![\w'])", message) for w in words), \
        f"{case.id}({arg}={label}): {message!r} names none of {words}"


# -- sizes and loops: refused at once, never a MemoryError or a hang ------------------------------

QUICK = [
    lambda: sphere.make_points(HUGE, HUGE),
    lambda: sphere.min_angle(sphere.make_points(200_000, 2, seed=1), antipodal=False),
    lambda: nets.standard_init(HUGE, 3, _rng()),
    lambda: kbit_parity.direction_dictionary(HUGE, 3, _rng()),
    lambda: kbit_parity.f1_margin_closed_form(HUGE, HUGE),
    lambda: sparse_parity.four_relu_reference(HUGE),
    lambda: gradient_flow.geometric_steps(10**400),
    lambda: linear_dynamics.gd_sum_operator(spd(), 0.1, 10**400),
    lambda: linear_dynamics.iterate_linear_recursion(spd(), np.ones(4), 0.1, HUGE),
    lambda: mirror_flow.mirror_descent(gv, lambda k: 0.0, positive(), 0.1, HUGE),
    lambda: normalized_nets.init_deep(3, HUGE, torch.Generator()),
    lambda: relu_ntk.ntk_monte_carlo(points(), points(), 1.0, 1.0, HUGE, _rng()),
    lambda: targets.random_symmetric(HUGE, _rng()),
    lambda: tolerances.dot_error(10**17),
]


@pytest.mark.parametrize("call", QUICK, ids=range(len(QUICK)))
def test_absurd_sizes_are_refused_at_once(call):
    with pytest.raises(InputError) as info:
        _call(call, {}, seconds=10)
    assert "\n" not in str(info.value)


# -- huge but finite entries whose result overflows: refused, never an inf/NaN/0 returned ---------

BIG = np.full((2, 3), 1.5e308)
OVERFLOW = [
    lambda: max_margin.relu_features(BIG, np.ones((1, 3))),
    lambda: targets.quadratic_labels(BIG, np.eye(3)),
    lambda: targets.nuclear_norm(BIG),
    lambda: relu_ntk.k1(BIG, BIG),
    lambda: relu_ntk.k2(np.full((1, 2), 1e154), np.full((1, 2), 1e154)),
    lambda: hinf.cross_angles(BIG, np.ones((1, 3))),
    lambda: linalg.lambda_min(np.full((3, 3), 1e308)),
    lambda: linear_dynamics.spectrum(np.full((3, 3), 1e308)),
    lambda: kbit_parity.with_constant_coordinate(BIG),
    lambda: sphere.normalize_rows(BIG),
    lambda: max_margin.l1_svm(np.full((2, 2), 1e16), [1.0, -1.0]),
]


@pytest.mark.parametrize("call", OVERFLOW, ids=range(len(OVERFLOW)))
def test_results_that_would_overflow_are_refused(call):
    with np.errstate(all="ignore"):
        with pytest.raises(InputError) as info:
            call()
    assert "\n" not in str(info.value)
