"""Section 4 and the calculus of Appendix B: the feature gradients of eq. (1), C1 <= 1 and C2 = 0, and
Example 4.1 (the F1 margin of k-bit parity, false for odd k; the F2 margin's rate).

Line numbers refer to ``shared/papers/homogeneity2025_003_dbfc99f2f03f7955.txt``.
"""

from __future__ import annotations

import math

import numpy as np

from theory.data import hypercube
from theory.kernels import relu_ntk
from theory.claims import (Choice, ErrorClass, Exponent, Fixed, Grid, Int, Kind, Mutant, Real, Seed, Space,
                           Status, at_least, at_most, claim, close, erratum_pair, precondition_failed)
from theory.claims.certificates import Certificate, exact, interval, interval_precision, iv
from theory.tolerances import EPS
from theory.papers.homogeneity2025._shared import SEC4, src, unit_ball_point


def feature_gradient_matches(inst, *, formula="true"):
    """∇_v σ(⟨v/‖v‖, x⟩) by autograd against the closed form (with 1/‖v‖, or as printed)."""
    import torch
    from theory.nets import normalized as nets

    rng = inst.rng("gradient")
    x = unit_ball_point(rng, inst.d, 1.0)
    v = unit_ball_point(rng, inst.d, inst.v_norm)
    if abs(v @ x) / inst.v_norm < 1e-6:
        return precondition_failed("⟨ṽ, x⟩ at the ReLU kink")
    vt = torch.tensor(v, dtype=torch.float64, requires_grad=True)
    out = torch.relu(torch.tensor(x) @ (vt / vt.norm()))
    (auto,) = torch.autograd.grad(out, vt)
    if formula == "true":
        closed = nets.feature_gradient(x, v)
    elif formula == "printed":
        closed = nets.feature_gradient_as_printed(x, v)
    else:  # the projection I − ṽṽᵀ dropped
        closed = float(v @ x > 0) * x / inst.v_norm
    err = float(np.abs(auto.numpy() - closed).max())
    return close(err, 0.0, tol=32 * (inst.d + 4) * EPS * max(1.0, 1 / inst.v_norm),
                   why="float64 rounding of a d-term projection (relative to ‖x‖/‖v‖)")


GRAD_SPACE = Space(d=Int(1, 10), v_norm=Real(0.1, 10.0, log=True), seed=Seed())


def certify_feature_gradient(inst, *, formula="printed"):
    """The largest coordinate of printed − true gradient in interval arithmetic: the true one is
    σ'(ṽᵀx)(I − ṽṽᵀ)x/‖v‖ (chain rule through v ↦ v/‖v‖), the printed one lacks 1/‖v‖."""
    from mpmath import iv as ivm
    rng = inst.rng("gradient")
    x = unit_ball_point(rng, inst.d, 1.0)
    v = unit_ball_point(rng, inst.d, inst.v_norm)
    with interval_precision():
        xs, vs = [iv(a) for a in x], [iv(a) for a in v]
        norm = ivm.sqrt(sum(a * a for a in vs))
        vt = [a / norm for a in vs]
        pre = sum(a * b for a, b in zip(vt, xs))
        if not pre.a > 0:
            return Certificate("no certificate: the unit is not certainly active", "==", -math.inf, math.inf)
        perp = [a - b * pre for a, b in zip(xs, vt)]
        j = int(np.argmax(np.abs(x - (v / np.linalg.norm(v)) * float(v @ x) / np.linalg.norm(v))))
        gap = perp[j] - perp[j] / norm
        return interval(gap, "==", detail=f"‖v‖ = {inst.v_norm:.6g}, coordinate {j}: (1 − 1/‖v‖)·((I − ṽṽᵀ)x)_j")


