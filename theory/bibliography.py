"""Bibliographic records of the papers theorycheck covers (cite results by these)."""

from theory.claims import Paper

ARORA2019 = Paper(
    key="arora2019",
    authors="Arora, Du, Hu, Li, Wang",
    year=2019,
    title="Fine-Grained Analysis of Optimization and Generalization for Overparameterized "
          "Two-Layer Neural Networks",
    where="ICML 2019, arXiv:1901.08584",
    url="https://arxiv.org/abs/1901.08584",
)

WEI2019 = Paper(
    key="wei2019",
    authors="Wei, Lee, Liu, Ma",
    year=2019,
    title="Regularization Matters: Generalization and Optimization of Neural Nets v.s. their "
          "Induced Kernel",
    where="NeurIPS 2019, arXiv:1810.05369 (long version with appendices, revised 30 Dec 2022)",
    url="https://arxiv.org/abs/1810.05369",
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

HOMOGENEITY2025 = Paper(
    key="homogeneity2025",
    authors="Anonymous",
    year=2025,
    title="The ubiquity of 2-homogeneity, how its implicit bias selects features, and other stories",
    where="ICLR 2025 submission (OpenReview lYQLwP9c9S), under double-blind review",
    url="https://openreview.net/forum?id=lYQLwP9c9S",
)
