"""The ``theorycheck`` command line: list, run, show, mutants, diff, replay, calibrate, baseline, bench.

Exit status: 0 when every verdict equals its claim's declared status and every mutant is refuted;
1 when a verdict differs or a mutant survives (or `diff` finds changes); 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

from checks import DEFAULT_OUT
from theory.errors import ReportError, TheorycheckError

EPILOG = """examples (theorycheck list shows every paper key and claim id):
  theorycheck run                                   quick profile, all papers, CPU
  theorycheck run --paper KEY --seed 7              one paper, another seed
  theorycheck run --claim ID --profile standard     one claim, whatever its tier
  theorycheck show ID                               statement, source, note, last verdict
  theorycheck mutants --paper KEY                   kill rate of every claim's mutants
  theorycheck diff reports/baseline reports/latest  verdict flips and slack moves
  theorycheck new KEY                               a starter package for your own paper
"""


def _registry(args=None):
    """Every paper's claims: built-in, installed (entry points) and ``--module`` (checks.papers)."""
    from checks.papers import load_papers
    return load_papers(getattr(args, "module", None) or [])


def _bench_names() -> list[str]:
    """`theorycheck bench --only` names: the benchmarks of checks.bench, then the cost sweeps."""
    from checks.bench import BENCHMARKS
    return [*BENCHMARKS, "scaling"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="theorycheck",
        description="Executable theorems of deep-learning theory: search for counterexamples, "
                    "fit scaling laws, write verification reports.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ls = sub.add_parser("list", help="list the registered claims")
    ls.add_argument("--paper", action="append", help="only this paper (repeatable)")
    ls.add_argument("--json", action="store_true", help="machine-readable output")

    def executor_options(sp):
        sp.add_argument("--jobs", default="auto", metavar="N",
                        help="worker processes, or 'auto' (default): one per CPU; 1 runs serially. "
                             "Same numbers whatever the count")
        sp.add_argument("--executor", choices=("serial", "processes", "dask"), default=None,
                        help="where tasks run: serial, local processes (default when --jobs > 1), "
                             "or a Dask cluster (needs theorycheck[dask])")
        sp.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --executor dask: the scheduler of an existing cluster, e.g. "
                             "tcp://head:8786 (default: a LocalCluster of --jobs workers)")

    def run_options(sp, *, out=True):
        sp.add_argument("--paper", action="append", metavar="P",
                        help="only claims of paper P, a key from theorycheck list (repeatable)")
        sp.add_argument("--claim", action="append", metavar="ID",
                        help="only this claim id, whatever its tier (repeatable)")
        sp.add_argument("--profile", default="quick",
                        help="quick (default, CI), standard, thorough or gpu")
        sp.add_argument("--device", default="cpu", help="cpu (default), cuda or auto")
        sp.add_argument("--seed", type=int, default=0, help="run seed (default 0): same seed, same numbers")
        if out:
            sp.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                            help=f"where reports/<run-id>/ is written (default {DEFAULT_OUT}/)")

    run = sub.add_parser("run", help="check claims and write a report",
                         description="Check the selected claims and their mutants, print a summary "
                                     "table and write DIR/<run-id>/{report.json,report.md,index.html}; "
                                     "DIR/latest points at it. Exit 1 if any verdict differs from its "
                                     "declared status or any mutant survives.")
    run_options(run)
    run.add_argument("--no-mutants", action="store_true", help="skip the mutants (faster, weaker)")
    executor_options(run)
    run.add_argument("--no-figures", action="store_true", help="write no PNG figures")
    run.add_argument("--baseline", metavar="REPORT",
                     help="report to compare with: the pages show what changed and diff.html is written "
                          f"(default {DEFAULT_OUT}/baseline/report.json when it exists; 'none' for no comparison)")
    run.add_argument("--resume", metavar="RUN",
                     help="finish the interrupted run RUN (its id, as printed when it stopped) from "
                          "the per-claim results it saved; selection, seed and profile come from it")

    show = sub.add_parser("show", help="statement, source, mutants and last verdict of a claim")
    show.add_argument("id")
    show.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help="reports directory to read the last verdict from")

    mut = sub.add_parser("mutants", help="run every mutant; print kill rate per paper and survivors")
    run_options(mut, out=False)

    diff = sub.add_parser("diff", help="compare two reports claim by claim")
    diff.add_argument("a", help="report.json or run directory (the old one)")
    diff.add_argument("b", help="report.json or run directory (the new one)")
    diff.add_argument("--json", action="store_true", help="print the differences as JSON")
    diff.add_argument("--rtol", type=float, default=0.05, metavar="R",
                      help="relative move of a worst slack that counts as a change (default 0.05)")

    cal = sub.add_parser("calibrate", help="run a profile under many seeds; print unexpected verdicts",
                         description="False-alarm calibration: run the selected claims (and mutants) "
                                     "under seeds 0..N-1 and list every verdict that differs from its "
                                     "declared status and every surviving mutant. Target: none.")
    cal.add_argument("--seeds", type=int, default=20, metavar="N", help="number of seeds (default 20)")
    cal.add_argument("--paper", action="append", metavar="P", help="only claims of paper P (repeatable)")
    cal.add_argument("--claim", action="append", metavar="ID", help="only this claim (repeatable)")
    cal.add_argument("--profile", default="quick", help="profile to calibrate (default quick)")
    cal.add_argument("--device", default="cpu", help="cpu (default), cuda or auto")
    executor_options(cal)

    base = sub.add_parser("baseline", help="rewrite the committed regression baseline",
                          description="Run the quick profile with seed 0 and write "
                                      "reports/baseline/report.json (and report.md): the baseline the "
                                      "test suite compares every run against.")
    base.add_argument("--dir", default=str(Path(DEFAULT_OUT) / "baseline"), metavar="DIR",
                      help="where to write the baseline (default reports/baseline)")
    base.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes")

    bench = sub.add_parser("bench", help="performance benchmarks, each a ratio against a baseline "
                                         "timed in the same run",
                           description="Time the five performance targets (hinf, Monte-Carlo H∞, "
                                       "the GD step, batched trainings, the Walsh–Hadamard transform), "
                                       "each against a baseline measured in the same run, and the cost "
                                       "exponents of the three heaviest claims. Exit 1 when a target is "
                                       "missed. Takes about two minutes on a quiet 2-core machine.")
    bench.add_argument("--json", action="store_true", help="print the results as JSON")
    bench.add_argument("--only", action="append", metavar="NAME",
                       help="only this benchmark (repeatable): " + ", ".join(_bench_names()))
    bench.add_argument("--baseline", default=str(Path(DEFAULT_OUT) / "baseline" / "report.json"),
                       metavar="REPORT", help="report.json whose per-claim wall times pick the three "
                                              "heaviest claims (default reports/baseline/report.json)")

    rep = sub.add_parser("replay", help="re-evaluate a claim on one instance (from a reproduction line)")
    rep.add_argument("id")
    rep.add_argument("--instance", required=True, help="the instance recipe as JSON")
    rep.add_argument("--mutant", help="evaluate this mutant of the claim instead")

    for sp in (ls, run, show, mut, cal, rep):
        sp.add_argument("--module", action="append", default=[], metavar="MOD",
                        help="also load the claims of MOD, a module path (pkg.claims) or a .py file "
                             "(repeatable; installed packages are found through their entry points)")

    new = sub.add_parser("new", help="write a starter package for a paper of your own",
                         description="Write DIR/ (default ./KEY) with a pyproject.toml declaring the "
                                     "theorycheck.papers entry point, a claims module (an identity, an "
                                     "inequality with its mutant, an erratum pair) and a test file. "
                                     "`pip install -e DIR` and `theorycheck run --paper KEY` check it.")
    new.add_argument("key", help="the paper key: lower-case letters and digits, e.g. smith2026")
    new.add_argument("--dir", metavar="DIR", help="where to write the package (default ./KEY)")
    return p