erratum_pair(
    kind=Kind.IDENTITY,
    predicate=feature_gradient_matches,
    printed=dict(
        id="homogeneity2025.sec4.printed-feature-gradient",
        error_class=ErrorClass.PROOF,
        certify=certify_feature_gradient,
        source=src("Appendix B (proof of Theorem 4.1, C1 and C2)", "B Omitted proofs from Section 4", 1050),
        statement=r"\nabla_{v_j}F_j(x;V)=\sigma'(\tilde v_j^\top x)\big(I-\tilde v_j\tilde v_j^\top\big)x",
        domain=GRAD_SPACE.replace(d=Int(2, 10)),
        params={"formula": "printed"},
        note="The display omits the factor 1/‖v_j‖ (the ratio is exactly 1/‖v‖; certified in interval "
             "arithmetic). It is stated 'for any inputs x, x′, index j, and V ∈ ℝ^{m×d}' (l.1048), so "
             "‖v_j‖ ≠ 1 is inside its own quantifier (catalogue M7). Class proof: the conclusion C1 <= 1 "
             "still holds where Theorem 3.1 takes its sup, along gradient flow from v_j(0) on the sphere "
             "(⟨∇_{v_j}F_j, v_j⟩ = 0 keeps ‖v_j(t)‖ = 1), and for any ‖v_j‖ >= 1 — read for the "
             "authors, the display is right on the states the proof uses.\n\n"
             "For the authors: ∇_{v_j}F_j(x; V) = σ'(ṽ_jᵀx)(I − ṽ_jṽ_jᵀ)x/‖v_j‖; the bound on C1 then "
             "reads ‖x‖‖x′‖/‖v_j‖², which is <= 1 along the flow because ‖v_j(t)‖ = ‖v_j(0)‖ = 1.",
    ),
    corrected=dict(
        id="homogeneity2025.sec4.feature-gradient",
        source=src("Appendix B (proof of Theorem 4.1), corrected", "B Omitted proofs from Section 4", 1050),
        statement=r"\nabla_{v_j}F_j(x;V)=\sigma'(\tilde v_j^\top x)\big(I-\tilde v_j\tilde v_j^\top\big)x/\|v_j\|",
        domain=GRAD_SPACE,
        mutants=(Mutant("projection I − ṽṽᵀ dropped", params={"formula": "no-projection"},
                        domain=GRAD_SPACE.replace(d=Int(2, 10))),
                 Mutant("factor 1/‖v‖ dropped", params={"formula": "printed"},
                        domain=GRAD_SPACE.replace(d=Int(2, 10), v_norm=Real(2.0, 10.0)))),
    ),
)


def jacobian_constants(inst, *, min_norm=1.0):
    """C1 = max_{j,i,r} |⟨∇_V F_j(x_i), ∇_V F_j(x_r)⟩| <= 1 and C2 = max_{j≠k} |⟨∇_V F_j, ∇_V F_k⟩| = 0."""
    import torch
    from theory.nets import normalized as nets

    rng = inst.rng("jacobian")
    d, m, n = inst.d, inst.m, inst.n
    X = np.array([unit_ball_point(rng, d, rng.uniform(0.2, 1.0)) for _ in range(n)])
    V = np.array([unit_ball_point(rng, d, rng.uniform(min_norm, min_norm * 3)) for _ in range(m)])
    Vt = torch.tensor(V, dtype=torch.float64)
    J = torch.autograd.functional.jacobian(lambda W: nets.shallow_features(torch.tensor(X), W), Vt)
    J = J.reshape(n, m, m * d).numpy()  # J[i, j] = ∇_V F_j(x_i), flattened over V
    same = np.einsum("ijk,rjk->jir", J, J)
    cross = np.einsum("ijk,rlk->ijrl", J, J)
    for j in range(m):
        cross[:, j, :, j] = 0.0
    C1, C2 = float(np.abs(same).max()), float(np.abs(cross).max())
    tol = 16 * (d + 4) * EPS / min_norm ** 2
    ev = at_most(C1, 1.0, tol=tol, why="float64 rounding of d-term inner products", C2=C2)
    if C2 > tol:
        return at_most(C2, 0.0, tol=tol, why="cross-neuron Jacobian blocks are exactly disjoint", C1=C1)
    return ev


