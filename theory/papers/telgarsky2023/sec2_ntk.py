"""Section 2 (margins at least as good as the NTK), in the paper's order: Theorem 2.1's hypotheses, Lemma
2.4's width and Proposition 2.6's construction.
"""

from __future__ import annotations

import math

import numpy as np

from theory.margins import max_margin
from theory.nets import two_layer_relu as nets
from theory.claims import claim, erratum_pair, ErrorClass, Kind, Mutant, Status
from theory.claims.certificates import interval, interval_precision, iv
from theory.domains import Int, Real, Seed, Space
from theory.errors import InputError
from theory.evidence import at_least, at_most, close, Evidence, greater_than, precondition_failed
from theory.papers.telgarsky2023 import intervals as ivnet
from theory.papers.telgarsky2023.common import APP_B, construction, geodesic_point, S2, src
from theory.tolerances import dot_error, EPS


def step_interval(inst, *, extra_width=640.0):
    """γ/(10√m) <= γ²/6400, i.e. the step interval of Theorem 2.1 is non-empty, at
    m = factor·max((64 ln(t/δ)/γ)², (extra_width/γ)²) (``extra_width=0``: the printed width alone)."""
    g, L = inst.gamma, inst.log_t_over_delta
    m = inst.factor * max((64 * L / g) ** 2, (extra_width / g) ** 2)
    low, high = g / (10 * math.sqrt(m)), g * g / 6400
    return at_most(low, high, tol=8 * EPS * high, why="8 ulp", width=m)


INTERVAL_SPACE = Space(gamma=Real(0.001, 1.0), log_t_over_delta=Real(1.0, 30.0), factor=Real(1.0, 1.5))


erratum_pair(
    kind=Kind.INEQUALITY,
    domain=INTERVAL_SPACE,
    predicate=step_interval,
    printed=dict(
        id="telgarsky2023.thm2.1.step-interval-printed",
        status=Status.VACUOUS,
        source=src("Theorem 2.1 (hypotheses on m and η)", S2, 161),
        statement=r"m \ge \Big(\frac{64\ln(t/\delta)}{\gamma}\Big)^2 \implies "
                  r"\Big[\frac{\gamma}{10\sqrt m}, \frac{\gamma^2}{6400}\Big] \ne \emptyset",
        params={"extra_width": 0.0},
        note="Not an erratum: the theorem asserts nothing about the interval being non-empty, so for "
             "ln(t/δ) < 10 at the smallest allowed width it is true but empty (no step size qualifies). The "
             "interval is non-empty iff m >= (640/γ)², which the stated width implies only when "
             "ln(t/δ) >= 10 (catalogue m1); the refuted statement is the non-emptiness a reader would take "
             "for granted, and the sibling adds the width that makes it hold.",
    ),
    corrected=dict(
        id="telgarsky2023.thm2.1.step-interval",
        source=src("Theorem 2.1 (with m >= (640/γ)² added)", S2, 161),
        statement=r"m \ge \max\Big\{\Big(\frac{64\ln(t/\delta)}{\gamma}\Big)^2, \Big(\frac{640}{\gamma}\Big)^2\Big\} "
                  r"\implies \Big[\frac{\gamma}{10\sqrt m}, \frac{\gamma^2}{6400}\Big] \ne \emptyset",
        mutants=(Mutant("added width (320/γ)²", params={"extra_width": 320.0},
                        domain=INTERVAL_SPACE.replace(log_t_over_delta=Real(1.0, 4.0))),),
    ),
)


def lemma24_first_step(inst, *, width="printed", fraction=0.5):
    """γ√m − [√(32 ln(n/δ)) + 8R + 4] >= fraction·γ√m with R = γ√m/32 (proof of Lemma 2.4, l.880),
    at m = factor·256 ln(n/δ)/γ² (Lemma 2.4's width) or m = factor·(640 ln(n/δ)/γ)² (Theorem 2.2's)."""
    L, g = inst.log_n_over_delta, inst.gamma
    m = inst.factor * (256 * L / g**2 if width == "printed" else (640 * L / g) ** 2)
    root = g * math.sqrt(m)
    lhs = root - (math.sqrt(32 * L) + 8 * root / 32 + 4)
    return at_least(lhs, fraction * root, tol=16 * EPS * root, why="16 ulp of γ√m")


