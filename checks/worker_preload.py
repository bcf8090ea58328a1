"""Imported once by the fork server that starts a parallel run's worker processes.

Every worker then starts as a fork of a process that has already imported the libraries and the
papers, instead of importing them itself: the pages are shared until written, and a worker is ready
at once. Nothing here starts a thread (torch's thread pools start with its first operation), which
is what makes forking from this process safe.
"""

import numpy  # noqa: F401
import scipy.linalg  # noqa: F401
import scipy.optimize  # noqa: F401
import scipy.special  # noqa: F401
import scipy.stats  # noqa: F401
import torch  # noqa: F401

try:  # a paper that fails to import is reported by the worker that needs it, with its own message
    from checks.papers import load_papers
    import checks.engine  # noqa: F401
    import hypothesis  # noqa: F401
    load_papers()
except Exception:  # noqa: BLE001
    pass