claim(
    id="homogeneity2025.sec4.c1-c2-constants",
    source=src("Section 4 (C1 <= 1, C2 = 0 for eq. (1))", SEC4, 435),
    statement=r"\text{eq. (1)},\ \|x\|\le1,\ \|v_j\|\ge1:\ C_1=\sup|\langle\nabla_VF_j(x_i),\nabla_VF_j(x_r)\rangle|\le1,\ "
              r"C_2=\sup_{j\ne k}|\langle\nabla_VF_j(x_i),\nabla_VF_k(x_r)\rangle|=0",
    kind=Kind.INEQUALITY,
    domain=Space(n=Int(1, 10), d=Int(1, 8), m=Int(1, 8), seed=Seed()),
    predicate=jacobian_constants,
    mutants=(Mutant("‖v_j‖ >= 1 dropped (‖v_j‖ from 0.3)", params={"min_norm": 0.3},
                    why="the bound is ‖x‖‖x'‖/‖v_j‖²"),),
    note="‖v_j‖ >= 1 is unstated; it holds along GF (‖v_j‖ conserved from 1) and GD (‖v_j‖ grows).",
)


# ---------------------------------------------------------------------------------------------
# Example 4.1: the F1 margin of k-bit parity, and the odd-k obstruction.
# ---------------------------------------------------------------------------------------------

def parity_margin_bounds(inst):
    """(LP lower bound on γ_D over a direction dictionary, max uniform-dual value, closed form)."""
    from theory.data import kbit_parity as kp

    if inst.k > inst.d:
        return None
    X = hypercube.scaled_points(inst.d)
    y = kp.parity_labels(X, inst.k)
    V = kp.direction_dictionary(inst.d, inst.k, inst.rng("directions"), n_random=200)
    lower, _ = kp.f1_margin_lp(X, y, V)
    upper = float(kp.uniform_dual_value(X, y, V).max())
    return lower, upper


#: HiGHS' default primal/dual feasibility tolerance (the LP value is exact to about this)
LP_TOL = 1e-7


def parity_margin_at_least(inst, *, value="printed"):
    """γ_D >= value(d, k); γ_D is bounded above by the uniform dual's value, maximised over a
    dictionary ({−1,0,1}^d, 1_S/√k, 200 random directions)."""
    from theory.data import kbit_parity as kp

    bounds = parity_margin_bounds(inst)
    if bounds is None:
        return precondition_failed("k > d")
    lower, upper = bounds
    rhs = kp.f1_margin_as_printed(inst.d, inst.k)
    X = hypercube.scaled_points(inst.d)
    return at_least(upper, rhs, tol=LP_TOL, why="HiGHS tolerance; upper = max_v |E_x χ_S(x)σ(vᵀx)|",
                    lp_lower_bound=lower, witness={"X": X, "y": kp.parity_labels(X, inst.k)})


