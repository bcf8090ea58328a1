"""Bibliographic records of the papers theorycheck covers (cite results by these)."""

from theory.claims import Assumption, Paper
from theory.claims.assumptions import bounded_labels, unit_sphere_inputs


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
)

TELGARSKY2023 = Paper(
    key="telgarsky2023",
    authors="Telgarsky",
    year=2023,
    title="Feature selection with gradient descent on two-layer networks in low-rotation regimes",
    where="ICLR 2023, arXiv:2208.02789",
    url="https://arxiv.org/abs/2208.02789",
)

HOMOGENEITY2025 = Paper(
    key="homogeneity2025",
    authors="Anonymous",
    year=2025,
    title="The ubiquity of 2-homogeneity, how its implicit bias selects features, and other stories",
    where="ICLR 2025 submission (OpenReview lYQLwP9c9S), under double-blind review",
    url="https://openreview.net/forum?id=lYQLwP9c9S",
)
