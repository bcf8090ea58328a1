"""Results of homogeneity2025 the suite lists but cannot check numerically, with the reason.

Line numbers refer to ``shared/papers/homogeneity2025_003_dbfc99f2f03f7955.txt``.
"""

from __future__ import annotations

from theory.claims import REGISTRY
from theory.papers.homogeneity2025._shared import SEC32, SEC4, src


# ---------------------------------------------------------------------------------------------
# Results the suite lists but cannot check numerically.
# ---------------------------------------------------------------------------------------------

REGISTRY.not_checkable(
    src("Theorem 3.1 (second conclusion) and Lemma A.4", "3.1 Restatement of Theorem 1.1", 199),
    "needs t >= e + exp(exp(4nR/γ)); with R >= ln m and γ <= 1 this is exp(exp(10³)) or more, far "
    "beyond any trajectory (catalogue U5). The written proof also drops ln‖u_t‖ (see "
    "homogeneity2025.lem3.5.printed-kl-in-place-of-bregman).")
REGISTRY.not_checkable(
    src("Theorem 3.1 (first conclusion, E5)", "3.1 Restatement of Theorem 1.1", 197),
    "the hypotheses ‖p̄‖_∞ <= γ³/(4C1[ln(tn)(8R+2)+32]²) need ~10⁸ spread atoms (m ≳ 10⁸) at any "
    "feasible γ; the statement's (a,b)-margins are also a factor 2 stronger than its proof gives "
    "(catalogue H4). The drift chain of its proof is checked along GD "
    "(homogeneity2025.thm3.1.feature-drift-along-gd), which records drift/γ0: 0.3–16 at m <= 24, "
    "so E5's 1/2 fails there.")
REGISTRY.not_checkable(
    src("Theorem 4.1 and Theorem 1.2 (margin and test-error guarantees)", SEC4, 437),
    "width m >= 2¹⁰ln(2n/(δγ))²(8/γ)^{2d−2} (≈ 3·10⁴¹ for 4-parity in d = 10) and doubly exponential "
    "t; the O(·)/Õ(·) of the margin bound (Srebro et al. 2010) has no explicit constant. The "
    "parity experiment (homogeneity2025.thm1.2.parity-gd-experiment) checks the consequences instead.")
REGISTRY.not_checkable(
    src("Example 4.1 (NTK sample complexity >= d^k/n)", SEC4, 457),
    "a lower bound imported from Barak et al. (2022) for the uniform marginal; a margin bound only "
    "gives upper bounds, and the F2 margin 1/d^{k/2} depends on the RKHS normalisation.")
REGISTRY.not_checkable(
    src("Remark after Lemma 3.2 ('only 2-homogeneous models optimize over F1')", SEC32, 239),
    "a slogan, not a statement: for L >= 3 the flow is still a mirror flow with a power potential "
    "(checked: homogeneity2025.lem3.2.lfold-products).")
