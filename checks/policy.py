"""What surrounds a predicate call: the engine applies the policy a claim declares.

- ``Claim.threads``: the predicate runs with that many BLAS/OpenMP threads and torch intra-op
  threads (restored afterwards). Papers declare it; they never set threads themselves.

Torch is touched only when it is already imported (a claim that does not train never pays for
importing it).
"""

from __future__ import annotations

import contextlib
import functools
import sys


@functools.lru_cache(maxsize=1)
def _controller():
    """One threadpoolctl controller per process: building one scans every loaded library, which
    costs milliseconds, too much to repeat around each predicate call."""
    from threadpoolctl import ThreadpoolController
    return ThreadpoolController()


@contextlib.contextmanager
def limited_threads(threads: int | None):
    """Run the body with at most ``threads`` BLAS/OpenMP and torch threads (None: unchanged)."""
    if threads is None:
        yield
        return
    torch = sys.modules.get("torch")
    before = torch.get_num_threads() if torch is not None else None
    if torch is not None:
        torch.set_num_threads(threads)
    try:
        with _controller().limit(limits=threads):
            yield
    finally:
        if torch is not None:
            torch.set_num_threads(before)
