"""Bibliographic records of the papers theorycheck covers (cite results by these)."""

from theory.claims import Paper

ARORA2019 = Paper(
    key="arora2019",
    authors="Arora, Du, Hu, Li, Wang",
    year=2019,
    title="Fine-Grained Analysis of Optimization and Generalization for Overparameterized "
          "Two-Layer Neural Networks",
    where="ICML 2019, arXiv:1901.08584",
)
