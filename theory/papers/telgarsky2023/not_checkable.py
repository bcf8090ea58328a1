"""Results of Telgarsky (2023) the suite lists but does not check numerically, with the reason.
"""

from __future__ import annotations


from theory.claims import REGISTRY
from theory.papers.telgarsky2023.common import APP_A, S12, S2, src


for _result, _section, _line, _reason in (
    ("Clarke chain rules (Section 1.2)", S12, 86,
     "asserted by citation for nonsmooth definable maps; only differentiable points can be evaluated "
     "(covered by the Euler, ratio and monotonicity identities)"),
    ("Universality of both architectures (Section 1.2)", S12, 134,
     "an existence statement over all continuous functions"),
    ("Equation (A.1)", APP_A, 589, "the equation defining Appendix A.3's setting is missing from the text"),
    ("Lemma A.6 (liminf statement)", APP_A, 628,
     "limits over infinite time; finite-horizon proxies are the potential identities and the trainings"),
    ("Table 1 (prior-work rows)", "1 Introduction", 59, "results of other papers"),
    ("Lemma 2.5 / Theorem 2.2 test-error bounds", S2, 263,
     "O(·) with an unspecified constant; only the trend in n could be measured"),
    ("Proposition 1.6 remark: γ_ntk = Θ(1/d) is tight for parity", S12, 144,
     "an upper bound over all transports is an optimisation over functions; not implemented as a proxy"),
):
    REGISTRY.not_checkable(src(_result, _section, _line), _reason)
