"""Bibliographic records of the papers theorycheck covers (cite results by these)."""

from theory.claims import Assumption, Paper
from theory.claims.assumptions import sign_labels
from theory.hard_distribution import off_support

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
