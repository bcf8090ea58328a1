"""The README's generated blocks (sample report, coverage) match the committed baseline."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import theory.papers  # noqa: F401
from checks import readme_tables
from checks.report import load_report
from theory.claims import REGISTRY
from theory.errors import InputError

README = Path(__file__).resolve().parents[3] / "README.md"
BASELINE = README.parent / "reports" / "baseline" / "report.json"


def test_the_readme_numbers_match_the_committed_baseline():
    readme = README.read_text(encoding="utf-8")
    if not readme_tables.blocks(readme):
        pytest.skip("README.md has no <!-- readme-table:... --> markers yet")
    fresh = readme_tables.render_blocks(readme, load_report(BASELINE), REGISTRY)
    assert fresh == readme, "README.md is stale: run `python -m checks.readme_tables --write`"


def _readme(ids: str) -> str:
    return (f"intro\n<!-- readme-table:sample ids: {ids} -->\nstale\n<!-- /readme-table:sample -->\n"
            "middle\n<!-- readme-table:coverage -->\nstale\n<!-- /readme-table:coverage -->\nend\n")


@pytest.fixture(scope="module")
def baseline() -> dict:
    if not BASELINE.is_file():
        pytest.skip("no committed baseline")
    return load_report(BASELINE)


def test_blocks_are_regenerated_from_the_baseline_and_the_rest_is_kept(baseline):
    first, second = (c["id"] for c in baseline["claims"][:2])
    out = readme_tables.render_blocks(_readme(f"{second}\n  {first}"), baseline, REGISTRY)
    assert out.startswith("intro\n") and "\nmiddle\n" in out and out.endswith("end\n") and "stale" not in out
    sample = out.split("-->\n", 1)[1].split("<!-- /readme-table:sample", 1)[0]
    lines = sample.splitlines()
    assert lines[0] == "```" and lines[1].startswith("claim") and lines[-1] == "```"
    assert lines[2].startswith(second) and lines[3].startswith(first)  # the README's order
    by_id = {c["id"]: c for c in baseline["claims"]}
    assert by_id[second]["verdict"] in lines[2]
    coverage = out.split("<!-- readme-table:coverage -->\n", 1)[1].split("<!--", 1)[0]
    rows = coverage.splitlines()[2:]
    assert len(rows) == len({c["paper"] for c in baseline["claims"]})
    quick = [int(r.split("|")[2].split("(")[1].split(" / ")[0]) for r in rows]
    assert sum(quick) == len(baseline["claims"])
    assert readme_tables.render_blocks(out, baseline, REGISTRY) == out  # idempotent


def test_an_unknown_id_or_block_is_an_input_error(baseline):
    with pytest.raises(InputError, match="no-such.claim"):
        readme_tables.render_blocks(_readme("no-such.claim"), baseline, REGISTRY)
    with pytest.raises(InputError, match="lists no claim ids"):
        readme_tables.render_blocks(_readme(""), baseline, REGISTRY)
    with pytest.raises(InputError, match="readme-table:other"):
        readme_tables.render_blocks("<!-- readme-table:other -->\n<!-- /readme-table:other -->", baseline, REGISTRY)


def test_check_and_write_from_the_command_line(tmp_path, baseline, capsys):
    first = baseline["claims"][0]["id"]
    readme = tmp_path / "README.md"
    readme.write_text(_readme(first), encoding="utf-8")
    args = ["--readme", str(readme), "--baseline", str(BASELINE)]
    assert readme_tables.main(["--check", *args]) == 1
    assert "run python -m checks.readme_tables --write" in capsys.readouterr().out
    assert readme_tables.main(["--write", *args]) == 0
    assert readme_tables.main(["--check", *args]) == 0
    (tmp_path / "plain.md").write_text("no markers\n")
    assert readme_tables.main(["--check", "--readme", str(tmp_path / "plain.md")]) == 2
