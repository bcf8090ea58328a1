"""Section 1.2, margin estimates: Propositions 1.5 and 1.6 (global and NTK margins, the transports,
closed forms against Monte Carlo), Lemma A.1, Assumption 1.3's support condition, and the
universal ceiling γ(W) <= γ*_gl/2 of Lemma 2.5's proof.
"""

from __future__ import annotations

import math

import numpy as np

from theory.data import hypercube
from theory.nets import two_layer_relu as nets
from theory.margins import ntk_margin
from theory.data import sparse_parity
from theory.claims import claim, ErrorClass, Kind, Mutant, Status
from theory.claims.certificates import exact, interval, interval_precision, iv, rational
from theory.domains import Choice, Fixed, Int, Real, Seed, Space
from theory.evidence import at_least, at_most, close, precondition_failed
from theory.papers.telgarsky2023 import intervals as ivnet
from theory.papers.telgarsky2023.common import (APP_B, margin_rounding, NET_SPACE, random_net, S12,
    separable_data, src, transport_problem)
from theory.tolerances import dot_error, EPS, gaussian_threshold


def margin_ceiling(inst, *, fraction=0.5):
    """γ(W) <= ½·max_{‖α‖₁<=1} min_i y_i Σ_j α_j σ(ṽ_jᵀx_i) (LP over W's own directions) <= ½γ*_gl.

    F(x; W) = Σ_j a_j‖v_j‖σ(ṽ_jᵀx) and Σ_j |a_j|‖v_j‖ <= ‖W‖²/2 (AM-GM), so F/‖W‖² is ½ times a
    network in the ℓ1 ball over the dictionary {ṽ_j}.
    """
    a, V, X, y = random_net(inst)
    live = np.linalg.norm(V, axis=1) > 0
    if not live.any():
        return precondition_failed("every v_j is zero")
    N2 = nets.squared_norm(a, V)
    gamma = float(nets.margins(a, V, X, y).min()) / N2
    U = V[live] / np.linalg.norm(V[live], axis=1, keepdims=True)
    best = ntk_margin.best_global_margin(U, X, y)
    tol = float(margin_rounding(a, V, X).max()) / N2 + 1e-9 * max(abs(best), 1e-3)
    return at_most(gamma, fraction * best, tol=tol,
                   why="rounding of p_i plus the LP solver's 1e-9 relative optimality tolerance",
                   lp_margin=best)


claim(
    id="telgarsky2023.lem2.5.margin-ceiling",
    source=src("Proof of Lemma 2.5 (F/‖W‖² ∈ ½·sconv{σ(uᵀx)})", APP_B, 864),
    statement=r"\gamma(W) \le \tfrac12\max_{\|\alpha\|_1\le1}\min_i y_i\sum_j\alpha_j\sigma(\tilde v_j^\top x_i)"
              r"\le \tfrac12\gamma^*_{gl}",
    kind=Kind.INEQUALITY,
    domain=NET_SPACE.replace(m=Int(1, 8), n=Int(1, 10)),
    predicate=margin_ceiling,
    mutants=(Mutant("ceiling ¼ instead of ½", params={"fraction": 0.25},
                    domain=NET_SPACE.replace(m=Int(1, 4), labels=Fixed("teacher"),
                                             wmode=Fixed("balanced"), xmode=Fixed("sphere"))),),
)


SEP_SPACE = Space(n=Int(1, 12), d=Int(1, 12), gap=Real(0.01, 1.0), seed=Seed())


def two_relu_global_margin(inst, *, fraction=0.5, alpha=(0.5, -0.5)):
    """Proposition 1.5.3: α = (½, −½), β = (ū, −ū) has y Σ α_kσ(β_kᵀx) = ½ y ūᵀx >= γ̂/2."""
    X, y, u, gap = separable_data(inst)
    gl = ntk_margin.global_margin(np.array(alpha), np.vstack([u, -u]), X, y)
    return at_least(gl, fraction * gap, tol=4 * dot_error(inst.d),
                    why="two rounded d-term dot products")


claim(
    id="telgarsky2023.prop1.5.3.two-relu-global-margin",
    source=src("Proposition 1.5.3", S12, 142),
    statement=r"\alpha = (\tfrac12, -\tfrac12),\ \beta = (\bar u, -\bar u) \implies \gamma_{gl} \ge \hat\gamma/2",
    kind=Kind.INEQUALITY,
    domain=SEP_SPACE,
    predicate=two_relu_global_margin,
    mutants=(Mutant("γ̂/2 → γ̂ (the ½ is tight)", params={"fraction": 1.0}),
             Mutant("α = (½, ½)", params={"alpha": (0.5, 0.5)})),
)


