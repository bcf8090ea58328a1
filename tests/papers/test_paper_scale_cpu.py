"""The gpu-tier claim arora2019.fig1a.paper-scale, exercised on CPU at a toy size.

The registered claim needs CUDA (it reports a precondition failure elsewhere); its body,
:func:`figure1a_at_scale`, takes the device as an argument, so its whole code path (synthetic data,
H∞ eigendecomposition on the device, batched GD, diagnostics, the four comparisons) runs here in a
second with n = 60, m = 40. Whether the orderings hold at that size is not asserted.
"""

from __future__ import annotations

import math

from checks.engine import RunContext
from theory.domains import Fixed, Seed, Space
from theory.evidence import Evidence
import theory.papers  # noqa: F401  (fills the registry)
from theory.claims import REGISTRY
from theory.papers.arora2019 import figures as arora2019

CPU = RunContext(device="cpu")
TOY = Space(n=Fixed(60), d=Fixed(20), m=Fixed(40), kappa=Fixed(0.01), steps=Fixed(15), seed=Seed())


def test_paper_scale_body_runs_on_cpu():
    inst = TOY.realize({"n": 60, "d": 20, "m": 40, "kappa": 0.01, "steps": 15, "seed": 3})
    out = arora2019.figure1a_at_scale(inst, device="cpu")
    assert len(out) == 4 and all(isinstance(e, Evidence) for e in out)
    assert all(math.isfinite(e.lhs) and math.isfinite(e.rhs) and e.precondition is None for e in out)
    info = out[0].details
    assert [s.name for s in out[0].series] == ["fig1a-paper-true", "fig1a-paper-random", "fig1a-paper-worst"]
    assert len(info["loss_over_n"]) == 3
    assert 0.0 <= info["top10_true"] <= 1.0 + 1e-12


def test_registered_claim_still_requires_cuda():
    claim = REGISTRY.get("arora2019.fig1a.paper-scale")
    assert claim.domain.fields["n"] == Fixed(10000)

    inst = TOY.realize({"n": 60, "d": 20, "m": 40, "kappa": 0.01, "steps": 15, "seed": 3})
    ev = arora2019.figure1a_paper_scale(inst, context=CPU)
    assert ev.precondition and "GPU" in ev.precondition


FIG2_TOY = Space(n=Fixed(80), n_test=Fixed(40), d=Fixed(30), m=Fixed(50), kappa=Fixed(0.01), steps=Fixed(10),
                 seed=Seed())


def test_figure2_paper_scale_body_runs_on_cpu():
    inst = FIG2_TOY.realize({"n": 80, "n_test": 40, "d": 30, "m": 50, "kappa": 0.01, "steps": 10, "seed": 1})
    out = arora2019.figure2_at_scale(inst, device="cpu")
    assert len(out) == 2 and all(isinstance(e, Evidence) for e in out)
    info = out[0].details
    assert info["n"] == 80 and len(info["complexity"]) == 5 and len(info["test_error"]) == 5
    assert all(math.isfinite(c) and c > 0 for c in info["complexity"])
    assert all(0.0 <= e <= 1.0 for e in info["test_error"])
    # the clean labels are the easiest: lowest complexity of the five
    assert info["complexity"][0] == min(info["complexity"])


def test_figure2_paper_scale_claim_requires_cuda():
    claim = REGISTRY.get("arora2019.fig2.paper-scale")
    assert claim.domain.fields["n"] == Fixed(10000) and claim.domain.fields["m"] == Fixed(10000)

    inst = FIG2_TOY.realize({"n": 80, "n_test": 40, "d": 30, "m": 50, "kappa": 0.01, "steps": 10, "seed": 1})
    ev = arora2019.figure2_paper_scale(inst, context=CPU)
    assert ev.precondition and "GPU" in ev.precondition


def test_homogeneity_parity_at_scale_body_runs_on_cpu():
    """homogeneity2025.thm1.2.parity-gd-at-scale (gpu tier) at a toy size: the whole path (cube
    sampling, the torch trainer, test errors, the odd-k floor comparison) on CPU in float64."""
    from theory.papers import homogeneity2025

    space = Space(d=Fixed(6), m=Fixed(64), n_max=Fixed(64), steps=Fixed(20), test=Fixed(400), seed=Seed())
    inst = space.realize({"d": 6, "m": 64, "n_max": 64, "steps": 20, "test": 400, "seed": 2})
    out = homogeneity2025.parity_at_scale(inst)
    assert len(out) == 2 and all(isinstance(e, Evidence) for e in out)
    errors = out[0].details["errors_by_n"]
    assert list(errors) == ["8", "16", "32", "64"] and all(0.0 <= e <= 1.0 for e in errors.values())
    assert out[0].details["device"] == "cpu" and 0.0 <= out[1].lhs <= 1.0


def test_telgarsky_no_rotation_literal_width_path_runs_on_cpu():
    """telgarsky2023.thm3.3.no-rotation-margin-d4-literal (gpu tier): the same predicate at a toy
    width on CPU (its device only decides where the cached pre-activations live)."""
    from theory.papers import telgarsky2023

    space = Space(d=Fixed(4), m=Fixed(64), steps=Fixed(30), seed=Seed())
    inst = space.realize({"d": 4, "m": 64, "steps": 30, "seed": 0})

    out = telgarsky2023.no_rotation_run(inst, context=CPU)
    assert len(out) == 3 and out[0].details["width"] == 64
    assert out[1].holds and out[2].holds          # the AM-GM ceiling and the exact balance |a| = |b|
    gated = telgarsky2023.no_rotation_run_on_gpu(inst, context=CPU)
    assert gated.precondition and "GPU" in gated.precondition
    literal = telgarsky2023.REGISTRY.get("telgarsky2023.thm3.3.no-rotation-margin-d4-literal")
    assert literal.domain.fields["d"] == Fixed(4) and literal.domain.fields["m"] == Fixed(0)