def certify_parity_margin(inst, *, value="printed"):
    """An exact upper bound B on γ_D below the printed 1/(k√d), from the uniform dual on the cube.

    Weak duality (any distribution q on the support, total variation of μ <= 1): γ_D <=
    sup_{‖v‖=1} |E_q[yσ(vᵀx)]|, and σ(t) = (t + |t|)/2 splits E[yσ(vᵀx)] = ½vᵀE[yx] + ½E[y|vᵀx|].
    E[yx] is summed exactly over the 2^d corners (integers). Odd k: y(−x) = −y(x) (checked exactly)
    while |vᵀx| is even, so E[y|vᵀx|] = 0 and B = ½‖E[yx]‖ (1/(2√d) at k = 1, 0 for k >= 3).
    k = 2 (E[yx] = 0): averaging over x_1, x_2 with |c + r| + |c − r| = 2max(|c|, |r|) gives
    E[y|vᵀx|] <= min(|v_1|, |v_2|)/√d <= 1/√(2d), so B = 1/√(8d). Even k >= 4: no certificate."""
    import itertools

    import sympy
    d, k = inst.d, inst.k
    signs = list(itertools.product((-1, 1), repeat=d))
    chi = {s: math.prod(s[:k]) for s in signs}
    corr = [sum(chi[s] * s[i] for s in signs) for i in range(d)]  # 2^d·√d·E[yx], exact integers
    printed = 1 / (k * sympy.sqrt(d))
    if k % 2 and all(chi[tuple(-c for c in s)] == -chi[s] for s in signs):
        bound = sympy.sqrt(sum(c * c for c in corr)) / (2 * 2 ** d * sympy.sqrt(d))
        how = "odd k: E[y|vᵀx|] = 0 by the antipodal symmetry, B = ½‖E[yx]‖"
    elif k == 2 and not any(corr):
        bound = 1 / sympy.sqrt(8 * d)
        how = "k = 2: E[yx] = 0 and E[y|vᵀx|] <= min(|v1|,|v2|)/√d <= 1/√(2d)"
    else:
        return Certificate(f"none for even k = {k} >= 4 (no closed-form dual bound)", ">=", -math.inf, math.inf)
    upper = exact(bound - printed, ">=", "exact (sympy)")
    lower = exact(-printed, ">=", "exact (sympy)")  # γ_D >= 0
    return Certificate(f"uniform-dual bound γ_D <= B in exact arithmetic ({how})", ">=", lower.lo, upper.hi,
                       detail=f"d = {d}, k = {k}: B = {bound}, printed 1/(k√d) = {printed}")


PARITY_SPACE = Space(d=Int(1, 5), k=Int(1, 5), seed=Seed())

claim(
    id="homogeneity2025.ex4.1.printed-f1-margin",
    error_class=ErrorClass.STATEMENT,
    certify=certify_parity_margin,
    examples=({"d": 2, "k": 2, "seed": 0}, {"d": 3, "k": 3, "seed": 0}),
    source=src("Example 4.1", SEC4, 457),
    statement=r"x\in\{\pm1/\sqrt d\}^d,\ y=d^{k/2}\prod_{i\in S}x_i,\ |S|=k:\ \gamma_{\mathcal D}\ge\frac1{k\sqrt d}",
    kind=Kind.INEQUALITY,
    status=Status.ERRATUM,
    corrected_by="homogeneity2025.ex4.1.f1-margin-closed-form",
    domain=PARITY_SPACE,
    predicate=parity_margin_at_least,
    note="Uniform marginal. d = k = 2 gives γ_D = 1/4 exactly (the uniform dual certifies it) < "
         "1/(2√2) = 0.354 (pinned first; certified exactly, see certify_parity_margin). Odd k >= 3 gives "
         "γ_D = 0: f(x) − f(−x) is linear for every bias-free net and χ_S is odd (pinned second). The "
         "cited source (Telgarsky 2022) proves only k = 2, with 1/√(8d). Inside the example's "
         "assumptions: inputs are the corners (‖x‖ = 1), y = ±1, and the example allows 'any "
         "distribution' on the corners, the uniform one included; γ_D depends only on the support, so "
         "every full-support marginal has the same margin. Read for the authors: 'at least 1/(k√d)' "
         "may mean 'of order', but for odd k >= 3 no constant helps (γ_D = 0), and the sample "
         "complexity dk²/n drawn from it (Theorem 1.2, l.145) fails there.\n\n"
         "For the authors: for the bias-free eq. (1), k-parity with odd k >= 3 on the full cube has "
         "F1 margin 0; for even k the margin is binom(k−2, k/2−1)/(2^{k−1}√(kd)) (1/√(8d) at k = 2), "
         "below 1/(k√d). Restricting to even k, or adding a bias coordinate, repairs the example.",
)


def parity_margin_matches(inst, *, formula=None):
    """LP lower bound = closed form = max uniform-dual value (to the LP tolerance)."""
    from theory.data import kbit_parity as kp

    bounds = parity_margin_bounds(inst)
    if bounds is None:
        return precondition_failed("k > d")
    lower, upper = bounds
    value = (formula or kp.f1_margin_closed_form)(inst.d, inst.k)
    low = close(lower, value, tol=LP_TOL, why="HiGHS feasibility tolerance", upper=upper)
    high = at_most(upper, value, tol=LP_TOL, why="HiGHS feasibility tolerance; rounding of 2^d-term means",
                   lp_lower_bound=lower)
    return low if low.slack < high.slack else high