def certify_lemma24_width(inst, width="printed", fraction=0.5, **_):
    """γ√m − [√(32L) + 8R + 4] − fraction·γ√m at m = factor·256L/γ², R = γ√m/32, in intervals
    (= 4√(factor·L) − √(32L) − 4 < 0 for factor <= 2)."""
    import mpmath
    with interval_precision():
        g, L, f = iv(inst.gamma), iv(inst.log_n_over_delta), iv(inst.factor)
        root = g * mpmath.iv.sqrt(f * 256 * L / (g * g))
        lhs = root - (mpmath.iv.sqrt(32 * L) + 8 * root / 32 + 4)
        return interval(lhs - fraction * root, ">=", detail=f"L = ln(n/δ) = {inst.log_n_over_delta!r}, "
                                                          f"m = {inst.factor!r}·256L/γ²")


WIDTH_SPACE = Space(gamma=Real(0.01, 1.0), log_n_over_delta=Real(math.log(2), 20.0), factor=Real(1.0, 2.0))


erratum_pair(
    kind=Kind.INEQUALITY,
    domain=WIDTH_SPACE,
    predicate=lemma24_first_step,
    printed=dict(
        id="telgarsky2023.lem2.4.width-printed",
        error_class=ErrorClass.PROOF,
        certify=certify_lemma24_width,
        source=src("Lemma 2.4 (width) and the first display of its proof", S2, 230),
        statement=r"m \ge \frac{256\ln(n/\delta)}{\gamma^2},\ R = \frac{\gamma\sqrt m}{32} \implies "
                  r"\gamma\sqrt m - \big[\sqrt{32\ln(n/\delta)} + 8R + 4\big] \ge \frac{\gamma\sqrt m}2",
        note="With m = 256L/γ² the left side is (16 − √32 − 4)√L − 4 = 6.34√L − 4 < 8√L for every L: the "
             "step needs m >= 16(√(32L) + 4)²/γ². Theorem 2.2's width (640L/γ)² suffices, so Theorem 2.2 "
             "is unaffected (catalogue M6). A proof error: the lemma's conclusion is not refuted (at m = 10⁴, "
             "above the printed width 8840 but far below Theorem 2.2's, it holds: lem2.4.crossing-margin).\n"
             "For the authors: state Lemma 2.4 with m >= 16(√(32 ln(n/δ)) + 4)²/γ² (Theorem 2.2's "
             "(640 ln(n/δ)/γ)² implies it), or weaken the first display's right side.",
    ),
    corrected=dict(
        id="telgarsky2023.lem2.4.width-of-theorem-2-2",
        source=src("Lemma 2.4's first step at Theorem 2.2's width", S2, 198),
        statement=r"m \ge \Big(\frac{640\ln(n/\delta)}{\gamma}\Big)^2,\ R = \frac{\gamma\sqrt m}{32} \implies "
                  r"\gamma\sqrt m - \big[\sqrt{32\ln(n/\delta)} + 8R + 4\big] \ge \frac{\gamma\sqrt m}2",
        params={"width": "theorem2.2"},
        mutants=(Mutant("right side 3γ√m/4", params={"fraction": 0.75}),),
    ),
)


INV_SQRT2 = 1.0 / math.sqrt(2.0)


def two_cones(inst):
    """(S_1, S_2): ``k`` unit points each within half-angle w of two centres at angle φ in a
    random 2-plane of R^d (all labels +1)."""
    rng = inst.rng("cones")
    d = inst.d
    Q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    e1, e2 = Q[:, 0], Q[:, 1]
    phi, w = math.radians(inst.phi), math.radians(inst.halfangle)

    def cone(angle):
        centre = math.cos(angle) * e1 + math.sin(angle) * e2
        pts = []
        for _ in range(inst.k):
            g = rng.standard_normal(d)
            g -= (g @ centre) * centre
            g /= max(np.linalg.norm(g), 1e-300)
            t = rng.uniform(0.0, w)
            pts.append(math.cos(t) * centre + math.sin(t) * g)
        return np.array(pts)
    return cone(phi / 2), cone(-phi / 2)


def cones_precondition(S1, S2):
    cross = float(np.max(S1 @ S2.T))
    if cross > -INV_SQRT2:
        return precondition_failed("max{⟨x, x'⟩ : x ∈ S_1, x' ∈ S_2} > −1/√2", cross=cross)
    return None


def separable_setting(inst):
    """(S_1, S_2, construction(S_1, S_2)) for the instance, or the failed precondition: the printed
    hypothesis on the cones, then the separability the proof needs (catalogue M8)."""
    S1, S2 = two_cones(inst)
    failed = cones_precondition(S1, S2)
    if failed:
        return failed
    built = construction(S1, S2)
    if built[0] <= 1e-6:
        return precondition_failed("S_1 ∪ S_2 not linearly separable (the hypothesis the proof adds)")
    return S1, S2, built


