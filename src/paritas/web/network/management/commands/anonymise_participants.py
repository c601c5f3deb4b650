from django.core.management.base import BaseCommand

from paritas.web.network.services import anonymise_past


class Command(BaseCommand):
    help = ("Anonymise the names and addresses of participants of network events that ended longer ago than "
            "PARITAS_PARTICIPANT_RETENTION_DAYS (default 180). `paritas serve` runs it hourly.")

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"participants anonymised: {anonymise_past()}")
