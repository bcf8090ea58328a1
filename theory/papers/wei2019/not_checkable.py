"""Wei et al. 2019: the results the suite lists but cannot check numerically, and the decisions
on every error the catalogue flags that has no claim of its own."""

from __future__ import annotations

from theory.claims import REGISTRY
from theory.papers.wei2019._shared import APPB, APPD, APPE, SEC2, SEC3, SEC4, src


for _result, _section, _line, _reason in (
    ("Theorem 1.1", "1 Introduction", 34,
     "informal version of Theorem 2.1 (checked as wei2019.thm2.1.*)"),
    ("Theorem 1.2", "1 Introduction", 42,
     "informal version of Theorem 3.3 (checked as wei2019.thm3.3.noisy-flow-escapes)"),
    ("Assumption 3.1", SEC3, 129,
     "an assumption; its constants are computed for Example 3.2 in Problem.constants()"),
    ("Heuristic L_λ(Θ_λ) ≈ exp(−‖Θ_λ‖^aγ_λ) + λ‖Θ_λ‖^r", SEC4, 177,
     "an informal approximation; its rigorous form is the sandwich C.3–C.5 (lemC.4.loss-sandwich)"),
    ("Assumptions E.1–E.3", "E.1 Regularity assumptions", 911,
     "assumptions; used through the constants of Lemmas E.6 and E.13"),
    ("Claim E.17", APPE, 1092, "a logical consequence of Lemma E.12 with no numeric content"),
    ("Claim E.18", APPE, 1098, "set inclusion T_{s'} ⊇ T_s, no numeric content"),
    ("Theorem E.21", APPE, 1233,
     "discrete-time version whose proof is omitted and whose σ, η are not specified"),
    ("Theorem D.2 (Kakade et al.)", APPD, 839,
     "a cited margin bound with unspecified Rademacher complexity of the class"),
    ("Claim B.7", APPB, 567, "sub-exponentiality with an unspecified universal constant"),
    ("Theorem 3.3 (≤ ε) vs Theorem E.4 (≤ 2ε)", SEC3, 146,
     "no number can separate them: E.4 applied at ε/2 gives 3.3 at ε with σ = exp(−d·log(2/ε)·poly) "
     "and t = 16·(d²/ε⁴)·poly(log(2/ε), …), and for ε <= ½ log(2/ε) <= 2·log(1/ε), so the factors "
     "2 and 16 fall inside the unspecified poly(·) of both statements; neither fixes σ or t_ε, so a "
     "run at any concrete (σ, t) is consistent with both. The discrete-time behaviour is checked "
     "as wei2019.thm3.3.noisy-flow-escapes (gap <= ε against L*_grid >= L*)"),
    ("Proposition D.1 and Corollary 4.2, the bounds (D.1) and (4.3) themselves", APPD, 818,
     "≲ hides the universal constants of Golowich et al. Thm 1 and Kakade et al. Thm 2, and the "
     "statement is over the draw of the sample; with those constants made explicit the bound "
     "exceeds 1 unless n > 16(√(2q ln 2) + 1)² even at the largest attainable margin (114 at "
     "q = 2). Checked instead: the margin ceiling that keeps ε(γ) defined "
     "(wei2019.propD.1.margin-ceiling), the rebalancing (wei2019.propD.1.rebalancing), Lemma D.3 "
     "(wei2019.lemD.3.sup-bound) and the limit/width step (wei2019.cor4.2.bound-monotone-in-margin)"),
):
    REGISTRY.not_checkable(src(_result, _section, _line), _reason)