def parity_global_margin(inst, *, value=lambda d: 1.0 / math.sqrt(8 * d), alpha=None):
    """Proposition 1.6.2: the four-ReLU net's margin over all of H_d equals 1/√(8d) (exactly), for
    the label pair (a, b) drawn from the instance's seed."""
    pair = tuple(int(i) for i in inst.rng("pair").choice(inst.d, size=2, replace=False))
    X = hypercube.scaled_points(inst.d)
    y = sparse_parity.parity_labels(X, pair)
    ref_alpha, B = sparse_parity.four_relu_reference(inst.d, pair)
    gl = ntk_margin.global_margin(ref_alpha if alpha is None else np.array(alpha), B, X, y)
    return close(gl, value(inst.d), tol=8 * dot_error(inst.d),
                 why="rounding of d-term dot products on the cube", pair=list(pair))


claim(
    id="telgarsky2023.prop1.6.2.parity-global-margin",
    source=src("Proposition 1.6.2 (and its proof)", S12, 149),
    statement=r"\alpha = (\tfrac14,-\tfrac14,-\tfrac14,\tfrac14),\ \beta_k = (\pm1,\pm1,0,\dots)/\sqrt2"
              r"\implies \min_{x\in H_d} y\textstyle\sum_k\alpha_k\sigma(\beta_k^\top x) = 1/\sqrt{8d}",
    kind=Kind.IDENTITY,
    domain=Space(d=Int(2, 12), seed=Seed()),
    predicate=parity_global_margin,
    mutants=(Mutant("value 1/√(4d)", params={"value": lambda d: 1.0 / math.sqrt(4 * d)}),
             Mutant("α signs (¼, ¼, −¼, −¼)", params={"alpha": (0.25, 0.25, -0.25, -0.25)})),
)


#: false-alarm share of one Monte-Carlo instance (the claim's 1e-4 over up to 2000 examples)
MC_ALPHA = 1e-4 / 2000


MC_SAMPLES = 12000


def closed_form_vs_monte_carlo(inst, *, closed_form_scale=1.0):
    """max_i |MC_i − CF_i|/SE_i <= z* for E_{w~N_θ}⟨θ(w), ∂̄p_i(w)⟩ (catalogue §5.4 closed forms)."""
    problem = transport_problem(inst)
    theta, X, y, cf = problem[:4]
    mean, se = ntk_margin.monte_carlo_margins(theta, X, y, MC_SAMPLES, inst.rng("mc"))
    z = np.abs(mean - closed_form_scale * cf) / np.maximum(se, 1e-12)
    z_star = gaussian_threshold(MC_ALPHA, len(z))
    return at_most(float(z.max()), z_star,
                   why=f"Monte-Carlo z-score with {MC_SAMPLES} draws of N_θ; Bonferroni z* over "
                       f"{len(z)} examples at alpha={MC_ALPHA:.1e} (quadrature error < 1e-10)",
                   closed_form=float(cf.min()), monte_carlo=float(mean.min()))


def ntk_margin_bound(inst, *, bound_scale=1.0):
    """min_i CF_i >= bound (the proposition's γ_ntk lower bound), CF from 1-D quadrature."""
    problem = transport_problem(inst)
    cf, bound = problem[3], problem[4]
    return at_least(float(cf.min()), bound_scale * bound, tol=1e-10 * abs(bound) + 4 * dot_error(inst.d),
                    why="quadrature tolerance 1e-10 and d-term dot products")


def transport_space(kind, **extra):
    fields = dict(n=Int(1, 8), d=Int(1, 12), gap=Real(0.05, 1.0), r=Int(1, 4),
                  transport=Fixed(kind), seed=Seed())
    fields.update(extra)
    return Space(**fields)


