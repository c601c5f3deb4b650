from django.core.management.base import BaseCommand

from paritas.web.workforce.models import PendingUpload


class Command(BaseCommand):
    help = ("Delete pending uploads (encrypted files waiting for a decision) older than 24 hours. "
            "`paritas serve` runs it at start and every hour; elsewhere run it hourly from cron.")

    def handle(self, *args: object, **options: object) -> None:
        deleted = PendingUpload.discard(PendingUpload.expired())
        self.stdout.write(f"pending uploads deleted: {deleted}")
