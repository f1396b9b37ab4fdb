import logging

from django.core.management import BaseCommand
from django.db import close_old_connections, connections
from django.utils import timezone

from accesdirect.core.process import DATABASE_OUTAGE, freeze_startup_objects, stop_on_signals
from accesdirect.messaging.schedule import run_schedulers

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Queue the time-based messages that fall due (reminders, PER ending, check-ins), once a "
        "minute, forever: the scheduler service of a production set-up, beside `run_worker "
        "--no-schedulers`. One pass: queue_scheduled_messages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between two passes.")

    def handle(self, *args, interval, **options):
        stop = stop_on_signals()
        freeze_startup_objects()
        self.stdout.write("Planificateur des messages démarré… (Ctrl-C pour arrêter)")
        while not stop.requested:
            # A long-lived process outside the request cycle: drop a connection that the
            # database closed (restart, CONN_MAX_AGE) before the pass uses it.
            close_old_connections()
            try:
                queued = run_schedulers(now=timezone.now())
            except DATABASE_OUTAGE:
                # Killed mid-pass (close_old_connections only sees a connection known broken):
                # drop it, the next pass runs on a new one. The schedulers are idempotent.
                logger.warning("scheduler: database unavailable, retrying", exc_info=True)
                connections.close_all()
                stop.sleep(min(interval, 5.0))
                continue
            if any(queued.values()):
                logger.info("scheduled messages queued: %s", queued)
            stop.sleep(interval)
