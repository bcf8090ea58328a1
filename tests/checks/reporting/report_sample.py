"""A small report with every kind of entry, shared by the report tests (not a test module)."""

from __future__ import annotations

import numpy as np

from checks.report import SCHEMA

SCRIPT = "<script>alert('x')</script>"
ERRATUM_ID = "toy2020.thm2.printed"
CORRECTED_ID = "toy2020.thm2.corrected"
IDENTITY_ID = "toy2020.lem1.identity"
PROBABILITY_ID = "toy2021.prop3.whp"
READING_ID = "toy2021.thm5.printed-reading"
URL = "https://arxiv.org/abs/2001.00001"


#: The audit of the erratum: an interval certificate that excludes the printed relation.
AUDIT = {"scope": "", "assumptions": [{"name": "unit-norm inputs", "cite": "Section 2", "holds": True,
                                       "reason": None}],
         "certificate": {"method": "mpmath interval arithmetic", "relation": "<=",
                         "lhs_minus_rhs": [0.4999, 0.5001], "excludes_relation": True, "detail": ""},
         "confidence": None, "objection": None}


def _claim(cid: str, **fields) -> dict:
    """A claim entry with every schema field, overridden by ``fields``."""
    paper = cid.split(".")[0]
    base = {
        "id": cid,
        "paper": paper,
        "result": "Lemma 1",
        "kind": "identity",
        "tier": "quick",
        "status": "holds",
        "expected_verdict": "verified",
        "verdict": "verified",
        "as_declared": True,
        "message": "all instances within tolerance",
        "statement": r"\|K\|_2 \le n",
        "corrected_by": None,
        "corrects": None,
        "source": {"paper": paper, "citation": "A. Author, B. Author (2020). A toy paper. arXiv:2001.00001",
                   "url": URL, "result": "Lemma 1", "section": "3.1", "line": 120},
        "instances": 50,
        "preconditions_violated": 0,
        "precondition_reasons": {},
        "worst_slack": 0.5,
        "worst_instance": {"n": 3, "d": 2},
        "tolerance": {"value": 1e-12, "source": "float64 round-off of an n x n Gram matrix"},
        "slacks": [0.5, 0.7, 0.9, 1.0],
        "tightness": {"ratio": 0.5, "detectable_change": 0.5, "instance": {"n": 3, "d": 2},
                      "lhs": 1.0, "rhs": 2.0, "relation": "<="},
        "unable_to_fail": False,
        "counterexample": None,
        "audit": None,
        "fit": None,
        "probability": None,
        "diagnostics": [],
        "mutants": [],
        "wall_s": 0.12,
    }
    base.update(fields)
    return base


