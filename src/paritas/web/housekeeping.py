"""The housekeeping process of ``paritas serve``: every hour (and at once), pending uploads older than a
day are deleted (``manage.py purge_pending``). A separate interpreter started by the command, so that the
gunicorn master stays single-threaded and never touches the database; it ends when its parent does. The
loop itself imports neither Django nor polars (a few MB); each purge runs in a short-lived child.

Where Paritas runs under another server (``gunicorn paritas.web.wsgi``, a container), run
``django-admin purge_pending --settings paritas.web.settings`` hourly from cron instead (docs/web.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

INTERVAL = 3600


#: The hourly commands: pending uploads and finished jobs after a day, participants of past events and of
#: ended projects and requests for information on pay after their retention periods, reminders before
#: events, and the award programmes' mails (calls, jury assignments, review reminders).
COMMANDS = ("purge_pending", "purge_jobs", "anonymise_participants", "send_reminders", "anonymise_projects",
            "anonymise_pay_requests", "awards_mail")


def run_once() -> int:
    """Run the hourly commands, each in a child interpreter; the first non-zero exit status, else 0."""
    import subprocess

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "paritas.web.settings")}
    codes = [subprocess.run([sys.executable, "-m", "django", command, "-v", "0"], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, timeout=600).returncode for command in COMMANDS]
    return next((code for code in codes if code), 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="paritas.web.housekeeping")
    parser.add_argument("--parent", type=int, required=True, help="stop when this process has ended")
    parser.add_argument("--interval", type=int, default=INTERVAL)
    args = parser.parse_args(argv)
    due = 0.0
    while os.getppid() == args.parent:
        if time.monotonic() >= due:
            try:  # a database that is away now may be back in an hour
                if run_once() != 0:
                    print("paritas housekeeping: a command failed; trying again in an hour", file=sys.stderr)
            except Exception as exc:
                print(f"paritas housekeeping: {exc}", file=sys.stderr)
            due = time.monotonic() + args.interval
        time.sleep(min(30, args.interval))
    return 0


if __name__ == "__main__":
    sys.exit(main())
