"""``paritas serve``: migrate the database, optionally load the demo, and run the platform."""

from __future__ import annotations

import argparse
import os
import sys


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = sub.add_parser("serve", help="run the web platform",
                           description="Run the Paritas web platform. The database is SQLite in the data directory "
                                       "(PARITAS_DATA_DIR) unless DATABASE_URL names another.")
    serve.add_argument("--demo", action="store_true", help="load demo organisations, snapshots and users")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=0,
                       help="worker processes (default: 2 per CPU core, at most 8); 1 uses Django's threaded server")
    serve.set_defaults(handler=cmd_serve)


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paritas.web.settings")
    import django

    django.setup()


def cmd_serve(args: argparse.Namespace) -> int:
    setup()
    from django.conf import settings
    from django.core.management import call_command

    print(f"paritas: database {settings.DATABASES['default']['NAME']}", file=sys.stderr)
    call_command("migrate", interactive=False, verbosity=0)
    if args.demo:
        from paritas.web import demo

        if demo.load():
            print("paritas: demo data loaded", file=sys.stderr)
        print(f"\nDemo sign-in (password for every demo account: {demo.DEMO_PASSWORD}):")
        for email, role, organisation in demo.logins():
            print(f"  {email:<28} {role:<15} {organisation}")
    print(f"\nParitas runs at http://{args.host}:{args.port}/  (Ctrl+C stops it)\n", flush=True)
    workers = args.workers or min(8, 2 * (os.cpu_count() or 1))
    if workers > 1 and os.name == "posix":
        from django.db import connections

        connections.close_all()  # a connection opened here must not be shared by the forked workers
        _gunicorn(args.host, args.port, workers)
    else:
        _warm_up()
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True,
                     skip_checks=True)
    return 0


def _warm_up(_worker: object = None) -> None:
    """Start the chart renderer in each worker before its first request (its JavaScript engine takes a
    second to start, and must not be started before a fork), then freeze what start-up left in memory.

    gc.freeze() moves the start-up objects (Django, polars, statsmodels …) out of the collector's view:
    without it every full collection walks them again and stalls a request for ~100 ms, which made the
    slowest 5 % of jury-meeting requests three times the median (benchmarks/awards_bench.py)."""
    import gc

    from paritas.web.workforce import charts

    charts.share_bars("", [{"group": "a", "share": 0.5}], "", "", str)
    gc.collect()
    gc.freeze()


def _gunicorn(host: str, port: int, workers: int) -> None:
    """Serve with gunicorn: one request at a time per process (sync workers), two processes per core.

    Threads in one process share the interpreter lock, and a request that waits for it waits behind its
    neighbours; separate processes keep the slowest 5 % of dashboard requests within a few times the
    median (benchmarks/web_bench.py). Behind a reverse proxy, slow clients do not hold a worker.
    """
    from gunicorn.app.base import BaseApplication

    from paritas.web.wsgi import application

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {"bind": f"{host}:{port}", "workers": workers, "worker_class": "sync",
                               "accesslog": None, "timeout": 120,
                               "post_worker_init": _warm_up}.items():
                self.cfg.set(key, value)

        def load(self) -> object:
            return application

    Server().run()
