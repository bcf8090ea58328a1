"""Hypothesis fuzzes the core objects, the CLI's arguments and corrupted reports with malformed
data: only documented exceptions (InputError / ReportError / UnknownNameError), with messages
naming the problem; never a traceback from inside numpy, never a silent pass."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.cli import main
from checks.report import load_report
from theory import linalg
from theory.kernels import hinf as kernels
from theory.errors import InputError, ReportError, TheorycheckError
from theory.data.sphere import make_points, min_angle, normalize_rows
from theory.data.targets import monomial_labels, quadratic_labels

SPECIAL = [math.nan, math.inf, -math.inf, 1e308, -1e308, 0.0, 5e-324]


@st.composite
def hostile_matrices(draw):
    """Arrays a user might pass by mistake: wrong rank, empty, NaN/inf, huge, off the sphere."""
    kind = draw(st.sampled_from(["special", "rank", "empty", "nonunit", "zero-row", "ragged", "text"]))
    n, d = draw(st.integers(1, 6)), draw(st.integers(2, 5))
    X = make_points(n, d, "gauss", 1, draw(st.integers(0, 2**32 - 1)))
    if kind == "special":
        X[draw(st.integers(0, n - 1)), draw(st.integers(0, d - 1))] = draw(st.sampled_from(SPECIAL[:5]))
        return X
    if kind == "rank":
        return draw(st.sampled_from([X[0], X[None], np.float64(1.0)]))
    if kind == "empty":
        return draw(st.sampled_from([np.zeros((0, d)), np.zeros((n, 0)), []]))
    if kind == "nonunit":
        return X * draw(st.floats(1.01, 1e6))
    if kind == "zero-row":
        X[0] = 0.0
        return X
    if kind == "ragged":
        return [[1.0, 0.0], [1.0]]
    return "X"


UNIT_ROW_FUNCTIONS = [kernels.hinf, kernels.pairwise_angles, kernels.coactivation_probability,
                      kernels.hinf_arcsin_form, lambda X: kernels.hinf_series(X, 5),
                      lambda X: kernels.hinf_monte_carlo(X, 10, np.random.default_rng(0))]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_matrices(), st.sampled_from(range(len(UNIT_ROW_FUNCTIONS))))
def test_kernels_refuse_malformed_points_with_a_named_error(X, which):
    with pytest.raises(InputError) as info:
        UNIT_ROW_FUNCTIONS[which](X)
    assert "X" in str(info.value) and "\n" not in str(info.value)


@settings(max_examples=100, deadline=None)
@given(hostile_matrices())
def test_linalg_and_geometry_never_leak_numpy_errors(X):
    for call in (lambda: linalg.lambda_min(X), lambda: linalg.psd_quadratic_inverse(X, np.ones(3)),
                 lambda: normalize_rows(X), lambda: min_angle(X, antipodal=True)):
        try:
            result = call()
        except TheorycheckError as exc:
            assert str(exc) and "\n" not in str(exc)
        else:  # a result on malformed input must not hide a NaN (no silent pass)
            values = result if not hasattr(result, "q") else [result.q]
            assert not np.any(np.isnan(np.asarray(values, dtype=float)))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([math.nan, math.inf, "a", None, [1.0, 2.0]]), st.integers(-3, 0))
def test_labels_reject_bad_scalars(alpha, p):
    X = make_points(4, 3, seed=0)
    with pytest.raises(InputError):
        monomial_labels(X, alpha, np.ones(3), 1)
    with pytest.raises(InputError):
        monomial_labels(X, 1.0, np.ones(3), p)
    with pytest.raises(InputError):
        quadratic_labels(X, np.full((3, 3), alpha if isinstance(alpha, float) else math.nan))


# -- the CLI ------------------------------------------------------------------------------------

WORDS = st.sampled_from(["list", "show", "diff", "replay", "run", "mutants", "--json", "--paper",
                         "--claim", "--profile", "--seed", "--device", "--instance", "--mutant",
                         "arora2019", "nobody", "arora2019.nope.x", "-1", "1e9", "{", "{}", "nan",
                         "fastest", "tpu", "", " ", "--out"])


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, min_size=1, max_size=5))
def test_cli_arguments_never_crash(capsys, argv):
    if argv[0] in ("run", "mutants"):  # keep the search cheap: make them fail before any work
        argv = argv + ["--profile", "fastest"]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own usage errors (exit 2)
        code = exc.code
    captured = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "Traceback" not in captured.err


@pytest.fixture(scope="module")
def valid_report_text(tmp_path_factory):
    out = tmp_path_factory.mktemp("r")
    assert main(["run", "--claim", "arora2019.ex6.2.printed-nuclear-norm", "--out", str(out),
                 "--no-figures"]) == 0
    return (out / "latest" / "report.json").read_text()


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                           | st.text(max_size=5), lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_corrupted_reports_get_a_report_error(valid_report_text, tmp_path_factory, data):
    how = data.draw(st.sampled_from(["truncate", "replace-value", "drop-key", "garbage"]))
    text = valid_report_text
    if how == "truncate":
        text = text[: data.draw(st.integers(0, len(text) - 2))]
    elif how == "garbage":
        text = data.draw(st.text(max_size=50))
    else:
        report = json.loads(text)
        path = data.draw(st.sampled_from([("schema",), ("run",), ("claims",), ("summary",),
                                          ("claims", 0), ("claims", 0, "verdict"), ("claims", 0, "id"),
                                          ("run", "id")]))
        parent = report
        for key in path[:-1]:
            parent = parent[key]
        if how == "drop-key" and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(JSON_VALUES)
        text = json.dumps(report)
    target = tmp_path_factory.mktemp("bad") / "report.json"
    target.write_text(text)
    try:
        load_report(target)
    except ReportError as exc:
        assert str(target) in str(exc) or "report" in str(exc)
        assert main(["diff", str(target), str(target)]) == 2
