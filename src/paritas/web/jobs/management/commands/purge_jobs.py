from django.core.management.base import BaseCommand

from paritas.web.jobs.retention import purge, sweep_spool


class Command(BaseCommand):
    help = ("Delete finished background jobs (and the queue's records of them) older than 24 hours, "
            "unfinished ones older than a week, and the spool's files no row names. "
            "`paritas serve` runs it every hour; elsewhere run it from cron.")

    def handle(self, *args: object, **options: object) -> None:
        jobs, records = purge()
        files = sweep_spool()
        self.stdout.write(f"jobs deleted: {jobs}, queue records deleted: {records}, spool files deleted: {files}")
