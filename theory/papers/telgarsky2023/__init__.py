"""Telgarsky 2023 — "Feature selection with gradient descent on two-layer networks in low-rotation
regimes" (ICLR 2023, arXiv:2208.02789): one module per part of the paper, imported in the paper's
order (importing them registers the claims).

The network is F(x; W) = aᵀσ(Vx) (theory.nets.two_layer_relu); margins, duals and gradient flow are in
theory.dynamics.gradient_flow; NTK and global margins with the transports of Propositions 1.5/1.6 and
Lemma A.1 in theory.margins.ntk_margin; 2-sparse parity in theory.data.sparse_parity; the Gaussian facts of
Appendices A.2 and C in theory.probability.gaussian_facts. ``intervals`` re-evaluates networks in interval
arithmetic for the errata's certificates.

Conventions (catalogue §0): R̂ = (1/n)Σℓ(p_i) and Ẇ = −∇R̂, so the paper's derivative displays,
which drop the 1/n (GF on Σℓ, a constant time change), are compared after multiplying by 1/n;
𝒬 = |ℓ'(γ̃)| > 0 (the paper prints ℓ'(γ̃)); σ'(0) = 0 unless a claim varies it.

Line numbers refer to ``shared/papers/telgarsky2023_002_ba4ccad61db30969.txt``.
"""

from theory.claims import REGISTRY  # noqa: F401  (the registry the sections fill)
from theory.papers.telgarsky2023 import (  # noqa: F401  (paper order)
    sec1_notation, sec1_margin_estimates, sec2_ntk, sec3_beyond_ntk, appA, appB, appC, figures_tables,
    not_checkable, decisions, readings)
from theory.papers.telgarsky2023.figures_tables import no_rotation_run, no_rotation_run_on_gpu  # noqa: F401
