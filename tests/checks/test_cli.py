"""The command line, in process (fast) and once through the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checks.cli import main

CHEAP = ["--claim", "arora2019.rem5.1.printed-parallel"]  # an erratum: pulls in its sibling


def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def one_run(tmp_path_factory):
    """One real `theorycheck run` on the Remark 5.1 pair, shared by the tests below."""
    out = tmp_path_factory.mktemp("reports")
    code = main(["run", *CHEAP, "--out", str(out), "--seed", "0"])
    return code, out


def test_run_writes_report_and_exits_zero_when_all_as_declared(one_run):
    code, out = one_run
    assert code == 0
    latest = out / "latest"
    assert latest.is_symlink() and (latest / "report.json").is_file()
    report = json.loads((latest / "report.json").read_text())
    verdicts = {c["id"]: c["verdict"] for c in report["claims"]}
    assert verdicts == {"arora2019.rem5.1.printed-parallel": "finding-confirmed",
                        "arora2019.rem5.1.hinf-positive-definite": "verified"}
    assert report["summary"]["mutants"]["survivors"] == []
    assert report["errata"] == []  # Remark 5.1's narrow reading is a finding, never an erratum
    finding = report["findings"][0]
    assert finding["counterexample"]["instance"]["X"]["geometry"] == "antipodal_pairs"
    for name in ("report.md", "index.html"):
        assert (latest / name).is_file()


def test_reproduction_line_replays_the_counterexample(one_run, capsys):
    _, out = one_run
    report = json.loads((out / "latest" / "report.json").read_text())
    line = report["findings"][0]["counterexample"]["reproduce"]
    instance = line.split("--instance ", 1)[1].strip("'")
    code, text, _ = run_cli(capsys, "replay", "arora2019.rem5.1.printed-parallel", "--instance", instance)
    assert code == 1 and "REFUTED on this instance" in text


def test_show_prints_statement_source_and_last_verdict(one_run, capsys):
    _, out = one_run
    code, text, _ = run_cli(capsys, "show", "arora2019.rem5.1.printed-parallel", "--out", str(out))
    assert code == 0
    assert "Remark 5.1" in text and "line 229" in text and "arXiv:1901.08584" in text
    assert "last verdict: finding-confirmed" in text and "reproduce: theorycheck replay" in text


def test_diff_of_a_report_with_itself_and_with_a_changed_copy(one_run, capsys, tmp_path):
    _, out = one_run
    run_dir = (out / "latest").resolve()
    code, text, _ = run_cli(capsys, "diff", str(run_dir), str(run_dir))
    assert code == 0 and "no differences" in text
    changed = json.loads((run_dir / "report.json").read_text())
    changed["claims"][1]["verdict"] = "refuted"
    other = tmp_path / "report.json"
    other.write_text(json.dumps(changed))
    code, text, _ = run_cli(capsys, "diff", str(run_dir), str(other))
    assert code == 1 and "arora2019.rem5.1.hinf-positive-definite" in text and "refuted" in text


def test_list_and_list_json(capsys):
    code, text, _ = run_cli(capsys, "list")
    assert code == 0 and "arora2019.thm6.1.printed-bound" in text
    code, text, _ = run_cli(capsys, "list", "--json", "--paper", "arora2019")
    rows = json.loads(text)
    assert code == 0 and {r["paper"] for r in rows} == {"arora2019"}
    assert all(r["line"] for r in rows)


def test_mutants_command_prints_kill_rate(capsys):
    code, text, _ = run_cli(capsys, "mutants", "--claim", "arora2019.ex6.2.nuclear-norm-squared")
    assert code == 0
    assert "arora2019" in text and "100%" in text and "killed" in text


@pytest.mark.parametrize("argv,needle", [
    (["run", "--claim", "arora2019.nope.x"], "unknown claim id"),
    (["run", "--paper", "nobody2020"], "unknown paper 'nobody2020'"),
    (["run", "--profile", "fastest"], "unknown profile 'fastest'"),
    (["run", "--seed", "-1"], "--seed must be"),
    (["run", "--device", "tpu"], "unknown device 'tpu'"),
    (["run", "--profile", "gpu"], "needs --device cuda"),
    (["show", "arora2019.nope.x"], "unknown claim id"),
    (["replay", "arora2019.thm6.1.printed-bound", "--instance", "{not json"], "not valid JSON"),
    (["replay", "arora2019.thm6.1.printed-bound", "--instance", "{}"], "missing"),
    (["replay", "arora2019.thm6.1.printed-bound", "--instance", "{}", "--mutant", "nope"], "has no mutant"),
    (["diff", "/nonexistent/a.json", "/nonexistent/b.json"], "a.json"),
])
def test_bad_input_gets_a_one_line_error(capsys, argv, needle):
    code, _, err = run_cli(capsys, *argv)
    assert code == 2
    assert needle in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_cuda_request_without_a_device_is_refused(capsys):
    import torch
    if torch.cuda.is_available():
        pytest.skip("a CUDA device is present")
    code, _, err = run_cli(capsys, "run", *CHEAP, "--device", "cuda")
    assert code == 2 and "no CUDA device" in err


def test_gpu_tier_without_cuda_is_refused_in_one_line(capsys):
    import torch
    if torch.cuda.is_available():
        pytest.skip("a CUDA device is present")
    code, out, err = run_cli(capsys, "run", "--profile", "gpu", "--device", "cuda")
    assert code == 2 and "no CUDA device" in err
    assert err.count("\n") == 1 and "Traceback" not in err and out == ""


@pytest.mark.parametrize("argv,needle", [
    (["bench", "--only", "nope"], "unknown benchmark 'nope'"),
    (["bench", "--only", "scaling", "--baseline", "/nonexistent/report.json"], "no report.json"),
])
def test_bench_bad_arguments(capsys, argv, needle):
    code, _, err = run_cli(capsys, *argv)
    assert code == 2 and needle in err and "Traceback" not in err


def test_bench_json_reports_ratio_target_and_verdict(capsys):
    code, out, _ = run_cli(capsys, "bench", "--only", "walsh-hadamard", "--json")
    data = json.loads(out)
    (r,) = data["benchmarks"]
    assert data["schema"] == "theorycheck.bench/1" and r["name"] == "walsh-hadamard"
    assert r["ratio"] == pytest.approx(r["baseline_s"] / r["measured_s"])
    assert r["passed"] == (r["ratio"] >= r["target"] and all(r["checks"].values()))
    assert code == (0 if r["passed"] else 1)


def test_unwritable_out_is_refused_before_any_work(capsys, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, _, err = run_cli(capsys, "run", *CHEAP, "--out", str(blocker / "reports"))
    assert code == 2 and "cannot write" in err and str(blocker) in err


def test_corrupted_report_is_named_in_the_error(capsys, tmp_path):
    bad = tmp_path / "report.json"
    bad.write_text('{"schema": "theorycheck.report/1", "run": ')
    code, _, err = run_cli(capsys, "diff", str(bad), str(bad))
    assert code == 2 and "not valid JSON" in err


def test_console_script_help():
    exe = shutil.which("theorycheck") or str(Path(sys.executable).parent / "theorycheck")
    proc = subprocess.run([exe, "run", "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    for flag in ("--paper", "--claim", "--profile", "--device", "--seed", "--out"):
        assert flag in proc.stdout


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM", "SIGKILL"])
def test_interrupted_run_leaves_no_report_and_keeps_latest(tmp_path, sig):
    import os
    import signal
    import time

    out = tmp_path / "reports"
    (out / "old-run").mkdir(parents=True)
    (out / "latest").symlink_to("old-run")
    exe = shutil.which("theorycheck") or str(Path(sys.executable).parent / "theorycheck")
    cheap = ["--claim", "arora2019.rem5.1.printed-parallel", "--claim", "arora2019.ex6.2.printed-nuclear-norm"]
    # a claim of a few seconds keeps the run busy after the first task is journaled: with cheap
    # claims alone a fast machine finished the whole run before the signal arrived
    busy = ["--claim", "arora2019.thm4.1.trajectory-deviation-scaling"]
    proc = subprocess.Popen([exe, "run", *cheap, *busy, "--out", str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    deadline = time.time() + 90
    while not list(out.glob(".journal-*/*.json"))[1:] and time.time() < deadline:
        time.sleep(0.2)  # wait until the run is under way: meta.json and one finished task saved
    proc.send_signal(getattr(signal, sig))
    try:
        _, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:  # show where it hung (faulthandler dumps on SIGABRT)
        proc.send_signal(signal.SIGABRT)
        _, err = proc.communicate(timeout=30)
        pytest.fail(f"{sig} did not stop the run:\n{err[-6000:]}")
    if sig == "SIGKILL":
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 130, err
        assert "interrupted; no report was written" in err and "--resume" in err
    reports = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert reports == ["latest", "old-run"]
    assert os.readlink(out / "latest") == "old-run"
    assert [p.name for p in out.iterdir() if p.name.startswith(".")][0].startswith(".journal-")


def test_calibrate_reports_no_unexpected_verdict_on_two_seeds(capsys):
    code, text, _ = run_cli(capsys, "calibrate", "--seeds", "2", "--claim", "arora2019.ex6.2.printed-nuclear-norm")
    assert code == 0 and "0 unexpected verdicts over 2 seeds" in text


def test_baseline_command_writes_json_and_markdown(tmp_path, capsys, monkeypatch):
    from checks import run as run_module
    from theory.claims import REGISTRY
    only = [REGISTRY.get("arora2019.ex6.2.printed-nuclear-norm"), REGISTRY.get("arora2019.ex6.2.nuclear-norm-squared")]
    monkeypatch.setattr(run_module, "select_claims", lambda profile, registry=None: only)
    code, text, _ = run_cli(capsys, "baseline", "--dir", str(tmp_path / "baseline"))
    assert code == 0 and "2 claims" in text
    from checks.report import load_report
    report = load_report(tmp_path / "baseline" / "report.json")
    assert report["run"]["seed"] == 0 and (tmp_path / "baseline" / "report.md").is_file()


SERIES_NOTE = '''
from theory.claims import Int, Kind, Mutant, Paper, Source, Space, at_least, at_most, claim
from theory.evidence import Series

NOTE = Paper(key="replaynote2026", authors="A. Author", year=2026, title="A note", where="arXiv:2")


@claim(id="replaynote2026.lem1.two-sides", source=Source(NOTE, "Lemma 1", line=1), kind=Kind.INEQUALITY,
       domain=Space(k=Int(1, 5)), mutants=(Mutant("k <= 2", params={"cap": 2}),))
def two_sides(inst, cap=5):
    r"""1 \\le k \\le 5"""
    curve = Series("k-curve", list(range(5000)), [float(inst.k)] * 5000)
    return [at_least(inst.k, 1, series=[curve]), at_most(inst.k, cap)]
'''


def test_replay_of_several_relations_prints_each_and_summarises_series(capsys, tmp_path):
    module = tmp_path / "replaynote.py"
    module.write_text(SERIES_NOTE)
    code, text, _ = run_cli(capsys, "replay", "replaynote2026.lem1.two-sides", "--instance", '{"k": 4}',
                            "--module", str(module))
    assert code == 0 and text.rstrip().endswith("holds")
    assert text.count('"relation"') == 2 and "k-curve: 5000 points" in text and "4999" not in text
    code, text, _ = run_cli(capsys, "replay", "replaynote2026.lem1.two-sides", "--instance", '{"k": 4}',
                            "--mutant", "k <= 2", "--module", str(module))
    assert code == 1 and "REFUTED on this instance" in text


def test_an_interrupt_while_the_report_is_written_keeps_the_journal_for_resume(tmp_path, capsys, monkeypatch):
    import checks.report

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    out = tmp_path / "reports"
    with monkeypatch.context() as m:
        m.setattr(checks.report, "write_report", interrupted)
        code, _, err = run_cli(capsys, "run", *CHEAP, "--out", str(out), "--jobs", "1")
    assert code == 130 and "interrupted; no report was written" in err
    run_id = err.split("--resume ", 1)[1].split()[0]
    code, text, _ = run_cli(capsys, "run", "--resume", run_id, "--out", str(out), "--jobs", "1")
    assert code == 0 and (out / "latest" / "report.json").is_file()
    assert not list(out.glob(".journal-*"))
