"""Kernels of two-layer ReLU networks.

``hinf`` (the infinite-width Gram matrix H∞ = the arc-cosine kernel of degree 0 times ⟨x, x'⟩, its
Monte-Carlo and finite-width approximations, and the one home of the angle θ and the co-activation
probability (π − θ)/(2π)) and ``relu_ntk`` (the full NTK of f(x) = Σ_j w_j [u_jᵀx]_+, whose K1 is
written through hinf's formulas, and the degree-1 arc-cosine kernel in cosines).
"""