#: d >= 2: Proposition 2.6's two cones at angle φ (and the geodesic z_α) live in a 2-plane; k = 1 (one point
#: per cone) is in the domain; φ >= 140° so that the hypothesis max⟨x, x'⟩ <= −1/√2 can hold
CONES = Space(d=Int(2, 5), k=Int(1, 8), phi=Real(140.0, 180.0), halfangle=Real(0.0, 10.0), seed=Seed())


def p26_construction(inst, *, sign=-1.0):
    """With S_1 ∪ S_2 separable: adding z_0 = −v_1 leaves no positive linear margin, adding
    z_1 = v_0 keeps one (so by continuity some α gives any small positive margin); ‖z_α‖ = 1."""
    setting = separable_setting(inst)
    if isinstance(setting, Evidence):
        return setting
    S1, S2, (gamma, u, v0, v1, v2) = setting
    X = np.vstack([S1, S2])
    at0 = max_margin.best_linear_margin(np.vstack([X, geodesic_point(v0, v1, 0.0, sign)]), np.ones(len(X) + 1))[0]
    at1 = max_margin.best_linear_margin(np.vstack([X, geodesic_point(v0, v1, 1.0, sign)]), np.ones(len(X) + 1))[0]
    first = at_most(at0, 0.0, tol=1e-7, why="QP solver tolerance", margin_at_1=at1)
    if not first.holds:
        return first
    return greater_than(at1, 0.0, tol=1e-7, why="QP solver tolerance")


claim(
    id="telgarsky2023.prop2.6.geodesic-construction",
    source=src("Proof of Proposition 2.6 (S_1 ∪ S_2 linearly separable, as in Figure 2)", APP_B, 933),
    statement=r"S_1\cup S_2 \text{ separable} \implies \hat\gamma(S\cup\{z_0\}) \le 0 < \hat\gamma(S\cup\{z_1\}),"
              r"\ z_\alpha = \alpha v_0 - \sqrt{1-\alpha^2}\,v_1",
    kind=Kind.INEQUALITY,
    domain=CONES,
    predicate=p26_construction,
    mutants=(Mutant("z_α = αv_0 + √(1−α²)v_1", params={"sign": 1.0}),),
)


def p26_two_relu(inst, *, constant=1.0 / (2.0 * math.sqrt(2.0))):
    """f(x) = (σ(−v_1ᵀx) + σ(−v_2ᵀx))/2 >= constant on S_1 ∪ S_2 ∪ {z_α} for α <= 1/√2."""
    setting = separable_setting(inst)
    if isinstance(setting, Evidence):
        return setting
    S1, S2, (gamma, u, v0, v1, v2) = setting
    z = geodesic_point(v0, v1, inst.alpha)
    X = np.vstack([S1, S2, z])
    f = 0.5 * (nets.relu(-X @ v1) + nets.relu(-X @ v2))
    return at_least(float(f.min()), constant, tol=4 * dot_error(inst.d), why="d-term dot products",
                    norm_z=float(np.linalg.norm(z)), witness={"X": X, "y": np.ones(len(X))})


def certify_two_relu(inst, constant=INV_SQRT2, **_):
    """min over S_1 ∪ S_2 of f(x) = (σ(−v_1ᵀx) + σ(−v_2ᵀx))/2, minus the constant, in interval
    arithmetic (the hypothesis max⟨x, x'⟩ <= −1/√2 across the cones is re-checked the same way)."""
    import mpmath
    setting = separable_setting(inst)
    if isinstance(setting, Evidence):
        return ivnet.undecided(">=", "the instance fails the proposition's hypotheses")
    S1, S2, (_, _, _, v1, v2) = setting
    with interval_precision():
        A, B = ivnet.matrix(S1), ivnet.matrix(S2)
        bound = -1 / mpmath.iv.sqrt(2)
        try:
            if not all(ivnet.positive(bound - ivnet.dot(x, x2)) for x in A for x2 in B):
                return ivnet.undecided(">=", "max⟨x, x'⟩ <= −1/√2 is not certified")
            w1, w2 = ivnet.vector(v1), ivnet.vector(v2)
            f = [(ivnet.relu(-ivnet.dot(w1, x)) + ivnet.relu(-ivnet.dot(w2, x))) / 2 for x in A + B]
        except ivnet.Undecided as why:
            return ivnet.undecided(">=", str(why))
        k = min(range(len(f)), key=lambda i: float(f[i].b))
        return interval(f[k] - iv(constant), ">=",
                        detail=f"f at point {k} of S_1 ∪ S_2 ({len(S1)} + {len(S2)} points, d = {inst.d})")