def _out(text: str = "") -> None:
    print(text, flush=True)


class _Progress:
    """A tqdm bar on a terminal; one line per finished claim otherwise (logs stay readable)."""

    def __init__(self, total: int, label: str):
        self.tty = sys.stderr.isatty()
        self.bar = None
        if self.tty:
            from tqdm import tqdm
            self.bar = tqdm(total=total, desc=label, unit="claim", file=sys.stderr, leave=False)
        self.done, self.total = 0, total

    def __call__(self, result) -> None:
        self.done += 1
        mark = "ok " if result.looks_as_declared else "!! "
        if self.bar is not None:
            self.bar.set_postfix_str(result.claim.id[-40:])
            self.bar.update(1)
        else:
            print(f"[{self.done}/{self.total}] {mark}{result.claim.id}: {result.outcome.verdict.value} "
                  f"({result.outcome.wall_s:.1f}s)", file=sys.stderr, flush=True)

    def close(self):
        if self.bar is not None:
            self.bar.close()


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda r: "  ".join(str(x).ljust(w) for x, w in zip(r, widths)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def _prepare(args):
    from checks.device import resolve_device
    from checks.profiles import get_profile
    from checks.run import check_seed, select_claims
    profile = get_profile(args.profile)
    seed = check_seed(args.seed)
    device = resolve_device(args.device)
    if profile.name == "gpu" and device != "cuda":
        raise TheorycheckError("the gpu profile runs the paper-scale tier and needs --device cuda; "
                               "no CUDA device was requested or found")
    registry = _registry(args)
    claims = select_claims(profile, papers=args.paper, claim_ids=args.claim, registry=registry)
    if not claims:
        raise TheorycheckError(f"no claim of the selection is in the {profile.name} profile's tiers")
    return profile, seed, device, claims, registry


class _Interrupted(TheorycheckError):
    """A run stopped by a signal; its journal stays so that it can be resumed."""


def _executor(args, tasks: int):
    """The executor of ``--executor``/``--jobs``/``--scheduler``; ``auto`` jobs never exceed the
    number of tasks (a two-claim run does not start a process per CPU)."""
    from checks.executors import make_executor, parse_jobs
    jobs = parse_jobs(args.jobs)
    if str(args.jobs).strip().lower() == "auto":
        jobs = max(1, min(jobs, tasks))
    name = args.executor or ("processes" if jobs > 1 else "serial")
    return make_executor(name, jobs, args.scheduler)


def cmd_run(args) -> int:
    from checks.journal import Journal
    from checks.report import write_report
    from checks.run import baseline_for, build_report, new_run_id, run_claims, task_costs
    out_dir = Path(args.out)
    _check_writable(out_dir)
    if args.resume:
        journal = Journal.open(out_dir, args.resume)
        meta = journal.meta
        for key in ("paper", "claim", "profile", "device", "seed", "no_mutants"):
            setattr(args, key, meta[key])
        run_id, started = args.resume, meta["started"]
        _out(f"resuming run {run_id} (profile {args.profile}, seed {args.seed})")
    profile, seed, device, claims, registry = _prepare(args)
    if not args.resume:
        run_id, started = new_run_id(profile, seed), time.time()
        journal = Journal.start(out_dir, run_id, {
            "paper": args.paper, "claim": args.claim, "profile": profile.name, "device": args.device,
            "seed": seed, "no_mutants": args.no_mutants, "started": started})
    # the baseline's wall times order the tasks of a parallel run longest first
    baseline, label = baseline_for(args.baseline)
    progress = _Progress(len(claims), f"theorycheck {profile.name}")
    tasks = len(claims) * (1 if args.no_mutants else 1 + max(len(c.mutants) for c in claims))
    # an interrupt at any point before the journal is removed, the report's writing included,
    # leaves the journal whole: --resume finishes the run from it (the report is written atomically)
    try:
        with _executor(args, tasks) as executor:
            try:
                results = run_claims(claims, profile, seed, device=device, executor=executor,
                                     with_mutants=not args.no_mutants, on_result=progress, journal=journal,
                                     costs=task_costs(baseline) if profile.name == "quick" else None)
            finally:
                progress.close()
            command = " ".join(["theorycheck"] + args.argv)
            report = build_report(results, run_id=run_id, seed=seed, profile=profile, device=device,
                                  started=started, command=command, papers=args.paper,
                                  claim_ids=args.claim, registry=registry)
            # a parallel run's workers also draw the figures (they are idle once the claims are done)
            path = write_report(report, out_dir, figures=not args.no_figures, baseline=baseline,
                                baseline_label=label, map_fn=executor.map if executor.workers > 1 else None)
    except KeyboardInterrupt:
        raise _Interrupted(f"interrupted; no report was written. Finish it with: theorycheck run "
                           f"--resume {run_id} --out {out_dir}") from None
    journal.remove()
    _print_summary(report)
    _out(f"report: {path / 'index.html'}")
    s = report["summary"]
    return 0 if not s["unexpected"] and not s["mutants"]["survivors"] else 1


def _print_summary(report: dict) -> None:
    from checks.run import fmt_slack
    rows = []
    for e in report["claims"]:
        killed = sum(m["killed"] for m in e["mutants"])
        rows.append([e["id"], e["kind"], e["verdict"], "ok" if e["as_declared"] else "UNEXPECTED",
                     f"{killed}/{len(e['mutants'])}", e["instances"], fmt_slack(e["worst_slack"]),
                     f"{e['wall_s']:.1f}s"])
    _out(_table(rows, ["claim", "kind", "verdict", "declared", "mutants", "n", "worst slack", "time"]))
    s, run = report["summary"], report["run"]
    _out()
    _out(f"{s['as_declared']}/{s['claims']} claims as declared; mutants refuted "
         f"{s['mutants']['refuted']}/{s['mutants']['total']}; {run['wall_s']:.1f}s "
         f"(profile {run['profile']}, seed {run['seed']}, device {run['device']})")
    from checks.falsifying import explain_entry, explain_survivor
    for cid in s["unexpected"]:
        e = next(x for x in report["claims"] if x["id"] == cid)
        _out(f"UNEXPECTED {cid}: {e['verdict']} (declared {e['expected_verdict']}): {e['message']}")
        _out(explain_entry(e))
    for sv in s["mutants"]["survivors"]:
        _out(f"SURVIVING MUTANT {sv}")
        cid, _, name = sv.partition(" :: ")
        e = next(x for x in report["claims"] if x["id"] == cid)
        _out(explain_survivor(e, name))


def _check_writable(out_dir: Path) -> None:
    probe = out_dir
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK):
        raise TheorycheckError(f"--out {out_dir}: cannot write there ({probe} is not a writable directory)")


