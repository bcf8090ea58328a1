"""Decisions on every error the catalogue flags in Telgarsky (2023) (shared/catalogue/
telgarsky_low_rotation.md §6), each with the claims that check it.
"""

from __future__ import annotations


from theory.claims import REGISTRY
from theory.papers.telgarsky2023.common import APP_A, APP_B, APP_C, S12, S2, S3, src


_P = "telgarsky2023."


for _result, _section, _line, _flag, _decision, _reason, _claims in (
    ("Lemmas A.3.1/A.3.2 (initialisation conventions)", APP_A, 539, "M1", "statement",
     "Lemma A.3.2 draws the network's W (a ~ N(0, 1/m), l.74) and applies A.3.1, whose Hoeffding step needs "
     "a ~ N(0, 1); with Proposition 1.5.1's inner-layer transport its display fails on essentially every draw.",
     ("lemA.3.1.network-init", "lemA.3.1.transport-rows", "lemA.3.1.network-init-outer")),
    ("Assumption 1.3 (‖θ(w)‖ <= 1)", S12, 122, "M2", "typo",
     "Assumption 1.3 as printed bounds only the support of θ; l.447 calls ‖θ(w)‖ <= 1 \"the condition\" and "
     "Lemma A.3's Hoeffding range and ‖θ̄_j‖ <= 2 (l.699, 803) use it, so the bound was meant (without it γ_ntk "
     "scales with θ). Every transport of the paper satisfies it.", ("ass1.3.transport-support",)),
    ("Proof of Proposition 1.6.1 (support indicator)", APP_A, 447, "M3", "typo",
     "the transport lacks 1[‖w‖ <= 2], which Proposition 1.5's transports carry.",
     ("prop1.6.1.printed-transport-support",)),
    ("Assumption 3.1", S3, 280, "M4", "statement",
     "cone labels are not tied to sgn α_k; witness inside the cone partition.", ("ass3.1.printed-implies-global",)),
    ("Proof of Theorem 3.2 (φ_{k,j} monotone)", APP_C, 1001, "M5", "proof",
     "tracked nodes fire on other clusters when √(2ε) exceeds the polar margin.", ("thm3.2.node-potential-printed",)),
    ("Lemma 2.4 (width)", S2, 230, "M6", "proof", "the first display of the proof needs a larger width.",
     ("lem2.4.width-printed",)),
    ("Proof of Lemma 2.3 (t >= n)", APP_B, 849, "M7", "proof",
     "the last step uses max_i|ℓ'_i| <= n/(10t) <= 1/10, i.e. t >= n, and A.3 needs ln(n/δ) where the lemma "
     "has ln(t/δ); Theorem 2.2 uses t = n. Both conclusions hold at every t > 0 on the runs, so it is a gap "
     "of the proof, not a false lemma.", ("lem2.3.near-init-training",)),
    ("Proposition 2.6 (linear separability)", S2, 267, "M8", "not an error",
     "the proposition takes its data \"as in Figure 2\", whose caption says the linear predictor u \"may still "
     "achieve a positive margin\": separability of S_1 ∪ S_2 is part of the setting, so {e_1} ∪ {−e_1} is not "
     "an instance. The construction is checked with it.", ("prop2.6.geodesic-construction",)),
    ("Proposition 2.6, part 2 (\"GF achieves\")", S2, 271, "M8 (w.h.p.)", "reading",
     "GF starts from a random initialisation and the proof goes through Lemma 2.3's high-probability event; "
     "\"GF achieves\" reads as \"with high probability over the initialisation\". Not checkable as stated "
     "(a limit in t and m).", ()),
    ("Proof of Proposition 2.6, (B.6)", APP_B, 926, "M8 (B.6)", "typo",
     "min{⟨x_i, x_j⟩} <= −1/√2 where the statement and its use at l.941 need max.", ()),
    ("Theorem 2.1 (width and step size)", S2, 161, "m1 (step interval)", "vacuous",
     "the step interval is empty for ln(t/δ) < 10 at the smallest width; the theorem is then true and empty.",
     ("thm2.1.step-interval-printed", "thm2.1.step-interval")),
    ("Theorem 2.1 (probability 1 − 7δ)", S2, 163, "m1 (1 − 8δ)", "proof",
     "the proof rules out Lemma A.3's 7δ (l.703) and then one more δ for the test-error martingale step, so it "
     "proves 1 − 8δ; a union-bound count, not a false statement (probabilities of this kind are not "
     "checkable at the theorem's width).", ()),
    ("Proof of Theorem 2.1, (B.1)", APP_B, 705, "m1 (B.1)", "proof", "the equality holds only at the largest step.",
     ("thm2.1.b1-equality-printed",)),
    ("Lemma A.3.2 (brackets)", APP_A, 543, "m2", "typo", "the statement's brackets differ from the proof's.",
     ("lemA.3.2.statement-brackets",)),
    ("Definition of 𝒬 (Section 1.2)", S12, 104, "m3", "typo", "sign of 𝒬.", ("sec1.2.dual-normaliser-printed",)),
    ("Section 1.2 (logistic Σq_i >= 1 'eventually')", S12, 104, "m4", "not an error",
     "Σ_i q_i >= 1 holds always for ℓ_log; \"eventually\" is weaker than what is true, not false.",
     ("sec1.2.logistic-duals-mass",)),
    ("Proof of Lemma A.6 (hard margin monotone)", APP_A, 650, "m5", "proof", "only γ̊ is monotone.",
     ("lemA.6.hard-margin-monotone-printed",)),
    ("Proof of Lemma A.6 (\"R̂(u) → ∞\", ‖u_t‖ for ‖u_t‖²)", APP_A, 633, "m5 (typos)", "typo",
     "\"R̂(u_s) → ∞\" must read → 0 (the case split is on inf R̂ = 0), and ‖u_t‖ >= ln(n)/γ_{t_1} must read "
     "‖u_t‖² (Lemma A.5's ln n/‖u‖^L with L = 2).", ()),
    ("Equation (A.1)", APP_A, 589, "m5 (A.1)", "source-unverified",
     "the equation defining Appendix A.3's setting is absent from our text copy; it may be a conversion loss.", ()),
    ("Proof of Theorem 3.3 (dΦ/dt)", APP_C, 1039, "m6", "proof", "a factor ½ is dropped.",
     ("thm3.3.potential-rate-printed",)),
    ("Proof of Theorem 3.3 (conservation display, sign split)", APP_C, 1026, "m6 (other slips)", "proof",
     "the conservation display drops b_k and a factor 2 (typos; a_k² − b_k² is conserved, "
     "thm3.3.balance-kept), and splitting the nodes by output sign needs m/4 >= 2(2/ε)^d ln(r/δ), i.e. "
     "4× the stated width (a proof accounting slip, not checkable at exponential width).",
     ("thm3.3.balance-kept",)),
    ("Proof of Proposition 1.6.1 (E|a| >= 1)", APP_A, 471, "m7", "proof",
     "E_a|a| = √(2/π) ≈ 0.80 < 1 for a ~ N(0, 1); with the true value the proof's chain gives ≈ 0.0166/d, "
     "below the claimed 1/(50d) = 0.02/d, so the chain does not prove the constant. The proposition "
     "itself holds with ≈ 10× slack (closed form ≈ 0.2/d with the indicator).",
     ("prop1.6.1.signed-transport", "prop1.6.1.closed-form-vs-mc")),
    ("Proof of Proposition 1.6.1 (exp(−x²), Pr[v_2 >= 1/√d], β_4, τ)", APP_A, 469, "m7 (typos)", "typo",
     "exp(−x²) for exp(−x²/2), Pr[0 <= v_2 <= 1/√d] meant, \"β_4ᵀx = −β_4ᵀx\" for −β_1ᵀx, τ undefined.", ()),
    ("Proof of Proposition 1.5.2", APP_A, 415, "m8", "proof",
     "the chain writes α(Mv) for sgn, has a spurious factor 2 and restricts to ‖v‖ <= 1; the bound itself holds "
     "(closed form ≈ 0.36γ̂/√d >= γ̂/(16√d)).", ("prop1.5.2.ntk-margin", "prop1.5.2.closed-form-vs-mc")),
    ("Proof of Lemma B.2", APP_B, 795, "m9", "proof", "threshold ln 7, not 2.", ("lemB.2.slope-threshold-printed",)),
    ("Proof of Theorem 2.1 (perceptron)", APP_B, 755, "m10", "typo", "sign of θ̄ (and ȧ_s for Ẇ_s at l.835).",
     ("thm2.1.perceptron-sign-printed",)),
    ("Proof of Lemma 2.3 (2r = R/2)", APP_B, 829, "m11", "typo", "4r = R/2.", ("lem2.3.radius-printed",)),
    ("Section 2.2 sketch of Lemma 2.4", S2, 245, "m12", "reading",
     "the sketch writes γ where colinearity and ∂̄ = Σq_i∂̄p_i need the smoothed margin; the proof in "
     "Appendix B (l.880–892) works with γ̃ and γ̊, so the sketch is informal, not a false step.",
     ("sec1.2.smoothed-margin-monotone",)),
    ("Lemma 2.4 (\"for all s >= t, ‖W_s − W_0‖ >= R\", unique t)", S2, 235, "m13", "proof",
     "Lemma A.4 controls ‖W‖, not ‖W − W_0‖, so these conclusions are not proved; they held on every run.",
     ("lem2.4.crossing-margin",)),
    ("Abstract (\"GF attains at least the NTK margin itself\")", "Abstract", 7, "m14 (abstract)", "reading",
     "read literally impossible (γ(W) <= γ*_gl/2 < γ_ntk on x = ±1); the body's γ_ntk/4096 holds.",
     ("abstract.gf-attains-ntk-margin", "lem2.4.crossing-margin")),
    ("Introduction (\"in fact γ_ntk/4096\")", "1 Introduction", 27, "m14 (intro)", "not an error",
     "Lemma 2.4 gives γ̊(Ŵ_t) >= γ_ntk/4096 for the rebalanced Ŵ_t, which computes the same function as the GF "
     "iterate W_t (l.237); margins of a predictor, and the generalisation bound of Lemma 2.5, may use any "
     "parametrisation, so \"constant margins (in fact γ_ntk/4096) are achieved\" is what the lemma proves "
     "(l.209 says only that it is not known to persist for s > t).", ("lem2.4.crossing-margin",)),
    ("Remark after Theorem 2.1 (\"one step exits the NTK regime\")", S2, 168, "m15", "reading",
     "an informal remark; its literal \"first gradient has norm γ_ntk√m\" inherits M1 for inner-layer transports.",
     ("lemA.3.1.network-init",)),
    ("Proof of Theorem 3.2 (φ undefined)", APP_C, 983, "m16", "reading",
     "φ_{k,j} is not defined; l.989 implies a clip of the unnormalised quantity to [0, 1], which the suite "
     "uses (thm3.2.node-potential).", ("thm3.2.node-potential",)),
    ("Proof of Theorem 3.2 (constants)", APP_C, 1009, "m17", "proof",
     "𝒬(γ_gl − ε)/r, (γ_nc − ε)/k and the theorem's (γ_nc − ε)/(8r) disagree (γ_gl/γ_nc and k/r mixed); the "
     "theorem's constant is not derived as printed, and at exponential width it is not checkable.", ()),
    ("Proof of Lemma A.1", APP_A, 481, "m18", "typo", "u_k for β_k, M_j for M_k, r_j/r_2, ∂̄σp_i.",
     ("lemA.1.ntk-from-global",)),
    ("Index and hat typos (l.57, 108, 228, 301, 449, 593, 933, 987)", S12, 108, "m19", "typo",
     "α_j for α_k, missing hats on R, the √(1 − α²v_1) bracket, ‖w_j²|, \"suppose suppose\", \"sorter order\", β_i.",
     ()),
    ("Table 1 (Theorem 3.3 row, m = d^d)", "1 Introduction", 65, "m20", "reading",
     "Theorem 3.3 with γ_gl = 1/√(8d) needs m = 2(128d)^{d/2} ln(4/δ), which is d^{Θ(d)} as the entry "
     "suggests but exceeds d^d for every d < 128; a table of orders, read as d^{Θ(d)}.", ("tab1.parity-rows",)),
    ("Figure 1 (protocol)", "1 Introduction", 57, "m21", "reading",
     "loss and step size are not given and \"rotation\" is a cosine; the suite states its choices.",
     ("fig1.rotation-vs-norm",)),
    ("Proof of Lemma 2.5 (γ_gl as a generic margin)", APP_B, 870, "m22", "not an error",
     "a reuse of notation; the bound is correct with the hard margin γ >= γ̊.", ("lem2.5.margin-ceiling",)),
    ("Lemma C.1 and the widths of Theorems 3.2/3.3", APP_C, 960, "m23", "proof",
     "(2/ε)^{d−1} suffices in C.1; the sign requirement ã_j = sgn α_k is not handled in Theorem 3.2; "
     "Theorem 3.3's 1 − 3δ omits Lemma 2.5's δ. Accounting of constants and probabilities only.",
     ("lemC.1.covering",)),
    ("Lemma 2.4 (τ quantified before the randomness)", S2, 232, "m24", "reading",
     "\"let τ be given … then with probability …\" reads as \"on the event, for every such τ\".", ()),
    ("Minor typos (l.11, 81, 886, 224)", "1 Introduction", 11, "t", "typo",
     "\"test test error\", \"which used p(W)\", \"unique time r\" for t; the stray \"s < t\" line is a "
     "conversion artefact.", ()),
):
    REGISTRY.decide(src(_result, _section, _line), f"Telgarsky {_flag}", _decision, _reason,
                    tuple(_P + c for c in _claims))
