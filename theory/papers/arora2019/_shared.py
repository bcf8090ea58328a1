"""Arora et al. 2019: what several sections share — the paper's Source helper and section names,
the multi-check Evidence helper, the step size and Z(0) of the linear dynamics, and the GD training
set-up and width sweeps of Sections 3–5 and Appendix C (Theorem 4.1's and Lemma C.2's space and band).
"""

from __future__ import annotations

import math

import numpy as np

from theory.kernels import hinf as kernels
from theory.dynamics import two_layer_gd
from theory.bibliography import ARORA2019
from theory.claims import Fixed, Source, Space, SpherePoints


def src(result: str, section: str, line: int) -> Source:
    return Source(ARORA2019, result, section, line)


#: false-alarm share of one instance: the claim's 1e-4 split over up to 2000 examples (thorough)
MC_ALPHA_PER_INSTANCE = 1e-4 / 2000


SEC4 = "4 Analysis of Convergence Rate"
SEC5 = "5 Analysis of Generalization"
APPC = "C Proofs for Section 4"
APPD = "D Proofs for Section 5"
APPE = "E Proofs for Section 6"


def first_failure(*evidence, representative: int | None = None):
    """One Evidence for a search from several checks of the same instance: the first that fails
    (or is a precondition), else the one with the least slack (or ``evidence[representative]``,
    for checks whose other parts are exact facts whose sides never vary); the others' slacks go
    in details."""
    for ev in evidence:
        if ev.precondition or not ev.holds:
            chosen = ev
            break
    else:
        chosen = (min(evidence, key=lambda ev: ev.slack) if representative is None
                  else evidence[representative])
    chosen.details["all_slacks"] = [ev.slack for ev in evidence]
    return chosen


def step_size(H, fraction: float = 1.0) -> float:
    """η = fraction/λ_max(H): the largest step at which I − ηH ⪰ 0 (the theory's η = O(λ₀/n²) is
    smaller still; every statement below only needs η <= 1/λ_max)."""
    return fraction / float(np.linalg.eigvalsh(H)[-1])


def z_matrix(W, a, X):
    """Z of eq. (6): (m·d) × n, block (r, i) = m^{-1/2} 1{w_rᵀx_i ≥ 0} a_r x_i (rows of W are w_r)."""
    m = W.shape[0]
    act = (W @ X.T >= 0).astype(float) * a[:, None] / math.sqrt(m)  # (m, n)
    return np.einsum("ri,id->rdi", act, X).reshape(m * X.shape[1], X.shape[0])


STEP_POINTS = SpherePoints(n=(1, 30), d=(2, 10), geometries=("gauss", "clustered"))


def sign_labels(inst, n: int) -> np.ndarray:
    return inst.rng("labels").choice([-1.0, 1.0], size=n)


def training_setup(inst, *, fraction=1.0, horizon=8.0, max_steps=400):
    """(H∞, λ, η = fraction/λ_max, K = ⌈horizon/(ηλ₀)⌉) or a precondition failure when K is too long."""
    H = kernels.hinf(inst.X)
    lam = np.linalg.eigvalsh(H)
    eta = fraction / lam[-1]
    K = int(math.ceil(horizon / (eta * lam[0])))
    if K > max_steps:
        return None
    return H, lam, eta, K


def torch_seeds(inst, count: int) -> list[int]:
    return [int(s) for s in inst.rng("init-seeds").integers(0, 2**31 - 1, size=count)]


LAZY_POINTS = SpherePoints(n=(6, 10), d=(8, 12), geometries=("gauss",))


def loglog_slope(x, y, confidence=0.999):
    """Least-squares slope of log y on log x with a t-interval (x repeated over seeds is fine)."""
    from scipy import stats
    lx, ly = np.log(np.asarray(x, float)), np.log(np.asarray(y, float))
    fit = stats.linregress(lx, ly)
    half = stats.t.ppf(0.5 + confidence / 2, len(lx) - 2) * fit.stderr
    return float(fit.slope), float(fit.slope - half), float(fit.slope + half), float(fit.intercept)


def sweep_widths(inst) -> list[float]:
    """The √m·κ values of a width sweep, stored in the recipe as a comma-separated string."""
    return [float(v) for v in inst.widths.split(",")]


def width_sweep(inst, context, widths, keep_weights=False, kappas=None):
    """Train one (X, y) at √m·κ in ``widths`` (κ = inst.kappa, or per width from ``kappas``),
    inst.seeds seeds batched per width."""
    X = inst.X
    n, d = X.shape
    setup = training_setup(inst)
    if setup is None:
        return None
    H, lam, eta, K = setup
    y = sign_labels(inst, n)
    seeds = torch_seeds(inst, inst.seeds)
    runs = []
    for j, w in enumerate(widths):
        kappa = inst.kappa if kappas is None else kappas[j]
        m = int(round((w / kappa) ** 2))
        init = two_layer_gd.init_weights(m, d, kappa, seeds, device=context.device)
        runs.append((w, m, two_layer_gd.train(X, y, init, eta, K, keep_weights=keep_weights)))
    return H, lam, eta, K, y, runs


#: accepted band for the fitted exponent of Theorem 4.1's deviation: −1 ± 0.6. Measured (issue 13)
#: on the quick claim (compared from u(0), κ = 0.1, n = d = 6, √m·κ = 4..32, six seeds per width)
#: over X seeds 0..9: point estimates −0.54 … −1.11 and 99.9% intervals within [−1.52, −0.41]
#: (seed 0: −0.54 [−0.67, −0.41]). A narrower band would refute correct instances: the seeds do not
#: support narrowing at the widths the quick tier affords. The mutants sit near 0.
THM41_ACCEPT = (-1.6, -0.4)


#: Six seeds per width: with three, one run's large deviation could widen the 99.9% t-interval of
#: the slope to ±0.8 (calibration seed 10: slope −1.33, interval [−2.13, −0.53]); with six the
#: interval is about ±0.1 around −0.9…−1.0 on the instances measured.
THM41_SPACE = Space(X=SpherePoints(n=6, d=6, geometries=("gauss",)), kappa=Fixed(0.1),
                    widths=Fixed("4,8,16,32"), seeds=Fixed(6))
