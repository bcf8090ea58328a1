"""Heavy libraries imported on first use, so that commands which never touch them start at once.

``torch = lazy("torch")`` at the top of a module binds a stand-in; the first attribute read
(``torch.float64``) imports the real module and copies its namespace into the stand-in, so later
reads cost what a plain module attribute costs. The stand-in is not put in ``sys.modules``:
``sys.modules.get("torch")`` keeps meaning "torch has really been imported", which the engine's
thread policy relies on (it never imports torch just to set its thread count).

Measured reason for writing this rather than using :class:`importlib.util.LazyLoader`: the
standard loader registers the half-loaded module in ``sys.modules`` (so every "is it loaded?"
test would lie) and cannot defer ``import scipy.stats`` without importing ``scipy`` first.
"""

from __future__ import annotations

import importlib
import types


class LazyModule(types.ModuleType):
    """A module that imports ``self.__name__`` when one of its attributes is first read."""

    def __getattr__(self, attr: str):
        real = importlib.import_module(self.__name__)
        self.__dict__.update(real.__dict__)
        return getattr(real, attr)  # a submodule imported later is still found here

    def __repr__(self) -> str:
        return f"<lazy module {self.__name__!r}>"


def lazy(name: str) -> types.ModuleType:
    """A stand-in for the module ``name`` (dotted names allowed) that imports it on first use."""
    return LazyModule(name)