def make_report(run_id: str = "run-0001") -> dict:
    """A small report covering a verified identity, an erratum with its correction (a scaling fit),
    a probability claim, non-finite floats, numpy scalars and mutants."""
    counterexample = {
        "instance": {"n": 4, "d": 2, "seed": 7},
        "lhs": 2.5,
        "rhs": 2.0,
        "relation": "<=",
        "slack": -0.25,
        "details": {"eigenvalues": [1.0, float("nan")]},
        "reproduce": f"theorycheck check {ERRATUM_ID} --seed 7 --instance n=4,d=2",
    }
    xs = [10.0, 20.0, 40.0, 80.0, 160.0]
    reading_cex = {**counterexample, "reproduce": f"theorycheck replay {READING_ID} --instance '{{}}'"}
    claims = [
        _claim(
            IDENTITY_ID,
            slacks=[0.2, float("nan"), float("inf"), 0.4, 0.9, -0.0],
            message="nan",  # a text field that must stay a string
            diagnostics=[{
                "name": "residual", "title": "Residual against n", "x": [1, 2, 4, 8], "y": [1e-16, 2e-16, 0.0, 4e-16],
                "xlabel": "$n$", "ylabel": "residual", "logx": True, "logy": True,
                "reference": {"label": "machine epsilon", "x": [1, 8], "y": [2.2e-16, 2.2e-16]},
            }],
            mutants=[
                {"name": "drop-factor-2", "verdict": "refuted", "killed": True, "message": "9930 <= 5.64 fails & more",
                 "counterexample": counterexample},
                {"name": "loosen-by-1e-9", "verdict": "verified", "killed": False, "message": "too small to see",
                 "counterexample": None},
            ],
        ),
        _claim(
            ERRATUM_ID,
            result="Theorem 2",
            kind="inequality",
            status="erratum",
            expected_verdict="erratum-confirmed",
            verdict="erratum-confirmed",
            statement=r"\lambda_{\min}(K) \ge \frac{1}{n} " + SCRIPT,
            message=f"counterexample found {SCRIPT}",
            corrected_by=CORRECTED_ID,
            worst_slack=-0.25,
            worst_instance=counterexample["instance"],
            slacks=[-0.25, 0.1, 0.3],
            counterexample=counterexample,
            error_class="statement",
            tightness={"ratio": 1.25, "detectable_change": -0.25, "instance": counterexample["instance"],
                       "lhs": 2.5, "rhs": 2.0, "relation": "<="},
            audit=AUDIT,
            mutants=[{"name": "flip-inequality", "verdict": "refuted", "killed": True, "message": "refuted",
                      "counterexample": None}],
        ),
        _claim(
            CORRECTED_ID,
            result="Theorem 2 (corrected)",
            kind="scaling",
            corrects=ERRATUM_ID,
            statement=r"\lambda_{\min}(K) \asymp n^{-2}",
            slacks=[],
            worst_slack=None,
            fit={"x_name": "n", "y_name": "lambda_min", "x": xs, "y": [3.0 * x ** -2.0 for x in xs],
                 "exponent": -2.01, "intercept": 1.1, "ci": [-2.1, -1.9], "expected": -2.0,
                 "accept": [-2.2, -1.8], "confidence": 0.95},
        ),
        _claim(
            PROBABILITY_ID,
            paper="toy2021",
            result="Proposition 3",
            kind="probability",
            tier="standard",
            instances=np.int64(200),
            worst_slack=float("nan"),
            tolerance={"value": None, "source": "exact binomial test"},
            probability={"trials": 200, "successes": 190, "frequency": 0.95, "ci": [0.91, 0.975],
                         "claimed_at_least": 0.9, "confidence": 0.95},
            slacks=np.array([0.1, 0.2, -np.inf]),
            wall_s=np.float64(1.5),
        ),
        _claim(
            READING_ID,
            paper="toy2021",
            result="Theorem 5 (as we read it)",
            kind="inequality",
            status="reading",
            expected_verdict="finding-confirmed",
            verdict="finding-confirmed",
            statement=r"\sum_{i=1}^n a_i \le \sqrt{n}\,\|a\|_2",
            counterexample=reading_cex,
            worst_slack=-0.1,
            wall_s=9.5,
        ),
    ]
    return {
        "schema": SCHEMA,
        "run": {
            "id": run_id, "seed": 0, "profile": "quick", "device": "cpu", "dtype": "float64",
            "started": "2024-01-01T00:00:00+00:00", "finished": "2024-01-01T00:00:03+00:00", "wall_s": 3.0,
            "selection": {"papers": ["toy2020", "toy2021"], "claims": None},
            "versions": {"theorycheck": "0.1.0", "python": "3.11", "numpy": np.__version__, "scipy": "1",
                         "torch": None, "hypothesis": "6", "platform": "linux"},
            "command": "theorycheck run --profile quick",
        },
        "summary": {
            "claims": 5, "as_declared": 5, "unexpected": [],
            "verdicts": {"verified": 3, "erratum-confirmed": 1, "finding-confirmed": 1},
            "errata_by_class": {"statement": 1},
            "mutants": {"total": 3, "refuted": 2, "survivors": [f"{IDENTITY_ID} :: loosen-by-1e-9"]},
        },
        "claims": claims,
        "errata": [{
            "id": ERRATUM_ID, "result": "Theorem 2", "statement": claims[1]["statement"],
            "counterexample": counterexample, "corrected_by": CORRECTED_ID,
            "corrected_statement": claims[2]["statement"], "corrected_verdict": "verified",
            "verdict": "erratum-confirmed", "error_class": "statement", "audit": AUDIT,
        }],
        "findings": [{
            "id": READING_ID, "result": "Theorem 5 (as we read it)", "statement": claims[4]["statement"],
            "verdict": "finding-confirmed", "counterexample": reading_cex, "corrected_by": None,
            "corrected_statement": None, "corrected_verdict": "not run", "note": "ambiguous index range",
            "audit": None, "status": "reading",
        }],
        "not_checkable": [{"paper": "toy2021", "result": "Theorem 5",
                           "reason": "an existence statement with no constructive witness"}],
        "decisions": [{"paper": "toy2020", "result": "Lemma 7", "flag": "catalogue says erratum",
                       "decision": "holds", "reason": "the paper's footnote restricts n >= 2",
                       "claims": [IDENTITY_ID]}],
    }


