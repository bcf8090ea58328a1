"""Networks: ``two_layer_relu`` (F(x; W) = aᵀσ(Vx) and its gradients), ``normalized`` (nets whose last
layers are a normalisation gain and a linear head) and ``homogeneity`` (positive homogeneity and
Euler's identity by autograd)."""
