"""Training dynamics: ``gradient_flow`` (discretised gradient flow of the two-layer net),
``two_layer_gd`` (gradient descent of Arora et al. 2019, batched over seeds), ``linear_dynamics``
(the kernel dynamics it is compared with), ``mean_field`` (Wei et al. 2019's Wasserstein flow) and
``mirror_flow`` (the entropy mirror flow of the 2-homogeneity paper's Lemma 3.2)."""
