"""Helpers for tests that look at the test database from outside: a child process, the planner."""

from django.db import connection


def child_database_url() -> str:
    """DATABASE_URL of the test database, for a child process to work on the same data."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def planner_rows(model) -> float:
    """The row count PostgreSQL's planner believes a model's table has (-1: never analyzed).
    ANALYZE sets it at once, even inside the test's transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table])
        return cursor.fetchone()[0]