def even_k_without_sqrt_k(d, k):
    """Mutant: the even-k value with √(kd) replaced by √d."""
    from theory.data import kbit_parity as kp
    return kp.f1_margin_closed_form(d, k) * (math.sqrt(k) if k % 2 == 0 else 1.0)


def odd_value_as_k1(d, k):
    """Mutant: the k = 1 value 1/(2√d) used for every odd k."""
    from theory.data import kbit_parity as kp
    return 1 / (2 * math.sqrt(d)) if k % 2 else kp.f1_margin_closed_form(d, k)


claim(
    id="homogeneity2025.ex4.1.f1-margin-closed-form",
    source=src("Example 4.1, corrected", SEC4, 457),
    statement=r"\gamma_{\mathcal D}=\frac{\binom{k-2}{k/2-1}}{2^{k-1}\sqrt{kd}}\ (k\text{ even}),\ "
              r"\frac1{2\sqrt d}\ (k=1),\ 0\ (k\text{ odd}\ge3)\quad(\text{uniform marginal})",
    kind=Kind.IDENTITY,
    corrects="homogeneity2025.ex4.1.printed-f1-margin",
    domain=PARITY_SPACE,
    predicate=parity_margin_matches,
    mutants=(Mutant("even k: √(kd) → √d", params={"formula": even_k_without_sqrt_k},
                    domain=PARITY_SPACE.replace(k=Choice(2, 4))),
             Mutant("odd k >= 3 as k = 1", params={"formula": odd_value_as_k1},
                    domain=PARITY_SPACE.replace(d=Int(3, 5), k=Choice(3, 5)))),
    note="Lower bound: the LP over the dictionary; upper: the uniform dual (optimal for the uniform "
         "marginal by symmetry) maximised over the same dictionary — sup over the sphere is taken at "
         "1_S/√k (catalogue §4.2), so the two meet.",
)


def bias_free_error_floor(inst, *, constant_coordinate=False):
    """Test error on the full cube of a bias-free eq. (1) net on odd k-parity >= (1 − A_k)/2."""
    from theory.data import kbit_parity as kp

    if inst.k > inst.d:
        return precondition_failed("k > d")
    X = hypercube.scaled_points(inst.d)
    y = kp.parity_labels(X, inst.k)
    features = kp.with_constant_coordinate(X) if constant_coordinate else X
    rng = inst.rng("net")
    if inst.net == "lp":
        V = kp.direction_dictionary(features.shape[1], inst.k, rng, n_random=100)
        _, c = kp.f1_margin_lp(features, y, V)
    else:
        V = rng.standard_normal((inst.m, features.shape[1]))
        V /= np.linalg.norm(V, axis=1, keepdims=True)
        c = rng.standard_normal(inst.m) / inst.m
    f = np.maximum(features @ V.T, 0.0) @ c
    error = float(np.mean(y * f <= 0))
    return at_least(error, kp.odd_parity_error_floor(inst.k), why="exact count over the 2^d cube points")


claim(
    id="homogeneity2025.ex4.1.odd-parity-error-floor",
    source=src("Example 4.1 / Theorem 1.2, odd k", SEC4, 457),
    statement=r"k\in\{3,5\}:\ \Pr_{x\sim\mathrm{Unif}}\big[y\,h(x)\le0\big]\ge\frac{1-A_k}2\ "
              r"\text{for every bias-free eq. (1) net},\ A_3=\tfrac34,\ A_5=\tfrac{11}{16}",
    kind=Kind.INEQUALITY,
    domain=Space(d=Int(3, 6), k=Choice(3, 5), net=Choice("lp", "random"), m=Int(1, 64), seed=Seed()),
    predicate=bias_free_error_floor,
    mutants=(Mutant("a constant input coordinate (a bias)", params={"constant_coordinate": True},
                    domain=Space(d=Int(3, 6), k=Fixed(3), net=Fixed("lp"), m=Int(1, 64), seed=Seed()),
                    why="with a bias the F1 LP separates odd parity: 0% error"),),
    note="Not printed: the obstruction behind the odd-k erratum of Example 4.1 (catalogue H2). For "
         "antipodal x, −x both to be classified, y(x)(f(x) − f(−x)) = y(x)wᵀx must be > 0, which a "
         "halfspace through 0 achieves on at most a fraction A_k of the pairs.",
)


