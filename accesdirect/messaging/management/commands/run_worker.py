import datetime

from django.core.management import BaseCommand

from accesdirect.core.process import freeze_startup_objects, stop_on_signals
from accesdirect.messaging import worker


class Command(BaseCommand):
    help = "Send the outbox's due messages (SMS, e-mail), forever or once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send one batch and stop.")
        parser.add_argument("--batch-size", type=int, default=50)
        parser.add_argument("--poll-interval", type=float, default=1.0)
        parser.add_argument(
            "--stale-after",
            type=float,
            default=worker.STALE_AFTER.total_seconds(),
            help=(
                "Seconds after which a message a dead worker handed to a provider becomes uncertain "
                "(one it never handed is queued again after a few seconds)."
            ),
        )
        parser.add_argument(
            "--no-schedulers",
            action="store_true",
            help="Leave the reminders to their own service (run_scheduler) instead of queuing them here.",
        )

    def handle(self, *args, once, batch_size, poll_interval, stale_after, no_schedulers, **options):
        stale = datetime.timedelta(seconds=stale_after)
        if once:
            from django.utils import timezone

            now = timezone.now()
            worker.reclaim_stale(now=now, stale_after=stale)
            report = worker.run_batch(chain=worker.FailoverChain(worker.build_chain()), limit=batch_size)
            self.stdout.write(str(report))
            return
        # Finish the message in hand, then stop: SIGTERM from `make demo` or a supervisor.
        stop = stop_on_signals()
        freeze_startup_objects()
        self.stdout.write("Envoi des messages en attente… (Ctrl-C pour arrêter)")
        worker.run_forever(
            limit=batch_size,
            poll_interval=poll_interval,
            stale_after=stale,
            should_stop=lambda: stop.requested,
            schedulers=not no_schedulers,
        )
