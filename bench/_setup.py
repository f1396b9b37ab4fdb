"""Shared set-up of the benchmarks: a throw-away database (SQLite in a temporary folder unless
DATABASE_URL is set), migrated, with Django configured."""

import os
import sys
import tempfile
from pathlib import Path


def django_with_fresh_database() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if not os.environ.get("DATABASE_URL"):
        os.environ["ACCESDIRECT_VAR_DIR"] = tempfile.mkdtemp(prefix="accesdirect-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accesdirect.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    if os.environ.get("DATABASE_URL"):
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
