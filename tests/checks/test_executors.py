"""Executors: every one gives the serial report; a Dask worker killed mid-run loses nothing; the
command-line options fail with one clear line."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import pytest

import theory.papers  # noqa: F401
from checks.cli import main
from checks.executors import DASK_MISSING, DaskExecutor, Task, make_executor, parse_jobs
from checks.journal import Journal
from checks.profiles import get_profile
from checks.run import longest_first, longest_first_makespan, run_claims, select_claims, task_costs, untimed_entries
from theory.claims import Verdict
from theory.errors import InputError

#: one claim and its two mutants: three tasks of about a second each
SELECTION = ["arora2019.rem5.1.hinf-positive-definite"]
SEED = 5


def _entries(results) -> list[dict]:
    """The report entries without their timings."""
    return untimed_entries(results)


@pytest.fixture(scope="module")
def claims():
    return select_claims(get_profile("quick"), claim_ids=SELECTION)


@pytest.fixture(scope="module")
def serial(claims):
    return _entries(run_claims(claims, get_profile("quick"), SEED, jobs=1))


def test_jobs_accepts_auto_and_positive_counts():
    assert parse_jobs("auto") >= 1
    assert parse_jobs("3") == 3 and parse_jobs(2) == 2
    for bad in ("0", "-1", "many", "1.5"):
        with pytest.raises(InputError, match="--jobs"):
            parse_jobs(bad)


def test_scheduler_without_dask_is_refused():
    with pytest.raises(InputError, match="needs --executor dask"):
        make_executor("processes", 2, "tcp://127.0.0.1:8786")
    with pytest.raises(InputError, match="unknown executor"):
        make_executor("threads", 2)


def test_missing_dask_is_one_line_naming_the_extra(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    code = main(["run", "--claim", SELECTION[0], "--executor", "dask", "--out", str(tmp_path)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err == f"theorycheck: error: {DASK_MISSING}"
    assert "theorycheck[dask]" in err and "\n" not in err


def test_gpu_tier_tasks_ask_for_a_gpu_resource():
    pytest.importorskip("distributed")
    submitted = []

    class Submitted(Exception):
        """nothing runs: only the request matters here"""

    class Client:
        def submit(self, fn, *args, **kwargs):
            submitted.append(kwargs)
            raise Submitted

    ex = DaskExecutor.__new__(DaskExecutor)
    ex.client = Client()
    for gpu in (True, False):
        with pytest.raises(Submitted):
            next(ex.run([Task("some.claim", None, 0, gpu=gpu)], get_profile("quick"), "cpu", {}))
    assert submitted[0]["resources"] == {"GPU": 1} and submitted[1]["resources"] is None


def test_processes_give_the_serial_report(claims, serial):
    with make_executor("processes", 2) as ex:
        assert _entries(run_claims(claims, get_profile("quick"), SEED, executor=ex)) == serial


def test_tasks_ordered_longest_first_give_the_serial_report(claims, serial):
    # the mutants claimed slowest, so they start before the claim: the outcomes must not care
    costs = {(c.id, m.name): 10.0 + i for c in claims for i, m in enumerate(c.mutants)}
    with make_executor("processes", 2) as ex:
        assert _entries(run_claims(claims, get_profile("quick"), SEED, executor=ex, costs=costs)) == serial


def test_task_costs_come_from_an_earlier_report_and_order_longest_first():
    report = {"claims": [
        {"id": "a", "wall_s": 5.0, "mutants": [{"name": "m1", "wall_s": 1.0}, {"name": "m2", "wall_s": 3.0}]},
        {"id": "b", "wall_s": 0.5, "mutants": []},
    ]}
    costs = task_costs(report)
    assert costs == {("a", "m1"): 1.0, ("a", "m2"): 3.0, ("a", None): 1.0, ("b", None): 0.5}
    assert task_costs(None) == {}
    tasks = [Task("b", None, 0), Task("a", None, 0), Task("a", "m1", 0), Task("a", "m2", 0), Task("new", None, 0)]
    ordered = longest_first(tasks, costs)
    assert [(t.claim_id, t.mutant) for t in ordered][:1] == [("a", "m2")]
    assert [(t.claim_id, t.mutant) for t in ordered][-1] == ("b", None)
    # a task the report does not know counts as the median known cost (1.0), after the 3.0 one
    assert ordered.index(Task("new", None, 0)) in (1, 2, 3)


@pytest.fixture(scope="module")
def dask_cluster():
    pytest.importorskip("distributed")
    with make_executor("dask", 2) as ex:  # a LocalCluster on 127.0.0.1
        yield ex


def test_dask_gives_the_serial_report(dask_cluster, claims, serial):
    assert dask_cluster.workers == 2
    assert _entries(run_claims(claims, get_profile("quick"), SEED, executor=dask_cluster)) == serial


def test_dask_survives_a_worker_killed_mid_run(dask_cluster, claims, serial, tmp_path):
    """As soon as a worker is running a task, it is killed (SIGKILL); its task runs again on a
    worker that is alive, the journal holds every task, and the report equals the serial one."""
    client = dask_cluster.client
    journal = Journal.start(tmp_path, "killed-worker", {"seed": SEED})
    killed = []

    def kill_a_busy_worker():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            busy = [w for w, keys in client.processing().items() if keys]
            if busy:
                for pid in client.run(os.getpid, workers=busy[:1]).values():
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    results = run_claims(claims, get_profile("quick"), SEED, executor=dask_cluster, journal=journal)
    killer.join()
    assert killed
    assert len(journal.done()) == sum(1 + len(c.mutants) for c in claims)
    assert _entries(results) == serial


def test_a_task_whose_worker_dies_twice_is_an_error_not_a_crash():
    from distributed import KilledWorker

    class Future:
        def result(self):
            raise KilledWorker("task", "worker", 2)

    out = DaskExecutor._outcome(Future())
    assert out.verdict is Verdict.ERROR and "died" in out.message


def test_cli_run_on_a_dask_scheduler_writes_the_serial_report(dask_cluster, tmp_path):
    """`theorycheck run --executor dask --scheduler ADDRESS` (the fixture's LocalCluster) writes
    the report a serial run writes, apart from timing."""
    from checks.report import load_report
    from checks.run import without_timing
    address = dask_cluster.cluster.scheduler_address
    args = ["run", "--claim", SELECTION[0], "--seed", str(SEED), "--no-figures"]
    assert main([*args, "--jobs", "1", "--out", str(tmp_path / "serial")]) in (0, 1)
    assert main([*args, "--executor", "dask", "--scheduler", address,
                 "--out", str(tmp_path / "dask")]) in (0, 1)
    serial, dask = (without_timing(load_report(tmp_path / name / "latest")) for name in ("serial", "dask"))
    assert dask == serial


def test_bad_jobs_on_the_command_line_is_one_line(tmp_path, capsys):
    assert main(["run", "--claim", SELECTION[0], "--jobs", "0", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("theorycheck: error: --jobs") and "\n" not in err


def test_longest_first_makespan_is_capped_by_the_longest_task_and_the_mean_load():
    costs = [5.0, 3.0, 3.0, 2.0, 2.0, 1.0]
    assert longest_first_makespan(costs, 1) == 16.0
    assert longest_first_makespan(costs, 2) == 8.0           # 5+3 | 3+2+2+1... LPT: {5,2,1} {3,3,2}
    assert longest_first_makespan(costs, 64) == 5.0           # the critical path
    assert longest_first_makespan([], 4) == 0.0
    for bad in (0, 2.5, True):
        with pytest.raises(InputError, match="workers"):
            longest_first_makespan(costs, bad)
