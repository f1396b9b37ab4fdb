import time
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from accesdirect.referentials.importers import ReferentialImportError
from accesdirect.referentials.importers.rome import rome_import


class Command(BaseCommand):
    help = (
        "Importe le ROME 4.0 depuis l'export officiel de France Travail "
        "(dossier des fichiers unix_*_vNNN_utf8.csv). Relançable : met à jour sans doublon."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="dossier des fichiers CSV du ROME")

    def handle(self, *args, directory: Path, **options):
        started = time.monotonic()
        try:
            result = rome_import(directory=directory)
        except ReferentialImportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{result.summary()} ({time.monotonic() - started:.1f} s)")
