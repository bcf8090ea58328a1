"""Where the tasks of a run execute: in this process, in a pool of local processes, or on a Dask
distributed cluster (``--executor serial|processes|dask``).

A task is one claim, or one mutant of it, under one run seed (a calibration has one task per
claim, mutant and seed). Workers look claims up by id (claims hold lambdas and do not pickle) and
return the :class:`~checks.engine.Outcome`, which does pickle. Every task draws its randomness
from (run seed, claim id, mutant name), so where and in which order a task runs changes nothing in
its outcome: every executor gives the serial report.

Dask (an optional extra, ``pip install 'theorycheck[dask]'``): with no ``--scheduler`` address a
``LocalCluster`` of single-threaded worker processes on the loopback interface; with an address,
the user's cluster (started e.g. with dask-jobqueue on SLURM; its workers need theorycheck
installed). A worker that dies mid-task has its task run once more elsewhere; a second death makes
that task an ``error`` outcome and the run goes on. Tasks of the gpu tier ask for the worker
resource ``GPU`` (start GPU workers with ``dask worker ADDRESS --resources GPU=1``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from checks.engine import Outcome, RunContext, check
from checks.profiles import Profile, get_profile
from theory.claims import Claim, Verdict
from theory.errors import InputError

EXECUTORS = ("serial", "processes", "dask")

#: How often a task may be lost with its worker before it is reported as an error (the issue asks
#: for one retry).
WORKER_DEATHS_ALLOWED = 1

DASK_MISSING = ("--executor dask needs Dask's distributed scheduler: "
                "pip install 'theorycheck[dask]' (or: pip install dask distributed)")


@dataclass(frozen=True)
class Task:
    """One claim (``mutant`` None) or one of its mutants, checked under run seed ``seed``."""

    claim_id: str
    mutant: str | None
    seed: int
    gpu: bool = False  # runs only where a GPU resource is offered (Dask)

    @property
    def key(self) -> str:
        """A name unique within a run (the Dask task key, the progress label)."""
        return f"{self.claim_id}::{self.mutant or ''}::seed{self.seed}"


def available_cpus() -> int:
    """CPUs this process may run on (the affinity mask, which a batch scheduler may narrow)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def parse_jobs(value: str | int) -> int:
    """``--jobs``: a positive integer, or ``auto`` for every CPU this process may use."""
    if isinstance(value, int) and not isinstance(value, bool):
        jobs = value
    elif isinstance(value, str) and value.strip().lower() == "auto":
        return available_cpus()
    else:
        try:
            jobs = int(str(value))
        except ValueError:
            raise InputError(f"--jobs must be a positive integer or 'auto', got {value!r}") from None
    if jobs < 1:
        raise InputError(f"--jobs must be >= 1 or 'auto', got {value!r}")
    return jobs


#: the MODULES_ENV value this worker process has loaded the papers for (None: not loaded yet)
_PAPERS_LOADED_FOR: str | None = None


def _load_papers_once() -> None:
    """Built-in, installed and the parent's ``--module`` papers (checks.papers.MODULES_ENV), once per
    worker process: scanning the installed entry points again for every task cost 13 ms a task
    (6 s of CPU over the quick profile's 480 tasks)."""
    global _PAPERS_LOADED_FOR
    from checks.papers import MODULES_ENV, load_papers
    wanted = os.environ.get(MODULES_ENV, "")
    if _PAPERS_LOADED_FOR != wanted:
        load_papers()
        _PAPERS_LOADED_FOR = wanted


def run_task(task: Task, profile_name: str, device: str) -> Outcome:
    """Worker side: look the claim up by id and check it (or its mutant)."""
    from theory.claims import REGISTRY
    _load_papers_once()
    claim = REGISTRY.get(task.claim_id)
    return check(claim, get_profile(profile_name), task.seed,
                 mutant=claim.mutant(task.mutant) if task.mutant else None,
                 context=RunContext(device=device, profile=profile_name))


