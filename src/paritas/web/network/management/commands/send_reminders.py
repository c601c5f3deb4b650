from django.core.management.base import BaseCommand

from paritas.web.network import mail
from paritas.web.network.services import send_reminders


class Command(BaseCommand):
    help = ("Remind the confirmed participants of events that start within PARITAS_EVENT_REMINDER_HOURS "
            "(default 48), once each, in the language they registered in. `paritas serve` runs it hourly.")

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"participants reminded: {send_reminders(mail.reminder)}")