CONES_ALPHA = CONES.replace(phi=Real(140.0, 175.0)).fields | {"alpha": Real(0.0, INV_SQRT2)}


erratum_pair(
    kind=Kind.INEQUALITY,
    domain=Space(**CONES_ALPHA),
    predicate=p26_two_relu,
    printed=dict(
        id="telgarsky2023.prop2.6.two-relu-printed",
        error_class=ErrorClass.PROOF,
        certify=certify_two_relu,
        source=src("Proof of Proposition 2.6, point 3", APP_B, 951),
        statement=r"f(x) = \tfrac12\big(\sigma(-v_1^\top x)+\sigma(-v_2^\top x)\big) \ge \frac1{\sqrt2}\ "
                  r"\forall x\in S_1\cup S_2\cup\{z_\alpha\},\ \alpha\le1/\sqrt2",
        params={"constant": INV_SQRT2},
        note="Points 1–2 give one ReLU >= 1/√2 per point, but f averages two ReLUs and the other one is "
             "0 on the point's own cone (e.g. f(v_1) = σ(−v_2ᵀv_1)/2): f >= 1/(2√2) only. Lemma A.1 then "
             "gives γ_1 >= 1/(16√2·√d), still >= the 1/(64√d) used, so the proposition is unaffected. "
             "Read for the authors: the sentence may mean that each point has one ReLU >= 1/√2 (true, "
             "points 1–2), but f is defined as the average, and Lemma A.1 is applied to f.\n"
             "For the authors: in point 3 of the proof of Proposition 2.6 read f(x) >= 1/(2√2); "
             "γ_1 >= 1/(64√d) still follows from Lemma A.1.",
    ),
    corrected=dict(
        id="telgarsky2023.prop2.6.two-relu",
        source=src("Proof of Proposition 2.6, point 3 (constant halved)", APP_B, 951),
        statement=r"f(x) = \tfrac12\big(\sigma(-v_1^\top x)+\sigma(-v_2^\top x)\big) \ge \frac1{2\sqrt2}\ "
                  r"\forall x\in S_1\cup S_2\cup\{z_\alpha\},\ \alpha\le1/\sqrt2",
        mutants=(Mutant("α up to 1", domain=Space(**(CONES_ALPHA | {"alpha": Real(0.95, 1.0),
                                                                       "phi": Real(140.0, 150.0)}))),),
    ),
)


def p26_geodesic(inst, *, project=True, sign=-1.0):
    """Proof of Proposition 2.6 (l.933–949): v_0 = (I − v_1v_1ᵀ)u/‖·‖ ⊥ v_1, so ‖z_α‖ = 1 and
    ⟨−v_1, z_α⟩ = √(1 − α²) for every α ∈ [0, 1]. ``project=False`` takes v_0 = u (a mutant),
    ``sign`` = +1 the other geodesic (a mutant).

    Error model: the inputs are unit vectors only to rounding, so their measured defect
    δ = |‖v_1‖² − 1| enters as data; ⟨v_0, v_1⟩ carries the cancellation of the projection,
    e_⊥ = [γ_{2d+4}(1 + |uᵀv_1|) + |uᵀv_1|δ]/‖(I − v_1v_1ᵀ)u‖; the squared norm and the inner
    product then deviate by at most α²γ_{d+4} + (1 − α²)δ + 2α√(1 − α²)e_⊥ + γ_{d+4} and
    αe_⊥ + √(1 − α²)δ + γ_{d+4}."""
    setting = separable_setting(inst)
    if isinstance(setting, Evidence):
        return setting
    S1, S2, (gamma, u, v0, v1, v2) = setting
    residual = u - (u @ v1) * v1
    if not project:
        v0 = u / np.linalg.norm(u)
    alpha, d = inst.alpha, inst.d
    z = geodesic_point(v0, v1, alpha, sign)
    delta = abs(float(v1 @ v1) - 1.0)
    g = dot_error(d + 4)
    e_perp = (dot_error(2 * d + 4) * (1 + abs(u @ v1)) + abs(u @ v1) * delta) / float(np.linalg.norm(residual))
    root = math.sqrt(1.0 - alpha * alpha)
    norm_tol = alpha * alpha * g + root * root * delta + 2 * alpha * root * e_perp + g
    first = close(float(z @ z), 1.0, tol=norm_tol, why="γ_{d+4} dot products, measured ‖v_1‖ defect, "
                  "projection cancellation 1/‖(I − v_1v_1ᵀ)u‖", orthogonality=float(v0 @ v1))
    if not first.holds:
        return first
    return close(float(-v1 @ z), root, tol=alpha * e_perp + root * delta + g,
                 why="γ_{d+4} dot product, measured ‖v_1‖ defect, projection cancellation",
                 norm_z=float(np.linalg.norm(z)))


