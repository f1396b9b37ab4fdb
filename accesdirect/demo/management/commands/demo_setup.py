import os
import time

from django.core.management import BaseCommand, call_command

from accesdirect.core.sign_in_hints import sign_in_hints_lines
from accesdirect.demo.flag import demo_flag_require
from accesdirect.referentials.models import Appellation, Commune, NafCode

DEMO_DEPARTEMENT = "64"


class Command(BaseCommand):
    help = (
        "Prépare la démo : migrations, référentiels (ROME, communes, NAF) et territoire de "
        "démonstration, chacun une seule fois ; affiche ensuite les comptes de démonstration. "
        "Demande DEMO=1 (posé par make demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"), help="port du serveur web")
        parser.add_argument("--scale", type=float, default=1.0, help="volume relatif du territoire")
        parser.add_argument("--seed", type=int, default=42, help="graine du hasard")

    def handle(self, *args, port: str, scale: float, seed: int, **options):
        # Before anything is written, the migrations included.
        demo_flag_require("demo_setup")
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Base de données prête.")
        self._load_reference_data()
        call_command("load_demo", scale=scale, seed=seed, stdout=self.stdout)
        self.stdout.write(f"Préparation terminée en {time.monotonic() - started:.1f} s.")
        self._print_logins(port)

    def _load_reference_data(self) -> None:
        # Each referential is loaded once: a cheap existence check skips it on later runs.
        steps = (
            # The whole official ROME shipped with the project, so that a CRE finds any job.
            ("ROME", Appellation.objects.all(), ("import_rome",)),
            ("Communes", Commune.objects.filter(departement=DEMO_DEPARTEMENT), ("load_communes",)),
            ("NAF", NafCode.objects.all(), ("load_naf",)),
        )
        for label, queryset, command in steps:
            if queryset.exists():
                self.stdout.write(f"{label} : déjà chargé.")
                continue
            call_command(*command, stdout=self.stdout)

    def _print_logins(self, port: str) -> None:
        lines = sign_in_hints_lines(f"http://127.0.0.1:{port}")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(lines[0]))
        for line in lines[1:]:
            self.stdout.write(line)
