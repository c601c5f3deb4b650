"""The housekeeping process of ``paritas serve``: every hour (and at once), pending uploads older than a
day are deleted (``manage.py purge_pending``), and the other hourly commands run (:data:`COMMANDS`). A
separate interpreter started by the command, so that the gunicorn master stays single-threaded and never
touches the database; it ends when its parent does. The loop itself imports neither Django nor polars (a
few MB); each round runs the commands one after another in one short-lived child (one start of Django:
a child per command took 8 s of CPU at every round, in the first seconds of a new server among them),
at a lower CPU priority than the web and the job workers (:data:`NICE`): none of it is urgent.

Where Paritas runs under another server (``gunicorn paritas.web.wsgi``, a container), run
``django-admin purge_pending --settings paritas.web.settings`` hourly from cron instead (docs/web.md).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time

INTERVAL = 3600


#: The hourly commands: pending uploads and finished jobs after a day, participants of past events and of
#: ended projects and requests for information on pay after their retention periods, reminders before
#: events, and the award programmes' mails (calls, jury assignments, review reminders).
COMMANDS = ("purge_pending", "purge_jobs", "anonymise_participants", "send_reminders", "anonymise_projects",
            "anonymise_pay_requests", "awards_mail")


#: How much lower the housekeeping's CPU priority is than the server's (``nice``); the job worker's is 10.
NICE = 15


def run_once() -> int:
    """Run the hourly commands in a child interpreter; its exit status (non-zero where one failed)."""
    import subprocess

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "paritas.web.settings")}
    return subprocess.run([sys.executable, "-m", "paritas.web.housekeeping", "--commands"], env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, timeout=600 * len(COMMANDS)).returncode


def run_commands() -> int:
    """Run each of :data:`COMMANDS` (in this interpreter); 1 where one of them failed (the others still
    ran, and the failure was printed), else 0."""
    import django
    from django.core.management import call_command

    django.setup()
    failed = False
    for command in COMMANDS:
        try:
            call_command(command, verbosity=0)
        except Exception as exc:  # one command's failure must not keep the others from running
            print(f"paritas housekeeping: {command}: {exc!r}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="paritas.web.housekeeping")
    parser.add_argument("--parent", type=int, help="stop when this process has ended")
    parser.add_argument("--interval", type=int, default=INTERVAL)
    parser.add_argument("--commands", action="store_true", help="run the hourly commands once, here (the child)")
    args = parser.parse_args(argv)
    if args.commands:
        return run_commands()
    if args.parent is None:
        parser.error("--parent is required")
    with contextlib.suppress(OSError):  # the children inherit it
        os.nice(NICE)
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