claim(
    id="telgarsky2023.prop1.5.1.closed-form-vs-mc",
    source=src("Proposition 1.5.1", S12, 138),
    statement=r"\theta(a,v) = (0, \operatorname{sgn}(a)\bar u)\mathbb 1[\|(a,v)\|\le2]:\ "
              r"\mathbb E_{N_\theta}\langle\theta,\bar\partial p_i\rangle = \tfrac12 K_a(d)\,y_i\bar u^\top x_i",
    kind=Kind.IDENTITY,
    stochastic=True,
    domain=transport_space("inner", n=Int(1, 4)),
    predicate=closed_form_vs_monte_carlo,
    mutants=(Mutant("closed form without the support indicator (E|a| = √(2/π))",
                    params={"closed_form_scale": math.sqrt(2 / math.pi) / 0.62},
                    domain=transport_space("inner", n=Int(1, 4), gap=Real(0.5, 1.0))),),
)


claim(
    id="telgarsky2023.prop1.5.1.ntk-margin",
    source=src("Proposition 1.5.1", S12, 138),
    statement=r"\theta(a,v) = (0, \operatorname{sgn}(a)\bar u)\mathbb 1[\|(a,v)\|\le2] \implies "
              r"\gamma_{ntk} \ge \hat\gamma/32",
    kind=Kind.INEQUALITY,
    domain=transport_space("inner"),
    predicate=ntk_margin_bound,
    mutants=(Mutant("bound 10γ̂/32", params={"bound_scale": 10.0}),),
    note="The exact value is ½K_a(d)γ̂ ∈ [0.2946, 0.31]γ̂: the bound holds with 10× slack.",
)


claim(
    id="telgarsky2023.prop1.5.2.closed-form-vs-mc",
    source=src("Proposition 1.5.2", S12, 140),
    statement=r"\theta(a,v) = (\operatorname{sgn}(\bar u^\top v), 0)\mathbb 1[\|(a,v)\|\le2]:\ "
              r"\mathbb E_{N_\theta}\langle\theta,\bar\partial p_i\rangle = \tfrac12\mathbb E|u_1|K_\rho(d)\,y_i\bar u^\top x_i",
    kind=Kind.IDENTITY,
    stochastic=True,
    domain=transport_space("outer", n=Int(1, 4)),
    predicate=closed_form_vs_monte_carlo,
    mutants=(Mutant("closed form ×1.25", params={"closed_form_scale": 1.25},
                    domain=transport_space("outer", n=Int(1, 4), gap=Real(0.5, 1.0), d=Int(1, 4))),),
)


claim(
    id="telgarsky2023.prop1.5.2.ntk-margin",
    source=src("Proposition 1.5.2", S12, 140),
    statement=r"\theta(a,v) = (\operatorname{sgn}(\bar u^\top v), 0)\mathbb 1[\|(a,v)\|\le2] \implies "
              r"\gamma_{ntk} \ge \frac{\hat\gamma}{16\sqrt d}",
    kind=Kind.INEQUALITY,
    domain=transport_space("outer"),
    predicate=ntk_margin_bound,
    mutants=(Mutant("bound 10γ̂/(16√d)", params={"bound_scale": 10.0}),),
    note="The exact value is ½E|u_1|K_ρ(d)γ̂ ≈ 0.29–0.37γ̂/√d.",
)


def certify_printed_parity_transport(inst, **_):
    """The printed transport's exact margin on a label −1 point of H_d minus 1/(50d), in interval
    arithmetic. With y = −1, β_+ = (x_a, x_b)√(d/2) the β_j with β_jᵀx = √(2/d) and β_− = −β_+
    the one with −√(2/d) (the other two are orthogonal to x), ⟨θ, ∂̄p⟩ =
    (|a|/2)·y·1[vᵀx > 0]·√(2/d)·sgn(β_+ᵀv), and for Gaussian v, E 1[vᵀx > 0]sgn(β_+ᵀv) =
    arcsin(ρ)/π with ρ = β_+ᵀx = √(2/d); E|a| = √(2/π) (no support indicator). So the margin is
    −(√(2/π)/2)·√(2/d)·arcsin(√(2/d))/π (the sign-corrected transport's closed form, negated)."""
    import mpmath
    with interval_precision():
        c = mpmath.iv.sqrt(iv(2) / inst.d)
        arcsin = mpmath.iv.atan2(c, mpmath.iv.sqrt(1 - c * c))        # arcsin c, c ∈ (0, 1]
        margin = -(mpmath.iv.sqrt(2 / mpmath.iv.pi) / 2) * c * arcsin / mpmath.iv.pi
        return interval(margin - iv(1) / (50 * inst.d), ">=",
                        detail=f"closed-form margin of the printed transport at a label −1 point of H_{inst.d}")


