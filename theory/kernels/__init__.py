"""Kernels of two-layer ReLU networks.

``hinf`` (the infinite-width Gram matrix H∞ = the arc-cosine kernel of degree 0 times ⟨x, x'⟩, and its
Monte-Carlo and finite-width approximations) and ``relu_ntk`` (the full NTK of f(x) = Σ_j w_j [u_jᵀx]_+).
"""
