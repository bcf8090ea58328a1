"""Certificates of the Telgarsky (2023) errata and the paper's standing assumptions: the interval
network evaluator decides ReLU signs or refuses, the certificates exclude the printed relation on
the witnesses the notes cite, and the cone-partition assumption rejects an example in no cone."""

from __future__ import annotations

import numpy as np
import pytest

from theory.bibliography import TELGARSKY2023, nc_cone_partition
from theory.claims import REGISTRY
from theory.claims.certificates import interval_precision, iv
from theory.papers.telgarsky2023 import intervals as ivnet

import theory.papers  # noqa: F401  (fills the registry)


def test_interval_relu_refuses_an_undecided_sign():
    with interval_precision():
        assert ivnet.relu(iv(0.5)) == iv(0.5)
        assert ivnet.relu_slope(iv(-0.5)) == 0
        straddling = iv(1.0) - iv(1.0) + iv(0.1) - iv(0.1) + (iv(1) / 3 - iv(1) / 3)
        if straddling.a < 0 < straddling.b:
            with pytest.raises(ivnet.Undecided):
                ivnet.relu(straddling)


def test_interval_margins_match_float_margins():
    rng = np.random.default_rng(0)
    a, V, X = rng.standard_normal(3), rng.standard_normal((3, 2)), rng.standard_normal((4, 2))
    y = np.array([1.0, -1.0, 1.0, -1.0])
    with interval_precision():
        p = ivnet.margins(ivnet.vector(a), ivnet.matrix(V), ivnet.matrix(X), ivnet.vector(y))
    exact = y * (np.maximum(X @ V.T, 0.0) @ a)
    for pi, fi in zip(p, exact):
        assert float(pi.a) <= fi + 1e-12 and fi - 1e-12 <= float(pi.b)


def test_cone_partition_accepts_the_brief_witness_and_rejects_an_example_in_no_cone():
    X = np.array([[1.0, 0.0], [0.5, 0.0]])
    y = np.array([1.0, -1.0])
    assert nc_cone_partition(X, y, np.array([[1.0, 0.0], [-1.0, 0.0]]), 0.5, 0.4) is None
    assert "no cone" in nc_cone_partition(X, y, np.array([[1.0, 0.0]]), 1.0, 0.4)
    assert "ε" in nc_cone_partition(X, y, np.array([[1.0, 0.0]]), 0.5, 0.6)


def test_the_paper_declares_its_standing_assumptions():
    names = {a.name for a in TELGARSKY2023.assumptions}
    assert any("unit ball" in n for n in names) and any("±1" in n for n in names)
    assert any("cones" in n for n in names)


@pytest.mark.parametrize("claim_id,recipe", [
    ("telgarsky2023.lemB.2.slope-threshold-printed", {"s": 0.125}),
    ("telgarsky2023.lem2.3.radius-printed", {"r": 1.0, "u": 1.0}),
    ("telgarsky2023.lem2.4.width-printed", {"gamma": 0.5, "log_n_over_delta": 3.0, "factor": 1.0}),
])
def test_certificates_exclude_the_printed_relation_on_the_cited_witnesses(claim_id, recipe):
    claim = REGISTRY.get(claim_id)
    inst = claim.domain.realize(recipe)
    cert = claim.certify(inst, **dict(claim.params))
    assert cert.excludes_relation, cert


def test_a_certificate_does_not_accept_an_instance_where_the_printed_form_holds():
    claim = REGISTRY.get("telgarsky2023.lem2.3.radius-printed")
    inst = claim.domain.realize({"r": 3.0, "u": 0.7})      # x = 0.7(3 + √11) ≈ 4.42 <= 2r = 6
    assert not claim.certify(inst, **dict(claim.params)).excludes_relation
