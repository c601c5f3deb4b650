from django.core.management.base import BaseCommand

from paritas.web.awards.mail import send_due


class Command(BaseCommand):
    help = ("Send the due e-mails of award programmes (round opened, one week left, award expiring, new jury "
            "assignments). Run hourly.")

    def handle(self, *args: object, **options: object) -> None:
        counts = send_due()
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
