"""Experiments of our own design (the paper has none): gradient descent on k-bit parity (Example 4.1
/ Theorem 1.2), at CPU scale and at the paper's scale on a GPU.

Line numbers refer to ``shared/papers/homogeneity2025_003_dbfc99f2f03f7955.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory.data import hypercube
from theory.claims import Fixed, Kind, Mutant, Seed, Series, Space, Tier, at_least, at_most, claim
from theory.papers.homogeneity2025._shared import SEC11, src


# -- Example 4.1 / Theorem 1.2: gradient descent on parity (the paper has no experiment) --------

def parity_run(seed, d, k, n, m, steps, *, constant_coordinate=False, arm="full"):
    """Train eq. (1) by loss-scaled GD on n cube points of k-parity; test error on the full cube."""
    from theory.data import kbit_parity as kp
    from theory.nets import normalized as nets

    rng = np.random.default_rng(seed)
    cube = hypercube.scaled_points(d)
    y = kp.parity_labels(cube, k)
    X = kp.with_constant_coordinate(cube) if constant_coordinate else cube
    train = rng.choice(len(X), size=n, replace=False)
    V = rng.standard_normal((m, X.shape[1]))
    V /= np.linalg.norm(V, axis=1, keepdims=True)
    a = rng.choice([-1.0, 1.0], size=m) / math.sqrt(m)
    b = rng.choice([-1.0, 1.0], size=m) / math.sqrt(m)
    if arm == "l2":
        a = np.ones(m)
    a, b, V, risks = nets.train_shallow(X[train], y[train], a, b, V, steps=steps, eta0=1.0,
                                        train_a=arm == "full", train_V=arm == "full")
    return float(np.mean(y * nets.shallow_predict(X, a, b, V) <= 0)), risks, np.abs(a * b)


def mass_concentration(u: np.ndarray) -> list[float]:
    """Fraction of ‖u‖₁ carried by the j largest entries, j = 1 … m (the ℓ1 / sparsity picture)."""
    s = np.sort(u)[::-1]
    return (np.cumsum(s) / s.sum()).tolist()


def parity_experiment(inst, *, context=None, odd="floor"):
    """d = 10: even k = 4 is learned from n = 256 of the 1024 cube points (test error <= 5%); odd
    k = 3 is not learned by the bias-free net (error >= 1/8, the floor) but is with a constant input
    coordinate (<= 5%). ``odd="learns"`` asserts that k = 3 is learned bias-free too (a mutant)."""
    from theory.data import kbit_parity as kp

    d, m, steps, seed = 10, inst.m, inst.steps, inst.seed
    ns = (64, 128, 256)
    full_runs = [parity_run(seed, d, 4, n, m, steps) for n in ns]
    even = [r[0] for r in full_runs]
    kernel = [parity_run(seed, d, 4, n, m, steps, arm="l2")[0] for n in ns]
    odd_plain, risks, _ = parity_run(seed, d, 3, 256, m, steps)
    odd_bias, _, _ = parity_run(seed, d, 3, 256, m, steps, constant_coordinate=True)
    mass = mass_concentration(full_runs[-1][2])
    u0_mass = mass_concentration(np.full(m, 1.0 / m))
    curves = [Series("parity-test-error", list(ns), even, title="k-bit parity, d = 10: test error vs n (full cube)",
                     xlabel="training points n", ylabel="test error", logx=True,
                     reference={"label": "odd k = 3 floor 1/8 (bias-free)", "x": list(ns), "y": [0.125] * 3},
                     extra={"label": "k = 4, head b only (ℓ2 / kernel-like arm)", "x": list(ns), "y": kernel}),
              Series("parity-u-mass", list(range(1, m + 1)), mass,
                     title="k = 4, n = 256: share of ‖u‖₁ = ‖a⊙b‖₁ in the top-j neurons",
                     xlabel="neurons j (largest u first)", ylabel="cumulative share of ‖u‖₁", logx=True,
                     reference={"label": "initialisation u(0) = 1/m", "x": list(range(1, m + 1)), "y": u0_mass})]
    out = [at_most(even[-1], 0.05, why="exact count over the 1024 cube points", k=4, n=256,
                   errors_by_n=dict(zip(map(str, ns), even)), kernel_arm=dict(zip(map(str, ns), kernel)),
                   series=curves),
           at_most(odd_bias, 0.05, why="exact count over the cube", k=3, constant_coordinate=True)]
    if odd == "floor":
        out.append(at_least(odd_plain, kp.odd_parity_error_floor(3), why="exact count over the cube",
                            k=3, final_risk=float(risks[-1])))
    else:
        out.append(at_most(odd_plain, 0.05, why="exact count over the cube", k=3))
    return out


claim(
    id="homogeneity2025.thm1.2.parity-gd-experiment",
    source=src("Theorem 1.2 / Example 4.1 (parity sample complexity)", SEC11, 145),
    statement=r"\text{eq. (1) trained by GD on }k\text{-parity: test error }\lesssim dk^2/n\ "
              r"(\text{holds for even }k;\ \text{odd }k\text{ needs a bias})",
    kind=Kind.EXPERIMENT,
    tier=Tier.STANDARD,
    domain=Space(m=Fixed(256), steps=Fixed(1000), seed=Seed()),
    predicate=parity_experiment,
    mutants=(Mutant("the bias-free net learns odd k = 3 (test error <= 5%)", params={"odd": "learns"}),),
    note="Our experiment (the paper has none). Catalogue §4.4 measured at m = 4096: k = 4, n = 256: "
         "0% (full net) vs 28–49% (head only); k = 3: ≈ 50%; k = 3 with a bias: 0%. Measured here at "
         "m = 256 (two seeds): k = 4 full net 38–45% / 0% / 0% at n = 64 / 128 / 256, head only "
         "46–49% / 42–47% / 31–39%; k = 3 bias-free ≈ 49%; the 10 largest of 256 neurons carry "
         "67–82% of ‖u‖₁ after training (1/m each at init).",
)


def parity_at_scale(inst, *, context=None):
    """GPU tier: d = inst.d, k = 4 (even) and k = 3 (odd, bias-free); n up to inst.n_max; test on
    inst.test fresh uniform cube points. Even k: error <= 5% at n_max; odd k: error >= 1/8 − z·SE."""
    import torch
    from theory.data import kbit_parity as kp
    from theory.nets import normalized as nets
    from theory.tolerances import gaussian_threshold

    device = getattr(context, "device", "cpu") if context is not None else "cpu"
    dtype = torch.float32 if device != "cpu" else torch.float64
    gen = torch.Generator().manual_seed(inst.seed)
    d = inst.d

    def cube_points(count):
        signs = torch.randint(0, 2, (count, d), generator=gen).to(dtype) * 2 - 1
        return signs / math.sqrt(d)

    def labels(X, k):
        return torch.prod(torch.sign(X[:, :k]), dim=1)

    X_test = cube_points(inst.test).to(device)
    ns = [inst.n_max // 8, inst.n_max // 4, inst.n_max // 2, inst.n_max]
    errors = {}
    for k in (4, 3):
        for n in (ns if k == 4 else ns[-1:]):
            X = cube_points(n).to(device)
            y = labels(X, k)
            a, b, V, _ = nets.train_shallow_torch(X, y, inst.m, steps=inst.steps, eta0=1.0, generator=gen)
            h = torch.relu(X_test @ (V / V.norm(dim=1, keepdim=True)).T) @ (a * b)
            errors[(k, n)] = float((labels(X_test, k) * h <= 0).to(torch.float64).mean())
    even = [errors[(4, n)] for n in ns]
    curve = Series("parity-scale", ns, even, title=f"4-bit parity, d = {d}: test error vs n ({device})",
                   xlabel="training points n", ylabel="test error (fresh points)", logx=True)
    odd = errors[(3, ns[-1])]
    se = math.sqrt(max(odd * (1 - odd), 1e-12) / inst.test)
    z = gaussian_threshold(1e-6, 1)
    return [at_most(even[-1], 0.05, why="test error on fresh points (binomial SE negligible at this size)",
                    errors_by_n=dict(zip(map(str, ns), even)), device=device, series=[curve]),
            at_least(odd, kp.odd_parity_error_floor(3), tol=z * se, why=f"binomial z·SE, z = {z:.2f}",
                     k=3)]


claim(
    id="homogeneity2025.thm1.2.parity-gd-at-scale",
    source=src("Theorem 1.2 / Example 4.1 (parity sample complexity)", SEC11, 145),
    statement=r"\text{eq. (1), GD, 4-bit parity in } d=24:\ \text{test error} \le 5\%\ \text{at } n=2^{13};\ "
              r"\text{3-bit parity (no bias)}: \ge 1/8",
    kind=Kind.EXPERIMENT,
    tier=Tier.GPU,
    domain=Space(d=Fixed(24), m=Fixed(2 ** 14), n_max=Fixed(2 ** 13), steps=Fixed(3000),
                 test=Fixed(10 ** 5), seed=Seed()),
    predicate=parity_at_scale,
    mutants=(Mutant("n_max = 2^8 (far below dk²)", domain=Space(d=Fixed(24), m=Fixed(2 ** 14), n_max=Fixed(2 ** 8),
                                                                    steps=Fixed(3000), test=Fixed(10 ** 5), seed=Seed())),),
    note="Not run in this session (no CUDA device was available); smoke-tested on CPU at d = 8. The "
         "paper's rate dk²/n predicts n ≈ 400 up to constants at d = 24, k = 4.",
)
