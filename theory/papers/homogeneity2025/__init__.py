"""Anonymous 2025 — "The ubiquity of 2-homogeneity, how its implicit bias selects features, and other
stories" (ICLR 2025 submission, OpenReview lYQLwP9c9S).

The paper has no experiments; every check is of our own design (catalogue ``two_homogeneity.md``).
One module per section or appendix, imported here in the paper's order (registration order is the
order of every report):

- :mod:`.sec1_introduction`: Section 1.1, a gain followed by a linear head is 2-homogeneous;
- :mod:`.sec3_2_mirror_flow`: Lemma 3.2, its L-fold remark, Remark 3.3 and Lemma 3.3;
- :mod:`.sec3_3_proof_sketch`: the self-bounding property, Lemma 3.4's norm bounds, Lemma 3.5;
- :mod:`.sec3_3_along_gd`: Lemma 3.4, Lemma A.3 and Theorem 3.1's feature drift along GD on eq. (1);
- :mod:`.sec3_4_nondecreasing_margins`: Theorem 3.6;
- :mod:`.sec4_shallow_relu`: the feature gradients, C1 and C2, Example 4.1;
- :mod:`.appendix_a`: Lemmas A.1 and A.2; :mod:`.appendix_b`: the Rademacher bound, Lemma B.1;
- :mod:`.experiments`: gradient descent on parity (CPU and paper scale);
- :mod:`.not_checkable` and :mod:`.decisions`: what is not checked, and the decision on every
  error the catalogue flags.

:mod:`._shared` holds ``src`` and the instance builders several sections use. Line numbers refer to
``shared/papers/homogeneity2025_003_dbfc99f2f03f7955.txt``.
"""

from theory.papers.homogeneity2025 import (  # noqa: F401  (each registers its claims)
    sec1_introduction, sec3_2_mirror_flow, sec3_3_proof_sketch, sec3_3_along_gd,
    sec3_4_nondecreasing_margins, sec4_shallow_relu, appendix_a, appendix_b, experiments,
    not_checkable, decisions, readings)
# reached by checks.bench_scaling (the cost sweep) and tests/papers/test_paper_scale_cpu.py
from theory.papers.homogeneity2025.experiments import parity_at_scale  # noqa: F401
from theory.papers.homogeneity2025.sec3_3_along_gd import shallow_gd_trajectory  # noqa: F401
