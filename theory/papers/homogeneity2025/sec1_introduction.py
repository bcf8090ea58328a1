"""Section 1.1 (eq. (1), eq. (2)): a normalisation gain followed by a linear head is 2-homogeneous.

Line numbers refer to ``shared/papers/homogeneity2025_003_dbfc99f2f03f7955.txt``.
"""

from __future__ import annotations

from theory.claims import Choice, Int, Kind, Mutant, Real, Seed, Space, claim, close
from theory.tolerances import EPS
from theory.papers.homogeneity2025._shared import SEC11, src


def gain_head_model(inst, *, norm_bias=False, head_bias=False):
    """(f(a, b) on a batch, a, b) for the instance's architecture, in torch float64."""
    import torch
    from theory.nets import normalized as nets

    gen = torch.Generator().manual_seed(inst.torch_seed)
    X = torch.randn(inst.n, inst.d, generator=gen, dtype=torch.float64)
    X = X / X.norm(dim=1, keepdim=True)
    if inst.arch == "shallow":
        p = nets.init_shallow(inst.d, inst.width, gen)
        V = p["V"] * torch.exp(torch.randn(inst.width, 1, generator=gen, dtype=torch.float64))
        extra = torch.randn((), generator=gen, dtype=torch.float64)

        def f(a, b):
            out = nets.shallow_output(X, a, b, V)
            if norm_bias:  # an additive bias after the gain: ⟨b, a ⊙ F + β⟩
                out = out + b.sum() * extra
            if head_bias:
                out = out + extra
            return out
    else:
        p = nets.init_deep(inst.d, inst.width, gen)

        def f(a, b):
            q = {**p, "a": a, "b": b}
            return nets.deep_output(X, q, residual=inst.arch == "residual", norm_bias=norm_bias,
                                    head_bias=head_bias)
    a = p["a"] * torch.exp(torch.randn(inst.width, generator=gen, dtype=torch.float64))
    b = p["b"] * torch.exp(torch.randn(inst.width, generator=gen, dtype=torch.float64))
    return f, a, b


def gain_head_homogeneity(inst, *, order=2.0, norm_bias=False, head_bias=False):
    """max_i |f(c a, c b)_i − c^order f(a, b)_i| and |⟨∇_{(a,b)} f_i, (a, b)⟩ − order·f_i| (autograd)."""
    from theory.nets.homogeneity import euler_sides, scaling_ratio

    f, a, b = gain_head_model(inst, norm_bias=norm_bias, head_bias=head_bias)
    scaled, base = scaling_ratio(f, (a, b), inst.c)
    directional, value = euler_sides(f, (a, b))
    size = float(value.abs().max()) + float((a.abs() @ b.abs()))
    scale_err = float((scaled - inst.c ** order * base).abs().max()) / inst.c ** order
    euler_err = float((directional - order * value).abs().max())
    tol = 64 * (inst.width + inst.d + 8) * EPS * size
    return close(max(scale_err, euler_err), 0.0, tol=tol,
                   why="float64 rounding of two forward passes (64·(width+d+8)·eps × output size)",
                   scaling_error=scale_err, euler_error=euler_err)


GAIN_HEAD_SPACE = Space(arch=Choice("shallow", "deep", "residual"), n=Int(1, 8), d=Int(1, 6),
                        width=Int(1, 12), c=Real(1e-2, 1e2, log=True), torch_seed=Seed())

claim(
    id="homogeneity2025.sec1.1.gain-head-two-homogeneous",
    source=src("Section 1.1 (ubiquity of 2-homogeneity), eq. (1), eq. (2)", SEC11, 71),
    statement=r"h(x;a,b,V)=\langle a\odot b,F(x;V)\rangle:\ h(x;ca,cb,V)=c^2h(x;a,b,V),\ "
              r"\langle\nabla_{(a,b)}h,(a,b)\rangle=2h",
    kind=Kind.IDENTITY,
    domain=GAIN_HEAD_SPACE,
    predicate=gain_head_homogeneity,
    mutants=(
        Mutant("order 3 instead of 2", params={"order": 3.0}),
        Mutant("LayerNorm's additive β after the gain", params={"norm_bias": True},
               why="⟨b, a ⊙ F + β⟩ is 2-homogeneous in a only through a ⊙ b; ⟨b, β⟩ is 1-homogeneous"),
        Mutant("a bias on the head", params={"head_bias": True}),
    ),
    note="Architectures: the shallow normalised ReLU net of eq. (1); tanh features with biases "
         "followed by RMSNorm without gain; the same with a residual ReLU block. The hidden "
         "hypotheses (no additive bias after the gain, no head bias) are the mutants.",
)
