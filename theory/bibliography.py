"""Bibliographic records of the papers theorycheck covers (cite results by these)."""

import numpy as np

from theory.claims import Assumption, Paper
from theory.claims.assumptions import (UNIT_NORM_RTOL, bounded_labels, inputs_in_unit_ball, norm_at_most_one,
                                       sign_labels, unit_sphere_inputs)
from theory.data.hard_distribution import off_support
from theory.losses import LOSSES


def _init_scale(kappa) -> str | None:
    return None if 0.0 < float(kappa) <= 1.0 else f"the initialisation scale is κ = {float(kappa):.6g}, not in (0, 1]"


ARORA2019 = Paper(
    key="arora2019",
    authors="Arora, Du, Hu, Li, Wang",
    year=2019,
    title="Fine-Grained Analysis of Optimization and Generalization for Overparameterized "
          "Two-Layer Neural Networks",
    where="ICML 2019, arXiv:1901.08584",
    url="https://arxiv.org/abs/1901.08584",
    # Section 3 (L94): every (x, y) drawn from D has ‖x‖₂ = 1 and |y| ≤ 1; (L100) 0 < κ ≤ 1.
    # The other standing choices (ReLU, a_r ~ unif{±1} frozen, w_r(0) ~ N(0, κ²I)) are built into
    # the library's model, not properties of a counterexample's data.
    assumptions=(
        unit_sphere_inputs("Section 3, L94: ‖x‖₂ = 1"),
        bounded_labels("Section 3, L94: |y| ≤ 1"),
        Assumption("initialisation scale 0 < κ ≤ 1", ("kappa",), lambda kappa: _init_scale(kappa),
                   "Section 3, L100"),
    ),
)

WEI2019 = Paper(
    key="wei2019",
    authors="Wei, Lee, Liu, Ma",
    year=2019,
    title="Regularization Matters: Generalization and Optimization of Neural Nets v.s. their "
          "Induced Kernel",
    where="NeurIPS 2019, arXiv:1810.05369 (long version with appendices, revised 30 Dec 2022)",
    url="https://arxiv.org/abs/1810.05369",
    assumptions=(
        sign_labels("eq. (2.2) and Section 4: binary labels y_i ∈ {−1, +1} (long version L84, L165)"),
        Assumption("examples drawn from D (eq. 2.1)", ("X_D", "y_D"),
                   lambda X_D, y_D: off_support(X_D, y_D),
                   "Theorem 2.1 / B.1 and Lemmas B.2–B.6: x ∈ supp D, y = |x₁| − |x₂| (L74–L82)"),
        Assumption("Lipschitz constant c₂ = √k·M_R·M_Φ + M_V of L' is positive", ("c2",),
                   lambda c2: None if c2 > 0 else f"c₂ = {c2:g} is not positive",
                   "Lemma E.13 (L1055) under Assumptions E.1–E.3 (L911–L915)"),
        Assumption("noise σ > 0 below the accuracy: 0 < 2W_ε²σ < ε", ("eps", "sigma", "W2"),
                   lambda eps, sigma, W2: None if 0 < sigma and 0 < eps and 2 * W2 * sigma < eps
                   else f"σ = {sigma:g}, ε = {eps:g}, W_ε² = {W2:g} violate 0 < 2W_ε²σ < ε",
                   "Theorem E.4 (L919–L921) and its proof (L1220: σW_ε² = o(ε))"),
    ),
)

def nc_cone_partition(X, y, B, gamma_nc, eps) -> str | None:
    """Telgarsky (2023), Section 3.1 (l.278–285): data "partitioned into cones" — every example lies
    in the narrow cone of some β_k (y β_kᵀx >= γ_nc, ‖(I − β_kβ_kᵀ)x‖ <= γ_nc√(ε/2)) and in the polar
    (y β_kᵀx <= −ε) of every cone it is not in, with 0 < ε < γ_nc. Float rounding: 256 ulp."""
    import numpy as np

    from theory.claims.assumptions import UNIT_NORM_RTOL as tol
    X, B = np.atleast_2d(np.asarray(X, float)), np.atleast_2d(np.asarray(B, float))
    y = np.asarray(y, float).ravel()
    if not 0 < eps < gamma_nc:
        return f"ε = {eps:.6g} is not in (0, γ_nc) = (0, {gamma_nc:.6g})"
    proj = y[:, None] * (X @ B.T)
    perp = np.sqrt(np.maximum(np.sum(X * X, axis=1)[:, None] - (X @ B.T) ** 2, 0.0))
    cone = (proj >= gamma_nc - tol) & (perp <= gamma_nc * np.sqrt(eps / 2) + tol)
    polar = proj <= -eps + tol
    if not np.all(cone.any(axis=1)):
        return f"example {int(np.argmin(cone.any(axis=1)))} lies in no cone"
    if not np.all(cone | polar):
        i, k = np.argwhere(~(cone | polar))[0]
        return f"example {i} is neither in the cone nor in the polar of β_{k}"
    return None


