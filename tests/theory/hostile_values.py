"""Hostile values for the table of tests/theory/test_hostile_helpers.py: how to corrupt an argument
(:class:`Kind` and its builders) and valid data to corrupt (small, seeded instances)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
from hypothesis import strategies as st

from theory.data import sphere
from theory.dynamics import mean_field
from theory.margins import ntk_margin
from theory.nets import normalized as normalized_nets


HUGE = 10**12          # a size no function should try to allocate or loop over
SPECIALS = (math.nan, math.inf, -math.inf)


# -- how to corrupt an argument ------------------------------------------------------------------

def _put(valid, index, value):
    A = np.array(valid, dtype=np.float64)
    A.flat[index] = value
    return A


def _inject(valid, values=SPECIALS):
    """A copy of the array ``valid`` with one entry (drawn) replaced by one of ``values``."""
    size = np.asarray(valid).size
    return st.tuples(st.integers(0, size - 1), st.sampled_from(values)).map(
        lambda t: _put(valid, *t))


@dataclass(frozen=True)
class Kind:
    """Hostile values for one argument: ``fixed(valid)`` lists them, ``inject`` adds entry-wise
    corruptions of the valid array. ``mismatch`` lists labels of values whose error may name a
    different argument (a shape that only conflicts with another argument)."""

    fixed: Callable[[object], dict]
    inject: tuple = ()
    mismatch: frozenset = frozenset()

    def strategy(self, valid):
        fixed = self.fixed(valid)
        out = st.sampled_from(sorted(fixed.items(), key=lambda kv: kv[0]))
        if self.inject:
            out = out | _inject(valid, self.inject).map(lambda v: ("inject", v))
        return out


def matrix(*extra, skip=()):
    """A 2-D float array; ``extra``: "huge" (entries 1e300 must be refused), "unit" (rows off the
    sphere refused), "ball" (rows of norm > 1 refused), "square", "symmetric", "columns" (a
    column count that conflicts with another argument)."""
    def fixed(v):
        v = np.asarray(v, dtype=np.float64)
        out = {"none": None, "text": "X", "ragged": [[1.0, 0.0], [1.0]], "1-D": v[0].copy(),
               "3-D": v[None].copy(), "scalar": np.float64(1.0), "no-rows": np.zeros((0, v.shape[1])),
               "no-cols": np.zeros((v.shape[0], 0)), "complex": v + 1j, "object": np.array([[None]])}
        if "huge" in extra:
            out["huge"] = np.full_like(v, 1e308)
        if "unit" in extra or "ball" in extra:
            out["off-sphere"] = 3.0 * v
        if "square" in extra:
            out["not-square"] = np.ones((v.shape[0], v.shape[1] + 1))
        if "symmetric" in extra:
            w = v.copy()
            w[0, -1] += 1.0
            out["asymmetric"] = w
        if "columns" in extra:
            out["columns"] = np.hstack([v, v])
        for k in skip:
            out.pop(k)
        return out
    return Kind(fixed, SPECIALS, frozenset({"columns", "not-square"}))


def vector(*extra, skip=()):
    """A 1-D float array; ``extra``: "nonempty", "labels" (±1), "positive" (> 0), "length"
    (a length that conflicts with another argument), "unit" (norm 1), "cosine" (|t| <= 1)."""
    def fixed(v):
        v = np.asarray(v, dtype=np.float64)
        out = {"none": None, "text": "y", "ragged": [[1.0], [1.0, 2.0]], "2-D": v[None, :].copy(),
               "scalar": np.float64(1.0), "complex": v + 1j, "object": np.array([None])}
        if "nonempty" in extra:
            out["empty"] = np.zeros(0)
        if "labels" in extra:
            out["not-label"] = _put(v, 0, 0.5)
        if "positive" in extra:
            out["negative"] = _put(v, 0, -1.0)
            out["zero"] = _put(v, 0, 0.0)
        if "length" in extra:
            out["length"] = np.concatenate([v, v])
        if "unit" in extra:
            out["not-unit"] = 2.0 * v
        for k in skip:
            out.pop(k)
        return out
    return Kind(fixed, SPECIALS, frozenset({"length"}))


def array(*extra):
    """An elementwise argument (scalar or any shape): "nonempty", "positive", "cosine", "angle"."""
    def fixed(v):
        out = {"none": None, "text": "t", "ragged": [[1.0], [1.0, 2.0]], "object": np.array([None]),
               "complex": np.asarray(v) + 1j}
        if "nonempty" in extra:
            out["empty"] = np.zeros(0)
        if "positive" in extra:
            out["negative"] = -1.0
            out["zero"] = 0.0
        if "nonnegative" in extra:
            out["negative"] = -1.0
        if "cosine" in extra:
            out["big"] = 1e300
        if "angle" in extra:
            out["big"] = 4.0
            out["negative"] = -1.0
        if "radius" in extra:
            out["big"] = 3.0
        return out
    return Kind(fixed, SPECIALS)


def integer(minimum=1, *, cap=False, maximum=None):
    """An int >= ``minimum``; ``cap``: huge values (10^12 and 10^400) must be refused quickly
    (``cap="enormous"``: only 10^400); ``maximum``: the value above it must be refused."""
    def fixed(v):
        out = {"none": None, "text": "3", "fraction": 1.5, "nan": math.nan, "bool": True,
               "array": np.array([3, 4]), "below": minimum - 1, "negative": -7}
        if cap:
            out["enormous"] = 10**400
        if cap is True:
            out["huge"] = HUGE
        if maximum is not None:
            out["above"] = maximum + 1
        return out
    return Kind(fixed)


def real(*, lo=None, lo_open=False, hi=None, extra=()):
    """A finite real (``lo``/``hi`` bounds); ``extra`` adds named bad values."""
    def fixed(v):
        out = {"none": None, "text": "1", "nan": math.nan, "inf": math.inf, "-inf": -math.inf,
               "array": np.array([1.0, 2.0]), "complex": 1j}
        if lo is not None:
            out["below"] = lo - 1.0
            if lo_open:
                out["at-lo"] = lo
        if hi is not None:
            out["above"] = hi + 1.0
        out.update(dict(extra))
        return out
    return Kind(fixed)


def choice():
    return Kind(lambda v: {"unknown": "nope", "none": None, "int": 3, "array": np.array(["a", "b"]),
                           "bytes": b"x"})


def generator():
    return Kind(lambda v: {"none": None, "seed": 0, "text": "rng", "legacy": np.random.RandomState(0),
                           "torch": torch.Generator()})


def torch_generator():
    return Kind(lambda v: {"none": None, "seed": 0, "numpy": np.random.default_rng(0)})


def seed():
    return Kind(lambda v: {"negative": -1, "fraction": 1.5, "text": "s", "none": None, "bool": True})


def tensor(ndim, *, float64=True, finite=False):
    def fixed(v):
        out = {"numpy": v.detach().numpy().copy(), "none": None, "list": v.tolist(),
               "rank": v[None], "int": v.to(torch.int64)}
        if float64:
            out["float32"] = v.to(torch.float32)
        if finite:
            w = v.clone()
            w.view(-1)[0] = math.nan
            out["nan"] = w
        return out
    return Kind(fixed)


def callable_(*extra: tuple[str, object]):
    return Kind(lambda v: {"none": None, "int": 3, "text": "f", **dict(extra)})


def other(**values):
    """Argument-specific hostile values."""
    return Kind(lambda v: dict(values))


# -- valid data -----------------------------------------------------------------------------------

def _rng(seed=0):
    return np.random.default_rng(seed)


def points(n=6, d=3, seed=1):
    return sphere.make_points(n, d, "gauss", 1, seed)


def labels(n=6, seed=2):
    return _rng(seed).choice([-1.0, 1.0], size=n)


def net(m=4, d=3, seed=3):
    r = _rng(seed)
    return r.standard_normal(m), r.standard_normal((m, d)) / math.sqrt(d)


def spd(n=4, seed=4):
    G = _rng(seed).standard_normal((n, n))
    return G @ G.T + n * np.eye(n)


def positive(n=4, seed=5):
    return _rng(seed).uniform(0.5, 2.0, n)


def tdata(n=5, d=3, m=4, seed=6):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, d, generator=g, dtype=torch.float64)
    return X / X.norm(dim=1, keepdim=True), normalized_nets.init_shallow(d, m, g)


def separable(n=6, d=3, seed=7):
    X = points(n, d, seed)
    return X, np.where(X[:, 0] >= 0, 1.0, -1.0)


def problem_and_rho(seed=8, M=5):
    r = _rng(seed)
    X, y = r.standard_normal((4, 2)), np.array([1.0, -1.0, 1.0, -1.0])
    return mean_field.Problem(X, y, 0.1), mean_field.Particles(r.standard_normal((M, 3)), np.full(M, 1 / M))


def theta_inner():
    return ntk_margin.inner_sign_transport(np.array([1.0, 0.0, 0.0]))


def bad_transports():
    return {"shape": lambda a, V: (np.zeros(len(a) + 1), np.zeros_like(V)),
            "nan": lambda a, V: (np.full_like(a, math.nan), np.zeros_like(V)),
            "single": lambda a, V: np.zeros_like(a)}


def gv(k, u):
    return np.zeros_like(u), 0.0, 0.0


def deep_params():
    return normalized_nets.init_deep(3, 4, torch.Generator().manual_seed(9))


def deep_bad():
    p = deep_params()
    return {"none": None, "empty": {}, "numpy": {k: v.numpy() for k, v in p.items()},
            "shape": {**p, "W1": torch.zeros(4, 5, dtype=torch.float64)},
            "float32": {k: v.float() for k, v in p.items()}, "list": list(p.values())}
