"""Anonymise requests for information on pay whose retention period has run out (hourly in paritas serve)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from paritas.web.paytransparency.services import requests


class Command(BaseCommand):
    help = "Anonymise requests for information on pay after the retention period (docs/paytransparency.md)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = requests.anonymise_due()
        if options.get("verbosity", 1):
            self.stdout.write(f"{count} requests anonymised")
