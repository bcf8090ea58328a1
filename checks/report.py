"""Reports on disk: the ``theorycheck.report/1`` JSON format, atomic writing, and checked reading.

A run's report lives in ``<out_dir>/<run id>/``::

    report.json       the report dict, strict JSON (see "Non-finite floats" below), valid against
                      the JSON Schema checks/schema/report.schema.json
    report.md         the same content for a terminal, an editor or a pull request
    index.html        the front page: counts by paper and kind, errata, findings, slowest claims
    paper-<key>.html  one page per paper: filter, search, claim cards with rendered statements
    diff.html         what changed since a baseline, when one was given
    assets/           the style sheet and the filter script (nothing is loaded from the network)
    figures/*.png     per-paper tightness and error charts, scaling fits, declared series

and ``<out_dir>/latest`` is a relative symlink to the newest run directory.

Atomicity. :func:`write_report` builds the whole directory under a hidden temporary name inside
``out_dir`` (``.<run id>.partial-<random>``), fsyncs ``report.json``, renames the directory to its
final name and only then swaps ``latest`` with ``os.replace`` of a freshly made symlink. If anything
fails or is interrupted (``KeyboardInterrupt`` included) before ``latest`` has moved, the partial
directory and, if the rename already happened, the renamed directory are removed again, so a reader
sees either no report for the run or the complete one, and ``latest`` always points at a complete run.

Non-finite floats. JSON has no NaN or infinity, and :mod:`json` would otherwise write the invalid
tokens ``NaN``/``Infinity``. We write a non-finite float as one of the three JSON *strings*
``"nan"``, ``"inf"`` and ``"-inf"``. :func:`load_report` turns exactly those three strings back into
floats everywhere except in the free-text fields named in :data:`TEXT_FIELDS` (a claim whose
message is literally ``"nan"`` stays a string). The one ambiguity left: a genuine string ``"inf"``
inside a free-form JSON object (an instance, counterexample details) reads back as a float.
For robustness the loader also accepts the bare ``NaN``/``Infinity`` tokens of other writers.
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import shutil
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any, Callable

import jsonschema
import numpy as np

from theory.errors import InputError, ReportError

#: The report format this module writes and the only one it reads.
SCHEMA = "theorycheck.report/1"

#: File names inside a run directory.
JSON_NAME = "report.json"
MARKDOWN_NAME = "report.md"
HTML_NAME = "index.html"
FIGURES_DIR = "figures"
LATEST_NAME = "latest"

#: How each non-finite float is spelled in the JSON file.
NONFINITE_TOKENS = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}

#: Keys whose values (whole subtrees) are text: the loader never turns "nan"/"inf" in them into floats.
TEXT_FIELDS = frozenset(
    {
        "schema", "id", "paper", "result", "kind", "tier", "status", "expected_verdict", "verdict",
        "message", "statement", "corrected_by", "corrects", "source", "citation", "section",
        "relation", "reproduce", "name", "title", "xlabel", "ylabel", "label", "x_name", "y_name",
        "corrected_statement", "corrected_verdict", "reason", "profile", "device", "dtype",
        "started", "finished", "selection", "versions", "command", "unexpected", "survivors", "note",
        "error_class", "scope", "objection", "confidence", "method", "detail", "cite", "url", "flag",
        "decision",
    }
)

#: Top-level keys of a report in the order they are written (their types: :data:`SCHEMA_FILE`).
TOP_LEVEL = ("schema", "run", "summary", "claims", "errata", "findings", "not_checkable", "decisions")

#: The JSON Schema of the format, published with the package (package data) for other tools.
SCHEMA_FILE = Path(__file__).parent / "schema" / "report.schema.json"


# --------------------------------------------------------------------------------------------
# JSON encoding and decoding
# --------------------------------------------------------------------------------------------


def _encode(value: Any, where: str) -> Any:
    """Return ``value`` as plain JSON data: numpy scalars and arrays unpacked, non-finite floats spelt
    as strings, tuples as lists, paths as strings. Raise InputError for anything else."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, np.generic):
        return _encode(value.item(), where)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return float(value)
    if isinstance(value, dict):
        return {str(k): _encode(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, np.ndarray):
        return _encode(value.tolist(), where)
    if isinstance(value, PurePath):
        return str(value)
    raise InputError(f"report field {where} has type {type(value).__name__}, which JSON cannot hold")


def _decode(value: Any, key: str | None = None) -> Any:
    """Undo the non-finite spelling of :func:`_encode` (see the module docstring)."""
    if key in TEXT_FIELDS:
        return value
    if isinstance(value, str):
        return NONFINITE_TOKENS.get(value, value)
    if isinstance(value, dict):
        return {k: _decode(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _canonical_order(report: dict) -> dict:
    """Put the top-level keys in schema order (unknown extra keys after them, in their own order)."""
    ordered = {k: report[k] for k in TOP_LEVEL if k in report}
    ordered.update((k, v) for k, v in report.items() if k not in ordered)
    return ordered


def report_to_json(report: dict) -> str:
    """Serialise ``report`` as strict JSON text, indented by 2, ending in a newline.

    Deterministic: the same dict always gives the same text. Top-level keys come in schema order;
    nested keys keep the order in which the engine inserted them. Non-finite floats become the
    strings "nan", "inf", "-inf"; numpy scalars and arrays become plain numbers and lists.
    """
    if not isinstance(report, dict):
        raise InputError(f"report must be a dict, got {type(report).__name__}")
    data = _encode(_canonical_order(report), "report")
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def dumps(value: Any) -> str:
    """Any JSON-able payload (not only reports) with the report's non-finite float spelling."""
    return json.dumps(_encode(value, "value"), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def loads(text: str) -> Any:
    """Inverse of :func:`dumps` (raises json.JSONDecodeError on bad text)."""
    return _decode(json.loads(text))


def report_from_json(text: str, origin: str = "report") -> dict:
    """Parse and validate report JSON text (``origin`` names it in error messages)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportError(
            f"{origin}: not valid JSON at line {exc.lineno} column {exc.colno} ({exc.msg})"
        ) from None
    report = _decode(data)
    validate_report(report, origin)
    return report


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def _where(path) -> str:
    """A JSON path as the report's readers write it: ``claims[1].worst_slack``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _message(error: jsonschema.ValidationError, report: dict) -> str:
    """One line naming the field and what it must be."""
    where = _where(error.absolute_path)
    if error.validator == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        name = missing.group(1) if missing else error.message
        return f"missing required key {name!r}" if not where else f"{where} has no {name!r}"
    if error.validator == "enum" and where.endswith("verdict"):
        expected = ", ".join(sorted(error.validator_value))
        return f"{where} has unknown verdict {error.instance!r} (expected one of {expected})"
    expected = error.schema.get("title") if isinstance(error.schema, dict) else None
    if error.validator in ("type", "minLength") and expected:
        return f"{where or 'report'} must be {expected}, got {type(error.instance).__name__}"
    return f"{where or 'report'}: {error.message}"


def validate_report(report: Any, origin: str = "report") -> None:
    """Raise ReportError (one line, naming ``origin`` and the field) unless ``report`` is a readable
    ``theorycheck.report/1`` dict: valid against :data:`SCHEMA_FILE` (checked with jsonschema) and
    with unique claim ids, the one rule a JSON Schema cannot state.
    """
    if not isinstance(report, dict):
        raise ReportError(f"{origin}: a report must be a JSON object, got {type(report).__name__}")
    if "schema" not in report:
        raise ReportError(f"{origin}: has no 'schema' field, so it is not a theorycheck report")
    if report["schema"] != SCHEMA:
        raise ReportError(
            f"{origin}: schema is {report['schema']!r}, but this version reads only {SCHEMA!r}"
        )
    error = jsonschema.exceptions.best_match(_validator().iter_errors(report))
    if error is not None:
        raise ReportError(f"{origin}: {_message(error, report)}")
    seen: set[str] = set()
    for claim in report["claims"]:
        if claim["id"] in seen:
            raise ReportError(f"{origin}: claim id {claim['id']!r} appears twice")
        seen.add(claim["id"])


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def load_report(path: str | os.PathLike) -> dict:
    """Read and validate a report.

    ``path`` may be a ``report.json`` file, a run directory, or the ``latest`` symlink. Raises
    ReportError with a one-line message when the file is missing or unreadable, is not valid JSON,
    has another schema, or lacks required keys or has fields of the wrong type.
    """
    path = Path(path)
    file = path / JSON_NAME if path.is_dir() else path
    if not file.exists():
        if path.is_dir():
            raise ReportError(f"{path}: directory has no {JSON_NAME}")
        raise ReportError(f"{file}: no such report")
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ReportError(f"{file}: not valid JSON (not UTF-8 text)") from None
    except OSError as exc:
        raise ReportError(f"{file}: cannot be read ({exc.strerror or exc})") from None
    return report_from_json(text, str(file))


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _check_run_id(run_id: Any) -> str:
    """Return ``run_id`` if it is usable as a directory name next to ``latest``; else InputError."""
    if not isinstance(run_id, str) or not run_id:
        raise InputError(f"report run.id must be a non-empty string, got {run_id!r}")
    if "/" in run_id or "\\" in run_id or "\0" in run_id:
        raise InputError(f"report run.id {run_id!r} must not contain a path separator")
    if run_id.startswith(".") or run_id == LATEST_NAME:
        raise InputError(
            f"report run.id {run_id!r} must not start with '.' nor be {LATEST_NAME!r} "
            "(those names are reserved in the report directory)"
        )
    return run_id


def _fsync_directory(directory: Path) -> None:
    """Flush a directory entry to disk (best effort: not every filesystem allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _make_private_dir(out_dir: Path, stem: str) -> Path:
    """Create and return a fresh hidden directory ``out_dir/.<stem>.partial-<random>``."""
    while True:
        candidate = out_dir / f".{stem}.partial-{secrets.token_hex(4)}"
        try:
            candidate.mkdir()  # honours the umask, unlike tempfile.mkdtemp's 0o700
            return candidate
        except FileExistsError:
            continue


def _write_text(path: Path, text: str, *, sync: bool = False) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        if sync:
            fh.flush()
            os.fsync(fh.fileno())


def render_pages(report: dict, directory: Path, *, figures: bool = True, baseline: dict | None = None,
                 baseline_label: str = "baseline", map_fn: Callable | None = None) -> None:
    """Write every format of ``report`` (and its figures) into the existing ``directory``.

    With a ``baseline`` report the pages show what changed since it, and the HTML gains ``diff.html``.
    ``map_fn`` (a parallel executor's map) draws the figures in parallel.
    """
    # Imported here: the renderers are heavy (matplotlib) and are not needed to read a report.
    from checks.diff import diff_reports
    from checks.reporting.formats import formats
    from checks.reporting.view import build_view

    figure_files: dict[str, list[str]] = {}
    if figures:
        from checks.reporting import plots

        figure_files = plots.save_report_figures(report, directory / FIGURES_DIR, FIGURES_DIR, map_fn=map_fn)
    if baseline is not None:
        try:
            validate_report(baseline, "baseline")
        except ReportError as exc:
            raise InputError(str(exc)) from None
    # the report: write_report read it back through report_from_json, which validated it
    diff = diff_reports(baseline, report, validated=True) if baseline is not None else None
    view = build_view(report, figure_files, diff, baseline_label)
    for fmt in formats():
        fmt.write(view, directory)


def render_markdown(report: dict) -> str:
    """The Markdown report of ``report`` as text (no figures)."""
    from checks.reporting.formats import markdown
    from checks.reporting.view import build_view

    return markdown.render(build_view(report))


def _build_run_directory(report: dict, json_text: str, directory: Path, figures: bool,
                         baseline: dict | None, baseline_label: str, map_fn: Callable | None) -> None:
    """Write every file of the report into ``directory`` (which exists and is empty)."""
    _write_text(directory / JSON_NAME, json_text, sync=True)
    render_pages(report, directory, figures=figures, baseline=baseline, baseline_label=baseline_label,
                 map_fn=map_fn)


def _points_at(link: Path, target: str) -> bool:
    try:
        return os.readlink(link) == target
    except OSError:
        return False


def write_report(report: dict, out_dir: str | os.PathLike, *, figures: bool = True,
                 baseline: dict | None = None, baseline_label: str = "baseline",
                 map_fn: Callable | None = None) -> Path:
    """Write ``report`` to ``out_dir/<run id>/`` atomically and point ``out_dir/latest`` at it.

    Returns the run directory. ``figures=False`` skips the PNGs (the HTML then has no images).
    ``baseline``, a loaded report, adds what changed since it (see :func:`render_pages`);
    ``map_fn``, a parallel map such as a run executor's, draws the figures in parallel.
    Raises InputError if ``out_dir`` cannot be created or written, if the run directory already
    exists (a report is never overwritten), if ``out_dir/latest`` exists but is not a symlink, or if
    the report cannot be encoded; a malformed report dict raises InputError naming the field. On any
    failure or interrupt nothing is left behind and ``latest`` is unchanged (module docstring).
    """
    if not isinstance(report, dict):
        raise InputError(f"report must be a dict, got {type(report).__name__}")
    run = report.get("run")
    run_id = _check_run_id(run.get("id") if isinstance(run, dict) else None)
    json_text = report_to_json(report)
    # Render from exactly what a later load_report will see, so that re-rendering matches.
    try:
        canonical = report_from_json(json_text, "report to write")
    except ReportError as exc:
        raise InputError(str(exc)) from None

    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(f"report directory {out_dir} exists and is not a directory") from None
    except OSError as exc:
        raise InputError(f"cannot create report directory {out_dir}: {exc.strerror or exc}") from None
    final = out_dir / run_id
    latest = out_dir / LATEST_NAME
    if os.path.lexists(final):
        raise InputError(f"report {final} already exists; refusing to overwrite it")
    if os.path.lexists(latest) and not latest.is_symlink():
        raise InputError(f"{latest} exists and is not a symlink; refusing to replace it")
    try:
        staging = _make_private_dir(out_dir, run_id)
    except OSError as exc:
        raise InputError(f"cannot write in report directory {out_dir}: {exc.strerror or exc}") from None

    renamed = False
    temp_link: Path | None = None
    try:
        try:
            _build_run_directory(canonical, json_text, staging, figures, baseline, baseline_label, map_fn)
            if os.path.lexists(final):  # another writer got there first
                raise InputError(f"report {final} already exists; refusing to overwrite it")
            os.rename(staging, final)
            renamed = True
            temp_link = out_dir / f".{LATEST_NAME}.{secrets.token_hex(4)}.tmp"
            os.symlink(run_id, temp_link)
            os.replace(temp_link, latest)
            temp_link = None
        except OSError as exc:
            raise InputError(f"cannot write report into {out_dir}: {exc.strerror or exc}") from None
    except BaseException:
        if renamed and not _points_at(latest, run_id):
            shutil.rmtree(final, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
        if temp_link is not None and os.path.lexists(temp_link):
            os.unlink(temp_link)
        raise
    _fsync_directory(out_dir)
    return final
