"""One module per paper; importing this package registers every claim in theory.claims.REGISTRY.

Paper modules are discovered by name (every module of this package not starting with "_"), so
adding a paper is adding a file.
"""

import importlib
import pkgutil

from theory.claims import REGISTRY

PAPER_MODULES = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))

for _name in PAPER_MODULES:
    importlib.import_module(f"{__name__}.{_name}")

REGISTRY.validate_links()
