from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = "Prepare the demo: migrate, load reference data and the demo territory once."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Base de données prête.")