def cmd_list(args) -> int:
    registry = _registry(args)
    claims = [c for p in args.paper for c in registry.paper_claims(p)] if args.paper else list(registry)
    if args.json:
        _out(json.dumps([{"id": c.id, "paper": c.paper, "result": c.source.result, "kind": c.kind.value,
                          "status": c.status.value, "tier": c.tier.value, "line": c.source.line,
                          "error_class": c.error_class.value if c.error_class else None,
                          "mutants": [m.name for m in c.mutants], "corrected_by": c.corrected_by}
                         for c in claims], indent=2))
        return 0
    rows = [[c.id, c.kind.value, f"erratum ({c.error_class.value})" if c.error_class else c.status.value, c.tier.value,
             len(c.mutants), c.source.result] for c in claims]
    _out(_table(rows, ["claim", "kind", "status", "tier", "mutants", "result"]))
    by_class = registry.errata_by_class(claims)
    errata = [k for k in ("statement", "proof", "typo") if by_class.get(k)]
    findings = [k for k in ("reading", "vacuous", "source-unverified") if by_class.get(k)]
    _out(f"\n{len(claims)} claims; errata: {sum(by_class.get(k, 0) for k in errata)} "
         f"({', '.join(f'{by_class[k]} {k}' for k in errata) or 'none'}); findings, not errata: "
         f"{sum(by_class.get(k, 0) for k in findings)} ({', '.join(f'{by_class[k]} {k}' for k in findings) or 'none'})")
    return 0


