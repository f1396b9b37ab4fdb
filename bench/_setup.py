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
        _create_postgresql_database_if_missing()
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


def _create_postgresql_database_if_missing() -> None:
    """A bench database named in DATABASE_URL that does not exist yet is created (through the
    server's maintenance database), so that one command runs the bench on a fresh server."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
        return
    except OperationalError as error:
        if "does not exist" not in str(error):
            raise
    name = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
    connection.close()
