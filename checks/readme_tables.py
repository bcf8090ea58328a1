"""The README's numbers, generated from the committed baseline (issue 16: "same seed, same numbers").

The README marks each generated block with a pair of comments; everything between them is
rewritten by ``--write`` and compared by ``--check`` (and by tests/checks/reporting/test_readme_tables.py)::

    <!-- readme-table:sample ids: <claim id> <claim id> ... -->
    ...generated: the sample report of those claims, as `theorycheck run` prints it...
    <!-- /readme-table:sample -->

    <!-- readme-table:coverage -->
    ...generated: per paper, claims by tier, quick mutants, errata confirmed, not checkable...
    <!-- /readme-table:coverage -->

The sample's claim ids are listed in the README's opening comment, not here: checks/ names no
paper and no claim. The sample and the quick-profile columns come from the baseline report
(quick profile, seed 0); the standard and gpu columns from the registry, which the baseline does
not run.

    python -m checks.readme_tables --check   # exit 1 and show the first difference when stale
    python -m checks.readme_tables --write   # rewrite the blocks in place
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

from checks.papers import builtin_paper_keys
from checks.report import load_report
from theory.errors import InputError, TheorycheckError

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BASELINE = ROOT / "reports" / "baseline" / "report.json"

_BLOCK = re.compile(r"(<!--\s*readme-table:(?P<name>[a-z-]+)(?P<args>.*?)-->\n)(?P<body>.*?)"
                    r"(<!--\s*/readme-table:(?P=name)\s*-->)", re.S)


def _slack(x) -> str:
    return "—" if x is None or (isinstance(x, float) and x != x) else f"{x:.3g}"


def _columns(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def sample_table(report: dict, ids: list[str]) -> str:
    """The sample report of ``ids`` (in that order) as a fenced block, columns as `run` prints them."""
    if not ids:
        raise InputError("the README's sample block lists no claim ids (write 'ids: <id> <id> ...')")
    by_id = {c["id"]: c for c in report["claims"]}
    missing = [cid for cid in ids if cid not in by_id]
    if missing:
        raise InputError(f"the README's sample lists claims the baseline does not have: {', '.join(missing)}")
    rows = [["claim", "kind", "verdict", "declared", "mutants", "n", "worst slack"]]
    for cid in ids:
        c = by_id[cid]
        mutants = c.get("mutants") or []
        rows.append([cid, str(c.get("kind", "")), c["verdict"], "ok" if c.get("as_declared") else "UNEXPECTED",
                     f"{sum(bool(m.get('killed')) for m in mutants)}/{len(mutants)}",
                     str(c.get("instances", "")), _slack(c.get("worst_slack"))])
    return "```\n" + "\n".join(_columns(rows)) + "\n```\n"


def _by_class(claims: list[dict], verdict: str, registry, classes: tuple[str, ...]) -> str:
    """"total (a / b / c)": the claims with ``verdict``, counted by error class or finding status."""
    counts = dict.fromkeys(classes, 0)
    for c in claims:
        if c["verdict"] == verdict:
            claim = registry.get(c["id"])
            counts[claim.error_class.value if claim.error_class else claim.status.value] += 1
    return f"{sum(counts.values())} ({' / '.join(str(counts[k]) for k in classes)})"


def coverage_table(report: dict, registry) -> str:
    """Per paper: claims by tier (quick from the baseline, the others from the registry), quick
    mutants, errata confirmed by class, findings by status and results listed as not checkable, as a
    Markdown table."""
    quick: dict[str, list[dict]] = {}
    for claim in report["claims"]:
        quick.setdefault(str(claim.get("paper")), []).append(claim)
    tiers: dict[str, dict[str, int]] = {}
    for claim in registry:
        counts = tiers.setdefault(claim.paper, {})
        counts[claim.tier.value] = counts.get(claim.tier.value, 0) + 1
    papers = registry.papers
    lines = ["| paper | claims (quick / standard / gpu) | mutants (quick) | errata confirmed "
             "(statement / proof / typo) | findings (reading / vacuous / source-unverified) | listed not checkable |",
             "|---|---|---|---|---|---|"]
    # The baseline's paper order; a user's installed paper (entry point) is not the README's business,
    # like the baseline gate, which covers the built-in papers only.
    builtin = builtin_paper_keys()
    order = [key for key in list(quick) + [k for k in tiers if k not in quick] if key in builtin]
    for key in order:
        paper = papers[key]
        claims = quick.get(key, [])
        standard, gpu = tiers.get(key, {}).get("standard", 0), tiers.get(key, {}).get("gpu", 0)
        venue = paper.where.split(",")[0].strip()
        lines.append(
            f"| `{key}` — {paper.authors}, {venue} | {len(claims) + standard + gpu} "
            f"({len(claims)} / {standard} / {gpu}) | {sum(len(c.get('mutants') or []) for c in claims)} | "
            f"{_by_class(claims, 'erratum-confirmed', registry, ('statement', 'proof', 'typo'))} | "
            f"{_by_class(claims, 'finding-confirmed', registry, ('reading', 'vacuous', 'source-unverified'))} | "
            f"{sum(e.get('paper') == key for e in report['not_checkable'])} |")
    return "\n".join(lines) + "\n"


def render_blocks(readme: str, report: dict, registry) -> str:
    """``readme`` with every generated block rewritten."""
    def body(match: re.Match) -> str:
        name, args = match.group("name"), match.group("args")
        if name == "sample":
            ids = args.split("ids:", 1)[1].split() if "ids:" in args else []
            text = sample_table(report, ids)
        elif name == "coverage":
            text = coverage_table(report, registry)
        else:
            raise InputError(f"README block readme-table:{name} is not one this command generates "
                             "(sample, coverage)")
        return match.group(1) + text + match.group(5)

    return _BLOCK.sub(body, readme)


def blocks(readme: str) -> list[str]:
    """Names of the generated blocks in ``readme``."""
    return [m.group("name") for m in _BLOCK.finditer(readme)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checks.readme_tables", description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite the README's generated blocks")
    mode.add_argument("--check", action="store_true", help="exit 1 if a block differs from the baseline")
    parser.add_argument("--readme", default=str(README), help="README file (default: the repository's)")
    parser.add_argument("--baseline", default=str(BASELINE), help="baseline report.json")
    args = parser.parse_args(argv)
    try:
        import theory.papers  # noqa: F401  (registers every claim)
        from theory.claims import REGISTRY

        path = Path(args.readme)
        readme = path.read_text(encoding="utf-8")
        if not blocks(readme):
            raise InputError(f"{path} has no <!-- readme-table:NAME --> block to generate")
        fresh = render_blocks(readme, load_report(args.baseline), REGISTRY)
    except (TheorycheckError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.write:
        if fresh != readme:
            path.write_text(fresh, encoding="utf-8")
        print(f"{path}: {', '.join(blocks(readme))} regenerated from {args.baseline}")
        return 0
    if fresh == readme:
        print(f"{path}: {', '.join(blocks(readme))} match {args.baseline}")
        return 0
    sys.stdout.writelines(difflib.unified_diff(readme.splitlines(True), fresh.splitlines(True),
                                               "README (committed)", "README (from the baseline)"))
    print(f"{path} disagrees with {args.baseline}: run python -m checks.readme_tables --write")
    return 1


if __name__ == "__main__":
    sys.exit(main())
