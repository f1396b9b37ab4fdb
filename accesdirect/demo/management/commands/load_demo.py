from django.core.management import BaseCommand, CommandError

from accesdirect.core.database import analyze_after_bulk_load
from accesdirect.core.errors import DomainError
from accesdirect.demo.flag import demo_flag_require
from accesdirect.demo.generator import demo_load


class Command(BaseCommand):
    help = (
        "Charge le territoire de démonstration (Accès Direct Béarn et Accès Direct Côte Basque), "
        "une seule fois : relancée, la commande ne fait rien. Demande DEMO=1 (posé par make demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="volume relatif (1.0 : taille réelle)")
        parser.add_argument(
            "--seed", type=int, default=42, help="graine du hasard (même graine, mêmes données)"
        )

    def handle(self, *args, scale: float, seed: int, **options):
        demo_flag_require("load_demo")
        if not 0 < scale <= 5:
            raise CommandError("--scale doit être compris entre 0 (exclu) et 5.")
        try:
            report = demo_load(scale=scale, seed=seed)
        except DomainError as error:
            raise CommandError(error.message) from error
        if report is None:
            self.stdout.write("Territoire de démonstration déjà chargé : rien à faire.")
            return
        analyze_after_bulk_load()
        for structure, rows in report.rows.items():
            self.stdout.write(f"{structure} :")
            for name, count in rows.items():
                self.stdout.write(f"  {count:>7} {name}")
        self.stdout.write(f"Territoire de démonstration chargé en {report.seconds:.1f} s.")
