import datetime

from django.core.management import BaseCommand, CommandError
from django.utils import timezone

from accesdirect.messaging.schedule import run_schedulers


class Command(BaseCommand):
    help = "Queue the time-based messages that are due (reminders, PER ending, check-ins): one pass."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="Run as if it were this moment (ISO 8601, e.g. 2026-11-24T10:00+01:00); default: now.",
        )

    def handle(self, *args, now, **options):
        moment = timezone.now()
        if now:
            try:
                moment = datetime.datetime.fromisoformat(now)
            except ValueError:
                raise CommandError(f"--now: not an ISO 8601 date and time: {now!r}") from None
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        queued = run_schedulers(now=moment)
        for path, count in queued.items():
            self.stdout.write(f"{path}: {count}")
        self.stdout.write(f"{sum(queued.values())} message(s) mis en attente d'envoi.")
