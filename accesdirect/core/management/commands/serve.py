import subprocess
import sys

from django.conf import settings
from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = "Serve the web app and run the outbox worker beside it (the demo, a single machine)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port, host, **options):
        manage = str(settings.BASE_DIR / "manage.py")
        worker = subprocess.Popen([sys.executable, manage, "run_worker"])  # noqa: S603 - our own command
        self.stdout.write(f"Travailleur d'envoi démarré (pid {worker.pid}).")
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
