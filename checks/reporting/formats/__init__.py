"""One module per report format. Each defines ``NAME`` (what it writes, for messages) and
``write(view, directory)``, which writes its files into the run directory. :func:`formats` finds
them, so a new format is one new file here."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def formats() -> list[ModuleType]:
    """Every format module of this package, in name order."""
    return [importlib.import_module(f"{__name__}.{info.name}")
            for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name)]