# -- Example 4.1: the F2 margin of k-bit parity falls like d^{-(k+1)/2} (the paper prints d^{-k/2}) --

def parity_kernel_coefficient(d: int, k: int) -> float:
    """μ_S = E_x[K(x, x₀)χ_S(x)] (x₀ = 1/√d, uniform x on the cube): the eigenvalue of the
    random-feature kernel's integral operator on the character χ_S, |S| = k.

    Written as a k-th central difference of κ (step 1/d) averaged over the Binomial(d − k, ½)
    sum of the other coordinates, so no alternating Krawtchouk sum cancels catastrophically.
    """
    from scipy import stats

    j = np.arange(d - k + 1)
    weights = stats.binom.pmf(j, d - k, 0.5)
    r = (2 * j - (d - k)) / d
    diff = sum((-1) ** (k - i) * math.comb(k, i) * relu_ntk.arc_cosine_kernel(r + (2 * i - k) / d)
               for i in range(k + 1))
    return float(weights @ diff) / 2 ** k / d


def parity_f2_margin(d: int, k: int) -> float:
    """F2 margin of uniform k-parity on the full cube: max over ‖f‖_H <= 1 of min_x χ_S(x)f(x).

    For the RKHS of K = E_τ σσ (τ uniform on the sphere; ‖f‖_H = inf ‖c‖_{L²(τ)} over
    f = ∫cσ(vᵀ·)dτ, so the F2 ball sits inside the F1 ball and γ₂ <= γ₁) the uniform dual is
    optimal by the cube's symmetry, f = Ky, and the margin is √μ_S (checked against a hard-margin
    SVM on the enumerated cube by :func:`parity_f2_margin_matches_svm`)."""
    return math.sqrt(max(parity_kernel_coefficient(d, k), 0.0))  # odd k >= 3: μ_S = 0 up to rounding


def f2_margin_value(inst, *, k):
    """γ₂(d) at the grid point (exact)."""
    return parity_f2_margin(int(inst.d), k)


F2_GRID = (32, 64, 128, 256, 512)

for _k in (2, 4):
    claim(
        id=f"homogeneity2025.ex4.1.f2-margin-scaling-k{_k}",
        source=src("Example 4.1 (F2 margin 1/d^{k/2})", SEC4, 457),
        statement=(r"\gamma_2(d)=\max_{\|f\|_{\mathcal H}\le1}\min_x\chi_S(x)f(x)\ \propto\ d^{-(k+1)/2}"
                   r"\ (\text{printed: }d^{-k/2}),\ k=" + str(_k) +
                   r",\ \mathcal H=\text{RKHS of }\mathbb E_{v\sim\mathrm{Unif}(S^{d-1})}\sigma(v^\top x)\sigma(v^\top x')"),
        kind=Kind.SCALING,
        domain=Space(d=Grid(*F2_GRID), k=Fixed(_k)),
        predicate=f2_margin_value,
        params={"k": _k},
        y_label="F2 margin γ₂",
        expect=Exponent(-(_k + 1) / 2, 0.15),
        mutants=(Mutant(f"exponent −(k+2)/2 = {-(_k + 2) / 2:g} (one factor d^(-1/2) too many)",
                        expect=Exponent(-(_k + 2) / 2, 0.15)),
                 Mutant(f"exponent −k = {-_k:g} (the margin of a kernel normalised by d^k)",
                        expect=Exponent(-_k, 0.15))),
        note="The values are exact (no sampling), so the bootstrap CI collapses to the fitted slope; "
             "the tolerance 0.15 is the pre-asymptotic error model: the local slope is "
             "−(k+1)/2 − c_k/d (measured −1.512, −1.506, −1.503, −1.501 for k = 2 and −2.554, −2.526, "
             "−2.513 for k = 4 between successive doublings from d = 32), i.e. at most 0.06 over this "
             "grid. d^{-(k+1)/2}: the Walsh coefficient of κ(⟨x,x'⟩)/d on χ_S is ≈ κ^{(k)}(0)/d^{k+1}. "
             "The printed d^{−k/2} is the margin with a kernel normalised to K(x,x) = 1 (an extra √d): "
             "the value depends on the RKHS normalisation (catalogue H2(iv)); with the same measure τ "
             "as the F1 margin, γ₁/γ₂ grows like d^{k/2}, not d^{(k−1)/2}.",
    )