def _telgarsky_assumptions():
    from theory.claims import Assumption
    from theory.claims.assumptions import inputs_in_unit_ball, sign_labels
    return (
        inputs_in_unit_ball("Section 1.2, l.74: \"Throughout this work, ‖x‖ <= 1\""),
        sign_labels("Section 1.2, l.74: \"(x, y) with x ∈ R^d and y ∈ {±1}\""),
        Assumption("neural-collapse data partitioned into cones (Assumption 3.1)",
                   ("X", "y", "B", "gamma_nc", "eps"), nc_cone_partition,
                   "Section 3.1, l.278: \"data is partitioned into cones, and all data points outside "
                   "a cone live within the convex polar to that cone\""),
    )


TELGARSKY2023 = Paper(
    key="telgarsky2023",
    authors="Telgarsky",
    year=2023,
    title="Feature selection with gradient descent on two-layer networks in low-rotation regimes",
    where="ICLR 2023, arXiv:2208.02789",
    url="https://arxiv.org/abs/2208.02789",
    assumptions=_telgarsky_assumptions(),
)

def _balanced(a0, b0) -> str | None:
    """Lemma 3.2's hypothesis |a_j(0)| = |b_j(0)| (Section 2 draws both from {±1/√m})."""
    a0, b0 = np.abs(np.asarray(a0, dtype=np.float64)), np.abs(np.asarray(b0, dtype=np.float64))
    gap = float(np.max(np.abs(a0 - b0))) if a0.size else 0.0
    return None if gap <= UNIT_NORM_RTOL * max(1.0, float(a0.max(initial=0.0))) else \
        f"|a_j(0)| and |b_j(0)| differ by {gap:.3g}: the initialisation is not balanced"


def _unit_mass_positive(u0) -> str | None:
    """u(0) = |a(0) ⊙ b(0)| > 0 with ‖u(0)‖₁ = 1 (Section 2's a_j, b_j = ±1/√m give u(0) = 1/m)."""
    u0 = np.asarray(u0, dtype=np.float64).ravel()
    if u0.size == 0 or float(u0.min()) <= 0:
        return "u(0) has a coordinate <= 0 (the mirror flow lives on the open orthant)"
    mass = float(u0.sum())
    return None if abs(mass - 1.0) <= UNIT_NORM_RTOL * u0.size else f"‖u(0)‖₁ = {mass:.6g}, not 1"


def _named_loss(loss) -> str | None:
    return None if loss in LOSSES else f"the loss is {loss!r}, not one of {', '.join(LOSSES)}"


HOMOGENEITY2025 = Paper(
    key="homogeneity2025",
    authors="Anonymous",
    year=2025,
    title="The ubiquity of 2-homogeneity, how its implicit bias selects features, and other stories",
    where="ICLR 2025 submission (OpenReview lYQLwP9c9S), under double-blind review",
    url="https://openreview.net/forum?id=lYQLwP9c9S",
    assumptions=(
        inputs_in_unit_ball("Section 4: C1 <= ‖x‖‖x′‖ <= 1 (l.1048–1050); Example 4.1's corners have ‖x‖ = 1 (l.457)"),
        sign_labels("binary labels: y h(x) > 0 is a correct prediction (l.101); Example 4.1's y = ±1 (l.457)"),
        Assumption("features in the unit ball (‖z_i(s)‖₂ ≤ 1)", ("Z",), lambda Z: norm_at_most_one(Z),
                   "assumed in the proof of Lemma 3.4 (l.861); eq. (1) with ‖x‖ <= 1 gives ‖z_i‖_∞ <= 1"),
        Assumption("balanced initialisation (|a_j(0)| = |b_j(0)|)", ("a0", "b0"), _balanced,
                   "Lemma 3.2 (l.231); Section 2 draws a_j, b_j ~ Unif(±1/√m) (l.169)"),
        Assumption("positive initial weights of unit mass (u(0) > 0, ‖u(0)‖₁ = 1)", ("u0",), _unit_mass_positive,
                   "Section 2's initialisation gives u(0) = 1/m (l.169, l.435); Lemma 3.5 assumes ‖u(0)‖₁ = 1 (l.363)"),
        Assumption("logistic or exponential loss", ("loss",), _named_loss,
                   "Appendix A defines ℓ_log and ℓ_exp (l.509); Lemma A.1 and the proofs of Section 3 use them"),
    ),
)