def run_task_on_dask(task: Task, profile_name: str, device: str) -> Outcome:
    """:func:`run_task` in a Dask worker. The worker's own threads (heartbeats with random
    jitter) touch the global ``random`` module while Hypothesis generates data, which Hypothesis
    reports with a deprecation warning; its draws come from its own seeded generator, so the
    warning says nothing about this task and is silenced here."""
    import warnings
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Do not use the `random` module inside strategies")
        return run_task(task, profile_name, device)


def limit_threads(threads: int) -> None:
    """Worker start-up: BLAS/OpenMP pools and torch's intra-op pool share the CPUs between the
    workers instead of each spinning up one thread per CPU and fighting over the same cores.
    (Torch's pool is set only if torch is imported; a worker that later imports it inherits
    OMP_NUM_THREADS, set here before any import.)"""
    import sys
    os.environ["OMP_NUM_THREADS"] = str(threads)
    from threadpoolctl import threadpool_limits
    threadpool_limits(threads)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(threads)


def worker_context():
    """How local worker processes start: forked from a fork server that has imported the libraries and
    the papers (:mod:`checks.worker_preload`), where the platform has one, else spawned.

    Measured on the quick profile, 2 workers, no figures, quiet 2-core machine: 85.1 s wall spawned
    against 71.3 s from the fork server (the claims themselves 76.2 s against 64.8 s), and the
    imports are no longer paid by each worker. The fork server never runs a torch operation, so no
    torch thread pool exists to be forked (the reason plain ``fork`` from the run's process is unsafe).
    """
    import multiprocessing
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["checks.worker_preload"])
    return ctx


def start_worker(threads: int, modules: str, run_pid: int) -> None:
    """Worker start-up: the thread limits of :func:`limit_threads`, the ``--module`` papers of the
    run that started it (the fork server's environment is that of the first run in this process),
    and an exit when the run's process ``run_pid`` is gone (:func:`_exit_with`)."""
    from checks.papers import MODULES_ENV
    if modules:
        os.environ[MODULES_ENV] = modules
    else:
        os.environ.pop(MODULES_ENV, None)
    limit_threads(threads)
    _exit_with(run_pid)


def _exit_with(pid: int) -> None:
    """End this worker as soon as process ``pid`` (the run) ends, however it ends (SIGKILL included).

    Without it a killed run leaves its workers behind, busy with their task and holding the run's
    output open (tests/checks/test_cli.py kills one). The run is not always the worker's parent: a
    worker started by the fork server is the fork server's child, and the fork server stays up while
    any worker holds its "alive" pipe, so Linux's PR_SET_PDEATHSIG (which this replaces) would follow
    the fork server and never fire. A daemon thread waits on a pidfd of the run (Linux), or polls it
    twice a second elsewhere.
    """
    import threading
    import time

    def watch() -> None:
        try:
            import select
            fd = os.pidfd_open(pid)
            select.select([fd], [], [])  # readable once the process has exited
        except (AttributeError, OSError):
            while True:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    pass
                time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="theorycheck-run-watch", daemon=True).start()


class Executor:
    """Runs tasks and yields ``(task, outcome)`` as each finishes; also maps a plain function over
    items (the report's figures). Use as a context manager."""

    name = "executor"
    workers = 1

    def run(self, tasks: list[Task], profile: Profile, device: str,
            claims: dict[str, Claim]) -> Iterator[tuple[Task, Outcome]]:
        """``claims``: the claims by id (a worker process finds them in its own registry)."""
        raise NotImplementedError

    def map(self, fn: Callable, items: Iterable) -> list:
        return [fn(item) for item in items]

    def close(self) -> None:
        pass

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SerialExecutor(Executor):
    """Every task in this process, one after the other, in the order given."""

    name = "serial"

    def run(self, tasks, profile, device, claims):
        context = RunContext(device=device, profile=profile.name)
        for task in tasks:
            claim = claims[task.claim_id]
            mutant = claim.mutant(task.mutant) if task.mutant else None
            yield task, check(claim, profile, task.seed, mutant=mutant, context=context)


