"""The journal of a run in progress: per-claim outcomes saved as they finish, so that an
interrupted run can be finished with ``theorycheck run --resume RUN`` and give the same report.

A journal lives in ``OUT/.journal-<run-id>/``: ``meta.json`` (what was asked: selection, seed,
profile, device, mutants) and one JSON file per finished task (a claim or one of its mutants),
each written atomically. It is hidden and never mistaken for a report; the run deletes it once
the report is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, fields
from pathlib import Path

from checks.engine import Outcome
from checks.report import dumps, loads
from theory.claims import Verdict
from theory.errors import InputError

PREFIX = ".journal-"


def journal_dir(out_dir: Path, run_id: str) -> Path:
    return Path(out_dir) / f"{PREFIX}{run_id}"


def _task_file(root: Path, claim_id: str, mutant: str | None) -> Path:
    key = claim_id if mutant is None else f"{claim_id}::{mutant}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return root / f"{digest}.json"


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def outcome_to_dict(o: Outcome) -> dict:
    d = asdict(o)
    d["verdict"] = o.verdict.value
    return d


def outcome_from_dict(d: dict) -> Outcome:
    names = {f.name for f in fields(Outcome)}
    data = {k: v for k, v in d.items() if k in names}
    data["verdict"] = Verdict(data["verdict"])
    return Outcome(**data)


class Journal:
    def __init__(self, root: Path, meta: dict):
        self.root, self.meta = root, meta

    @classmethod
    def start(cls, out_dir: Path, run_id: str, meta: dict) -> "Journal":
        root = journal_dir(out_dir, run_id)
        root.mkdir(parents=True, exist_ok=False)
        _write_atomic(root / "meta.json", json.dumps({**meta, "run_id": run_id}, indent=2))
        return cls(root, meta)

    @classmethod
    def open(cls, out_dir: Path, run_id: str) -> "Journal":
        root = journal_dir(out_dir, run_id)
        if not (root / "meta.json").is_file():
            known = sorted(p.name[len(PREFIX):] for p in Path(out_dir).glob(PREFIX + "*")) if Path(out_dir).is_dir() else []
            hint = f" (interrupted runs there: {', '.join(known)})" if known else " (no interrupted run there)"
            raise InputError(f"--resume {run_id}: no journal of that run in {out_dir}{hint}")
        try:
            meta = json.loads((root / "meta.json").read_text())
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"--resume {run_id}: the journal's meta.json is unreadable ({exc})") from None
        return cls(root, meta)

    def record(self, claim_id: str, mutant: str | None, outcome: Outcome) -> None:
        payload = {"claim": claim_id, "mutant": mutant, "outcome": outcome_to_dict(outcome)}
        _write_atomic(_task_file(self.root, claim_id, mutant), dumps(payload))

    def done(self) -> dict[tuple[str, str | None], Outcome]:
        """Outcomes already computed; a damaged entry is ignored (its task simply runs again)."""
        out = {}
        for path in self.root.glob("*.json"):
            if path.name == "meta.json":
                continue
            try:
                payload = loads(path.read_text())
                out[(payload["claim"], payload["mutant"])] = outcome_from_dict(payload["outcome"])
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return out

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