claim(
    id="telgarsky2023.prop1.6.1.printed-transport",
    error_class=ErrorClass.PROOF,
    certify=certify_printed_parity_transport,
    source=src("Proof of Proposition 1.6.1 (transport at l.447)", "A.1 Estimates of γ_ntk and γ_gl", 447),
    statement=r"\theta(a,v) = \Big(0, \frac{\operatorname{sgn}(a)}{2}\sum_{j=1}^4\beta_j\mathbb 1[\beta_j^\top v\ge0]\Big)"
              r"\implies \min_{x\in H_d}\mathbb E\langle\theta,\bar\partial p(x,y;w)\rangle \ge \frac1{50d}",
    kind=Kind.INEQUALITY,
    status=Status.ERRATUM,
    corrected_by="telgarsky2023.prop1.6.1.signed-transport",
    domain=Space(d=Int(2, 6), transport=Fixed("parity-printed"), seed=Seed()),
    predicate=lambda inst: parity_ntk_lower_confidence(inst),
    note="The printed transport ignores the signs of α: on every label −1 point (x_1x_2 < 0) its "
         "margin is −(E|a|/2)√(2/d)·arcsin(√(2/d))/π < 0 (the proof only treats β_1ᵀx > 0, i.e. "
         "y = +1, 'by symmetry', but the symmetry β_1 → β_2 flips the label). Corrected: weight β_j "
         "by sgn(α_j). The printed map also lacks the support indicator A1.3 requires (M3). A proof "
         "error, not a false proposition: with the signed transport the bound 1/(50d) holds "
         "(prop1.6.1.signed-transport). Read for the authors: 'by rotational symmetry' is meant to "
         "cover every x, but the symmetry that maps a label +1 point to a label −1 point also maps "
         "β_1 to β_2, whose α has the other sign, and the printed θ has no α in it.\n"
         "For the authors: in the proof of Proposition 1.6.1 (l.447) use θ(a, v) = (0, (sgn a/2)"
         "Σ_j sgn(α_j)β_j 1[β_jᵀv >= 0])·1[‖(a, v)‖ <= 2]; the rest of the argument goes through.",
)


def parity_ntk_lower_confidence(inst, *, bound_scale=1.0, samples=5000):
    """min_{x∈H_d} of the Monte-Carlo margin's lower confidence limit >= bound_scale/(50d)."""
    theta, X, y, cf, bound = transport_problem(inst)
    mean, se = ntk_margin.monte_carlo_margins(theta, X, y, samples, inst.rng("mc"))
    z_star = gaussian_threshold(MC_ALPHA, len(y))
    lower = mean - z_star * se
    i = int(np.argmin(lower))
    return at_least(float(lower[i]), bound_scale * bound,
                    why=f"Monte-Carlo lower confidence limit (z* = {z_star:.2f}, {samples} draws)",
                    estimate=float(mean[i]), closed_form=float(cf[i]), label=float(y[i]),
                    witness={"X": X, "y": y})


claim(
    id="telgarsky2023.prop1.6.1.signed-transport",
    source=src("Proposition 1.6.1 (transport with sgn α_j and the support indicator)", S12, 148),
    statement=r"\theta(a,v) = \Big(0, \frac{\operatorname{sgn}(a)}{2}\sum_{j=1}^4\operatorname{sgn}(\alpha_j)"
              r"\beta_j\mathbb 1[\beta_j^\top v\ge0]\Big)\mathbb 1[\|(a,v)\|\le2] \implies \gamma_{ntk} \ge \frac1{50d}",
    kind=Kind.INEQUALITY,
    stochastic=True,
    corrects="telgarsky2023.prop1.6.1.printed-transport",
    domain=Space(d=Int(2, 6), transport=Fixed("parity-signed-indicator"), seed=Seed()),
    predicate=parity_ntk_lower_confidence,
    mutants=(Mutant("bound 20/(50d)", params={"bound_scale": 20.0}),),
    note="The exact value is (K_a(d)/2)√(2/d)·arcsin(√(2/d))/π ≈ 0.20/d–0.30/d: 10× slack.",
)


