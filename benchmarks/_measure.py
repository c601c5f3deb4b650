"""Shared helpers: run a function in a fresh process and report wall time and peak memory."""

from __future__ import annotations

import multiprocessing as mp
import resource
import time
from collections.abc import Callable
from typing import Any


def peak_rss() -> int:
    """Peak resident memory of this process in bytes. VmHWM, not ru_maxrss: Linux carries ru_maxrss over
    from the parent through fork and exec, so a fresh child would report the parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _child(fn: Callable[..., Any], args: tuple[Any, ...], queue: mp.Queue) -> None:  # type: ignore[type-arg]
    base = peak_rss()
    start = time.perf_counter()
    try:
        result = fn(*args)
    except BaseException as exc:  # the parent raises it instead of waiting for a result that never comes
        import traceback

        queue.put(RuntimeError(f"{fn.__name__} failed in the measured process:\n{traceback.format_exc()}"))
        raise SystemExit(1) from exc
    elapsed = time.perf_counter() - start
    queue.put((elapsed, peak_rss(), base, result))


def measure(fn: Callable[..., Any], *args: Any, repeat: int = 3) -> tuple[float, int, Any]:
    """Best wall time of ``repeat`` runs, the peak resident memory (bytes) of a run's process, the result."""
    ctx = mp.get_context("spawn")  # fork after polars started its threads can deadlock
    best, peak, result = float("inf"), 0, None
    for _ in range(repeat):
        queue = ctx.Queue()
        process = ctx.Process(target=_child, args=(fn, args, queue))
        process.start()
        answer = queue.get()
        process.join()
        if isinstance(answer, BaseException):
            raise answer
        elapsed, rss, _base, result = answer
        best, peak = min(best, elapsed), max(peak, rss)
    return best, peak, result


def record(bench: str, figure: str, value: float, unit: str, reference: float | None = None,
           target: float | None = None) -> None:
    """Keep one figure for ``benchmarks/run_all.py``: a JSON line appended to the file named by
    ``PARITAS_BENCH_RESULTS`` (nothing when it is unset). ``reference`` is the plain reference's figure in the
    same run (the ratio is value ÷ reference), ``target`` the figure's ceiling; smaller is better for all."""
    import json
    import os

    path = os.environ.get("PARITAS_BENCH_RESULTS")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"bench": bench, "figure": figure, "value": value, "unit": unit,
                             "reference": reference, "target": target}) + "\n")


def report(name: str, seconds: float, peak: int, reference: float | None = None, target: float | None = None,
           memory_target: int | None = None) -> None:
    ratio = f"  {reference / seconds:5.1f}x faster than reference" if reference else ""
    ok = ""
    if target is not None:
        ok += "  time OK" if seconds <= target else f"  TIME OVER TARGET {target:g} s"
    if memory_target is not None:
        ok += "  memory OK" if peak <= memory_target else f"  MEMORY OVER TARGET {memory_target / 1e9:g} GB"
    print(f"{name:<38} {seconds:7.2f} s  peak {peak / 1e9:5.2f} GB{ratio}{ok}")


def timed_get(client: Any, url: str, n: int, **headers: str) -> list[float]:
    """Seconds of ``n`` GET requests of ``url`` through a Django test client, after one to warm (chart
    renderer, templates, caches); each must answer 200."""
    client.get(url, **headers)
    out = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url, **headers)
        out.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return out


def p95(values: list[float]) -> float:
    import statistics

    return statistics.quantiles(values, n=20)[-1]


def fresh_process(command: list[str], runs: int) -> tuple[float, float, int]:
    """``command`` run ``runs`` times as a fresh process, as a user runs it: the median wall time, the median
    CPU time (user + system) and the largest peak resident memory in bytes of the child.

    As after ``pip install``, which byte-compiles every module: the children may write and read ``.pyc``
    files (whatever PYTHONDONTWRITEBYTECODE this shell sets), and an untimed first run writes them, so that
    no run times the compiling of Python sources an installed program never does.
    """
    import os
    import statistics
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _pid, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss * 1024)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{command} failed")
    return statistics.median(walls), statistics.median(cpus), max(peaks)
