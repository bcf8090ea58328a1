"""Arora et al. 2019: the numbered results the suite lists but cannot check numerically, and the
decision on every error the catalogue (shared/catalogue/arora_fine_grained.md §5) flags.
"""

from __future__ import annotations

from theory.claims import REGISTRY
from theory.papers.arora2019._shared import APPC, APPD, APPE, SEC5, src

# ---------------------------------------------------------------------------------------------
# Results that are listed but not checked numerically.
# ---------------------------------------------------------------------------------------------

for _result, _section, _line, _reason in (
    ("Theorem 3.2", "3 Overview of Our Results", 133,
     "informal restatement of Theorem 4.1 ('≈' with no error term); checked through "
     "arora2019.thm4.1.trajectory-deviation-scaling"),
    ("Theorem 3.3", "3 Overview of Our Results", 145,
     "informal restatement of Theorem 5.1 with no constants or error terms"),
    ("Theorem 5.1", SEC5, 235,
     "hidden constants (κ = O(λ₀δ/n), m >= κ⁻²poly(n, 1/λ₀, 1/δ), O(sqrt(log(n/(λ₀δ))/n))) and a "
     "population loss: no finite instance can refute it; its complexity measure and trend are checked "
     "by arora2019.fig2.* and its ingredients by lem5.3/thm5.1 claims"),
    ("Corollary 5.2", SEC5, 245,
     "same hidden constants as Theorem 5.1; the ramp-loss step of its proof is arora2019.cor5.2.ramp-loss"),
    ("Definition 5.1", SEC5, 227,
     "a definition; its numerical content (λ_min(H∞) > 0 for non-parallel inputs) is Remark 5.1"),
    ("Definition B.1", "B Rademacher Complexity", 462, "a definition (empirical Rademacher complexity)"),
    ("Theorem B.1", "B Rademacher Complexity", 470,
     "an external result (Mohri et al.), not a contribution of the paper"),
):
    REGISTRY.not_checkable(src(_result, _section, _line), _reason)


# ---------------------------------------------------------------------------------------------
# Decisions on the errors the catalogue (shared/catalogue/arora_fine_grained.md §5) flags with
# severity E, P or T, each re-read against the paper text (issue 13).
# ---------------------------------------------------------------------------------------------

for _section, _line, _flag, _decision, _reason, _claims in (
    ("6 Provable Learning using Two-Layer ReLU Neural Networks", 340, "S1 (Example 6.2, O(‖A‖_*))",
     "statement",
     "yᵀ(H∞)⁻¹y is 2-homogeneous in A; the catalogue's witness A = cI gives y ≡ c and breaks |y| ≤ 1 "
     "(L94), so the registered witness is band data |xᵀAx| ≤ 1 inside every standing assumption, "
     "certified in interval arithmetic (see the claim's note)",
     ("arora2019.ex6.2.printed-nuclear-norm", "arora2019.ex6.2.nuclear-norm-squared")),
    ("6 Provable Learning using Two-Layer ReLU Neural Networks", 342, "S2 (Examples 6.3/6.4, M_g vs √M_g)",
     "proof",
     "the displayed sums bound √(yᵀH∞⁻¹y) through Corollary 6.2, not M_g = yᵀH∞⁻¹y; the printed rate "
     "O(‖β‖sinh‖β‖) is not refuted on any instance (q ~ ‖β‖⁴ for small ‖β‖, and |y| ≤ 1 keeps ‖β‖ "
     "moderate), so only the bookkeeping step is wrong; the corrected bounds are checked",
     ("arora2019.ex6.3.cosine-bound", "arora2019.ex6.4.arctan-bound")),
    (APPC, 530, "S3 (Lemma C.2 proof, (2/m)δ and Markov at fixed k)", "proof",
     "(2/m)Σ_r E𝕀{‖w_r(k) − w_r(0)‖ > R} ≤ 2δ, not (2/m)δ, and Markov at a fixed k does not give "
     "'for all k'; conditioning on Lemma C.1's event repairs both. The statement survives: its "
     "(√m·κ)⁻¹ drift rate is checked as a scaling law",
     ("arora2019.lemC.2.kernel-drift-scaling",)),
    (APPC, 550, "S4 (Lemma C.3, log(2/δ) vs log(2n²/δ))", "proof",
     "the statement's log(2/δ) is true (a bounded-differences argument on ‖H(0) − H∞‖_F gives it) "
     "but the union bound of L558–562 proves log(2n²/δ); later uses (L642, L742) take the proved "
     "form. Both forms are checked by frequency",
     ("arora2019.lemC.3.gram-concentration", "arora2019.lemC.3.printed-log-factor")),
    (APPC, 528, "S5 (√(2πκ) in eq. (17), L544, L584, L826, L834; R at L512)", "source-unverified",
     "every occurrence is √(2π)·κ (or √m·λ₀) with the radical's bar over the next symbol, including "
     "the N(0, κ²) density itself and the dimensionally impossible √(2nR) of L826: a conversion "
     "artefact of our text copy most likely; the original cannot be consulted here",
     ("arora2019.eq17.printed-small-ball", "arora2019.eq17.small-ball")),
    (APPE, 911, "S6 (Hadamard X^{∘l} for Khatri–Rao X^{⊙l})", "typo",
     "L909 defines ⊙ for this use and L946 uses it correctly",
     ("arora2019.appE.printed-hadamard-power", "arora2019.appE.khatri-rao-power")),
    (SEC5, 229, "S7 (Remark 5.1, 'parallel')", "reading",
     "on the unit sphere x_j = c·x_i with c > 0 means x_j = x_i; the usual meaning (either sign) holds",
     ("arora2019.rem5.1.printed-parallel", "arora2019.rem5.1.hinf-positive-definite")),
    ("3 Overview of Our Results", 141, "S16 (footnote 2, 𝕀{≥ 0} 'used in practice')", "not checkable",
     "a remark about what software does; 𝕀{≥ 0} and 𝕀{> 0} differ only where wᵀx = 0 exactly, a "
     "null event under the Gaussian initialisation, so no result depends on it", ()),
    (APPD, 786, "S17 (𝕀{wᵀx_i} missing '≥ 0')", "typo",
     "the definition of 𝕀_{r,i} (L141) fixes the intended event; no numerical content to register", ()),
    (APPD, 742, "S18 (bold (I − ηλ₀)^k in (37))", "typo",
     "a scalar (1 − ηλ₀)^k is meant, as in (29); no numerical content to register", ()),
    ("5 Analysis of Generalization", 296, "S19 (v(k) collides with the eigenvectors v_i; H(0) ≻ 0 unstated)",
     "typo",
     "notation only; the limit identity's unstated H(0) ≻ 0 and η < 2/λ_max(H(0)) are the "
     "preconditions of the registered check",
     ("arora2019.sec5.2.auxiliary-limit",)),
    (APPC, 508, "S20 (Lemma C.2's failure probability 4δ)", "not an error",
     "the proof uses three events of probability δ each; stating 4δ is weaker, hence still true", ()),
):
    REGISTRY.decide(src(f"catalogue {_flag.split(' ')[0]}", _section, _line), _flag, _decision, _reason,
                    claims=_claims)
