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
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True,
                 skip_checks=True)
    return 0
