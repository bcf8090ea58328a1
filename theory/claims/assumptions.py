"""Standing assumptions shared by several papers, as :class:`~theory.claims.record.Assumption`
checks (a paper's record lists the ones it makes, with where it states them).

Each check returns ``None`` when the objects satisfy the assumption and a one-line reason when
they do not. Tolerances are float64 rounding of the quantity checked (a unit-norm row built in
float64 is off the sphere by a few ulp, never by 1e-12).
"""

from __future__ import annotations

import numpy as np

from theory.claims.record import Assumption

#: relative tolerance for "‖x‖ = 1" of a float64 row: a few hundred ulp covers any normalisation
UNIT_NORM_RTOL = 256 * np.finfo(np.float64).eps


def _rows(X) -> np.ndarray:
    A = np.asarray(X, dtype=np.float64)
    return A.reshape(1, -1) if A.ndim == 1 else A


def unit_norm_rows(X) -> str | None:
    norms = np.linalg.norm(_rows(X), axis=1)
    worst = float(np.max(np.abs(norms - 1.0))) if norms.size else 0.0
    if worst > UNIT_NORM_RTOL:
        return f"an input has norm {norms[np.argmax(np.abs(norms - 1.0))]:.6g}, not 1"
    return None


def norm_at_most_one(X) -> str | None:
    norms = np.linalg.norm(_rows(X), axis=1)
    if norms.size and float(norms.max()) > 1.0 + UNIT_NORM_RTOL:
        return f"an input has norm {float(norms.max()):.6g} > 1"
    return None


def labels_bounded(y) -> str | None:
    y = np.asarray(y, dtype=np.float64).ravel()
    if y.size and float(np.max(np.abs(y))) > 1.0 + UNIT_NORM_RTOL:
        return f"a label has |y| = {float(np.max(np.abs(y))):.6g} > 1"
    return None


def binary_labels(y) -> str | None:
    y = np.asarray(y, dtype=np.float64).ravel()
    bad = y[(y != 1.0) & (y != -1.0)]
    return f"a label is {bad[0]:.6g}, not ±1" if bad.size else None


def unit_sphere_inputs(cite: str = "", reads: str = "X") -> Assumption:
    return Assumption("inputs on the unit sphere (‖x_i‖ = 1)", (reads,),
                      lambda **kw: unit_norm_rows(kw[reads]), cite)


def inputs_in_unit_ball(cite: str = "", reads: str = "X") -> Assumption:
    return Assumption("inputs in the unit ball (‖x_i‖ ≤ 1)", (reads,),
                      lambda **kw: norm_at_most_one(kw[reads]), cite)


def bounded_labels(cite: str = "", reads: str = "y") -> Assumption:
    return Assumption("bounded labels (|y_i| ≤ 1)", (reads,), lambda **kw: labels_bounded(kw[reads]), cite)


def sign_labels(cite: str = "", reads: str = "y") -> Assumption:
    return Assumption("binary labels (y_i ∈ {±1})", (reads,), lambda **kw: binary_labels(kw[reads]), cite)
