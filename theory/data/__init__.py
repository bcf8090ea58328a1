"""Data: the input spaces and label distributions the papers draw from.

``sphere`` (points on S^{d-1}), ``hypercube`` (the Boolean cube, parities, Walsh–Fourier),
``sparse_parity`` and ``kbit_parity`` (the parity examples of Telgarsky 2023 and the 2-homogeneity
paper), ``hard_distribution`` (Wei et al. 2019's D), ``targets`` (label functions g(x)) and ``digits``
(the bundled 8×8 digits standing in for MNIST).
"""
