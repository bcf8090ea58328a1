"""Arora et al. 2019, Figures 1 and 2 with their trainings: on scikit-learn's bundled digits (quick
and standard tiers) and at the paper's scale (Appendix A: n = m = 10⁴, κ = 10⁻², gpu tier).

Line numbers refer to ``shared/papers/arora2019_004_677e88d3645acab6.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory.data import digits as digit_data
from theory.kernels import hinf as kernels
from theory.dynamics import linear_dynamics
from theory.dynamics import two_layer_gd
from theory.claims import (
    at_least, at_most, Choice, claim, Fixed, greater_than, Kind, Mutant, precondition_failed,
    Seed, Series, Space, Tier,
)
from theory.tolerances import EPS
from theory.papers.arora2019._shared import SEC4, SEC5, src, torch_seeds

# ---------------------------------------------------------------------------------------------
# Figures 1 and 2 on scikit-learn's bundled digits (two classes, rows on the unit sphere).
# ---------------------------------------------------------------------------------------------

DIGIT_PAIRS = {"0v1": (0, 1), "3v5": (3, 5), "4v9": (4, 9)}


def digit_data_for(inst, size=None):
    """(X, y) for the instance's digit pair, optionally a class-balanced random subset of ``size``."""
    X, y = digit_data.two_class_digits(*DIGIT_PAIRS[inst.pair])
    if size is not None and size < len(y):
        rng = inst.rng("subset")
        pos, neg = np.flatnonzero(y > 0), np.flatnonzero(y < 0)
        keep = np.concatenate([rng.choice(pos, size // 2, replace=False),
                               rng.choice(neg, size - size // 2, replace=False)])
        X, y = X[keep], y[keep]
    return X, y


def figure1b_alignment(inst, *, context, shuffle=False, top=10):
    """Figure 1(b): the share of ‖y‖² on H∞'s top-10 eigenvectors, true labels vs random labels.

    Must show: >= 0.8 for the true labels and <= 0.1 for random labels (catalogue: 0.969 vs 0.021
    on 0v1). ``shuffle`` (mutant): the true labels randomly permuted, which destroys the alignment.
    """
    X, y = digit_data_for(inst)
    if shuffle:
        y = inst.rng("shuffle").permutation(y)
    H = kernels.hinf(X)
    spec = linear_dynamics.spectrum(H)
    rand = digit_data.random_signs(len(y), inst.rng("random"))
    e_true = linear_dynamics.top_energy_fraction(H, y, top)
    e_rand = linear_dynamics.top_energy_fraction(H, rand, top)
    idx = list(range(1, len(y) + 1))
    curve = Series("fig1b-projections", idx, np.abs(spec.vectors.T @ y).tolist(),
                   title=f"Figure 1(b), digits {inst.pair}: |v_iᵀy| by eigen-index; top-10 "
                         f"energy {e_true:.3f} (true) vs {e_rand:.3f} (random)",
                   xlabel="eigenvector i (λ descending)", ylabel="|v_iᵀy|", logx=True, logy=True,
                   reference={"label": "random labels", "x": idx, "y": np.abs(spec.vectors.T @ rand).tolist()},
                   extra={"label": "eigenvalue λ_i", "x": idx, "y": np.maximum(spec.values, 1e-300).tolist()})
    why = "exact comparison of an energy share with the figure's threshold"
    return [at_least(e_true, 0.8, why=why, series=[curve], top10_true=e_true, top10_random=e_rand,
                     lambda_max=float(spec.values[0]), lambda_min=float(spec.values[-1]), n=len(y)),
            at_most(e_rand, 0.1, why=why, top10_random=e_rand)]


claim(
    id="arora2019.fig1b.eigen-alignment-digits",
    threads=1,
    source=src("Figure 1(b)", SEC4, 190),
    statement=r"\text{true labels put their energy on the top eigenvectors of }H^\infty\text{, random labels spread out: }"
              r"\sum_{i\le10}(v_i^\top y)^2/\|y\|^2\ge0.8\text{ (true)},\ \le0.1\text{ (random)}",
    kind=Kind.EXPERIMENT,
    domain=Space(pair=Choice(*DIGIT_PAIRS), seed=Seed()),
    predicate=figure1b_alignment,
    mutants=(Mutant("true labels shuffled", params={"shuffle": True}),),
    note="sklearn digits stand in for MNIST; the thresholds 0.8/0.1 are the catalogue's reading of the figure.",
)


def figure1a_convergence(inst, *, context, worst="bottom"):
    """Figure 1(a): GD loss for true, random and worst-case labels (worst = the eigenvector of λ_min,
    rescaled to ‖y‖ = √n so the curves are comparable, catalogue S10), one batched run of 3 label
    vectors. Must show: Φ_true(K) <= 0.1·Φ_random(K) and Φ_random(K) < Φ_worst(K), and the linear
    prediction of eq. (8) orders them the same way; and ‖W(K) − W(0)‖_F is larger for random than
    for true labels (the distance plot stands in for the paper's Section 5 discussion of Figure 1;
    Figure 1(c),(d) are the CIFAR panels, which have no stand-in here). ``worst="top"`` (mutant) uses the eigenvector of
    λ_max instead, which GD fits fastest.
    """
    X, y = digit_data_for(inst, inst.size)
    n, d = X.shape
    H = kernels.hinf(X)
    spec = linear_dynamics.spectrum(H)
    v = spec.vectors[:, -1] if worst == "bottom" else spec.vectors[:, 0]
    labels = np.stack([y, digit_data.random_signs(n, inst.rng("random")), math.sqrt(n) * v])
    eta = 1.0 / float(spec.values[0])
    K = inst.steps
    init = two_layer_gd.init_weights(inst.m, d, inst.kappa, torch_seeds(inst, 1) * 3, device=context.device)
    traj = two_layer_gd.train(X, labels, init, eta, K, per_decade=10)
    names = ["true", "random", "worst"]
    final = traj.loss[:, -1] / n
    ks = traj.steps
    predicted = [0.5 * linear_dynamics.power_method_residuals(H, labels[i], eta, [K])[0] ** 2 / n for i in range(3)]
    curves = [(traj.loss[i, ks] / n).tolist() for i in range(3)]
    preds = [(0.5 * linear_dynamics.power_method_residuals(H, labels[i], eta, ks) ** 2 / n).tolist()
             for i in range(3)]
    regime_text = (f"√m·κ = {math.sqrt(inst.m) * inst.kappa:.3g}, final flip fraction "
                   + "/".join(f"{f:.2f}" for f in traj.flips[:, -1]) + " (true/random/worst)")
    x = ks.tolist()
    roots = [math.sqrt(float(labels[i] @ np.linalg.solve(H, labels[i]))) for i in range(3)]
    curves_drawn = [
        Series("fig1a-measured", x, curves[0],
               title=f"Figure 1(a), digits {inst.pair}, n={n}, m={inst.m}: GD loss/n; {regime_text}",
               xlabel="GD step k", ylabel="Φ(W(k))/n", logy=True,
               reference={"label": "random labels", "x": x, "y": curves[1]},
               extra={"label": "worst-case labels (λ_min eigenvector, ‖y‖ = √n)", "x": x, "y": curves[2]}),
        Series("fig1a-predicted", x, preds[0], title="Figure 1(a): the power method (8) for the same labels",
               xlabel="GD step k", ylabel="½‖(I−ηH∞)^k y‖²/n", logy=True,
               reference={"label": "random labels", "x": x, "y": preds[1]},
               extra={"label": "worst-case labels", "x": x, "y": preds[2]}),
        Series("fig1cd-distance", x, traj.distance[0].tolist(),
               title="Distance from initialisation ‖W(k) − W(0)‖_F (Lemma 5.3): true / random / worst labels; "
                     "sqrt(yᵀH∞⁻¹y) = " + " / ".join(f"{r:.3g}" for r in roots),
               xlabel="GD step k", ylabel="‖W(k) − W(0)‖_F",
               reference={"label": "random labels", "x": x, "y": traj.distance[1].tolist()},
               extra={"label": "worst-case labels", "x": x, "y": traj.distance[2].tolist()})]
    regime = dict(sqrt_m_kappa=math.sqrt(inst.m) * inst.kappa, flip_fraction=traj.flips[:, -1].tolist(),
                  dist_over_w0=(traj.distance[:, -1] / traj.w0_norm).tolist(),
                  loss_over_n=dict(zip(names, final.tolist())),
                  predicted_loss_over_n=dict(zip(names, predicted)), n=n, m=inst.m, steps=K, eta=eta)
    why = "exact comparison of final losses (the figure's ordering)"
    return [at_most(final[0], 0.1 * final[1], why=why, series=curves_drawn, **regime),
            greater_than(final[2], final[1], why=why, **regime),
            greater_than(predicted[2], predicted[1], why="eq. (8) prediction, exact comparison"),
            at_most(predicted[0], 0.1 * predicted[1], why="eq. (8) prediction, exact comparison"),
            greater_than(float(traj.distance[1, -1]), float(traj.distance[0, -1]),
                         why="random labels move W further than true labels (exact comparison)",
                         sqrt_yHinvy=roots)]


FIG1A_MUTANTS = (Mutant("worst-case labels replaced by the top eigenvector", params={"worst": "top"}),)

claim(
    id="arora2019.fig1a.convergence-by-labels-digits",
    threads=1,
    source=src("Figure 1(a)", SEC4, 190),
    statement=r"\text{GD on true labels converges fastest, random labels slowly, worst-case labels "
              r"(eigenvector of }\lambda_{\min})\text{ slowest}",
    kind=Kind.EXPERIMENT,
    domain=Space(pair=Fixed("0v1"), size=Fixed(120), m=Fixed(500), kappa=Fixed(0.1), steps=Fixed(150),
                 seed=Seed()),
    predicate=figure1a_convergence,
    mutants=FIG1A_MUTANTS,
    note="Quick version: 120 digits (0 vs 1), m = 500, κ = 0.1, η = 1/λ_max(H∞), 150 steps. The "
         "regime diagnostics (√m·κ, flip fraction, ‖W−W0‖/‖W0‖) are in the evidence: the run is not "
         "lazy, so only the ordering is claimed (catalogue S8).",
)

claim(
    id="arora2019.fig1a.convergence-by-labels-digits-standard",
    threads=1,
    source=src("Figure 1(a)", SEC4, 190),
    statement=r"\text{as above, all 360 digits 0 vs 1, } m=1000,\ \kappa=0.1,\ 500\text{ steps}",
    kind=Kind.EXPERIMENT,
    tier=Tier.STANDARD,
    domain=Space(pair=Fixed("0v1"), size=Fixed(360), m=Fixed(1000), kappa=Fixed(0.1), steps=Fixed(500),
                 seed=Seed()),
    predicate=figure1a_convergence,
    mutants=FIG1A_MUTANTS,
)


def figure2_complexity(inst, *, context, quadratic="inverse", levels=(0.0, 0.25, 0.5, 0.75, 1.0)):
    """Figure 2 (kernel level): the complexity sqrt(2yᵀ(H∞)⁻¹y/n) and the test error of the lazy
    limit f = H∞(x, X)(H∞)⁻¹y, against the fraction of random labels (train and test corrupted,
    Appendix A). Must show: C strictly increasing in the fraction (means over repetitions), test
    0-1 error with Spearman >= 0.9 against the fraction, C(1) >= 3·C(0), clipped ℓ1 >= 0-1 error.
    ``quadratic="forward"`` (mutant) uses sqrt(2yᵀH∞y/n).
    """
    from scipy import stats
    X_all, y_all = digit_data_for(inst)
    rng = inst.rng("split")
    Xtr, ytr, Xte, yte = digit_data.split(X_all, y_all, 0.2, rng)
    ntr = len(ytr)
    H_all = kernels.hinf(np.vstack([Xtr, Xte]))
    H, C_cross = H_all[:ntr, :ntr], H_all[ntr:, :ntr]
    comps, errs, l1s = [], [], []
    for q in levels:
        c_q, e_q, l_q = [], [], []
        for r in range(inst.repeats):
            g = inst.rng(f"corrupt-{q}-{r}")
            yq, yq_te = digit_data.corrupt_labels(ytr, q, g), digit_data.corrupt_labels(yte, q, g)
            if quadratic == "inverse":
                c_q.append(linear_dynamics.complexity_measure(H, yq))
            else:
                c_q.append(math.sqrt(2 * float(yq @ H @ yq) / ntr))
            f = linear_dynamics.kernel_predictor(H, C_cross, yq)
            e_q.append(float(np.mean(np.sign(f) != yq_te)))
            l_q.append(float(np.mean(np.minimum(1.0, np.abs(f - yq_te)))))
        comps.append(float(np.mean(c_q)))
        errs.append(float(np.mean(e_q)))
        l1s.append(float(np.mean(l_q)))
    levels = list(levels)
    curve = Series("fig2-complexity", levels, comps,
                   title=f"Figure 2, digits {inst.pair} (lazy limit, n={ntr}): complexity "
                         f"{comps[0]:.2f} → {comps[-1]:.2f}, test error {errs[0]:.3f} → {errs[-1]:.3f}",
                   xlabel="fraction of random labels", ylabel="sqrt(2yᵀH∞⁻¹y/n)",
                   reference={"label": "test clipped ℓ1 (lazy limit)", "x": levels, "y": l1s},
                   extra={"label": "test 0-1 error (lazy limit)", "x": levels, "y": errs})
    steps_up = min(b - a for a, b in zip(comps, comps[1:]))
    rho = float(stats.spearmanr(levels, errs).statistic)
    info = dict(complexity=comps, test_error=errs, test_l1_clipped=l1s, n_train=ntr, n_test=len(yte))
    why = "exact comparison of averaged measured values"
    return [greater_than(steps_up, 0.0, why=why + " (smallest increase of C between levels)",
                         series=[curve], **info),
            at_least(rho, 0.9, tol=16 * EPS,
                     why="Spearman rank correlation of test error with the noise level (one adjacent "
                         "swap of 5 levels gives exactly 0.9, computed as 0.9 − 1 ulp: 16 ulp allowed)"),
            at_least(comps[-1], 3 * comps[0], why=why),
            at_least(min(a - b for a, b in zip(l1s, errs)), 0.0, why=why + " (clipped ℓ1 minus 0-1 error)")]


claim(
    id="arora2019.fig2.complexity-vs-label-noise-digits",
    threads=1,
    source=src("Figure 2 (and eq. (10))", SEC5, 270),
    statement=r"\sqrt{2y^\top(H^\infty)^{-1}y/n}\ \text{and the test error both increase with the portion of random labels}",
    kind=Kind.EXPERIMENT,
    domain=Space(pair=Choice(*DIGIT_PAIRS), repeats=Fixed(10), seed=Seed()),
    predicate=figure2_complexity,
    mutants=(Mutant("(H∞)⁻¹ → H∞ in the complexity", params={"quadratic": "forward"}),),
    note="Kernel level: the network trained to convergence in the lazy regime is the kernel predictor "
         "H∞(x, X)(H∞)⁻¹y; the trained-network version is arora2019.fig2.trained-network-digits. The "
         "measure is > 1 (vacuous as a bound) at every noise level > 0: the figure claims the trend.",
)


def figure2_trained(inst, *, context, quadratic="inverse"):
    """Figure 2 with trained networks: one batched GD run on digits 0 vs 1 for the label-noise
    levels 0, ½, 1 (train and test corrupted), m = inst.m, κ = inst.kappa, η = 1/λ_max(H∞).
    Must show: the complexity and the trained net's test 0-1 error both strictly increase with the
    noise level. The theory's regime diagnostics (√m·κ, flip fraction, final training loss) are
    reported beside them. ``quadratic="forward"`` (mutant) uses sqrt(2yᵀH∞y/n).
    """
    X_all, y_all = digit_data_for(inst)
    Xtr, ytr, Xte, yte = digit_data.split(X_all, y_all, 0.2, inst.rng("split"))
    return figure2_with_training(inst, Xtr, ytr, Xte, yte, (0.0, 0.5, 1.0), device=context.device,
                                 quadratic=quadratic, title=f"digits 0v1, m={inst.m}")


def figure2_with_training(inst, Xtr, ytr, Xte, yte, levels, *, device, quadratic="inverse", title=""):
    """Figure 2's two curves on given data: for each fraction q of random labels (train and test
    corrupted alike) the complexity sqrt(2yᵀ(H∞)⁻¹y/n) and the test 0-1 error of a net trained by GD
    (one batched run, the same init for every level, η = 1/λ_max(H∞)). Both must increase strictly
    with q; √m·κ, the flip fraction and the final training loss are reported beside them."""
    import torch
    n = len(ytr)
    H = kernels.hinf(Xtr)
    g = inst.rng("corrupt")
    Ytr = np.stack([digit_data.corrupt_labels(ytr, q, g) for q in levels])
    Yte = np.stack([digit_data.corrupt_labels(yte, q, g) for q in levels])
    if quadratic == "inverse":
        comps = [linear_dynamics.complexity_measure(H, v) for v in Ytr]
    else:
        comps = [math.sqrt(2 * float(v @ H @ v) / n) for v in Ytr]
    lam_max = float(torch.linalg.eigvalsh(torch.as_tensor(H, device=device))[-1])
    init = two_layer_gd.init_weights(inst.m, Xtr.shape[1], inst.kappa, torch_seeds(inst, 1) * len(levels),
                                     device=device)
    traj = two_layer_gd.train(Xtr, Ytr, init, 1.0 / lam_max, inst.steps, keep_weights=True)
    f = two_layer_gd.outputs(traj.W_final, traj.a, torch.as_tensor(Xte, device=traj.W_final.device)
                             .to(traj.W_final.dtype)).double().cpu().numpy()
    err = [float(np.mean(np.sign(f[i]) != Yte[i])) for i in range(len(levels))]
    l1 = [float(np.mean(np.minimum(1.0, np.abs(f[i] - Yte[i])))) for i in range(len(levels))]
    flips = traj.flips[:, -1].tolist()
    info = dict(levels=list(levels), complexity=comps, test_error=err, test_l1_clipped=l1,
                sqrt_m_kappa=math.sqrt(inst.m) * inst.kappa, flip_fraction=flips,
                train_loss_over_n=(traj.loss[:, -1] / n).tolist(), steps=inst.steps, m=inst.m, n=n)
    curve = Series("fig2-trained", list(levels), comps,
                   title=f"Figure 2, trained nets ({title}): √m·κ = {math.sqrt(inst.m) * inst.kappa:.3g}, "
                         "flip fraction " + "/".join(f"{v:.2f}" for v in flips),
                   xlabel="fraction of random labels", ylabel="sqrt(2yᵀH∞⁻¹y/n)",
                   reference={"label": "test 0-1 error (trained net)", "x": list(levels), "y": err},
                   extra={"label": "activation flip fraction", "x": list(levels), "y": flips})
    why = "exact comparison of measured values"
    return [greater_than(float(np.min(np.diff(comps))), 0.0, why=why, series=[curve], **info),
            greater_than(float(np.min(np.diff(err))), 0.0, why=why, **info)]


claim(
    id="arora2019.fig2.trained-network-digits",
    threads=1,
    source=src("Figure 2", SEC5, 270),
    statement=r"\text{trained two-layer nets: the complexity }\sqrt{2y^\top(H^\infty)^{-1}y/n}\text{ and the test "
              r"error increase together with the portion of random labels}",
    kind=Kind.EXPERIMENT,
    tier=Tier.STANDARD,
    domain=Space(pair=Fixed("0v1"), m=Fixed(1000), kappa=Fixed(0.1), steps=Fixed(300), seed=Seed()),
    predicate=figure2_trained,
    mutants=(Mutant("(H∞)⁻¹ → H∞ in the complexity", params={"quadratic": "forward"}),),
)


# ---------------------------------------------------------------------------------------------
# Paper scale (Appendix A: n = 10⁴ training points, m = 10⁴, κ = 10⁻²), gpu tier.
# ---------------------------------------------------------------------------------------------

def mnist_sized_data(n: int, d: int, rng: np.random.Generator):
    """A two-class, MNIST-sized stand-in: non-negative 'images' = class template + sparse noise,
    rows normalised (mean cosines ≈ 0.5-0.8, like real images). Labels +1 / −1 by class."""
    templates = rng.gamma(0.6, 1.0, size=(2, d)) * (rng.uniform(size=(2, d)) < 0.4)
    cls = rng.integers(0, 2, size=n)
    noise = rng.gamma(0.5, 0.6, size=(n, d)) * (rng.uniform(size=(n, d)) < 0.25)
    X = templates[cls] + noise
    return X / np.linalg.norm(X, axis=1, keepdims=True), np.where(cls == 0, 1.0, -1.0)


def figure1a_paper_scale(inst, *, context, worst="bottom"):
    """Figure 1(a)/(b) at the paper's scale on one GPU: n = 10⁴ MNIST-sized synthetic points,
    m = 10⁴, κ = 10⁻², GD with η = 1/λ_max(H∞). Must show the same orderings as the quick version
    and a top-10 label energy >= 0.8 (true) vs <= 0.1 (random); reports the laziness diagnostics
    (√m·κ = 1 here, the regime the paper used)."""
    if context.device != "cuda":
        return precondition_failed("paper scale (n = m = 10⁴) needs a GPU: run with --device cuda "
                                   "(the quick and standard tiers cover the same claim on CPU)")
    return figure1a_at_scale(inst, device="cuda", worst=worst)


def figure1a_at_scale(inst, *, device, worst="bottom"):
    """The body of :func:`figure1a_paper_scale` on ``device`` (the registered claim always passes
    "cuda"; tests run it on CPU at a toy size to exercise the code path)."""
    import torch
    X, y = mnist_sized_data(inst.n, inst.d, inst.rng("data"))
    n = len(y)
    H = kernels.hinf(X)
    Ht = torch.as_tensor(H, device=device)
    lam, V = torch.linalg.eigh(Ht)
    lam, V = lam.flip(0).cpu().numpy(), V.flip(1).cpu().numpy()
    rand = digit_data.random_signs(n, inst.rng("random"))
    energy = lambda v: float(np.sum((V[:, :10].T @ v) ** 2) / (v @ v))
    vw = V[:, -1] if worst == "bottom" else V[:, 0]
    labels = np.stack([y, rand, math.sqrt(n) * vw])
    eta = 1.0 / float(lam[0])
    init = two_layer_gd.init_weights(inst.m, inst.d, inst.kappa, torch_seeds(inst, 1) * 3, device=device)
    traj = two_layer_gd.train(X, labels, init, eta, inst.steps, per_decade=10)
    final = traj.loss[:, -1] / n
    ks = traj.steps
    curves = [Series(f"fig1a-paper-{name}", ks.tolist(), (traj.loss[i, ks] / n).tolist(),
                     title=f"Figure 1(a) at paper scale: loss/n, {name} labels", xlabel="GD step k", ylabel="Φ/n",
                     logy=True,
                     extra={"label": "activation flip fraction", "x": ks.tolist(), "y": traj.flips[i].tolist()})
              for i, name in enumerate(["true", "random", "worst"])]
    info = dict(loss_over_n=final.tolist(), top10_true=energy(y), top10_random=energy(rand),
                sqrt_m_kappa=math.sqrt(inst.m) * inst.kappa, flip_fraction=traj.flips[:, -1].tolist(),
                dist_over_w0=(traj.distance[:, -1] / traj.w0_norm).tolist())
    why = "exact comparison"
    return [at_most(final[0], 0.1 * final[1], why=why, series=curves, **info),
            greater_than(final[2], final[1], why=why),
            at_least(energy(y), 0.8, why=why), at_most(energy(rand), 0.1, why=why)]


claim(
    id="arora2019.fig1a.paper-scale",
    threads=1,
    source=src("Figure 1 and Appendix A", SEC4, 190),
    statement=r"\text{Figure 1(a),(b) at } n=m=10^4,\ \kappa=10^{-2}",
    kind=Kind.EXPERIMENT,
    tier=Tier.GPU,
    domain=Space(n=Fixed(10000), d=Fixed(784), m=Fixed(10000), kappa=Fixed(0.01), steps=Fixed(2000),
                 seed=Seed()),
    predicate=figure1a_paper_scale,
    mutants=(Mutant("worst-case labels replaced by the top eigenvector", params={"worst": "top"}),),
    note="Synthetic MNIST-sized data (no downloads). Not run on a GPU in the session that wrote it.",
)


def figure2_paper_scale(inst, *, context, quadratic="inverse"):
    """Figure 2 at the paper's scale on one GPU: n = 10⁴ MNIST-sized synthetic training points
    (plus 2·10³ test points), m = 10⁴, κ = 10⁻², the five random-label fractions 0, ¼, ½, ¾, 1.
    Must show the complexity sqrt(2yᵀ(H∞)⁻¹y/n) and the trained net's test error both strictly
    increasing; the laziness diagnostics are reported beside them."""
    if context.device != "cuda":
        return precondition_failed("paper scale (n = m = 10⁴) needs a GPU: run with --device cuda "
                                   "(arora2019.fig2.* cover the same figure on CPU with digits)")
    return figure2_at_scale(inst, device="cuda", quadratic=quadratic)


def figure2_at_scale(inst, *, device, quadratic="inverse"):
    """The body of :func:`figure2_paper_scale` on ``device`` (tests run it on CPU at a toy size)."""
    X, y = mnist_sized_data(inst.n + inst.n_test, inst.d, inst.rng("data"))
    Xtr, ytr, Xte, yte = digit_data.split(X, y, inst.n_test / (inst.n + inst.n_test), inst.rng("split"))
    return figure2_with_training(inst, Xtr, ytr, Xte, yte, (0.0, 0.25, 0.5, 0.75, 1.0), device=device,
                                 quadratic=quadratic, title=f"MNIST-sized synthetic, n={len(ytr)}, m={inst.m}")


claim(
    id="arora2019.fig2.paper-scale",
    threads=1,
    source=src("Figure 2 and Appendix A", SEC5, 270),
    statement=r"\text{Figure 2 at } n=m=10^4,\ \kappa=10^{-2}\text{: complexity and test error increase "
              r"with the fraction of random labels}",
    kind=Kind.EXPERIMENT,
    tier=Tier.GPU,
    domain=Space(n=Fixed(10000), n_test=Fixed(2000), d=Fixed(784), m=Fixed(10000), kappa=Fixed(0.01),
                 steps=Fixed(2000), seed=Seed()),
    predicate=figure2_paper_scale,
    mutants=(Mutant("(H∞)⁻¹ → H∞ in the complexity", params={"quadratic": "forward"}),),
    note="Synthetic MNIST-sized data (no downloads). Its code path is tested on CPU at a toy size "
         "(tests/papers/test_paper_scale_cpu.py); not run on a GPU in the session that wrote it.",
)
