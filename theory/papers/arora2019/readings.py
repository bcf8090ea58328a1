"""The independent referee reading of each accusation against Arora et al. 2019 (issue 13).

A reader who saw only the paper text and the accusation, and was asked to argue for the authors,
classified each one (docs/referee-readings/arora2019.md, with the reader's own scripts). Each outcome is
appended to the claim's note; where the reader's class differs from the audited one, the outcome
says why the audit keeps its own.
"""

from theory.claims import REGISTRY

READINGS = (
    ('arora2019.rem5.1.printed-parallel', 'reading',
     'For unit-norm inputs "parallel" can only sensibly mean collinear (x_j = ±x_i), and under that reading the remark holds; the antipodal pairs that make H∞ singular are the sibling claim.'),
    ('arora2019.ex6.2.printed-nuclear-norm', 'statement',
     'The square is dropped (Corollary 6.2 bounds √M_g). The reader rejected the earlier witness A = c·I (y ≡ c breaks |y| ≤ 1, L94) and found band-supported data inside the assumptions on which the ratio grows without bound; the audit uses such a witness and certifies it in interval arithmetic.'),
    ('arora2019.eq17.printed-small-ball', 'source-unverified',
     "The copy's √(2πκ) should read √(2π)κ, as the density itself and the κ¹ in the lemma's conclusion (L510, L538) show; at worst a typo, not a mathematical error."),
    ('arora2019.appE.printed-hadamard-power', 'typo',
     '∘ where ⊙ is meant (defined at L909, used correctly at L946); nothing downstream depends on the wrong form.'),
)

REGISTRY.record_readings(READINGS)