def cmd_show(args) -> int:
    from checks.report import load_report
    c = _registry(args).get(args.id)
    _out(f"{c.id}  [{c.kind.value}, {c.tier.value}, declared {c.status.value}]")
    _out(f"source:    {c.source.paper.citation}; {c.source.result}"
         + (f", §{c.source.section}" if c.source.section else "") + (f", line {c.source.line}" if c.source.line else ""))
    _out(f"statement: {c.statement}")
    if c.corrected_by:
        _out(f"corrected: {c.corrected_by}")
    if c.corrects:
        _out(f"corrects:  {c.corrects}")
    if c.note:
        _out(f"note:      {c.note}")
    _out(f"domain:    {c.domain!r}")
    for m in c.mutants:
        _out(f"mutant:    {m.name}" + (f" — {m.why}" if m.why else ""))
    latest = Path(args.out) / "latest"
    if latest.exists():
        try:
            report = load_report(latest)
            entry = next((e for e in report["claims"] if e["id"] == c.id), None)
            if entry:
                _out(f"last verdict: {entry['verdict']} (run {report['run']['id']}): {entry['message']}")
                ce = entry.get("counterexample")
                if ce and ce.get("reproduce"):
                    _out(f"reproduce: {ce['reproduce']}")
            else:
                _out(f"last verdict: not in the latest run ({report['run']['id']})")
        except ReportError as exc:
            _out(f"last verdict: unreadable latest report ({exc})")
    else:
        _out("last verdict: no run yet")
    return 0


