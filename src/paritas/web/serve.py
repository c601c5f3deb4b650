"""``paritas serve``: migrate the database, optionally load the demo, and run the platform.

Forking rule: a process that forks workers must not have used polars (or any other library with a
thread pool) before the fork; a forked child inherits the pool's locks but not its threads, and its first
polars call waits forever. Migrations and the demo load run here, in the command's own process, which
then *replaces itself* (``exec``) with a fresh interpreter that runs only gunicorn's master
(:mod:`paritas.web.master`); each worker imports Django and polars after it was forked. ``exec`` rather
than a prepare-child, because it also covers everything the command imported before (the CLI itself
loads the analytics core), and gunicorn cannot spawn instead of fork.
"""

from __future__ import annotations

import argparse
import io
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
    serve.add_argument("--job-workers", type=int, default=1,
                       help="background job workers beside the web workers (default: 1; 0 runs none, for "
                            "workers started elsewhere with `django-admin paritas_worker`)")
    serve.set_defaults(handler=cmd_serve)


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paritas.web.settings")
    import django

    django.setup()


def prepare(demo: bool) -> None:
    """Bring the database up to date and, with ``demo``, load the demo and print its sign-in details."""
    setup()
    from django.conf import settings
    from django.core.management import call_command

    print(f"paritas: database {settings.DATABASES['default']['NAME']}", file=sys.stderr)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("purge_pending", verbosity=0, stdout=io.StringIO())
    if demo:
        from paritas.web import demo as demo_data

        if demo_data.load():
            print("paritas: demo data loaded", file=sys.stderr)
        print(f"\nDemo sign-in (password for every demo account: {demo_data.DEMO_PASSWORD}):")
        for email, role, organisation in demo_data.logins():
            print(f"  {email:<28} {role:<15} {organisation}")


def cmd_serve(args: argparse.Namespace) -> int:
    prepare(args.demo)
    print(f"\nParitas runs at http://{args.host}:{args.port}/  (Ctrl+C stops it)\n", flush=True)
    workers = args.workers or min(8, 2 * (os.cpu_count() or 1))
    host = "localhost" if args.host in ("0.0.0.0", "::") else args.host
    os.environ.setdefault("PARITAS_PUBLIC_URL", f"http://{host}:{args.port}")  # links in the hourly reminders
    _start_housekeeping()
    for _ in range(max(0, args.job_workers)):
        _start_job_worker()
    if workers > 1 and os.name == "posix":
        from django.db import connections

        connections.close_all()
        sys.stdout.flush()
        sys.stderr.flush()
        master_command = [sys.executable, "-m", "paritas.web.master", "--host", args.host, "--port", str(args.port),
                          "--workers", str(workers)]
        _exec(master_command)
    else:  # one process with threads: nothing forks
        from django.core.management import call_command

        from paritas.web.master import warm_up

        warm_up()
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True,
                     skip_checks=True)
    return 0


def _start_housekeeping() -> None:
    """Start the hourly purge of pending uploads (paritas.web.housekeeping) beside the server; it ends
    with this process (whose pid ``exec`` keeps)."""
    import subprocess

    subprocess.Popen([sys.executable, "-m", "paritas.web.housekeeping", "--parent", str(os.getpid())],
                     stdin=subprocess.DEVNULL, start_new_session=False)


def _start_job_worker() -> None:
    """Start a background job worker (``django-admin paritas_worker``, docs/jobs.md) beside the server, a
    separate interpreter that ends with this process; it imports polars after its own start and never forks."""
    import subprocess

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "paritas.web.settings")}
    subprocess.Popen([sys.executable, "-m", "django", "paritas_worker", "--parent", str(os.getpid())], env=env,
                     stdin=subprocess.DEVNULL, start_new_session=False)


def _exec(command: list[str]) -> None:
    """Replace this process by ``command`` (same pid, so a supervisor or Ctrl+C still reaches it)."""
    os.execv(command[0], command)
