"""Anonymise the participants of projects whose retention period has run out (hourly in paritas serve)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from paritas.web.projects.services import participants


class Command(BaseCommand):
    help = "Anonymise the participants of funded projects after the retention period (docs/projects.md)."

    def handle(self, *args: Any, **options: Any) -> None:
        for project in participants.due_for_anonymisation():
            count = participants.anonymise_project(project)
            if options.get("verbosity", 1):
                self.stdout.write(f"{project.slug}: {count} participants anonymised")
