"""Arora, Du, Hu, Li, Wang 2019 — "Fine-Grained Analysis of Optimization and Generalization for
Overparameterized Two-Layer Neural Networks" (ICML 2019, arXiv:1901.08584).

One module per section or appendix of the paper, imported in the paper's order (registration
order is report order): Section 3 (H∞ of eq. (3), the gradient, Theorem 3.1), Section 4 (the
linear dynamics and Theorem 4.1), Section 5 (Remark 5.1, Section 5.2, Lemmas 5.3 and 5.4, the ramp
loss of Corollary 5.2), Section 6 (Theorem 6.1, Corollary 6.2, Examples 6.1–6.4), Appendix C
(Lemmas C.1–C.3, eq. (17)), Appendix E (the arcsin series, PSD bounds, Khatri–Rao power,
Lemma E.1), then Figures 1 and 2 with their trainings, and the results listed as not checkable
with the decisions on every error the catalogue flags. ``_shared`` holds what several sections use.

Standing assumptions (Section 3, L94 and L100): ‖x‖₂ = 1, |y| ≤ 1, 0 < κ ≤ 1; declared on the
paper's record (theory.bibliography.ARORA2019) and checked on every counterexample.

Domains: point sets start at n = 1 wherever the result allows it. d = 1 is not searched: S⁰ = {±1},
so any n ≥ 3 repeats a point (H∞ singular, outside every result's non-degeneracy) and the n ≤ 2
cases are H∞ = [1/2], diag(1/2, 1/2) or singular; theory.data.sphere builds points for d ≥ 2 only.

Line numbers refer to ``shared/papers/arora2019_004_677e88d3645acab6.txt``.
"""

from theory.papers.arora2019 import (  # noqa: F401  (paper order)
    sec3_overview,
    sec4_convergence,
    sec5_generalization,
    sec6_provable_learning,
    app_c_proofs_sec4,
    app_e_proofs_sec6,
    figures,
    not_checkable,
    readings,  # the independent referee readings, appended to the accused claims' notes
)
