from django.core.management.base import BaseCommand

from paritas.web.jobs.retention import purge


class Command(BaseCommand):
    help = ("Delete finished background jobs (and the queue's records of them) older than 24 hours, and "
            "unfinished ones older than a week. `paritas serve` runs it every hour; elsewhere run it from cron.")

    def handle(self, *args: object, **options: object) -> None:
        jobs, records = purge()
        self.stdout.write(f"jobs deleted: {jobs}, queue records deleted: {records}")