claim(
    id="telgarsky2023.prop1.6.1.closed-form-vs-mc",
    source=src("Proposition 1.6.1 (proof)", "A.1 Estimates of γ_ntk and γ_gl", 455),
    statement=r"\mathbb E\langle\theta,\bar\partial p(x,y;w)\rangle = \frac{\mathbb E|a|}{2}\sqrt{\frac2d}"
              r"\frac{\arcsin\sqrt{2/d}}{\pi}\quad\forall x\in H_d\ (\text{signed transport})",
    kind=Kind.IDENTITY,
    stochastic=True,
    domain=Space(d=Int(2, 5), transport=Choice("parity-signed", "parity-signed-indicator"), seed=Seed()),
    predicate=closed_form_vs_monte_carlo,
    mutants=(Mutant("arcsin(√(2/d))/π → ½√(2/d)·(1/2)", params={"closed_form_scale": 1.5},
                    domain=Space(d=Int(2, 4), transport=Fixed("parity-signed"), seed=Seed())),),
)


claim(
    id="telgarsky2023.lemA.1.closed-form-vs-mc",
    source=src("Lemma A.1", "A.1 Estimates of γ_ntk and γ_gl", 479),
    statement=r"\theta(a,v) = \big(\textstyle\sum_k\alpha_k\sigma'(\beta_k^\top v), 0\big)\mathbb 1[\|(a,v)\|\le2]:\ "
              r"\mathbb E\langle\theta,\bar\partial p_i\rangle = \frac{\sum_k\alpha_k(1+\beta_k^\top x_i)}{2\sqrt{2\pi d}}"
              r"\frac{K_\rho(d)}{\mathbb E\rho}",
    kind=Kind.IDENTITY,
    stochastic=True,
    domain=transport_space("a1", d=Int(2, 10), n=Int(1, 4)),
    predicate=closed_form_vs_monte_carlo,
    mutants=(Mutant("closed form ×1.3", params={"closed_form_scale": 1.3},
                    domain=transport_space("a1", d=Int(2, 4), n=Int(1, 4))),),
)


claim(
    id="telgarsky2023.lemA.1.ntk-from-global",
    source=src("Lemma A.1", "A.1 Estimates of γ_ntk and γ_gl", 479),
    statement=r"\alpha_k > 0,\ y_i = +1,\ \|x_i\| = 1 \implies \gamma_{ntk} \ge \frac{\gamma_{gl}}{8\sqrt d}",
    kind=Kind.INEQUALITY,
    domain=transport_space("a1", d=Int(2, 12)),
    predicate=ntk_margin_bound,
    mutants=(Mutant("bound γ_gl/√d", params={"bound_scale": 8.0},
                    domain=transport_space("a1", d=Int(2, 12), r=Fixed(1))),),
)


def certify_printed_transport_support(inst, **_):
    """Exact: among the audit's rows of norm >= 2 (norm checked in rationals), the largest
    ‖θ(w)‖² of the printed parity transport, (1/4)‖Σ_j β_j 1[β_jᵀv >= 0]‖² = (c_1² + c_2²)/8 with
    integers c (β_j = (±e_1 ± e_2)/√2, indicators decided exactly on the floats of v)."""
    from fractions import Fraction
    import sympy
    rng = inst.rng("audit")
    d = inst.d
    nets.transport_rows(4000, d, rng)                     # the audit's first 4000 rows (norm < 2 mostly)
    far = rng.standard_normal((4000, d + 1))
    far *= rng.uniform(2.0, 3.0, size=(4000, 1)) / np.linalg.norm(far, axis=1, keepdims=True)
    best, where = Fraction(0), None
    for row in far:
        w = [rational(x) for x in row]
        if sum(x * x for x in w) < 4 or w[0] == 0:
            continue
        c = [0, 0]
        for s1, s2 in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
            if s1 * w[1] + s2 * w[2] >= 0:
                c[0] += s1
                c[1] += s2
        value = Fraction(c[0] ** 2 + c[1] ** 2, 8)
        if value > best:
            best, where = value, row
    if where is None:
        return ivnet.undecided("<=", "no audit row has exact norm >= 2 and a != 0")
    return exact(sympy.sqrt(sympy.Rational(best.numerator, best.denominator)), "<=",
                 method="exact rationals (indicators and ‖w‖² >= 4 decided on the floats' exact values)",
                 detail=f"‖θ(w)‖ = √{best} at a row w of norm {float(np.linalg.norm(where)):.4g} >= 2")


