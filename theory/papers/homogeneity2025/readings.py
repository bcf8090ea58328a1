"""The independent referee reading of each accusation against the 2-homogeneity paper (2025) (issue 13).

A reader who saw only the paper text and the accusation, and was asked to argue for the authors,
classified each one (docs/referee-readings/homogeneity2025.md, with the reader's own scripts). Each outcome is
appended to the claim's note; where the reader's class differs from the audited one, the outcome
says why the audit keeps its own.
"""

from theory.claims import REGISTRY

READINGS = (
    ('homogeneity2025.lemA.1.printed-log-n-gap', 'statement',
     "False for the logistic loss with n ≥ 8 at zero or small margins; the hypothesis should require ψ ≥ 0. The paper's uses have large margins and are unaffected."),
    ('homogeneity2025.lemA.2.printed-simplex-minimum', 'proof',
     'The last "=" drops ‖v‖₁ − 1 (Jensen on the same line gives the right value); a proof-line slip in a part the paper does not use.'),
    ('homogeneity2025.lem3.5.printed-kl-in-place-of-bregman', 'proof',
     'D_φ(c·p̄, u₀)/c = KL(p̄, u₀) + Q(c), so eq. (6) is not derived from Lemma A.3; a gap in the proof, not a disproof of eq. (6).'),
    ('homogeneity2025.lem3.4.printed-proof-norm-bound', 'proof',
     'The proof drops the factor 2 of eq. (3); the lemma as stated (L335) already has it, so this is typo-level.'),
    ('homogeneity2025.sec4.printed-feature-gradient', 'proof',
     'The 1/‖v_j‖ is missing, and ‖v_j‖ ≡ 1 along the flow, so nothing downstream changes (close to "not an error").'),
    ('homogeneity2025.ex4.1.printed-f1-margin', 'statement',
     'False for every k under the uniform marginal (0 for odd k ≥ 3, at most 1/(2√d) for k = 1, 1/√(8d) for k = 2); it overstates the cited result.'),
    ('homogeneity2025.lemB.1.printed-d-range', 'statement',
     'At d = 1 the divergence budget is 0, which forces u uniform, and the margin then fails with overwhelming probability; the lemma needs d ≥ 2.'),
)

REGISTRY.record_readings(READINGS)