# --- Decisions on the errors the catalogue flags (shared/catalogue/wei_regularization_matters.md §0)
# Items registered as claims are decided in their notes; these are the ones without a claim of
# their own, or with a claim that checks the corrected form.
for _flag, _result, _section, _line, _decision, _reason, _claims in (
    ("§0.4 Theorem 3.3 (<= ε) vs Theorem E.4 (<= 2ε)", "Theorem 3.3", SEC3, 146, "not an error",
     "Theorem E.4 at ε/2 gives Theorem 3.3 at ε: the factor 2 moves into the unspecified poly(·) of "
     "σ and t_ε (see the not-checkable entry); neither statement fixes numbers that could separate "
     "them.", ("wei2019.thm3.3.noisy-flow-escapes",)),
    ("§0.4 W* without its square root; τ defined two ways", "Proof of Theorem E.4", APPE, 1172, "typo",
     "L1172 defines W* ≜ E_{ρ*}‖θ‖² (a second moment, unlike W_t ≜ √E‖θ‖² at L933) and E.13 then "
     "uses W*², 'W_ε >= W*' and τ ≜ ε/(2W*) (L1196). Either reading is fixed by one symbol "
     "(W* ≜ √E‖θ‖² with τ = ε/(2W*²)), and the choice of l uses τ = ε/(2W_ε²) <= ε/(2W*²), which "
     "keeps K^{−τ} non-empty; the argument is unaffected. Not registered: notation with no number "
     "of its own. The catalogue's '[corr] τ should be ε/(2W_ε²)' is the value the l-choice claim "
     "uses (log(4W_ε²c₂/ε) = log(2c₂/τ) forces it), not a correction of τ ≜ ε/(2W*) itself.",
     ("wei2019.thmE.4.l-choice",)),
    ("§0.5 Theorem 2.1: 'good generalization with O(d²) samples'", "Theorem 2.1 (net part)", SEC2, 103,
     "typo",
     "As written the sentence is true but weak (√(d/n) is small at n = d²); the bound it quotes, "
     "√(d/n), the abstract ('learns with O(d) samples') and the next sentence ('a Ω(d) "
     "sample-complexity gap') make O(d) evident. Checked as the O(d) rate of the net.",
     ("wei2019.thm2.1.net-threshold-linear",)),
    ("§0.5 Proposition D.1 proof: exponent 1/k for 1/q", "Proposition D.1 (proof)", APPD, 874, "typo",
     "L874–878 write (∏_{k=1}^q ‖W_k‖_F)^{1/k} with k the product's own index; the rebalancing needs "
     "1/q (each factor gets the geometric mean), which is what the claim checks; 1/k is not even "
     "well defined outside the product.", ("wei2019.propD.1.rebalancing",)),
    ("§0.5 Lemma E.9: h_V for b_V", "Lemma E.9", APPE, 968, "typo",
     "h_V is defined nowhere; b_V is the lower bound of V (Assumption E.3, L915) that the proof "
     "uses. Checked with b_V.", ("wei2019.lemE.9.second-moment",)),
    ("§0.5 Lemma B.6 proof: probability 1 − exp(O(√n))", "Lemma B.6 (proof)", APPB, 563, "typo",
     "The lemma's statement (L524) says 1 − exp(−Ω(√n)); 1 − exp(O(√n)) is negative and cannot be a "
     "probability. No number to check beyond the statement's, which is registered.",
     ("wei2019.lemB.6.quadratic-regime",)),
    ("§1.2 #21: display at L419 truncated", "Theorem B.1 (proof, event E)", APPB, 419,
     "source-unverified",
     "Our text copy breaks off mid-display ('E_z[f̂(z;β)²] >=' followed by the next sentence); the "
     "complete inequality is at L421, which the suite follows. The original typesetting cannot be "
     "consulted here. Not registered.", ()),
    ("§2 P3 extra finding: Lemma B.5 rate log^{2.5}d/d^{1.5}", "Lemma B.5", APPB, 495, "not an error",
     "The Taylor remainders are O(x⁶), so the error is O(log³d/d²), better than stated; a weaker true "
     "bound is not an error. Checked as the surrogate identity.", ("wei2019.lemB.5.taylor-surrogate",)),
):
    REGISTRY.decide(src(_result, _section, _line), _flag, _decision, _reason, _claims)
