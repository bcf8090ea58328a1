"""Reports on disk: the ``theorycheck.report/1`` JSON format, atomic writing, and checked reading.

A run's report lives in ``<out_dir>/<run id>/``::

    report.json     the report dict, strict JSON (see "Non-finite floats" below)
    report.md       the same content for a terminal, an editor or a pull request
    index.html      a self-contained page with the figures next to each claim
    figures/*.png   slack histograms, scaling fits, probability intervals, diagnostics

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
import secrets
import shutil
from pathlib import Path, PurePath
from typing import Any

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
    }
)

#: The verdicts a claim or a mutant may carry.
VERDICTS = frozenset({"verified", "refuted", "erratum-confirmed", "finding-confirmed", "inconclusive", "error"})

#: Top-level keys of a report and the JSON type each must have, in the order they are written.
TOP_LEVEL = {
    "schema": str,
    "run": dict,
    "summary": dict,
    "claims": list,
    "errata": list,
    "not_checkable": list,
}

# Shapes used by the field-type tables below (the text is what an error message says).
_NUMBER = "a number"  # int or float, not bool
_NUMBER_OR_NULL = "a number or null"
_STR_OR_NULL = "a string or null"
_DICT_OR_NULL = "an object or null"
_NUMBER_LIST = "a list of numbers"

#: Fields of a claim entry and their types. ``id`` and ``verdict`` are required; the others are
#: checked only when present, so that a report missing a decoration can still be read and rendered.
CLAIM_FIELDS = {
    "id": str,
    "paper": str,
    "result": str,
    "kind": str,
    "tier": str,
    "status": str,
    "expected_verdict": str,
    "verdict": str,
    "as_declared": bool,
    "message": str,
    "statement": str,
    "note": _STR_OR_NULL,
    "corrected_by": _STR_OR_NULL,
    "corrects": _STR_OR_NULL,
    "source": dict,
    "instances": int,
    "preconditions_violated": int,
    "precondition_reasons": dict,
    "worst_slack": _NUMBER_OR_NULL,
    "worst_instance": _DICT_OR_NULL,
    "tolerance": dict,
    "slacks": _NUMBER_LIST,
    "counterexample": _DICT_OR_NULL,
    "fit": _DICT_OR_NULL,
    "probability": _DICT_OR_NULL,
    "diagnostics": list,
    "mutants": list,
    "wall_s": _NUMBER,
}
REQUIRED_CLAIM_FIELDS = ("id", "verdict")

#: Fields of a run block: ``id`` is required, the rest are type-checked when present.
RUN_FIELDS = {
    "id": str,
    "seed": int,
    "profile": str,
    "device": str,
    "dtype": str,
    "started": str,
    "finished": str,
    "wall_s": _NUMBER,
    "selection": dict,
    "versions": dict,
    "command": str,
}


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


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _type_ok(value: Any, expected: Any) -> bool:
    """Whether ``value`` matches an entry of the field-type tables."""
    if expected is _NUMBER:
        return _is_number(value)
    if expected is _NUMBER_OR_NULL:
        return value is None or _is_number(value)
    if expected is _STR_OR_NULL:
        return value is None or isinstance(value, str)
    if expected is _DICT_OR_NULL:
        return value is None or isinstance(value, dict)
    if expected is _NUMBER_LIST:
        return isinstance(value, list) and all(_is_number(v) for v in value)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _type_name(expected: Any) -> str:
    if isinstance(expected, str):
        return expected
    return {str: "a string", int: "an integer", bool: "true/false", dict: "an object", list: "a list"}[
        expected
    ]


def _check_fields(block: dict, table: dict, where: str, origin: str) -> None:
    for key, expected in table.items():
        if key in block and not _type_ok(block[key], expected):
            raise ReportError(
                f"{origin}: {where}.{key} must be {_type_name(expected)}, "
                f"got {type(block[key]).__name__}"
            )


def validate_report(report: Any, origin: str = "report") -> None:
    """Raise ReportError (one line, naming ``origin`` and the field) unless ``report`` is a readable
    ``theorycheck.report/1`` dict.

    Required: every top-level key with its type, ``run.id``, and an ``id`` and a known ``verdict``
    for every claim, with claim ids unique. Every other documented field is type-checked when present.
    """
    if not isinstance(report, dict):
        raise ReportError(f"{origin}: a report must be a JSON object, got {type(report).__name__}")
    if "schema" not in report:
        raise ReportError(f"{origin}: has no 'schema' field, so it is not a theorycheck report")
    if report["schema"] != SCHEMA:
        raise ReportError(
            f"{origin}: schema is {report['schema']!r}, but this version reads only {SCHEMA!r}"
        )
    for key, expected in TOP_LEVEL.items():
        if key not in report:
            raise ReportError(f"{origin}: missing required key {key!r}")
        if not isinstance(report[key], expected):
            raise ReportError(
                f"{origin}: {key!r} must be {_type_name(expected)}, got {type(report[key]).__name__}"
            )
    run = report["run"]
    if not isinstance(run.get("id"), str) or not run.get("id"):
        raise ReportError(f"{origin}: run.id must be a non-empty string")
    _check_fields(run, RUN_FIELDS, "run", origin)

    seen: set[str] = set()
    for i, claim in enumerate(report["claims"]):
        where = f"claims[{i}]"
        if not isinstance(claim, dict):
            raise ReportError(f"{origin}: {where} must be an object, got {type(claim).__name__}")
        for key in REQUIRED_CLAIM_FIELDS:
            if key not in claim:
                raise ReportError(f"{origin}: {where} has no {key!r}")
        _check_fields(claim, CLAIM_FIELDS, where, origin)
        if not claim["id"]:
            raise ReportError(f"{origin}: {where}.id is empty")
        where = f"claims[{i}] ({claim['id']})"
        if claim["id"] in seen:
            raise ReportError(f"{origin}: claim id {claim['id']!r} appears twice")
        seen.add(claim["id"])
        if claim["verdict"] not in VERDICTS:
            raise ReportError(
                f"{origin}: {where} has unknown verdict {claim['verdict']!r} "
                f"(expected one of {', '.join(sorted(VERDICTS))})"
            )
        for j, mutant in enumerate(claim.get("mutants", [])):
            if not isinstance(mutant, dict) or not isinstance(mutant.get("name"), str):
                raise ReportError(f"{origin}: {where}.mutants[{j}] must be an object with a 'name'")
            if "killed" in mutant and not isinstance(mutant["killed"], bool):
                raise ReportError(f"{origin}: {where}.mutants[{j}].killed must be true/false")
        for j, diag in enumerate(claim.get("diagnostics", [])):
            if not isinstance(diag, dict):
                raise ReportError(f"{origin}: {where}.diagnostics[{j}] must be an object")
    for key in ("errata", "not_checkable"):
        for i, entry in enumerate(report[key]):
            if not isinstance(entry, dict):
                raise ReportError(f"{origin}: {key}[{i}] must be an object, got {type(entry).__name__}")


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


def _build_run_directory(report: dict, json_text: str, directory: Path, figures: bool) -> None:
    """Write every file of the report into ``directory`` (which exists and is empty)."""
    # Imported here: the renderers are heavy (matplotlib) and are not needed to read a report.
    from checks import render_html, render_md

    _write_text(directory / JSON_NAME, json_text, sync=True)
    figure_files: dict[str, list[str]] = {}
    if figures:
        from checks import plots

        figure_files = plots.save_report_figures(report, directory / FIGURES_DIR, FIGURES_DIR)
    _write_text(directory / MARKDOWN_NAME, render_md.render_markdown(report))
    _write_text(directory / HTML_NAME, render_html.render_html(report, figure_files))


def _points_at(link: Path, target: str) -> bool:
    try:
        return os.readlink(link) == target
    except OSError:
        return False


def write_report(report: dict, out_dir: str | os.PathLike, *, figures: bool = True) -> Path:
    """Write ``report`` to ``out_dir/<run id>/`` atomically and point ``out_dir/latest`` at it.

    Returns the run directory. ``figures=False`` skips the PNGs (the HTML then has no images).
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
            _build_run_directory(canonical, json_text, staging, figures)
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
