import os
import sys

from django.core.management import BaseCommand, CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

GUNICORN_CONFIG = "python:accesdirect.gunicorn_conf"


class Command(BaseCommand):
    help = (
        "Serve the site in production with gunicorn (settings: accesdirect/gunicorn_conf.py, BIND, "
        "PORT, WORKERS, TIMEOUT): collects the static files first, and refuses to start while "
        "migrations are waiting."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="The static files are already collected into STATIC_ROOT (read-only install, image).",
        )

    def handle(self, *args, no_collectstatic, **options):
        # A site serving with columns it does not have yet answers 500 to every page: the
        # upgrade is `migrate`, then a restart.
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            raise CommandError(
                f"{len(pending)} migration(s) à appliquer : lancez « manage.py migrate », "
                "puis relancez le site."
            )
        if not no_collectstatic:
            # With DEBUG=false every page links its CSS through the manifest of collected files:
            # without them, every page would be a 500.
            call_command("collectstatic", interactive=False, verbosity=0)
        connections.close_all()
        sys.stdout.flush()
        # gunicorn takes this process's place: systemd or the container supervises it directly.
        gunicorn = [sys.executable, "-m", "gunicorn", "--config", GUNICORN_CONFIG]
        os.execv(sys.executable, gunicorn)  # noqa: S606 - our own interpreter, fixed arguments