claim(
    id="telgarsky2023.prop2.6.geodesic-identities",
    source=src("Proof of Proposition 2.6 (‖z_α‖ = 1 and point 2)", APP_B, 935),
    statement=r"v_0 = \frac{(I-v_1v_1^\top)u}{\|(I-v_1v_1^\top)u\|},\ z_\alpha = \alpha v_0 - \sqrt{1-\alpha^2}\,v_1"
              r" \implies \|z_\alpha\| = 1,\ \langle -v_1, z_\alpha\rangle = \sqrt{1-\alpha^2}\ (\alpha\in[0,1])",
    kind=Kind.IDENTITY,
    domain=Space(**(CONES.fields | {"alpha": Real(0.0, 1.0)})),
    predicate=p26_geodesic,
    mutants=(Mutant("v_0 = u (projection skipped)", params={"project": False}),
             Mutant("z_α = αv_0 + √(1−α²)v_1", params={"sign": 1.0})),
    note="The text prints z_α = αv_0 − √(1 − α²v_1) (parenthesis misplaced) and expands ‖z_α‖² "
         "with a −2α√(1−α²)⟨v_0, v_1⟩ term that orthogonality makes zero.",
)


def linear_kkt_network(X, u, m: int, *, balance: float = 1.0):
    """The width-m net whose nodes all equal (b·c, (c/b)·u), b = ``balance`` (b = 1: the balanced
    net of the proof of Proposition 2.6), scaled so that min_i p_i = m c² min_i uᵀx_i = 1.
    Every node is active on every x_i, so F(x; W) = m c² uᵀx there. Raises InputError when u has
    no positive margin on X (the data are not linearly separable by u)."""
    X = np.asarray(X, dtype=float)
    u = np.asarray(u, dtype=float) / np.linalg.norm(u)
    low = float(np.min(X @ u))
    if not low > 0:
        raise InputError(f"min_i uᵀx_i = {low:.3g} <= 0: no positive linear margin (Proposition 2.6 "
                         "needs S_1 ∪ S_2 ∪ {x'} linearly separable)")
    c = 1.0 / math.sqrt(m * low)
    return np.full(m, balance * c), np.tile(c / balance * u, (m, 1))


def kkt_residual(a, V, X, y):
    """(ρ, λ) for the margin problem min ½‖W‖² s.t. p_i(W) >= 1 at the direction of W (first
    rescaled, by 2-homogeneity, so that min_i p_i = 1): λ >= 0 solves the NNLS
    min ‖(W − Σ_i λ_i∇p_i(W), (λ_i(p_i(W) − 1)‖∇p_i(W)‖)_i)‖ (stationarity and complementary
    slackness in the units of W; σ'(0) = 0) and ρ is its value divided by ‖W‖. ρ = 0 exactly at
    a KKT point. Raises InputError unless min_i p_i > 0."""
    p = nets.margins(a, V, X, y)
    if not np.min(p) > 0:
        raise InputError(f"min_i p_i(W) = {np.min(p):.3g} <= 0: the margin problem has no feasible "
                         "rescaling of W")
    s = 1.0 / math.sqrt(float(np.min(p)))
    a, V = s * np.asarray(a, dtype=float), s * np.asarray(V, dtype=float)
    p = nets.margins(a, V, X, y)
    Ga, GV = nets.margin_gradients(a, V, X, y)
    G = np.hstack([Ga, GV.reshape(len(p), -1)]).T
    w = np.r_[a, V.ravel()]
    A = np.vstack([G, np.diag((p - 1.0) * np.linalg.norm(G, axis=0))])
    from scipy import optimize

    lam, rnorm = optimize.nnls(A, np.r_[w, np.zeros(len(p))])
    return float(rnorm) / float(np.linalg.norm(w)), lam


