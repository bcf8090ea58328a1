"""Wei, Lee, Liu, Ma 2019 — "Regularization Matters: Generalization and Optimization of Neural Nets
v.s. their Induced Kernel" (NeurIPS 2019, arXiv:1810.05369).

One file per section or appendix, imported in the paper's order (registration order is report
order): Section 2 (the distribution D, Theorem 2.1), Section 3 (Example 3.2, Theorem 3.3), Section 4
(Theorems 4.1, 4.3, Corollary 4.2), Appendix B.1 (the kernel lower bound's lemmas), B.3 (Theorem B.9,
Proposition B.10), C, D, E (its finite lemmas, then those checked along simulated flows), the
experiments of Appendix F (every claim that trains nets) and the results that are not checkable,
with the decisions on every error the catalogue flags. ``_shared`` holds what several files use.

Errata (class): Theorem 2.1/B.1 at n = d² (typo), Lemma B.6's range (typo), the moment matrix of
B.6's proof (proof), the arc probability before eq. B.1 (proof), footnote 6 (typo), Theorem B.9's
squared limit (typo), Lemma E.14's cap bound (statement) and the choice of l in Theorem E.4's proof
(proof), each with its corrected sibling and a certificate or a stated confidence.

Line numbers refer to the long (arXiv, 2022) version ``shared/papers/wei2019_long_*.txt``; the
conference version numbers every main-text result the same way.
"""

from theory.papers.wei2019 import (section2, section3, section4, appendix_b1, appendix_b3,  # noqa: F401
                                   appendix_c, appendix_d, appendix_e, appendix_e_flows, figures,
                                   not_checkable, readings)
