"""gunicorn's master for ``paritas serve``: started by ``exec`` from :mod:`paritas.web.serve` as a fresh
interpreter that imports nothing but gunicorn and the standard library.

Workers load the Django application *after* the fork (no ``preload_app``), so no worker inherits a polars
thread pool, a database connection or the chart renderer's JavaScript engine from the master. Before each
fork :func:`refuse_fork_with_threads` checks that the master still has a single thread; if anything ever
starts one there again, the platform stops with a message instead of hanging on its first upload.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading


class ForkAfterThreadsError(RuntimeError):
    """The master process runs more than one thread: a forked worker would inherit locks without threads."""


def thread_count() -> int:
    """Threads of this process as the kernel counts them (native pools included), else Python's count."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def refuse_fork_with_threads(_server: object = None, _worker: object = None) -> None:
    """gunicorn's ``pre_fork`` hook: fork only from a single-threaded master."""
    loaded = sorted(name for name in ("polars", "numpy", "scipy", "pyarrow") if name in sys.modules)
    count = thread_count()
    if count > 1 or loaded:
        raise ForkAfterThreadsError(
            f"paritas: the server's master process runs {count} threads and has loaded {', '.join(loaded) or '-'}; "
            "forking workers now would make their first upload hang. This is a bug in Paritas; please report it.")


def warm_up(_worker: object = None) -> None:
    """Start the chart renderer in each worker before its first request (its JavaScript engine takes a
    second to start, and must not be started before a fork), then freeze what start-up left in memory.

    gc.freeze() moves the start-up objects (Django, polars, statsmodels …) out of the collector's view:
    without it every full collection walks them again and stalls a request for ~100 ms, which made the
    slowest 5 % of jury-meeting requests three times the median (benchmarks/awards_bench.py)."""
    import gc

    from paritas.web.workforce import charts

    charts.share_bars("", [{"group": "a", "share": 0.5}], "", "", str, "de")
    gc.collect()
    gc.freeze()


def run(host: str, port: int, workers: int) -> None:
    """Serve with gunicorn: one request at a time per process (sync workers), two processes per core.

    Threads in one process share the interpreter lock, and a request that waits for it waits behind its
    neighbours; separate processes keep the slowest 5 % of dashboard requests within a few times the
    median (benchmarks/web_bench.py). Behind a reverse proxy, slow clients do not hold a worker.
    """
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {"bind": f"{host}:{port}", "workers": workers, "worker_class": "sync",
                               "accesslog": None, "timeout": 120, "preload_app": False,
                               # gunicorn's control socket is served by a thread of the master: off, so
                               # that the master stays single-threaded (and two servers share no socket)
                               "control_socket_disable": True,
                               "pre_fork": refuse_fork_with_threads, "post_worker_init": warm_up}.items():
                self.cfg.set(key, value)

        def load(self) -> object:  # in the worker, after the fork
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paritas.web.settings")
            from paritas.web.wsgi import application

            return application

    refuse_fork_with_threads()
    Server().run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="paritas.web.master")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    try:
        run(args.host, args.port, args.workers)
    except ForkAfterThreadsError as exc:
        print(exc, file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