def p26_kkt(inst, *, rotate=0.0, balance=1.0):
    """Proposition 2.6.1 (l.269, argued at l.956): on S_1 ∪ S_2 ∪ {z_α} the net with all nodes
    equal to (c, c·u), u the linear max-margin direction, is a KKT point of the margin problem at
    every width: W = Σλ_i∇p_i(W), λ >= 0, λ_i = 0 off the support vectors (kkt_residual ρ = 0).
    Mutants: ``rotate`` tilts u by sin ρ = rotate·γ̂ (a direction with positive but not maximal
    margin), ``balance`` makes a_j = b·c, v_j = (c/b)u.

    Error model (for the max-margin net; a mutant is measured against the same tolerance): the
    entries of W, ∇p_i and Σλ_i∇p_i are K-term sums (K = nd + m(d+1) + 8) bounded by
    ‖λ‖₁‖∇p_i‖ <= ‖λ‖₁‖W‖, giving γ_K(2 + 2‖λ‖₁); complementary slackness costs
    λ_i|p_i − 1|‖∇p_i‖/‖W‖ <= λ_i(e/γ̂ + γ_{d+m+4}) on the support vectors, e the margin error of
    max_margin.least_distance_max_margin (‖∇p_i‖ <= ‖W‖ because ‖x_i‖ <= 1)."""
    S1, S2 = two_cones(inst)
    failed = cones_precondition(S1, S2)
    if failed:
        return failed
    gamma0, u0, v0, v1, v2 = construction(S1, S2)
    X = np.vstack([S1, S2, geodesic_point(v0, v1, inst.alpha)])
    y = np.ones(len(X))
    try:
        gamma, u, error = max_margin.least_distance_max_margin(X, y)
    except InputError as exc:
        return precondition_failed(str(exc))
    if gamma <= 1e-6:
        return precondition_failed("S_1 ∪ S_2 ∪ {z_α} has linear margin <= 1e-6 (α too small)", gamma=gamma)
    rho, lam = kkt_residual(*linear_kkt_network(X, u, inst.m), X, y)
    n, d = X.shape
    tol = (dot_error(n * d + inst.m * (d + 1) + 8) * (2 + 2 * float(lam.sum()))
           + float(np.linalg.norm(lam)) * (error / gamma + dot_error(d + inst.m + 4)))
    details = dict(gamma_hat=gamma, support=int(np.sum(lam > 1e-12 * lam.max())), multiplier_mass=float(lam.sum()))
    if rotate or balance != 1.0:
        if rotate:
            w = inst.rng("tilt").standard_normal(d)
            w -= (w @ u) * u
            w /= np.linalg.norm(w)
            sin = rotate * gamma
            u = math.sqrt(1.0 - sin * sin) * u + sin * w
        rho = kkt_residual(*linear_kkt_network(X, u, inst.m, balance=balance), X, y)[0]
    return at_most(rho, 0.0, tol=tol, why="rounding of the KKT system, γ_K(2 + 2‖λ‖₁), plus the "
                   "max-margin solve's margin error e: ‖λ‖₂(e/γ̂ + γ_{d+m+4})", **details)


KKT_SPACE = Space(**(CONES.replace(phi=Real(140.0, 175.0)).fields
                     | {"alpha": Real(0.05, 1.0), "m": Int(1, 8)}))


claim(
    id="telgarsky2023.prop2.6.kkt-point",
    source=src("Proposition 2.6.1 (KKT point argued at the end of its proof)", APP_B, 956),
    statement=r"W = \big((c, c\,u)\big)_{j\le m},\ \min_i p_i(W) = 1 \implies W = \sum_i\lambda_i\nabla p_i(W),"
              r"\ \lambda\ge0,\ \lambda_i(p_i(W)-1) = 0\ \ (u \text{ the max-margin direction of } "
              r"S_1\cup S_2\cup\{z_\alpha\})",
    kind=Kind.INEQUALITY,
    domain=KKT_SPACE,
    predicate=p26_kkt,
    mutants=(Mutant("u tilted off the max-margin direction (sin ρ = γ̂/2)", params={"rotate": 0.5}),
             Mutant("unbalanced nodes (2c, c·u/2)", params={"balance": 2.0})),
    note="With every uᵀx_i >= γ̂ > 0 the ReLU is inactive nowhere, ∇p_i = c(uᵀx_i·1, 1⊗x_i), and the "
         "conditions reduce to the linear SVM's u = Σλ_ix_i on the support vectors, for every m. A "
         "non-separable S_1 ∪ S_2 (e.g. {e_1}, {−e_1}) is a failed precondition here, and "
         "linear_kkt_network raises InputError on it.",
)
