"""Database upkeep that the application itself must do."""

from django.apps import apps
from django.db import connection


def analyze_after_bulk_load(*app_labels: str) -> list[str]:
    """Refresh PostgreSQL's planner statistics of the tables of these apps (of every table if
    none is named), and return the tables analyzed.

    Called by the commands that load thousands of rows at once (référentiels, demo). Until
    autovacuum notices, minutes later, the planner believes the tables empty and picks nested
    loops over 35,000 communes or 13,000 appellations: the first pages after a load would crawl.
    SQLite keeps its built-in estimates (nothing is done there): the demo behaves as it always has.
    """
    if connection.vendor != "postgresql":
        return []
    if app_labels:
        models = [
            model
            for label in app_labels
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
        ]
        tables = sorted({model._meta.db_table for model in models})
    else:
        tables = sorted(connection.introspection.django_table_names(only_existing=True))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))
    return tables
