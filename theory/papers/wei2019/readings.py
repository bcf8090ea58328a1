"""The independent referee reading of each accusation against Wei, Lee, Liu, Ma 2019 (issue 13).

A reader who saw only the paper text and the accusation, and was asked to argue for the authors,
classified each one (docs/referee-readings/wei2019.md, with the reader's own scripts). Each outcome is
appended to the claim's note; where the reader's class differs from the audited one, the outcome
says why the audit keeps its own.
"""

from theory.claims import REGISTRY

READINGS = (
    ('wei2019.eqB.1.printed-arc-probability', 'proof',
     'The arc probability is (π − θ)/(2π), not 1 − θ/π; the factor 2 disappears into τ₁ and (B.1) still holds.'),
    ('wei2019.lemB.6.printed-moment-matrix', 'proof',
     'The moment matrix misses the swap pairing (I + P_swap), a factor 2; the lower bound (B.10) that is used is unaffected.'),
    ('wei2019.lemB.6.printed-range', 'statement',
     'An exact null direction exists once n > d(d−1)/2 + 1, so the printed range n ≤ d² is false; the reader calls it a statement error while noting "a reader could call this a typo". Both readings agree on the facts; the audit keeps typo because the lemma\'s own proof states n ≤ c·d², the intended form, so the slip is evident from the paper\'s own text.'),
    ('wei2019.thm2.1.printed-n-le-d2', 'statement',
     "At n = d² the reader's LP found zero-error kernel predictors in every draw (d = 6…12), none at n = d²/2. It calls the printed range a statement error; the audit keeps typo because Lemma B.2 (n ≲ d²), the proof (n ≤ c·d²) and the introduction (o(d²)) all state the intended form, which the corrected sibling checks."),
    ('wei2019.propB.10.printed-footnote6', 'typo',
     "A unit-norm Θ lifts to ‖μ‖₁ = ½, not 2; the proposition's γ_ℓ1/2 is right and the footnote misstates why."),
    ('wei2019.thmB.9.printed-norm-limit', 'typo',
     "A missing square on the left-hand side; the proof's last line (L645–L647) has the correct limit."),
    ('wei2019.lemE.14.printed-cap-bound', 'statement',
     'r^{2d} exceeds the cap area once δ/c₂ exceeds about 0.32–0.77; the lemma needs a smallness condition it does not state (harmless in its one use, where δ/c₂ → 0).'),
    ('wei2019.thmE.4.printed-l-choice', 'proof',
     'l is too small by a factor of about 2 in the d-term, plus 1; a proof-constant slip with no effect on Theorem E.4 or its rate.'),
)

REGISTRY.record_readings(READINGS)
