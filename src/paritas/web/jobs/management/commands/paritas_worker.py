"""``django-admin paritas_worker``: run jobs from the queue (docs/jobs.md).

django-tasks-db's worker, run in rounds: before each round the worker takes up jobs whose worker died
(:func:`paritas.web.jobs.runner.reclaim_stale`), then runs what is ready, renewing each running job's
lease. Any number of these may run, on any machine that reaches the database. ``paritas serve`` starts
one beside the web workers (``--parent``: it ends with the server). A worker runs at a lower CPU priority
than the web workers (``--nice``, default ``settings.JOB_WORKER_NICE``): where they share a machine, the
pages stay quick while a large file is checked, and the job takes the time the requests leave.
"""

from __future__ import annotations

import os
import signal
import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.crypto import get_random_string


def _prepare() -> None:
    """Load before the first job what an upload's jobs need, so that the first upload does not wait for
    it: the reader, the statistics and scipy's linear algebra (some 0.6 s of imports) and the reports'
    three catalogues (0.3 s, read from their .po files). A worker does not fork, so polars' thread pool,
    started here, stays its own."""
    import scipy.linalg  # noqa: F401

    from paritas.analytics import io, structure, vacancies  # noqa: F401
    from paritas.analytics.paygap import eu, logib, oaxaca  # noqa: F401
    from paritas.reports.i18n import LANGUAGES, Translator
    from paritas.reports.xlsx import write_workbook  # noqa: F401

    for lang in LANGUAGES:
        Translator(lang)


class Command(BaseCommand):
    help = "Run Paritas's background jobs"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=float, default=0.25,
                            help="seconds between looks at an empty queue (a few cheap queries each)")
        parser.add_argument("--parent", type=int, default=0, help="stop when this process has ended")
        parser.add_argument("--worker-id", default="", help="a name unique among the workers (default: random)")
        parser.add_argument("--nice", type=int, default=None,
                            help="lower the CPU priority by this much (default: PARITAS_JOB_WORKER_NICE, 10)")

    def handle(self, *args: Any, interval: float, parent: int, worker_id: str, nice: int | None,
               **options: Any) -> None:
        from django.conf import settings
        from django_tasks_db.management.commands.db_worker import Worker

        from paritas.web.jobs import runner

        niceness = settings.JOB_WORKER_NICE if nice is None else nice
        if niceness > 0:
            os.nice(niceness)

        _prepare()
        runner.renew_leases = True
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
        name = (worker_id or f"{os.uname().nodename}-{os.getpid()}-{get_random_string(6)}")[:64]
        while not stopping and (not parent or os.getppid() == parent):
            try:
                close_old_connections()
                runner.reclaim_stale()
                runner.requeue_lost_claims()
                worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
                                startup_delay=False, max_tasks=20, worker_id=name, excluded_queue_names=[])
                worker.run()
                ran = worker._run_tasks
            except Exception as exc:  # a database away for a moment: try again shortly
                self.stderr.write(f"paritas worker: {exc}")
                ran = 0
            if not ran:
                time.sleep(interval)
