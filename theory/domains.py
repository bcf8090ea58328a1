"""Instance spaces as data.

A claim's ``domain`` is a :class:`Space`: named fields, each a small spec (an integer range, a real
range, a finite choice, a seed, a point set on the unit sphere). A *recipe* is a JSON-able dict of
primitive values, one per field; :meth:`Space.realize` turns a recipe into an :class:`Instance`
deterministically, so a counterexample is reproduced from its recipe alone. Hypothesis strategies
for these specs live in :mod:`checks.strategies` (this module does not import Hypothesis);
:meth:`Space.sample` draws a recipe from a numpy Generator for the statistical kinds.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from theory.errors import InputError
from theory.data.sphere import GEOMETRIES, make_points

SEED_MAX = 2**32 - 1


def _range(value, name: str) -> tuple[int, int]:
    lo, hi = (value, value) if isinstance(value, int) else value
    if lo > hi:
        raise InputError(f"{name} range ({lo}, {hi}) is empty")
    return int(lo), int(hi)


class Spec:
    """One field of a space: how to sample a primitive value and how to realise it."""

    def sample(self, rng: np.random.Generator) -> Any:
        raise NotImplementedError(type(self).__name__)

    def realize(self, value: Any) -> Any:
        return value

    def check(self, value: Any, name: str) -> None:
        """Raise InputError when ``value`` is not a value of this spec (used when replaying)."""

    def size(self) -> int | None:
        """How many values this spec has, where there are few enough to try them all; None for a
        continuum or a set too large to exhaust (the default, also for field types of one's own)."""
        return None


@dataclass(frozen=True)
class Int(Spec):
    lo: int
    hi: int

    def sample(self, rng):
        return int(rng.integers(self.lo, self.hi + 1))

    def size(self):
        return self.hi - self.lo + 1

    def check(self, value, name):
        if isinstance(value, bool) or not isinstance(value, int) or not self.lo <= value <= self.hi:
            raise InputError(f"instance field {name!r} must be an integer in [{self.lo}, {self.hi}], got {value!r}")


@dataclass(frozen=True)
class Real(Spec):
    lo: float
    hi: float
    log: bool = False  # sample log-uniformly (both ends > 0)

    def sample(self, rng):
        if self.log:
            return float(math.exp(rng.uniform(math.log(self.lo), math.log(self.hi))))
        return float(rng.uniform(self.lo, self.hi))

    def check(self, value, name):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or not self.lo <= value <= self.hi:
            raise InputError(f"instance field {name!r} must be a real in [{self.lo}, {self.hi}], got {value!r}")


@dataclass(frozen=True)
class Choice(Spec):
    options: tuple

    def __init__(self, *options):
        if not options:
            raise InputError("Choice needs at least one option")
        object.__setattr__(self, "options", tuple(options))

    def sample(self, rng):
        return self.options[int(rng.integers(len(self.options)))]

    def size(self):
        return len(self.options)

    def check(self, value, name):
        if value not in self.options:
            raise InputError(f"instance field {name!r} must be one of {list(self.options)}, got {value!r}")


@dataclass(frozen=True)
class Fixed(Spec):
    value: Any

    def sample(self, rng):
        return self.value

    def size(self):
        return 1

    def check(self, value, name):
        if value != self.value:
            raise InputError(f"instance field {name!r} is fixed at {self.value!r}, got {value!r}")


@dataclass(frozen=True)
class Seed(Spec):
    """A seed for numpy/torch generators built inside the predicate."""

    def sample(self, rng):
        return int(rng.integers(0, SEED_MAX + 1))

    def check(self, value, name):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= SEED_MAX:
            raise InputError(f"instance field {name!r} must be a seed in [0, 2**32-1], got {value!r}")


@dataclass(frozen=True)
class Grid(Spec):
    """The abscissae of a scaling claim (the engine sweeps them; a recipe holds one of them)."""

    values: tuple

    def __init__(self, *values):
        if len(values) < 3:
            raise InputError("a scaling Grid needs at least 3 values to fit an exponent")
        if any(v <= 0 for v in values):
            raise InputError("Grid values must be positive (they are fitted on a log scale)")
        object.__setattr__(self, "values", tuple(values))

    def sample(self, rng):
        return self.values[int(rng.integers(len(self.values)))]

    def size(self):
        return len(self.values)

    def check(self, value, name):
        if value not in self.values:
            raise InputError(f"instance field {name!r} must be one of the grid {list(self.values)}, got {value!r}")


@dataclass(frozen=True)
class SpherePoints(Spec):
    """n points on the unit sphere S^{d-1} (rows of X), built by a named geometry from a seed.

    ``k`` is the geometry's own integer knob: clusters, antipodal pairs, the exponent of a
    near-parallel pair's angle 10^-k (see :func:`theory.data.sphere.make_points`).
    """

    n: int | tuple[int, int]
    d: int | tuple[int, int]
    geometries: tuple[str, ...] = ("gauss",)
    k: int | tuple[int, int] = (1, 4)

    def __post_init__(self):
        for g in self.geometries:
            if g not in GEOMETRIES:
                raise InputError(f"unknown geometry {g!r} (known: {', '.join(GEOMETRIES)})")
        _range(self.n, "n"), _range(self.d, "d"), _range(self.k, "k")

    @property
    def n_range(self):
        return _range(self.n, "n")

    @property
    def d_range(self):
        return _range(self.d, "d")

    @property
    def k_range(self):
        return _range(self.k, "k")

    def sample(self, rng):
        (nl, nh), (dl, dh), (kl, kh) = self.n_range, self.d_range, self.k_range
        return {
            "n": int(rng.integers(nl, nh + 1)),
            "d": int(rng.integers(dl, dh + 1)),
            "geometry": self.geometries[int(rng.integers(len(self.geometries)))],
            "k": int(rng.integers(kl, kh + 1)),
            "seed": int(rng.integers(0, SEED_MAX + 1)),
        }

    def realize(self, value):
        return make_points(value["n"], value["d"], value["geometry"], value["k"], value["seed"])

    def check(self, value, name):
        if not isinstance(value, dict) or set(value) != {"n", "d", "geometry", "k", "seed"}:
            raise InputError(f"instance field {name!r} must be a dict with keys n, d, geometry, k, seed")
        Int(*self.n_range).check(value["n"], f"{name}.n")
        Int(*self.d_range).check(value["d"], f"{name}.d")
        Int(*self.k_range).check(value["k"], f"{name}.k")
        Choice(*self.geometries).check(value["geometry"], f"{name}.geometry")
        Seed().check(value["seed"], f"{name}.seed")


class Instance:
    """A realised recipe: fields as attributes, plus :meth:`rng` for derived random objects."""

    def __init__(self, recipe: dict, values: dict):
        self.recipe = recipe
        self._values = values
        for k, v in values.items():
            setattr(self, k, v)

    def rng(self, label: str) -> np.random.Generator:
        """A numpy Generator determined by the recipe and ``label`` (same recipe, same numbers)."""
        digest = hashlib.sha256((canonical_json(self.recipe) + "|" + label).encode()).digest()
        return np.random.default_rng(int.from_bytes(digest[:8], "little"))

    def __repr__(self) -> str:
        return f"Instance({canonical_json(self.recipe)})"


def canonical_json(obj) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


class Space:
    """An ordered set of named fields (see the module docstring)."""

    def __init__(self, **fields: Spec):
        for name, spec in fields.items():
            if not isinstance(spec, Spec):
                raise InputError(f"domain field {name!r} must be a Spec, got {type(spec).__name__}")
        self.fields: dict[str, Spec] = dict(fields)

    def sample(self, rng: np.random.Generator) -> dict:
        return {name: spec.sample(rng) for name, spec in self.fields.items()}

    def realize(self, recipe: dict) -> Instance:
        return Instance(recipe, {name: spec.realize(recipe[name]) for name, spec in self.fields.items()})

    def check(self, recipe) -> None:
        """Raise InputError unless ``recipe`` is a valid recipe of this space."""
        if not isinstance(recipe, dict):
            raise InputError(f"an instance must be a JSON object, got {type(recipe).__name__}")
        missing = [k for k in self.fields if k not in recipe]
        extra = [k for k in recipe if k not in self.fields]
        if missing or extra:
            raise InputError(f"instance fields do not match the domain: missing {missing}, unexpected {extra}")
        for name, spec in self.fields.items():
            spec.check(recipe[name], name)

    def size(self) -> int | None:
        """How many distinct recipes the space holds, where every field is finite
        (:meth:`Spec.size`); None otherwise. A search that has tried that many has tried them all."""
        total = 1
        for spec in self.fields.values():
            n = spec.size()
            if n is None:
                return None
            total *= n
        return total

    def replace(self, **fields: Spec) -> "Space":
        """A copy with some fields replaced (used to build mutants)."""
        return Space(**{**self.fields, **fields})

    def grid_field(self) -> tuple[str, Grid] | None:
        for name, spec in self.fields.items():
            if isinstance(spec, Grid):
                return name, spec
        return None

    def __repr__(self) -> str:
        return f"Space({', '.join(f'{k}={v!r}' for k, v in self.fields.items())})"