def cmd_mutants(args) -> int:
    from checks.engine import check
    from theory.claims import Verdict
    profile, seed, device, claims, _ = _prepare(args)
    per_paper: dict[str, list[int]] = {}
    survivors = []
    for c in claims:
        for m in c.mutants:
            o = check(c, profile, seed, mutant=m)
            killed = o.verdict is Verdict.REFUTED
            tally = per_paper.setdefault(c.paper, [0, 0])
            tally[0] += killed
            tally[1] += 1
            _out(f"{'killed  ' if killed else 'SURVIVED'} {c.id} :: {m.name} ({o.wall_s:.1f}s) {o.message}")
            if not killed:
                survivors.append(f"{c.id} :: {m.name} ({o.verdict.value})")
    _out()
    _out(_table([[p, f"{k}/{t}", f"{100 * k / t:.0f}%"] for p, (k, t) in per_paper.items()],
                ["paper", "killed", "kill rate"]))
    for s in survivors:
        _out(f"SURVIVOR {s}")
    return 0 if not survivors else 1


def cmd_diff(args) -> int:
    from checks.diff import diff_reports, format_diff
    from checks.report import dumps, load_report
    d = diff_reports(load_report(args.a), load_report(args.b), slack_rtol=args.rtol)
    _out(dumps(d.as_dict()).rstrip("\n") if args.json else format_diff(d))
    return 1 if d.has_changes else 0


def cmd_replay(args) -> int:
    from checks.engine import evaluate
    from theory.evidence import Evidence
    c = _registry(args).get(args.id)
    try:
        recipe = json.loads(args.instance)
    except json.JSONDecodeError as exc:
        raise TheorycheckError(f"--instance is not valid JSON ({exc.msg} at column {exc.colno})") from None
    target = c.with_mutant(c.mutant(args.mutant)) if args.mutant else c
    target.domain.check(recipe)
    value = evaluate(target, recipe)
    parts = [value] if isinstance(value, Evidence) else value
    if isinstance(parts, (list, tuple)) and parts and all(isinstance(v, Evidence) for v in parts):
        # each relation as the report shows it; a Series is summarised, not dumped point by point
        for ev in parts:
            shown = ev.as_dict()
            if ev.series:
                shown["series"] = [f"{s.name}: {len(s.x)} points" for s in ev.series]
            _out(json.dumps(shown, indent=2, default=_json_default))
        violated = [ev.precondition for ev in parts if ev.precondition]
        if violated:
            _out(f"precondition violated: {violated[0]}")
            return 0
        holds = all(ev.holds for ev in parts)
        _out("holds" if holds else "REFUTED on this instance")
        return 0 if holds else 1
    _out(json.dumps(value, indent=2, default=_json_default))
    return 0


def _json_default(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return repr(x)


def cmd_calibrate(args) -> int:
    from checks.run import baseline_costs, run_seeds
    if args.seeds < 1:
        raise TheorycheckError(f"--seeds must be >= 1, got {args.seeds}")
    args.seed = 0
    profile, _, device, claims, _ = _prepare(args)
    problems = []
    start = time.time()
    seeds = list(range(args.seeds))
    tasks = len(seeds) * len(claims) * (1 + max(len(c.mutants) for c in claims))
    with _executor(args, tasks) as executor:
        # the committed baseline's wall times (quick profile) order the tasks longest first
        costs = baseline_costs() if profile.name == "quick" else None
        by_seed = run_seeds(claims, profile, seeds, device=device, executor=executor, costs=costs)
    for seed in seeds:
        results = by_seed[seed]
        found = [f"{r.claim.id}: {r.verdict.value} (declared {r.expected.value})"
                 for r in results if not r.as_declared]
        found += [f"{r.claim.id} :: {name}: mutant survived" for r in results for name in r.survivors]
        problems += [(seed, f) for f in found]
        _out(f"seed {seed:3d}: {len(found)} unexpected")
        for f in found:
            _out(f"    {f}")
    _out(f"({time.time() - start:.0f}s on {executor.workers} {executor.name} worker(s))")
    _out(f"\n{len(problems)} unexpected verdicts over {args.seeds} seeds x {len(claims)} claims "
         f"(profile {profile.name})")
    return 0 if not problems else 1


def cmd_baseline(args) -> int:
    from checks.profiles import get_profile
    from checks.report import render_markdown, report_to_json
    from checks.run import build_report, run_claims, select_claims
    from checks.papers import builtin_paper_keys
    profile = get_profile("quick")
    registry = _registry()
    target = Path(args.dir)
    _check_writable(target)
    started = time.time()
    # the committed baseline covers the built-in papers only (installed papers are checked, not gated)
    builtin = builtin_paper_keys()
    claims = [c for c in select_claims(profile, registry=registry) if c.paper in builtin]
    results = run_claims(claims, profile, 0, jobs=max(1, args.jobs))
    report = build_report(results, run_id="baseline", seed=0, profile=profile, device="cpu",
                          started=started, command="theorycheck baseline", registry=registry)
    target.mkdir(parents=True, exist_ok=True)
    for name, text in (("report.json", report_to_json(report)), ("report.md", render_markdown(report))):
        tmp = target / f".{name}.tmp"
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target / name)
    s = report["summary"]
    _out(f"baseline written to {target}/report.json: {s['claims']} claims, "
         f"{s['as_declared']} as declared, mutants refuted {s['mutants']['refuted']}/{s['mutants']['total']}")
    return 0 if not s["unexpected"] and not s["mutants"]["survivors"] else 1


