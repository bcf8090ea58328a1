"""Where papers come from: the built-in ones, installed packages, and modules named on the command line.

A paper is a Python module that declares claims with :mod:`theory.claims` when it is imported.
Three sources fill :data:`theory.claims.REGISTRY`, in this order:

1. the built-in papers (:mod:`theory.papers`);
2. every entry point of the group ``theorycheck.papers`` (name = paper key, value = module path),
   which is how a package of one's own declares its claims module::

       [project.entry-points."theorycheck.papers"]
       mynote2026 = "mynote.claims"

3. modules named with ``--module`` (a dotted module path, or a path to a ``.py`` file), for a paper
   that is not installed.

A module that fails to import is a :class:`PaperImportError` naming it (and the entry point that
named it): it is never skipped silently, because a run that quietly checks fewer papers than the
user installed would report success on claims it never looked at.

Worker processes of a parallel run are started fresh (``spawn``); they call :func:`load_papers`
with no argument and find the ``--module`` modules of their parent in the environment variable
:data:`MODULES_ENV`, which :func:`load_papers` sets.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import sys
import traceback
from pathlib import Path

from theory.claims import REGISTRY, Paper, Registry
from theory.errors import TheorycheckError

#: the entry-point group a package declares its paper modules under
ENTRY_POINT_GROUP = "theorycheck.papers"
#: the ``--module`` modules of the parent process, ``os.pathsep``-separated (read by workers)
MODULES_ENV = "THEORYCHECK_MODULES"
#: the package of the built-in papers
BUILTIN_PACKAGE = "theory.papers"


class PaperImportError(TheorycheckError):
    """A paper module (built-in, from an entry point, or named with --module) failed to load."""


def _describe(exc: BaseException) -> str:
    """The failing line of the module and the exception, in two lines a user can act on."""
    frames = traceback.extract_tb(exc.__traceback__)
    here = str(Path(__file__))
    where = next((f for f in reversed(frames)
                  if "importlib" not in f.filename and f.filename != here), None)
    at = f" (at {where.filename}:{where.lineno})" if where else ""
    return f"{type(exc).__name__}: {exc}{at}"


def _import_dotted(name: str, origin: str) -> None:
    try:
        importlib.import_module(name)
    except Exception as exc:  # any failure inside the user's module is reported as its failure
        raise PaperImportError(f"paper module {name!r} ({origin}) failed to import: {_describe(exc)}") from exc


def _import_file(path: Path) -> None:
    """Import a ``.py`` file once, under a module name derived from its resolved path."""
    path = path.resolve()
    if not path.is_file():
        raise PaperImportError(f"--module {str(path)!r}: no such file")
    name = "theorycheck_module_" + "".join(ch if ch.isalnum() else "_" for ch in str(path.with_suffix("")))
    if name in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise PaperImportError(f"--module {str(path)!r}: not an importable Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[name]
        raise PaperImportError(f"paper module {str(path)!r} (--module) failed to import: {_describe(exc)}") from exc


def import_module_arg(spec: str) -> None:
    """Import what ``--module`` names: a path to a ``.py`` file, or a dotted module path."""
    if spec.endswith(".py") or os.sep in spec or (os.altsep and os.altsep in spec):
        _import_file(Path(spec))
    else:
        _import_dotted(spec, "--module")


def entry_points() -> list[importlib.metadata.EntryPoint]:
    """The installed ``theorycheck.papers`` entry points, sorted by name."""
    return sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)


def _load_entry_point(ep: importlib.metadata.EntryPoint, registry: Registry) -> None:
    dist = getattr(ep.dist, "name", None) or "an installed package"
    _import_dotted(ep.module, f"entry point {ep.name!r} of {dist}")
    if ep.name not in registry.papers:
        known = ", ".join(sorted(registry.papers)) or "none"
        raise PaperImportError(
            f"entry point {ep.name!r} of {dist} names module {ep.module!r}, which registers no paper "
            f"with key {ep.name!r} (the entry point's name must be the paper key; registered papers: {known})")


def load_papers(modules: list[str] | tuple[str, ...] | None = None, *,
                registry: Registry = REGISTRY) -> Registry:
    """Fill ``registry`` with every paper: built-in, installed (entry points), and ``modules``.

    ``modules`` defaults to those of :data:`MODULES_ENV`; when given, they are also written there,
    so that worker processes started afterwards load the same ones. Importing is idempotent: a
    module already imported is not imported again. Returns the registry, with the links between
    errata and their corrected siblings validated.
    """
    if modules is None:
        modules = [m for m in os.environ.get(MODULES_ENV, "").split(os.pathsep) if m]
    else:
        modules = list(modules)
        os.environ[MODULES_ENV] = os.pathsep.join(modules)
    _import_dotted(BUILTIN_PACKAGE, "the built-in papers")
    for ep in entry_points():
        _load_entry_point(ep, registry)
    for spec in modules:
        import_module_arg(spec)
    try:
        registry.validate_links()
    except TheorycheckError as exc:
        raise PaperImportError(f"the registered claims are inconsistent: {exc}") from None
    return registry


def builtin_paper_keys() -> frozenset[str]:
    """Keys of the papers shipped with theorycheck (their records live in :mod:`theory.bibliography`).

    The committed baseline (``reports/baseline``) covers these only: a user's installed papers are
    checked, but never compared against a baseline they did not record.
    """
    import theory.bibliography as bib
    return frozenset(p.key for p in vars(bib).values() if isinstance(p, Paper))
