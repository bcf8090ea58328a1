"""Memo caches owned by the engine: a predicate's expensive intermediate (a training trajectory
shared by the checks of one claim) is computed once per claim check, never carried from one claim
to the next.

A paper module declares the cache with :func:`memoized`; the engine calls :func:`clear` where each
claim's (or mutant's) check starts (``checks.engine.check``), so a verdict never depends on which
claims ran before it in the same process, and memory does not grow over a run.

::

    @memoized(key=lambda inst, eta0: (inst.recipe_key, eta0))
    def trajectory(inst, eta0): ...

    trajectory(inst, 0.1)           # computed
    trajectory(inst, 0.1)           # the same object, from the store
    trajectory.uncached(inst, 0.1)  # computed afresh, not stored (e.g. to time it)
"""

from __future__ import annotations

import functools
import threading
from typing import Any, Callable

from theory.errors import InputError

_STORES: list[dict] = []
_LOCK = threading.Lock()

#: entries one store keeps before it starts again (a guard for a claim with very many instances)
MAX_ENTRIES = 256


def _default_key(*args, **kwargs):
    return args, tuple(sorted(kwargs.items()))


def memoized(fn: Callable | None = None, *, key: Callable[..., Any] | None = None):
    """Decorate ``fn`` with a store the engine empties at the start of every claim check.

    ``key(*args, **kwargs)`` gives the hashable key of a call (default: the arguments themselves,
    which must then be hashable). The undecorated function stays reachable as ``.uncached``.
    """
    if fn is None:
        return lambda f: memoized(f, key=key)
    if not callable(fn):
        raise InputError(f"memoized decorates a function, got {type(fn).__name__}")
    make_key = key or _default_key
    store: dict = {}
    with _LOCK:
        _STORES.append(store)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        k = make_key(*args, **kwargs)
        try:
            return store[k]
        except KeyError:
            pass
        value = fn(*args, **kwargs)
        if len(store) >= MAX_ENTRIES:
            store.clear()
        store[k] = value
        return value

    wrapper.uncached = fn
    wrapper.store_size = lambda: len(store)
    return wrapper


def clear() -> None:
    """Empty every memo store (the engine calls this where a claim's check starts)."""
    with _LOCK:
        for store in _STORES:
            store.clear()