def cmd_bench(args) -> int:
    from checks.bench import run_benchmarks
    from checks.bench_scaling import measure_scaling
    known = _bench_names()
    chosen = args.only or known
    unknown = [n for n in chosen if n not in known]
    if unknown:
        raise TheorycheckError(f"--only: unknown benchmark {unknown[0]!r}; known: {', '.join(known)}")
    baseline = Path(args.baseline)
    if "scaling" in chosen and not baseline.is_file():
        raise TheorycheckError(f"--baseline: no report.json at {baseline} (it picks the heaviest claims)")
    say = (lambda name: print(f"bench: {name} ...", file=sys.stderr, flush=True))
    results = run_benchmarks([n for n in chosen if n != "scaling"], progress=say)
    scaling = []
    if "scaling" in chosen:
        say("scaling of the three heaviest claims")
        scaling = measure_scaling(baseline)
    import torch
    env = {"torch": torch.__version__, "torch_threads": torch.get_num_threads(),
           "cpu_count": os.cpu_count(), "python": sys.version.split()[0]}
    ok = all(r.passed for r in results) and all(c.passed for c in scaling)
    if args.json:
        _out(json.dumps({"schema": "theorycheck.bench/1", "passed": ok, "environment": env,
                         "benchmarks": [r.as_dict() for r in results],
                         "scaling": [c.as_dict() for c in scaling]}, indent=2))
    else:
        _out(f"theorycheck bench  (torch {env['torch']}, {env['torch_threads']} threads, "
             f"{env['cpu_count']} CPUs)")
        for r in results:
            _out(r.line())
        if scaling:
            _out("\ncost exponents of the heaviest claims (quick-profile wall time in the baseline):")
            for c in scaling:
                _out(c.text())
        _out("\nall targets met" if ok else "\nSOME TARGETS MISSED")
    return 0 if ok else 1


def cmd_new(args) -> int:
    from checks.starter import write_starter
    target = write_starter(args.key, Path(args.dir) if args.dir else None)
    _out(f"wrote {target}/ — next:\n  pip install -e {target}\n  theorycheck run --paper {args.key}\n"
         f"  pytest {target}")
    return 0


COMMANDS = {"bench": cmd_bench, "run": cmd_run, "calibrate": cmd_calibrate, "baseline": cmd_baseline, "list": cmd_list, "show": cmd_show, "mutants": cmd_mutants,
            "diff": cmd_diff, "replay": cmd_replay, "new": cmd_new}



def _interrupt(signum, frame):
    from checks.interrupt import STOP_REQUESTED
    STOP_REQUESTED.set()
    raise KeyboardInterrupt(signal.Signals(signum).name)


def _install_signal_handlers() -> dict:
    """Ctrl-C and SIGTERM stop a run cleanly (no report), even when the shell that started us
    ignored SIGINT (background jobs of non-interactive shells do, and children inherit it).
    Returns the previous handlers so that :func:`main` can put them back."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}


def main(argv: list[str] | None = None) -> int:
    from checks.interrupt import STOP_REQUESTED
    STOP_REQUESTED.clear()
    previous = _install_signal_handlers()
    try:
        return _main(argv)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _main(argv: list[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except _Interrupted as exc:
        print(f"theorycheck: {exc}", file=sys.stderr)
        return 130
    except TheorycheckError as exc:
        print(f"theorycheck: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("theorycheck: interrupted; no report was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