class ProcessExecutor(Executor):
    """A pool of ``workers`` local processes (started by :func:`worker_context`), each limited to
    ``cpus // workers`` BLAS and torch threads."""

    name = "processes"

    def __init__(self, workers: int):
        from concurrent.futures import ProcessPoolExecutor
        self.workers = workers
        threads = max(1, available_cpus() // workers)
        from checks.papers import MODULES_ENV
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=worker_context(),
                                        initializer=start_worker,
                                        initargs=(threads, os.environ.get(MODULES_ENV, ""), os.getpid()))

    def run(self, tasks, profile, device, claims):
        from concurrent.futures import FIRST_COMPLETED, wait
        futures = {self.pool.submit(run_task, t, profile.name, device): t for t in tasks}
        remaining = set(futures)
        while remaining:
            done, remaining = wait(remaining, return_when=FIRST_COMPLETED)
            for f in done:
                yield futures[f], f.result()

    def map(self, fn, items):
        return list(self.pool.map(fn, items))

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor(Executor):
    """Tasks on a Dask distributed cluster: the one at ``scheduler``, or a LocalCluster of
    ``workers`` single-threaded processes on 127.0.0.1."""

    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None):
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise InputError(DASK_MISSING) from None
        self.cluster = None
        # Read by the scheduler we start (a user's scheduler has its own setting): a task whose
        # worker died more than this often is failed with KilledWorker instead of retried.
        dask.config.set({"distributed.scheduler.allowed-failures": WORKER_DEATHS_ALLOWED})
        # The workers of the LocalCluster started here (a user's cluster keeps its own settings) do
        # not sample their own stacks every 10 ms or watch the GIL every 1 ms: on 2 cores both took
        # CPU from the claims (measured on the cluster benchmark's 70 tasks: see docs/performance.md).
        # Nor do they start with Dask's MALLOC_TRIM_THRESHOLD_=65536, which makes glibc hand every
        # freed numpy/torch temporary back to the system and fault it in again: the benchmark's 70
        # tasks took 9.2–9.7 s with it and 7.7–8.4 s without (2 workers, this 2-core machine).
        quiet_workers = {"distributed.worker.profile.enabled": False,
                         "distributed.admin.system-monitor.gil.enabled": False,
                         "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except OSError as exc:
                raise InputError(f"--scheduler {scheduler}: cannot reach a Dask scheduler there ({exc})") from None
        else:
            with dask.config.set(quiet_workers):
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", dashboard_address=None,
                                            silence_logs=40)  # logging.ERROR
            self.client = Client(self.cluster)
        self.workers = len(self.client.scheduler_info().get("workers", {})) or workers

    def run(self, tasks, profile, device, claims):
        from distributed import as_completed
        futures = {}
        for t in tasks:
            f = self.client.submit(run_task_on_dask, t, profile.name, device, key=f"theorycheck-{t.key}",
                                   pure=False, resources={"GPU": 1} if t.gpu else None)
            futures[f] = t
        for f in as_completed(futures):
            t = futures[f]
            yield t, self._outcome(f)

    @staticmethod
    def _outcome(future) -> Outcome:
        from distributed import KilledWorker
        try:
            return future.result()
        except KilledWorker:
            return Outcome(Verdict.ERROR, f"the worker running this task died "
                                          f"{WORKER_DEATHS_ALLOWED + 1} times (killed, or out of memory)")

    def map(self, fn, items):
        return self.client.gather(self.client.map(fn, list(items), pure=False))

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(name: str, workers: int, scheduler: str | None = None) -> Executor:
    """The executor ``--executor NAME`` asks for (``--scheduler`` only with dask)."""
    if name not in EXECUTORS:
        raise InputError(f"unknown executor {name!r} (choose from: {', '.join(EXECUTORS)})")
    if scheduler and name != "dask":
        raise InputError("--scheduler is an address of a Dask scheduler; it needs --executor dask")
    if name == "dask":
        return DaskExecutor(workers, scheduler)
    if name == "processes" and workers > 1:
        return ProcessExecutor(workers)
    return SerialExecutor()
