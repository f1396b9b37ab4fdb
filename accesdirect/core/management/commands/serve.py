import subprocess
import sys
import threading
import time
import urllib.request

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import connection

from accesdirect.core.sign_in_hints import sign_in_hints_lines


class Command(BaseCommand):
    help = "Serve the web app and run the outbox worker beside it (the demo, a single machine)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port, host, **options):
        manage = str(settings.BASE_DIR / "manage.py")
        worker = subprocess.Popen([sys.executable, manage, "run_worker"])  # noqa: S603 - our own command
        self.stdout.write(f"Travailleur d'envoi démarré (pid {worker.pid}).")
        if settings.DEMO_MODE:
            # The accounts come last, once the server answers: above them scroll the server's
            # banner and the SMS the worker prints, and a newcomer must not have to look for them.
            threading.Thread(target=self._announce, args=(host, port), daemon=True).start()
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()

    def _announce(self, host: str, port: str, seconds: float = 60) -> None:
        url = f"http://{host}:{port}/healthz"
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                    break
            except OSError:
                time.sleep(0.5)
        time.sleep(1)  # the worker's first batch of SMS lines
        try:
            lines = sign_in_hints_lines(f"http://{host}:{port}")
        finally:
            connection.close()  # this thread's own connection
        if lines:
            self.stdout.write("\n".join(["", self.style.SUCCESS(lines[0]), *lines[1:]]) + "\n")
