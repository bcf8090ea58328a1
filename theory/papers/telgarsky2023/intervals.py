"""Interval arithmetic for the two-layer ReLU network of Telgarsky (2023), Section 1.2, used by the
certificates of its errata (issue 13): every float of a counterexample is taken as the exact number
it is, and margins, losses' slopes and gradient-flow velocities are re-evaluated in mpmath's ``iv``
context (rigorous outward rounding, see :mod:`theory.claims.certificates`).

A ReLU whose argument's enclosure contains 0 has no decided slope; :class:`Undecided` is raised and
the caller returns a certificate that excludes nothing (so the accusation is not made on it).

Hand-written because no interval library ships a ReLU network; the networks certified here are
small (n, m, d <= 60), so plain lists of ``mpmath.iv.mpf`` are fast enough (well under a second).
"""

from __future__ import annotations

import math
from typing import Sequence

from theory import losses
from theory.claims.certificates import Certificate, iv


class Undecided(ValueError):
    """A sign the certificate needs is not decided by the enclosure (e.g. a ReLU argument ∋ 0)."""


def undecided(relation: str, why: str) -> Certificate:
    """A certificate that excludes no relation (the float counterexample is then not accepted)."""
    return Certificate("mpmath interval arithmetic", relation, -math.inf, math.inf,
                       f"undecided: {why}")


def vector(x) -> list:
    return [iv(float(v)) for v in x]


def matrix(A) -> list[list]:
    return [vector(row) for row in A]


def dot(u: Sequence, v: Sequence):
    total = iv(0)
    for a, b in zip(u, v):
        total = total + a * b
    return total


def positive(z) -> bool:
    """Whether z > 0 (True), z < 0 or z = 0 exactly (False); raises Undecided otherwise."""
    if z.a > 0:
        return True
    if z.b < 0 or (z.a == 0 and z.b == 0):
        return False
    raise Undecided(f"a sign is undecided: the enclosure [{float(z.a):.3g}, {float(z.b):.3g}] contains 0")


def relu(z):
    return z if positive(z) else iv(0)


def relu_slope(z) -> int:
    """σ'(z) ∈ {0, 1} at a decided z ≠ 0 (at z = 0 exactly: 0, the convention of theory.nets.two_layer_relu)."""
    return 1 if positive(z) else 0


def margins(a, V, X, y) -> list:
    """p_i = y_i Σ_j a_j σ(v_jᵀx_i) (lists of intervals in, list out)."""
    return [yi * sum((aj * relu(dot(vj, xi)) for aj, vj in zip(a, V)), iv(0)) for xi, yi in zip(X, y)]


def gf_velocity(a, V, X, y, loss: str):
    """Ẇ = −∇R̂(W) = (1/n)Σ_i |ℓ'(p_i)| y_i ∇F(x_i; W) at a point where every ReLU is decided."""
    n, m, d = len(X), len(a), len(X[0])
    p = margins(a, V, X, y)
    weights = [losses.neg_derivative_interval(pi, loss) * yi / n for pi, yi in zip(p, y)]
    va = [iv(0)] * m
    vV = [[iv(0)] * d for _ in range(m)]
    for xi, wi in zip(X, weights):
        for j in range(m):
            z = dot(V[j], xi)
            va[j] = va[j] + wi * relu(z)
            if relu_slope(z):
                vV[j] = [vV[j][k] + wi * a[j] * xi[k] for k in range(d)]
    return va, vV, p


def margin_gradient(a, V, x, y):
    """∇_W p(x, y; W) = y(σ(Vx), a_jσ'(v_jᵀx)x) at a point where every ReLU is decided."""
    ga, gV = [], []
    for aj, vj in zip(a, V):
        z = dot(vj, x)
        ga.append(y * relu(z))
        gV.append([y * aj * xk * relu_slope(z) for xk in x])
    return ga, gV


def pairing(ua, uV, wa, wV):
    """⟨(ua, uV), (wa, wV)⟩."""
    return dot(ua, wa) + sum((dot(r, s) for r, s in zip(uV, wV)), iv(0))
