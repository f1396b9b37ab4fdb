import time
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from accesdirect.core.database import analyze_after_bulk_load
from accesdirect.referentials.importers import ReferentialImportError
from accesdirect.referentials.importers.rome import rome_import


class Command(BaseCommand):
    help = (
        "Importe le ROME 4.0 : par défaut l'export officiel v460 de France Travail livré avec le "
        "projet, sinon le dossier des fichiers unix_*_vNNN_utf8.csv (ou leur archive .tar.xz) "
        "donné en argument. Relançable : met à jour sans doublon."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source",
            nargs="?",
            type=Path,
            help="dossier des fichiers CSV du ROME ou leur archive (défaut : l'export livré, v460)",
        )

    def handle(self, *args, source: Path | None, **options):
        started = time.monotonic()
        try:
            result = rome_import(source=source or settings.ROME_EXPORT)
        except ReferentialImportError as error:
            raise CommandError(str(error)) from error
        analyze_after_bulk_load("referentials")
        self.stdout.write(f"{result.summary()} ({time.monotonic() - started:.1f} s)")
