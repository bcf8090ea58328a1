"""Helpers shared by several sections of homogeneity2025: where results are stated (src and the
section titles) and the instance builders more than one section checks on (margin vectors, positive
pairs, feature paths and entropy mirror-descent runs, unit-ball points).

Line numbers refer to ``shared/papers/homogeneity2025_003_dbfc99f2f03f7955.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory import losses
from theory.dynamics import mirror_flow
from theory.bibliography import HOMOGENEITY2025
from theory.claims import Choice, Int, Real, Seed, Source, Space
from theory.tolerances import EPS


def src(result: str, section: str, line: int) -> Source:
    return Source(HOMOGENEITY2025, result, section, line)


#: the paper's section titles, as Source.section
SEC11 = "1.1 Teaser: 2-homogeneity and its implicit bias"
SEC32 = "3.2 Reparameterization and mirror flow"
SEC33 = "3.3 Proof sketch of Theorem 3.1"
SEC34 = "3.4 Nondecreasing margins for partially homogeneous models"
SEC4 = "4 Shallow normalized ReLU networks"
APPENDIX_A = "A Omitted proofs from Section 3"
APPENDIX_B = "B Omitted proofs from Section 4"


# ---------------------------------------------------------------------------------------------
# Margin vectors for the loss facts: patterns that reach the corners (all equal, one outlier).
# ---------------------------------------------------------------------------------------------

MARGIN_PATTERNS = ("equal", "gauss", "outlier", "spread")


def margin_vector(inst, *, nonnegative: bool) -> np.ndarray:
    """n margins of the instance's pattern at the instance's scale (|·| when ``nonnegative``)."""
    rng = inst.rng("margins")
    n, s = inst.n, inst.scale
    if inst.pattern == "equal":
        p = np.full(n, s)
    elif inst.pattern == "gauss":
        p = s * rng.standard_normal(n)
    elif inst.pattern == "outlier":
        p = np.full(n, s)
        p[0] = s * rng.uniform(-1.0, 0.2)
    else:
        p = s * rng.uniform(-1.0, 3.0, size=n)
    return np.abs(p) if nonnegative else p


def margin_space(n=(1, 64), scale=(0.0, 40.0), loss=losses.LOSSES, patterns=MARGIN_PATTERNS) -> Space:
    return Space(n=Int(*n), scale=Real(*scale), loss=Choice(*loss), pattern=Choice(*patterns),
                 seed=Seed())


def psi_error(p: np.ndarray) -> float:
    """Rounding model for ψ: n float64 log1p/exp evaluations summed, then one inverse (relative)."""
    return 8 * (len(p) + 4) * EPS * (1.0 + float(np.abs(p).max()))


# ---------------------------------------------------------------------------------------------
# Positive pairs (r, q) for the KL facts of Lemma A.2 and the scaling behind Lemma 3.5.
# ---------------------------------------------------------------------------------------------

def positive_pair(inst):
    """(r, q) > 0 of length m: independent, proportional (q = c r), or nearly equal."""
    rng = inst.rng("pair")
    m = inst.m
    r = rng.exponential(size=m) * 10.0 ** rng.uniform(-2, 2, size=m) + 1e-12
    r *= inst.scale / r.sum()
    if inst.pair == "proportional":
        q = inst.ratio * r
    elif inst.pair == "close":
        q = r * np.exp(0.05 * rng.standard_normal(m))
    else:
        q = rng.exponential(size=m) * 10.0 ** rng.uniform(-2, 2, size=m) + 1e-12
        q *= inst.scale * inst.ratio / q.sum()
    return r, q


PAIR_SPACE = Space(m=Int(1, 30), scale=Real(1e-2, 1e2, log=True), ratio=Real(0.05, 20.0, log=True),
                   pair=Choice("independent", "proportional", "close"), seed=Seed())


def kl_error(r, q) -> float:
    """Rounding model for an m-term KL sum: (m + 4) ulp of the sum of absolute terms."""
    terms = np.abs(r * (np.log(r) - np.log(q))) + q + r
    return 8 * (len(r) + 4) * EPS * float(terms.sum())


def iv_kl(p, q):
    """Unnormalized KL(p, q) of two lists of mpmath intervals (p, q > 0)."""
    from mpmath import iv as ivm
    return sum(a * ivm.log(a / b) + b - a for a, b in zip(p, q))


# ---------------------------------------------------------------------------------------------
# Lemma 3.3 and Lemma 3.4(ii) on entropy mirror-descent runs with moving features.
# ---------------------------------------------------------------------------------------------

def feature_path(inst):
    """Z(s) = (1 − λ_s) Z0 + λ_s Z1 with λ_s = (1 − cos ωs)/2: entries stay in [−1, 1] (× scale).

    ``features``: "signed" / "nonnegative" entries in [−1, 1], "ones"; "unit" (every z_i = 1/√m)
    and "ball" (signed rows scaled into the unit ball) keep ‖z_i(s)‖₂ <= 1, the hypothesis the
    proof of Lemma 3.4 states (l.861) — a convex combination of rows in the ball stays there."""
    rng = inst.rng("features")
    n, m = inst.n, inst.m
    if inst.features in ("ones", "unit"):
        Z0 = Z1 = np.ones((n, m)) / (math.sqrt(m) if inst.features == "unit" else 1.0)
    else:
        Z0, Z1 = rng.uniform(-1, 1, size=(n, m)), rng.uniform(-1, 1, size=(n, m))
        if inst.features == "nonnegative":
            Z0, Z1 = np.abs(Z0), np.abs(Z1)
        elif inst.features == "ball":
            Z0, Z1 = (A / np.maximum(1.0, np.linalg.norm(A, axis=1, keepdims=True)) for A in (Z0, Z1))
    omega = rng.uniform(0.1, 2.0)

    def Z(k):
        lam = (1 - math.cos(omega * k * inst.eta)) / 2
        return (1 - lam) * Z0 + lam * Z1

    return Z


def reference_point(inst, Z):
    """ū for Lemma 3.3: u(0) itself, a random positive vector, or a scaled good direction."""
    rng = inst.rng("reference")
    m = inst.m
    if inst.reference == "initial":
        return np.full(m, 1.0 / m)
    if inst.reference == "random":
        return rng.exponential(size=m) * 10 ** rng.uniform(-1, 1)
    scores = Z(0).min(axis=0)  # a feature that is good on every example gets the weight
    p = np.exp(4 * (scores - scores.max()))
    return 10 ** rng.uniform(-1, 1.5) * p / p.sum()


def entropy_run(inst):
    """Mirror descent on f_k = 2𝓛_k (eq. (3)) along the instance's feature path, from u(0) = 1/m."""
    Z = feature_path(inst)
    ubar = reference_point(inst, Z)
    n = inst.n

    def step(k, u):
        Zk = Z(k)
        q = losses.neg_derivative(Zk @ u)
        value = 2 * float(np.mean(losses.loss_values(Zk @ u)))
        return -(2.0 / n) * (Zk.T @ q), value, float(np.mean(q))

    def reference_value(k):
        return 2 * float(np.mean(losses.loss_values(Z(k) @ ubar)))

    run = mirror_flow.mirror_descent(step, reference_value, np.full(inst.m, 1.0 / inst.m), inst.eta, inst.steps)
    return run, ubar


def run_error(run) -> float:
    """Rounding model for the regret bookkeeping: K·(n+m) ulp of the largest term in the sums."""
    terms = np.abs(run.loss_path).sum() + np.abs(run.loss_reference).sum() + run.step_divergence.sum()
    return 16 * (len(run.u) + run.u.shape[1]) * EPS * (run.eta * terms + run.u[-1].sum() + 10)


MIRROR_SPACE = Space(n=Int(1, 20), m=Int(1, 12), eta=Real(0.01, 0.5, log=True), steps=Int(1, 150),
                     features=Choice("signed", "nonnegative", "ones"),
                     reference=Choice("initial", "random", "good"), seed=Seed())


def unit_ball_point(rng, d, radius):
    x = rng.standard_normal(d)
    return radius * x / np.linalg.norm(x)
