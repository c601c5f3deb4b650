"""The housekeeping process of ``paritas serve``: every hour (and at once), pending uploads older than a
day are deleted (``manage.py purge_pending``). A separate interpreter started by the command, so that the
gunicorn master stays single-threaded and never touches the database; it ends when its parent does.

Where Paritas runs under another server (``gunicorn paritas.web.wsgi``, a container), run
``django-admin purge_pending --settings paritas.web.settings`` hourly from cron instead (docs/web.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

INTERVAL = 3600


def run_once() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paritas.web.settings")
    import django

    django.setup()
    from django.db import connections

    from paritas.web.workforce.services import purge_pending

    try:
        return purge_pending()
    finally:
        connections.close_all()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="paritas.web.housekeeping")
    parser.add_argument("--parent", type=int, required=True, help="stop when this process has ended")
    parser.add_argument("--interval", type=int, default=INTERVAL)
    args = parser.parse_args(argv)
    due = 0.0
    while os.getppid() == args.parent:
        if time.monotonic() >= due:
            try:
                run_once()
            except Exception as exc:
                print(f"paritas housekeeping: {exc}", file=sys.stderr)
            due = time.monotonic() + args.interval
        time.sleep(min(30, args.interval))
    return 0


if __name__ == "__main__":
    sys.exit(main())