del _k


def parity_f2_margin_matches_svm(inst, *, formula=None):
    """√μ_S equals the hard-margin SVM margin of the kernel on the enumerated cube: the nearest point
    of conv{y_iφ(x_i)} to 0, min over the simplex of qᵀ(yyᵀ⊙K)q, solved by NNLS on a square root."""
    from scipy import optimize
    from theory.data import kbit_parity as kp

    d, k = inst.d, inst.k
    if k > d:
        return precondition_failed("k > d")
    X = hypercube.scaled_points(d)
    y = kp.parity_labels(X, k)
    Q = np.outer(y, y) * relu_ntk.arc_cosine_kernel(X @ X.T) / d
    evals, U = np.linalg.eigh(Q)
    Phi = U * np.sqrt(np.maximum(evals, 0.0))
    weight = 1e4
    A = np.vstack([Phi.T, weight * np.ones((1, len(y)))])
    q, _ = optimize.nnls(A, np.r_[np.zeros(Phi.shape[1]), weight], maxiter=50 * len(y))
    q = q / q.sum()
    svm = math.sqrt(max(float(q @ Q @ q), 0.0))
    value = (formula or parity_f2_margin)(d, k)
    quad_error = 64 * len(y) * EPS * float(np.abs(Q).max())
    return close(svm, value, tol=max(1e-6 * value, math.sqrt(quad_error)),
                 why="NNLS on an eigen-square-root: the simplex constraint is a weighted row (weight "
                     "1e4, relative error ~1e-8 of the margin); qᵀQq to 64·N·eps·max|Q|, whose square "
                     "root bounds the error of a margin near 0 (odd k >= 3)",
                 lower_bound_from_svm=svm)


claim(
    id="homogeneity2025.ex4.1.f2-margin-closed-form",
    source=src("Example 4.1 (F2 margin)", SEC4, 457),
    statement=r"\gamma_2=\sqrt{\mu_S},\ \mu_S=\mathbb E_x\big[K(x,x_0)\chi_S(x)\big],\ "
              r"K=\mathbb E_{v\sim\mathrm{Unif}(S^{d-1})}\sigma(v^\top x)\sigma(v^\top x')\ (\text{uniform cube})",
    kind=Kind.IDENTITY,
    domain=Space(d=Int(1, 7), k=Int(1, 5)),
    predicate=parity_f2_margin_matches_svm,
    mutants=(Mutant("square root dropped: γ₂ = μ_S", params={"formula": parity_kernel_coefficient},
                    domain=Space(d=Int(2, 7), k=Choice(1, 2, 4))),
             Mutant("kernel not divided by d: γ₂ = √(d·μ_S)",
                    params={"formula": lambda d, k: math.sqrt(max(d * parity_kernel_coefficient(d, k), 0.0))},
                    domain=Space(d=Int(2, 7), k=Choice(1, 2, 4)))),
    note="Cross-checks the closed form used by the scaling claims against an actual kernel SVM (no "
         "symmetry argument). Not printed: the paper gives only the rate.",
)
