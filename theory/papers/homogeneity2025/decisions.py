"""Decisions on every error the catalogue (two_homogeneity.md §7.1) flags, read against the paper.

Line numbers refer to ``shared/papers/homogeneity2025_003_dbfc99f2f03f7955.txt``.
"""

from __future__ import annotations

from theory.claims import REGISTRY
from theory.papers.homogeneity2025._shared import APPENDIX_A, APPENDIX_B, SEC32, SEC34, SEC4, src


# ---------------------------------------------------------------------------------------------
# Decisions on every error the catalogue (two_homogeneity.md §7.1) flags, read against the paper.
# ---------------------------------------------------------------------------------------------

H = "homogeneity2025."
#: (result, section, line, flag, decision, reason, claims)
CATALOGUE_DECISIONS = (
    ("Lemma A.1 (part 2)", APPENDIX_A, 519, "H1", "statement",
     "False for the logistic loss at n >= 8 zero margins, inside the lemma's only hypotheses; certified.",
     (H + "lemA.1.printed-log-n-gap", H + "lemA.1.log-n-gap-psi-nonnegative")),
    ("Example 4.1", SEC4, 457, "H2(i)-(ii)", "statement",
     "γ_D = 0 for odd k >= 3 and γ_D < 1/(k√d) for every k on the full cube, which 'any distribution "
     "supported on the corners' allows; certified by an exact uniform-dual bound.",
     (H + "ex4.1.printed-f1-margin", H + "ex4.1.f1-margin-closed-form", H + "ex4.1.odd-parity-error-floor")),
    ("Example 4.1 (cited source)", SEC4, 457, "H2(iii)", "not checkable",
     "What Telgarsky (2022) proves (k = 2, 1/√(8d)) is a fact about another paper; our closed form "
     "agrees with it at k = 2.", (H + "ex4.1.f1-margin-closed-form",)),
    ("Example 4.1 (F2 margin d^{-k/2})", SEC4, 457, "H2(iv) normalisation", "not an error",
     "The printed d^{−k/2} is the F2 margin for a kernel normalised to K(x, x) = 1; our scaling claims "
     "state, as our own statement, the rate d^{−(k+1)/2} for the RKHS of the uniform measure on the "
     "sphere, and their mutants no longer encode the printed rate.",
     (H + "ex4.1.f2-margin-scaling-k2", H + "ex4.1.f2-margin-scaling-k4", H + "ex4.1.f2-margin-closed-form")),
    ("Example 4.1 (NTK d^k/n)", SEC4, 457, "H2(iv) marginal", "not an error",
     "The NTK lower bound is imported for the uniform marginal, and the uniform marginal is one of the "
     "distributions Example 4.1 allows, so the comparison is made on an allowed instance."),
    ("Lemma 3.5 / Lemma A.3", "3.3 Proof sketch of Theorem 3.1", 363, "H3", "proof",
     "Passing from Lemma A.3 to eq. (6) drops ln‖u_t‖₁ − 1 + 1/‖u_t‖₁ (certified); eq. (6) itself is "
     "not refuted on our trajectories, but the doubly-exponential γ/32 chain is not established as written.",
     (H + "lem3.5.printed-kl-in-place-of-bregman", H + "lem3.5.bregman-scaling", H + "lemA.3.smoothed-margin-along-gd")),
    ("Theorem 3.1", "3.1 Restatement of Theorem 1.1", 185, "H4(i)", "proof",
     "The proof feeds the drift-halved trajectory margin γ/2 (l.977) into Lemma 3.4(1) and Lemma A.4, "
     "giving u-margins γ/(4(1+R)) and γ/32 (the early phase's γ'/16 with γ' = γ/2), i.e. (a, b)-margins "
     "γ/(8(1+R)) and γ/64, half the printed ones (‖a‖² + ‖b‖² = 2‖u‖₁, l.357). The statement is unproven by a factor 2, not refuted: its "
     "hypotheses (t >= (20R/γ)⁴, the width conditions) are out of numerical reach, and the trajectory "
     "checks of its ingredients hold.",
     (H + "thm3.1.feature-drift-along-gd", H + "lem3.4.margin-after-t1-along-gd")),
    ("Theorem 3.1 (R)", "3.1 Restatement of Theorem 1.1", 185, "H4(ii)", "proof",
     "The statement's R = KL(p̄, u(0)) is smaller than Lemma 3.4's D_φ(ū, u(0))/‖ū‖₁ = KL(p̄, u(0)) + "
     "ln‖ū‖₁ − 1 + 1/‖ū‖₁ that the proof uses, so the printed thresholds do not follow from the proof.",
     (H + "lem3.4.sup-norm-along-gd", H + "lem3.5.bregman-scaling")),
    ("Theorem 3.1 (C2 condition)", "3.1 Restatement of Theorem 1.1", 185, "H4(iii)", "typo",
     "The ‖p̄‖_∞ condition beside it carries γ³, as the proof's [‖ū‖₁(8R+2)+32]² with ‖ū‖₁ = ln(tn)/γ "
     "gives; the C2 condition lost the γ². Harmless for eq. (1), where C2 = 0."),
    ("Theorem 3.1 (hypothesis on p̄)", "3.1 Restatement of Theorem 1.1", 185, "H4(iv)-(vi)", "typo",
     "β and p̄ >= 0 (Lemma 3.4's hypothesis, l.331), u(0) = |a(0) ⊙ b(0)| (Lemma 3.2, l.231) and C1 "
     "without 'j ≠ k' (as in the proof of Theorem 4.1, l.1044) are evident from the paper's own use."),
    ("Theorem 3.1 (balanced initialisation)", "3.1 Restatement of Theorem 1.1", 185, "H4(vii)", "not an error",
     "Section 2's initialisation a_j, b_j ~ Unif(±1/√m) (l.169) is balanced; it is a standing "
     "assumption of the paper, recorded on its Paper record."),
    ("Theorem 1.1 / Theorem 3.1", "1.1", 118, "H4(viii)", "reading",
     "Theorem 1.1 is an 'informal simplification' (l.118): its γ/16 is the u-margin of the early "
     "phase (l.357), γ/32 the (a, b)-margin of Theorem 3.1; prose, not a numbered bound of its own."),
    ("Lemma 3.4 (proof)", APPENDIX_A, 863, "M1", "proof",
     "The last display drops the factor 2 of eq. (3); inside the proof's ‖z_i‖₂ <= 1, m = 1 and z ≡ 1 "
     "refute it (certified); the lemma's statement holds.",
     (H + "lem3.4.printed-proof-norm-bound", H + "lem3.4.norm-bound")),
    ("Lemma 3.4 (part 1)", "3.3 Proof sketch of Theorem 3.1", 341, "M2", "proof",
     "The constant γ/(2(1+R)) does not follow from the garbled proof (l.848–855); the margin holds with "
     "19–128× slack on our trajectories.", (H + "lem3.4.margin-after-t1-along-gd",)),
    ("Early phase of Theorem 3.1", "3.3 Proof sketch of Theorem 3.1", 355, "M3", "proof",
     "Lemma 3.4(2) with C = 8 needs C <= 4 + R, i.e. R >= 4, which is not stated; checked along GD where "
     "the condition holds.", (H + "lem3.4.margin-under-norm-condition-along-gd",)),
    ("Lemma 3.3 / eq. (3)", SEC32, 307, "M4", "typo",
     "f_s = −2𝓛_s (l.307, l.327) is a sign slip: eq. (3) is the mirror flow of +2𝓛_s, and Lemma 3.4 "
     "uses +2∫𝓛_s(ū).", (H + "lem3.3.mirror-flow-regret",)),
    ("Lemma A.2 (proof of part 1)", APPENDIX_A, 705, "M5", "proof",
     "The simplex minimum in the proof drops ‖v‖₁ − 1 (certified); Lemma A.2's statement has no part 1 "
     "in our copy and no proof cites it. The flipped sign in the display of Q' (l.729) is a typo: the "
     "final bound Q(x) >= ½(√x − 1/√x)² is right.",
     (H + "lemA.2.printed-simplex-minimum", H + "lemA.2.simplex-minimum", H + "lemA.2.q-lower-bound")),
    ("Theorem 4.1 (time condition)", SEC4, 437, "M6 (missing ⁴)", "typo",
     "t >= (20R/γ) lacks the fourth power that Theorem 3.1 (l.199) and Theorem 4.1's own proof "
     "(l.1057, 'If t >= (20R/γ)^4') use."),
    ("Theorem 4.1 (width, constants, probability)", SEC4, 437, "M6 (other)", "proof",
     "The width term 2¹⁰ln²(tn)d²/γ⁸ is not what Theorem 3.1's condition gives with ‖p̄‖_∞ <= 1/√m; "
     "γ/(32d ln(1/γ)) needs γ small; two failure events give 1 − 2δ. Unproven as printed, not refuted "
     "(the widths are out of numerical reach). 'Pr[yh(x; w(t))]' lacks '<= 0' (typo); ‖x‖ <= 1 is "
     "recorded as a standing assumption."),
    ("Appendix B (C1, C2)", APPENDIX_B, 1050, "M7", "proof",
     "The display of ∇_{v_j}F_j omits 1/‖v_j‖ for general V (certified); C1 <= 1 still holds along the "
     "flow where ‖v_j‖ = 1. 'C1 can be made arbitrarily small with large width' (l.205) is prose: for "
     "eq. (1) it is ‖p̄‖_∞ that shrinks with m.",
     (H + "sec4.printed-feature-gradient", H + "sec4.feature-gradient", H + "sec4.c1-c2-constants")),
    ("Lemma B.1 (proof)", APPENDIX_B, 987, "M8", "proof",
     "Maurey atoms weighted 1/√k instead of 1/k, the Hoeffding count, a garbled D_φ display: slips in "
     "the proof; the lemma's event holds with a large margin for d >= 2 (frequency check), and fails "
     "at d = 1 (the separate statement erratum).",
     (H + "lemB.1.random-feature-reweighting", H + "lemB.1.printed-d-range")),
    ("Remark after Lemma 3.2", SEC32, 239, "M9", "reading",
     "'Eq. (3) fails for L ≠ 2' is right (the L-fold flow has potential ∝ u^{2/L}); 'only 2-homogeneous "
     "models optimise over F1' is a slogan read from it.", (H + "lem3.2.lfold-products",)),
    ("Lemma 3.5 / Lemma A.4 (ξ_t, threshold)", "3.3 Proof sketch of Theorem 3.1", 363, "M10", "typo",
     "ξ_t's sign and 1/n, and A.4's undefined K(p̄, u(0)) with misplaced parentheses (l.972), are evident "
     "from Lemma A.3 and Theorem 3.1's exp(exp(4nR/γ))."),
    ("Lemma 3.4 (constants)", "3.3 Proof sketch of Theorem 3.1", 335, "M11", "not an error",
     "The statement's +32 and +2 are looser than the proof's +16/n and +2/n; consistent.",
     (H + "lem3.4.sup-norm-along-gd",)),
    ("Theorem 3.6 (proof) / Theorem 1.1 part 2", SEC34, 871, "M12", "typo",
     "ẇ vs ŵ̇ in eq. (11), ⟨w_s, ŵ̇_s⟩ for ⟨ŵ_s, ŵ̇_s⟩, '→' for '↛', 'Lemma 3.3' for Lemma 3.2; the "
     "mathematics of Theorem 3.6 holds in every check. Theorem 1.1's omitted bounded-gradient "
     "hypothesis is in an informal statement.",
     (H + "thm3.6.smoothed-margin-rate", H + "thm3.6.monotone-along-gd")),
    ("Section 1.1 (ubiquity of 2-homogeneity)", "1.1", 77, "M13", "reading",
     "The 2-homogeneity of 'normalisation gain then linear head' needs no bias after the gain and no "
     "head bias: informal prose; our claim states the hypotheses and its mutants add the biases.",
     (H + "sec1.1.gain-head-two-homogeneous",)),
    ("Section 1 / Appendices", "1.1", 77, "L-typos", "typo",
     "The notation slips the catalogue lists (l.77 leftover note, (u, Q) for (u, V), 'input margin' for "
     "'marginal', Lemma 3.2's proof signs, A.1(4)/(5) notation) have their intended form evident."),
    ("Theorem 1.2 / Theorem 3.1 (t0, m0)", "1.1", 141, "U5", "not an error",
     "The paper itself calls the bounds 'prohibitively large … essentially infinite' (l.147)."),
    ("Section 4 (ambiguities)", SEC4, 433, "ambiguities 1–5", "reading",
     "Unit mass = total variation <= 1; u- vs (a, b)-margins (factor 2); which R enters t1; the F2 "
     "normalisation; the Clarke convention at ReLU kinks: each claim here says which reading it checks."),
)

for _result, _section, _line, _flag, _decision, _reason, *_claims in CATALOGUE_DECISIONS:
    REGISTRY.decide(src(_result, _section, _line), _flag, _decision, _reason,
                    claims=_claims[0] if _claims else ())
del _result, _section, _line, _flag, _decision, _reason, _claims
