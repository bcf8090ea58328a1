"""The README's `theorycheck run` as a user runs it (``theorycheck bench --only quick-run``; issue 17).

Runs the quick profile, report and figures included, in a fresh process, twice: the README's command
(``--jobs auto``, a worker per CPU) and the same run with ``--jobs 1`` as the baseline timed in the
same benchmark. Targets: the README's run ends within 30 s of wall time and the whole process tree
never holds more than 500 MB.

Memory is sampled every 250 ms over the process tree with psutil (reading the page tables of a 600 MB
process every 50 ms slowed the run it measured by a third). "Held" is the summed proportional
set size (PSS): each page counts once, split between the processes that share it (the workers map
the same torch and numpy libraries). The summed resident set size, which counts a shared library
once per process, and the largest single process are reported beside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time

WALL_TARGET_S = 30.0
MEMORY_TARGET_MB = 500.0


class TreeMemory(threading.Thread):
    """Peak memory of a process and its descendants, sampled until :meth:`stop`."""

    def __init__(self, pid: int, every_s: float = 0.25):
        super().__init__(daemon=True)
        self.pid, self.every_s = pid, every_s
        self.peak_pss = self.peak_rss = self.peak_single_rss = 0
        self._cpu: dict[int, float] = {}  # pid -> user + system seconds when last seen
        self._done = threading.Event()

    @property
    def cpu_s(self) -> float:
        """CPU seconds of every process of the tree (as last sampled): workers started by a fork
        server are not the run's children, so the run's own rusage does not count them."""
        return sum(self._cpu.values())

    def run(self) -> None:
        import psutil
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._done.is_set():
            pss = rss = single = 0
            try:
                procs = [root] + root.children(recursive=True)
            except psutil.NoSuchProcess:
                break
            for p in procs:
                try:
                    info = p.memory_full_info()
                    times = p.cpu_times()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                self._cpu[p.pid] = times.user + times.system
                pss += info.pss
                rss += info.rss
                single = max(single, info.rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_single_rss = max(self.peak_single_rss, single)
            self._done.wait(self.every_s)

    def stop(self) -> None:
        self._done.set()
        self.join()


def timed_run(extra: list[str]) -> dict:
    """Wall time, CPU time of the tree and peak memory of one ``theorycheck run`` (quick profile)."""
    with tempfile.TemporaryDirectory(prefix="theorycheck-bench-") as out:
        command = [sys.executable, "-m", "checks", "run", "--out", out, *extra]
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        memory = TreeMemory(proc.pid)
        memory.start()
        output, _ = proc.communicate()
        wall = time.perf_counter() - start
        memory.stop()
    cpu = memory.cpu_s
    if proc.returncode != 0:
        tail = "\n".join(output.splitlines()[-5:])
        raise RuntimeError(f"{' '.join(command)} exited {proc.returncode}:\n{tail}")
    mb = 1024 * 1024
    return {"wall_s": wall, "cpu_s": cpu, "peak_pss_mb": memory.peak_pss / mb,
            "peak_rss_sum_mb": memory.peak_rss / mb, "peak_single_rss_mb": memory.peak_single_rss / mb}


def bench_quick_run():
    from checks.bench import BenchResult
    from checks.executors import available_cpus
    try:
        import psutil  # noqa: F401
    except ImportError:
        from theory.errors import InputError
        raise InputError("the quick-run benchmark samples memory with psutil: pip install psutil "
                         "(or theorycheck[test])") from None
    readme = timed_run([])
    serial = timed_run(["--jobs", "1"])
    load = os.getloadavg()[0]
    return BenchResult(
        "quick-run", f"`theorycheck run` (quick, report and figures, --jobs auto = {available_cpus()})",
        readme["wall_s"], serial["wall_s"], "the same run with --jobs 1", 1.0, True,
        {"readme_run": readme, "serial_run": serial, "load_average": list(os.getloadavg())},
        {f"wall <= {WALL_TARGET_S:g} s": readme["wall_s"] <= WALL_TARGET_S,
         f"memory < {MEMORY_TARGET_MB:g} MB": readme["peak_pss_mb"] < MEMORY_TARGET_MB},
        f"memory (PSS of the process tree) {readme['peak_pss_mb']:.0f} MB; summed RSS "
        f"{readme['peak_rss_sum_mb']:.0f} MB; largest process {readme['peak_single_rss_mb']:.0f} MB\n"
        f"CPU {readme['cpu_s']:.1f} s (serial {serial['cpu_s']:.1f} s, {serial['peak_pss_mb']:.0f} MB); "
        f"load average {load:.1f}")