def transport_audit(inst, *, kind="parity-signed-indicator", scale=1.0):
    """A1.3's conditions on 4000 draws of N_θ and 4000 rows of norm in [2, 3]:
    max ‖θ(w)‖ <= 1 and θ(w) = 0 whenever ‖w‖ >= 2 (one Evidence: the worst excess)."""
    rng = inst.rng("audit")
    d = inst.d
    alpha, B = sparse_parity.four_relu_reference(max(d, 2)) if d >= 2 else (None, None)
    u = np.eye(d)[0]
    theta = {
        "inner": lambda: ntk_margin.inner_sign_transport(u),
        "outer": lambda: ntk_margin.outer_sign_transport(u),
        "a1": lambda: ntk_margin.global_outer_transport(np.array([0.5, 0.5]), np.eye(d)[:2]),
        "parity-signed-indicator": lambda: ntk_margin.parity_transport(B, signs=alpha, indicator=True),
        "parity-printed": lambda: ntk_margin.parity_transport(B),
    }[kind]()
    theta = ntk_margin.scaled_transport(theta, scale)
    a, V = nets.transport_rows(4000, d, rng)
    far = rng.standard_normal((4000, d + 1))
    far *= rng.uniform(2.0, 3.0, size=(4000, 1)) / np.linalg.norm(far, axis=1, keepdims=True)
    a, V = np.r_[a, far[:, 0]], np.vstack([V, far[:, 1:]])
    sup, outside = ntk_margin.transport_sup_norm(theta, a, V)
    if outside > 8 * EPS:   # the support condition fails: report that side
        return at_most(outside, 0.0, tol=8 * EPS, why="8 ulp of a norm", sup_norm=sup, outside_norm=outside)
    return at_most(sup, 1.0, tol=8 * EPS, why="8 ulp of a norm", sup_norm=sup, outside_norm=outside)


#: d >= 2: the parity transport and Lemma A.1's two-direction reference need two coordinates (for the
#: sign transports of Proposition 1.5 d = 1 is the same check: sup‖θ‖ = 1 exactly)
AUDIT = Space(d=Int(2, 8), seed=Seed())


claim(
    id="telgarsky2023.prop1.6.1.printed-transport-support",
    error_class=ErrorClass.TYPO,
    certify=certify_printed_transport_support,
    source=src("Assumption 1.3 applied to the transport of Proposition 1.6.1", "A.1 Estimates of γ_ntk and γ_gl", 447),
    statement=r"\theta(w) = 0 \text{ whenever } \|w\|\ge2,\ \|\theta(w)\|\le1\ "
              r"(\text{printed Proposition 1.6.1 transport})",
    kind=Kind.INEQUALITY,
    status=Status.ERRATUM,
    corrected_by="telgarsky2023.ass1.3.transport-support",
    domain=AUDIT,
    predicate=transport_audit,
    params={"kind": "parity-printed"},
    note="The printed map has no indicator 1[‖w‖ <= 2], so θ(w) ≠ 0 for ‖w‖ >= 2 (catalogue M3). A "
         "typo: Assumption 1.3 requires the support condition and both transports of Proposition 1.5 "
         "carry the factor 1[‖(a, v)‖ <= 2] explicitly; the constant 1/(50d) is what the map with the "
         "indicator gives (prop1.6.1.signed-transport), so the indicator was meant.\n"
         "For the authors: at l.447 append ·1[‖(a, v)‖ <= 2] to θ, as in Proposition 1.5.",
)


claim(
    id="telgarsky2023.ass1.3.transport-support",
    source=src("Assumption 1.3 (with ‖θ‖ <= 1, used at l.447 and in Lemma A.3)", S12, 122),
    statement=r"\theta(w) = 0 \text{ whenever } \|w\|\ge2 \text{ and } \sup_w\|\theta(w)\| \le 1\ "
              r"(\text{transports of Prop. 1.5.1, 1.5.2, Lemma A.1, signed Prop. 1.6.1})",
    kind=Kind.INEQUALITY,
    corrects="telgarsky2023.prop1.6.1.printed-transport-support",
    domain=Space(d=Int(2, 8), kind=Choice("inner", "outer", "a1", "parity-signed-indicator"), seed=Seed()),
    predicate=lambda inst, scale=1.0: transport_audit(inst, kind=inst.kind, scale=scale),
    mutants=(Mutant("θ scaled by 2", params={"scale": 2.0}),),
)
