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
